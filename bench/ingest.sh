#!/usr/bin/env bash
# Ingest at broker speed: how close does the wall get to a bare subscriber on the same stream?
#
#   bench/ingest.sh            (from the repository root, after ./test.sh or ./run.sh built build/dev)
#
# One dedicated Mosquitto on a free loopback port. For QoS 0 and QoS 1 it measures the reference rate
# B (mosquitto_sub alone on the stream) and the rate of citybrain alone on the same stream (real wall,
# offscreen rendering, decoding, models and history on), then the app's CPU per message at a paced
# 5k msg/s and its publish-to-model latency at a paced 10k msg/s. Method and figures:
# docs/performance.md. The last line is
#   ingest ratio_qos0=<r> ratio_qos1=<r> cpu_us_per_msg=<x> p99_ms=<x>
# It reports and does not judge: exit 0 unless the bench itself could not run.
#
# Environment: BUILD_DIR (default build/release: figures of an optimised build), CITYBRAIN, LOADGEN and
# INGESTBENCH (binaries; default $BUILD_DIR/bin), BENCH_BUILD=0 to skip building, N_QOS0 / N_QOS1 (burst
# sizes), BURST_TRANSPORT (paho, the default, or direct: the load generator's client for the QoS 0 bursts),
# BENCH_PAHO_REF=0 to skip the bare Paho subscriber rows, BENCH_PIPELINE=0 to skip the pipeline-alone row,
# KEEP=1 to keep the work folder (logs, subscriber timestamps).
#
# The paced runs (CPU, latency) publish with the load generator's direct client: one socket write per
# message at its time, no client send queue, so `ts` is when the message left (docs/performance.md).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build/release}
CITYBRAIN=${CITYBRAIN:-$BUILD_DIR/bin/citybrain}
LOADGEN=${LOADGEN:-$BUILD_DIR/bin/citybrain-loadgen}
INGESTBENCH=${INGESTBENCH:-$BUILD_DIR/bin/citybrain-ingestbench}
BURST_TRANSPORT=${BURST_TRANSPORT:-paho}
PACED=(--transport direct)
N_QOS0=${N_QOS0:-200000}
N_QOS1=${N_QOS1:-100000}
SENSORS=${SENSORS:-1000}
CPU_RATE=5000
CPU_COUNT=50000 # 10 s
LAT_RATE=10000
LAT_COUNT=100000 # 10 s
STALL_S=5

say() { printf '%s\n' "$*" >&2; }

if [[ ${BENCH_BUILD:-1} == 1 && $BUILD_DIR == "$ROOT/build/release" && ! -f $BUILD_DIR/build.ninja ]]; then
    say "configuring the release build in $BUILD_DIR"
    (cd "$ROOT" && cmake --preset release >&2)
fi
if [[ ${BENCH_BUILD:-1} == 1 && -f $BUILD_DIR/build.ninja ]]; then
    say "building citybrain, citybrain-loadgen and citybrain-ingestbench in $BUILD_DIR"
    cmake --build "$BUILD_DIR" --target citybrain citybrain-loadgen citybrain-ingestbench >&2
fi
for binary in "$CITYBRAIN" "$LOADGEN"; do
    [[ -x $binary ]] || { say "missing $binary (build it: cmake --preset release && cmake --build --preset release --target citybrain citybrain-loadgen)"; exit 1; }
done
for tool in mosquitto mosquitto_sub; do
    command -v "$tool" >/dev/null || [[ -x /usr/sbin/$tool ]] || { say "missing $tool (Debian packages mosquitto mosquitto-clients)"; exit 1; }
done
MOSQUITTO=$(command -v mosquitto || echo /usr/sbin/mosquitto)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/citybrain-bench-XXXXXX")
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    if [[ ${KEEP:-0} == 1 ]]; then say "work folder kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# kv LINE KEY: the value of KEY in a "result k=v ..." line ("na" if absent).
kv() {
    local value
    value=$(sed -n "s/.* $2=\\([^ ]*\\).*/\\1/p" <<<" $1")
    echo "${value:-na}"
}
# calc EXPR: floating point with awk; "na" if any operand is.
calc() {
    [[ $* == *na* || $* == *nan* ]] && { echo na; return; }
    awk "BEGIN { printf \"%.${2:-2}f\", $1 }"
}

# ---- broker ---------------------------------------------------------------------------------------
PORT=$("$LOADGEN" --free-port)
BROKER=tcp://127.0.0.1:$PORT
cat >"$WORK/mosquitto.conf" <<CONF
# citybrain bench/ingest.sh; like EmbeddedBroker's config, without persistence.
user $(id -un)
listener $PORT 127.0.0.1
allow_anonymous true
persistence false
max_queued_messages 1000000
max_queued_bytes 0
set_tcp_nodelay true
log_dest file $WORK/mosquitto.log
log_type error
log_type warning
log_type notice
log_type subscribe
CONF
"$MOSQUITTO" -c "$WORK/mosquitto.conf" 2>/dev/null &
PIDS+=($!)
for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
    sleep 0.1
done
(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || { say "mosquitto did not start"; cat "$WORK/mosquitto.log" >&2; exit 1; }

# wait_log TEXT: until Mosquitto's log has the line (a subscription is in place).
wait_log() {
    for _ in $(seq 200); do
        grep -qF -- "$1" "$WORK/mosquitto.log" && return 0
        sleep 0.05
    done
    say "timed out waiting for '$1' in the broker log"
    return 1
}

burst_transport() { # burst_transport QOS: the direct client speaks QoS 0 only
    if [[ $1 == 0 ]]; then echo "$BURST_TRANSPORT"; else echo paho; fi
}

SEQ=0 # every sensor's next seq: each run publishes count/SENSORS messages per sensor
publish() { # publish COUNT QOS RATE [loadgen options...]
    local count=$1 qos=$2 rate=$3
    shift 3
    local out
    out=$("$LOADGEN" --broker "$BROKER" --count "$count" --qos "$qos" --rate "$rate" --sensors "$SENSORS" \
        --seq-start "$SEQ" "$@" | grep '^result ')
    SEQ=$((SEQ + (count + SENSORS - 1) / SENSORS))
    echo "$out"
}

# wait_quiet PID FILE: until PID exits, or FILE stops growing for STALL_S seconds (then stop PID).
wait_quiet() {
    local pid=$1 file=$2 size=-1 still=0
    while kill -0 "$pid" 2>/dev/null; do
        local now
        now=$(stat -c %s "$file" 2>/dev/null || echo 0)
        if [[ $now == "$size" ]]; then
            still=$((still + 1))
            ((still > STALL_S * 5)) && { kill -INT "$pid" 2>/dev/null || true; break; }
        else
            size=$now still=0
        fi
        sleep 0.2
    done
    wait "$pid" 2>/dev/null || true
}

# ---- reference: mosquitto_sub alone -----------------------------------------------------------------
# -F %U prints one receive timestamp (ns) per message; B = (lines - 1) / (last - first).
reference() { # reference QOS COUNT -> "rate received pub_rate"
    local qos=$1 count=$2 file="$WORK/ref-q$1.txt" id="bench-ref-q$1"
    mosquitto_sub -h 127.0.0.1 -p "$PORT" -i "$id" -q "$qos" -t 'xy/v1/#' -C "$count" -F '%U' >"$file" &
    local pid=$!
    PIDS+=($pid)
    wait_log "$id $qos xy/v1/#"
    local pub
    pub=$(publish "$count" "$qos" 0 --transport "$(burst_transport "$qos")")
    wait_quiet "$pid" "$file"
    local stats
    stats=$(awk 'NR == 1 { first = $1 } { last = $1 } END { if (NR > 1) printf "%.0f %d", (NR - 1) / (last - first), NR; else print "0", NR }' "$file")
    echo "$stats $(kv "$pub" pub_rate)"
}

# A bare Paho subscriber (what the app is built on), for the diagnosis rows.
paho_reference() { # paho_reference QOS COUNT RATE [loadgen options...] -> result line
    local qos=$1 count=$2 rate=$3 file="$WORK/paho-q$1-r$3.txt"
    shift 3
    "$LOADGEN" --subscribe --broker "$BROKER" --qos "$qos" --count "$count" --stall-ms $((STALL_S * 1000)) >"$file" &
    local pid=$!
    PIDS+=($pid)
    for _ in $(seq 200); do grep -q '^subscribed' "$file" && break; sleep 0.05; done
    publish "$count" "$qos" "$rate" "$@" >/dev/null
    wait "$pid" || true
    grep '^result ' "$file" || echo "result"
}

say "broker: $BROKER, $SENSORS sensors"
say "reference QoS 0: mosquitto_sub, $N_QOS0 messages"
read -r REF0 REF0_N REF0_PUB <<<"$(reference 0 "$N_QOS0")"
say "reference QoS 1: mosquitto_sub, $N_QOS1 messages"
read -r REF1 REF1_N REF1_PUB <<<"$(reference 1 "$N_QOS1")"
PAHO0="result" PAHO1="result" PAHOCPU="result" PAHOLAT="result"
if [[ ${BENCH_PAHO_REF:-1} == 1 ]]; then
    say "reference: bare Paho subscriber (QoS 0, QoS 1, paced $CPU_RATE msg/s)"
    PAHO0=$(paho_reference 0 "$N_QOS0" 0 --transport "$BURST_TRANSPORT")
    PAHO1=$(paho_reference 1 "$N_QOS1" 0)
    PAHOCPU=$(paho_reference 0 "$CPU_COUNT" "$CPU_RATE" "${PACED[@]}")
    PAHOLAT=$(paho_reference 0 "$LAT_COUNT" "$LAT_RATE" "${PACED[@]}")
fi
# The app's own ingest path without broker, publisher or wall: stable where the broker rows are not.
PIPE="result"
if [[ ${BENCH_PIPELINE:-1} == 1 && -x $INGESTBENCH ]]; then
    say "pipeline alone: citybrain-ingestbench"
    PIPE=$("$INGESTBENCH" 2>/dev/null | grep '^result ' || echo result)
fi

# ---- the app alone ----------------------------------------------------------------------------------
METRICS_PORT=$("$LOADGEN" --free-port)
METRICS=http://127.0.0.1:$METRICS_PORT/metrics
say "citybrain: starting (metrics $METRICS)"
"$CITYBRAIN" --broker "$BROKER" --metrics "127.0.0.1:$METRICS_PORT" --db "$WORK/history.db" --snapshot-every 0 \
    --client-id bench-wall >"$WORK/citybrain.log" 2>&1 &
APP_PID=$!
PIDS+=($APP_PID)
APP_OK=1
if ! "$LOADGEN" --scrape "$METRICS" --wait-for citybrain_mqtt_connected=1 --timeout-ms 30000 2>>"$WORK/citybrain.log"; then
    say "citybrain did not come up connected; its log:"
    tail -n 20 "$WORK/citybrain.log" >&2
    APP_OK=0
fi
APP0="result" APP1="result" APPCPU="result" APPCPUP="result" APPLAT="result"
if ((APP_OK)); then
    watch=(--watch "$METRICS" --pid "$APP_PID" --stall-ms $((STALL_S * 1000)))
    say "citybrain QoS 0: $N_QOS0 messages as fast as possible"
    APP0=$(publish "$N_QOS0" 0 0 --transport "$BURST_TRANSPORT" "${watch[@]}")
    say "citybrain QoS 1: $N_QOS1 messages as fast as possible"
    APP1=$(publish "$N_QOS1" 1 0 "${watch[@]}")
    say "citybrain CPU: $CPU_COUNT messages at $CPU_RATE msg/s (QoS 0)"
    # Polled every 100 ms, not 20: each scrape costs the app CPU (about 0.3 ms), and here the end time
    # matters less than that cost.
    APPCPU=$(publish "$CPU_COUNT" 0 "$CPU_RATE" "${PACED[@]}" "${watch[@]}" --poll-ms 100 --idle-ms 2000)
    # The same through Paho's publisher, as measured before 2026-11-29 10:00: its stream arrives in
    # clumps (Nagle's algorithm on its socket), which is cheaper to receive than an even one.
    say "citybrain CPU: $CPU_COUNT messages at $CPU_RATE msg/s (QoS 0), Paho's publisher"
    APPCPUP=$(publish "$CPU_COUNT" 0 "$CPU_RATE" --transport paho "${watch[@]}" --poll-ms 100)
    say "citybrain latency: $LAT_COUNT messages at $LAT_RATE msg/s (QoS 0)"
    APPLAT=$(publish "$LAT_COUNT" 0 "$LAT_RATE" "${PACED[@]}" "${watch[@]}")
    kill -TERM "$APP_PID"
    APP_EXIT=0
    for _ in $(seq 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
    wait "$APP_PID" || APP_EXIT=$?
fi

# The stream's rate varies from run to run on a shared 2-core machine (see docs/performance.md):
# measure B again now that the app is gone and compare against the better of the two.
say "reference again, after the app (QoS 0, QoS 1)"
read -r REF0B REF0B_N REF0B_PUB <<<"$(reference 0 "$N_QOS0")"
read -r REF1B REF1B_N REF1B_PUB <<<"$(reference 1 "$N_QOS1")"
REF0A=$REF0 REF1A=$REF1
REF0=$(awk "BEGIN { print ($REF0A > $REF0B) ? $REF0A : $REF0B }")
REF1=$(awk "BEGIN { print ($REF1A > $REF1B) ? $REF1A : $REF1B }")

# ---- report -----------------------------------------------------------------------------------------
RATE0=$(kv "$APP0" recv_rate) RATE1=$(kv "$APP1" recv_rate)
RATIO0=$(calc "$RATE0 / $REF0") RATIO1=$(calc "$RATE1 / $REF1")
CPU=$(kv "$APPCPU" cpu_us_per_msg)
P99=$(kv "$APPLAT" lat_p99_ms)

printf '\n%s\n' "CityBrain ingest bench, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(sed -n 's/^model name\s*:\s*//p' /proc/cpuinfo | head -n 1)"
[[ -f $BUILD_DIR/CMakeCache.txt ]] && printf 'build: %s (%s)\n' "$BUILD_DIR" "$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD_DIR/CMakeCache.txt")"
printf 'payload %s bytes, %s sensors, 1 publisher (citybrain-loadgen: bursts %s, paced runs direct)\n\n' "$(kv "$APP0" payload_bytes)" "$SENSORS" "$BURST_TRANSPORT"
printf '%-34s %10s %10s %10s %10s\n' "as fast as possible" "QoS 0" "target" "QoS 1" "target"
printf '%-34s %10s %10s %10s %10s\n' "mosquitto_sub before app (msg/s)" "$REF0A" "" "$REF1A" ""
printf '%-34s %10s %10s %10s %10s\n' "   publisher rate, received of N" "$REF0_PUB" "$REF0_N" "$REF1_PUB" "$REF1_N"
printf '%-34s %10s %10s %10s %10s\n' "mosquitto_sub after app (msg/s)" "$REF0B" "" "$REF1B" ""
printf '%-34s %10s %10s %10s %10s\n' "   publisher rate, received of N" "$REF0B_PUB" "$REF0B_N" "$REF1B_PUB" "$REF1B_N"
printf '%-34s %10s %10s %10s %10s\n' "B = the better of the two (msg/s)" "$REF0" "" "$REF1" ""
printf '%-34s %10s %10s %10s %10s\n' "bare Paho subscriber (msg/s)" "$(kv "$PAHO0" recv_rate)" "" "$(kv "$PAHO1" recv_rate)" ""
printf '%-34s %10s %10s %10s %10s\n' "citybrain received (msg/s)" "$RATE0" "" "$RATE1" ""
printf '%-34s %10s %10s %10s %10s\n' "   publisher rate in that run" "$(kv "$APP0" delivered_rate)" "" "$(kv "$APP1" delivered_rate)" ""
printf '%-34s %10s %10s %10s %10s\n' "citybrain processed (msg/s)" "$(kv "$APP0" proc_rate)" "" "$(kv "$APP1" proc_rate)" ""
printf '%-34s %10s %10s %10s %10s\n' "   received/decoded/dropped" "$(kv "$APP0" received)/$(kv "$APP0" decoded)/$(kv "$APP0" dropped)" "" "$(kv "$APP1" received)/$(kv "$APP1" decoded)/$(kv "$APP1" dropped)" ""
printf '%-34s %10s %10s %10s %10s\n' "ratio citybrain / B" "$RATIO0" ">= 0.9" "$RATIO1" ">= 0.9"
printf '%-34s %10s %10s %10s %10s\n' "citybrain CPU (us/msg, saturated)" "$(kv "$APP0" cpu_us_per_msg)" "" "$(kv "$APP1" cpu_us_per_msg)" ""
printf '%-34s %10s %10s %10s %10s\n' "queue high water" "$(kv "$APP0" high_water_bulk)" "" "$(kv "$APP1" high_water_priority)" ""
printf '%-34s %10s %10s\n' "pipeline alone (msg/s, us/msg)" "$(kv "$PIPE" rate)" "$(kv "$PIPE" total_with_history_flush_us_per_msg)"
printf '\n%-34s %10s %10s\n' "paced, QoS 0" "measured" "target"
printf '%-34s %10s %10s\n' "CPU us/msg at $CPU_RATE msg/s" "$CPU" "<= 25"
printf '%-34s %10s %10s\n' "  of which above idle" "$(kv "$APPCPU" cpu_us_per_msg_above_idle)" ""
printf '%-34s %10s %10s\n' "  idle CPU (% of a core)" "$(kv "$APPCPU" idle_cpu_pct)" ""
printf '%-34s %10s %10s\n' "  bare Paho subscriber us/msg" "$(kv "$PAHOCPU" cpu_us_per_msg)" ""
printf '%-34s %10s %10s\n' "  publisher late p50/p99/max (ms)" "$(kv "$APPCPU" late_ms)" ""
printf '%-34s %10s %10s\n' "  through Paho's publisher us/msg" "$(kv "$APPCPUP" cpu_us_per_msg)" ""
printf '%-34s %10s %10s\n' "latency p50 at $LAT_RATE msg/s (ms)" "$(kv "$APPLAT" lat_p50_ms)" ""
printf '%-34s %10s %10s\n' "latency p99 (ms)" "$P99" "<= 20"
printf '%-34s %10s %10s\n' "latency p99.9 (ms)" "$(kv "$APPLAT" lat_p999_ms)" ""
printf '%-34s %10s %10s\n' "  stream alone p50/p99/p99.9 (ms)" "$(kv "$PAHOLAT" lat_p50_ms)/$(kv "$PAHOLAT" lat_p99_ms)/$(kv "$PAHOLAT" lat_p999_ms)" ""
printf '%-34s %10s %10s\n' "  publisher late p50/p99/max (ms)" "$(kv "$APPLAT" late_ms)" ""
printf '%-34s %10s %10s\n' "  received of sent" "$(kv "$APPLAT" received)/$(kv "$APPLAT" sent)" ""
printf '%-34s %10s %10s\n' "GUI apply p99 (ms)" "$(kv "$APPLAT" gui_p99_ms)" ""
printf '%-34s %10s %10s\n' "GUI apply max <= (ms, bucket)" "$(kv "$APPLAT" gui_max_le_ms)" "<= 4"
printf '%-34s %10s %10s\n' "GUI batches over 4 ms" "$(kv "$APPLAT" gui_over_4ms)/$(kv "$APPLAT" gui_count)" "0"
printf '%-34s %10s\n' "citybrain RSS (MB)" "$(kv "$APPLAT" rss_mb)"
((APP_OK)) && printf '%-34s %10s\n' "citybrain exit on SIGTERM" "$APP_EXIT"
printf 'ingest ratio_qos0=%s ratio_qos1=%s cpu_us_per_msg=%s p99_ms=%s\n' "$RATIO0" "$RATIO1" "$CPU" "$P99"
((APP_OK)) || exit 1
exit 0
