"""The built site in Debian's chromium: pages, charts, search, downloads, no external requests, a11y, escaping."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.model.packages import read_package
from generator.site.downloads import csv_for_people
from tests.browser.capture import draw_charts, scroll_through
from tests.site.sitedata import HOSTILE_SLUG, built_data

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
YUXI = "departments/530400-zuzhibu/2020-final/"
EMEI = "departments/511181-zuzhibu/2020-final/"


def only_local(tab, site_url):
    return [u for u in tab.requests if not u.startswith(site_url) and not u.startswith(("data:", "blob:"))]


def test_home_loads(tab, site_url):
    tab.goto(site_url, wait_until="networkidle")
    assert "预算公开数据" in tab.title()
    assert tab.locator(".tp-disclosures li").count() >= 4
    assert tab.errors == []
    assert only_local(tab, site_url) == []


def test_disclosure_page_draws_its_charts_without_leaving_localhost(tab, site_url):
    tab.goto(site_url + YUXI, wait_until="networkidle")
    assert "6,441.93" in tab.locator(".tp-cards").inner_text()
    draw_charts(tab)
    assert tab.locator("#chart-function .main-svg").count() >= 1
    assert tab.locator("[data-chart]").count() >= 4
    assert tab.errors == []
    assert only_local(tab, site_url) == []


def test_chart_script_is_loaded_only_when_a_chart_is_near(tab, site_url):
    tab.goto(site_url + "about/", wait_until="networkidle")
    assert not [u for u in tab.requests if "plotly" in u]


@pytest.mark.parametrize("query, disclosure, section_hint", [
    ("公务接待", "511181-zuzhibu/2020-final", "#"),
    ("人才工作经费", "511181-zuzhibu/2020-final", "#"),
])
def test_chinese_search_finds_disclosure_and_section(tab, site_url, query, disclosure, section_hint):
    tab.goto(site_url + "search/?q=" + query, wait_until="networkidle")
    tab.wait_for_selector(".tp-result", timeout=15000)
    links = tab.eval_on_selector_all(".tp-result a", "els => els.map(e => e.getAttribute('href'))")
    while not any(disclosure in href for href in links) and tab.locator(".tp-search__more:visible").count():
        shown = tab.locator(".tp-result").count()
        tab.click(".tp-search__more")  # more results: every disclosure of the corpus mentions 公务接待
        tab.wait_for_function("n => document.querySelectorAll('.tp-result').length > n", arg=shown)
        links = tab.eval_on_selector_all(".tp-result a", "els => els.map(e => e.getAttribute('href'))")
    assert any(disclosure in href for href in links), links
    assert any(disclosure in href and section_hint in href for href in links), links
    assert only_local(tab, site_url) == []


def test_search_result_opens_at_its_section(tab, site_url):
    tab.goto(site_url + "search/?q=人才工作经费", wait_until="networkidle")
    tab.wait_for_selector(".tp-result__sections a", timeout=15000)
    href = tab.get_attribute(".tp-result__sections a", "href")
    tab.click(".tp-result__sections a")
    tab.wait_for_load_state("networkidle")
    anchor = href.split("#", 1)[1]
    assert tab.evaluate("id => { const r = document.getElementById(id).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }", anchor)


@pytest.mark.parametrize("query", ["zzqxjv", "金丝猴"])  # 金丝猴: in no page, though 金 is (Pagefind alone answers 金)
def test_search_says_when_nothing_is_found_and_the_address_keeps_the_query(tab, site_url, query):
    tab.goto(site_url + "search/", wait_until="networkidle")
    tab.fill(".tp-search__input", query)
    tab.wait_for_function("document.querySelector('.tp-search__status').textContent.startsWith('没有找到')")
    assert tab.locator(".tp-result").count() == 0
    assert tab.evaluate("new URL(location.href).searchParams.get('q')") == query
    tab.fill(".tp-search__input", "")
    tab.wait_for_function("!new URL(location.href).searchParams.has('q')")
    assert tab.locator(".tp-search__status").inner_text() == ""


def test_search_results_show_document_markup_as_text(tab, site_url):
    dialogs = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.goto(site_url + "search/?q=onerror", wait_until="networkidle")
    tab.wait_for_selector(".tp-result")
    hostile = tab.locator(".tp-result", has=tab.locator(f"a[href*='511181-zuzhibu/{HOSTILE_SLUG}/']")).first
    assert "onerror" in hostile.inner_text()  # the heading 标题 <img … onerror=…>, as text
    assert tab.locator(".tp-search__results img, .tp-search__results script").count() == 0
    assert tab.evaluate("window.__pwned") is None
    assert dialogs == []


def test_csv_link_downloads_the_table_for_people(tab, site_url):
    tab.goto(site_url + YUXI + "#final_income", wait_until="networkidle")  # the anchor opens the table
    link = tab.locator("a.tp-dl[href$='final_income.csv']").first
    with tab.expect_download() as info:
        link.click()
    got = Path(info.value.path()).read_bytes()
    package = read_package(built_data() / "packages" / "530400-zuzhibu" / "2020-final")
    assert got == csv_for_people(package, package.resource("final_income"))  # Chinese titles with units, the package's rows


@pytest.mark.parametrize("path", ["", YUXI, EMEI, "search/", "compare/", "data/", "findings/"])
def test_no_serious_accessibility_violations(tab, site_url, path):
    tab.goto(site_url + path, wait_until="networkidle")
    scroll_through(tab)  # charts drawn, as a reader sees them
    tab.wait_for_load_state("networkidle")
    tab.add_script_tag(content=AXE)
    result = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], serious


def test_markup_in_documents_stays_inert(tab, site_url):
    dialogs = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.goto(site_url + f"departments/511181-zuzhibu/{HOSTILE_SLUG}/", wait_until="networkidle")
    assert tab.evaluate("window.__pwned") is None
    assert dialogs == []
    assert "<script>window.__pwned = 1</script>" in tab.locator("h1").inner_text()
    assert tab.locator("img[onerror]").count() == 0
    assert "onerror" in tab.locator(".tp-narrative").inner_text()
