#!/usr/bin/env bash
# Build the site as GitHub Pages does: install, validate every package, build into site/.
#   bash scripts/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install -e .
transparency validate data/packages
transparency build
