#!/usr/bin/env bash
# History store: writer throughput against raw sqlite3, a 24 h range query, the wall's cold-start reads.
#
#   bench/store.sh             (from the repository root)
#
# Runs citybrain-storebench (bench/store/storebench.cpp) on temporary files: HistoryStore append..flush
# of 2M telemetry values (2,000 series x 1,000 s, shuffled, 1% late, batches of 2,000) against raw sqlite3
# batched inserts of the same rows (no index, WAL, synchronous=NORMAL) in the same run; HistoryReader::range
# over 24 h at 1 s -> 2,000 px; and restoreFromStore's reads on a database with 7 days of history (cached
# under $BUILD_DIR/bench-store, rewritten when a day old). Method and figures: docs/performance.md.
# The last line is
#   store ratio=<r> query_ms=<x> coldstart_ms=<x>
# It reports and does not judge: exit 0 unless the bench itself could not run.
#
# Environment: BUILD_DIR (default build/release: figures of an optimised build), STOREBENCH (binary;
# default $BUILD_DIR/bin/citybrain-storebench), BENCH_BUILD=0 to skip building, KEEP=1 to keep the work
# folder. Extra arguments go to citybrain-storebench (--help lists them).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build/release}
STOREBENCH=${STOREBENCH:-$BUILD_DIR/bin/citybrain-storebench}
CACHE=${CACHE:-$BUILD_DIR/bench-store}

say() { printf '%s\n' "$*" >&2; }

if [[ ${BENCH_BUILD:-1} == 1 && $BUILD_DIR == "$ROOT/build/release" && ! -f $BUILD_DIR/build.ninja ]]; then
    say "configuring the release build in $BUILD_DIR"
    (cd "$ROOT" && cmake --preset release >&2)
fi
if [[ ${BENCH_BUILD:-1} == 1 && -f $BUILD_DIR/build.ninja ]]; then
    say "building citybrain-storebench in $BUILD_DIR"
    cmake --build "$BUILD_DIR" --target citybrain-storebench >&2
fi
[[ -x $STOREBENCH ]] || { say "missing $STOREBENCH (build it: cmake --preset release && cmake --build --preset release --target citybrain-storebench)"; exit 1; }

# On the same file system as the build (a disk), not a tmpfs /tmp: the writer figures are disk figures.
WORK=$(mktemp -d "$BUILD_DIR/storebench-XXXXXX")
cleanup() {
    if [[ ${KEEP:-0} == 1 ]]; then say "work folder kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

OUT="$WORK/out.txt"
QT_LOGGING_RULES=${QT_LOGGING_RULES:-citybrain.store.info=false} \
    "$STOREBENCH" --work "$WORK" --cache "$CACHE" "$@" >"$OUT" 2>"$WORK/err.txt" || {
    say "citybrain-storebench failed:"
    cat "$OUT" "$WORK/err.txt" >&2
    exit 1
}
LAST=$(tail -n 1 "$OUT")
[[ $LAST == "store ratio="* ]] || { say "unexpected output:"; cat "$OUT" "$WORK/err.txt" >&2; exit 1; }

printf '\n%s\n' "CityBrain store bench, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(sed -n 's/^model name\s*:\s*//p' /proc/cpuinfo | head -n 1)"
[[ -f $BUILD_DIR/CMakeCache.txt ]] && printf 'build: %s (%s), SQLite %s, files on %s\n' "$BUILD_DIR" \
    "$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD_DIR/CMakeCache.txt")" \
    "$(sqlite3 --version 2>/dev/null | cut -d' ' -f1 || echo '?')" "$(df --output=fstype "$WORK" | tail -n 1)"
sed '$d' "$OUT"
echo "$LAST"
exit 0
