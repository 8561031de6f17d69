"""The size budget of a disclosure page, compressed as a static host serves it, and its DOM
(benchmarks/weight.py): charts are static SVG in the HTML, plotly is fetched only on request."""
from __future__ import annotations

from benchmarks.weight import PLOTLY, disclosure_pages, dom_elements, first_view, interactive, next_page, resources

FIRST_VIEW = 150_000  # bytes: HTML (with its charts drawn), styles, scripts and icons, on an empty cache
NEXT_PAGE = 80_000  # bytes: another disclosure page once the first one's files are cached
DOM = 1_500  # elements of a page where scripts run, before any 展开


def test_every_disclosure_page_first_view_is_within_budget(site):
    pages = disclosure_pages(site)
    assert pages
    heavy = {p: first_view(site, p) for p in pages if first_view(site, p) > FIRST_VIEW}
    assert heavy == {}, f"first view over {FIRST_VIEW} bytes compressed: {heavy}"


def test_every_next_disclosure_page_is_within_budget(site):
    pages = disclosure_pages(site)
    heavy = {p: next_page(site, pages[0], p) for p in pages[1:] if next_page(site, pages[0], p) > NEXT_PAGE}
    assert heavy == {}, f"next page over {NEXT_PAGE} bytes compressed: {heavy}"


def test_the_first_view_draws_its_charts_without_the_chart_bundle(site):
    pages = disclosure_pages(site)
    charted = [p for p in pages if "data-chart=" in (site / p / "index.html").read_text(encoding="utf-8")]
    assert charted, "no disclosure page has a chart"
    for page in charted:
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert PLOTLY not in resources(site, page)
        assert html.count('<svg class="tp-svg"') == html.count("data-chart="), page
        assert interactive(site, page) > first_view(site, page) + 300_000  # the bundle, once asked for


def test_every_disclosure_page_dom_is_within_budget(site):
    big = {p: dom_elements(site, p) for p in disclosure_pages(site) if dom_elements(site, p)[0] > DOM}
    assert big == {}, f"over {DOM} elements: {big}"
