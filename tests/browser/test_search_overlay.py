"""Search after incremental builds: the overlay index holds the changed pages, the base's stale
copies of them are never shown, and a query sees what a clean build's index sees."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.chromium import serve
from tests.site.history import EMEI, history

PAGE = "/departments/" + EMEI.as_posix() + "/"


def _result_pages(chromium, url: str, query: str) -> list[str]:
    """The pages of every result of `query`, best first, from the module the search page uses."""
    context = chromium.new_context()
    tab = context.new_page()
    tab.goto(url + "search/", wait_until="networkidle")
    pages = tab.evaluate("""async (q) => {
      const pagefind = await import("/pagefind/pagefind.js");
      const r = await (await pagefind.scope(pagefind.years)).search(q);
      return Promise.all(r.results.map(async (x) => (await x.data()).url));
    }""", query)
    context.close()
    return pages


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """(incremental, clean): the base indexed with 雪莲 in 峨眉山's narrative, then 雪莲 replaced by
    金丝猴 in an incremental build; and a clean build of the same data (tests/site/history.py)."""
    built = history(tmp_path_factory)
    messages = built["said"]["changed"]
    assert any("search index (Pagefind): 1 changed of" in m for m in messages), messages
    return Path(built["folders"]["changed"]), Path(built["folders"]["clean-changed"])


def test_the_overlay_holds_the_changed_page_and_the_clean_build_has_none(sites):
    incremental, clean = sites
    assert (incremental / "pagefind" / "overlay" / "pagefind-entry.json").exists()
    assert not (clean / "pagefind" / "overlay").exists()


@pytest.mark.parametrize("query", ["雪莲", "公务接待", "人才工作经费"])
def test_queries_see_each_page_once_and_as_it_is_now(chromium, sites, query):
    incremental, clean = sites
    with serve(incremental) as url:
        found = _result_pages(chromium, url, query)
    with serve(clean) as url:
        expected = _result_pages(chromium, url, query)
    assert len(found) == len(set(found)), found  # no page twice (base and overlay)
    assert sorted(found) == sorted(expected)
    assert (PAGE in found) == (query != "雪莲"), found  # the text the page no longer has finds nothing
    if PAGE in found:
        assert found.index(PAGE) == expected.index(PAGE)  # ranked as the base ranked its old text


def test_a_word_only_the_changed_page_has_finds_only_it(chromium, sites):
    """The base lacks 金丝猴 and on its own would answer with pages holding a shorter word (金);
    the module asks only the indexes holding the words, as a clean build's one index answers."""
    incremental, clean = sites
    with serve(incremental) as url:
        found = _result_pages(chromium, url, "金丝猴")
    with serve(clean) as url:
        assert _result_pages(chromium, url, "金丝猴") == [PAGE]
    assert found == [PAGE]
