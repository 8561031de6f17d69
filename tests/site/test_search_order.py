"""The search bundle depends on the pages only, not on the order a file system lists them in:
the same data built on two file systems (here the test's disk and a RAM disk, which lists a
folder in another order) gives the same site, byte for byte."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from generator.site.build import run_build
from tests.conftest import PACKAGES, ROOT

RAM = Path("/dev/shm")
PICKED = ["530400-zuzhibu/2020-final", "511181-zuzhibu/2020-final", "310107-wanli/2025-budget",
          "320000-renda-bgt/2019-budget"]


def _build(base: Path) -> Path:
    for rel in PICKED:
        shutil.copytree(PACKAGES / rel, base / "data" / "packages" / rel)
    shutil.copy(ROOT / "data" / "departments.csv", base / "data" / "departments.csv")
    messages = []
    assert run_build(base / "data", base / "site", echo=messages.append, jobs=2) == 0, messages
    return base / "site"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.skipif(not RAM.is_dir() or not os.access(RAM, os.W_OK), reason="needs a RAM disk at /dev/shm")
def test_the_same_data_on_two_file_systems_builds_the_same_site(tmp_path):
    if os.stat(RAM).st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("/dev/shm is on the same file system as the test's folder")
    disk = _build(tmp_path)
    with tempfile.TemporaryDirectory(dir=RAM) as ram:
        other = _files(_build(Path(ram)))
    here = _files(disk)
    assert [p for p in sorted(set(here) | set(other)) if here.get(p) != other.get(p)] == []
    assert any(p.startswith("pagefind/base/site/index/") for p in here)
