#!/usr/bin/env bash
# Builds the guides (the DocC catalogs Sources/*/*.docc with the symbol documentation of their targets) into
# .build/docs/<target>, with swift-docc-plugin; any DocC warning fails the build.
# Usage: bash scripts/docs.sh [TARGET...]   (default: MMSKit MMSKitProviders MMSKitServer MMSKitSandbox MMSKitFit MMSKitReports)
# To read one live: swift package --disable-sandbox preview-documentation --target MMSKit
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(MMSKit MMSKitProviders MMSKitServer MMSKitSandbox MMSKitFit MMSKitReports)
[ $# -gt 0 ] && targets=("$@")
mkdir -p .build/docs # the plugin moves each archive into it, and does not create it
for target in "${targets[@]}"; do
    echo "== $target"
    swift package --allow-writing-to-directory .build/docs generate-documentation --target "$target" \
        --output-path ".build/docs/$target" --warnings-as-errors
done
echo "docs: .build/docs/{$(IFS=,; echo "${targets[*]}")}"
