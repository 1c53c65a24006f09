#!/usr/bin/env bash
# The pre-commit hook `mmskit-lint` (.pre-commit-hooks.yaml): lints the MMS templates and media directories that a
# commit touches. pre-commit passes the changed files; a JSON file is linted as it is, any other file as the media
# directory it belongs to (its folder). The first run builds the `mmskit` product alone (release) in the hook's own
# checkout, which pre-commit keeps; later runs reuse it. Exit status: mmskit lint's (0 clean, 1 errors, 2 tool
# failure).
set -euo pipefail
hook_root=$(cd "$(dirname "$0")/.." && pwd)
bin=$hook_root/.build/release/mmskit

if [ ! -x "$bin" ]; then
    echo "mmskit-lint: building mmskit (first run only)…" >&2
    bash "$hook_root/scripts/ensure-deps.sh" content >&2
    swift build -c release --package-path "$hook_root" --product mmskit >&2
fi

targets=()
declare -A seen=()
for file in "$@"; do
    [ -e "$file" ] || continue # deleted by the commit
    case "$file" in
    *.json) target=$file ;;
    *) target=$(dirname "$file") ;;
    esac
    [ -n "${seen[$target]:-}" ] && continue
    seen[$target]=1
    targets+=("$target")
done
[ ${#targets[@]} -eq 0 ] && exit 0
exec "$bin" lint "${targets[@]}"
