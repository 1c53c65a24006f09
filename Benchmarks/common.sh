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
