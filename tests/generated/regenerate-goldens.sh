#!/bin/sh
# Regenerates golden/NAME.rpc.hpp and golden/NAME.rpc.cpp, the proxies and skeletons generated
# for golden/NAME.idl, after a deliberate change to the generator. Review the diff before
# committing it.
# Usage: tests/generated/regenerate-goldens.sh [path/to/corbel-idlc]   (default: build-gen's)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
idlc=${1:-$here/../../build-gen/idlc/corbel-idlc}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cd "$here/golden"
for idl in *.idl; do
    "$idlc" -o "$scratch" "$idl"
    stem=${idl%.idl}
    cp "$scratch/$stem.rpc.hpp" "$scratch/$stem.rpc.cpp" .
done
echo "regenerated the proxies and skeletons of $(ls *.idl | wc -l) golden IDL files"
