#!/usr/bin/env bash
# Tests the pre-commit hook for real: installs pre-commit from PyPI when missing, makes a scratch repository of MMS
# templates that uses this checkout's `mmskit-lint` hook (at its HEAD commit, as pre-commit fetches a hook), and
# checks that committing a good media directory passes and a bad one (a WebP named .jpg) is stopped with the
# linter's finding. CI runs it after the tests; it builds the `mmskit` product once, in pre-commit's own clone.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
if ! command -v pre-commit >/dev/null 2>&1; then
    python3 -m pip install --quiet pre-commit >&2
fi
rev=$(git rev-parse HEAD)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/mmskit-pre-commit-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export PRE_COMMIT_HOME=$scratch/cache
cd "$scratch"
git init -q templates
cd templates
git config user.email ci@example.invalid
git config user.name ci
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: mmskit-lint
EOF
git add .pre-commit-config.yaml
git commit -qm "pre-commit configuration" --no-verify
pre-commit install >/dev/null

mkdir -p promo
cp -R "$root/samples/promo/." promo/
git add promo
if ! git commit -qm "a good campaign" >good.log 2>&1; then
    cat good.log >&2
    echo "test-pre-commit: FAILED: the hook stopped a good campaign" >&2
    exit 1
fi

mkdir -p spring
cp -R "$root/samples/bad/webp/." spring/
git add spring
if git commit -qm "a bad campaign" >bad.log 2>&1; then
    cat bad.log >&2
    echo "test-pre-commit: FAILED: the hook let a WebP named .jpg through" >&2
    exit 1
fi
if ! grep -q "spring/01-photo.jpg" bad.log; then
    cat bad.log >&2
    echo "test-pre-commit: FAILED: the hook's output does not name the bad file" >&2
    exit 1
fi
echo "test-pre-commit: the mmskit-lint hook passed a good campaign and stopped a bad one:"
grep "spring/01-photo.jpg" bad.log | head -n 3
