#!/usr/bin/env bash
# Soak: the real wall on the real simulator for minutes or hours, sampled (docs/reliability.md).
#
#   tests/soak/run.sh                     10 minutes (what CI runs after ./test.sh)
#   tests/soak/run.sh --minutes 480       the documented 8-hour run
#   tests/soak/run.sh --minutes 2 --judge basic ...   the suite's short version (ctest soak_short)
#
# One dedicated Mosquitto on a free loopback port; citybrain-sim at its default rate (200 telemetry msg/s plus
# its indicators, incidents and dispatch desk); every --burst-every seconds a burst of --burst-rate msg/s more
# telemetry (citybrain-loadgen's paced direct client, 1000 other sensors) for --burst-seconds; the real app
# (`citybrain --broker ... --metrics ... --db <work>/history.sqlite --snapshot-every 0`, offscreen, the wall's
# default size and layout). Every --sample-every seconds /metrics and /proc/<pid>/status go into
# <work>/samples.csv. At the end the load stops, the app drains its queue, and the script prints a table and
# as its last line
#   soak minutes=<n> rss_growth_mb_per_h=<x> queue_high_water_max=<n> latency_p99_start_ms=<x>
#        latency_p99_end_ms=<x> frame_p99_start_ms=<x> frame_p99_end_ms=<x> verdict=<pass|fail>
# (one line). Exit status: 0 pass, 1 fail, 2 the soak could not run (usage, missing binary, no broker).
#
# Verdict (--judge full, the default; --judge basic judges only the first three):
#  - the app ran to the end and exited 0 on SIGTERM; its MQTT session stayed up (reconnects are reported);
#  - queues bounded: nothing dropped, each lane's high-water mark below its capacity, and not still rising:
#    the mark at the end at most max(2 x, + --hw-slack) the mark at the end of the first window;
#  - nothing lost: after the drain received == decoded + rejected, and telemetry decoded >= telemetry
#    published (simulator + bursts);
#  - RSS slope after warm-up (least squares of VmRSS) <= max(--rss-limit, --rss-noise-mb / post-warm-up
#    hours): a run too short to tell 1 MB/h from the RSS's own wander is judged against that wander;
#  - p99 ingest latency and p99 frame time of the last window at most --drift-pct above the first window
#    (--judge-drift auto: only when the run has --drift-min-minutes or more; shorter runs report them).
#
# Options: --minutes N (10), --warmup S (120; 20 % of the run if shorter than 10 min), --sample-every S (5),
# --burst-every S (180, one cycle of the shipped layout's three 60 s pages, so every window holds the same
# pages and one burst; 0 = no bursts), --burst-seconds S (25), --burst-rate R (400: with the simulator's 200,
# 3x its default rate), --first-burst S (half the warm-up: the burst sensors are known before RSS is judged),
# --window S (the burst period), --judge full|basic, --judge-drift auto|on|off, --drift-pct P (10),
# --drift-min-minutes M (60), --rss-limit MB/h (1), --rss-noise-mb MB (4), --hw-slack N (2000),
# --work DIR (default a new folder under $TMPDIR; kept: samples.csv, the logs), --keep-db,
# --citybrain/--sim/--loadgen PATH (default $BUILD_DIR/bin/..., BUILD_DIR default build/dev).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build/dev}
CITYBRAIN=${CITYBRAIN:-$BUILD_DIR/bin/citybrain}
SIM=${SIM:-$BUILD_DIR/bin/citybrain-sim}
LOADGEN=${LOADGEN:-$BUILD_DIR/bin/citybrain-loadgen}

MINUTES=10 WARMUP="" SAMPLE_S=5 BURST_EVERY=180 BURST_S=25 BURST_RATE=400 BURST_SENSORS=200 FIRST_BURST="" WINDOW=""
JUDGE=full JUDGE_DRIFT=auto STALL_LIMIT=10 DRIFT_PCT=10 DRIFT_MIN_MINUTES=60 RSS_LIMIT=1 RSS_NOISE_MB=4 HW_SLACK=2000
WORK="" KEEP_DB=0 REPORT=""
# The ingest queue's lanes (modules/ingest/inboundqueue.h); not exported as metrics.
CAP_BULK=100000 CAP_PRIORITY=20000

say() { printf '%s\n' "$*" >&2; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
number() { [[ $2 =~ ^[0-9]+([.][0-9]+)?$ ]] || { say "run.sh: $1 '$2' is not a number"; exit 2; }; }

while (($#)); do
    opt=$1
    [[ $opt == --keep-db || $opt == --help || $opt == -h ]] || { (($# >= 2)) || { say "run.sh: $opt needs a value"; exit 2; }; }
    case $opt in
    --minutes) number "$opt" "$2"; MINUTES=$2 ;;
    --warmup) number "$opt" "$2"; WARMUP=$2 ;;
    --sample-every) number "$opt" "$2"; SAMPLE_S=$2 ;;
    --burst-every) number "$opt" "$2"; BURST_EVERY=$2 ;;
    --burst-seconds) number "$opt" "$2"; BURST_S=$2 ;;
    --burst-rate) number "$opt" "$2"; BURST_RATE=$2 ;;
    --burst-sensors) number "$opt" "$2"; BURST_SENSORS=$2 ;;
    --first-burst) number "$opt" "$2"; FIRST_BURST=$2 ;;
    --window) number "$opt" "$2"; WINDOW=$2 ;;
    --judge) [[ $2 == full || $2 == basic ]] || usage; JUDGE=$2 ;;
    --judge-drift) [[ $2 == auto || $2 == on || $2 == off ]] || usage; JUDGE_DRIFT=$2 ;;
    --drift-pct) number "$opt" "$2"; DRIFT_PCT=$2 ;;
    --stall-limit) number "$opt" "$2"; STALL_LIMIT=$2 ;;
    --drift-min-minutes) number "$opt" "$2"; DRIFT_MIN_MINUTES=$2 ;;
    --rss-limit) number "$opt" "$2"; RSS_LIMIT=$2 ;;
    --rss-noise-mb) number "$opt" "$2"; RSS_NOISE_MB=$2 ;;
    --hw-slack) number "$opt" "$2"; HW_SLACK=$2 ;;
    --work) WORK=$2 ;;
    --report) REPORT=$2 ;;
    --citybrain) CITYBRAIN=$2 ;;
    --sim) SIM=$2 ;;
    --loadgen) LOADGEN=$2 ;;
    --keep-db) KEEP_DB=1; shift; continue ;;
    -h | --help) usage ;;
    *) say "run.sh: unknown option $opt"; usage ;;
    esac
    shift 2
done

if [[ -n $REPORT ]]; then
    # The schedule and the outcome of that run; warm-up, windows and verdict options come from this command line.
    [[ -f $REPORT/run.env && -s $REPORT/samples.csv ]] || { say "run.sh: $REPORT has no finished soak (run.env, samples.csv)"; exit 2; }
    # shellcheck source=/dev/null
    source "$REPORT/run.env"
    WORK=$REPORT
fi

# Whole seconds from here on (bash arithmetic); fractions of a second are not worth the awk.
secs() { awk -v v="$1" 'BEGIN { printf "%d", v + 0.5 }'; }
RUN_S=$(awk -v m="$MINUTES" 'BEGIN { printf "%d", m * 60 + 0.5 }')
SAMPLE_S=$(secs "$SAMPLE_S") BURST_EVERY=$(secs "$BURST_EVERY") BURST_S=$(secs "$BURST_S") BURST_RATE=$(secs "$BURST_RATE")
BURST_SENSORS=$(secs "$BURST_SENSORS")
# Between bursts their sensors keep reporting, each about every 50 s: under the shipped traffic.silence rule's
# 120 s, so the bursts do not turn into a storm of silence alarms every cycle (that is the fault suite's job).
TRICKLE_RATE=$(((BURST_SENSORS + 49) / 50))
if [[ -z $WARMUP ]]; then
    WARMUP=$((RUN_S >= 600 ? 120 : RUN_S / 5))
fi
WARMUP=$(secs "$WARMUP")
[[ -n $FIRST_BURST ]] || FIRST_BURST=$((WARMUP / 2))
FIRST_BURST=$(secs "$FIRST_BURST")
[[ -n $WINDOW ]] || WINDOW=$((BURST_EVERY > 0 ? BURST_EVERY : 180))
WINDOW=$(secs "$WINDOW")
((RUN_S >= 30 && SAMPLE_S >= 1 && WARMUP < RUN_S && WINDOW >= SAMPLE_S)) ||
    { say "run.sh: need --minutes >= 0.5, --sample-every >= 1, --warmup shorter than the run, --window >= --sample-every"; exit 2; }
((BURST_EVERY == 0 || (BURST_S < BURST_EVERY && BURST_SENSORS >= 1))) || { say "run.sh: --burst-seconds must be shorter than --burst-every"; exit 2; }

# ---- report -----------------------------------------------------------------------------------------
report() {
    [[ -s $CSV ]] || { say "soak: no samples (see $WORK/citybrain.log)"; tail -n 20 "$WORK/citybrain.log" >&2; exit 1; }
    printf '\nCityBrain soak, %s, %s cores, load average %s at the start, %s at the end\n' "$LOAD_START" "$(nproc)" \
        "$LOADAVG_START" "$LOADAVG_END"
    local cache
    cache=$(dirname "$(dirname "$CITYBRAIN")")/CMakeCache.txt
    printf 'app: %s (%s build)\n' "$CITYBRAIN" "$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$cache" 2>/dev/null)"
    printf 'simulator at its default rate, %d bursts of +%d msg/s for %d s every %d s; samples: %s\n' "$BURSTS" \
        "$BURST_RATE" "$BURST_S" "$BURST_EVERY" "$CSV"

    awk -F, -v minutes="$MINUTES" -v run_s="$RUN_S" -v load_end="$LOAD_END_S" -v warmup="$WARMUP" -v window="$WINDOW" \
        -v burst_every="$BURST_EVERY" -v burst_s="$BURST_S" -v first_burst="$FIRST_BURST" -v judge="$JUDGE" \
        -v judge_drift="$JUDGE_DRIFT" -v drift_pct="$DRIFT_PCT" -v drift_min="$DRIFT_MIN_MINUTES" \
        -v stall_limit="$STALL_LIMIT" -v rss_limit="$RSS_LIMIT" -v rss_noise="$RSS_NOISE_MB" -v hw_slack="$HW_SLACK" -v cap_b="$CAP_BULK" \
        -v cap_p="$CAP_PRIORITY" -v gone="$APP_GONE" -v app_exit="$APP_EXIT" -v expected="$EXPECTED" \
        -v sim_published="$SIM_PUBLISHED" -v burst_sent="$BURST_SENT" -v missed="$MISSED" '
        function fmt(x, d) { return (x == "na") ? "na" : sprintf("%." d "f", x) }
        # histogram_quantile() over the difference of two rows: linear inside the bucket holding the rank.
        function quantile(q, prefix, a, b,    i, n, total, rank, lower, below, count, upper) {
            n = nb[prefix]
            total = row[b, bcol[prefix, n]] - row[a, bcol[prefix, n]]
            if (total <= 0) return "na"
            rank = q * total; lower = 0; below = 0
            for (i = 1; i <= n; i++) {
                count = row[b, bcol[prefix, i]] - row[a, bcol[prefix, i]]
                if (count >= rank) {
                    if (ble[prefix, i] == "+Inf") return 1000 * lower
                    upper = ble[prefix, i] + 0
                    return 1000 * (count == below ? upper : lower + (upper - lower) * (rank - below) / (count - below))
                }
                below = count; lower = ble[prefix, i] + 0
            }
            return "na"
        }
        function nearest(target,    i, best) { # index of the load sample nearest to t = target
            best = 1
            for (i = 1; i <= n; i++) if ((t[i] - target)^2 < (t[best] - target)^2) best = i
            return best
        }
        function fail(why) { verdict = "fail"; reasons = reasons "\n  FAIL: " why }
        function note(why) { reasons = reasons "\n  note: " why }
        NR == 1 {
            for (i = 1; i <= NF; i++) {
                col[$i] = i
                if ($i ~ /^(lat|frame)_le_/) {
                    p = substr($i, 1, index($i, "_le_") - 1)
                    nb[p]++; bcol[p, nb[p]] = i; ble[p, nb[p]] = substr($i, index($i, "_le_") + 4)
                }
            }
            next
        }
        $col["phase"] == "final" { for (i = 1; i <= NF; i++) fin[i] = $i; have_final = 1; next }
        { n++; for (i = 1; i <= NF; i++) row[n, i] = $i; t[n] = $col["t_s"] + 0; rss[n] = $col["vmrss_kb"] / 1024 }
        END {
            verdict = "pass"; reasons = ""
            if (n < 2) { print "too few samples"; exit 1 }
            # ---- windows: one burst period each, edges in the middle of the quiet gap between two bursts, so
            # each holds one whole burst and (with the 180 s default) each page of the playlist once.
            if (burst_every > 0) { period = burst_every; q = first_burst + burst_s + (burst_every - burst_s) / 2 }
            else { period = window; q = warmup }
            if (burst_every > 0 && window != burst_every) period = window
            # ---- memory: least squares of VmRSS on time over the whole periods after the warm-up that end at the
            # last sample: RSS swings with the pages (the map pages hold more than the others), and a span of
            # whole playlist cycles keeps that swing out of the slope.
            w = 0; for (i = 1; i <= n; i++) if (t[i] >= warmup) { w = i; break }
            r = w
            if (w > 0 && t[n] - t[w] >= period) r = nearest(t[n] - period * int((t[n] - t[w]) / period + 0.001))
            slope = "na"; se = "na"; anon_slope = "na"
            if (r > 0 && n - r + 1 >= 3) {
                m = n - r + 1; sx = sy = sa = 0
                for (i = r; i <= n; i++) { x = t[i] / 3600; sx += x; sy += rss[i]; sa += row[i, col["rssanon_kb"]] / 1024 }
                mx = sx / m; my = sy / m; ma = sa / m; sxx = sxy = sxa = 0
                for (i = r; i <= n; i++) {
                    x = t[i] / 3600 - mx; sxx += x * x; sxy += x * (rss[i] - my)
                    sxa += x * (row[i, col["rssanon_kb"]] / 1024 - ma)
                }
                slope = sxy / sxx; anon_slope = sxa / sxx; res = 0
                for (i = r; i <= n; i++) { e = rss[i] - my - slope * (t[i] / 3600 - mx); res += e * e }
                se = sqrt(res / (m - 2) / sxx)
                min_rss = max_rss = rss[r]
                for (i = r; i <= n; i++) { if (rss[i] < min_rss) min_rss = rss[i]; if (rss[i] > max_rss) max_rss = rss[i] }
            }
            hours = (r > 0) ? (t[n] - t[r]) / 3600 : 0
            limit = rss_limit
            if (hours > 0 && rss_noise / hours > limit) limit = rss_noise / hours
            s0 = q + period * int((warmup - q) / period); while (s0 < warmup) s0 += period
            e1 = q + period * int((t[n] - q) / period); while (e1 > t[n] + 1) e1 -= period
            a1 = nearest(s0); b1 = nearest(s0 + period); a2 = nearest(e1 - period); b2 = nearest(e1)
            windows_ok = (s0 + period <= t[n] + 1 && t[b1] <= t[a2] && a1 < b1 && a2 < b2)
            for (k = 1; k <= 2; k++) {
                a = (k == 1) ? a1 : a2; b = (k == 1) ? b1 : b2
                lat50[k] = windows_ok ? quantile(0.5, "lat", a, b) : "na"
                lat99[k] = windows_ok ? quantile(0.99, "lat", a, b) : "na"
                fr50[k] = windows_ok ? quantile(0.5, "frame", a, b) : "na"
                fr99[k] = windows_ok ? quantile(0.99, "frame", a, b) : "na"
                frames[k] = windows_ok ? row[b, bcol["frame", nb["frame"]]] - row[a, bcol["frame", nb["frame"]]] : 0
                msgs[k] = windows_ok ? row[b, bcol["lat", nb["lat"]]] - row[a, bcol["lat", nb["lat"]]] : 0
            }
            # ---- queues: high-water marks at the end of the first window and at the end
            last_i = have_final ? 0 : n
            hwp_end = have_final ? fin[col["hw_priority"]] : row[n, col["hw_priority"]]
            hwb_end = have_final ? fin[col["hw_bulk"]] : row[n, col["hw_bulk"]]
            ref = windows_ok ? b1 : (w > 0 ? w : n)
            hwp_ref = row[ref, col["hw_priority"]]; hwb_ref = row[ref, col["hw_bulk"]]
            dropp = have_final ? fin[col["dropped_priority"]] : row[n, col["dropped_priority"]]
            dropb = have_final ? fin[col["dropped_bulk"]] : row[n, col["dropped_bulk"]]
            hw_max = (hwp_end > hwb_end) ? hwp_end : hwb_end
            maxdepth_p = maxdepth_b = 0
            for (i = 1; i <= n; i++) {
                if (row[i, col["depth_priority"]] > maxdepth_p) maxdepth_p = row[i, col["depth_priority"]]
                if (row[i, col["depth_bulk"]] > maxdepth_b) maxdepth_b = row[i, col["depth_bulk"]]
            }
            # ---- counters after the drain
            if (have_final) {
                received = fin[col["received"]]; decoded = fin[col["decoded"]]; rejected = fin[col["rejected"]]
                telemetry = fin[col["decoded_telemetry"]]; reconnects = fin[col["reconnects"]]
                cpu = fin[col["cpu_s"]]
            } else {
                received = row[n, col["received"]]; decoded = row[n, col["decoded"]]; rejected = row[n, col["rejected"]]
                telemetry = row[n, col["decoded_telemetry"]]; reconnects = row[n, col["reconnects"]]
                cpu = row[n, col["cpu_s"]]
            }
            lost = received - decoded - rejected
            lost_e2e = (expected == "") ? "na" : expected - telemetry
            disconnected = 0; for (i = 2; i <= n; i++) if (row[i, col["connected"]] == 0) disconnected++
            slowest = 0; for (i = 1; i <= n; i++) if (row[i, col["scrape_ms"]] > slowest) slowest = row[i, col["scrape_ms"]]
            drain = have_final ? fin[col["t_s"]] - load_end : "na"
            # Stalls: messages arrived but no batch reached the models (the latency histogram did not move).
            stall = longest = 0; stall_at = "na"; lat_count = bcol["lat", nb["lat"]]
            for (i = (w > 1 ? w : 2); i <= n; i++) {
                if (row[i, lat_count] == row[i - 1, lat_count] && row[i, col["received"]] > row[i - 1, col["received"]]) {
                    stall += t[i] - t[i - 1]
                    if (stall > longest) { longest = stall; stall_at = t[i] }
                } else stall = 0
            }

            # ---- verdict
            if (gone != "") fail(gone)
            else if (app_exit != "" && app_exit != 0) fail("citybrain exited with status " app_exit " on SIGTERM")
            if (!have_final && gone == "") fail("no scrape after the drain")
            if (dropp > 0 || dropb > 0) fail("the ingest queue dropped " dropp + dropb " messages (full)")
            if (hwb_end >= cap_b || hwp_end >= cap_p) fail("a queue reached its capacity")
            if (hwb_end > 2 * hwb_ref && hwb_end > hwb_ref + hw_slack)
                fail("bulk queue high-water still rising: " hwb_ref " at the end of the first window, " hwb_end " at the end")
            if (hwp_end > 2 * hwp_ref && hwp_end > hwp_ref + hw_slack)
                fail("priority queue high-water still rising: " hwp_ref " -> " hwp_end)
            if (have_final && lost != 0) fail("received " received " != decoded " decoded " + rejected " rejected)
            if (lost_e2e != "na" && lost_e2e > 0) fail(lost_e2e " telemetry messages published but not decoded")
            if (expected == "" && gone == "") fail("the simulator did not report what it published")
            if (reconnects > 0) note("the app reconnected " reconnects " times to the broker")
            if (missed > 0) note(missed " scrapes unanswered within 10 s")
            if (longest >= stall_limit) {
                if (judge == "full") fail(sprintf("the wall applied no data for %.0f s (until %.0f s) while messages arrived", longest, stall_at))
                else note(sprintf("the wall applied no data for %.0f s (until %.0f s) while messages arrived", longest, stall_at))
            }
            if (judge == "full") {
                if (slope == "na") fail("too few samples after the warm-up for a memory slope")
                else if (slope > limit) fail(sprintf("RSS grows %.2f MB/h after the warm-up (limit %.2f MB/h)", slope, limit))
                drift_on = (judge_drift == "on" || (judge_drift == "auto" && minutes >= drift_min))
                if (!windows_ok) note("the run is too short for two separate windows: percentiles not compared")
                else if (drift_on) {
                    if (lat99[1] != "na" && lat99[2] > lat99[1] * (1 + drift_pct / 100))
                        fail(sprintf("latency p99 drifted %.1f -> %.1f ms (> %g %%)", lat99[1], lat99[2], drift_pct))
                    if (fr99[1] != "na" && fr99[2] > fr99[1] * (1 + drift_pct / 100))
                        fail(sprintf("frame p99 drifted %.1f -> %.1f ms (> %g %%)", fr99[1], fr99[2], drift_pct))
                } else note(sprintf("percentile drift reported, not judged (runs under %g minutes; --judge-drift on)", drift_min))
            }

            # ---- table
            printf "\n%-44s %14s %14s\n", "", "start", "end"
            printf "%-44s %14s %14s\n", "time (s), RSS slope from .. to", fmt(t[r > 0 ? r : 1], 0), fmt(t[n], 0)
            printf "%-44s %14s %14s\n", "RSS, MB (VmRSS)", fmt(r > 0 ? rss[r] : "na", 1), fmt(rss[n], 1)
            printf "%-44s %14s %14s\n", "  min / max in that span, MB", fmt(min_rss, 1), fmt(max_rss, 1)
            printf "%-44s %14s %14s\n", "RSS growth, MB/h (least squares, +- s.e.)", fmt(slope, 2), "+- " fmt(se, 2)
            printf "%-44s %14s %14s\n", "  anonymous memory only, MB/h", fmt(anon_slope, 2), ""
            printf "%-44s %14s %14s\n", "  limit for this run, MB/h", fmt(limit, 2), (judge == "full") ? "judged" : "reported"
            printf "%-44s %14s %14s\n", "windows (s)", fmt(t[a1], 0) "-" fmt(t[b1], 0), fmt(t[a2], 0) "-" fmt(t[b2], 0)
            printf "%-44s %14s %14s\n", "  messages / frames in the window", msgs[1] " / " frames[1], msgs[2] " / " frames[2]
            printf "%-44s %14s %14s\n", "ingest latency p50, ms", fmt(lat50[1], 1), fmt(lat50[2], 1)
            printf "%-44s %14s %14s\n", "ingest latency p99, ms", fmt(lat99[1], 1), fmt(lat99[2], 1)
            printf "%-44s %14s %14s\n", "frame time p50, ms", fmt(fr50[1], 1), fmt(fr50[2], 1)
            printf "%-44s %14s %14s\n", "frame time p99, ms", fmt(fr99[1], 1), fmt(fr99[2], 1)
            printf "%-44s %14s %14s\n", "queue high water priority (cap " cap_p ")", hwp_ref, hwp_end
            printf "%-44s %14s %14s\n", "queue high water bulk (cap " cap_b ")", hwb_ref, hwb_end
            printf "%-44s %14s %14s\n", "  deepest sampled priority / bulk", "", maxdepth_p " / " maxdepth_b
            printf "%-44s %14s %14s\n", "  dropped priority / bulk", "", dropp " / " dropb
            printf "%-44s %14s\n", "messages received", received
            printf "%-44s %14s\n", "  decoded / rejected / not accounted for", decoded " / " rejected " / " lost
            printf "%-44s %14s\n", "telemetry published (simulator + bursts)", (expected == "") ? "na" : expected " (" sim_published " + " burst_sent ")"
            printf "%-44s %14s\n", "  decoded / lost", telemetry " / " lost_e2e
            printf "%-44s %14s\n", "MQTT reconnects / samples disconnected", reconnects " / " disconnected
            printf "%-44s %14s\n", "longest stall after warm-up, s (at)", fmt(longest, 0) " (" fmt(stall_at, 0) ")"
            printf "%-44s %14s\n", "slowest /metrics answer, ms", slowest
            printf "%-44s %14s\n", "drain after the load stopped, s", fmt(drain, 1)
            printf "%-44s %14s\n", "app CPU, % of a core (whole run)", fmt(100 * cpu / (have_final ? fin[col["t_s"]] : t[n]), 1)
            printf "%-44s %14s\n", "app exit status on SIGTERM", (app_exit == "") ? "na" : app_exit
            if (reasons != "") print reasons
            printf "\nsoak minutes=%s rss_growth_mb_per_h=%s queue_high_water_max=%d latency_p99_start_ms=%s latency_p99_end_ms=%s frame_p99_start_ms=%s frame_p99_end_ms=%s verdict=%s\n",
                (gone == "") ? minutes : fmt(load_end / 60, 1), fmt(slope, 2), hw_max, fmt(lat99[1], 1), fmt(lat99[2], 1),
                fmt(fr99[1], 1), fmt(fr99[2], 1), verdict
            exit verdict == "pass" ? 0 : 1
        }' "$CSV"
}
CSV=$WORK/samples.csv
if [[ -n $REPORT ]]; then
    report
    exit
fi

for binary in "$CITYBRAIN" "$SIM" "$LOADGEN"; do
    [[ -x $binary ]] || { say "missing $binary (build it: ./test.sh, or cmake --build --preset dev --target citybrain citybrain-sim citybrain-loadgen)"; exit 2; }
done
MOSQUITTO=$(command -v mosquitto || echo /usr/sbin/mosquitto)
[[ -x $MOSQUITTO ]] || { say "missing mosquitto (Debian package mosquitto)"; exit 2; }

if [[ -z $WORK ]]; then
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/citybrain-soak-XXXXXX")
else
    # Reused only if it is empty or an earlier soak's folder: --work never deletes anything else.
    if [[ -d $WORK && -n $(ls -A "$WORK") && ! -f $WORK/mosquitto.conf ]]; then
        say "run.sh: --work $WORK is not empty and not a soak work folder"
        exit 2
    fi
    rm -rf "$WORK" && mkdir -p "$WORK"
fi
CSV=$WORK/samples.csv
PIDS=()
cleanup() {
    local pid i
    # The newest first: the app and its publishers before their broker.
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill -TERM "${PIDS[i]}" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    ((KEEP_DB)) || rm -f "$WORK"/history.sqlite*
}
trap cleanup EXIT
trap 'exit 130' INT TERM

usec() { echo $((${EPOCHREALTIME/./} - T0)); } # microseconds since T0
sleep_until() { # microseconds since T0
    local d=$(($1 - $(usec)))
    ((d > 0)) && sleep "$((d / 1000000)).$(printf %06d $((d % 1000000)))"
    return 0
}

scrape() { # -> the metrics text on stdout (bash's /dev/tcp: curl is not on a fresh Debian)
    exec 3<>"/dev/tcp/127.0.0.1/$METRICS_PORT" || return 1
    printf 'GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
    # Content-Length bytes: the answer is complete without waiting for the close.
    local line length=""
    while IFS= read -r -t 10 line <&3; do
        line=${line%$'\r'}
        [[ -z $line ]] && break
        [[ ${line,,} == content-length:* ]] && length=${line//[^0-9]/}
    done
    if [[ -n $length ]]; then timeout 10 head -c "$length" <&3 || true; else timeout 10 cat <&3 || true; fi
    exec 3<&-
}

# ---- broker, app, simulator -------------------------------------------------------------------------
PORT=$("$LOADGEN" --free-port)
BROKER=tcp://127.0.0.1:$PORT
# Like EmbeddedBroker's config without persistence; queues deep enough that the broker never drops for us.
cat >"$WORK/mosquitto.conf" <<CONF
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
CONF
"$MOSQUITTO" -c "$WORK/mosquitto.conf" 2>>"$WORK/mosquitto.log" &
BROKER_PID=$!
PIDS+=("$BROKER_PID")
for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
    sleep 0.1
done
(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || { say "mosquitto did not start"; cat "$WORK/mosquitto.log" >&2; exit 2; }

METRICS_PORT=$("$LOADGEN" --free-port)
QT_QPA_PLATFORM=offscreen "$CITYBRAIN" --broker "$BROKER" --metrics "127.0.0.1:$METRICS_PORT" \
    --db "$WORK/history.sqlite" --snapshot-every 0 --client-id soak-wall >"$WORK/citybrain.log" 2>&1 &
APP_PID=$!
PIDS+=("$APP_PID")
if ! "$LOADGEN" --scrape "http://127.0.0.1:$METRICS_PORT/metrics" --wait-for citybrain_mqtt_connected=1 \
    --timeout-ms 60000 >/dev/null 2>>"$WORK/citybrain.log"; then
    say "citybrain did not come up connected; its log:"
    tail -n 20 "$WORK/citybrain.log" >&2
    exit 1
fi
# The frame histograms appear once the wall's window exists (after the QML has loaded): start the load then.
for _ in $(seq 120); do
    scrape >"$WORK/scrape.txt" 2>/dev/null || true
    grep -q '^citybrain_frame_seconds_count' "$WORK/scrape.txt" && break
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.5
done
"$SIM" --broker "$BROKER" --client-id soak-sim >"$WORK/sim.log" 2>&1 &
SIM_PID=$!
PIDS+=("$SIM_PID")
T0=${EPOCHREALTIME/./}
TRICKLE_PID=""
if ((BURST_EVERY > 0)); then
    # Its own seq range: the bursts count theirs from 0 (the app does not order telemetry by seq).
    "$LOADGEN" --broker "$BROKER" --count $((TRICKLE_RATE * (RUN_S - 5))) --qos 0 --rate "$TRICKLE_RATE" \
        --sensors "$BURST_SENSORS" --seq-start 1000000000 --transport direct >"$WORK/trickle.txt" 2>&1 &
    TRICKLE_PID=$!
    PIDS+=("$TRICKLE_PID")
fi
LOAD_START=$(date -u +%Y-%m-%dT%H:%M:%SZ)
LOADAVG_START=$(cut -d' ' -f1-3 /proc/loadavg)
say "soak: $MINUTES min, warm-up ${WARMUP} s, samples every ${SAMPLE_S} s, bursts of +$BURST_RATE msg/s for ${BURST_S} s every ${BURST_EVERY} s; work folder $WORK"

# ---- sampling ---------------------------------------------------------------------------------------

# One CSV row per scrape: the figures of the verdict, then every bucket of the two histograms.
# The header comes from the first scrape (bucket bounds as the app exports them).
row() { # "t_s,scrape_ms" phase scrape-file
    awk -v t="$1" -v phase="$2" -v header="$([[ -s $CSV ]] && echo 0 || echo 1)" '
        function value(line) { n = split(line, parts, " "); return parts[n] + 0 }
        function le(line) { match(line, /le="[^"]*"/); return substr(line, RSTART + 4, RLENGTH - 5) }
        FILENAME ~ /status$/ && /^VmRSS:/ { vmrss = $2 }
        FILENAME ~ /status$/ && /^RssAnon:/ { anon = $2 }
        FILENAME ~ /status$/ { next }
        /^citybrain_messages_received_total/ { received += value($0) }
        /^citybrain_messages_decoded_total/ { decoded += value($0); if ($0 ~ /kind="telemetry"/) telemetry += value($0) }
        /^citybrain_messages_rejected_total/ { rejected += value($0) }
        /^citybrain_queue_depth\{.*"priority"/ { depth_p = value($0) }
        /^citybrain_queue_depth\{.*"bulk"/ { depth_b = value($0) }
        /^citybrain_queue_high_water\{.*"priority"/ { hw_p = value($0) }
        /^citybrain_queue_high_water\{.*"bulk"/ { hw_b = value($0) }
        /^citybrain_queue_dropped_total\{.*"priority"/ { drop_p = value($0) }
        /^citybrain_queue_dropped_total\{.*"bulk"/ { drop_b = value($0) }
        /^citybrain_mqtt_connected/ { connected = value($0) }
        /^citybrain_mqtt_reconnects_total/ { reconnects = value($0) }
        /^process_cpu_seconds_total/ { cpu = value($0) }
        /^citybrain_ingest_latency_seconds_bucket/ { nl++; lname[nl] = "lat_le_" le($0); lval[nl] = value($0) }
        /^citybrain_frame_seconds_bucket/ { nf++; fname[nf] = "frame_le_" le($0); fval[nf] = value($0) }
        END {
            if (nl == 0 || nf == 0) exit 1 # not a scrape
            if (header) {
                printf "t_s,scrape_ms,phase,vmrss_kb,rssanon_kb,received,decoded,decoded_telemetry,rejected,depth_priority,depth_bulk,"
                printf "hw_priority,hw_bulk,dropped_priority,dropped_bulk,connected,reconnects,cpu_s"
                for (i = 1; i <= nl; i++) printf ",%s", lname[i]
                for (i = 1; i <= nf; i++) printf ",%s", fname[i]
                printf "\n"
            }
            printf "%s,%s,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%.2f", t, phase, vmrss, anon, received, decoded,
                telemetry, rejected, depth_p, depth_b, hw_p, hw_b, drop_p, drop_b, connected, reconnects, cpu
            for (i = 1; i <= nl; i++) printf ",%d", lval[i]
            for (i = 1; i <= nf; i++) printf ",%d", fval[i]
            printf "\n"
        }' "$3" "/proc/$APP_PID/status" >>"$CSV"
}

APP_GONE="" # why the run stopped early, if it did
alive() { # name pid: records why the run must stop
    kill -0 "$2" 2>/dev/null && return 0
    local status=0
    wait "$2" 2>/dev/null || status=$?
    APP_GONE="$1 exited (status $status) at $(($(usec) / 1000000)) s"
    return 1
}

sample() { # phase
    alive citybrain "$APP_PID" || return 1
    local before t
    before=$(usec)
    scrape >"$WORK/scrape.txt" 2>/dev/null || true
    t=$(awk -v u="$before" -v d="$(($(usec) - before))" 'BEGIN { printf "%.1f,%.0f", u / 1e6, d / 1e3 }')
    if ! row "$t" "$1" "$WORK/scrape.txt" 2>/dev/null; then
        alive citybrain "$APP_PID" || return 1
        MISSED=$((MISSED + 1))
        cp "$WORK/scrape.txt" "$WORK/scrape-missed-$MISSED.txt"
        say "soak: no metrics at ${t%,*} s (answer after ${t#*,} ms: $WORK/scrape-missed-$MISSED.txt)"
    fi
    return 0
}

BURST_PID="" BURST_UNTIL=0 BURSTS=0 BURST_SEQ=0 BURST_SENT=0 MISSED=0
burst_done() { # collects a finished burst's figures
    [[ -n $BURST_PID ]] || return 0
    wait "$BURST_PID" 2>/dev/null || say "soak: burst $BURSTS: citybrain-loadgen failed"
    local sent
    sent=$(sed -n 's/.* sent=\([0-9]*\).*/\1/p' "$WORK/burst-$BURSTS.txt")
    BURST_SENT=$((BURST_SENT + ${sent:-0}))
    BURST_PID=""
}
burst_start() {
    burst_done
    BURSTS=$((BURSTS + 1))
    local count=$((BURST_RATE * BURST_S))
    # Direct client: one write per message at its time (paced, ts = when it left), QoS 0 like the sensors.
    "$LOADGEN" --broker "$BROKER" --count "$count" --qos 0 --rate "$BURST_RATE" --sensors "$BURST_SENSORS" \
        --seq-start "$BURST_SEQ" --transport direct >"$WORK/burst-$BURSTS.txt" 2>&1 &
    BURST_PID=$!
    PIDS+=("$BURST_PID")
    BURST_SEQ=$((BURST_SEQ + (count + BURST_SENSORS - 1) / BURST_SENSORS))
    BURST_UNTIL=$(($(usec) + BURST_S * 1000000))
    echo "$BURSTS $(awk -v u="$(usec)" 'BEGIN { printf "%.1f", u / 1e6 }')" >>"$WORK/bursts.txt"
}

END_US=$((RUN_S * 1000000))
NEXT_SAMPLE=0
NEXT_BURST=$((BURST_EVERY > 0 ? FIRST_BURST * 1000000 : END_US + 1))
while :; do
    now=$(usec)
    ((now >= END_US)) && break
    if ((now >= NEXT_BURST)); then
        # A burst starts only if it ends before the load does: the last window is not cut by the stop.
        ((NEXT_BURST + BURST_S * 1000000 <= END_US)) && burst_start
        NEXT_BURST=$((NEXT_BURST + BURST_EVERY * 1000000))
    fi
    if ((now >= NEXT_SAMPLE)); then
        phase=steady
        (($(usec) < WARMUP * 1000000)) && phase=warmup
        [[ -n $BURST_PID ]] && kill -0 "$BURST_PID" 2>/dev/null && phase=$phase-burst
        [[ -n $BURST_PID ]] && ((now >= BURST_UNTIL)) && ! kill -0 "$BURST_PID" 2>/dev/null && burst_done
        sample "$phase" || break
        alive citybrain-sim "$SIM_PID" || break
        alive mosquitto "$BROKER_PID" || break
        [[ -z $TRICKLE_PID ]] || kill -0 "$TRICKLE_PID" 2>/dev/null || ((now > END_US - 10000000)) ||
            { APP_GONE="citybrain-loadgen (the burst sensors' trickle) exited early"; break; }
        # A scrape that hung (at most 10 s) does not make the next ones come in a rush.
        while ((NEXT_SAMPLE <= $(usec))); do NEXT_SAMPLE=$((NEXT_SAMPLE + SAMPLE_S * 1000000)); done
    fi
    next=$((NEXT_SAMPLE < NEXT_BURST ? NEXT_SAMPLE : NEXT_BURST))
    sleep_until $((next < END_US ? next : END_US))
done
LOAD_END_S=$(awk -v u="$(usec)" 'BEGIN { printf "%.1f", u / 1e6 }')

# ---- stop the load, drain, stop the app -------------------------------------------------------------
if [[ -n $BURST_PID ]]; then
    for _ in $(seq $((BURST_S * 10 + 100))); do kill -0 "$BURST_PID" 2>/dev/null || break; sleep 0.1; done
    kill -TERM "$BURST_PID" 2>/dev/null || true
    burst_done
fi
if [[ -n $TRICKLE_PID ]]; then
    for _ in $(seq 150); do kill -0 "$TRICKLE_PID" 2>/dev/null || break; sleep 0.1; done
    kill -TERM "$TRICKLE_PID" 2>/dev/null || true
    wait "$TRICKLE_PID" 2>/dev/null || true
    sent=$(sed -n 's/.* sent=\([0-9]*\).*/\1/p' "$WORK/trickle.txt")
    # Killed before its result line (it should have finished): what it sent is unknown, the loss check is off.
    [[ -n $sent ]] && BURST_SENT=$((BURST_SENT + sent)) || BURST_SENT_UNKNOWN=1
fi
SIM_PUBLISHED=""
if kill -0 "$SIM_PID" 2>/dev/null; then
    kill -TERM "$SIM_PID"
    wait "$SIM_PID" 2>/dev/null || true
    SIM_PUBLISHED=$(sed -n 's/.*stopping: .* - \([0-9]*\) telemetry messages published.*/\1/p' "$WORK/sim.log" | tail -n 1)
fi
EXPECTED=""
[[ -n $SIM_PUBLISHED && -z ${BURST_SENT_UNKNOWN:-} ]] && EXPECTED=$((SIM_PUBLISHED + BURST_SENT))
APP_EXIT=""
if [[ -z $APP_GONE ]] && alive citybrain "$APP_PID"; then
    # The app has drained when its queue is empty and its counters agree twice in a row, or nothing moved
    # for 10 s (then what is missing is lost). At most 60 s.
    last="" still=0 settled=0
    for _ in $(seq 120); do
        scrape >"$WORK/final.txt" 2>/dev/null || true
        read -r received decoded telemetry rejected dropped depth < <(awk '
            function value(line) { n = split(line, parts, " "); return parts[n] + 0 }
            /^citybrain_messages_received_total/ { r += value($0) }
            /^citybrain_messages_decoded_total/ { d += value($0); if ($0 ~ /kind="telemetry"/) t += value($0) }
            /^citybrain_messages_rejected_total/ { j += value($0) }
            /^citybrain_queue_dropped_total/ { x += value($0) }
            /^citybrain_queue_depth/ { q += value($0) }
            END { printf "%d %d %d %d %d %d\n", r, d, t, j, x, q }' "$WORK/final.txt")
        now="$received $decoded $rejected"
        if ((depth == 0 && received == decoded + rejected + dropped)) &&
            [[ -z $EXPECTED || $telemetry -ge $EXPECTED || $now == "$last" ]]; then
            settled=$((settled + 1))
            ((settled >= 2)) && break
        else
            settled=0
        fi
        if [[ $now == "$last" ]]; then still=$((still + 1)); ((still >= 20)) && break; else still=0; fi
        last=$now
        sleep 0.5
    done
    t=$(awk -v u="$(usec)" 'BEGIN { printf "%.1f,0", u / 1e6 }')
    row "$t" final "$WORK/final.txt" 2>/dev/null || say "soak: no final scrape"
    kill -TERM "$APP_PID"
    APP_EXIT=0
    for _ in $(seq 300); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$APP_PID" 2>/dev/null && { say "soak: citybrain still running 30 s after SIGTERM"; kill -KILL "$APP_PID"; }
    wait "$APP_PID" 2>/dev/null || APP_EXIT=$?
fi
LOADAVG_END=$(cut -d' ' -f1-3 /proc/loadavg)


declare -p MINUTES SAMPLE_S BURST_EVERY BURST_S BURST_RATE BURST_SENSORS FIRST_BURST LOAD_END_S APP_GONE APP_EXIT EXPECTED \
    SIM_PUBLISHED BURST_SENT BURSTS MISSED LOAD_START LOADAVG_START LOADAVG_END CITYBRAIN >"$WORK/run.env"
report
