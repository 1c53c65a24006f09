# Shared by the benchmark scripts (sourced, not run): error exit, tool checks, and finding the mmskit binary.
# Expects ROOT (the package root) to be set by the caller.

die() { echo "error: $*" >&2; exit 1; }

# require_tools TOOL...: exit with a message naming the first tool that is missing.
require_tools() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || die "$tool is required"
    done
}

# find_mmskit WHAT_STILL_RUNS: sets BIN and HAVE_MMSKIT (1 or 0), building the release binary when it is
# missing (unless MMSKIT_BIN or MMSKIT_NO_BUILD=1 is set).
find_mmskit() {
    BIN=${MMSKIT_BIN:-$ROOT/.build/release/mmskit}
    if [[ ! -x $BIN && -z ${MMSKIT_BIN:-} && ${MMSKIT_NO_BUILD:-0} != 1 ]]; then
        if command -v swift >/dev/null; then
            echo "building: swift build -c release (in $ROOT)" >&2
            (cd "$ROOT" && swift build -c release) >&2 || echo "swift build failed" >&2
        else
            echo "swift is not on PATH; cannot build mmskit" >&2
        fi
    fi
    if [[ -x $BIN ]]; then
        HAVE_MMSKIT=1
    else
        HAVE_MMSKIT=0
        printf '\n*** mmskit binary not found at %s\n*** Build it with:  (cd %s && swift build -c release)\n*** or point MMSKIT_BIN at one. %s (exit status 2).\n\n' \
            "$BIN" "$ROOT" "$1" >&2
    fi
}

# photo_png OUT SEED CX CY SCALE [WxH]: a deterministic photo-like PNG (default 4000x3000, 12 MP): a Mandelbrot
# detail at (CX, CY, SCALE) rendered at half size and scaled up, desaturated and softened, soft-light blended with
# radial colour gradients, with uniform sensor-like noise. Fine texture next to smooth areas, like a photograph;
# the same bytes on every run with the same FFmpeg.
photo_png() {
    local out=$1 seed=$2 cx=$3 cy=$4 scale=$5 size=${6:-4000x3000}
    local w=${size%x*} h=${size#*x}
    local colours=(0x20304a:0xd9b48c:0x6f8f5a:0xe8e0d0 0x3a2a1a:0xf0c8a0:0x4a6a8a:0xfaf0e6 0x1a3a2a:0xc8d8a0:0x8a4a3a:0xe0e8f0)
    local c=${colours[$((seed % 3))]}
    IFS=: read -r c0 c1 c2 c3 <<<"$c"
    nice -n 10 ffmpeg -hide_banner -loglevel error -nostdin -y \
        -f lavfi -i "mandelbrot=size=$((w / 2))x$((h / 2)):rate=1:maxiter=300:start_x=$cx:start_y=$cy:start_scale=$scale:end_scale=$scale:inner=period" \
        -f lavfi -i "gradients=s=${w}x$h:r=1:seed=$seed:n=4:c0=$c0:c1=$c1:c2=$c2:c3=$c3:type=radial" \
        -filter_complex "[0]scale=$w:$h:flags=bicubic,hue=s=0.45,gblur=sigma=1.5,format=gbrp[f];[1]format=gbrp[g];[f][g]blend=all_mode=softlight,noise=alls=8:allf=u:all_seed=$seed,format=rgb24" \
        -frames:v 1 -fflags +bitexact -flags:v +bitexact "$out"
}
