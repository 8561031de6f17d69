"""Launch Debian's chromium (or the browser named by CHROMIUM_PATH) through Playwright; never a downloaded build."""
from __future__ import annotations

import http.server
import os
from pathlib import Path

import benchmarks.serve

ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]


def executable() -> str:
    return os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def launch(playwright):
    return playwright.chromium.launch(executable_path=executable(), args=ARGS)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    """Serve a folder, uncompressed, on 127.0.0.1 for the duration of the block; yields the base URL."""
    return benchmarks.serve.serve(directory, _Quiet)
