"""The budget identities come out as findings: each shipped budget package is consistent
(no finding of these rules), and breaking one printed figure makes the rule speak."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.validate.api import validate_package
from tests.conftest import PACKAGES

QZFB = PACKAGES / "310107-qzfb/2025-budget"
ZHENGXIE = PACKAGES / "320000-zhengxie-bgt/2019-budget"


def _broken(tmp_path: Path, package: Path, table: str, old: str, new: str) -> Path:
    copy = tmp_path / package.name
    shutil.copytree(package, copy)
    path = copy / "tables" / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


def _rules(package: Path) -> list[str]:
    """The rules behind the package's arithmetic inconsistencies (each check of a grouped one)."""
    report = validate_package(package)
    assert report.errors == []
    return sorted(p.rule for f in report.inconsistencies if f.rule != "template-leftover"
                  for p in (f.places or [f]))


@pytest.mark.parametrize("package", [QZFB, ZHENGXIE])
def test_consistent_budgets_stay_silent(package):
    assert _rules(package) == []
    assert validate_package(package).rounding == []


@pytest.mark.parametrize("package, table, old, new, rules", [
    # 收入总计 ≠ 支出总计, and the 支出 lines no longer add up to 支出总计
    (QZFB, "budget_summary", "支出,,支出总计,91016775.35", "支出,,支出总计,91016776.35", {"budget-ledger"}),
    # 一、财政拨款收入 ≠ 1. 一般公共预算资金 + 2. + 3.
    (QZFB, "budget_summary", "1. 一般公共预算资金,91016775.35", "1. 一般公共预算资金,91016765.35", {"budget-ledger"}),
    # 合计 ≠ 基本 + 项目 in one 项 row; 款 ≠ Σ项
    (QZFB, "budget_expenditure", "行政运行,12029501.84,11919501.84", "行政运行,12029501.84,11919502.84",
     {"row-identities", "code-tree"}),
    # a 类 no longer the sum of its 款, nor of its 基本 + 项目
    (QZFB, "budget_expenditure", "201,一般公共服务支出,82096797.42", "201,一般公共服务支出,82096798.42",
     {"code-tree", "row-identities"}),
    # 收入总计 ≠ Σ 小计 of the fund sources
    (ZHENGXIE, "budget_income_sources", ",收入总计,133771100.00", ",收入总计,134771100.00", {"group-sums"}),
    # a procurement item no longer adds up to its project
    (ZHENGXIE, "budget_procurement", "台式计算机（20万以下）,分散自行组织,180000.00",
     "台式计算机（20万以下）,分散自行组织,280000.00", {"procurement-sums"}),
])
def test_a_broken_identity_is_reported(tmp_path, package, table, old, new, rules):
    assert set(_rules(_broken(tmp_path, package, table, old, new))) == rules


def test_the_same_figure_in_two_tables_is_held_together(tmp_path):
    """支出总表 prints 201 一般公共服务支出 as the 收支总表 does; the facts of both are compared."""
    copy = tmp_path / QZFB.name
    shutil.copytree(QZFB, copy)
    facts = copy / "facts.csv"
    text = facts.read_text(encoding="utf-8")
    old = "expenditure_by_function,amount,201,一般公共服务支出,,2025,82096797.42"
    assert old in text
    facts.write_text(text.replace(old, old.replace("82096797.42", "82096798.42")), encoding="utf-8")
    assert _rules(copy) == ["same-figure"]
