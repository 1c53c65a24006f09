#!/usr/bin/env bash
# Benchmark: `mmskit fit DIR -o OUT --budget BUDGET` against the script a careful user writes today
# (Benchmarks/fit_careful_user.sh: ImageMagick per image, ffmpeg -crf per clip, -b:a per track, all lowered step
# by step and re-run until the total fits) on a heavy campaign: four 12-megapixel photos (2 JPEG, HEIC, WebP),
# a PNG phone screenshot, an animated GIF banner (48 frames, 480x270), a 1080p 20-second MOV with audio and a
# 30-second WAV, plus texts and mms.yaml (~40 MB).
#
#   Benchmarks/fit.sh
#
# For each side: wall time (hyperfine, both in the same run, each run into a fresh output directory), peak RSS
# (GNU time %M inside every timed run: the largest single process of the tree — ru_maxrss of the waited-for
# descendants is a maximum, not a sum, so concurrent children are not added up), total bytes against the budget
# (fits or not, every run), and per-item quality computed identically for both outputs: SSIM (ffmpeg's ssim
# filter on yuv420p, which weights Y:U:V 4:1:1; in yuv444p the chroma planes would weigh two thirds) of each image against its original decoded by vips and scaled to the output's dimensions,
# of the video and the animated GIF against the original clip scaled to the output's size (every frame), and
# the bitrate of audio (no SSIM); and whether `mmskit lint` accepts both last outputs.
# Targets: mmskit fits every run; time script/mmskit >= 2; worst-item SSIM mmskit - script >= 0.
# Environment:
#   MMSKIT_BIN         binary to measure (default: .build/release/mmskit, built with swift build -c release
#                      when missing); a binary without `fit` (`$BIN fit --help` shows no fit usage): only the
#                      script side runs
#   MMSKIT_NO_BUILD=1  never run swift build; without a binary only the careful-user side runs (exit 2)
#   BUDGET             bytes (default 1945600, the ihuyi profile's 1900 KB)
#   BENCH_DIR          cache (default /tmp/mmskit-bench/fit)
#   RUNS               timed runs per side (default 3)
#   SKIP_TIMING=1      measure quality and print the report from the last run's outputs and logs (no new runs)
# Not part of the test suite.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/tmp/mmskit-bench/fit}
RUNS=${RUNS:-3}
BUDGET=${BUDGET:-1945600}
MSG=$WORK/msg
OUT=$WORK/out
MARKER=$WORK/.complete-v2
FF=(ffmpeg -hide_banner -loglevel error -nostdin -y)
BITEXACT=(-fflags +bitexact -flags:v +bitexact -flags:a +bitexact -map_metadata -1 -map_chapters -1)
IM=/usr/bin/convert
CAREFUL=$ROOT/Benchmarks/fit_careful_user.sh

# shellcheck source=Benchmarks/common.sh
source "$ROOT/Benchmarks/common.sh"
require_tools ffmpeg ffprobe vips vipsheader hyperfine python3 /usr/bin/time "$IM"

# --- the heavy campaign (cached) -----------------------------------------------------------------------------
generate() {
    echo "generating the heavy campaign in $MSG (once; cached by $MARKER)" >&2
    rm -rf "$WORK"
    mkdir -p "$MSG" "$OUT"
    local tmp=$WORK/tmp
    mkdir -p "$tmp"
    photo_png "$tmp/p1.png" 1 -0.743643887037151 0.131825904205330 0.002
    photo_png "$tmp/p2.png" 2 -0.7453 0.1127 0.004
    photo_png "$tmp/p3.png" 3 -0.16070135 1.0375665 0.003
    photo_png "$tmp/p4.png" 4 -1.25066 0.02012 0.0015

    printf '星河咖啡冬日新品发布！全国门店同步上新，首杯第二杯半价。\n' >"$MSG/01-intro.txt"
    vips jpegsave "$tmp/p1.png" "$MSG/01-hero.jpg" --Q 92                       # camera JPEG
    printf '门店实拍：热可可与肉桂卷。\n' >"$MSG/02-store.txt"
    vips heifsave "$tmp/p2.png" "$MSG/02-store.heic" --Q 50 --compression hevc   # iPhone HEIC
    printf '冬季菜单：热可可 ¥26，肉桂拿铁 ¥30。\n' >"$MSG/03-menu.txt"
    vips webpsave "$tmp/p3.png" "$MSG/03-menu.webp" --Q 85                      # from a web page
    printf '新店开业，欢迎光临。\n' >"$MSG/04-opening.txt"
    vips jpegsave "$tmp/p4.png" "$MSG/04-opening.jpg" --Q 95
    # A phone screenshot: 1290x2796 flat UI, Chinese text in Droid Sans Fallback (fonts-droid-fallback, no Latin
    # glyphs), digits and Latin in DejaVu Sans.
    local CJK_FONT=/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf LATIN_FONT=DejaVu-Sans
    [[ -f $CJK_FONT ]] || CJK_FONT=$LATIN_FONT
    local draw=() y
    for y in 0 1 2 3 4 5 6 7 8 9 10 11; do
        draw+=(-fill '#ffffff' -draw "roundrectangle 48,$((420 + y * 190)) 1242,$((580 + y * 190)) 24,24"
               -fill "#$(printf '%02x' $((40 + y * 16)))7fd1" -draw "circle 130,$((500 + y * 190)) 130,$((460 + y * 190))"
               -font "$CJK_FONT" -fill '#222222' -pointsize 46 -annotate +200+$((490 + y * 190)) "星河咖啡 订单 拿铁"
               -fill '#8e8e93' -pointsize 34 -annotate +200+$((550 + y * 190)) "已送达"
               -font "$LATIN_FONT" -fill '#222222' -pointsize 44 -annotate +820+$((490 + y * 190)) "#$((2000 + y * 37))"
               -fill '#8e8e93' -pointsize 34 -annotate +330+$((550 + y * 190)) "10:$((10 + y * 4))  ¥$((28 + y)).00")
    done
    $IM -size 1290x2796 xc:'#f2f2f7' -font "$LATIN_FONT" \
        -fill '#0a84ff' -draw 'rectangle 0,0 1290,300' -fill white -pointsize 80 -annotate +60+220 'Orders' \
        "${draw[@]}" -alpha off -depth 8 -strip -define png:color-type=2 "$MSG/05-orders.png"
    printf '在小程序查看您的订单。\n' >"$MSG/05-orders.txt"
    # An animated banner: a still photo background with a moving badge, 48 frames at 12 fps, 480x270, one palette.
    "${FF[@]}" -i "$tmp/p3.png" -f lavfi -i "color=c=0xc0392b:s=120x50:r=12:d=4" -f lavfi -i "color=c=white:s=90x20:r=12:d=4" \
        -filter_complex "[0]scale=480:360,crop=480:270:0:45,loop=loop=47:size=1:start=0,setpts=N/12/TB[bg];[bg][1]overlay=x='20+n*7':y=190:shortest=1[b1];[b1][2]overlay=x='35+n*7':y=205:shortest=1,split[a][b];[a]palettegen=stats_mode=full[p];[b][p]paletteuse=dither=bayer:bayer_scale=3" \
        -frames:v 48 -loop 0 "$MSG/06-banner.gif"
    printf '限时活动进行中。\n' >"$MSG/06-banner.txt"
    # A 1080p 20-second clip: a camera pan over a photo with light sensor noise, H.264 at 8 Mbit/s in a MOV,
    # with AAC stereo audio.
    nice -n 10 "${FF[@]}" -i "$tmp/p4.png" \
        -f lavfi -i "sine=frequency=330:sample_rate=44100:duration=20,volume=0.2" \
        -f lavfi -i "anoisesrc=color=pink:sample_rate=44100:duration=20:amplitude=0.05:seed=7" \
        -filter_complex "[0]scale=3200:2400,loop=loop=499:size=1:start=0,setpts=N/25/TB,crop=1920:1080:x='t*60':y='200+t*30',noise=alls=4:allf=t+u:all_seed=7,format=yuv420p[v];[1][2]amix=inputs=2,pan=stereo|c0=c0|c1=c0[a]" \
        -map '[v]' -map '[a]' -c:v libx264 -preset veryfast -threads 2 -b:v 8M -maxrate 10M -bufsize 16M \
        -c:a aac -b:a 128k "${BITEXACT[@]}" -f mov "$MSG/07-film.mov"
    printf '一分钟了解我们的烘焙工艺。\n' >"$MSG/07-film.txt"
    # A 30-second WAV jingle: plucked notes changing every half second over soft pink noise, 44.1 kHz stereo.
    "${FF[@]}" -f lavfi -i "aevalsrc='0.35*sin(2*PI*t*(262*pow(2,floor(mod(t*2,8))/12*2)))*exp(-4*mod(t,0.5))|0.35*sin(2*PI*t*(330*pow(2,floor(mod(t*2,6))/12*2)))*exp(-4*mod(t,0.5))':s=44100:d=30" \
        -f lavfi -i "anoisesrc=color=pink:sample_rate=44100:duration=30:amplitude=0.03:seed=3" \
        -filter_complex "[1]pan=stereo|c0=c0|c1=c0[n];[0][n]amix=inputs=2:normalize=0" -c:a pcm_s16le "${BITEXACT[@]}" "$MSG/08-jingle.wav"
    printf '活动时间：即日起至1月31日。到店出示本短信即可参与。回T退订\n' >"$MSG/08-outro.txt"
    printf 'title: 星河咖啡·冬日新品\nsign_name: 【星河咖啡】\npurpose: 向已注册并同意接收营销信息的会员推送冬季新品与到店活动，短信末尾提供回T退订。\n' >"$MSG/mms.yaml"
    rm -rf "$tmp"
    touch "$MARKER"
}
[[ -f $MARKER ]] || generate
mkdir -p "$OUT"
total_of() { find "$1" -maxdepth 1 -type f ! -name mms.yaml -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }
IN_BYTES=$(total_of "$MSG")
echo "data: $MSG — $(find "$MSG" -type f | wc -l) files, $IN_BYTES bytes of media and text ($((IN_BYTES / BUDGET))× the budget of $BUDGET)"

find_mmskit "Running the careful-user script only"
HAVE_FIT=0
if [[ $HAVE_MMSKIT == 1 ]]; then
    # (an unknown subcommand followed by --help prints the top-level help with status 0, so look for fit's usage)
    if "$BIN" fit --help 2>&1 | grep -q 'USAGE: mmskit fit'; then HAVE_FIT=1; else
        echo "*** $BIN has no 'fit' command ('$BIN fit --help' shows no fit usage): running the careful-user script only" >&2
    fi
fi

# --- timing: one hyperfine run, each run into a fresh directory; every run records exit status, peak RSS and bytes
q() { printf '%q' "$1"; }
OUT_MMSKIT=$OUT/mmskit
OUT_SCRIPT=$OUT/script
[[ ${SKIP_TIMING:-0} == 1 ]] || rm -f "$OUT"/runs-*.log "$OUT"/*.err
# runner NAME DIR CMD...: writes $OUT/run-NAME.sh, which runs CMD under GNU time and appends
# "exit-status peak-KiB bytes-in-DIR" to $OUT/runs-NAME.log; hyperfine times that script.
# shellcheck disable=SC2016  # the generated script expands these, not this one
runner() {
    local name=$1 dir=$2; shift 2
    {
        echo '#!/usr/bin/env bash'
        printf '/usr/bin/time -f %%M -o %q' "$OUT/rss-$name.txt"
        printf ' %q' "$@"
        printf ' >/dev/null 2>>%q
' "$OUT/$name.err"
        echo 's=$?'
        printf 'bytes=$(find %q -maxdepth 1 -type f ! -name mms.yaml -printf "%%s\n" 2>/dev/null | awk "{s += \$1} END {print s + 0}")
' "$dir"
        printf 'echo "$s $(tail -n 1 %q) $bytes" >>%q
' "$OUT/rss-$name.txt" "$OUT/runs-$name.log"
        echo 'exit $s'
    } >"$OUT/run-$name.sh"
    echo "bash $(q "$OUT/run-$name.sh")"
}
SCRIPT_CMD=$(runner script "$OUT_SCRIPT" "$CAREFUL" "$MSG" "$OUT_SCRIPT" "$BUDGET")
MMSKIT_CMD=$(runner mmskit "$OUT_MMSKIT" "$BIN" fit "$MSG" -o "$OUT_MMSKIT" --budget "$BUDGET")
# one --prepare per command, in order: each removes only its own output, so both last outputs stay for SSIM
HF=(hyperfine --runs "$RUNS" --warmup 0 --style basic -i --export-json "$OUT/timing.json")
if [[ ${SKIP_TIMING:-0} == 1 ]]; then
    echo "SKIP_TIMING=1: reporting the last run's timing and outputs" >&2
elif [[ $HAVE_FIT == 1 ]]; then
    nice -n 5 "${HF[@]}" --prepare "rm -rf $(q "$OUT_MMSKIT")" --prepare "rm -rf $(q "$OUT_SCRIPT")" \
        -n "mmskit fit" "$MMSKIT_CMD" -n "careful-user script" "$SCRIPT_CMD"
else
    nice -n 5 "${HF[@]}" --prepare "rm -rf $(q "$OUT_SCRIPT")" -n "careful-user script" "$SCRIPT_CMD"
fi
tail -n 3 "$OUT/script.err" | sed 's/^/script: /' >&2
[[ $HAVE_FIT == 0 ]] || tail -n 5 "$OUT/mmskit.err" | sed 's/^/mmskit: /' >&2

# --- quality of the last run's outputs, the same way for both ------------------------------------------------
ssim_all() { # A B [FILTER for B] [FILTER for A]: SSIM All over every frame of A against B (yuv420p, timestamps from 0)
    ffmpeg -hide_banner -nostdin -i "$1" -i "$2" -lavfi \
        "[0]setpts=PTS-STARTPTS,${4:+$4,}format=yuv420p,setsar=1[a];[1]setpts=PTS-STARTPTS,${3:+$3,}format=yuv420p,setsar=1[b];[a][b]ssim" \
        -f null - 2>&1 | sed -n 's/.* All:\([0-9.]*\).*/\1/p' | tail -n 1
}
# display W H KIND: the size a viewer sees the item at, the same for both sides — the careful user's caps:
# stills within 1080x1080, animations within 480x480, video 720 lines; never larger than the original.
display() {
    python3 -c '
import sys
w, h, box = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
if box == "video":
    dh = min(720, h); dw = round(w * dh / h / 2) * 2
else:
    m = 1080 if box == "still" else 480
    s = min(1.0, m / max(w, h)); dw, dh = max(1, round(w * s)), max(1, round(h * s))
print(dw, dh)' "$@"
}
# quality SIDE DIR: one line per media item: side, frame, original, output, output kind, bytes, SSIM at the
# output's size (the original scaled down to it: what the issue's report gives), SSIM at the display size (the
# output and the original both scaled to the same display size, so a smaller output pays for its lost detail)
quality() {
    local side=$1 dir=$2 out n orig kind w h frames rate ow oh dw dh s1 s2
    [[ -d $dir ]] || return 0
    for out in "$dir"/*; do
        [[ -f $out ]] || continue
        case ${out##*/} in *.txt | mms.yaml) continue ;; esac
        n=${out##*/}; n=${n%%-*}
        orig=$(find "$MSG" -maxdepth 1 -name "$n-*" ! -name '*.txt' | head -n 1)
        read -r kind w h frames < <(ffprobe -v error -select_streams v:0 -count_packets \
            -show_entries stream=codec_name,width,height,nb_read_packets -of csv=p=0 "$out" | tr ',' ' '; echo)
        if [[ -z $kind ]]; then   # audio only
            rate=$(ffprobe -v error -show_entries format=bit_rate -of csv=p=0 "$out")
            printf '%s\t%s\t%s\t%s\taudio\t%s\t%s kbit/s\t-\n' "$side" "$n" "${orig##*/}" "${out##*/}" "$(stat -c %s "$out")" "$((rate / 1000))"
            continue
        fi
        if [[ ${frames:-1} -gt 1 ]]; then   # video or animation: every frame against the original scaled
            read -r ow oh < <(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=p=0 "$orig" | tr ',' ' ')
            if [[ $kind == gif ]]; then read -r dw dh < <(display "$ow" "$oh" anim); else read -r dw dh < <(display "$ow" "$oh" video); fi
            s1=$(ssim_all "$out" "$orig" "scale=$w:$h:flags=lanczos")
            s2=$(ssim_all "$out" "$orig" "scale=$dw:$dh:flags=lanczos" "scale=$dw:$dh:flags=bicubic")
            kind="$kind ${w}x$h $frames frames"
        else   # a still image: the original decoded by vips (EXIF orientation applied) and scaled
            ow=$(vips thumbnail "$orig" "$OUT/orig.v" 100000 --height 100000 --size down && vipsheader -f width "$OUT/orig.v")
            oh=$(vipsheader -f height "$OUT/orig.v")
            read -r dw dh < <(display "$ow" "$oh" still)
            vips thumbnail "$orig" "$OUT/ref.png" "$w" --height "$h" --size force
            s1=$(ssim_all "$out" "$OUT/ref.png")
            vips thumbnail "$orig" "$OUT/ref.png" "$dw" --height "$dh" --size force
            vips thumbnail "$out" "$OUT/out-display.png" "$dw" --height "$dh" --size force
            s2=$(ssim_all "$OUT/out-display.png" "$OUT/ref.png")
            kind="$kind ${w}x$h"
        fi
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$side" "$n" "${orig##*/}" "${out##*/}" "$kind" "$(stat -c %s "$out")" "$s1" "$s2"
    done
    rm -f "$OUT/orig.v"
}
# Both last outputs must be content directories that mmskit lint accepts (any mmskit binary has lint).
if [[ $HAVE_MMSKIT == 1 ]]; then
    for side in mmskit script; do
        d=$OUT/$side
        [[ -d $d ]] || continue
        if "$BIN" lint "$d" >"$OUT/lint-$side.txt" 2>&1; then
            echo "check: mmskit lint of the $side output: $(tail -n 1 "$OUT/lint-$side.txt")"
        else
            echo "check: mmskit lint of the $side output FAILED (status $?): $(tail -n 1 "$OUT/lint-$side.txt"); see $OUT/lint-$side.txt"
        fi
    done
fi
echo "measuring SSIM of each item (both sides, the last run's outputs)" >&2
{
    quality script "$OUT_SCRIPT"
    [[ $HAVE_FIT == 1 ]] && quality mmskit "$OUT_MMSKIT"
} >"$OUT/quality.tsv"

python3 - "$OUT" "$BUDGET" "$HAVE_FIT" <<'EOF'
import json, sys, statistics
out, budget, have_fit = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
sides = [("mmskit", "mmskit fit"), ("script", "careful-user script")] if have_fit else [("script", "careful-user script")]
res = {r["command"]: r for r in json.load(open(f"{out}/timing.json"))["results"]}
runs = {s: [l.split() for l in open(f"{out}/runs-{s}.log") if l.strip()] for s, _ in sides}
qual = {}
for line in open(f"{out}/quality.tsv", encoding="utf-8"):
    side, n, orig, o, kind, b, m, d = line.rstrip("\n").split("\t")
    qual.setdefault(side, []).append((n, orig, o, kind, int(b), m, d))

print("\nper item (last run):")
print(f"{'side':<8} {'original':<18} {'output':<18} {'kind':<26} {'bytes':>9} {'SSIM / bitrate':>15} {'SSIM display':>13}")
for s, _ in sides:
    for n, orig, o, kind, b, m, d in qual.get(s, []):
        print(f"{s:<8} {orig:<18} {o:<18} {kind:<26} {b:>9} {m:>15} {d:>13}")

print()
print(f"{'side':<20} {'median s':>9} {'min s':>8} {'max s':>8} {'peak RSS':>10} {'bytes (last)':>13} {'fits':>11} {'mean SSIM':>10} {'worst SSIM':>11} {'worst @display':>15}")
summary = {}
for s, name in sides:
    r = res[name]
    rr = runs[s]
    rss = max(int(x[1]) for x in rr) / 1024
    fits = sum(1 for x in rr if x[0] == "0" and int(x[2]) <= budget)
    ss = [float(x[5]) for x in qual.get(s, []) if "kbit" not in x[5] and x[5]]
    sd = [float(x[6]) for x in qual.get(s, []) if x[6] not in ("-", "")]
    mean = statistics.mean(ss) if ss else float("nan")
    worst = min(ss) if ss else float("nan")
    worst_d = min(sd) if sd else float("nan")
    summary[s] = (r["median"], worst, fits, len(rr), worst_d)
    print(f"{name:<20} {r['median']:9.2f} {r['min']:8.2f} {r['max']:8.2f} {rss:8.0f} MiB {int(rr[-1][2]):>13} "
          f"{fits:>5}/{len(rr):<5} {mean:10.4f} {worst:11.4f} {worst_d:15.4f}")
print(f"budget {budget} bytes; peak RSS = GNU time %M, the largest single process of the tree (not a sum)")
print()
if have_fit:
    t = summary["script"][0] / summary["mmskit"][0]
    d = summary["mmskit"][1] - summary["script"][1]
    f, n = summary["mmskit"][2], summary["mmskit"][3]
    print(f"RATIO time  script/mmskit (median)      = {t:.2f}  target >= 2  {'MET' if t >= 2 else 'MISSED'}")
    print(f"RATIO worst SSIM mmskit - script        = {d:+.4f}  target >= 0  {'MET' if d >= 0 else 'MISSED'}")
    dd = summary["mmskit"][4] - summary["script"][4]
    print(f"RATIO worst SSIM at display size m - s  = {dd:+.4f}  target >= 0  {'MET' if dd >= 0 else 'MISSED'}"
          "  (both scaled to stills <= 1080, GIF <= 480, video 720 lines: a smaller output pays for lost detail)")
    print(f"RATIO mmskit fits the budget            = {f}/{n} runs  target every run  {'MET' if f == n else 'MISSED'}")
else:
    print("RATIO time  script/mmskit = n/a (no mmskit fit)")
    print("RATIO worst SSIM mmskit - script = n/a (no mmskit fit)")
    print("RATIO worst SSIM at display size m - s = n/a (no mmskit fit)")
    print("RATIO mmskit fits the budget = n/a (no mmskit fit)")
EOF
[[ $HAVE_FIT == 1 ]] || exit 2
