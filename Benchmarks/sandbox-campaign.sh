#!/usr/bin/env bash
# One campaign of RECIPIENTS numbers (default 1,000,000) end to end on this machine: `mmskit send` to the
# sandbox's ihuyi in chunks of 10,000, the sandbox pushing a receipt for every recipient to
# `mmskit receipts serve` (SQLite, WAL, synchronous=FULL). Prints recipients per second from the start of the
# send until the last receipt is stored, the sender's peak RSS (target ≤ 100 MB), and whether the receiver kept
# up: with --fail-rate 0 no push may need a second try.
#
#   RECIPIENTS   numbers to send to (default 1000000)
#   MMSKIT_BIN   binary to measure (default .build/release/mmskit; mmskit-server must sit beside it)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/Benchmarks/common.sh"
require_tools python3 sqlite3
find_mmskit "nothing to measure"
(( HAVE_MMSKIT )) || exit 2
[[ -x /usr/bin/time ]] || die "/usr/bin/time is required (Debian package time)"

RECIPIENTS=${RECIPIENTS:-1000000}
WORK=$(mktemp -d /tmp/mmskit-bench-campaign.XXXXXX)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

start() {
    local name=$1 prefix=$2; shift 2
    "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" &
    PIDS+=($!)
    for _ in $(seq 100); do
        URL=$(sed -n "s/^$prefix //p" "$WORK/$name.out" | head -1)
        [[ -n $URL ]] && return 0
        sleep 0.1
    done
    die "$name did not start: $(cat "$WORK/$name.err")"
}

start receiver "listening on" "$BIN" receipts serve --port 0 --db "$WORK/receipts.sqlite"
RECEIVER=$URL
start sandbox "sandbox on" "$BIN" sandbox --callback-url "$RECEIVER" --receipt-delay 0 --review-delay 0 --fail-rate 0
SANDBOX=$URL

python3 -c "
import sys
with open('$WORK/phones.txt', 'w') as f:
    for i in range($RECIPIENTS): f.write('13%09d\n' % i)
"
export MMSKIT_IHUYI_API_ID=sandbox MMSKIT_IHUYI_API_KEY=sandbox-api-key
state() { python3 -c "import json,sys,urllib.request; d=json.load(urllib.request.urlopen('$SANDBOX/_sandbox/state')); print($1)"; }

echo "campaign: $RECIPIENTS recipients, chunks of 10,000, receipts pushed in arrays of 100; $(nproc) cores"
start_ns=$(date +%s%N)
/usr/bin/time -f "%M %e" -o "$WORK/send.time" "$BIN" send --provider ihuyi --base-url "$SANDBOX" \
    --phones "$WORK/phones.txt" --product-id 1001 --content "$ROOT/samples/promo" \
    --journal "$WORK/send.jsonl" > "$WORK/send.out" 2> "$WORK/send.err" || die "send failed: $(tail -3 "$WORK/send.err")"
sent_ns=$(date +%s%N)
while [[ $(state "d['outstanding']") != 0 ]]; do sleep 0.2; done
done_ns=$(date +%s%N)
rows=$(sqlite3 "$WORK/receipts.sqlite" "SELECT count(*) FROM pushes WHERE kind = 'receipt'")
read -r rss_kb _ < "$WORK/send.time"
retries=$(state "d['pushes']['retries']"); abandoned=$(state "d['pushes']['abandoned']")
send_s=$(python3 -c "print(($sent_ns - $start_ns) / 1e9)"); total_s=$(python3 -c "print(($done_ns - $start_ns) / 1e9)")

printf 'send      %8.2f s  %9.0f recipients/s (accepted by the sandbox)\n' "$send_s" "$(python3 -c "print($RECIPIENTS / $send_s)")"
printf 'end to end %7.2f s  %9.0f recipients/s (until the last receipt is stored)\n' "$total_s" "$(python3 -c "print($RECIPIENTS / $total_s)")"
echo "receipts stored: $rows of $RECIPIENTS"
echo "RSS    sender peak: $((rss_kb / 1024)) MB (target ≤ 100 MB: $( (( rss_kb <= 102400 )) && echo MET || echo MISSED))"
echo "PUSHES retries: $retries, abandoned: $abandoned (target: no push needs a second try: $( [[ $retries == 0 && $abandoned == 0 ]] && echo MET || echo MISSED))"
(( rows == RECIPIENTS )) || { echo "CHECK FAILED: $rows receipts stored for $RECIPIENTS recipients" >&2; exit 1; }
