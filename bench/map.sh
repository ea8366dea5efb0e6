#!/usr/bin/env bash
# The city map at wall resolution (3840x2160, offscreen: the Qt Quick software renderer) with 1k, 10k,
# 100k and 1M live sensor markers, 10% of them changing per second: GUI-thread time per frame (marker
# updates + polish + node sync), whole frame time, adding all markers, one second of changes, a pan
# frame, hit-testing, memory, scene-graph nodes; against a naive reference measured in the same run
# (QPainter drawing every marker into a 4K image each frame).
#
#   bench/map.sh             (from the repository root)
#
# Runs citybrain-mapbench (bench/map/mapbench.cpp). Method and figures: docs/performance.md. The last
# line is
#   map markers=100000 gui_ms=<x> frame_ms=<x> add_ms=<x> update_ms=<x> mem_mb=<x> hit_ms=<x>
# It reports and does not judge: exit 0 unless the bench itself could not run.
#
# Environment: BUILD_DIR (default build/release: figures of an optimised build), MAPBENCH (binary;
# default $BUILD_DIR/bin/citybrain-mapbench), BENCH_BUILD=0 to skip building. Extra arguments go to
# citybrain-mapbench (--help lists them: --counts, --frames, --size).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build/release}
MAPBENCH=${MAPBENCH:-$BUILD_DIR/bin/citybrain-mapbench}

say() { printf '%s\n' "$*" >&2; }

if [[ ${BENCH_BUILD:-1} == 1 && $BUILD_DIR == "$ROOT/build/release" && ! -f $BUILD_DIR/build.ninja ]]; then
    say "configuring the release build in $BUILD_DIR"
    (cd "$ROOT" && cmake --preset release >&2)
fi
if [[ ${BENCH_BUILD:-1} == 1 && -f $BUILD_DIR/build.ninja ]]; then
    say "building citybrain-mapbench in $BUILD_DIR"
    cmake --build "$BUILD_DIR" --target citybrain-mapbench >&2
fi
[[ -x $MAPBENCH ]] || { say "missing $MAPBENCH (build it: cmake --preset release && cmake --build --preset release --target citybrain-mapbench)"; exit 1; }

OUT=$(mktemp)
ERR=$(mktemp)
trap 'rm -f "$OUT" "$ERR"' EXIT
"$MAPBENCH" "$@" >"$OUT" 2>"$ERR" || {
    say "citybrain-mapbench failed:"
    cat "$OUT" "$ERR" >&2
    exit 1
}
LAST=$(tail -n 1 "$OUT")
[[ $LAST == "map markers="* ]] || { say "unexpected output:"; cat "$OUT" "$ERR" >&2; exit 1; }

printf '\n%s\n' "CityBrain map bench, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(sed -n 's/^model name\s*:\s*//p' /proc/cpuinfo | head -n 1)"
[[ -f $BUILD_DIR/CMakeCache.txt ]] && printf 'build: %s (%s)\n' "$BUILD_DIR" \
    "$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD_DIR/CMakeCache.txt")"
sed '$d' "$OUT"
echo "$LAST"
exit 0
