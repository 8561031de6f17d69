"""Every rule of the registry fires at least once on real documents: on the shipped packages as
they are, or on a copy of one carrying a single planted slip — the edits of tests/test_budget_rules.py
and tests/test_rule_families.py, and benchmarks/mutate.py's package edits. A rule added without an
example that makes it speak fails here."""
from __future__ import annotations

import shutil
from functools import partial
from pathlib import Path

from benchmarks.mutate import contents_table, deleted_table, sections_edit
from generator.model.codes import CodeList
from generator.validate.api import collect, validate_package
from generator.validate.report import PackageReport
from generator.validate.rules import RULES
from tests.conftest import PACKAGES

EDITS = [  # (rule, package, file, as printed, as planted)
    ("budget-ledger", "310107-qzfb/2025-budget", "tables/budget_summary.csv",  # 支出总计 ≠ 收入总计
     "支出,,支出总计,91016775.35", "支出,,支出总计,91016776.35"),
    ("group-sums", "320000-zhengxie-bgt/2019-budget", "tables/budget_income_sources.csv",  # 收入总计 ≠ Σ 小计
     ",收入总计,133771100.00", ",收入总计,134771100.00"),
    ("procurement-sums", "320000-zhengxie-bgt/2019-budget", "tables/budget_procurement.csv",  # an item ≠ its project's share
     "台式计算机（20万以下）,分散自行组织,180000.00", "台式计算机（20万以下）,分散自行组织,280000.00"),
    ("item-sums", "530400-zuzhibu/2020-final", "tables/three_public.csv",  # 支出合计 ≠ its three items
     "（一）支出合计,,44.31,112985.10", "（一）支出合计,,44.31,122985.10"),
    ("comparison-word", "510403-zuzhibu/2021-final", "sections.csv",  # 105 % beside 小于
     "完成预算105%，决算数大于预算数", "完成预算105%，决算数小于预算数"),
    ("flat-word", "310107-qzfb/2025-budget", "sections.csv",  # 持平 beside a change
     "（一）因公出国（境）费839万元，与2024年预算持平", "（一）因公出国（境）费839万元，比2024年预算增加39万元，与2024年预算持平"),
    ("outline-sum", "110000-zdxmjszhbbgs/2026-budget", "sections.csv",  # （一） ≠ 1. + 2. + 3.
     "（一）本年财政拨款收入4695.06万元", "（一）本年财政拨款收入4795.06万元"),
    ("change-parts", "370600-shenjiju/2026-budget", "sections.csv",  # 79.26 + 39.5 ≠ 118.76 once 79.26 reads 89.26
     "其中基本支出增加79.26万元", "其中基本支出增加89.26万元"),
    ("balanced-change", "610100-qixiangju/2022-budget", "sections.csv",  # 收入 +506.39 beside 支出 +406.39, both 1899.9
     "2022年本部门预算收入\n较上年增加406.39万元", "2022年本部门预算收入\n较上年增加506.39万元"),
    ("product", "510403-zuzhibu/2021-final", "sections.csv",  # 502 × 400 元 = 20.08 万元, printed 20.8
     "机关运行经费支出26.24万元，", "机关运行经费支出26.24万元，慰问困难党员502人，每人400元，共计20.8万元；"),
]
MUTATIONS = [  # (rule, package, benchmarks/mutate.py's edit of a package copy)
    ("tables-present", "530400-zuzhibu/2020-final", deleted_table),
    ("contents", "310107-qzfb/2025-budget", contents_table),
    ("other-year", "511181-zuzhibu/2020-final", partial(sections_edit, kind="heading-year")),
]


def _fired(report: PackageReport) -> set[str]:
    """The rules behind the report's findings of every class (each check of a grouped one)."""
    assert report.errors == [], [e.message for e in report.errors]
    return {p.rule for f in report.findings for p in [f, *f.places]}


def _copy(tmp_path: Path, package: str, tag: str) -> Path:
    return Path(shutil.copytree(PACKAGES / package, tmp_path / tag / package))


def test_every_rule_of_the_registry_fires(tmp_path):
    codes = CodeList.load()
    fired = set().union(*(_fired(validate_package(p, codes)) for p in collect([PACKAGES])))
    for k, (rule, package, name, printed, planted) in enumerate(EDITS):
        copy = _copy(tmp_path, package, f"edit{k}")
        text = (copy / name).read_text(encoding="utf-8")
        assert text.count(printed) == 1, printed
        (copy / name).write_text(text.replace(printed, planted), encoding="utf-8")
        assert rule in _fired(validate_package(copy, codes)), (rule, planted)
        fired.add(rule)
    for rule, package, plant in MUTATIONS:
        copy = _copy(tmp_path, package, rule)
        assert plant(copy), (rule, package)
        assert rule in _fired(validate_package(copy, codes)), (rule, package)
        fired.add(rule)
    assert [r.id for r in RULES if r.id not in fired] == []
    assert fired == {r.id for r in RULES}  # no finding names a rule the registry lacks
