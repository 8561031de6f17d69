"""What the benchmark ran on: cores, memory, CPU, load, and the versions of every tool involved."""
from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path

PACKAGES = ("mkdocs", "mkdocs-material", "pagefind", "pagefind_bin_extended", "jinja2", "markdown", "frictionless",
            "playwright")


def _first(path: str, key: str) -> str:
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith(key):
            return line.split(":", 1)[1].strip()
    return ""


def _command(*cmd: str) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=60).stdout.strip()
    except OSError:
        return ""


def describe(chromium: str, lighthouse_dir: Path) -> dict:
    lighthouse = lighthouse_dir / "node_modules" / "lighthouse" / "package.json"
    return {
        "nproc": os.cpu_count(),
        "memory_gib": round(int(_first("/proc/meminfo", "MemTotal").split()[0]) / 1024 / 1024, 1),
        "cpu": _first("/proc/cpuinfo", "model name"),
        "system": f"{_os_name()}, {platform.system()} {platform.release()}",
        "python": sys.version.split()[0],
        "packages": {name: _version(name) for name in PACKAGES},
        "chromium": _command(chromium, "--version"),
        "node": _command("node", "--version"),
        "lighthouse": json.loads(lighthouse.read_text(encoding="utf-8"))["version"] if lighthouse.exists() else "",
        "load_average": os.getloadavg(),
    }


def _os_name() -> str:
    try:
        lines = Path("/etc/os-release").read_text(encoding="utf-8").splitlines()
    except OSError:
        return platform.platform()
    return next((ln.split("=", 1)[1].strip('"') for ln in lines if ln.startswith("PRETTY_NAME=")), platform.platform())


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""
