#!/usr/bin/env bash
# Benchmark: `mmskit build DIR -o OUT.json` on ~50 MiB of real media (20 frames, one media file each)
# against `base64 -w0` over the same media bytes concatenated. Also peak RSS of `mmskit build` and a check
# that the JSON is valid and every media item decodes back to its file's bytes.
#
#   Benchmarks/build-vs-base64.sh
#
# Targets: median(mmskit build) / median(base64 -w0) <= 1.0; peak RSS < 3 x output size.
# Environment:
#   MMSKIT_BIN         binary to measure (default: .build/release/mmskit, built with
#                      `swift build -c release` (mmskit and mmskit-server) when missing)
#   MMSKIT_NO_BUILD=1  never run swift build; without a binary only the reference part runs (exit 2)
#   MMSKIT_BUILD_ARGS  extra arguments for `mmskit build` (e.g. the option that lifts the provider's
#                      size/frame limits: 50 MiB in 20 frames is far over any carrier limit)
#   BENCH_DIR          where the generated media are cached (default /tmp/mmskit-bench/build-50m)
#   RUNS               timed runs per command (default 10)
# Not part of the test suite.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/tmp/mmskit-bench/build-50m}
RUNS=${RUNS:-10}
MSG=$WORK/msg                 # the message directory given to mmskit
CONCAT=$WORK/all-media.bin    # the same media bytes, concatenated in frame order
ORDER=$WORK/media-order.txt   # media file names in frame order
OUT=$WORK/out
MARKER=$WORK/.complete-v2
FF=(ffmpeg -hide_banner -loglevel error -nostdin -y)

# shellcheck source=Benchmarks/common.sh
source "$ROOT/Benchmarks/common.sh"
require_tools ffmpeg hyperfine python3 base64 /usr/bin/time

# --- test data (cached) ------------------------------------------------------------------------------
generate() {
    echo "generating ~50 MiB of media in $WORK (once; cached by $MARKER)" >&2
    rm -rf "$WORK"
    mkdir -p "$MSG" "$OUT"
    local tmp=$WORK/tmp
    mkdir -p "$tmp"
    local n=1 names=() i
    name() { printf '%02d-%s' "$n" "$1"; }   # frame-numbered file name for media $1

    printf '星河咖啡年度影像合集，共二十帧，请在无线网络下查看。\n' >"$MSG/$(name intro.txt)"
    # 8 JPEGs, 3840x2160, quality 1, noisy test pattern (~2.1 MB each)
    for i in 1 2 3 4 5 6 7 8; do
        f=$(name "photo$i.jpg")
        "${FF[@]}" -f lavfi -i "testsrc2=size=3840x2160:rate=1,noise=alls=8:allf=u:all_seed=$i" \
            -frames:v 1 -q:v 1 -pix_fmt yuvj444p "$MSG/$f"
        names+=("$f"); n=$((n + 1))
    done
    # 4 PNGs, 1920x1080 Mandelbrot at different zooms (~1.5 MB each)
    for i in 1 2 3 4; do
        f=$(name "fractal$i.png")
        "${FF[@]}" -f lavfi -i "mandelbrot=size=1920x1080:rate=1:start_scale=$((i * 2)):end_scale=0.3" \
            -frames:v 1 -pix_fmt rgb24 "$MSG/$f"
        names+=("$f"); n=$((n + 1))
    done
    # 2 animated GIFs, 400x224, 30 frames, noisy (~2.2 MB each)
    for i in 1 2; do
        f=$(name "anim$i.gif")
        "${FF[@]}" -f lavfi -i "testsrc2=size=400x224:rate=10:duration=3,noise=alls=20:allf=t+u:all_seed=$i" \
            -vf "split[a][b];[a]palettegen=max_colors=256[p];[b][p]paletteuse=dither=bayer" "$MSG/$f"
        names+=("$f"); n=$((n + 1))
    done
    # 3 MP3s, 60 s stereo, 320 kbit/s CBR (2.4 MB each)
    for i in 1 2 3; do
        f=$(name "track$i.mp3")
        "${FF[@]}" -f lavfi -i "sine=frequency=$((220 * i)):sample_rate=44100:duration=60" \
            -f lavfi -i "anoisesrc=color=pink:sample_rate=44100:duration=60:amplitude=0.2:seed=$i" \
            -filter_complex "[0][1]amix=inputs=2,pan=stereo|c0=c0|c1=c0" \
            -c:a libmp3lame -b:a 320k -map_metadata -1 "$MSG/$f"
        names+=("$f"); n=$((n + 1))
    done
    # 3 MP4s, 10 s 1280x720 H.264 at ~4.5 Mbit/s + AAC, faststart (~5.8 MB each)
    for i in 1 2 3; do
        f=$(name "clip$i.mp4")
        "${FF[@]}" -f lavfi -i "testsrc2=size=1280x720:rate=25:duration=10,noise=alls=10:allf=t+u:all_seed=$i" \
            -f lavfi -i "sine=frequency=440:sample_rate=44100:duration=10" \
            -c:v libx264 -preset veryfast -b:v 4500k -maxrate 4500k -bufsize 9M -pix_fmt yuv420p \
            -c:a aac -b:a 128k -movflags +faststart -map_metadata -1 "$MSG/$f"
        names+=("$f"); n=$((n + 1))
    done
    n=$((n - 1))   # the outro text shares the last frame
    printf '感谢观看。回T退订\n' >"$MSG/$(name outro.txt)"
    printf 'title: 星河咖啡年度影像合集\nsign_name: 【星河咖啡】\npurpose: 性能测试用的大体积彩信内容。\n' >"$MSG/mms.yaml"

    printf '%s\n' "${names[@]}" >"$ORDER"
    (cd "$MSG" && cat "${names[@]}") >"$CONCAT"
    rm -rf "$tmp"
    touch "$MARKER"
}

[[ -f $MARKER ]] || generate
mapfile -t MEDIA <"$ORDER"
mkdir -p "$OUT"
MEDIA_BYTES=$(stat -c %s "$CONCAT")
echo "data: $MSG — ${#MEDIA[@]} media files, $MEDIA_BYTES bytes ($(python3 -c "print(f'{$MEDIA_BYTES/2**20:.1f}')") MiB)"

find_mmskit "Running the reference measurements only"
OUT_JSON=$OUT/out.json
OUT_B64=$OUT/out.b64
read -r -a EXTRA <<<"${MMSKIT_BUILD_ARGS:-}"
q() { printf '%q' "$1"; }
MMSKIT_CMD="$(q "$BIN") build $(q "$MSG") -o $(q "$OUT_JSON")${EXTRA[*]:+ ${EXTRA[*]}}"
BASE64_CMD="base64 -w0 < $(q "$CONCAT") > $(q "$OUT_B64")"

# --- correctness first: one run of each, checked -------------------------------------------------------
eval "$BASE64_CMD"
base64 -d <"$OUT_B64" | cmp -s - "$CONCAT" || die "base64 round trip differs"
echo "check: base64 -w0 output decodes back to the concatenated media: ok"

if [[ $HAVE_MMSKIT == 1 ]]; then
    rm -f "$OUT_JSON"
    if ! eval "$MMSKIT_CMD" >"$OUT/mmskit.log" 2>&1; then
        cat "$OUT/mmskit.log" >&2
        die "'mmskit build' failed (output above). If it is a size or frame-count limit, pass the option that lifts it in MMSKIT_BUILD_ARGS."
    fi
    [[ -s $OUT_JSON ]] || die "mmskit build wrote no $OUT_JSON"
    python3 - "$OUT_JSON" "$MSG" "$ORDER" <<'EOF' || die "output JSON check failed"
import base64, json, sys, hashlib
out, msg, order = sys.argv[1:4]
with open(out, "rb") as f:
    doc = json.load(f)
items = []
def walk(v):
    if isinstance(v, dict):
        if "con_type" in v and "data" in v:
            items.append(v)
            return
        for x in v.values(): walk(x)
    elif isinstance(v, list):
        for x in v: walk(x)
walk(doc)
media = [i for i in items if i.get("con_type") != "text"]
names = [l.strip() for l in open(order, encoding="utf-8") if l.strip()]
if len(media) != len(names):
    sys.exit(f"expected {len(names)} media items, found {len(media)} (and {len(items) - len(media)} text items)")
for item, name in zip(media, names):
    want = open(f"{msg}/{name}", "rb").read()
    got = base64.b64decode(item["data"], validate=True)
    if got != want:
        sys.exit(f"{name}: decoded data differs ({len(got)} vs {len(want)} bytes)")
print(f"check: output JSON parses; all {len(media)} media items decode to their files' bytes "
      f"(last: {name}, sha256 {hashlib.sha256(got).hexdigest()[:12]}…); {len(items) - len(media)} text items")
EOF
fi

# Peak RSS in KiB of one run of a shell command line. bash execs the last simple command, so %M is
# the command's own peak (base64's, not bash's, even with the redirections).
peak_rss_kb() {
    rm -f "$OUT_JSON" "$OUT_B64"
    /usr/bin/time -f %M -o "$OUT/rss.txt" bash -c "$1" >/dev/null 2>"$OUT/rss-run.log" \
        || { cat "$OUT/rss-run.log" >&2; die "run for peak RSS failed: $1"; }
    tail -n 1 "$OUT/rss.txt"
}

# --- timing ------------------------------------------------------------------------------------------
HF=(hyperfine --warmup 1 --runs "$RUNS" --style basic --export-json "$OUT/timing.json"
    --prepare "rm -f $(q "$OUT_JSON") $(q "$OUT_B64")")
if [[ $HAVE_MMSKIT == 1 ]]; then
    "${HF[@]}" -n "mmskit build" "$MMSKIT_CMD" -n "base64 -w0" "$BASE64_CMD"
    RSS_KB=$(peak_rss_kb "$MMSKIT_CMD")
    OUT_BYTES=$(stat -c %s "$OUT_JSON")
else
    "${HF[@]}" -n "base64 -w0" "$BASE64_CMD"
    RSS_KB=""; OUT_BYTES=""
fi
B64_RSS_KB=$(peak_rss_kb "$BASE64_CMD")

python3 - "$OUT/timing.json" "$MEDIA_BYTES" "$(stat -c %s "$OUT_B64")" "$RSS_KB" "$OUT_BYTES" "$B64_RSS_KB" <<'EOF'
import json, sys
timing, media_bytes, b64_bytes, rss_kb, out_bytes, b64_rss_kb = sys.argv[1:7]
res = {r["command"]: r for r in json.load(open(timing))["results"]}
media_bytes = int(media_bytes)
print()
print(f"{'command':<14} {'median s':>9} {'min s':>9} {'mean s':>9} {'± s':>7} {'input MB/s':>11} {'peak RSS':>10} {'output':>10}")
rows = [("mmskit build", rss_kb, out_bytes), ("base64 -w0", b64_rss_kb, b64_bytes)]
for name, rss, outb in rows:
    r = res.get(name)
    if r is None:
        print(f"{name:<14} {'n/a (binary missing)':>40}")
        continue
    mbs = media_bytes / r["median"] / 1e6
    rss_s = f"{int(rss)/1024:.1f} MiB" if rss else "n/a"
    out_s = f"{int(outb)/2**20:.1f} MiB" if outb else "n/a"
    print(f"{name:<14} {r['median']:9.4f} {r['min']:9.4f} {r['mean']:9.4f} {r['stddev'] or 0:7.4f} {mbs:11.0f} {rss_s:>10} {out_s:>10}")
print()
if "mmskit build" in res:
    ratio = res["mmskit build"]["median"] / res["base64 -w0"]["median"]
    ratio_min = res["mmskit build"]["min"] / res["base64 -w0"]["min"]
    print(f"RATIO time  mmskit/base64 (median) = {ratio:.2f}  (min/min {ratio_min:.2f})  target <= 1.0  "
          f"{'MET' if ratio <= 1.0 else 'MISSED'}")
    rss_ratio = int(rss_kb) * 1024 / int(out_bytes)
    print(f"RATIO peak RSS / output size       = {rss_ratio:.2f}  ({int(rss_kb)/1024:.1f} MiB / {int(out_bytes)/2**20:.1f} MiB)  "
          f"target < 3.0  {'MET' if rss_ratio < 3.0 else 'MISSED'}")
else:
    print("RATIO time  mmskit/base64 = n/a (mmskit binary missing)")
    print("RATIO peak RSS / output size = n/a (mmskit binary missing)")
EOF
[[ $HAVE_MMSKIT == 1 ]] || exit 2
