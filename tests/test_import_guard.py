"""An import never makes a package poorer unless asked, takes each file once, and says what is
wrong with a source, the registry, --out or --year in words, never with a traceback."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PACKAGES, ROOT, corpus_path

YUXI = PACKAGES / "530400-zuzhibu" / "2020-final"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert "Traceback" not in result.stdout + result.stderr
    return result


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def imported(tmp_path) -> Path:
    out = tmp_path / "packages"
    result = run("import", str(corpus_path("003")), "--out", str(out))
    assert result.returncode == 0, result.stdout
    return out / "530400-zuzhibu" / "2020-final"


def test_a_poorer_import_is_refused_and_says_what_would_be_lost(imported, tmp_path):
    before = _files(imported)
    poor = tmp_path / corpus_path("003").name  # a one-line file named like the disclosure
    poor.write_text("中国共产党玉溪市委员会组织部2020年度部门决算\n", encoding="utf-8")
    args = ["import", str(poor), "--out", str(imported.parents[1]), "--department", "530400-zuzhibu",
            "--year", "2020", "--kind", "final"]
    result = run(*args)
    assert result.returncode == 1
    assert "richer than this import would make it" in result.stdout and "tables →" in result.stdout
    assert "facts →" in result.stdout and "--replace" in result.stdout
    assert _files(imported) == before and [p.name for p in imported.parent.iterdir()] == ["2020-final"]
    result = run(*args, "--replace")
    assert result.returncode == 0, result.stdout
    assert _files(imported) != before


def test_reimporting_the_same_document_is_not_poorer(imported):
    before = _files(imported)
    assert run("import", str(corpus_path("003")), "--out", str(imported.parents[1])).returncode == 0
    assert _files(imported) == before


def test_the_same_file_given_twice_is_an_error(tmp_path):
    source = corpus_path("003")
    result = run("import", str(source), str(source), "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and "given twice (the same file" in result.stdout
    copy = tmp_path / "copy.txt"
    shutil.copy(source, copy)
    result = run("import", str(source), str(copy), "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and "given twice (the same content" in result.stdout
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("what, expected", [("folder", "is a folder, not a document"),
                                            ("/dev/null", "is a device, pipe or socket"),
                                            ("missing.pdf", "no such file")])
def test_a_source_that_is_not_a_file_says_what_it_is(tmp_path, what, expected):
    (tmp_path / "folder").mkdir()
    source = what if what.startswith("/") else str(tmp_path / what)
    result = run("import", source, "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and expected in result.stdout and source in result.stdout


def test_import_outside_the_project_folder_says_where_the_registry_is(tmp_path):
    result = run("import", str(corpus_path("003")), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 1
    assert "--registry data/departments.csv: no such file" in result.stdout
    assert "run the command from the project folder" in result.stdout
    result = run("import", str(corpus_path("003")), "--out", str(tmp_path / "out"), "--registry", str(tmp_path))
    assert result.returncode == 1 and "is not a file" in result.stdout


def test_out_that_is_a_file_is_named(tmp_path):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    result = run("import", str(corpus_path("003")), "--out", str(tmp_path / "afile" / "packages"))
    assert result.returncode == 1 and "afile is a file, not a folder" in result.stdout
    assert "Errno" not in result.stdout


@pytest.mark.parametrize("year", ["-1", "99999", "1989", "20x0"])
def test_a_year_out_of_range_is_refused(tmp_path, year):
    result = run("import", str(corpus_path("003")), "--out", str(tmp_path / "out"), "--year", year)
    assert result.returncode == 2 and "--year" in result.stderr
    assert ("not a fiscal year between 1990" in result.stderr) or ("not a year such as" in result.stderr)
