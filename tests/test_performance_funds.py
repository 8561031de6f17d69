"""The 资金 rows of self-evaluation forms (合计 and its parts) and the rule holding the total
against its parts, on the real forms: 宁德 2024 (a 财政资金小计 of 0.00 beside a 合计 of 9,209.55),
攀枝花西区 2021 and 玉溪 2020 (blocks that add up)."""
from __future__ import annotations

import csv
import shutil
from decimal import Decimal

from generator.ingest.formats.sources import read_source
from generator.ingest.formats.text import parse_lines, read_text
from generator.ingest.narrative.performance import Fund, extract_performance
from generator.validate.api import validate_package
from tests.conftest import PACKAGES, SHARED, corpus_path

NINGDE = PACKAGES / "350900-rmzfbgs/2024-evaluation"
FINE = [PACKAGES / "510403-zuzhibu/2021-final", PACKAGES / "530400-zuzhibu/2020-final"]


def _funds(items) -> list[Fund]:
    funds: list[Fund] = []
    extract_performance(items, funds)
    return funds


def test_ningde_fund_rows_as_printed():
    [pdf] = (SHARED / "corpus" / "wild").glob("*宁德*绩效自评*.pdf")
    funds = _funds(read_source(pdf).items)
    first = [(f.row, f.level, f.amount) for f in funds if f.measure.startswith("年初")]
    assert first == [("合计", 0, Decimal("9209.55")), ("财政资金小计", 1, Decimal("0.00")),
                     ("①中央财政资金", 2, Decimal("0.00")), ("②省级财政资金", 2, Decimal("0.00")),
                     ("③地方财政资金", 2, Decimal("9209.55")), ("其他资金小计", 1, Decimal("0.00"))]
    assert {f.measure for f in funds} == {"年初部门预算安排金额（含历年结余结转）①", "年中调整金额②", "小计 ③ = ①+②",
                                          "年度拨付金额 ④", "本年度结余金额⑥=③-④"}  # not the rates
    assert all(f.project == "127部门整体" and f.line for f in funds)


def test_project_form_fund_rows_blank_parts_are_zero():
    funds = _funds(parse_lines(read_text(corpus_path("002"))))
    first = [(f.row, f.level, f.measure, f.amount, f.unit) for f in funds if f.project == "党员教育培训经费"]
    assert first == [("年度资金总额：", 0, "全年预算数", Decimal(30), "万元"),
                     ("年度资金总额：", 0, "实际完成数", Decimal("26.23"), "万元"),
                     ("其中：上级财政资金", 1, "全年预算数", 0, "万元"), ("其中：上级财政资金", 1, "实际完成数", 0, "万元"),
                     ("本级财政资金", 1, "全年预算数", Decimal(30), "万元"),
                     ("本级财政资金", 1, "实际完成数", Decimal("26.23"), "万元"),
                     ("其他资金", 1, "全年预算数", 0, "万元"), ("其他资金", 1, "实际完成数", 0, "万元")]


def test_ningde_subtotal_slip_is_one_finding():
    [found] = [f for f in validate_package(NINGDE).findings if f.rule == "performance-funds"]
    assert found.cls == "inconsistency" and found.difference == Decimal("9209.55")
    assert found.message.startswith("“127部门整体”的资金栏不相加：合计（年初部门预算安排金额（含历年结余结转）①）9209.55，"
                                    "所列财政资金小计、其他资金小计之和 0.00")
    assert "“财政资金小计”一行疑为印错" in found.message and len(found.places) == 10  # 5 columns × 2 sums


def test_blocks_that_add_up_give_nothing():
    for package in FINE:
        assert (package / "performance_funds.csv").exists()
        assert not [f for f in validate_package(package).findings if f.rule == "performance-funds"]


def _plant(tmp_path, row: str, measure: str, delta: str):
    """玉溪 2020 with one amount of its funds changed by `delta`."""
    package = shutil.copytree(FINE[1], tmp_path / "p" / "2020-final")
    path = package / "performance_funds.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    hit = next(r for r in rows if r["row"] == row and r["measure"] == measure and Decimal(r["amount"]))
    hit["amount"] = str(Decimal(hit["amount"]) + Decimal(delta))
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, rows[0].keys(), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return [f for f in validate_package(package).findings if f.rule == "performance-funds"]


def test_a_part_off_by_a_digit_and_by_rounding(tmp_path):
    [wrong] = _plant(tmp_path / "a", "其中：当年财政拨款", "全年执行数", "100")
    assert wrong.cls == "inconsistency" and wrong.difference == Decimal(-100)
    [rounding] = _plant(tmp_path / "b", "其中：当年财政拨款", "全年执行数", "0.01")
    assert rounding.cls == "rounding" and rounding.difference == Decimal("-0.01")
