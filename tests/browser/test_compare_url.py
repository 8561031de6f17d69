"""The compare page keeps the chosen measure in the address: a link opens on it, a choice updates it;
the chosen measure is drawn statically (no plotly fetched), and plotly, when asked for, draws that one."""
from __future__ import annotations

PLOT = '[data-chart-id="chart-compare"]'


def _chosen(tab) -> str:
    return tab.eval_on_selector("#compare-measure", "s => s.options[s.selectedIndex].getAttribute('data-key')")


def _drawn(tab) -> str:
    return tab.get_attribute(PLOT + " svg.tp-svg", "aria-label")


def test_a_link_opens_the_compare_page_on_its_measure_and_a_choice_is_kept(tab, site_url):
    tab.goto(site_url + "compare/?measure=expenditure_total_per_staff", wait_until="networkidle")
    assert _chosen(tab) == "expenditure_total_per_staff"
    assert _drawn(tab).endswith("：人均本年支出合计")
    assert not [u for u in tab.requests if "plotly" in u]
    tab.select_option("#compare-measure", label='"三公"经费合计（万元）')
    tab.wait_for_function("new URL(location.href).searchParams.get('measure') === 'three_public_total'")
    assert _drawn(tab).endswith('："三公"经费合计')
    tab.reload(wait_until="networkidle")
    assert _chosen(tab) == "three_public_total"
    tab.click('.tp-chart__live[data-chart-for="chart-compare"]')
    tab.wait_for_function(f"document.querySelector('{PLOT}').getAttribute('data-chart-state') === 'drawn'", timeout=20000)
    shown = tab.evaluate(f"() => document.querySelector('{PLOT}').data.filter(t => t.visible !== false).map(t => t.name)")
    assert shown == ['"三公"经费合计']
    assert tab.errors == []


def test_without_a_measure_the_page_opens_on_the_first(tab, site_url):
    tab.goto(site_url + "compare/", wait_until="networkidle")
    assert tab.evaluate("new URL(location.href).searchParams.has('measure')") is False
    assert _chosen(tab) == "expenditure_total"
    assert _drawn(tab).endswith("各部门、各年度比较")
