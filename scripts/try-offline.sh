#!/usr/bin/env bash
# Quick start, step 3: the whole journey offline, on its own — a receiver (`mmskit receipts serve`) and the sandbox
# (`mmskit sandbox`) on free ports, `template create` of samples/promo, the review pushed back to the receiver, a
# send to a few thousand numbers, every receipt stored, then `receipts stats`, `template status` and `report` (whose
# sent, delivered and failed must equal the sandbox's own counts). It stops what it started (also on Ctrl-C or an
# error) and prints a summary; its files are removed unless --keep.
#   scripts/try-offline.sh [--numbers N] [--configuration release|debug] [--keep]
# Needs no account, no network and no public URL. CI runs it with --configuration debug after the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

numbers=3000
configuration=release
keep=0
while [ $# -gt 0 ]; do
    case "$1" in
    --numbers) numbers=$2; shift 2 ;;
    --configuration) configuration=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: scripts/try-offline.sh [--numbers N] [--configuration release|debug] [--keep]" >&2; exit 64 ;;
    esac
done
case "$numbers" in '' | *[!0-9]*) echo "try-offline: --numbers takes a whole number" >&2; exit 64 ;; esac
[ "$numbers" -ge 1 ] && [ "$numbers" -le 1000000 ] || { echo "try-offline: --numbers must be 1 to 1,000,000" >&2; exit 64; }

bash scripts/ensure-deps.sh server
echo "try-offline: building mmskit and mmskit-server ($configuration)…" >&2
swift build -c "$configuration" --product mmskit >&2
swift build -c "$configuration" --product mmskit-server >&2
bin=$root/.build/$configuration/mmskit

work=$(mktemp -d "${TMPDIR:-/tmp}/mmskit-offline-XXXXXX")
pids=()
finish() {
    local status=$?
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [ "$status" -ne 0 ]; then
        echo "try-offline: failed (status $status); what the servers said:" >&2
        tail -n 20 "$work"/*.err >&2 2>/dev/null || true
    fi
    if [ "$keep" = 1 ]; then echo "try-offline: files kept in $work" >&2; else rm -rf "$work"; fi
    exit "$status"
}
trap finish EXIT
trap 'exit 130' INT TERM
cd "$work"

# Starts a server in the background (its pid is recorded, to be stopped at the end).
start() {
    local name=$1
    shift
    "$@" >"$name.out" 2>"$name.err" &
    pids+=($!)
}

# Prints the URL a server announces on its first line (`PREFIX URL`), waiting up to 60 s for it.
url_of() {
    local name=$1 prefix=$2 url
    for _ in $(seq 1 600); do
        url=$(sed -n "s|^$prefix ||p" "$name.out" | head -n 1)
        [ -n "$url" ] && { echo "$url"; return; }
        sleep 0.1
    done
    echo "try-offline: $name did not start" >&2
    return 1
}

# Waits up to $1 seconds for the command after it to succeed.
wait_for() {
    local seconds=$1 what=$2
    shift 2
    for _ in $(seq 1 $((seconds * 10))); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "try-offline: timed out waiting for $what" >&2
    return 1
}

start receiver "$bin" receipts serve --port 0 --db receipts.sqlite
receiver=$(url_of receiver "listening on")
start sandbox "$bin" sandbox --callback-url "$receiver" --speed 60
sandbox=$(url_of sandbox "sandbox on")
echo "receiver: $receiver   sandbox: $sandbox (inspector: $sandbox/_sandbox/)"
export MMSKIT_IHUYI_API_ID=sandbox MMSKIT_IHUYI_API_KEY=sandbox-api-key
provider=(--provider ihuyi --base-url "$sandbox")

echo; echo "\$ mmskit balance --provider ihuyi"
"$bin" balance "${provider[@]}"
echo; echo "\$ mmskit template create samples/promo --provider ihuyi"
template=$("$bin" template create "${provider[@]}" "$root/samples/promo" --json \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["template_id"])')
echo "template $template created; the sandbox reviews it and pushes the result to the receiver…"
approved() { "$bin" template status "$template" --db receipts.sqlite | grep -q approved; }
wait_for 60 "the review of template $template" approved
echo; echo "\$ mmskit template status $template"
"$bin" template status "$template" --db receipts.sqlite

# N numbers, and two of the sandbox's special ones (…0005 replies T).
seq -f '139%08g' 0 $((numbers - 1)) >phones.txt
printf '19900000001\n19900000005\n' >>phones.txt
recipients=$((numbers + 2))
echo; echo "\$ mmskit send --phones phones.txt ($recipients numbers) --template-id $template"
"$bin" send "${provider[@]}" --phones phones.txt --product-id 1001 --template-id "$template" --journal send.jsonl

settled() {
    python3 - "$sandbox" <<'PY'
import json, sys, urllib.request
state = json.load(urllib.request.urlopen(sys.argv[1] + "/_sandbox/state", timeout=5))
sys.exit(0 if state.get("outstanding") == 0 else 1)
PY
}
wait_for 120 "every receipt to be pushed" settled
echo; echo "\$ mmskit receipts stats"
"$bin" receipts stats --db receipts.sqlite
stored=$("$bin" receipts stats --db receipts.sqlite --json \
    | python3 -c 'import json, sys; print(sum(t.get("receipts", 0) for t in json.load(sys.stdin)["tasks"]))')


echo; echo "\$ mmskit report send.jsonl --db receipts.sqlite"
"$bin" report send.jsonl --db receipts.sqlite
# The report's sent, delivered and failed (by code) must be the sandbox's own counts of the campaign's tasks.
"$bin" report send.jsonl --db receipts.sqlite --format json >report.json
python3 - report.json "$sandbox" <<'PY'
import json, sys, urllib.request
report = json.load(open(sys.argv[1]))
tasks = json.load(urllib.request.urlopen(sys.argv[2] + "/_sandbox/state", timeout=5))["accounts"]["ihuyi"]["tasks"]
funnel = report["campaigns"][0]["figures"]["funnel"]
failed = {}
for task in tasks.values():
    for code, count in task["failed"].items():
        failed[code] = failed.get(code, 0) + count
expected = {
    "sent": sum(t["recipients"] for t in tasks.values()),
    "delivered": sum(t["delivered"] for t in tasks.values()),
    "failed": sum(failed.values()),
}
shown = {key: funnel[key] for key in expected}
by_code = {}
for failure in report["campaigns"][0]["figures"]["failures"]:
    if failure["stage"] == "receipt":
        by_code[failure["code"]] = by_code.get(failure["code"], 0) + failure["count"]
if shown != expected or by_code != failed:
    sys.exit(f"try-offline: the report says {shown} {by_code}, the sandbox {expected} {failed}")
PY
echo
echo "summary: template $template approved; $recipients numbers sent; $stored receipts stored; the report's figures are the sandbox's."
[ "$stored" -eq "$recipients" ] || { echo "try-offline: expected $recipients receipts, found $stored" >&2; exit 1; }
echo "everything stopped; nothing is left running."
