#!/usr/bin/env bash
# Receipts per second into `mmskit receipts serve` (SQLite, WAL, synchronous=FULL, group commit) against a
# minimal Python receiver (http.server + sqlite3, WAL, synchronous=FULL, one commit per request), in one run:
# wrk on loopback, 64 connections, one receipt per POST (each a new phone), then arrays of 100 per POST.
# Prints receipts/s, p50/p99 latency, the ratio, the rows counted afterwards and the receiver's peak RSS.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/Benchmarks/common.sh"
require_tools wrk sqlite3 python3
find_mmskit "only the Python receiver is measured"

DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
WORK=$(mktemp -d /tmp/mmskit-bench-receiver.XXXXXX)
SERVER_PID=""
cleanup() { [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

# start NAME COMMAND…: runs a receiver, waits for its `listening on URL` line, sets URL and SERVER_PID.
start() {
    local name=$1; shift
    "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" &
    SERVER_PID=$!
    for _ in $(seq 100); do
        URL=$(sed -n 's/^listening on //p' "$WORK/$name.out" | head -1)
        [[ -n $URL ]] && return 0
        sleep 0.1
    done
    die "$name did not start: $(cat "$WORK/$name.err")"
}

stop() { kill -TERM "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

# measure NAME DB TABLE BATCH: one wrk run; prints a line and sets RATE, P50, P99, ROWS, RSS.
measure() {
    local name=$1 db=$2 batch=$3 line requests seconds bad socket
    line=$(BATCH=$batch wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$ROOT/Benchmarks/receipt.lua" "$URL/ihuyi/receipts" | grep '^RESULT')
    requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$line"); seconds=$(sed 's/.*seconds=\([0-9.]*\).*/\1/' <<<"$line")
    P50=$(sed 's/.*p50_us=\([0-9]*\).*/\1/' <<<"$line"); P99=$(sed 's/.*p99_us=\([0-9]*\).*/\1/' <<<"$line")
    bad=$(sed 's/.*bad=\([0-9]*\).*/\1/' <<<"$line"); socket=$(sed 's/.*socket_errors=\([0-9]*\).*/\1/' <<<"$line")
    RSS=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
    stop
    ROWS=$(sqlite3 "$db" "SELECT count(*) FROM pushes")
    RATE=$(python3 -c "print(round(($requests - $bad) * $batch / $seconds))")
    printf '%-8s batch %3d: %8d receipts/s  p50 %6.2f ms  p99 %7.2f ms  answered %d requests (%d not success, %d socket errors)  rows %d  peak RSS %d MB\n' \
        "$name" "$batch" "$RATE" "$(bc -l <<<"$P50/1000")" "$(bc -l <<<"$P99/1000")" "$requests" "$bad" "$socket" "$ROWS" "$((RSS / 1024))"
    # Every answered request's receipts are stored (wrk may cut the last requests short at the end: those
    # were not answered, so rows ≥ answered × batch is the check).
    (( ROWS >= (requests - bad) * batch )) || echo "  CHECK FAILED: $ROWS rows < $(((requests - bad) * batch)) receipts answered success" >&2
}

echo "wrk: $CONNECTIONS connections, ${DURATION}s per run, 2 threads; $(nproc) cores"
declare -A rate p99 rss
for batch in 1 100; do
    start python python3 "$ROOT/Benchmarks/receiver_python.py" "$WORK/python-$batch.sqlite" 0
    measure python "$WORK/python-$batch.sqlite" "$batch"; rate[python-$batch]=$RATE
    if (( HAVE_MMSKIT )); then
        start mmskit "$BIN" receipts serve --port 0 --db "$WORK/mmskit-$batch.sqlite"
        measure mmskit "$WORK/mmskit-$batch.sqlite" "$batch"; rate[mmskit-$batch]=$RATE; rss[mmskit-$batch]=$RSS
    fi
done
(( HAVE_MMSKIT )) || exit 2

verdict() { if python3 -c "import sys; sys.exit(0 if $1 else 1)"; then echo MET; else echo MISSED; fi; }
ratio=$(python3 -c "print(round(${rate[mmskit-1]} / max(1, ${rate[python-1]}), 1))")
echo
echo "RATIO mmskit/python, one receipt per POST: ${ratio}x (target ≥ 20: $(verdict "$ratio >= 20"))"
echo "RATE  mmskit, one receipt per POST: ${rate[mmskit-1]} receipts/s (target ≥ 10,000: $(verdict "${rate[mmskit-1]} >= 10000"))"
echo "RATE  mmskit, 100 receipts per POST: ${rate[mmskit-100]} receipts/s (target ≥ 100,000: $(verdict "${rate[mmskit-100]} >= 100000"))"
worst=$(( ${rss[mmskit-1]} > ${rss[mmskit-100]} ? ${rss[mmskit-1]} : ${rss[mmskit-100]} ))
echo "RSS   mmskit under load: $((worst / 1024)) MB (target ≤ 100 MB: $(verdict "$worst <= 102400"))"
