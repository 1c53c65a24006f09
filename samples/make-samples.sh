#!/usr/bin/env bash
# Regenerates everything under samples/: the promo campaign, the bad/ cases, the tricky/ cases and the raw/
# campaign (wrong-format media for `mmskit fit`).
# The test suite and the demo read the committed files; run this only to rebuild them:
#   bash samples/make-samples.sh        # everything
#   bash samples/make-samples.sh raw    # only samples/raw (leaves the other samples alone)
# Needs: ffmpeg (libx264, aac, libmp3lame), Debian ImageMagick 6 (/usr/bin/convert), sox, lame, cwebp;
# for raw/ also heif-enc (libheif-examples, with the x265 encoder).
# Determinism: ImageMagick output is -strip'ed (no timestamps), ffmpeg runs with bitexact flags and
# -map_metadata -1 (creation_time 0), sox runs with -R (repeatable) and no dither, x264 runs with one
# thread. With the same tool versions the files come out byte-identical; other versions give
# equivalent files (same formats, sizes close).
set -euo pipefail
cd "$(dirname "$0")"
SAMPLES=$PWD

IM=/usr/bin/convert   # Debian's ImageMagick; /usr/local/bin/convert may be a stand-in
FF=(ffmpeg -hide_banner -loglevel error -nostdin -y)
BITEXACT=(-fflags +bitexact -flags:v +bitexact -flags:a +bitexact -map_metadata -1 -map_chapters -1)
X264=(-c:v libx264 -threads 1 -pix_fmt yuv420p -profile:v baseline -level 3.0 -x264-params no-info=1)
SOX=(sox -R -D)

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Writes stdin to a file as-is (text files: UTF-8, each ends with a newline).
write() { cat >"$1"; }

# A manifest for the small cases (title, sign_name, purpose).
manifest() { # $1 = directory, $2 = title
    printf 'title: %s\nsign_name: 【星河咖啡】\npurpose: 向已注册会员推送门店新品与优惠信息，用户可回T退订。\n' "$2" >"$1/mms.yaml"
}

###################################################################################################
# raw/: a campaign of wrong-format, oversized media that `mmskit fit` has to convert (samples/raw.md describes
# it; it stays outside so that raw/ is a content directory with nothing else in it)
###################################################################################################
make_raw() {
    local R=raw
    rm -rf "$R"
    mkdir -p "$R"
    # A photo-like picture: a Mandelbrot detail, softened, over colour gradients, with fine noise.
    "${FF[@]}" -f lavfi -i "mandelbrot=size=800x600:rate=1:maxiter=200:start_x=-0.743643887037151:start_y=0.131825904205330:start_scale=0.003:end_scale=0.003:inner=period" \
        -f lavfi -i "gradients=s=1600x1200:r=1:seed=4:n=3:c0=0x6b3e26:c1=0xf3e5d0:c2=0xc89b6d:type=radial" \
        -filter_complex "[0]scale=1600:1200:flags=bicubic,hue=s=0.4,gblur=sigma=1.2,format=gbrp[f];[1]format=gbrp[g];[f][g]blend=all_mode=softlight,noise=alls=6:allf=u:all_seed=4,format=rgb24" \
        -frames:v 1 "${BITEXACT[@]}" "$TMP/raw-photo.png"

    # 1. An iPhone-style HEIC photo, 1600x1200 (HEVC still in a HEIF container).
    heif-enc -q 45 --no-thumb-alpha -o "$R/01-photo.heic" "$TMP/raw-photo.png" >/dev/null
    write "$R/01-intro.txt" <<'TXT'
星河咖啡冬日限定上市！
门店实拍：热可可与肉桂卷，暖意满满。
TXT

    # 2. A "JPEG" that is really a WebP (saved from a web page), 1200x900.
    $IM "$TMP/raw-photo.png" -resize 1200x900 -strip "$TMP/raw-banner.png"
    cwebp -quiet -q 82 -metadata none "$TMP/raw-banner.png" -o "$R/02-banner.jpg"
    write "$R/02-menu.txt" <<'TXT'
冬季菜单：热可可 ¥26，肉桂拿铁 ¥30，姜饼燕麦拿铁 ¥32。
TXT

    # 3. A logo PNG with transparency (8-bit RGBA, soft shadow), 800x800.
    $IM -size 800x800 xc:none -fill '#00000055' -draw 'circle 410,420 410,90' -blur 0x12 \
        -fill '#5a3825' -draw 'circle 400,400 400,80' -fill '#f3e5d0' -draw 'circle 400,400 400,130' \
        -fill '#c89b6d' -draw 'roundrectangle 290,300 510,520 30,30' -fill none -stroke '#c89b6d' -strokewidth 28 \
        -draw 'ellipse 520,410 50,60 -90,90' -depth 8 -strip -define png:color-type=6 "$R/03-logo.png"
    write "$R/03-member.txt" <<'TXT'
会员积分翻倍，本月到店即享。
TXT

    # 4. A WAV jingle, 4 s, 16 kHz mono 16-bit PCM.
    local notes=(E5 G5 C6 B5 G5 E5 D5 C5) parts=() n
    for n in "${!notes[@]}"; do
        "${SOX[@]}" -n -r 16000 -c 1 -b 16 "$TMP/raw-note$n.wav" synth 0.5 pluck "${notes[$n]}" vol 0.8
        parts+=("$TMP/raw-note$n.wav")
    done
    "${SOX[@]}" "${parts[@]}" "$R/04-jingle.wav" fade t 0 4.0 0.5
    write "$R/04-listen.txt" <<'TXT'
听一听门店的冬日歌单。
TXT

    # 5. A QuickTime MOV clip, 2.5 s 480x270 25 fps H.264 High + AAC stereo 44.1 kHz.
    "${FF[@]}" -f lavfi -i "testsrc2=size=480x270:rate=25:duration=2.5" \
        -f lavfi -i "sine=frequency=392:sample_rate=44100:duration=2.5,volume=0.3,aformat=channel_layouts=stereo" \
        -c:v libx264 -threads 1 -preset medium -crf 32 -pix_fmt yuv420p -x264-params no-info=1 \
        -c:a aac -b:a 64k "${BITEXACT[@]}" -f mov "$R/05-store.mov"
    write "$R/05-visit.txt" <<'TXT'
活动时间：即日起至1月31日，到店出示本短信即可参与。
回T退订
TXT

    write "$R/mms.yaml" <<'TXT'
title: 星河咖啡·冬日限定（待压缩素材）
sign_name: 【星河咖啡】
purpose: 向已注册并同意接收营销信息的会员推送冬季新品与到店活动，短信末尾提供回T退订。
TXT
}

if [[ ${1:-} == raw ]]; then
    make_raw
    echo "samples/raw regenerated in $SAMPLES/raw"
    exit 0
fi
[[ $# -eq 0 ]] || { echo "usage: bash samples/make-samples.sh [raw]" >&2; exit 2; }

# Start clean, but keep the hand-written bad/README.md and tricky/README.md.
rm -rf promo bad/*/ tricky/*/
mkdir -p promo bad tricky

###################################################################################################
# promo/: a 5-frame campaign for the fictional 星河咖啡 (Star River Coffee)
###################################################################################################
P=promo

# 1. Hero image, 320x240 JPEG: a coffee cup on a warm gradient.
$IM -size 320x240 gradient:'#f6e7d2'-'#c89b6d' \
    -fill '#ffffff' -stroke '#5a3825' -strokewidth 4 -draw 'roundrectangle 110,90 200,190 12,12' \
    -fill none -draw 'ellipse 205,135 22,26 -90,90' \
    -stroke none -fill '#5a3825' -draw 'ellipse 155,96 42,8 0,360' \
    -fill '#8a5a3c' -draw 'ellipse 160,200 80,10 0,360' \
    -fill '#ffffff' -draw 'circle 140,60 140,52' -draw 'circle 158,45 158,38' -draw 'circle 172,66 172,60' \
    -strip -sampling-factor 4:2:0 -quality 82 -interlace none "$P/01-cover.jpg"
write "$P/01-welcome.txt" <<'EOF'
星河咖啡秋季新品季开启啦！
感谢您一直以来的喜爱，本周起全国门店同步上新，首杯享第二杯半价。
EOF

# 2. Menu card, 240x240 PNG (8-bit palette).
$IM -size 240x240 xc:'#fbf5ec' \
    -fill '#c0392b' -draw 'roundrectangle 20,20 220,70 10,10' \
    -fill '#d68910' -draw 'roundrectangle 20,90 220,140 10,10' \
    -fill '#7d5a3c' -draw 'roundrectangle 20,160 220,210 10,10' \
    -fill '#ffffff' -draw 'circle 50,45 50,33' -draw 'circle 50,115 50,103' -draw 'circle 50,185 50,173' \
    -strip -colors 16 -define png:color-type=3 "$P/02-menu.png"
write "$P/02-menu.txt" <<'EOF'
秋季限定菜单：
· 桂花拿铁 ¥28
· 栗子燕麦拿铁 ¥30
· 焦糖南瓜美式 ¥26
EOF

# 3. Steam animation, 96x96 GIF, 4 frames at 0.25 s, loops forever.
cup=(-fill '#ffffff' -stroke '#5a3825' -strokewidth 3 -draw 'roundrectangle 30,50 66,86 6,6'
     -fill none -draw 'ellipse 68,68 9,11 -90,90' -stroke none)
frames=()
for i in 0 1 2 3; do
    y1=$((40 - i * 6)); y2=$((30 - i * 5)); o=$((i % 2 * 4))
    $IM -size 96x96 xc:'#f3e5d0' "${cup[@]}" -fill '#d9c3a5' \
        -draw "circle $((42 + o)),$y1 $((42 + o)),$((y1 - 4))" \
        -draw "circle $((54 - o)),$y2 $((54 - o)),$((y2 - 3))" "$TMP/steam$i.png"
    frames+=("$TMP/steam$i.png")
done
$IM -delay 25 -loop 0 "${frames[@]}" -strip -layers Optimize "$P/03-steam.gif"
write "$P/03-brew.txt" <<'EOF'
每一杯都由咖啡师现磨现做，新鲜出炉的香气，等您来闻。
EOF

# 4. Jingle, 3 s MP3 (MPEG-2 layer III, 22.05 kHz mono, 32 kbit/s), a plucked melody.
notes=(C5 E5 G5 C6 G5 E5 F5 G5)
parts=()
for n in "${!notes[@]}"; do
    "${SOX[@]}" -n -r 22050 -c 1 -b 16 "$TMP/note$n.wav" synth 0.375 pluck "${notes[$n]}" vol 0.8
    parts+=("$TMP/note$n.wav")
done
"${SOX[@]}" "${parts[@]}" "$TMP/jingle.wav" fade t 0 3.0 0.4
lame --quiet --noreplaygain -m m -b 32 --cbr --resample 22.05 "$TMP/jingle.wav" "$P/04-jingle.mp3"
write "$P/04-member.txt" <<'EOF'
会员专享：本月消费满50元即送限定帆布袋一只，数量有限，先到先得。
EOF

# 5. Store clip, 2.5 s 320x180 H.264 baseline + AAC, moov first (faststart).
"${FF[@]}" -f lavfi -i "gradients=s=320x180:r=15:d=2.5:speed=0.03:seed=7:n=3:c0=0x6b3e26:c1=0xf3e5d0:c2=0xc89b6d" \
    -f lavfi -i "sine=frequency=523:sample_rate=22050:duration=2.5,volume=0.3,afade=t=out:st=2:d=0.5" \
    "${X264[@]}" -preset slow -crf 34 -g 30 -c:a aac -b:a 24k -ac 1 "${BITEXACT[@]}" \
    -movflags +faststart -brand isom "$P/05-store.mp4"
write "$P/05-visit.txt" <<'EOF'
活动时间：即日起至10月31日。
到店出示本短信即可参与，详询门店店员。
回T退订
EOF

write "$P/mms.yaml" <<'EOF'
title: 星河咖啡·秋季新品上市
sign_name: 【星河咖啡】
purpose: 向已注册并同意接收营销信息的会员推送秋季新品与到店优惠活动，每月不超过两条，短信末尾提供回T退订。
EOF

###################################################################################################
# Tiny shared media for bad/ and tricky/ (each case is otherwise a valid small message)
###################################################################################################
T=$TMP/tiny
mkdir -p "$T"
$IM -size 64x48 gradient:'#f6e7d2'-'#8a5a3c' -strip -quality 80 -interlace none "$T/tiny.jpg"
$IM -size 32x24 gradient:white-'#c89b6d' -strip "$T/tiny.png"
$IM -size 24x24 -delay 20 xc:'#c89b6d' -delay 20 xc:'#8a5a3c' -loop 0 -strip "$T/tiny.gif"
"${SOX[@]}" -n -r 22050 -c 1 -b 16 "$TMP/tone.wav" synth 1.0 pluck C5
lame --quiet --noreplaygain -m m -b 24 --cbr --resample 22.05 "$TMP/tone.wav" "$T/tiny.mp3"
VSRC="testsrc=size=64x48:rate=10:duration=1"
ASRC="sine=frequency=440:sample_rate=8000:duration=1"
"${FF[@]}" -f lavfi -i "$VSRC" -f lavfi -i "$ASRC" "${X264[@]}" -preset veryfast -crf 40 \
    -c:a aac -b:a 16k "${BITEXACT[@]}" -movflags +faststart -brand isom "$T/tiny.mp4"
OPTOUT='回T退订'

###################################################################################################
# bad/: one directory per failure case
###################################################################################################
B=bad
mkcase() { mkdir -p "$1"; manifest "$1" "$2"; }

# png-named-jpg: a PNG file named .jpg
mkcase $B/png-named-jpg "扩展名与内容不符"
cp "$T/tiny.png" $B/png-named-jpg/01-banner.jpg
printf '新品海报抢先看。%s\n' "$OPTOUT" >$B/png-named-jpg/01-text.txt

# webp: a real WebP named .jpg
mkcase $B/webp "WebP 图片"
cwebp -quiet -q 75 -metadata none "$T/tiny.png" -o $B/webp/01-photo.jpg
printf '门店实拍。%s\n' "$OPTOUT" >$B/webp/01-text.txt

# truncated-mp4: an MP4 cut in half
mkcase $B/truncated-mp4 "截断的视频"
printf '门店小视频。\n' >$B/truncated-mp4/01-text.txt
cp "$T/tiny.jpg" $B/truncated-mp4/01-photo.jpg
size=$(stat -c %s "$T/tiny.mp4")
head -c $((size / 2)) "$T/tiny.mp4" >$B/truncated-mp4/02-clip.mp4
printf '%s\n' "$OPTOUT" >$B/truncated-mp4/02-text.txt

# two-media-one-frame: 01-a.jpg and 01-b.png
mkcase $B/two-media-one-frame "一帧两个媒体"
cp "$T/tiny.jpg" $B/two-media-one-frame/01-a.jpg
cp "$T/tiny.png" $B/two-media-one-frame/01-b.png
printf '两款新品任选。%s\n' "$OPTOUT" >$B/two-media-one-frame/01-c.txt

# two-texts-one-frame: 01-a.txt and 01-b.txt
mkcase $B/two-texts-one-frame "一帧两段文字"
printf '第一段文字。\n' >$B/two-texts-one-frame/01-a.txt
printf '第二段文字。%s\n' "$OPTOUT" >$B/two-texts-one-frame/01-b.txt
cp "$T/tiny.jpg" $B/two-texts-one-frame/01-c.jpg

# invalid-utf8-text: line 2 holds a lone 0xFF byte and a truncated 3-byte sequence (E6 96)
mkcase $B/invalid-utf8-text "非法编码的文字"
cp "$T/tiny.jpg" $B/invalid-utf8-text/01-photo.jpg
printf '新品上市。\n买一送一\xff活动\xe6\x96进行中。\n%s\n' "$OPTOUT" >$B/invalid-utf8-text/01-text.txt

# unnumbered-file: banner.jpg has no leading frame number
mkcase $B/unnumbered-file "未编号的文件"
cp "$T/tiny.jpg" $B/unnumbered-file/banner.jpg
printf '新品海报。\n' >$B/unnumbered-file/01-text.txt
cp "$T/tiny.png" $B/unnumbered-file/02-menu.png
printf '%s\n' "$OPTOUT" >$B/unnumbered-file/02-text.txt

# m4a-audio: a real M4A (AAC in MP4, brand "M4A ") named .mp3
mkcase $B/m4a-audio "M4A 音频"
cp "$T/tiny.jpg" $B/m4a-audio/01-photo.jpg
printf '来听听我们的新歌单。\n' >$B/m4a-audio/01-text.txt
"${FF[@]}" -f lavfi -i "$ASRC" -c:a aac -b:a 16k "${BITEXACT[@]}" -f ipod $B/m4a-audio/02-song.mp3
printf '%s\n' "$OPTOUT" >$B/m4a-audio/02-text.txt

# mov-video: a real QuickTime .mov (brand "qt  ") named .mp4
mkcase $B/mov-video "QuickTime 视频"
cp "$T/tiny.jpg" $B/mov-video/01-photo.jpg
printf '门店小视频。\n' >$B/mov-video/01-text.txt
"${FF[@]}" -f lavfi -i "$VSRC" -f lavfi -i "$ASRC" "${X264[@]}" -preset veryfast -crf 40 \
    -c:a aac -b:a 16k "${BITEXACT[@]}" -f mov $B/mov-video/02-clip.mp4
printf '%s\n' "$OPTOUT" >$B/mov-video/02-text.txt

# symlink-escape: 02-x.jpg is a relative symlink to a (valid) JPEG OUTSIDE the case directory
mkcase $B/symlink-escape "越界的符号链接"
cp "$T/tiny.jpg" $B/symlink-escape/01-photo.jpg
printf '新品海报。\n' >$B/symlink-escape/01-text.txt
ln -s ../two-media-one-frame/01-a.jpg $B/symlink-escape/02-x.jpg
printf '%s\n' "$OPTOUT" >$B/symlink-escape/02-text.txt

# manifest-unknown-key: "sign-name" instead of "sign_name" (line 2)
mkdir -p $B/manifest-unknown-key
write $B/manifest-unknown-key/mms.yaml <<'EOF'
title: 清单键名拼写错误
sign-name: 【星河咖啡】
purpose: 向已注册会员推送门店新品与优惠信息，用户可回T退订。
EOF
cp "$T/tiny.jpg" $B/manifest-unknown-key/01-photo.jpg
printf '新品海报。%s\n' "$OPTOUT" >$B/manifest-unknown-key/01-text.txt

###################################################################################################
# tricky/: valid but tricky, all must be accepted (audio-only-mp4 with a warning)
###################################################################################################
R=tricky

# id3-cover-mp3: an MP3 whose ID3v2.3 tag holds a >100 KB JPEG cover (APIC)
mkcase $R/id3-cover-mp3 "带封面的 MP3"
$IM -seed 1 -size 220x220 xc: +noise Random -strip -quality 98 -sampling-factor 1x1 "$TMP/cover.jpg"
"${FF[@]}" -i "$T/tiny.mp3" -i "$TMP/cover.jpg" -map 0 -map 1 -c copy -map_metadata -1 \
    -fflags +bitexact -id3v2_version 3 -metadata title=星河之声 -metadata:s:v title="Album cover" \
    -metadata:s:v comment="Cover (front)" -disposition:v attached_pic $R/id3-cover-mp3/01-song.mp3
printf '店内歌单第一首，送给您。%s\n' "$OPTOUT" >$R/id3-cover-mp3/01-text.txt

# apng: an animated PNG (3 frames, loops forever)
mkcase $R/apng "APNG 动图"
"${FF[@]}" -f lavfi -i "testsrc=size=32x32:rate=5:duration=0.6" -plays 0 "${BITEXACT[@]}" -f apng $R/apng/01-anim.png
printf '动起来的新品海报。%s\n' "$OPTOUT" >$R/apng/01-text.txt

# moov-at-end-mp4: an MP4 without faststart (mdat before moov)
mkcase $R/moov-at-end-mp4 "moov 在末尾的 MP4"
"${FF[@]}" -f lavfi -i "$VSRC" -f lavfi -i "$ASRC" "${X264[@]}" -preset veryfast -crf 40 \
    -c:a aac -b:a 16k "${BITEXACT[@]}" -brand isom $R/moov-at-end-mp4/01-clip.mp4
printf '门店小视频。%s\n' "$OPTOUT" >$R/moov-at-end-mp4/01-text.txt

# jpeg-ext: a .jpeg file (ext_type stays "jpeg")
mkcase $R/jpeg-ext ".jpeg 扩展名"
cp "$T/tiny.jpg" $R/jpeg-ext/01-photo.jpeg
printf '新品海报。%s\n' "$OPTOUT" >$R/jpeg-ext/01-text.txt

# gaps-in-numbering: frames 1, 5, 12 (mixed zero-padding: "12" sorts before "5" as text)
mkcase $R/gaps-in-numbering "编号不连续"
printf '第一帧：新品预告。\n' >$R/gaps-in-numbering/01-intro.txt
cp "$T/tiny.jpg" $R/gaps-in-numbering/5-photo.jpg
cp "$T/tiny.png" $R/gaps-in-numbering/12-menu.png
printf '第三帧：菜单。%s\n' "$OPTOUT" >$R/gaps-in-numbering/12-outro.txt

# text-first-and-media-first: frame 1 text then image, frame 2 image then text
mkcase $R/text-first-and-media-first "文字与媒体顺序"
printf '先看文字，再看图片。\n' >$R/text-first-and-media-first/01-a.txt
cp "$T/tiny.jpg" $R/text-first-and-media-first/01-b.jpg
cp "$T/tiny.png" $R/text-first-and-media-first/02-a.png
printf '先看图片，再看文字。%s\n' "$OPTOUT" >$R/text-first-and-media-first/02-b.txt

# bom-text: a .txt starting with a UTF-8 byte order mark (EF BB BF)
mkcase $R/bom-text "带 BOM 的文字"
printf '\xef\xbb\xbf记事本保存的文字，开头有 BOM。\n%s\n' "$OPTOUT" >$R/bom-text/01-note.txt
cp "$T/tiny.jpg" $R/bom-text/01-photo.jpg

# manifest-frames: an explicit frames: list, file names without frame numbers, one inline text
mkdir -p $R/manifest-frames
cp "$T/tiny.jpg" $R/manifest-frames/hero.jpg
printf '秋季新品，全国门店同步上市。\n' >$R/manifest-frames/intro.txt
cp "$T/tiny.gif" $R/manifest-frames/steam.gif
cp "$T/tiny.mp3" $R/manifest-frames/jingle.mp3
write $R/manifest-frames/mms.yaml <<'EOF'
title: 清单指定帧顺序
sign_name: 【星河咖啡】
purpose: 向已注册会员推送门店新品与优惠信息，用户可回T退订。
frames:
  - [hero.jpg, intro.txt]
  - - {text: "现磨咖啡，香气扑鼻。"}
    - steam.gif
  - - jingle.mp3
    - text: "到店出示本短信享九折。回T退订"
EOF

# audio-only-mp4: AAC-only MP4 with the isom brand, named .mp4 (accepted with a warning)
mkcase $R/audio-only-mp4 "纯音频 MP4"
"${FF[@]}" -f lavfi -i "$ASRC" -c:a aac -b:a 16k "${BITEXACT[@]}" -brand isom -f mp4 $R/audio-only-mp4/01-clip.mp4
printf '听听店里的声音。%s\n' "$OPTOUT" >$R/audio-only-mp4/01-text.txt

make_raw

echo "samples regenerated in $SAMPLES"
