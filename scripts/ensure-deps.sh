#!/usr/bin/env bash
# Installs, from Debian/Ubuntu packages, what a part of mmskit needs when it is missing:
#   ensure-deps.sh content   the content commands (`mmskit` build, lint, inspect, preview): pkg-config and libmagic
#                            (headers, library, compiled database). That is all `scripts/demo.sh` needs.
#   ensure-deps.sh fit       content + the converters `mmskit fit` runs: FFmpeg (ffmpeg, ffprobe) and libvips's
#                            command-line tools (vips, vipsheader; HEIC/AVIF through libheif, SVG, PSD).
#   ensure-deps.sh server    content + SQLite's headers (GRDB: the receipt store, the sandbox's state), for
#                            `mmskit-server` (providers, receiver, sandbox).
#   ensure-deps.sh test      server + fit + what the test suite uses (the default): a PostgreSQL server (the tests start a
#                            throwaway cluster of their own; nothing is enabled), Chromium for the browser check of
#                            `mmskit preview` (run headless; MMSKIT_SKIP_CHROMIUM=1 leaves it out, and the browser
#                            cases are then skipped, except under CI=true), Python's jsonschema (the SARIF check).
# Needs root or sudo only when something is actually missing; installs nothing that is already there.
set -euo pipefail

part=${1:-test}
case "$part" in
content | fit | server | test) ;;
*)
    echo "usage: scripts/ensure-deps.sh [content|fit|server|test]" >&2
    exit 64
    ;;
esac

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists libmagic 2>/dev/null && [ ! -f /usr/include/magic.h ]; then missing+=(libmagic-dev); fi
[ -f /usr/lib/file/magic.mgc ] || [ -f /usr/share/misc/magic.mgc ] || missing+=(libmagic-mgc)
if [ "$part" = server ] || [ "$part" = test ]; then
    [ -f /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)
fi
if [ "$part" = fit ] || [ "$part" = test ]; then
    { command -v ffmpeg && command -v ffprobe; } >/dev/null 2>&1 || missing+=(ffmpeg)
    { command -v vips && command -v vipsheader; } >/dev/null 2>&1 || missing+=(libvips-tools)
fi
if [ "$part" = test ]; then
    if [ "${MMSKIT_SKIP_POSTGRES:-}" != 1 ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        missing+=(postgresql)
    fi
    if [ "${MMSKIT_SKIP_CHROMIUM:-}" != 1 ] && ! command -v chromium >/dev/null 2>&1 \
        && ! command -v chromium-browser >/dev/null 2>&1; then
        missing+=(chromium)
    fi
fi

if [ ${#missing[@]} -gt 0 ]; then
    echo "mmskit: installing ${missing[*]}" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${missing[@]}"
fi

command -v swift >/dev/null 2>&1 || { echo "mmskit: Swift 6 is required (https://swift.org/install)" >&2; exit 2; }

# The SARIF report test validates against the official JSON schema with Python's jsonschema when it is
# available; install it if pip can (the test skips that one check otherwise).
if [ "$part" = test ] && command -v python3 >/dev/null 2>&1 && ! python3 -c 'import jsonschema' >/dev/null 2>&1; then
    python3 -m pip install --quiet jsonschema >&2 || echo "mmskit: jsonschema not installed; the SARIF schema check will be skipped" >&2
fi
