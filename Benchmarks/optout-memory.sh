#!/usr/bin/env bash
# Opt-outs at scale: `mmskit send --dry-run` over N recipients (default 1,000,000) against N opt-outs (half of
# them on the list of recipients), with the store's suppression list (--db), with a plain file (--suppress), and
# with no list, side by side in one run: wall time, peak RSS (/usr/bin/time), and the suppressed count checked
# against the expected N/2. Also times `mmskit optout import` of the N opt-outs.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/Benchmarks/common.sh"
require_tools python3 /usr/bin/time
find_mmskit "nothing is measured"
(( HAVE_MMSKIT )) || exit 2

N=${N:-1000000}
WORK=$(mktemp -d /tmp/mmskit-bench-optout.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export MMSKIT_IHUYI_API_ID=bench MMSKIT_IHUYI_API_KEY=bench-key

# Recipients 13000000000 + 2i (i < N); opt-outs 13000000000 + 2i for N/2 ≤ i < 3N/2: half of them are recipients.
python3 - "$N" "$WORK" <<'PY'
import sys
n, work = int(sys.argv[1]), sys.argv[2]
with open(f"{work}/recipients.txt", "w") as f:
    f.writelines(f"{13000000000 + 2 * i}\n" for i in range(n))
with open(f"{work}/optouts.txt", "w") as f:
    f.writelines(f"{13000000000 + 2 * i}\n" for i in range(n // 2, n + n // 2))
PY

# measure NAME ARGS…: one dry run; prints its wall time, peak RSS and the suppressed count it reported.
measure() {
    local name=$1; shift
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -f '%M' -o "$WORK/$name.rss" "$BIN" send --provider ihuyi --phones "$WORK/recipients.txt" \
        --product-id 1018 --template-id 5501 --dry-run "$@" > /dev/null 2> "$WORK/$name.err" \
        || die "$name: $(tail -3 "$WORK/$name.err")"
    end=$(date +%s.%N)
    local suppressed
    suppressed=$(sed -n 's/^suppressed: \([0-9,]*\) numbers\{0,1\} on the opt-out list.*/\1/p' "$WORK/$name.err" | tr -d ,)
    printf '%-22s %7.1f s  peak RSS %4d MB  suppressed %s\n' "$name" "$(bc -l <<<"$end - $start")" \
        "$(( $(cat "$WORK/$name.rss") / 1024 ))" "${suppressed:-0}"
    if [[ $name != "no list" && ${suppressed:-0} != $((N / 2)) ]]; then
        echo "  CHECK FAILED: $name suppressed ${suppressed:-0}, expected $((N / 2))" >&2
    fi
}

echo "recipients: $N, opt-outs: $N (half of them recipients); $(nproc) cores"
start=$(date +%s.%N)
"$BIN" optout import "$WORK/optouts.txt" --db "$WORK/store.sqlite" > /dev/null
printf '%-22s %7.1f s\n' "optout import" "$(bc -l <<<"$(date +%s.%N) - $start")"
measure "no list" --ignore-optouts
measure "--db (SQLite store)" --db "$WORK/store.sqlite"
measure "--suppress FILE" --suppress "$WORK/optouts.txt"
