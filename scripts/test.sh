#!/usr/bin/env bash
# The one test command: install what the tests need, lint (ruff), then run the tests.
#   bash scripts/test.sh [pytest arguments...]     e.g. -m "not slow" -n auto
# Browser tests use CHROMIUM_PATH (default /usr/bin/chromium); when neither exists,
# chromium and CJK fonts are installed with apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM_PATH" ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update
  $sudo apt-get install -y chromium fonts-noto-cjk
  export CHROMIUM_PATH=/usr/bin/chromium
fi

python -m pip install -e '.[test]'

python -m ruff check generator tests benchmarks scripts

status=0
python -m pytest -q -p no:cacheprovider "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "scripts/test.sh: no tests were collected" >&2
fi
exit "$status"
