#!/bin/sh
# Builds the CDR benchmark and runs it: corbel vs Fast CDR 1.0 vs memcpy, then the ratio table.
#
# usage: bench/cdr/run.sh [build-dir] [Google Benchmark flags...]
#   build-dir defaults to build-bench at the top of the tree; it is configured with
#   CORBEL_BUILD_BENCHMARKS=ON and keeps its build type (RelWithDebInfo unless set).
# Exit status 1 when a target is missed (see the last line of the table).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build-bench}
[ $# -gt 0 ] && shift

cmake -S "$root" -B "$build" -DCORBEL_BUILD_BENCHMARKS=ON >/dev/null
cmake --build "$build" -j2 --target cdr_bench >/dev/null
# Interleaved repetitions spread interference from other processes over every contender;
# the table then takes each one's fastest repetition.
exec "$build/bench/cdr/cdr_bench" \
  --benchmark_repetitions=10 \
  --benchmark_enable_random_interleaving=true \
  --benchmark_min_time=0.2 \
  --benchmark_report_aggregates_only=true \
  "$@"
