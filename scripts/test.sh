#!/usr/bin/env bash
# The one test command: install what the tests need, then run them.
#   bash scripts/test.sh [pytest arguments...]
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

status=0
python -m pytest -q -p no:cacheprovider "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "scripts/test.sh: no tests were collected" >&2
fi
exit "$status"
