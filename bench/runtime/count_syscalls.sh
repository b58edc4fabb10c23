#!/usr/bin/env bash
# Counts the system calls a blocking null call costs the client, with strace -c on a client
# process making N calls to a server in another process. Usage: count_syscalls.sh BENCH [N]
set -euo pipefail
bench=${1:?path to corbel_round_trip_bench}
calls=${2:-20000}
fifo=$(mktemp -u)
mkfifo "$fifo"
"$bench" --serve > "$fifo" &
server=$!
trap 'kill "$server" 2>/dev/null; rm -f "$fifo"' EXIT
read -r ref < "$fifo"
# warm-up calls are part of both runs, so the difference is N calls' worth
strace -f -c -o /tmp/corbel_syscalls_small.txt "$bench" --call "$ref" 1000 > /dev/null
strace -f -c -o /tmp/corbel_syscalls_large.txt "$bench" --call "$ref" $((calls + 1000))
echo "client system calls per blocking null call (difference of $((calls + 1000)) and 1000 calls):"
python3 - "$calls" /tmp/corbel_syscalls_small.txt /tmp/corbel_syscalls_large.txt <<'PY'
import sys
calls = int(sys.argv[1])
def read(path):
    counts = {}
    for line in open(path):
        parts = line.split()
        if len(parts) >= 5 and parts[0][0].isdigit() and parts[-1] != 'total':
            counts[parts[-1]] = int(parts[3])
    return counts
small, large = read(sys.argv[2]), read(sys.argv[3])
total = 0
for name in sorted(large):
    extra = large[name] - small.get(name, 0)
    if extra > 0:
        total += extra
        print(f"  {name:12s} {extra / calls:6.3f}")
print(f"  {'total':12s} {total / calls:6.3f}")
PY
