"""Launch Debian's chromium (or the browser named by CHROMIUM_PATH) through Playwright; never a downloaded build."""
from __future__ import annotations

import http.server
from pathlib import Path

import benchmarks.serve
from benchmarks.browser import CHROMIUM_ARGS, chromium


def launch(playwright):
    """The browser with the arguments the benchmarks use (benchmarks/browser.py says why each)."""
    return playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    """Serve a folder, uncompressed, on 127.0.0.1 for the duration of the block; yields the base URL."""
    return benchmarks.serve.serve(directory, _Quiet)
