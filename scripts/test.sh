#!/usr/bin/env bash
# Quick start, step 2 (and CI): install what is missing, then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh test
# The code stays formatted as .swift-format says (swift-format ships with the toolchain).
swift format lint --strict --recursive Sources Tests
swift test "$@"
