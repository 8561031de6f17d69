#!/usr/bin/env bash
# Regenerate docs/screenshots/: build the site from data/ into a temporary folder, then capture
# the home page and two disclosure pages at 1280 px and 390 px with headless chromium
# (CHROMIUM_PATH, default /usr/bin/chromium).
#   bash scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python -m generator build --data data --out "$tmp/site"
python -m tests.browser.capture "$tmp/site" docs/screenshots
