"""What could be checked: each disclosure page says which tables (standard, and kept as printed)
and how many figures were read and which checks compared figures, how many times; where nothing
could be checked it says so instead of ✓ 自动核对未发现数据不一致."""
from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

import pytest

from generator.site.disclosure import Coverage
from generator.site.validation import CheckRun
from generator.validate.api import validate_package
from generator.validate.rules import RULES
from tests.conftest import PACKAGES

CHECKED = ("530400-zuzhibu/2020-final", "330100-jtysj/2026-budget", "430611-zuzhibu/2020-evaluation")


def page(site: Path, package: str) -> str:
    return (site / "departments" / package / "index.html").read_text(encoding="utf-8")


def text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def trust(doc: str) -> str:
    return text(re.search(r'<div class="tp-trust">(.*?)</div>', doc, re.S).group(1))


def coverage(doc: str) -> str:
    return text(re.search(r'<section class="tp-coverage" id="coverage"[^>]*>(.*?)</section>', doc, re.S).group(1))


def read(package: str) -> tuple[list[dict], list[dict]]:
    """(table resources of the descriptor, facts.csv rows)."""
    root = PACKAGES / package
    desc = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    with open(root / "facts.csv", encoding="utf-8", newline="") as fh:
        facts = list(csv.DictReader(fh))
    return [r for r in desc["resources"] if r.get("table")], facts


def test_the_checker_counts_the_comparisons_each_rule_makes():
    """Every comparison of printed figures passes through classify or pct_class: counted per rule."""
    final = validate_package(PACKAGES / "530400-zuzhibu/2020-final").checks
    assert final["code-tree"] > 50 and final["item-sums"] > 0 and final["project-rate"] == 9
    assert set(final) <= {r.id for r in RULES}
    assert validate_package(PACKAGES / "440100-zwfwhsjglj/2026-budget").checks == {}


def test_a_disclosure_with_nothing_to_check_says_so_instead_of_a_tick(site):
    # a project-goals annex: its one table is kept as printed, but no two of its figures are compared
    annex = page(site, "440100-zwfwhsjglj/2026-budget")
    assert "✓" not in trust(annex) and trust(annex).startswith("ⓘ 未能核对：读出的数字之间没有可相互比对的")
    findings = text(re.search(r'<div class="tp-findings">(.*?)<section', annex, re.S).group(1))
    assert "未发现" not in findings and "自动核对没有做任何比对" in findings


def test_nothing_read_is_said_only_when_no_rule_compared_anything():
    """A disclosure of no table and no figure is one nothing could be checked in — unless a rule
    compared what was read (宁德 2024's one-page 绩效自评表: its 资金 rows)."""
    def of(comparisons: int) -> Coverage:
        return Coverage((), (), 0, 0, 1, (("绩效自评资金", 30),), (CheckRun("performance-funds", "自评资金的合计与分项", comparisons),))
    assert of(0).nothing_read and of(0).nothing_checked
    assert not of(10).nothing_read and not of(10).nothing_checked


def test_a_form_whose_funds_were_compared_is_checked(site):
    """宁德 2024: a one-page 绩效自评表, no public table and no figure, but its 资金 rows add up
    against their 合计 (performance-funds), which they do not: the page says what was compared and
    what it found, never that nothing could be checked."""
    one_page = page(site, "350900-rmzfbgs/2024-evaluation")
    assert trust(one_page).startswith("⚠ 核对发现 1 处数据不一致")
    cov = coverage(one_page)
    assert "没有读出公开表格和数字" not in cov and "无从判断" not in cov
    assert "绩效自评资金 30 行" in cov and re.search(r"核对 ?：1 项规则比对数字 \d+ 次", cov)


def test_performance_tables_read_are_named_even_when_nothing_was_compared(site):
    cov = coverage(page(site, "350900-rmzfbgs/2024-evaluation"))
    assert "绩效指标 17 行" in cov and "项目绩效自评 1 行" in cov


@pytest.mark.parametrize("package", CHECKED)
def test_a_checked_disclosure_names_its_tables_figures_and_checks(site, package):
    doc = page(site, package)
    cov = coverage(doc)
    tables, facts = read(package)
    generic = [t for t in tables if t["table"].get("generic")]
    standard = [t for t in tables if not t["table"].get("generic")]
    assert f"标准公开表 {len(standard)} 张" in cov
    assert f"按原样保留的表格（通用表格，只作通用核对）{len(generic)} 张" in cov
    from_tables = sum(1 for f in facts if f["source"].startswith("table:"))
    assert f"数字 {len(facts)} 个（表格 {from_tables} 个、文字 {len(facts) - from_tables} 个）" in cov
    for t in tables:
        assert html.unescape(t["table"].get("title") or t.get("title")) in cov
    checks = validate_package(PACKAGES / package).checks
    ran = {r.id: r.title for r in RULES if checks.get(r.id)}
    assert ran, package
    assert f"{len(ran)} 项规则比对数字 {sum(checks.values())} 次" in cov
    for rule_id, title in ran.items():
        assert f"{title} {checks[rule_id]} 次" in cov, (rule_id, cov)
    idle = [r.title for r in RULES if r.id not in ran]
    assert f"其余 {len(idle)} 项规则没有比对数字" in cov
    listed = cov.split("项规则没有比对数字", 1)[1]
    for title in idle:  # e.g. 杭州 2026: eleven tables kept as printed, in which the generic rules found no sum
        assert title in listed, title
    if "⚠" not in trust(doc):
        assert trust(doc).startswith(f"✓ 自动核对（{len(ran)} 项规则、{sum(checks.values())} 次比对）未发现数据不一致。")

