#!/usr/bin/env bash
# Installs the build tree into a scratch prefix, builds the bank sample as an outside project
# against it (find_package(corbel), corbel_generate, corbel::runtime), and runs the bank demo
# with the programs built there.
#   check-outside-bank.sh BUILD_DIR SOURCE_DIR SCRATCH_DIR
set -euo pipefail
build=$1
source=$2
scratch=$3

rm -rf "$scratch"
cmake --install "$build" --prefix "$scratch/prefix" >/dev/null
cmake -S "$source/tests/install/outside_bank" -B "$scratch/build" -DCMAKE_PREFIX_PATH="$scratch/prefix" \
      -DBANK_SAMPLE_DIR="$source/samples/bank" >/dev/null
cmake --build "$scratch/build" -j2 >/dev/null
"$source/samples/bank/demo.sh" "$scratch/build/bank-server" "$scratch/build/bank-client"
