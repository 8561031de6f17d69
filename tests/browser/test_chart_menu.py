"""The chart menu keeps only what works offline, in Chinese: no "Share chart…" to Plotly Cloud, no
Chart Studio link, no plotly logo; PNG and SVG downloads whose file name and drawn title say the
department, year, unit and source; a permalink to each chart."""
from __future__ import annotations

import html
import re

from tests.browser.capture import draw_charts, scroll_through

BUDGET = "departments/330100-jtysj/2026-budget/"
CHART = "chart-three-public"
NAME = "杭州市交通运输局_2026年度部门预算_“三公”经费：2026年预算数_万元_源文件f6a1e1ef"
DRAWN = ("“三公”经费：2026年预算数", "杭州市交通运输局 · 2026年度部门预算 · 单位：万元",
         "来源：杭州市交通运输局 2026年度部门预算，源文件 zj-杭州市交通运输局2026年部门预算.pdf（SHA-256 f6a1e1efadcf…）")


def drawn(tab, site_url, path=BUDGET):
    tab.goto(site_url + path, wait_until="networkidle")
    scroll_through(tab)
    draw_charts(tab)


def modebar(tab, chart_id=CHART):
    plot = tab.locator(f'[data-chart-id="{chart_id}"]')
    plot.scroll_into_view_if_needed()
    plot.hover()
    return plot.locator(".modebar-btn")


def outside(tab, site_url):
    return [u for u in tab.requests if not u.startswith(site_url) and not u.startswith(("data:", "blob:"))]


def test_the_menu_offers_nothing_that_leaves_the_site_and_speaks_chinese(tab, site_url):
    drawn(tab, site_url)
    for chart_id in tab.eval_on_selector_all("[data-chart-id]", "els => els.map(e => e.dataset.chartId)"):
        buttons = modebar(tab, chart_id)
        titles = buttons.evaluate_all("els => els.map(e => e.getAttribute('data-title'))")
        assert "下载 PNG 图片（含标题、单位与来源）" in titles and "下载 SVG 矢量图（含标题、单位与来源）" in titles
        for title in titles:
            assert re.search(r"[\u4e00-\u9fff]", title), f"{chart_id}: {title!r} is not Chinese"
            assert not re.search(r"share|cloud|studio|plotly|json", title, re.I), title
        plot = tab.locator(f'[data-chart-id="{chart_id}"]')
        assert plot.locator(".modebar-btn--logo, a[href*='plotly']").count() == 0
        config = plot.evaluate("el => el._context")
        assert config["showSendToCloud"] is False and config.get("showEditInChartStudio", False) is False
        assert config["displaylogo"] is False and config["plotlyServerURL"] == ""
    assert tab.errors == [] and outside(tab, site_url) == []


def test_png_and_svg_downloads_are_named_and_titled_with_department_year_unit_and_source(tab, site_url, tmp_path):
    drawn(tab, site_url)
    plot = tab.locator(f'[data-chart-id="{CHART}"]')
    assert plot.evaluate("el => el._context.toImageButtonOptions.filename") == NAME
    files = {}
    for fmt, title in (("png", "下载 PNG 图片（含标题、单位与来源）"), ("svg", "下载 SVG 矢量图（含标题、单位与来源）")):
        modebar(tab)
        with tab.expect_download() as info:
            plot.locator(f'.modebar-btn[data-title="{title}"]').click()
        download = info.value
        assert download.suggested_filename == f"{NAME}.{fmt}"
        files[fmt] = tmp_path / download.suggested_filename
        download.save_as(files[fmt])
    png = files["png"].read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width >= 2 * 720 and height > 2 * 360  # at twice the drawn size, with room for the title
    svg = html.unescape(files["svg"].read_text(encoding="utf-8"))
    text = "".join(re.findall(r">([^<>]+)<", svg))
    for line in DRAWN:
        assert line in text, (line, text[:400])
    assert "2026年预算数" in text and "决算" not in text  # the bars' words came along
    # the page's own chart carries no drawn title: the caption says it
    assert plot.evaluate("el => (el.layout.title || {}).text || ''") == ""
    assert tab.errors == [] and outside(tab, site_url) == []


def test_every_chart_has_a_permalink(tab, site_url):
    drawn(tab, site_url)
    ids = tab.eval_on_selector_all("figure.tp-chart", "els => els.map(e => e.id)")
    assert ids and all(i.startswith("chart-") for i in ids) and len(set(ids)) == len(ids)
    for chart_id in ids:
        assert tab.locator(f'figure#{chart_id} a.tp-chart__link[href="#{chart_id}"]').count() == 1
    tab.goto(site_url + BUDGET + "#" + CHART, wait_until="networkidle")
    tab.wait_for_timeout(500)
    assert tab.evaluate("id => { const r = document.getElementById(id).getBoundingClientRect();"
                        " return r.top >= 0 && r.top < innerHeight; }", CHART)


def test_the_compare_picker_still_switches_the_measure(tab, site_url):
    """The picker finds its chart by data-chart-id now that the chart block holds the id."""
    drawn(tab, site_url, "compare/")
    options = tab.locator("#compare-measure option")
    if options.count() < 2:
        return
    tab.select_option("#compare-measure", index=1)
    visible = tab.locator('[data-chart-id="chart-compare"]').evaluate(
        "el => el.data.map(t => t.visible)")
    assert visible[1] is True and visible[0] is False
