#!/usr/bin/env bash
# Receipts per second into `mmskit receipts serve --db postgres://…` (a throwaway cluster from Debian's
# postgresql, started by scripts/postgres-test-server.sh; synchronous_commit on, the default), next to the
# same receiver on SQLite (WAL, synchronous=FULL) in the same run. Same load as receiver-throughput.sh: wrk,
# 2 threads, 64 connections, one receipt or 100 per POST, each a new phone.
#   DURATION  seconds per run (default 8)     MMSKIT_BIN  binary to measure (default .build/release/mmskit)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/Benchmarks/common.sh"
require_tools wrk psql python3
find_mmskit "nothing to measure"
(( HAVE_MMSKIT )) || exit 2

DURATION=${DURATION:-8}
WORK=$(mktemp -d /tmp/mmskit-bench-pg.XXXXXX)
SERVER_PID=""; PG_DIR=""
cleanup() {
    [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null
    [[ -n $PG_DIR ]] && bash "$ROOT/scripts/postgres-test-server.sh" stop "$PG_DIR" >/dev/null 2>&1
    rm -rf "$WORK"
}
trap cleanup EXIT

{ read -r PG_URL; read -r PG_DIR; } < <(bash "$ROOT/scripts/postgres-test-server.sh" start) || die "no PostgreSQL server"

# Every run starts from an empty store (wrk numbers its phones from 0 each time).
empty() {
    if [[ $1 == postgres://* ]]; then
        psql -q "$1" -c "TRUNCATE outbox, pushes" >/dev/null 2>&1 || true
    else
        rm -f "$1" "$1-wal" "$1-shm"
    fi
}

measure() {
    local name=$1 db=$2 batch=$3 line requests seconds bad url rows
    empty "$db"
    "$BIN" receipts serve --port 0 --db "$db" > "$WORK/out" 2> "$WORK/err" &
    SERVER_PID=$!
    for _ in $(seq 100); do url=$(sed -n 's/^listening on //p' "$WORK/out"); [[ -n $url ]] && break; sleep 0.1; done
    [[ -n $url ]] || die "the receiver did not start: $(cat "$WORK/err")"
    line=$(BATCH=$batch wrk -t2 -c64 -d"${DURATION}s" -s "$ROOT/Benchmarks/receipt.lua" "$url/ihuyi/receipts" | grep '^RESULT')
    kill -TERM "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
    requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$line"); seconds=$(sed 's/.*seconds=\([0-9.]*\).*/\1/' <<<"$line")
    bad=$(sed 's/.*bad=\([0-9]*\).*/\1/' <<<"$line")
    rows=$("$BIN" receipts export --db "$db" --format jsonl | wc -l)
    printf '%-10s batch %3d: %8.0f receipts/s  p50 %s µs  p99 %s µs  (%d answered, %d not success; %d rows stored)\n' \
        "$name" "$batch" "$(python3 -c "print(($requests - $bad) * $batch / $seconds)")" \
        "$(sed 's/.*p50_us=\([0-9]*\).*/\1/' <<<"$line")" "$(sed 's/.*p99_us=\([0-9]*\).*/\1/' <<<"$line")" \
        "$requests" "$bad" "$rows"
    (( rows >= (requests - bad) * batch )) || echo "  CHECK FAILED: fewer rows than receipts answered success" >&2
}

echo "wrk: 64 connections, ${DURATION}s per run, 2 threads; $(nproc) cores"
for batch in 1 100; do
    measure sqlite "$WORK/r-$batch.sqlite" "$batch"
    measure postgres "$PG_URL" "$batch"
done
