#!/usr/bin/env bash
# Installs what is missing, builds everything (benchmarks included) and runs every test.
#   tools/test.sh             the normal build, in build/
#   tools/test.sh --sanitize  the AddressSanitizer + UndefinedBehaviorSanitizer build, in build-sanitize/
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

build=$root/build
options=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCORBEL_BUILD_BENCHMARKS=ON)
if [ "${1:-}" = "--sanitize" ]; then
  build=$root/build-sanitize
  options=(-DCMAKE_BUILD_TYPE=Debug -DCORBEL_SANITIZE=ON -DCORBEL_BUILD_BENCHMARKS=OFF)
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi

bash "$root/tools/setup.sh"
cmake -S "$root" -B "$build" "${options[@]}"
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)" --timeout 900
