#!/usr/bin/env bash
# The wall at work: each page of the shipped layout, pinned, on the embedded simulator at its default rate
# (every panel updating), rendered offscreen (Qt Quick software renderer, no GPU here) at 1920x1080,
# 3840x2160 and 7680x2160: frames per second, mean and p95 frame time, GUI-thread time per frame (with the
# software renderer the whole frame), GUI time applying ingest batches, process CPU; against a reference
# measured in the same run: the same page with the feed almost silent (--sim-rate 1). The ratio compares
# the GUI thread's busy time per second (frames x frame time), what live data costs the wall; mean frame
# times alone mislead here, since a quiet wall draws few but larger frames.
#
#   bench/wall.sh [SECONDS]      (from the repository root; default 20 s of measurement per run)
#
# Figures come from the app's own metrics (citybrain_frame_seconds, citybrain_frame_gui_seconds,
# citybrain_gui_apply_seconds, process_cpu_seconds_total), scraped after a warm-up and at the end.
# Method and figures: docs/performance.md. The last line is
#   wall size=3840x2160 page=overview fps=<x> frame_ms=<x> frame_p95_ms=<x> gui_ms=<x> busy_ms_per_s=<x> ratio=<x>
# It reports and does not judge: exit 0 unless the bench itself could not run.
#
# Environment: BUILD_DIR (default build/release), CITYBRAIN (binary; default $BUILD_DIR/bin/citybrain),
# BENCH_BUILD=0 to skip building, WARMUP (seconds, default 8).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build/release}
CITYBRAIN=${CITYBRAIN:-$BUILD_DIR/bin/citybrain}
MEASURE=${1:-20}
WARMUP=${WARMUP:-8}
LAYOUT=$ROOT/resources/layouts/city-overview.json

say() { printf '%s\n' "$*" >&2; }

if [[ ${BENCH_BUILD:-1} == 1 && $BUILD_DIR == "$ROOT/build/release" && ! -f $BUILD_DIR/build.ninja ]]; then
    say "configuring the release build in $BUILD_DIR"
    (cd "$ROOT" && cmake --preset release >&2)
fi
if [[ ${BENCH_BUILD:-1} == 1 && -f $BUILD_DIR/build.ninja ]]; then
    say "building citybrain in $BUILD_DIR"
    cmake --build "$BUILD_DIR" --target citybrain citybrain-sim >&2
fi
[[ -x $CITYBRAIN ]] || { say "missing $CITYBRAIN"; exit 1; }

WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

scrape() { # port -> metrics text on stdout (bash's /dev/tcp: no curl needed)
    local port=$1
    exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
    printf 'GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
    timeout 10 cat <&3 || true # asked to close; never wait longer than that
    exec 3<&-
}

# The layout with one page pinned ("pin" member added after the opening brace).
pinned() { # page -> path
    local file=$WORK/pinned-$1.json
    sed '0,/{/s//{"pin": "'"$1"'",/' "$LAYOUT" >"$file"
    echo "$file"
}

# Differences of the metrics between two scrapes: fps frame_ms frame_p95_ms gui_ms apply_ms_per_s cpu_pct
figures() { # before after seconds
    awk -v secs="$3" '
        function metric(line) { split(line, parts, " "); return parts[2] }
        FNR == 1 { file++ }
        /^citybrain_frame_seconds_sum/ { fs[file] = metric($0) }
        /^citybrain_frame_seconds_count/ { fc[file] = metric($0) }
        /^citybrain_frame_gui_seconds_sum/ { gs[file] = metric($0) }
        /^citybrain_gui_apply_seconds_sum/ { as[file] = metric($0) }
        /^process_cpu_seconds_total/ { cpu[file] = metric($0) }
        /^citybrain_frame_seconds_bucket/ {
            match($0, /le="[^"]*"/); le = substr($0, RSTART + 4, RLENGTH - 5)
            if (file == 1) { b1[le] = metric($0) } else { b2[le] = metric($0); order[++n] = le }
        }
        END {
            frames = fc[2] - fc[1]
            if (frames <= 0) { print "0 0 0 0 0 0"; exit }
            # p95 by linear interpolation inside the bucket holding the rank, as histogram_quantile() does
            rank = 0.95 * frames; lower = 0; below = 0; p95 = 0
            for (i = 1; i <= n; i++) {
                le = order[i]; count = b2[le] - b1[le]
                if (count >= rank) {
                    upper = (le == "+Inf") ? lower : le + 0
                    p95 = (count == below) ? upper : lower + (upper - lower) * (rank - below) / (count - below)
                    break
                }
                below = count; lower = (le == "+Inf") ? lower : le + 0
            }
            printf "%.1f %.2f %.2f %.2f %.2f %.0f\n", frames / secs, 1000 * (fs[2] - fs[1]) / frames, 1000 * p95,
                1000 * (gs[2] - gs[1]) / frames, 1000 * (as[2] - as[1]) / secs, 100 * (cpu[2] - cpu[1]) / secs
        }' "$1" "$2"
}

run() { # size page rate -> figures
    local size=$1 page=$2 rate=$3
    local port=$((20000 + RANDOM % 20000))
    QT_QPA_PLATFORM=offscreen "$CITYBRAIN" --size "$size" --layout "$(pinned "$page")" --sim-rate "$rate" \
        --db "$WORK/wall-$size-$page-$rate.sqlite" --metrics "127.0.0.1:$port" --snapshot-every 0 \
        >"$WORK/out.log" 2>&1 &
    local pid=$!
    sleep "$WARMUP"
    scrape "$port" >"$WORK/before.txt" || { say "no metrics from citybrain ($size $page):"; cat "$WORK/out.log" >&2; return 1; }
    sleep "$MEASURE"
    scrape "$port" >"$WORK/after.txt"
    kill "$pid"; wait "$pid" 2>/dev/null || true
    figures "$WORK/before.txt" "$WORK/after.txt" "$MEASURE"
}

printf '\n%s\n' "CityBrain wall bench, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(sed -n 's/^model name\s*:\s*//p' /proc/cpuinfo | head -n 1)"
[[ -f $BUILD_DIR/CMakeCache.txt ]] && printf 'build: %s (%s)\n' "$BUILD_DIR" \
    "$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD_DIR/CMakeCache.txt")"
printf '%-10s %-9s %6s %9s %9s %8s %10s %10s %5s | %10s %6s\n' size page fps frame_ms p95_ms gui_ms busy_ms/s \
    apply_ms/s cpu% ref_busy ratio
LAST=""
for config in 3840x2160:overview 3840x2160:services 3840x2160:safety 1920x1080:overview 7680x2160:overview; do
    size=${config%%:*}; page=${config##*:}
    # In this shell, not a subshell: the scrapes use bash's /dev/tcp on file descriptor 3.
    run "$size" "$page" 200 >"$WORK/live.txt"
    run "$size" "$page" 1 >"$WORK/reference.txt"
    read -r fps frame p95 gui apply cpu <"$WORK/live.txt"
    read -r ref_fps ref_frame _ _ _ _ <"$WORK/reference.txt"
    busy=$(awk -v f="$fps" -v t="$frame" 'BEGIN { printf "%.0f", f * t }')
    ref_busy=$(awk -v f="$ref_fps" -v t="$ref_frame" 'BEGIN { printf "%.0f", f * t }')
    ratio=$(awk -v a="$busy" -v b="$ref_busy" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
    printf '%-10s %-9s %6s %9s %9s %8s %10s %10s %5s | %10s %6s\n' "$size" "$page" "$fps" "$frame" "$p95" "$gui" \
        "$busy" "$apply" "$cpu" "$ref_busy" "$ratio"
    [[ $size == 3840x2160 && $page == overview ]] &&
        LAST="wall size=$size page=$page fps=$fps frame_ms=$frame frame_p95_ms=$p95 gui_ms=$gui busy_ms_per_s=$busy ratio=$ratio"
done
echo "$LAST"
