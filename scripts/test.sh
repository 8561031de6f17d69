#!/usr/bin/env bash
# The one test command: install what the tests need, lint (ruff), then run the tests.
#   bash scripts/test.sh [pytest arguments...]     e.g. -m "not slow" (the fast loop), -n 0
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

# (Re)install the package with its test extras when pyproject.toml or the interpreter changed since
# the last install from this folder (or the installed package is another folder's): a fresh clone and
# CI install, the fast loop does not pay for it again.
stamp=budget_transparency.egg-info/test-install.stamp
want="$(sha256sum pyproject.toml | cut -d' ' -f1) $(command -v python) $PWD"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] \
   || [ "$(cd / && python -c 'import generator, xdist; print(generator.__file__)' 2>/dev/null)" != "$PWD/generator/__init__.py" ]; then
  python -m pip install -e '.[test]'
  mkdir -p "$(dirname "$stamp")" && echo "$want" > "$stamp"
fi

lint=0
python -m ruff check generator tests benchmarks scripts || lint=$?  # the tests run anyway; the exit says both

# The whole suite on every core (pytest-xdist; how files are shared out: pyproject.toml and
# tests/conftest.py). A selection by mark (-m "not slow") stays in this process: starting a worker
# (importing and collecting everything again) costs it more than it saves. The arguments can choose
# either way (-n 0, -n auto).
parallel=(-n auto)
for arg in "$@"; do
  case "$arg" in -m|-m*|-n|-n*|--numprocesses*|no:xdist) parallel=() ;; esac
done

status=0
python -m pytest -q -p no:cacheprovider "${parallel[@]}" "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "scripts/test.sh: no tests were collected" >&2
fi
if [ "$lint" -ne 0 ] && [ "$status" -eq 0 ]; then
  echo "scripts/test.sh: the tests pass, but ruff found the problems listed above" >&2
  status=$lint
fi
exit "$status"
