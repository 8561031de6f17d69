"""Every chart spec of every shipped disclosure is a valid plotly figure: plotly's own figure API
(plotly.graph_objects) checks each trace type, attribute name and value as plotly.js reads them.
The site bundles a custom plotly.js build and draws static SVG itself; the Python package is
only this check's, so it is a test dependency."""
from __future__ import annotations

import plotly.graph_objects as go
import pytest

from generator.model.packages import find_packages, read_package
from generator.site import charts as chart_specs
from generator.site.disclosure import project_rates
from generator.site.figures import Figures
from tests.conftest import PACKAGES

PACKAGE_DIRS = find_packages(PACKAGES)


@pytest.mark.parametrize("root", PACKAGE_DIRS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_disclosure_chart_is_a_valid_plotly_figure(root):
    package = read_package(root)
    fig = Figures(list(package.facts), package.year, package.kind)
    charts = chart_specs.disclosure_charts(package, fig, project_rates(package))
    for chart in charts:
        figure = go.Figure(chart.spec)  # raises ValueError naming any attribute plotly does not know
        assert figure.data, chart.id  # every chart draws something
        assert figure.layout.to_plotly_json() is not None


def test_the_shipped_disclosures_draw_charts():
    drawn = 0
    for root in PACKAGE_DIRS:
        package = read_package(root)
        fig = Figures(list(package.facts), package.year, package.kind)
        drawn += len(chart_specs.disclosure_charts(package, fig, project_rates(package)))
    assert drawn >= 36
