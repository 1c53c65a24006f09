#!/bin/sh
# Regenerates the small real media fixtures read by Tests/MMSKitTests/Media/*StructureTests.swift.
# The test suite never runs these tools; it reads the committed files. Run from any directory:
#   sh Tests/MMSKitTests/Fixtures/media/make-fixtures.sh
# Needs: ffmpeg (with libx264, aac, libmp3lame, mpeg4), ImageMagick 6 (/usr/bin/convert), lame, sox.
# With the same tool versions (Debian 12: ffmpeg 5.1, ImageMagick 6.9.11, lame 3.100, sox 14.4) the
# output is byte-identical; other versions give equivalent files (the tests check dimensions, frame
# counts, durations and structure, not bytes).
set -eu
cd "$(dirname "$0")"
FF="ffmpeg -hide_banner -loglevel error -y"
IM=/usr/bin/convert            # Debian's ImageMagick (/usr/local/bin/convert may be a stand-in)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# --- JPEG: 64x48 baseline and 80x60 progressive ---------------------------------------------
$IM -size 64x48 gradient:red-blue -quality 80 -interlace none -strip baseline.jpg
$IM -seed 1 -size 80x60 plasma:fractal -quality 70 -interlace JPEG -strip progressive.jpg

# --- PNG: 32x24 still, and a 3-frame 16x16 APNG (10 fps, loops forever) -----------------------
$IM -size 32x24 gradient:white-green -strip still.png
$FF -f lavfi -i "testsrc=size=16x16:rate=10:duration=0.3" -plays 0 -f apng apng.png

# --- GIF: 20x10 palette still, and a 3-frame 24x24 animation (delays 10, 20, 30 cs = 0.6 s) ---
$IM -size 20x10 xc:red -fill blue -draw "rectangle 5,2 14,7" palette.gif
$IM -size 24x24 -delay 10 xc:red -delay 20 xc:green -delay 30 xc:blue -loop 0 animated.gif

# --- MP3 ---------------------------------------------------------------------------------------
# 1 s of tone: MPEG-1 44.1 kHz CBR 64 kbit/s, MPEG-1 VBR (with a Xing frame), MPEG-2 22.05 kHz,
# MPEG-2.5 8 kHz. lame resamples low bitrates on its own, hence the explicit --resample.
sox -n -r 44100 -c 1 "$TMP/tone44.wav" synth 1.0 sine 440
sox -n -r 22050 -c 1 "$TMP/tone22.wav" synth 1.0 sine 440
lame --quiet -b 64 --cbr --resample 44.1 "$TMP/tone44.wav" cbr.mp3
lame --quiet -V 6 --resample 44.1 "$TMP/tone44.wav" vbr.mp3
lame --quiet -b 24 --cbr --resample 22.05 "$TMP/tone22.wav" mpeg2.mp3
lame --quiet -b 8 --cbr --resample 8 "$TMP/tone22.wav" mpeg25.mp3
# An MP3 with an ID3v2.3 tag carrying a ~110 KB APIC cover (noise PNG, incompressible).
$IM -seed 1 -size 190x190 xc: +noise Random -depth 8 -strip -define png:exclude-chunks=date,time "$TMP/cover.png"
$FF -i "$TMP/tone44.wav" -i "$TMP/cover.png" -map 0:a -map 1:v -c:a libmp3lame -b:a 64k \
    -c:v copy -id3v2_version 3 -metadata title=Cover -metadata:s:v comment="Cover (front)" \
    id3-cover.mp3

# Layer II (MP2) frames in an .mp3-looking file: must be rejected as "not layer III".
$FF -f lavfi -i "sine=frequency=440:sample_rate=32000:duration=0.3" -c:a mp2 -b:a 32k -f mp2 layer2.mp3

# --- MP4 ---------------------------------------------------------------------------------------
# 1 s, 64x48 H.264 + AAC with moov first (faststart) and with moov at the end (ffmpeg default).
VSRC="testsrc=size=64x48:rate=10:duration=1"
ASRC="sine=frequency=440:sample_rate=8000:duration=1"
$FF -f lavfi -i "$VSRC" -f lavfi -i "$ASRC" -c:v libx264 -preset veryfast -crf 40 -pix_fmt yuv420p \
    -c:a aac -b:a 16k -movflags +faststart video.mp4
$FF -f lavfi -i "$VSRC" -f lavfi -i "$ASRC" -c:v libx264 -preset veryfast -crf 40 -pix_fmt yuv420p \
    -c:a aac -b:a 16k moov-at-end.mp4
# AAC only, isom brand.
$FF -f lavfi -i "$ASRC" -c:a aac -b:a 16k -brand isom -f mp4 audio-only.mp4
# MPEG-4 part 2 video, 48x32, no audio.
$FF -f lavfi -i "testsrc=size=48x32:rate=10:duration=1" -c:v mpeg4 -q:v 20 mpeg4part2.mp4

ls -l
