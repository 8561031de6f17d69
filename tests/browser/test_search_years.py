"""Search on a site with one index per fiscal year: the shipped data built with search.SPLIT_ABOVE
lowered to 0, so its disclosures split as a site of more than 5,000 would. The search page
searches the latest year unless asked; a year's query sees that year's pages; every year together
answers as the one index of the same site (`site`, built unsplit) does."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from generator.site import search
from generator.site.build import cache_dir, run_build
from tests.browser.chromium import serve
from tests.conftest import PACKAGES
from tests.site.sitedata import built_data

# the fiscal years of the shipped disclosures, latest first
YEARS = sorted({str(json.loads(p.read_text(encoding="utf-8"))["fiscal_year"])
                for p in PACKAGES.glob("*/*/datapackage.json")}, reverse=True)
DISCLOSURE = re.compile(r"/departments/[^/]+/(\d{4})-[a-z-]+/")


@pytest.fixture(scope="module")
def split_site(site, tmp_path_factory):
    """`site` and its build cache copied, then built again split: the pages are the same, so only
    the search index is made again, one per year."""
    out = tmp_path_factory.mktemp("years") / "site"
    shutil.copytree(site, out)
    shutil.copytree(cache_dir(site), cache_dir(out))
    messages = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "SPLIT_ABOVE", 0)
        assert run_build(built_data(), out, echo=messages.append, jobs=2) == 0, messages
    assert any("validating 0 of" in m for m in messages), messages
    assert any(f"in {len(YEARS)} index(es)" in m for m in messages), messages
    return out


@pytest.fixture(scope="module")
def split_url(split_site):
    with serve(split_site) as url:
        yield url


@pytest.fixture
def page(chromium, split_url):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    assert tab.errors == []
    context.close()


QUERIES = ["公务接待", "人才工作经费", "人才", "组织部", "上海", "三公经费", "金丝猴", "雪莲"]
# A known limit, not a pass: Pagefind splits 组织部 into 组织 + 部 itself (Intl.Segmenter, which
# pagefind-scope.js asks, keeps it one word), and an index without the word 部 — the 2026 one, since
# 6caed5c changed the methodology page it holds — matches 部门/部分 for it, so the years answer with one
# record more (重庆规划和自然资源局 2026's rows record) than the one index does. strict: it fails
# when fixed, so this mark goes then.
_SPLIT_BY_PAGEFIND = pytest.mark.xfail(strict=True, reason="Pagefind segments 组织部 as 组织 + 部; see the note above")


def _results(chromium, site, scopes: list[list[str] | None]) -> dict:
    """{(query, scope): the pages of every result}, from the search module of `site`; a scope is
    a list of years, None for every year."""
    context = chromium.new_context()
    tab = context.new_page()
    with serve(site) as url:
        tab.goto(url + "search/", wait_until="networkidle")
        found = tab.evaluate("""async ([queries, scopes]) => {
          const pagefind = await import("/pagefind/pagefind.js");
          const out = [];
          for (const years of scopes) {
            const pf = await pagefind.scope(years || pagefind.years);
            for (const q of queries) {
              const r = await pf.search(q);
              out.push(await Promise.all(r.results.map(async (x) => (await x.data()).url)));
            }
          }
          return out;
        }""", [QUERIES, scopes])
    context.close()
    keys = [(q, tuple(s) if s else None) for s in scopes for q in QUERIES]
    return dict(zip(keys, found))


@pytest.fixture(scope="module")
def answers(chromium, site, split_site):
    """(one index of every page, split by year): each query's pages, every year and each year."""
    return _results(chromium, site, [None]), _results(chromium, split_site, [None] + [[y] for y in YEARS])


def _shown(tab) -> list[str]:
    return tab.eval_on_selector_all(".tp-result__title", "els => els.map(e => new URL(e.href).pathname)")


def test_one_index_per_year_the_pages_of_no_year_in_the_latest(split_site):
    assert sorted(p.name for p in (split_site / "pagefind" / "base").iterdir()) == sorted(YEARS)
    module = (split_site / "pagefind" / "pagefind.js").read_text(encoding="utf-8")
    assert f"export const years = {YEARS!r};".replace("'", '"') in module


def test_the_search_page_searches_the_latest_year_unless_asked(page, split_url):
    page.goto(split_url + "search/?q=公务接待", wait_until="networkidle")
    page.wait_for_selector(".tp-result")
    assert page.input_value(".tp-search__year") == YEARS[0]
    assert page.inner_text(".tp-search__status").startswith(f"“公务接待”（{YEARS[0]} 年度）：")
    assert {DISCLOSURE.match(p).group(1) for p in _shown(page) if DISCLOSURE.match(p)} == {YEARS[0]}
    assert "year" not in page.url

    page.select_option(".tp-search__year", "2020")
    page.wait_for_function("document.querySelector('.tp-search__status').textContent.includes('2020 年度')")
    page.wait_for_selector(".tp-result")
    shown = set(_shown(page))  # pages and the rows records of their tables (#tables: the same path)
    assert {"/departments/430611-zuzhibu/2020-evaluation/", "/departments/511181-zuzhibu/2020-final/"} <= shown
    assert {DISCLOSURE.match(p).group(1) for p in shown} == {"2020"}
    assert page.url.endswith("year=2020")

    page.click(".tp-search__widen")  # 在全部年度中检索
    page.wait_for_function("document.querySelector('.tp-search__status').textContent.startsWith('“公务接待”：')")
    assert page.input_value(".tp-search__year") == ""
    assert page.url.endswith("year=all")
    assert page.locator(".tp-search__widen").is_hidden()


def test_a_linked_year_opens_in_that_year(page, split_url):
    page.goto(split_url + "search/?q=人才工作经费&year=2021", wait_until="networkidle")
    page.wait_for_selector(".tp-result")
    assert page.input_value(".tp-search__year") == "2021"
    shown = _shown(page)  # the page printing the phrase first; others of 2021 holding its words may follow
    assert shown[0] == "/departments/510403-zuzhibu/2021-final/"
    assert {DISCLOSURE.match(p).group(1) for p in shown if DISCLOSURE.match(p)} == {"2021"}


@pytest.mark.parametrize("query", [pytest.param(q, marks=_SPLIT_BY_PAGEFIND) if q == "组织部" else q for q in QUERIES])
def test_every_year_answers_as_one_index_of_every_page(answers, query):
    """Pagefind matches a word an index lacks by a shorter one (人 for 人才): the years lacking a
    word of the query must not answer it with such pages."""
    one, split = answers
    assert sorted(split[query, None]) == sorted(one[query, None])
    for year in YEARS:  # a year: its own disclosures, and the latest the pages of no year
        pages = split[query, (year,)]
        assert all(DISCLOSURE.match(p).group(1) == year if DISCLOSURE.match(p) else year == YEARS[0] for p in pages)
