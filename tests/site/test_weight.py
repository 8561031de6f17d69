"""The size budget of a disclosure page, compressed as a static host serves it (benchmarks/weight.py)."""
from __future__ import annotations

from benchmarks.weight import PLOTLY, disclosure_pages, first_view, next_page, resources

FIRST_VIEW = 600_000  # bytes: HTML, styles, scripts, icons and the chart bundle, on an empty cache
NEXT_PAGE = 80_000  # bytes: another disclosure page once the first one's files are cached


def test_every_disclosure_page_first_view_is_within_budget(site):
    pages = disclosure_pages(site)
    assert pages
    heavy = {p: first_view(site, p) for p in pages if first_view(site, p) > FIRST_VIEW}
    assert heavy == {}, f"first view over {FIRST_VIEW} bytes compressed: {heavy}"


def test_every_next_disclosure_page_is_within_budget(site):
    pages = disclosure_pages(site)
    heavy = {p: next_page(site, pages[0], p) for p in pages[1:] if next_page(site, pages[0], p) > NEXT_PAGE}
    assert heavy == {}, f"next page over {NEXT_PAGE} bytes compressed: {heavy}"


def test_the_chart_bundle_is_part_of_the_first_view_only_where_charts_are(site):
    charted = [p for p in disclosure_pages(site) if PLOTLY in resources(site, p)]
    assert charted, "no disclosure page draws a chart"
    assert PLOTLY not in resources(site, "about/")
