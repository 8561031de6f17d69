"""`transparency build --out site` with a relative path, as the README runs it (on one package:
the path is what is tested, not the data)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import PACKAGES, ROOT


def _data(folder: Path) -> Path:
    shutil.copytree(PACKAGES / "511181-zuzhibu/2020-final", folder / "data" / "packages" / "511181-zuzhibu/2020-final")
    shutil.copy(ROOT / "data" / "departments.csv", folder / "data" / "departments.csv")
    return folder / "data"


def test_build_into_a_relative_folder(tmp_path):
    r = subprocess.run([sys.executable, "-m", "generator", "build", "--data", str(_data(tmp_path)), "--out", "site"],
                       cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert not list(tmp_path.glob(".site-tmp*")) and not list(tmp_path.glob(".*-shards"))


def test_an_output_folder_that_cannot_be_made_is_a_message_not_a_traceback(tmp_path):
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "generator", "build", "--data", str(_data(tmp_path)), "--out", "a-file/site"],
                       cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 1
    assert "build failed:" in r.stdout and "a-file" in r.stdout and "Traceback" not in r.stdout + r.stderr
