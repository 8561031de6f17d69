"""Search that finds the figure: exact phrases rank first, codes and table rows are found and
linked to their row, filters by year, kind and region narrow the results, and each result says
which disclosure, table and row."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

YUXI = "/departments/530400-zuzhibu/2020-final/"


def _search(tab, site_url, query: str):
    tab.goto(site_url + "search/?" + query, wait_until="networkidle")
    tab.wait_for_function("document.querySelector('.tp-search__status').textContent.includes('：')", timeout=15000)
    tab.wait_for_function("document.querySelector('.tp-search__results').getAttribute('aria-busy') === 'false'")


def _results(tab) -> list[dict]:
    return tab.eval_on_selector_all(".tp-result", """els => els.map(e => ({
        href: e.querySelector('.tp-result__title').getAttribute('href'),
        exact: e.classList.contains('tp-result--exact'),
        rows: [...e.querySelectorAll('.tp-result__row a')].map(a => a.getAttribute('href')),
        text: e.innerText}))""")


def _all_results(tab) -> list[dict]:
    while tab.locator(".tp-search__more:visible").count():
        shown = tab.locator(".tp-result").count()
        tab.click(".tp-search__more")
        tab.wait_for_function("n => document.querySelectorAll('.tp-result').length > n", arg=shown)
    return _results(tab)


def _page_text(tab, site_url, href: str) -> str:
    html = tab.request.get(site_url.rstrip("/") + href.split("#")[0]).text()
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize("phrase", ["人才工作经费", "一般公共服务支出"])
def test_pages_holding_the_exact_phrase_rank_first(tab, site_url, phrase):
    _search(tab, site_url, "q=" + phrase)
    results = _results(tab)
    assert results and results[0]["exact"], results[:2]
    flags = [r["exact"] for r in results]
    assert flags == sorted(flags, reverse=True)  # every exact result before every other
    for r in results[:3]:  # the first results print the phrase itself, not its words apart
        assert phrase in _page_text(tab, site_url, r["href"]), r
    assert tab.errors == []


def test_the_first_result_for_a_phrase_printed_once_is_the_page_printing_it(tab, site_url):
    _search(tab, site_url, "q=人才工作经费")
    first = _results(tab)[0]
    assert "人才工作经费" in _page_text(tab, site_url, first["href"])
    assert "完整包含" in first["text"]


def test_a_code_finds_its_row_and_the_link_opens_that_row(tab, site_url):
    _search(tab, site_url, "q=2013201")
    results = [r for r in _results(tab) if r["rows"]]
    yuxi = next(r for r in results if r["href"].startswith(YUXI))
    assert "收入决算表" in yuxi["text"] and "2013201 行政运行" in yuxi["text"]  # disclosure, table, row
    assert "中国共产党玉溪市委员会组织部 2020年度部门决算" in yuxi["text"]
    link = next(h for h in yuxi["rows"] if "#final_income-r" in h)
    tab.click(f".tp-result__row a[href='{link}']")
    tab.wait_for_load_state("networkidle")
    anchor = link.split("#", 1)[1]
    assert tab.evaluate("id => !!document.getElementById(id)", anchor)
    assert "2013201" in tab.evaluate("id => document.getElementById(id).innerText", anchor)


def test_a_row_name_is_found_in_the_tables_of_each_disclosure(tab, site_url):
    _search(tab, site_url, "q=公务接待费&region=江苏省")
    rows = [r for r in _all_results(tab) if r["rows"]]
    assert rows and all(r["href"].startswith("/departments/32") for r in rows)  # 江苏: division codes 32…
    assert all("公务接待费" in r["text"] for r in rows)


def test_filters_narrow_by_kind_region_and_year_and_the_address_keeps_them(tab, site_url):
    _search(tab, site_url, "q=公务接待")
    every = _results(tab)
    tab.select_option("#tp-search-kind", "部门预算")
    tab.wait_for_function("new URL(location.href).searchParams.get('kind') === '部门预算'")
    tab.wait_for_function("document.querySelector('.tp-search__status').textContent.includes('部门预算')")
    tab.wait_for_function("document.querySelector('.tp-search__results').getAttribute('aria-busy') === 'false'")
    budgets = _results(tab)
    assert budgets and len(budgets) < len(every) + 1
    assert all(re.search(r"/\d{4}-budget/", r["href"]) for r in budgets), [r["href"] for r in budgets]
    _search(tab, site_url, "q=公务接待&region=江苏省&year=2018")
    assert tab.input_value("#tp-search-region") == "江苏省" and tab.input_value("#tp-search-year") == "2018"
    found = _results(tab)
    assert found and all(re.search(r"/320000-[a-z-]+/2018-", r["href"]) for r in found), [r["href"] for r in found]
    assert tab.errors == []


def test_the_filters_offer_the_sites_values(tab, site_url):
    tab.goto(site_url + "search/", wait_until="networkidle")
    kinds = tab.eval_on_selector_all("#tp-search-kind option", "os => os.map(o => o.value)")
    assert {"", "部门决算", "部门预算", "绩效自评"} <= set(kinds)
    regions = tab.eval_on_selector_all("#tp-search-region option", "os => os.map(o => o.value)")
    assert {"云南省", "江苏省", "上海市"} <= set(regions)


def test_results_rows_and_filters_have_no_serious_accessibility_violations(tab, site_url):
    _search(tab, site_url, "q=公务接待费&kind=部门预算")
    _all_results(tab)
    tab.add_script_tag(content=(Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8"))
    result = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3])
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
