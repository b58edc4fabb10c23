#!/usr/bin/env bash
# The bank demo end to end: bank-server in the background on 127.0.0.1, its reference read
# from its first line of output, bank-client calls (one withdrawal refused), then SIGTERM to
# that server and a check that it stopped cleanly.
#   demo.sh PATH/TO/bank-server PATH/TO/bank-client
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../common/run_pair.sh" "$1" "$2" deposit 100 deposit 50 withdraw 500 balance withdraw 30 balance
