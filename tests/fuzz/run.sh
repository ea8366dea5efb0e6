#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (clang, AddressSanitizer + UndefinedBehaviorSanitizer) and
# fuzzes each for a bounded time (docs/reliability.md, "Fuzzing").
#
#   tests/fuzz/run.sh [--seconds N] [--long] [--build-dir DIR] [target...]
#
#   --seconds N     fuzz each target N seconds (default 15; with --long 3600)
#   --long          the long run: one fuzzing process per core (-fork), value profiling, and a corpus kept
#                   across runs in DIR/corpus/<target> (seeded from the repository's corpus every time)
#   --build-dir DIR the clang build tree (default build/fuzz); configured on first use, then built
#                   incrementally
#   target...       only these (default: all of fuzz_feed fuzz_ngsi fuzz_cap fuzz_geojson fuzz_layout
#                   fuzz_config fuzz_rules)
#
# The short run works on a copy of tests/fuzz/corpus/<target> in a temporary directory: inputs found while
# fuzzing never go back into the repository. Prints one line per target and last
#   fuzz targets=<n> runs=<total execs> crashes=<n>
# and exits non-zero on any crash, leak, sanitizer report or time-out, naming the reproducer, which stays in
# DIR/artifacts/<target>/ (replay it: DIR/<target> <file>).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds=""
long=0
build="$root/build/fuzz"
targets=()
all_targets=(fuzz_feed fuzz_ngsi fuzz_cap fuzz_geojson fuzz_layout fuzz_config fuzz_rules)

while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --long) long=1; shift ;;
        --build-dir) build="$2"; shift 2 ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        fuzz_*) targets+=("$1"); shift ;;
        *) echo "fuzz: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")
if [ -z "$seconds" ]; then
    if [ "$long" -eq 1 ]; then seconds=3600; else seconds=15; fi
fi
case "$seconds" in ''|*[!0-9]*) echo "fuzz: --seconds needs a whole number" >&2; exit 2 ;; esac

# No clang or no libFuzzer runtime is a failure, not a skip: scripts/debian-packages.txt lists both.
die() { echo "fuzz: FAILED: $*" >&2; exit 1; }
command -v clang++ >/dev/null || die "clang++ not found (Debian: apt-get install clang libclang-rt-14-dev)"
fuzzer_rt="$(clang++ -print-file-name=libclang_rt.fuzzer-x86_64.a)"
[ -f "$fuzzer_rt" ] || die "libFuzzer runtime libclang_rt.fuzzer-x86_64.a not found (Debian: apt-get install libclang-rt-14-dev)"
command -v cmake >/dev/null || die "cmake not found"
command -v ninja >/dev/null || die "ninja not found"

started=$SECONDS
mkdir -p "$build"
build_log="$build/build.log"
if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$here" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug >"$build_log" 2>&1 \
        || { tail -n 40 "$build_log"; die "configuring $build failed (log: $build_log)"; }
fi
cmake --build "$build" --target "${targets[@]}" >>"$build_log" 2>&1 \
    || { tail -n 60 "$build_log"; die "building the fuzz targets failed (log: $build_log)"; }
echo "fuzz: built ${#targets[@]} targets in $build ($((SECONDS - started)) s)"

work="$(mktemp -d "${TMPDIR:-/tmp}/citybrain-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tmp"

# UBSan reports are fatal (libFuzzer then keeps the input). LeakSanitizer checks after each input that
# allocated more than it freed, and at exit; Qt's own global state has needed no suppression so far.
export ASAN_OPTIONS="detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export TMPDIR="$work/tmp" # fuzz_config and fuzz_geojson write each input to a file
export QT_QPA_PLATFORM=offscreen

dict_of() {
    case "$1" in
        fuzz_cap) echo "$here/xml.dict" ;;
        fuzz_config) echo "$here/ini.dict" ;;
        *) echo "$here/json.dict" ;;
    esac
}

# fuzz_config: QSettings keeps every file it read in a global cache, so each input ends with more blocks
# allocated than freed and libFuzzer would run a full leak scan after nearly every input (10x slower).
# Its leaks are checked once, when the process exits (any leak fails the run, without a reproducer).
flags_of() {
    case "$1" in
        fuzz_config) echo "-detect_leaks=0" ;;
    esac
}

total_runs=0
crashes=0
for target in "${targets[@]}"; do
    seeds="$here/corpus/$target"
    [ -d "$seeds" ] || die "no seed corpus $seeds"
    if [ "$long" -eq 1 ]; then
        corpus="$build/corpus/$target"
        mkdir -p "$corpus"
        cp -n "$seeds"/* "$corpus"/
        mode=(-fork="$(nproc)" -use_value_profile=1)
    else
        corpus="$work/corpus/$target"
        mkdir -p "$corpus"
        cp "$seeds"/* "$corpus"/
        mode=()
    fi
    artifacts="$build/artifacts/$target"
    mkdir -p "$artifacts"
    before=$(find "$corpus" -type f | wc -l)
    log="$work/$target.log"
    status=0
    # 256 KiB is the payload cap (FeedDecoder::Limits::maxPayloadBytes); +256 for fuzz_feed's topic line.
    (cd "$work" && "$build/$target" "${mode[@]}" $(flags_of "$target") -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=262400 -dict="$(dict_of "$target")" -artifact_prefix="$artifacts/" -print_final_stats=1 \
        "$corpus") >"$log" 2>&1 || status=$?
    after=$(find "$corpus" -type f | wc -l)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    if [ -z "$runs" ]; then # fork mode: the last "#<execs>" status line
        runs=$(grep -o '^#[0-9]*' "$log" | tr -d '#' | sort -n | tail -n 1)
    fi
    runs=${runs:-0}
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    [ -n "$rate" ] || rate=$((runs / (seconds > 0 ? seconds : 1))) # fork mode: no final stats
    total_runs=$((total_runs + runs))
    reproducer=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
    if [ "$status" -ne 0 ] || [ -n "$reproducer" ] || grep -q -e '^==[0-9]*==ERROR' -e 'runtime error:' "$log"; then
        crashes=$((crashes + 1))
        echo "---- $target (exit $status): last lines of its log"
        grep -v -e '^#[0-9]' -e '^INFO:' "$log" | tail -n 60
        echo "$target: runs=$runs corpus=$after (+$((after - before))) FAILED, reproducer: ${reproducer:-none written} (replay: $build/$target <file>)"
    else
        echo "$target: runs=$runs exec/s=${rate:-?} corpus=$after (+$((after - before))) ok"
    fi
done
echo "fuzz: total time $((SECONDS - started)) s"
echo "fuzz targets=${#targets[@]} runs=$total_runs crashes=$crashes"
[ "$crashes" -eq 0 ]
