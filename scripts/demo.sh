#!/usr/bin/env bash
# Quick start, step 1: install what is missing, build mmskit, and build the shipped promo campaign.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
swift build -c release   # mmskit and mmskit-server (the receiver and the store, started by `mmskit receipts`)
bin=.build/release/mmskit
mkdir -p .build/demo
"$bin" build samples/promo --as template -o .build/demo/promo-template.json
"$bin" inspect samples/promo
echo
echo "templateCreate body written to .build/demo/promo-template.json ($(wc -c < .build/demo/promo-template.json) bytes)"
echo "lint (what CI runs on templates):"
"$bin" lint samples/promo samples/tricky || echo "(exit status $?)"
echo "a bad sample, for comparison:"
"$bin" build samples/bad/webp >/dev/null || echo "(exit status $?)"
