"""Incremental and parallel builds produce exactly the site a clean build produces (the search
bundle aside: an incremental build adds an overlay index, tests/browser/test_search_overlay.py)."""
from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from generator.site.build import run_build
from tests.site.sitedata import append_to_narrative, copy_data

EMEI = Path("511181-zuzhibu") / "2020-final"


def _digest(folder: Path, search: bool = True) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and (search or "pagefind" not in p.relative_to(folder).parts)}


def _assert_same(a: Path, b: Path, search: bool = True) -> None:
    da, db = _digest(a, search), _digest(b, search)
    assert [k for k in sorted(set(da) | set(db)) if da.get(k) != db.get(k)] == []


def _build(data: Path, out: Path, **options) -> list[str]:
    messages: list[str] = []
    assert run_build(data, out, echo=messages.append, **options) == 0, messages
    return messages


def _rendered(messages: list[str]) -> tuple[int, int]:
    """(pages mkdocs rendered, pages in the site) from the build's progress lines."""
    line = next(m for m in messages if "mkdocs:" in m)
    done, total = re.search(r"mkdocs: (\d+) of (\d+) pages", line).groups()
    return int(done), int(total)


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return copy_data(tmp_path_factory.mktemp("incremental") / "data")


def test_a_changed_package_rebuilds_its_pages_only_and_equals_a_clean_build(data, tmp_path):
    out = tmp_path / "site"
    _build(data, out, jobs=2)
    append_to_narrative(data / "packages" / EMEI, "（本句为增量构建测试所加）")
    messages = _build(data, out, jobs=2)
    assert any("validating 1 of" in m for m in messages), messages
    done, total = _rendered(messages)
    assert 0 < done < total / 2, messages  # the disclosure and the pages listing it, not the whole site
    _build(data, tmp_path / "clean", jobs=2)
    _assert_same(out, tmp_path / "clean", search=False)
    assert "本句为增量构建测试所加" in (out / "departments" / EMEI / "index.html").read_text(encoding="utf-8")


def test_removed_and_added_packages_equal_a_clean_build(data, tmp_path):
    out = tmp_path / "site"
    _build(data, out, jobs=2)
    moved = tmp_path / "aside"
    shutil.move(data / "packages" / "530400-zuzhibu", moved)
    _build(data, out, jobs=2)
    assert not (out / "departments" / "530400-zuzhibu").exists()
    shutil.move(moved, data / "packages" / "530400-zuzhibu")
    _build(data, out, jobs=2)
    _build(data, tmp_path / "clean", jobs=2)
    _assert_same(out, tmp_path / "clean", search=False)


def test_serial_and_parallel_builds_are_identical(data, tmp_path):
    _build(data, tmp_path / "serial", jobs=1)
    _build(data, tmp_path / "parallel", jobs=2)
    _assert_same(tmp_path / "serial", tmp_path / "parallel")


def test_an_unchanged_rebuild_redoes_nothing_and_clean_redoes_all(data, tmp_path):
    out = tmp_path / "site"
    _build(data, out, jobs=2)
    again = _build(data, out, jobs=2)
    assert _rendered(again)[0] == 0 and any("validating 0 of" in m for m in again), again
    done, total = _rendered(_build(data, out, jobs=2, clean=True))
    assert done == total


def test_a_change_to_code_or_templates_rebuilds_everything(data, tmp_path, monkeypatch):
    out = tmp_path / "site"
    _build(data, out, jobs=2)
    monkeypatch.setattr("generator.site.build.code_fingerprint", lambda: "another version of the code")
    messages = _build(data, out, jobs=2)
    done, total = _rendered(messages)
    assert done == total and not any("unchanged)" in m and "(0 unchanged)" not in m for m in messages), messages
