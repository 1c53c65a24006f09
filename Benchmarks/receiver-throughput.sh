#!/usr/bin/env bash
# Receipts per second into `mmskit receipts serve` (SQLite, WAL, synchronous=FULL, group commit), the working
# tree's build (head) against the previous release built in the same run (baseline, BASELINE_REF), and against a
# minimal Python receiver (http.server + sqlite3, WAL, synchronous=FULL, one commit per request). wrk on
# loopback, 2 threads, 64 connections, DURATION seconds per run, for each binary: the server's own no-op ceiling
# (a GET that touches no store), one receipt per POST (each a new phone), then arrays of 100 per POST.
# Each load runs ROUNDS times per binary, in alternating order. Prints each run's requests or receipts/s, p50/p99
# latency, the server's CPU time per request, the rows counted afterwards (≥ receipts answered) and the peak RSS,
# then the means of head and baseline side by side with their ratios (no regression: head ≥ 0.95× baseline),
# head's one-receipt rate as a share of its /healthz ceiling (target ≥ 50 %), and the targets with MET/MISSED.
#   DURATION      seconds per wrk run (default 10)       CONNECTIONS  wrk connections (default 64)
#   ROUNDS        runs of each load per binary, in alternating order, averaged (default 2)
#   MMSKIT_BIN    head binary (default .build/release/mmskit, built with `swift build -c release` when missing)
#   BASELINE_REF  the baseline commit (default 1414458, the last commit before issue 20's work); it is exported
#                 with `git archive` into BASELINE_CACHE/baseline-<full hash>/src and built there once with
#                 `swift build -c release --product mmskit-server` (the first time compiles every dependency:
#                 tens of minutes on 2 cores); later runs reuse BASELINE_CACHE/baseline-<full hash>/mmskit-server
#   BASELINE_CACHE  where baselines are kept (default .build-bench in the package root; git ignores .build-*/)
#   BASELINE_BIN  a baseline binary (mmskit or mmskit-server) to measure instead of building BASELINE_REF
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/Benchmarks/common.sh"
require_tools wrk sqlite3 python3 git bc
find_mmskit "only the Python receiver is measured"

DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-2}
CONNECTIONS=${CONNECTIONS:-64}
BASELINE_REF=${BASELINE_REF:-1414458}
BASELINE_CACHE=${BASELINE_CACHE:-$ROOT/.build-bench}
WORK=$(mktemp -d /tmp/mmskit-bench-receiver.XXXXXX)
SERVER_PID=""
cleanup() { [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

# baseline_binary: sets BASE_BIN and BASE_NAME, building BASELINE_REF's mmskit-server once into the cache.
baseline_binary() {
    if [[ -n ${BASELINE_BIN:-} ]]; then
        [[ -x $BASELINE_BIN ]] || die "BASELINE_BIN=$BASELINE_BIN is not an executable"
        BASE_BIN=$BASELINE_BIN; BASE_NAME=$(basename "$BASELINE_BIN"); return
    fi
    local sha dir
    sha=$(git -C "$ROOT" rev-parse --verify --quiet "$BASELINE_REF^{commit}") ||
        die "BASELINE_REF=$BASELINE_REF is not a commit of $ROOT; set it to one (a hash or tag), or BASELINE_BIN to a binary"
    BASE_NAME=${sha:0:7}
    dir=$BASELINE_CACHE/baseline-$sha
    BASE_BIN=$dir/mmskit-server
    [[ -x $BASE_BIN ]] && return
    if [[ ! -f $dir/src/Package.swift ]]; then
        rm -rf "$dir/src"; mkdir -p "$dir/src"
        git -C "$ROOT" archive "$sha" | tar -x -C "$dir/src"
    fi
    # The same dependency versions as the head build (Package.resolved is not committed), and its clones, so the
    # comparison is about this package's code and the build needs no network.
    [[ -f $ROOT/Package.resolved && ! -f $dir/src/Package.resolved ]] && cp "$ROOT/Package.resolved" "$dir/src/"
    if [[ -d $ROOT/.build/repositories && ! -d $dir/src/.build/repositories ]]; then
        mkdir -p "$dir/src/.build"; cp -R "$ROOT/.build/repositories" "$dir/src/.build/"
    fi
    require_tools swift
    echo "building the baseline $BASE_NAME: swift build -c release --product mmskit-server (in $dir/src)" >&2
    (cd "$dir/src" && swift build -c release --product mmskit-server) >&2 ||
        die "the baseline $BASE_NAME did not build (see above); set BASELINE_BIN to a binary to skip the build"
    cp "$dir/src/.build/release/mmskit-server" "$BASE_BIN"
}
(( HAVE_MMSKIT )) && baseline_binary

# The JPush key and secret make GET /jpush/callback?echostr=… answer its echo (JSMS's URL check) instead of 503;
# dummy values, for both binaries and every run.
export MMSKIT_JPUSH_APP_KEY=benchmark-app-key MMSKIT_JPUSH_MASTER_SECRET=benchmark-master-secret

# start NAME COMMAND…: runs a receiver, waits for its `listening on URL` line, sets URL and SERVER_PID.
start() {
    local name=$1; shift
    rm -f "$WORK/$name.out"  # a previous run's line must not be read before the new server truncates the file
    "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" &
    SERVER_PID=$!
    for _ in $(seq 100); do
        URL=$(sed -n 's/^listening on //p' "$WORK/$name.out" 2>/dev/null | head -1)
        [[ -n $URL ]] && return 0
        sleep 0.1
    done
    die "$name did not start: $(cat "$WORK/$name.err")"
}

stop() { kill -TERM "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

field() { sed "s/.*$1=\([0-9.]*\).*/\1/" <<<"$2"; }

# cpu_ticks: the server's user + system CPU time so far, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }

# measure NAME DB BATCH PATH: one wrk run against the started server, then stops it; prints a line and sets RATE
# (answered-success requests/s for BATCH 0, a GET of PATH; receipts/s otherwise), RSS (kB), P50, P99 (µs), and
# CPU, the server's CPU time per answered request (µs): steadier than the rate when other work shares the cores.
measure() {
    local name=$1 db=$2 batch=$3 path=$4 line requests seconds bad socket rows unit ticks
    ticks=$(cpu_ticks)
    line=$(BATCH=$batch wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$ROOT/Benchmarks/receipt.lua" "$URL$path" | grep '^RESULT')
    ticks=$(($(cpu_ticks) - ticks))
    requests=$(field requests "$line"); seconds=$(field seconds "$line"); bad=$(field bad "$line")
    socket=$(field socket_errors "$line"); P50=$(field p50_us "$line"); P99=$(field p99_us "$line")
    RSS=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
    stop
    RATE=$(python3 -c "print(round(($requests - $bad) * max(1, $batch) / $seconds))")
    CPU=$(python3 -c "print(round($ticks * 1e6 / $(getconf CLK_TCK) / max(1, $requests)))")
    if (( batch == 0 )); then
        printf '%-8s %-27s %8d requests/s  p50 %6.2f ms  p99 %7.2f ms  CPU %5d µs/request  answered %d (%d not 200, %d socket errors)  peak RSS %d MB\n' \
            "$name" "GET $path" "$RATE" "$(bc -l <<<"$P50/1000")" "$(bc -l <<<"$P99/1000")" "$CPU" "$requests" "$bad" "$socket" "$((RSS / 1024))"
        return
    fi
    rows=$(sqlite3 "$db" "SELECT count(*) FROM pushes")
    unit=$( (( batch == 1 )) && echo "one receipt per POST" || echo "$batch receipts per POST")
    printf '%-8s %-27s %8d receipts/s  p50 %6.2f ms  p99 %7.2f ms  CPU %5d µs/request  answered %d (%d not success, %d socket errors)  rows %d  peak RSS %d MB\n' \
        "$name" "$unit" "$RATE" "$(bc -l <<<"$P50/1000")" "$(bc -l <<<"$P99/1000")" "$CPU" "$requests" "$bad" "$socket" "$rows" "$((RSS / 1024))"
    # Every answered request's receipts are stored (wrk may cut the last requests short at the end: those
    # were not answered, so rows ≥ answered × batch is the check).
    (( rows >= (requests - bad) * batch )) || echo "  CHECK FAILED: $rows rows < $(((requests - bad) * batch)) receipts answered success" >&2
}

# run SIDE BINARY LOAD: starts BINARY's receiver on a fresh store and measures LOAD (noop, healthz, 1 or 100);
# adds to the side's sums for the load (rate, CPU) and keeps its largest RSS.
declare -A total cpu runs rss
run() {
    local side=$1 bin=$2 load=$3 db=$WORK/$1-$3-$4.sqlite
    start "$side" "$bin" receipts serve --port 0 --db "$db"
    case $load in
    noop) measure "$side" "$db" 0 "$NOOP_PATH" ;;
    healthz) measure "$side" "$db" 0 /healthz ;;
    *) measure "$side" "$db" "$load" /ihuyi/receipts ;;
    esac
    total[$side-$load]=$((${total[$side-$load]:-0} + RATE)); cpu[$side-$load]=$((${cpu[$side-$load]:-0} + CPU))
    runs[$side-$load]=$((${runs[$side-$load]:-0} + 1))
    (( RSS > ${rss[$side-$load]:-0} )) && rss[$side-$load]=$RSS
    return 0
}
mean() { echo $((total[$1] / runs[$1])); }
mean_cpu() { echo $((cpu[$1] / runs[$1])); }

# Both binaries' cheapest route: the echo of JSMS's URL check, answered from the query (no body, no store).
# The baseline has no /healthz; head's /healthz is the ceiling its one-receipt rate is compared with.
NOOP_PATH="/jpush/callback?echostr=x"
echo "wrk: $CONNECTIONS connections, ${DURATION}s per run, 2 threads; $(nproc) cores"
if (( HAVE_MMSKIT )); then
    echo "head:     $BIN (the working tree)"
    echo "baseline: $BASE_NAME ($BASE_BIN)"
    echo "no-op:    GET $NOOP_PATH on both (the baseline has no /healthz; it echoes JSMS's URL check from the query, no store work), and GET /healthz on head"
fi
# Each load runs ROUNDS times per binary, the order swapped every round (baseline head, head baseline, …) so
# that a machine getting busier or quieter weighs on both; the means are compared. Head's /healthz runs next to
# its one-receipt runs, which are measured against it.
declare -A rate
for load in noop 1 100; do
    if [[ $load != noop ]]; then
        start python python3 "$ROOT/Benchmarks/receiver_python.py" "$WORK/python-$load.sqlite" 0
        measure python "$WORK/python-$load.sqlite" "$load" /ihuyi/receipts; rate[python-$load]=$RATE
    fi
    (( HAVE_MMSKIT )) || continue
    for round in $(seq "$ROUNDS"); do
        order=$( (( round % 2 )) && echo "baseline head" || echo "head baseline")
        for side in $order; do
            if [[ $side == baseline ]]; then run baseline "$BASE_BIN" "$load" "$round"; continue; fi
            [[ $load == 1 ]] && run head "$BIN" healthz "$round"
            run head "$BIN" "$load" "$round"
        done
    done
done
(( HAVE_MMSKIT )) || exit 2

verdict() { if python3 -c "import sys; sys.exit(0 if $1 else 1)"; then echo MET; else echo MISSED; fi; }
ratio() { python3 -c "print(f'{$1 / max(1, $2):.2f}')"; }
echo
echo "means of $ROUNDS runs each (requests or receipts/s; server CPU µs per request):"
printf '%-34s %18s %18s %14s\n' "load" "baseline $BASE_NAME" "head" "head/baseline"
for load in noop 1 100; do
    case $load in noop) label="no-op GET /jpush/callback?echostr" ;; 1) label="one receipt per POST" ;; *) label="100 receipts per POST" ;; esac
    r=$(ratio "$(mean "head-$load")" "$(mean "baseline-$load")")
    c=$(ratio "$(mean_cpu "baseline-$load")" "$(mean_cpu "head-$load")")
    printf '%-34s %8d (%5d µs) %8d (%5d µs) %6s (CPU %s)  no regression, rate ≥ 0.95×: %s\n' "$label" \
        "$(mean "baseline-$load")" "$(mean_cpu "baseline-$load")" "$(mean "head-$load")" "$(mean_cpu "head-$load")" "$r" "$c" \
        "$(verdict "$r >= 0.95")"
done
printf '%-34s %18s %8d (%5d µs)\n' "no-op GET /healthz" "—" "$(mean head-healthz)" "$(mean_cpu head-healthz)"
share=$(python3 -c "print(round(100 * $(mean head-1) / max(1, $(mean head-healthz))))")
base_share=$(python3 -c "print(round(100 * $(mean baseline-1) / max(1, $(mean baseline-noop))))")
echo
echo "CEILING head, one receipt per POST / head GET /healthz: ${share} % (target ≥ 50 %: $(verdict "$share >= 50"); issue 20 measured 45 %: 18.3k receipts/s against 41.0k requests/s; the baseline's one receipt per POST is ${base_share} % of its GET /jpush/callback)"
ratio=$(python3 -c "print(round($(mean head-1) / max(1, ${rate[python-1]}), 1))")
echo "RATIO mmskit/python, one receipt per POST: ${ratio}x (target ≥ 20: $(verdict "$ratio >= 20"))"
echo "RATE  mmskit, one receipt per POST: $(mean head-1) receipts/s (target ≥ 10,000: $(verdict "$(mean head-1) >= 10000"))"
echo "RATE  mmskit, 100 receipts per POST: $(mean head-100) receipts/s (target ≥ 100,000: $(verdict "$(mean head-100) >= 100000"))"
worst=$(( ${rss[head-1]} > ${rss[head-100]} ? ${rss[head-1]} : ${rss[head-100]} ))
base_worst=$(( ${rss[baseline-1]} > ${rss[baseline-100]} ? ${rss[baseline-1]} : ${rss[baseline-100]} ))
echo "RSS   mmskit under load: $((worst / 1024)) MB (target ≤ 100 MB: $(verdict "$worst <= 102400"); baseline $((base_worst / 1024)) MB)"
