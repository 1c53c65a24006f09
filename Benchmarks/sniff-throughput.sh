#!/usr/bin/env bash
# Benchmark: sniffing 1,000 small real media files (200 each of jpg, png, gif, mp3, mp4; a few KB each)
#   mmskit sniff FILE...                          (libmagic + structural checks, both cores)
#   file --mime-type FILE...                      (libmagic, one process)
#   python3 Benchmarks/sniff_python.py FILE...    (python-magic from_buffer, one process)
# All 1,000 paths go to each command as arguments in one invocation.
#
#   Benchmarks/sniff-throughput.sh
#
# Targets: files/s of mmskit / files/s of python-magic >= 1.5 (mmskit / file is reported too).
# Environment:
#   MMSKIT_BIN         binary to measure (default: .build/release/mmskit, built with
#                      `swift build -c release` (mmskit and mmskit-server) when missing)
#   MMSKIT_NO_BUILD=1  never run swift build; without a binary only file and python-magic run (exit 2)
#   BENCH_DIR          where the generated files are cached (default /tmp/mmskit-bench/sniff-1000)
#   RUNS, WARMUP       hyperfine runs (default 10) and warm-up runs (default 2)
# Not part of the test suite.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/tmp/mmskit-bench/sniff-1000}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
FILES=$WORK/files
OUT=$WORK/out
MARKER=$WORK/.complete-v2
COUNT=1000
FF=(ffmpeg -hide_banner -loglevel error -nostdin -y)
PY_SNIFF=$ROOT/Benchmarks/sniff_python.py

# shellcheck source=Benchmarks/common.sh
source "$ROOT/Benchmarks/common.sh"
require_tools ffmpeg /usr/bin/convert hyperfine python3 file
python3 -c 'import magic' 2>/dev/null || die "python-magic is required (pip install python-magic)"
find_mmskit "Measuring file and python-magic only"

# --- test data (cached): 200 distinct files per format, interleaved as 0000.jpg 0001.png 0002.gif … ---
generate() {
    echo "generating $COUNT small media files in $FILES (once; cached by $MARKER)" >&2
    rm -rf "$WORK"
    local tmp=$WORK/tmp per=$((COUNT / 5))
    mkdir -p "$FILES" "$OUT" "$tmp"/{jpg,png,gif,mp3,mp4}
    local dur=$((per / 10))   # 10 frames or 2 segments per second -> $per files of each kind
    # JPEG 160x120, PNG 64x48, GIF 96x72: one file per video frame of one ffmpeg run
    "${FF[@]}" -f lavfi -i "testsrc2=size=160x120:rate=10:duration=$dur" -q:v 5 -frames:v "$per" "$tmp/jpg/%04d.jpg"
    "${FF[@]}" -f lavfi -i "testsrc2=size=64x48:rate=10:duration=$dur" -frames:v "$per" "$tmp/png/%04d.png"
    # (ffmpeg's image2 + gif encoder writes the GIF header into the first file only: use ImageMagick)
    mkdir -p "$tmp/gifsrc"
    "${FF[@]}" -f lavfi -i "testsrc=size=96x72:rate=10:duration=$dur" -frames:v "$per" "$tmp/gifsrc/%04d.png"
    /usr/bin/convert "$tmp"/gifsrc/*.png +adjoin -scene 1 "$tmp/gif/%04d.gif"
    # MP3 and MP4: one long encode cut into 0.5 s segments, each a complete file
    local half=$((per / 2))
    "${FF[@]}" -f lavfi -i "sine=frequency=330:beep_factor=3:sample_rate=22050:duration=$half" \
        -c:a libmp3lame -b:a 64k -f segment -segment_time 0.5 "$tmp/mp3/%04d.mp3"
    "${FF[@]}" -f lavfi -i "testsrc2=size=96x72:rate=10:duration=$half" \
        -f lavfi -i "sine=frequency=440:sample_rate=8000:duration=$half" \
        -c:v libx264 -preset veryfast -crf 30 -pix_fmt yuv420p -force_key_frames 'expr:gte(t,n_forced*0.5)' \
        -c:a aac -b:a 16k -f segment -segment_time 0.5 -reset_timestamps 1 -segment_format mp4 \
        -segment_format_options movflags=+faststart "$tmp/mp4/%04d.mp4"
    local kinds=(jpg png gif mp3 mp4) i kind src first
    for ((i = 0; i < COUNT; i++)); do
        kind=${kinds[i % 5]}
        first=1   # image2 numbers from 1, the segment muxer from 0
        [[ $kind == mp3 || $kind == mp4 ]] && first=0
        src=$(printf '%s/%s/%04d.%s' "$tmp" "$kind" $((i / 5 + first)) "$kind")
        [[ -f $src ]] || die "generation produced too few $kind files (missing $src)"
        mv "$src" "$(printf '%s/%04d.%s' "$FILES" "$i" "$kind")"
    done
    rm -rf "$tmp"
    touch "$MARKER"
}

[[ -f $MARKER ]] || generate
mkdir -p "$OUT"
cd "$FILES"
shopt -s nullglob
PATHS=(*)
[[ ${#PATHS[@]} == "$COUNT" ]] || die "expected $COUNT files in $FILES, found ${#PATHS[@]} (delete $WORK to regenerate)"
BYTES=$(du -cb -- "${PATHS[@]}" | tail -n 1 | cut -f1)
echo "data: $FILES — $COUNT files, $BYTES bytes (avg $((BYTES / COUNT)) B); run from that directory with *"

q() { printf '%q' "$1"; }
MMSKIT_CMD="$(q "$BIN") sniff *"
FILE_CMD="file --mime-type *"
# The real interpreter, not a pyenv/asdf shim (a shim adds ~150 ms of bash to every run).
PY=$(python3 -c 'import sys; print(sys.executable)')
PY_CMD="$(q "$PY") $(q "$PY_SNIFF") *"

# --- correctness first: one run each, compared ------------------------------------------------------
file --mime-type -- "${PATHS[@]}" >"$OUT/file.txt"
"$PY" "$PY_SNIFF" "${PATHS[@]}" >"$OUT/python.txt"
python3 - "$OUT/file.txt" "$OUT/python.txt" <<'EOF'
import collections, sys
want = {"jpg": "image/jpeg", "png": "image/png", "gif": "image/gif", "mp3": "audio/mpeg", "mp4": "video/mp4"}
for out in sys.argv[1:3]:
    rows = [l.rsplit(": ", 1) for l in open(out, encoding="utf-8") if l.strip()]
    bad = [(p, m) for p, m in rows if want[p.rsplit(".", 1)[1]] != m.strip()]
    counts = collections.Counter(m.strip() for _, m in rows)
    tool = "file" if out.endswith("file.txt") else "python-magic"
    print(f"check: {tool}: {len(rows)} lines, {dict(sorted(counts.items()))}"
          + (f"; MISMATCHES {bad[:5]}" if bad else "; every type as expected"))
    if len(rows) != 1000 or bad:
        sys.exit(1)
EOF
if [[ $HAVE_MMSKIT == 1 ]]; then
    if ! eval "$MMSKIT_CMD" >"$OUT/mmskit.txt" 2>"$OUT/mmskit.err"; then
        cat "$OUT/mmskit.err" >&2
        die "'mmskit sniff' failed on the 1,000 valid files (stderr above; stdout in $OUT/mmskit.txt)"
    fi
    lines=$(grep -c . "$OUT/mmskit.txt" || true)
    echo "check: mmskit sniff: $lines lines (expected $COUNT); per type:" \
        "$(grep -oE 'image/jpeg|image/png|image/gif|audio/mpeg|video/mp4' "$OUT/mmskit.txt" | sort | uniq -c | tr -s ' \n' ' ')"
    [[ $lines == "$COUNT" ]] || echo "WARNING: mmskit sniff printed $lines lines, not one per file" >&2
fi

# --- timing ------------------------------------------------------------------------------------------
HF=(hyperfine --warmup "$WARMUP" --runs "$RUNS" --style basic --export-json "$OUT/timing.json")
if [[ $HAVE_MMSKIT == 1 ]]; then HF+=(-n "mmskit sniff" "$MMSKIT_CMD"); fi
HF+=(-n "file --mime-type" "$FILE_CMD" -n "python-magic" "$PY_CMD")
"${HF[@]}"

python3 - "$OUT/timing.json" "$COUNT" "$(nproc)" <<'EOF'
import json, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
count, cores = int(sys.argv[2]), sys.argv[3]
print()
print(f"{'command':<18} {'median s':>9} {'min s':>9} {'mean s':>9} {'± s':>7} {'files/s':>9} {'user s':>8} {'sys s':>7}")
for name in ("mmskit sniff", "file --mime-type", "python-magic"):
    r = res.get(name)
    if r is None:
        print(f"{name:<18} {'n/a (binary missing)':>40}")
        continue
    print(f"{name:<18} {r['median']:9.4f} {r['min']:9.4f} {r['mean']:9.4f} {r['stddev'] or 0:7.4f} "
          f"{count / r['median']:9.0f} {r['user']:8.4f} {r['system']:7.4f}")
print(f"({count} files per run, {cores} cores, files/s from the median)")
print()
def rate(n): return count / res[n]["median"]
if "mmskit sniff" in res:
    r_py = rate("mmskit sniff") / rate("python-magic")
    r_file = rate("mmskit sniff") / rate("file --mime-type")
    print(f"RATIO mmskit/python-magic (files/s) = {r_py:.2f}  target >= 1.5  {'MET' if r_py >= 1.5 else 'MISSED'}")
    print(f"RATIO mmskit/file         (files/s) = {r_file:.2f}")
else:
    print("RATIO mmskit/python-magic = n/a (mmskit binary missing)")
print(f"(reference) python-magic/file       = {rate('python-magic') / rate('file --mime-type'):.2f}")
EOF
[[ $HAVE_MMSKIT == 1 ]] || exit 2
