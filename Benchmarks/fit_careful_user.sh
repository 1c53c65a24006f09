#!/usr/bin/env bash
# What a careful user writes today to make a campaign fit a size budget, without mmskit: convert every item
# with the usual one-liners, add up the sizes, and if the total is over the budget lower every quality setting
# one step and run everything again.
#
#   Benchmarks/fit_careful_user.sh DIR OUT BUDGET
#
# DIR is a content directory (NN-name.ext files, one media per frame, texts, mms.yaml); OUT must not exist or be
# empty; BUDGET is in bytes (media + texts, as sent). Per step:
#   images (jpg png webp heic avif bmp tif…): convert IN -resize 1080x1080\> -quality Q -strip OUT.jpg
#       (HEIC through heif-convert to PNG first when ImageMagick cannot read it)
#   animated GIF: convert IN -coalesce -resize 480x480\> -layers Optimize OUT.gif (the same every step: -colors K
#       makes ImageMagick quantise each frame on its own, which defeats -layers Optimize — the benchmark's 98 KB
#       banner came out at 0.9–1.8 MB with 128…16 colours — so a careful user leaves the palette alone)
#   video: ffmpeg -i IN -c:v libx264 -crf C -vf scale=-2:720 -c:a aac -b:a 64k -movflags +faststart OUT.mp4
#   audio: ffmpeg -i IN -b:a R OUT.mp3
# starting at Q=85, C=23, R=128k and lowering all of them each step (Q −10, C +3, R one step down) until the total is within BUDGET: exit 0 with the steps it took on stderr; exit 1 when the
# steps run out (OUT then holds the last, too large, attempt). Text files and mms.yaml are copied.
set -euo pipefail
(($# == 3)) || { echo "usage: $0 DIR OUT BUDGET" >&2; exit 2; }
DIR=$1 OUT=$2 BUDGET=$3
IM=/usr/bin/convert   # Debian's ImageMagick 6
FF=(ffmpeg -hide_banner -loglevel error -nostdin -y)
[[ -d $DIR ]] || { echo "$DIR is not a directory" >&2; exit 2; }
if [[ -e $OUT ]] && [[ -n $(ls -A "$OUT") ]]; then echo "$OUT exists and is not empty" >&2; exit 2; fi

QS=(85 75 65 55 45 35 25 15 5)
CS=(23 26 29 32 35 38 41 44 47)
RS=(128k 96k 64k 48k 40k 32k 24k 16k 8k)

im_can_read_heic=0
$IM -list format 2>/dev/null | grep -qE '^ *HEIC\*? +HEIC +r' && im_can_read_heic=1

convert_all() { # $1 = step
    local q=${QS[$1]} c=${CS[$1]} r=${RS[$1]} f base name ext lower
    rm -rf "$OUT"
    mkdir -p "$OUT"
    for f in "$DIR"/*; do
        [[ -f $f ]] || continue
        base=${f##*/} name=${base%.*} ext=${base##*.}
        lower=${ext,,}
        case $lower in
            txt | yaml | yml) cp "$f" "$OUT/$base" ;;
            jpg | jpeg | png | webp | bmp | tif | tiff | avif)
                $IM "$f" -resize '1080x1080>' -quality "$q" -strip "$OUT/$name.jpg" ;;
            heic | heif)
                if ((im_can_read_heic)); then
                    $IM "$f" -resize '1080x1080>' -quality "$q" -strip "$OUT/$name.jpg"
                else
                    heif-convert "$f" "$OUT/.$name.png" >/dev/null
                    $IM "$OUT/.$name.png" -resize '1080x1080>' -quality "$q" -strip "$OUT/$name.jpg"
                    rm -f "$OUT/.$name.png"
                fi ;;
            gif) $IM "$f" -coalesce -resize '480x480>' -layers Optimize "$OUT/$name.gif" ;;
            mov | mp4 | m4v | webm | mkv | avi | 3gp)
                "${FF[@]}" -i "$f" -c:v libx264 -crf "$c" -vf scale=-2:720 -c:a aac -b:a 64k -movflags +faststart "$OUT/$name.mp4" ;;
            wav | m4a | aac | flac | ogg | opus | amr | mp3)
                "${FF[@]}" -i "$f" -b:a "$r" "$OUT/$name.mp3" ;;
            *) cp "$f" "$OUT/$base" ;;
        esac
    done
}

total_bytes() { # media + texts (the manifest is not sent)
    find "$OUT" -maxdepth 1 -type f ! -name mms.yaml -printf '%s\n' | awk '{s += $1} END {print s + 0}'
}

for step in "${!QS[@]}"; do
    convert_all "$step"
    total=$(total_bytes)
    echo "step $((step + 1)): Q=${QS[$step]} crf=${CS[$step]} audio=${RS[$step]}: $total bytes (budget $BUDGET)" >&2
    if ((total <= BUDGET)); then
        exit 0
    fi
done
echo "gave up: still $total bytes after ${#QS[@]} steps (budget $BUDGET)" >&2
exit 1
