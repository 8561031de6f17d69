"""The compare page keeps the chosen measure in the address: a link opens on it, a choice updates it."""
from __future__ import annotations


def _chosen(tab) -> str:
    return tab.eval_on_selector("#compare-measure", "s => s.options[s.selectedIndex].getAttribute('data-key')")


def test_a_link_opens_the_compare_page_on_its_measure_and_a_choice_is_kept(tab, site_url):
    tab.goto(site_url + "compare/?measure=expenditure_total_per_staff", wait_until="networkidle")
    assert _chosen(tab) == "expenditure_total_per_staff"
    tab.wait_for_function("document.querySelector('[data-chart-id=\"chart-compare\"]').data !== undefined", timeout=20000)
    shown = tab.evaluate("""() => document.querySelector('[data-chart-id="chart-compare"]').data
                              .filter(t => t.visible !== false).map(t => t.name)""")
    assert shown == ["人均本年支出合计"]
    tab.select_option("#compare-measure", label='"三公"经费合计（万元）')
    tab.wait_for_function("new URL(location.href).searchParams.get('measure') === 'three_public_total'")
    tab.reload(wait_until="networkidle")
    assert _chosen(tab) == "three_public_total"
    assert tab.errors == []


def test_without_a_measure_the_page_opens_on_the_first(tab, site_url):
    tab.goto(site_url + "compare/", wait_until="networkidle")
    assert tab.evaluate("new URL(location.href).searchParams.has('measure')") is False
    assert _chosen(tab) == "expenditure_total"
