#!/usr/bin/env bash
# Installs, with apt-get, everything that building, testing and benchmarking corbel need.
# Idempotent: packages already present are skipped, and apt-get update runs only when needed.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  # compiler front end: ANTLR4 C++ runtime and the tool that generates the parser (needs a JRE)
  libantlr4-runtime-dev antlr4 default-jre-headless
  # runtime transport
  libuv1-dev
  # tests and JSON
  doctest-dev nlohmann-json3-dev
  # peers for cross-checks and benchmarks
  omniorb omniidl libomniorb4-dev omniorb-idl libfastcdr-dev libbenchmark-dev
  libtirpc-dev rpcsvc-proto
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
