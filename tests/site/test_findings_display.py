"""The site shows findings in their classes: the headline counts inconsistencies only, rounding
differences sit in their own collapsed list, notices under 未能核对之处, never counted."""
import re
from pathlib import Path

from generator.validate.api import validate_package
from tests.conftest import PACKAGES


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_a_disclosure_page_counts_inconsistencies_and_lists_the_rest_apart(site):
    report = validate_package(PACKAGES / "430611-zuzhibu/2020-evaluation")
    assert (len(report.inconsistencies), len(report.rounding), len(report.notices)) == (1, 1, 1)
    html = page(site, "departments/430611-zuzhibu/2020-evaluation")
    assert "⚠ 核对发现 1 处数据不一致" in html and "另有 1 处舍入差异" in html
    assert re.search(r'<details class="tp-tablebox tp-rounding" id="rounding">\s*<summary>舍入差异 1 处', html)
    assert re.search(r'<details class="tp-tablebox tp-unchecked" id="unchecked">\s*<summary>未能核对之处 1 项', html)
    assert 'id="finding-1"' in html and 'id="finding-2"' not in html and 'id="rounding-1"' in html


def test_a_page_with_rounding_only_says_no_inconsistency(site):
    html = page(site, "departments/310107-wanli/2025-budget")
    assert re.search(r"✓ 自动核对（\d+ 项规则、\d+ 次比对）未发现数据不一致。", html) and "另有 1 处舍入差异" in html


def test_the_home_page_counts_inconsistencies_only(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    m = re.search(r'tp-stat__value"><a href="findings/">(\d+)</a></p><p class="tp-stat__label">处数据不一致', html)
    assert m, "the home page's findings figure"
    findings = page(site, "findings")
    counted = sum(int(n) for n in re.findall(r'<span class="tp-count">(\d+) 处</span>', findings))
    assert int(m.group(1)) == counted > 0
