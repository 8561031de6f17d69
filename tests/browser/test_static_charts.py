"""A disclosure page in Chromium: its charts drawn without JavaScript and without plotly, plotly
fetched only when a reader asks for an interactive chart, a chart's finding marked and linked, a
phone's tables showing their amounts without a sideways swipe, long tables behind 展开全部."""
from __future__ import annotations

import pytest

from tests.browser.capture import scroll_through

YUXI = "departments/530400-zuzhibu/2020-final/"  # the heaviest real page; its 三公 budget column is in 万元
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def no_js(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(chromium):
    context = chromium.new_context(viewport=PHONE, device_scale_factor=1)
    yield context.new_page()
    context.close()


def test_every_chart_is_visible_with_javascript_off(no_js, site_url):
    no_js.goto(site_url + YUXI, wait_until="load")
    charts = no_js.locator("figure.tp-chart")
    assert charts.count() >= 5
    for chart in charts.all():
        svg = chart.locator("svg.tp-svg")
        chart.scroll_into_view_if_needed()
        box = svg.bounding_box()
        assert box and box["height"] > 60 and box["width"] > 300, chart.get_attribute("id")
        assert svg.locator("rect, path").count() >= 2  # bars or ring sectors
    assert "加载中" not in no_js.locator(".tp-charts").inner_text()
    # a figure's words and value as drawn: the function chart's first bar
    assert "一般公共服务支出" in charts.first.inner_text() and "6,157.83" in charts.first.inner_text()
    # the collapsed rest of a long table opens without JavaScript (a <details>)
    rest = no_js.locator("details.tp-more__all").first
    rest.locator("summary").click()
    assert rest.locator("tbody tr").count() > 10 and rest.locator("tbody tr").first.is_visible()


def test_plotly_is_not_fetched_on_first_view_and_loads_when_asked_for(tab, site_url):
    tab.goto(site_url + YUXI, wait_until="networkidle")
    scroll_through(tab)
    tab.wait_for_load_state("networkidle")
    assert not [u for u in tab.requests if "plotly" in u]
    assert tab.locator("svg.tp-svg").count() == tab.locator("[data-chart]").count() >= 5
    button = tab.locator('.tp-chart__live[data-chart-for="chart-three-public"]')
    button.scroll_into_view_if_needed()
    button.click()
    plot = tab.locator('[data-chart-id="chart-three-public"]')
    tab.wait_for_function("el => el.dataset.chartState === 'drawn'", arg=plot.element_handle(), timeout=20000)
    assert [u for u in tab.requests if u.endswith("plotly-custom.min.js")]
    assert plot.locator(".main-svg").count() >= 1 and plot.locator("svg.tp-svg").count() == 0
    assert button.is_hidden() and tab.errors == []


def test_the_chart_marks_the_figure_a_finding_names_and_links_to_it(tab, site_url):
    tab.goto(site_url + YUXI, wait_until="networkidle")
    mark = tab.locator("#chart-three-public svg a.tp-svg__mark").first
    assert mark.get_attribute("href") == "#finding-1"
    finding = tab.locator("#finding-1")
    assert "预算数疑按“万元”填列" in finding.inner_text()
    mark.scroll_into_view_if_needed()
    mark.click()
    tab.wait_for_timeout(300)
    assert tab.evaluate("location.hash") == "#finding-1"
    assert tab.evaluate("() => { const r = document.getElementById('finding-1').getBoundingClientRect();"
                        " return r.top >= 0 && r.top < innerHeight; }")
    # the caption says it in words, for a reader who does not see the marker
    assert tab.locator("#chart-three-public .tp-chart__marks a[href='#finding-1']").count() == 1


def test_findings_summary_is_in_the_first_screen_of_a_phone(phone, site_url):
    phone.goto(site_url + YUXI, wait_until="networkidle")
    alert = phone.locator(".tp-alert a[href='#findings']")
    assert "5 处数据不一致" in alert.inner_text()
    box = alert.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]


def test_phone_tables_show_their_amounts_without_a_sideways_swipe(phone, site_url):
    phone.goto(site_url + YUXI + "#final_income", wait_until="networkidle")  # a closed table, opened by the link
    for table_id in ("final_summary", "final_income"):
        box = phone.locator(f"details.tp-tablebox:has(h3#{table_id})")
        amounts = box.locator("td.num:not(:empty)")
        assert amounts.count() >= 3, table_id
        for cell in amounts.all()[:40]:
            r = cell.bounding_box()
            assert r and r["x"] >= 0 and r["x"] + r["width"] <= PHONE["width"], (table_id, cell.inner_text())
        scroll = box.locator(".tp-scroll").first
        assert scroll.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), table_id
    # each amount stands beside its column's title; the code beside its name
    cell = phone.locator("details.tp-tablebox:has(h3#final_income) td.num:not(:empty)").first
    assert cell.evaluate("el => getComputedStyle(el, '::before').content").strip('"') == cell.get_attribute("data-label")
    assert phone.locator("details.tp-tablebox:has(h3#final_income) th[scope=row] .tp-code").count() > 0


def test_long_table_expands_with_its_button(tab, site_url):
    tab.goto(site_url + YUXI, wait_until="networkidle")
    box = tab.locator("details.tp-tablebox[open]").first
    rows = box.locator("tbody tr")
    assert rows.count() == 10
    button = box.locator(".tp-more__button")
    total = int("".join(ch for ch in button.text_content() if ch.isdigit()))
    button.click()
    assert rows.count() == total and box.locator(".tp-more").count() == 0


def test_a_link_to_a_row_of_a_closed_table_opens_it_there(tab, site_url):
    """Rows of a closed table are parsed only when it opens; a link to one (a card, a finding, a
    search result) puts them in place, opens the table and shows the row."""
    tab.goto(site_url + YUXI, wait_until="networkidle")
    assert tab.locator("#general_budget-r5").count() == 0  # not in the first view's DOM
    tab.goto(site_url + YUXI + "#general_budget-r5", wait_until="networkidle")
    tab.wait_for_timeout(300)
    row = tab.locator("#general_budget-r5")
    assert row.count() == 1 and row.is_visible()
    assert tab.evaluate("() => { const r = document.getElementById('general_budget-r5').getBoundingClientRect();"
                        " return r.top >= 0 && r.top < innerHeight; }")
    assert tab.errors == []


def test_a_closed_table_opens_without_javascript(no_js, site_url):
    no_js.goto(site_url + YUXI, wait_until="load")
    box = no_js.locator("details.tp-tablebox:has(h3#general_budget)")
    box.locator("summary").click()
    assert box.locator("tbody tr").count() == 19 and box.locator("tbody tr").first.is_visible()


@pytest.mark.parametrize("anchor", ["final_income", "chart-three-public", "sec-s6", "finding-1", "general_budget-r5"])
def test_a_link_into_the_page_lands_on_its_target_on_a_phone(phone, site_url, anchor):
    """Charts and narrative are laid out only when scrolled near (content-visibility), closed tables
    parsed only when opened: a link still lands on its target."""
    phone.goto(site_url + YUXI + "#" + anchor, wait_until="networkidle")
    phone.wait_for_timeout(500)
    top = phone.evaluate("id => document.getElementById(id).getBoundingClientRect().top", anchor)
    assert 0 <= top < 200, (anchor, top)
