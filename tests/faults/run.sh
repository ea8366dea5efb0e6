#!/usr/bin/env bash
# Fault injection against a live wall (docs/reliability.md):
#
#   tests/faults/run.sh            the short run (each fault 5 times; also part of ./test.sh)
#   tests/faults/run.sh --long     each fault 100 times, broker outages up to 120 s, 60 s bursts (hours)
#
# Other options go to citybrain-faults (--repeat N, --faults broker-kill,app-kill,broker-outage,disk-full,
# db-locked,burst-3x, --seed S, --work-dir DIR). Builds what is missing in build/dev first (run ./test.sh
# or ./run.sh once on a fresh machine). The last line is
#   faults injected=<n> lost=<n> duplicates=<n> reordered=<n>
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build/dev}
if [[ ! -f $BUILD_DIR/build.ninja ]]; then
    echo "no build in $BUILD_DIR: run ./test.sh (or ./run.sh) first" >&2
    exit 2
fi
cmake --build "$BUILD_DIR" --target citybrain-faults >&2
args=("$@")
[[ $# -eq 0 ]] && args=(--short)
exec "$BUILD_DIR/bin/citybrain-faults" "${args[@]}"
