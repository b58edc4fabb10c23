#!/bin/sh
# Regenerates the expected outputs of the compiler's tests after a deliberate change:
#   golden/NAME.hpp, golden/NAME.cpp   the C++ generated for golden/NAME.idl
#   errors/NAME.expected              the diagnostics printed for errors/NAME.idl
# Usage: tests/idlc/regenerate-goldens.sh [path/to/corbel-idlc]   (default: build-idlc's)
# Review the diff before committing it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
idlc=${1:-$here/../../build-idlc/idlc/corbel-idlc}
idlc=$(cd "$(dirname "$idlc")" && pwd)/$(basename "$idlc")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cd "$here/golden"
for idl in *.idl; do
    # only the data types are this folder's goldens (tests/generated has the proxies')
    "$idlc" -o "$scratch" "$idl"
    cp "$scratch/${idl%.idl}.hpp" "$scratch/${idl%.idl}.cpp" .
done

cd "$here/errors"
for idl in *.idl; do
    if "$idlc" -o "$scratch" "$idl" 2> "${idl%.idl}.expected"; then
        echo "error: $idl compiled without errors" >&2
        exit 1
    fi
done
echo "regenerated $(ls "$here/golden"/*.idl | wc -l) golden files and $(ls "$here/errors"/*.idl | wc -l) error files"
