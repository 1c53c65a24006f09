#!/usr/bin/env bash
# Installs what mmskit needs from Debian/Ubuntu packages when it is missing: libmagic (headers, library,
# compiled database), pkg-config, SQLite's headers (GRDB, the receipt store) and, for the tests of the shared
# receipt store, a PostgreSQL server (the tests start a throwaway cluster of their own; nothing is enabled),
# and Chromium for the browser check of `mmskit preview` (run headless by the tests; MMSKIT_SKIP_CHROMIUM=1
# leaves it out, and the browser cases are then skipped, except under CI=true).
# Needs root or sudo only when something is actually missing.
set -euo pipefail

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists libmagic 2>/dev/null && [ ! -f /usr/include/magic.h ]; then missing+=(libmagic-dev); fi
[ -f /usr/lib/file/magic.mgc ] || [ -f /usr/share/misc/magic.mgc ] || missing+=(libmagic-mgc)
[ -f /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)
if [ "${MMSKIT_SKIP_POSTGRES:-}" != 1 ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then missing+=(postgresql); fi
if [ "${MMSKIT_SKIP_CHROMIUM:-}" != 1 ] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
    missing+=(chromium)
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
if command -v python3 >/dev/null 2>&1 && ! python3 -c 'import jsonschema' >/dev/null 2>&1; then
    python3 -m pip install --quiet jsonschema >&2 || echo "mmskit: jsonschema not installed; the SARIF schema check will be skipped" >&2
fi
