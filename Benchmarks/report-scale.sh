#!/usr/bin/env bash
# The campaign report at scale: `mmskit report` of an ihuyi campaign of N recipients (default 1,000,000; 100 chunks
# of 10,000, every one acknowledged with a task id) against a SQLite store holding the receiver's rows for it — a
# delivery receipt per number (≈ 97 % delivered, 3 % failed under five carrier codes, reported seconds to minutes
# after the send), 5,000 replies (some of them T, TD or 退订, each with its suppression entry) and opt-outs added by
# hand or imported — in JSON, as text, and with `--failures FILE`, beside the reference `mmskit receipts stats
# --journal` (SQL COUNTs over the same store): wall time (median of RUNS), peak RSS (/usr/bin/time), the ratio to
# the reference, and the report's figures checked against what was put in the store.
#   POSTGRES=1  also copies the store into a throwaway PostgreSQL cluster (scripts/postgres-test-server.sh; sqlite3
#               and psql, then VACUUM ANALYZE as autovacuum would) and measures the same reports and reference
#               there; its JSON report must equal SQLite's but for the store named in it.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/Benchmarks/common.sh"
require_tools python3 /usr/bin/time bc
find_mmskit "nothing is measured"
(( HAVE_MMSKIT )) || exit 2

N=${N:-1000000}
RUNS=${RUNS:-3}
WORK=$(mktemp -d /tmp/mmskit-bench-report.XXXXXX)
if [[ ${KEEP:-0} == 1 ]]; then
    trap 'echo "files kept in $WORK" >&2' EXIT
else
    trap 'rm -rf "$WORK"' EXIT
fi
cd "$WORK"

# The store gets its schema from mmskit itself; the rows are then written in one transaction by the helper, as the
# receiver would have written them (columns, natural keys, payloads with sorted keys, times as GRDB stores them).
start=$(date +%s.%N)
"$BIN" receipts migrate --db store.sqlite > /dev/null
python3 "$ROOT/Benchmarks/report_scale_data.py" "$N" "$WORK"
printf 'made %s numbers, the journal and a %d MB store with %s rows in %.1f s\n' "$N" \
    "$(( $(stat -c %s store.sqlite) / 1000000 ))" "$(python3 -c 'import json; print(json.load(open("expected.json"))["rows"])')" \
    "$(bc -l <<<"$(date +%s.%N) - $start")"

# measure NAME ARGS…: runs `mmskit ARGS…` RUNS times (stdout to NAME.out); sets WALL (median seconds) and RSS (the
# largest peak, MB).
measure() {
    local name=$1; shift
    local walls=() rss=0 run
    for (( run = 0; run < RUNS; run++ )); do
        /usr/bin/time -f '%e %M' -o "$name.time" "$BIN" "$@" > "$name.out" 2> "$name.err" \
            || die "$name: $(tail -3 "$name.err")"
        read -r wall kb < "$name.time"
        walls+=("$wall")
        (( kb > rss )) && rss=$kb
    done
    WALL=$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "$(( (RUNS + 1) / 2 ))p")
    RSS=$(( rss / 1024 ))
}

row() { printf '%-46s %8.2f s %7d MB %9s %9s\n' "$@"; }
# measured LABEL: a row of the last measure's WALL and RSS, with their ratios to the reference's.
measured() {
    row "$1" "$WALL" "$RSS" "$(printf '%.1f' "$(bc -l <<<"$WALL / $REF_WALL")")" \
        "$(printf '%.1f' "$(bc -l <<<"$RSS / $REF_RSS")")"
}

echo "recipients: $N; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); median of $RUNS runs"
measure reference receipts stats --db store.sqlite --journal send.jsonl
REF_WALL=$WALL REF_RSS=$RSS
printf '%-46s %10s %10s %9s %9s\n' command "wall" "peak RSS" "time/ref" "RSS/ref"
row "receipts stats --journal (reference)" "$REF_WALL" "$REF_RSS" 1.00 1.00
for variant in json text failures; do
    case $variant in
    json) measure json report send.jsonl --db store.sqlite --format json ;;
    text) measure text report send.jsonl --db store.sqlite --format text ;;
    failures) measure failures report send.jsonl --db store.sqlite --format json --failures failed.csv ;;
    esac
    label="report --format $variant"
    [[ $variant == failures ]] && label="report --format json --failures failed.csv"
    measured "$label"
done

if [[ ${POSTGRES:-0} == 1 ]]; then
    require_tools sqlite3 psql
    read -r PG_URL PG_DIR < <(cd / && "$ROOT/scripts/postgres-test-server.sh" start | paste -sd' ')
    trap '"$ROOT/scripts/postgres-test-server.sh" stop "$PG_DIR" > /dev/null 2>&1 || true; [[ ${KEEP:-0} == 1 ]] || rm -rf "$WORK"' EXIT
    "$BIN" receipts migrate --db "$PG_URL" > /dev/null
    start=$(date +%s.%N)
    # The rows as the receiver would have written them to PostgreSQL: the same ids, UTC times as timestamptz.
    sqlite3 -csv store.sqlite "SELECT id, kind, provider, natural_key, task_id, phone, code, message, template_id,
        event_time, first_event_time, CAST(payload AS TEXT), received_at || '+00', updated_at || '+00', outcome,
        revision FROM pushes" | psql "$PG_URL" -q -v ON_ERROR_STOP=1 -c "\copy pushes (id, kind, provider,
        natural_key, task_id, phone, code, message, template_id, event_time, first_event_time, payload, received_at,
        updated_at, outcome, revision) FROM STDIN WITH (FORMAT csv)"
    sqlite3 -csv store.sqlite "SELECT phone, source, provider, keyword, task_id, opted_out_at || '+00' FROM suppressions" |
        psql "$PG_URL" -q -v ON_ERROR_STOP=1 -c "\copy suppressions FROM STDIN WITH (FORMAT csv)"
    psql "$PG_URL" -q -v ON_ERROR_STOP=1 -c "VACUUM ANALYZE" \
        -c "SELECT setval(pg_get_serial_sequence('pushes', 'id'), (SELECT max(id) FROM pushes))" > /dev/null
    printf 'PostgreSQL: the store copied into %s and analysed in %.1f s\n' "${PG_URL%%\?*}" \
        "$(bc -l <<<"$(date +%s.%N) - $start")"
    measure pg-reference receipts stats --db "$PG_URL" --journal send.jsonl
    PG_REF=$WALL
    measured "PostgreSQL: receipts stats --journal"
    measure pg-json report send.jsonl --db "$PG_URL" --format json
    measured "PostgreSQL: report --format json"
    printf 'PostgreSQL: report / its own reference %.1f\n' "$(bc -l <<<"$WALL / $PG_REF")"
    python3 - <<'PY' || die "the PostgreSQL report differs from SQLite's"
import json
def without_store(value):
    if isinstance(value, dict):
        return {key: without_store(item) for key, item in value.items() if key != "generated"}
    if isinstance(value, list):
        return [without_store(item) for item in value]
    return value
sqlite, postgres = (without_store(json.load(open(name))) for name in ("json.out", "pg-json.out"))
if sqlite != postgres:
    raise SystemExit(1)
print("checked: the PostgreSQL report equals SQLite's")
PY
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# The report's figures must be exactly what the store holds: the funnel, the failures by code, the failures file
# (a header and one line per failed number) and the text's delivered line; the reference's sums as well.
"$BIN" receipts stats --db store.sqlite --journal send.jsonl --json > reference.json
python3 - <<'PY' || die "the report's figures differ from the store's"
import json, re
expected = json.load(open("expected.json"))
problems = []
for name in ("json", "failures"):
    report = json.load(open(f"{name}.out"))
    funnel = report["total"]["funnel"]
    for field in ("sent", "delivered", "failed", "pending", "replies", "optOuts"):
        if funnel[field] != expected[field]:
            problems.append(f"{name}: {field} {funnel[field]}, expected {expected[field]}")
    codes = {f["code"]: f["count"] for f in report["total"]["failures"]}
    if codes != expected["failures"]:
        problems.append(f"{name}: failures by code {codes}, expected {expected['failures']}")
lines = sum(1 for _ in open("failed.csv"))
if lines != expected["failed"] + 1:
    problems.append(f"failed.csv: {lines} lines, expected {expected['failed'] + 1}")
text = open("text.out", encoding="utf-8").read()
match = re.search(r"^\s*delivered\s+([\d,]+)", text, re.M)
if not match or int(match.group(1).replace(",", "")) != expected["delivered"]:
    problems.append(f"text: delivered line {match.group(0) if match else 'missing'}, expected {expected['delivered']}")
reference = json.load(open("reference.json"))
delivered = sum(t["delivered"] for t in reference["tasks"])
failed = sum(sum(t["failed"].values()) for t in reference["tasks"])
if (delivered, failed) != (expected["delivered"], expected["failed"]):
    problems.append(f"reference: delivered {delivered}, failed {failed}")
for problem in problems:
    print("  CHECK FAILED:", problem)
if problems:
    raise SystemExit(1)
print(f"checked: delivered {expected['delivered']:,}, failed {expected['failed']:,}, pending {expected['pending']}, "
      f"replies {expected['replies']:,}, new opt-outs {expected['optOuts']:,}, {len(expected['failures'])} failure "
      f"codes and {lines - 1:,} lines of failed.csv equal the store's")
PY
