#!/usr/bin/env bash
# Runs a sample server in the background on 127.0.0.1, passes the reference it prints first
# to the client with the remaining arguments, then stops the server with SIGTERM and checks
# that it exited 0.   run_pair.sh SERVER CLIENT [CLIENT-ARGUMENTS...]
set -euo pipefail
server=$1
client=$2
shift 2
output=$(mktemp)
trap 'rm -f "$output"; [[ -n ${pid:-} ]] && kill "$pid" 2>/dev/null || true' EXIT
"$server" > "$output" &
pid=$!
for _ in $(seq 1 100); do  # at most 10 s for the first line
    [[ -s $output ]] && break
    sleep 0.1
done
reference=$(head -n 1 "$output")
[[ -n $reference ]] || { echo "$server printed no reference" >&2; exit 1; }
echo "$(basename "$server") is up: $reference"
echo "+ $(basename "$client") $reference $*"
"$client" "$reference" "$@"
kill -TERM "$pid"
for _ in $(seq 1 50); do  # at most 5 s to stop
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid"
    echo "$server did not stop within 5 s of SIGTERM" >&2
    exit 1
fi
status=0
wait "$pid" || status=$?
pid=
[[ $status -eq 0 ]] || { echo "$server exited with status $status" >&2; exit 1; }
echo "server stopped cleanly"
