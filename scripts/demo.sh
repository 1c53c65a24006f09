#!/usr/bin/env bash
# Quick start, step 1: install what the content commands need (libmagic, pkg-config) when it is missing, build the
# `mmskit` executable alone (it links no networking, so none of the server stack is built), and run the content
# demo on the shipped samples: build, inspect, lint, and a bad sample for comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh content
swift build -c release --product mmskit
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
echo
# Fitting needs FFmpeg and libvips (bash scripts/ensure-deps.sh fit); shown when they are installed.
if command -v ffmpeg >/dev/null && command -v vips >/dev/null; then
    echo "fit samples/raw (HEIC, a WebP named .jpg, WAV, MOV) to the conservative profile's 300 KB:"
    rm -rf .build/demo/raw-fitted
    "$bin" fit samples/raw -o .build/demo/raw-fitted --profile conservative
else
    echo "mmskit fit (convert and compress media to the budget) needs FFmpeg and libvips: bash scripts/ensure-deps.sh fit"
fi
echo
echo "next: bash scripts/try-offline.sh (the whole journey offline: sandbox, receiver, review, send, receipts)"
