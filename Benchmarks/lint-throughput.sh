#!/usr/bin/env bash
# Benchmark: `mmskit lint` over a corpus of 2,000 ihuyi MMS JSON files (10 KB-1 MB each, ~385 MiB; ~70 % valid,
# ~30 % invalid in 18 different ways; templateCreate and batchSend bodies and bare content arrays; real media
# base64-encoded), generated once by Benchmarks/lint_corpus.py:
#   throughput  mmskit lint --format json CORPUS > /dev/null           (all cores)
#               python3 Benchmarks/lint_python.py CORPUS > /dev/null   (same checks in plain Python, one process)
#   scaling     taskset -c 0 mmskit lint …   vs   taskset -c 0,1 mmskit lint …
#   single file mmskit lint ONE.json   (a valid ~200 KB templateCreate body from the corpus; median of 30 runs)
# Both linters exit 1 on this corpus (it has invalid files): hyperfine runs them with -i.
# Before timing, each tool lints the corpus once and the number of files with errors is printed next to the
# corpus manifest's count (mmskit's count is read from `--format sarif`).
#
#   Benchmarks/lint-throughput.sh
#
# Targets: files/s mmskit / python >= 5; median(1 core) / median(2 cores) >= 1.6; single file <= 30 ms.
# Environment:
#   MMSKIT_BIN         binary to measure (default: .build/release/mmskit, built with
#                      `swift build -c release` (mmskit and mmskit-server) when missing)
#   MMSKIT_NO_BUILD=1  never run swift build; without a binary only the Python linter runs (exit 2)
#   BENCH_DIR          where the corpus is cached (default /tmp/mmskit-bench/lint-2000); it is regenerated when
#                      Benchmarks/lint_corpus.py changes; the media pool in BENCH_DIR/pool is kept
#   RUNS, WARMUP       hyperfine runs (default 5) and warm-up runs (default 1) for the corpus commands
#   SINGLE_RUNS        runs for the single-file command (default 30; 3 warm-ups)
# Not part of the test suite.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/tmp/mmskit-bench/lint-2000}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
SINGLE_RUNS=${SINGLE_RUNS:-30}
CORPUS=$WORK/corpus
POOL=$WORK/pool
MANIFEST=$WORK/manifest.tsv   # outside the corpus, so no linter sees it
OUT=$WORK/out
GEN=$ROOT/Benchmarks/lint_corpus.py
PY_LINT=$ROOT/Benchmarks/lint_python.py
COUNT=2000
SEED=20250611
MARKER=$WORK/.complete-$(cksum <"$GEN" | cut -d' ' -f1)-$SEED   # a changed generator regenerates

# shellcheck source=Benchmarks/common.sh
source "$ROOT/Benchmarks/common.sh"
require_tools ffmpeg /usr/bin/convert lame sox hyperfine python3 taskset cksum
python3 -c 'import magic' 2>/dev/null || die "python-magic is required (pip install python-magic)"
find_mmskit "Measuring the Python linter only"
# The real interpreter, not a pyenv/asdf shim (a shim adds ~150 ms of bash to every run).
PY=$(python3 -c 'import sys; print(sys.executable)')

# --- test data (cached) ------------------------------------------------------------------------------
if [[ ! -f $MARKER ]]; then
    echo "generating $COUNT JSON files in $CORPUS (once; cached by $MARKER)" >&2
    rm -rf "$CORPUS" "$MANIFEST" "$OUT" "$WORK"/.complete-*
    mkdir -p "$WORK"
    "$PY" "$GEN" "$CORPUS" --pool "$POOL" --manifest "$MANIFEST" --count "$COUNT" --seed "$SEED"
    touch "$MARKER"
fi
mkdir -p "$OUT"
NFILES=$(find "$CORPUS" -maxdepth 1 -name '*.json' | wc -l)
[[ $NFILES == "$COUNT" ]] || die "expected $COUNT files in $CORPUS, found $NFILES (delete $WORK to regenerate)"
BYTES=$(du -cb "$CORPUS" | tail -n 1 | cut -f1)
# the single-file case: the valid templateCreate body closest to 200 KB
read -r SINGLE SINGLE_BYTES < <(awk -F'\t' 'NR > 1 && $3 == "valid" && $4 == "template" {
        d = $2 - 200000; if (d < 0) d = -d; if (best == "" || d < bd) { best = $1; bd = d; bs = $2 } }
        END { print best, bs }' "$MANIFEST")
SINGLE=$CORPUS/$SINGLE
"$PY" - "$MANIFEST" "$BYTES" <<'EOF'
import collections, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")][1:]
sizes = sorted(int(r[1]) for r in rows)
st = collections.Counter(r[2] for r in rows)
sh = collections.Counter(r[3] for r in rows)
pretty = sum(r[5].startswith("pretty") for r in rows)
q = lambda p: sizes[min(len(sizes) - 1, int(p * len(sizes)))] // 1000
print(f"data: {len(rows)} files, {int(sys.argv[2]) / 2**20:.1f} MiB; sizes (KB) min {sizes[0] // 1000}, "
      f"p10 {q(.1)}, median {q(.5)}, p90 {q(.9)}, max {sizes[-1] // 1000}; {pretty} pretty-printed")
print(f"      valid {st['valid']}, valid with heuristic warnings only {st['warn']}, invalid {st['invalid']}; "
      + ", ".join(f"{k} {v}" for k, v in sorted(sh.items())))
EOF
echo "single file: $SINGLE ($SINGLE_BYTES bytes, valid templateCreate)"

q() { printf '%q' "$1"; }
MMSKIT_CMD="$(q "$BIN") lint --format json $(q "$CORPUS") > /dev/null"
PY_CMD="$(q "$PY") $(q "$PY_LINT") $(q "$CORPUS") > /dev/null"

# --- correctness first: each linter once over the corpus; files with errors compared ----------------
set +e
"$PY" "$PY_LINT" "$CORPUS" >"$OUT/python.txt" 2>"$OUT/python.err"
rc=$?
set -e
[[ $rc == 0 || $rc == 1 ]] || { cat "$OUT/python.err" >&2; die "lint_python.py failed (exit $rc)"; }
echo "check: python: $(cat "$OUT/python.err") (exit $rc)"
if [[ $HAVE_MMSKIT == 1 ]]; then
    for fmt in json sarif; do
        set +e
        "$BIN" lint --format "$fmt" "$CORPUS" >"$OUT/mmskit.$fmt" 2>"$OUT/mmskit-$fmt.err"
        rc=$?
        set -e
        if [[ $rc != 0 && $rc != 1 ]]; then
            head -c 4000 "$OUT/mmskit-$fmt.err" >&2
            die "'mmskit lint --format $fmt' failed on the corpus (exit $rc; stderr above, stdout in $OUT/mmskit.$fmt)"
        fi
        "$PY" -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$OUT/mmskit.$fmt" 2>/dev/null \
            || die "'mmskit lint --format $fmt' did not print valid JSON (see $OUT/mmskit.$fmt)"
        [[ $rc == 1 ]] || echo "WARNING: mmskit lint --format $fmt exited 0 on a corpus with invalid files" >&2
    done
    set +e
    "$BIN" lint "$SINGLE" >"$OUT/single.txt" 2>&1
    rc=$?
    set -e
    if [[ $rc != 0 ]]; then
        head -n 20 "$OUT/single.txt" >&2
        if [[ $rc == 1 ]]; then
            echo "WARNING: mmskit lint reports errors on the valid single file (output above); it is timed anyway" >&2
        else
            die "'mmskit lint $SINGLE' failed (exit $rc; output above)"
        fi
    fi
fi
"$PY" - "$MANIFEST" "$OUT/python.txt" "$OUT/mmskit.sarif" "$OUT/mmskit.json" "$HAVE_MMSKIT" <<'EOF'
import collections, json, os, re, sys
manifest, py_out, sarif, js, have = sys.argv[1:6]
rows = {r[0]: r for r in (l.rstrip("\n").split("\t") for l in open(manifest, encoding="utf-8")) if r[0] != "name"}
expected = {n for n, r in rows.items() if r[2] == "invalid"}
warn_only = {n for n, r in rows.items() if r[2] == "warn"}
py = {os.path.basename(l.rsplit(": ", 1)[0]) for l in open(py_out, encoding="utf-8") if l.strip()}

def from_sarif(path):
    doc = json.load(open(path, encoding="utf-8"))
    out = set()
    for run in doc["runs"]:
        for res in run.get("results", []):
            if res.get("level", "warning") == "error":
                uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                out.add(os.path.basename(uri))
    return out

def from_json(path):
    """Generic: a file counts when an object with severity/level/kind "error" sits under a path-like key."""
    out = set()
    def walk(node, current):
        if isinstance(node, dict):
            for k in ("path", "file", "uri", "filePath", "filename"):
                if isinstance(node.get(k), str):
                    current = node[k]
            if any(str(node.get(k, "")).lower() == "error" for k in ("severity", "level", "kind", "type")) and current:
                out.add(os.path.basename(current))
            for v in node.values():
                walk(v, current)
        elif isinstance(node, list):
            for v in node:
                walk(v, current)
    walk(json.load(open(path, encoding="utf-8")), None)
    return out

def label(n):
    return re.sub(r"-\d+of\d+$", "", rows[n][4].split(":")[0]) if n in rows else "?"

print(f"files with errors: manifest {len(expected)} (+{len(warn_only)} with heuristic warnings only), "
      f"python {len(py)}", end="")
if have != "1":
    print(", mmskit n/a (binary missing)")
    sys.exit(0)
try:
    mm, how = from_sarif(sarif), "--format sarif"
except Exception as e:   # not SARIF as expected: fall back to reading the JSON report generically
    mm, how = from_json(js), f"--format json (SARIF unreadable: {type(e).__name__}: {e})"
print(f", mmskit {len(mm)} (from {how})")
for title, names in (("mmskit only", mm - py), ("python only", py - mm)):
    if names:
        by = collections.Counter(label(n) for n in names)
        print(f"  {title}: {len(names)} files: " + ", ".join(f"{k} {v}" for k, v in by.most_common(10))
              + f"  e.g. {sorted(names)[0]}")
if mm == py:
    print("  (the same files)")
EOF

# --- timing ------------------------------------------------------------------------------------------
HF=(hyperfine -i --warmup "$WARMUP" --runs "$RUNS" --style basic)
if [[ $HAVE_MMSKIT == 1 ]]; then
    "${HF[@]}" --export-json "$OUT/throughput.json" -n "mmskit lint" "$MMSKIT_CMD" -n "python" "$PY_CMD"
    if (($(nproc) >= 2)); then
        "${HF[@]}" --export-json "$OUT/scaling.json" \
            -n "1 core" "taskset -c 0 $MMSKIT_CMD" -n "2 cores" "taskset -c 0,1 $MMSKIT_CMD"
    else
        echo "only $(nproc) core: scaling not measured" >&2
    fi
    hyperfine -N -i --warmup 3 --runs "$SINGLE_RUNS" --style basic --export-json "$OUT/single.json" \
        -n "mmskit lint ONE" "$(q "$BIN") lint $(q "$SINGLE")" -n "python ONE" "$(q "$PY") $(q "$PY_LINT") $(q "$SINGLE")"
else
    "${HF[@]}" --export-json "$OUT/throughput.json" -n "python" "$PY_CMD"
fi

"$PY" - "$OUT" "$COUNT" "$BYTES" "$(nproc)" "$HAVE_MMSKIT" "$SINGLE_RUNS" "$SINGLE_BYTES" <<'EOF'
import json, os, sys
out, count, nbytes, cores, have, single_runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5] == "1", sys.argv[6]
single_bytes = int(sys.argv[7])
def load(name):
    p = os.path.join(out, name)
    return {r["command"]: r for r in json.load(open(p))["results"]} if have or name == "throughput.json" else {}
thr, scal, single = load("throughput.json"), load("scaling.json") if have and os.path.exists(os.path.join(out, "scaling.json")) else {}, load("single.json")
mib = nbytes / 2**20
print()
print(f"{'command':<16} {'median s':>9} {'min s':>8} {'mean s':>8} {'± s':>7} {'files/s':>8} {'MiB/s':>7} {'user s':>7} {'sys s':>6} {'cpu':>5}")
def row(name, r, files=count, size=mib):
    cpu = (r["user"] + r["system"]) / r["mean"]
    print(f"{name:<16} {r['median']:9.4f} {r['min']:8.4f} {r['mean']:8.4f} {r['stddev'] or 0:7.4f} "
          f"{files / r['median']:8.0f} {size / r['median']:7.1f} {r['user']:7.3f} {r['system']:6.3f} {cpu:5.2f}")
for name in ("mmskit lint", "python"):
    if name in thr:
        row(name, thr[name])
    else:
        print(f"{name:<16} {'n/a (binary missing)':>40}")
for name in ("1 core", "2 cores"):
    if name in scal:
        row("mmskit " + name, scal[name])
for name, r in single.items():
    row(name, r, files=1, size=single_bytes / 2**20)
print(f"({count} files, {mib:.1f} MiB per corpus run; {cores} cores; rates from the median; "
      f"cpu = (user + sys) / mean wall; single file: median of {single_runs})")
print()
if not have:
    print("RATIO mmskit/python (files/s) = n/a (mmskit binary missing)")
    sys.exit(0)
r = thr["python"]["median"] / thr["mmskit lint"]["median"]
print(f"RATIO mmskit/python (files/s) = {r:.2f}  target >= 5  {'MET' if r >= 5 else 'MISSED'}")
if scal:
    s = scal["1 core"]["median"] / scal["2 cores"]["median"]
    print(f"RATIO 2 cores/1 core (speed-up) = {s:.2f}  target >= 1.6  {'MET' if s >= 1.6 else 'MISSED'}")
else:
    print("RATIO 2 cores/1 core = n/a (fewer than 2 cores)")
ms = single["mmskit lint ONE"]["median"] * 1000
print(f"TIME  mmskit lint ONE.json (median) = {ms:.1f} ms  target <= 30 ms  {'MET' if ms <= 30 else 'MISSED'}")
EOF
[[ $HAVE_MMSKIT == 1 ]] || exit 2
