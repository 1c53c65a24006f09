#!/usr/bin/env bash
# Still-image encoder study for `mmskit fit`: which tool should turn a still image into a 1080-px-wide JPEG?
# Compares libvips (`vips thumbnail` + jpegsave), Debian ImageMagick 6 (`convert -resize 1080x -quality Q -strip`)
# and FFmpeg (`-vf scale=1080:-1 -q:v N`) on 12-megapixel test images made at run time:
#   (a) wall time per image (one hyperfine run per input image, all three tools in it),
#   (b) peak RSS (/usr/bin/time -f %M),
#   (c) bytes and SSIM at a matched byte target: each tool's quality is bisected to the best setting whose JPEG is
#       at most TARGET bytes; SSIM (ffmpeg's ssim filter, yuv444p) against one lossless 1080-px reference PNG made by
#       vips from the lossless master. Each tool's own lossless resize (PNG) is scored too, to show how much of the
#       SSIM is the resampling kernel (a reference made by one tool favours that tool's kernel),
#   (d) format coverage: which tool decodes HEIC, AVIF, WebP, TIFF, BMP, SVG, PSD, GIF, and whether it applies
#       EXIF orientation (a JPEG tagged Orientation=6 with exiftool) in the plain command;
# then a conclusion drawn from those figures.
#
#   Benchmarks/still-encoders.sh
#
# Environment: BENCH_DIR (cache, default /tmp/mmskit-bench/still), RUNS (hyperfine runs, default 5),
# PHOTO_TARGET / SCREEN_TARGET (byte targets for (c), default 153600 and 61440), STAGES (default
# "coverage timing ssim": the parts to run; the report reads the last results of the others from BENCH_DIR/out).
# Needs: ffmpeg, vips + vipsheader (libvips-tools), /usr/bin/convert (Debian imagemagick), exiftool
# (libimage-exiftool-perl), hyperfine, python3, GNU /usr/bin/time. Not part of the test suite.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/tmp/mmskit-bench/still}
RUNS=${RUNS:-5}
PHOTO_TARGET=${PHOTO_TARGET:-153600}
SCREEN_TARGET=${SCREEN_TARGET:-61440}
IN=$WORK/in
OUT=$WORK/out
MARKER=$WORK/.complete-v2
IM=/usr/bin/convert
FF=(ffmpeg -hide_banner -loglevel error -nostdin -y)
W=1080

# shellcheck source=Benchmarks/common.sh
source "$ROOT/Benchmarks/common.sh"
require_tools ffmpeg vips vipsheader exiftool hyperfine python3 /usr/bin/time "$IM"

# --- test images (cached) ----------------------------------------------------------------------------------
generate() {
    echo "generating 12-megapixel test images in $IN (once; cached by $MARKER)" >&2
    rm -rf "$WORK"
    mkdir -p "$IN" "$OUT"
    # The photo: photo_png (common.sh) — a fractal with fine texture in soft gradients, sensor-like noise.
    photo_png "$IN/photo.png" 1 -0.743643887037151 0.131825904205330 0.002
    # Camera-like JPEG, and the other formats a designer hands over, all from the same pixels.
    vips jpegsave "$IN/photo.png" "$IN/photo.jpg" --Q 92 --strip
    vips heifsave "$IN/photo.png" "$IN/photo.heic" --Q 50 --compression hevc --strip
    vips heifsave "$IN/photo.png" "$IN/photo.avif" --Q 50 --compression av1 --effort 2 --strip
    vips webpsave "$IN/photo.png" "$IN/photo.webp" --Q 80 --strip
    vips tiffsave "$IN/photo.png" "$IN/photo.tiff" --compression lzw --strip
    $IM "$IN/photo.png" -strip BMP3:"$IN/photo.bmp"
    $IM "$IN/photo.png" -strip "$IN/photo.psd"
    $IM "$IN/photo.png" -resize 25% -strip "$IN/photo.gif"
    # EXIF Orientation=6 (rotate 90° CW to display): stored 4000x3000, shown 3000x4000; applied => 1080x1440 out.
    cp "$IN/photo.jpg" "$IN/orient6.jpg"
    exiftool -q -overwrite_original -n -Orientation=6 "$IN/orient6.jpg"
    # Transparency: the photo inside a soft-edged ellipse.
    $IM "$IN/photo.png" \( -size 4000x3000 xc:black -fill white -draw 'ellipse 2000,1500 1800,1300 0,360' -blur 0x40 \) \
        -alpha off -compose CopyOpacity -composite -strip "$IN/alpha.png"
    # A flat UI screenshot (few colours, sharp edges, text).
    local draw=() y
    for y in 0 1 2 3 4 5 6 7; do
        draw+=(-fill '#ffffff' -draw "roundrectangle 220,$((560 + y * 290)) 3780,$((800 + y * 290)) 24,24"
               -fill "#$(printf '%02x' $((40 + y * 25)))7fd1" -draw "circle 340,$((680 + y * 290)) 340,$((620 + y * 290))"
               -fill '#333333' -pointsize 64 -annotate +460+$((660 + y * 290)) "星河咖啡 Order #$((1000 + y * 37)) — latte, oat milk"
               -fill '#888888' -pointsize 44 -annotate +460+$((750 + y * 290)) "Delivered 10:$((10 + y * 5)) · ¥$((28 + y * 2)).00")
    done
    $IM -size 4000x3000 xc:'#f2f2f7' -font DejaVu-Sans \
        -fill '#0a84ff' -draw 'rectangle 0,0 4000,400' -fill white -pointsize 120 -annotate +220+260 'Orders' \
        "${draw[@]}" -alpha off -depth 8 -strip -define png:color-type=2 "$IN/screen.png"
    # SVG (vector, 4000x3000 viewport).
    cat >"$IN/drawing.svg" <<'EOF'
<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="3000" viewBox="0 0 4000 3000">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#f6e7d2"/><stop offset="1" stop-color="#8a5a3c"/></linearGradient>
    <radialGradient id="sun" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="#fff3b0"/><stop offset="1" stop-color="#ff9f1c" stop-opacity="0"/></radialGradient>
  </defs>
  <rect width="4000" height="3000" fill="url(#bg)"/>
  <circle cx="2900" cy="800" r="700" fill="url(#sun)"/>
  <path d="M0 2300 C 800 1900, 1600 2600, 2400 2200 S 3600 1900, 4000 2100 L 4000 3000 L 0 3000 Z" fill="#5a3825"/>
  <rect x="1500" y="1200" width="700" height="900" rx="60" fill="#ffffff" stroke="#5a3825" stroke-width="30"/>
  <ellipse cx="2300" cy="1600" rx="180" ry="260" fill="none" stroke="#5a3825" stroke-width="30"/>
</svg>
EOF
    # The reference for SSIM: the lossless master scaled to 1080 wide by vips (Lanczos 3), once per image.
    vips thumbnail "$IN/photo.png" "$IN/ref-photo.png" $W --height 100000
    vips thumbnail "$IN/screen.png" "$IN/ref-screen.png" $W --height 100000
    touch "$MARKER"
}
[[ -f $MARKER ]] || generate
mkdir -p "$OUT"

q() { printf '%q' "$1"; }
# Each tool's command line: IN, OUT, quality. vips: jpegsave with strip and optimize_coding (Huffman tables
# fitted to the image, as IM and FFmpeg do by default); IM and FFmpeg: the commands a user writes.
cmd_vips()   { echo "vips thumbnail $(q "$1") $(q "$2")[Q=$3,strip,optimize_coding] $W --height 100000"; }
cmd_im()     { echo "$IM $(q "$1") -resize ${W}x -quality $3 -strip $(q "$2")"; }
cmd_ffmpeg() { echo "ffmpeg -hide_banner -loglevel error -nostdin -y -i $(q "$1") -vf scale=$W:-1 -q:v $3 -frames:v 1 $(q "$2")"; }
TOOLS=(vips im ffmpeg)
DEFAULT_Q=(80 80 4)   # the settings used for (a), (b) and (d): "good" in each tool's own scale

# SSIM (All) of A against the reference R, both converted to yuv444p.
# SSIM of A against the reference R, both converted to yuv420p (the ssim filter then weights Y:U:V by plane area,
# 4:1:1, as in video; in yuv444p the two chroma planes would weigh 2/3 and a 4:4:4 JPEG would win on chroma alone).
# Prints "Y All".
ssim() {
    ffmpeg -hide_banner -nostdin -i "$1" -i "$2" \
        -lavfi "[0]format=yuv420p,setsar=1[a];[1]format=yuv420p,setsar=1[b];[a][b]ssim" -f null - 2>&1 |
        sed -n 's/.* Y:\([0-9.]*\) .* All:\([0-9.]*\).*/\1 \2/p' | tail -n 1
}

# STAGES (default "coverage timing ssim"): which parts to run; the report reads the others' last results.
STAGES=${STAGES:-coverage timing ssim}
stage() { [[ " $STAGES " == *" $1 "* ]]; }

# --- (d) coverage ------------------------------------------------------------------------------------------
COVER=(photo.jpg photo.png screen.png photo.heic photo.avif photo.webp photo.tiff photo.bmp photo.psd photo.gif drawing.svg alpha.png orient6.jpg)
stage coverage && echo "(d) coverage: each tool's plain command on each input" >&2 && : >"$OUT/coverage.tsv"
stage coverage && for f in "${COVER[@]}"; do
    for i in "${!TOOLS[@]}"; do
        t=${TOOLS[$i]}
        o=$OUT/cov-$t-${f//./_}.jpg
        rm -f "$OUT/cov-$t-${f//./_}"*.jpg
        if eval "$(cmd_"$t" "$IN/$f" "$o" "${DEFAULT_Q[$i]}")" >"$OUT/cov.log" 2>&1 && [[ -s $o ]]; then
            dims=$(vipsheader -f width "$o")x$(vipsheader -f height "$o")
            # a flattened transparent area: the colour of the top-left pixel (outside the ellipse)
            extra=""
            [[ $f == alpha.png ]] && extra=" corner=$(vips getpoint "$o" 5 5 | xargs | tr ' ' ',')"
            printf '%s\t%s\tok %s%s\n' "$f" "$t" "$dims" "$extra" >>"$OUT/coverage.tsv"
        else
            # IM writes a multi-image input (PSD layers) as OUT-0.jpg, OUT-1.jpg…
            if compgen -G "$OUT/cov-$t-${f//./_}-*.jpg" >/dev/null; then
                n=$(compgen -G "$OUT/cov-$t-${f//./_}-*.jpg" | wc -l)
                printf '%s\t%s\tsplit into %s files (needs IN[0])\n' "$f" "$t" "$n" >>"$OUT/coverage.tsv"
            else
                printf '%s\t%s\tFAIL: %s\n' "$f" "$t" "$(head -c 70 "$OUT/cov.log" | tr '\n\t' '  ')" >>"$OUT/coverage.tsv"
            fi
        fi
    done
done

# --- (a) time and (b) peak RSS -----------------------------------------------------------------------------
TIMED=(photo.jpg photo.png photo.heic photo.webp alpha.png screen.png)
stage timing && : >"$OUT/rss.tsv"
stage timing && for f in "${TIMED[@]}"; do
    args=()
    for i in "${!TOOLS[@]}"; do
        t=${TOOLS[$i]}
        grep -q "^$f	$t	ok" "$OUT/coverage.tsv" || continue
        c=$(cmd_"$t" "$IN/$f" "$OUT/time-$t.jpg" "${DEFAULT_Q[$i]}")
        args+=(-n "$t" "$c")
        /usr/bin/time -f %M -o "$OUT/rss.txt" bash -c "$c" >/dev/null 2>&1
        printf '%s\t%s\t%s\n' "$f" "$t" "$(tail -n 1 "$OUT/rss.txt")" >>"$OUT/rss.tsv"
    done
    echo "(a) timing $f" >&2
    nice -n 10 hyperfine --warmup 1 --runs "$RUNS" --style none --export-json "$OUT/time-${f//./_}.json" "${args[@]}" >/dev/null
done

# --- (c) SSIM at matched bytes -----------------------------------------------------------------------------
# best_q TOOL IN OUT TARGET: the best quality whose output is <= TARGET bytes (bisection); prints "q bytes".
best_q() {
    local t=$1 in=$2 o=$3 target=$4 lo hi mid best="" size
    if [[ $t == ffmpeg ]]; then lo=2; hi=31; else lo=1; hi=100; fi
    while ((lo <= hi)); do
        mid=$(((lo + hi) / 2))
        eval "$(cmd_"$t" "$in" "$o" "$mid")" >/dev/null 2>&1
        size=$(stat -c %s "$o")
        if [[ $t == ffmpeg ]]; then   # -q:v: lower is better
            if ((size <= target)); then best=$mid; hi=$((mid - 1)); else lo=$((mid + 1)); fi
        else
            if ((size <= target)); then best=$mid; lo=$((mid + 1)); else hi=$((mid - 1)); fi
        fi
    done
    [[ -n $best ]] || { echo "- -"; return; }
    eval "$(cmd_"$t" "$in" "$o" "$best")" >/dev/null 2>&1
    echo "$best $(stat -c %s "$o")"
}
stage ssim && : >"$OUT/ssim.tsv"
stage ssim && for pair in "photo:$PHOTO_TARGET" "screen:$SCREEN_TARGET"; do
    img=${pair%%:*}; target=${pair#*:}
    echo "(c) SSIM at <= $target bytes: $img" >&2
    for t in "${TOOLS[@]}"; do
        read -r bq bytes < <(best_q "$t" "$IN/$img.png" "$OUT/ssim-$t-$img.jpg" "$target")
        s=$(ssim "$OUT/ssim-$t-$img.jpg" "$IN/ref-$img.png")
        pf=$(ffprobe -v error -show_entries stream=pix_fmt -of csv=p=0 "$OUT/ssim-$t-$img.jpg")
        # the same tool's resize written losslessly: how close its kernel is to the reference's
        case $t in
            vips) vips thumbnail "$IN/$img.png" "$OUT/lossless-$t-$img.png" $W --height 100000 ;;
            im) $IM "$IN/$img.png" -resize ${W}x -strip "$OUT/lossless-$t-$img.png" ;;
            ffmpeg) "${FF[@]}" -i "$IN/$img.png" -vf scale=$W:-1 -frames:v 1 "$OUT/lossless-$t-$img.png" ;;
        esac
        s0=$(ssim "$OUT/lossless-$t-$img.png" "$IN/ref-$img.png")
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$img" "$t" "$target" "$bq" "$bytes" "$pf" "$s" "${s0#* }" >>"$OUT/ssim.tsv"
    done
done

# --- report ------------------------------------------------------------------------------------------------
python3 - "$OUT" "${COVER[*]}" "${TIMED[*]}" <<'EOF'
import json, sys, os
out, cover, timed = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
tools = ["vips", "im", "ffmpeg"]
label = {"vips": "libvips 8.14", "im": "ImageMagick 6.9", "ffmpeg": "FFmpeg 5.1"}
cov = {}
for line in open(f"{out}/coverage.tsv", encoding="utf-8"):
    f, t, r = line.rstrip("\n").split("\t")
    cov[(f, t)] = r
rss = {}
for line in open(f"{out}/rss.tsv"):
    f, t, k = line.split()
    rss[(f, t)] = int(k)

print("\n(a, b) 12-MP input -> 1080-px JPEG: median wall time (hyperfine) / peak RSS (/usr/bin/time -f %M)")
print(f"{'input':<12}" + "".join(f"{label[t]:>26}" for t in tools))
tot = {t: [0.0, 0] for t in tools}
for f in timed:
    res = {r["command"]: r for r in json.load(open(f"{out}/time-{f.replace('.', '_')}.json"))["results"]}
    row = f"{f:<12}"
    for t in tools:
        if t in res:
            m = res[t]["median"]; tot[t][0] += m; tot[t][1] += 1
            row += f"{m:>12.3f} s {rss[(f, t)] / 1024:>8.0f} MiB  "
        else:
            row += f"{'cannot read':>26}"
    print(row)

print("\n(c) best quality whose JPEG fits the byte target; SSIM (yuv420p) vs the reference (vips Lanczos3 of the lossless master)")
print(f"{'image':<8} {'tool':<16} {'target':>8} {'setting':>8} {'bytes':>8} {'JPEG':>9} {'SSIM Y':>8} {'SSIM All':>9} {'lossless resize SSIM':>21}")
for line in open(f"{out}/ssim.tsv"):
    img, t, target, q, b, pf, sy, s, s0 = line.split()
    setting = f"-q:v {q}" if t == "ffmpeg" else f"Q {q}"
    print(f"{img:<8} {label[t]:<16} {int(target):>8} {setting:>8} {b:>8} {pf:>9} {float(sy):>8.5f} {float(s):>9.5f} {float(s0):>21.5f}")

print("\n(d) coverage of the plain command (output dimensions; orient6.jpg is 4000x3000 tagged Orientation=6:"
      " 1080x1440 = orientation applied)")
print(f"{'input':<12}" + "".join(f"{label[t]:>34}" for t in tools))
for f in cover:
    cells = [("cannot read (see coverage.tsv)" if cov[(f, t)].startswith("FAIL") else cov[(f, t)]) for t in tools]
    print(f"{f:<12}" + "".join(f"{c[:33]:>34}" for c in cells))

# The conclusion, from the figures above.
times, wins, ratio = {}, {t: 0 for t in tools}, []
for f in timed:
    res = {r["command"]: r["median"] for r in json.load(open(f"{out}/time-{f.replace('.', '_')}.json"))["results"]}
    times[f] = res
    wins[min(res, key=res.get)] += 1
    if "vips" in res and "im" in res:
        ratio.append(res["im"] / res["vips"])
reads = {t: [f for f in cover if cov[(f, t)].startswith("ok")] for t in tools}
orient = {t: cov[("orient6.jpg", t)].startswith("ok 1080x1440") for t in tools}
mem = {t: max(v for (f, tt), v in rss.items() if tt == t) / 1024 for t in tools}
ssim = {}
for line in open(f"{out}/ssim.tsv"):
    img, t, target, q, b, pf, sy, s_all, s0 = line.split()
    ssim[(img, t)] = (float(sy), float(s_all), int(b))
fastest = max(wins, key=wins.get)
def luma(t): return min(ssim[(img, t)][0] for img in ("photo", "screen"))
best_luma = max(tools, key=luma)
print(f"""
Conclusion: {label[fastest]} was fastest on {wins[fastest]} of {len(timed)} inputs (ImageMagick/libvips time
{min(ratio):.1f}x to {max(ratio):.1f}x); the largest peak RSS per tool: """ + ", ".join(f"{label[t]} {mem[t]:.0f} MiB" for t in tools) + f""".
Formats read of {len(cover)}: """ + ", ".join(f"{label[t]} {len(reads[t])}" for t in tools) + """ (HEIC: """ +
      ", ".join(f"{label[t]} {'yes' if cov[('photo.heic', t)].startswith('ok') else 'no'}" for t in tools) + """); EXIF
orientation applied by the plain command: """ + ", ".join(f"{label[t]} {'yes' if orient[t] else 'no'}" for t in tools) + f""".
At matched bytes the worst luma SSIM (photo, screenshot) is """ + ", ".join(f"{label[t]} {luma(t):.5f}" for t in tools) +
      f""" — best: {label[best_luma]}; libvips and ImageMagick share libjpeg-turbo, so compare their gap with the
reference's own bias in the lossless-resize column.""")
EOF
