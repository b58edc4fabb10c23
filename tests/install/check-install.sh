#!/usr/bin/env bash
# Installs the build tree into a scratch prefix, then configures, builds and runs an outside
# project against it with nothing but find_package(corbel).
#   check-install.sh BUILD_DIR OUTSIDE_SOURCE_DIR SCRATCH_DIR
set -euo pipefail
build=$1
outside=$2
scratch=$3

rm -rf "$scratch"
cmake --install "$build" --prefix "$scratch/prefix" >/dev/null
# The installed programs start without help from LD_LIBRARY_PATH.
env -u LD_LIBRARY_PATH "$scratch/prefix/bin/corbel-idlc" --version >/dev/null
env -u LD_LIBRARY_PATH "$scratch/prefix/bin/corbel" help >/dev/null
cmake -S "$outside" -B "$scratch/build" -DCMAKE_PREFIX_PATH="$scratch/prefix" >/dev/null
cmake --build "$scratch/build" -j2 >/dev/null
"$scratch/build/outside"
