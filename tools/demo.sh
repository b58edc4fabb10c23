#!/usr/bin/env bash
# Builds corbel and runs the demo. Usage: tools/demo.sh [build-dir]
#   1. the bank: bank-server in the background on 127.0.0.1, bank-client calls through the
#      proxy generated from samples/bank/bank.idl (one withdrawal is refused with a user
#      exception), then SIGTERM to that server and a check that it stopped cleanly;
#   2. Person {"Smith", "London", 1934} in CDR, as figure 4.8 draws it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" --target bank-server bank-client person

echo
echo "== 1. The bank: a remote Bank::Account over UDP on 127.0.0.1 =="
"$root/samples/bank/demo.sh" "$build/samples/bank/bank-server" "$build/samples/bank/bank-client"

echo
echo "== 2. Person in CDR (figure 4.8) =="
"$build/samples/person/person"
