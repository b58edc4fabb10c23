#!/usr/bin/env bash
# The bank demo end to end: bank-server in the background on 127.0.0.1, its reference read
# from its first line of output, bank-client calls (one withdrawal refused), then SIGTERM to
# that server and a check that it stopped cleanly.
#   demo.sh PATH/TO/bank-server PATH/TO/bank-client
set -euo pipefail
server=$1
client=$2
output=$(mktemp)
trap 'rm -f "$output"; [[ -n ${pid:-} ]] && kill "$pid" 2>/dev/null || true' EXIT

"$server" > "$output" &
pid=$!
for _ in $(seq 1 100); do  # at most 10 s for the first line
    [[ -s $output ]] && break
    sleep 0.1
done
reference=$(head -n 1 "$output")
[[ -n $reference ]] || { echo "bank-server printed no reference" >&2; exit 1; }
echo "bank-server is up: $reference"

set -x
"$client" "$reference" deposit 100 deposit 50 withdraw 500 balance withdraw 30 balance
{ set +x; } 2>/dev/null

kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=
[[ $status -eq 0 ]] || { echo "bank-server exited with status $status" >&2; exit 1; }
echo "server stopped cleanly"
