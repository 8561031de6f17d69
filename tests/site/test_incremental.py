"""Incremental builds produce exactly the site a clean build produces (the search bundle aside: an
incremental build adds an overlay index, tests/browser/test_search_overlay.py); the builds are the
session's history of one data copy (tests/site/history.py); and a build on one process is the
build on two."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.site.history import EMEI, YUXI, digest, history


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    return history(tmp_path_factory)


def _without_search(digests: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in digests.items() if "pagefind" not in k.split("/")}


def _assert_same(a: dict[str, str], b: dict[str, str]) -> None:
    assert [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)] == []


def _rendered(messages: list[str]) -> tuple[int, int]:
    """(pages mkdocs rendered, pages in the site) from the build's progress lines."""
    line = next(m for m in messages if "mkdocs:" in m)
    done, total = re.search(r"mkdocs: (\d+) of (\d+) pages", line).groups()
    return int(done), int(total)


def test_a_changed_package_rebuilds_its_pages_only_and_equals_a_clean_build(built):
    messages, folders = built["said"]["changed"], built["folders"]
    assert any("validating 1 of" in m for m in messages), messages
    done, total = _rendered(messages)
    assert 0 < done < total / 2, messages  # the disclosure and the pages listing it, not the whole site
    changed = Path(folders["changed"])
    _assert_same(_without_search(digest(changed)), _without_search(digest(Path(folders["clean-changed"]))))
    assert "金丝猴" in (changed / "departments" / EMEI / "index.html").read_text(encoding="utf-8")


def test_removed_and_added_packages_equal_a_clean_build(built):
    assert built["yuxi_gone"]
    site = digest(Path(built["folders"]["site"]))
    assert any(k.startswith(f"departments/{YUXI}/") for k in site)
    _assert_same(_without_search(site), _without_search(digest(Path(built["folders"]["clean-changed"]))))


def test_an_unchanged_rebuild_redoes_nothing_and_clean_redoes_all(built):
    again = built["said"]["unchanged"]
    assert _rendered(again)[0] == 0 and any("validating 0 of" in m for m in again), again
    done, total = _rendered(built["said"]["clean"])
    assert done == total


def test_a_change_to_code_or_templates_rebuilds_everything(built):
    messages = built["said"]["code"]
    done, total = _rendered(messages)
    assert done == total and not any("unchanged)" in m and "(0 unchanged)" not in m for m in messages), messages


def test_serial_and_parallel_builds_are_identical(built):
    """Two packages built clean on one process and on two: every file is the same, the search
    bundle too (the steps on the whole data, on two processes, equal its clean build on one)."""
    assert any("(1 job(s))" in m for m in built["said"]["serial"]), built["said"]["serial"]
    _assert_same(built["digests"]["serial"], built["digests"]["small"])


def test_a_copied_site_keeps_its_search_index(built):
    messages = built["said"]["moved"]
    assert any("search index (Pagefind): unchanged" in m for m in messages), messages
