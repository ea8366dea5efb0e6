#!/usr/bin/env bash
# Rule engine: cost per telemetry sample with 100 rules and 10,000 sensors, against two references
# measured in the same run on the same samples.
#
#   bench/rules.sh             (from the repository root)
#
# Runs citybrain-rulesbench (bench/rules/rulesbench.cpp): the 23 shipped default rules plus 77 more of
# every type (threshold, rate, silence; by district, sensor group, time of day, metric lines, per-sensor
# overrides), 10,000 sensors of the five domains with the simulator's metrics, 2,000,000 samples (each
# sensor every 10 s of simulated time; a few percent in episodes that raise and clear alarms, a few going
# silent), RuleEngine::observe timed, tick() once per simulated second timed apart. References: copying
# each TelemetrySample, and one QHash<QString, int> lookup of the sensor id per sample. Method and
# figures: docs/performance.md. The last line is
#   rules ns_per_sample=<x> ratio_copy=<r> ratio_lookup=<r>
# It reports and does not judge: exit 0 unless the bench itself could not run.
#
# Environment: BUILD_DIR (default build/release: figures of an optimised build), RULESBENCH (binary;
# default $BUILD_DIR/bin/citybrain-rulesbench), BENCH_BUILD=0 to skip building. Extra arguments go to
# citybrain-rulesbench (--help lists them).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build/release}
RULESBENCH=${RULESBENCH:-$BUILD_DIR/bin/citybrain-rulesbench}

say() { printf '%s\n' "$*" >&2; }

if [[ ${BENCH_BUILD:-1} == 1 && $BUILD_DIR == "$ROOT/build/release" && ! -f $BUILD_DIR/build.ninja ]]; then
    say "configuring the release build in $BUILD_DIR"
    (cd "$ROOT" && cmake --preset release >&2)
fi
if [[ ${BENCH_BUILD:-1} == 1 && -f $BUILD_DIR/build.ninja ]]; then
    say "building citybrain-rulesbench in $BUILD_DIR"
    cmake --build "$BUILD_DIR" --target citybrain-rulesbench >&2
fi
[[ -x $RULESBENCH ]] || { say "missing $RULESBENCH (build it: cmake --preset release && cmake --build --preset release --target citybrain-rulesbench)"; exit 1; }

OUT=$(mktemp)
ERR=$(mktemp)
trap 'rm -f "$OUT" "$ERR"' EXIT
"$RULESBENCH" "$@" >"$OUT" 2>"$ERR" || {
    say "citybrain-rulesbench failed:"
    cat "$OUT" "$ERR" >&2
    exit 1
}
LAST=$(tail -n 1 "$OUT")
[[ $LAST == "rules ns_per_sample="* ]] || { say "unexpected output:"; cat "$OUT" "$ERR" >&2; exit 1; }

printf '\n%s\n' "CityBrain rules bench, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(sed -n 's/^model name\s*:\s*//p' /proc/cpuinfo | head -n 1)"
[[ -f $BUILD_DIR/CMakeCache.txt ]] && printf 'build: %s (%s)\n' "$BUILD_DIR" \
    "$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD_DIR/CMakeCache.txt")"
sed '$d' "$OUT"
echo "$LAST"
exit 0
