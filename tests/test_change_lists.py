"""Rule list-change-sum on the Xi'an budget template: the changes of the items a “其中” list gives,
against the change the document states for their total."""
from __future__ import annotations

import shutil
from decimal import Decimal

from generator.validate.api import validate_package
from tests.conftest import PACKAGES

XZSP = PACKAGES / "610100-xzspfwj/2025-budget"
XCB = PACKAGES / "610100-xuanchuanbu/2021-budget"


def _found(package):
    return [f for f in validate_package(package).findings if f.rule == "list-change-sum"]


def test_function_and_economic_lists_a_rounding_step_off():
    """西安行政审批 2025: 662.08 stated; the 11 function items add to 662.06 (无增减 0, 不可比 +1.80),
    the economic classes to 662.07 (printed twice in two orders, compared once)."""
    [found] = _found(XZSP)
    assert found.cls == "rounding"
    assert [f.value for f in found.figures if f.label.startswith("总数") or f.label == "各项相加"] == [
        Decimal("6620800.00"), Decimal("6620600.00")]  # 662.08 against the function items' 662.06
    assert found.difference == Decimal(200) and found.tolerance == Decimal(600)  # 12 figures of ±0.005 万元
    assert len(found.places) == 2 and "（1）工资福利支出（301）" in found.places[1].message  # the economic list


def test_function_list_a_thousand_off():
    """西安宣传部 2021: the function items' changes add up to 20,359.137 万元 against 19,359.12 stated."""
    [found] = _found(XCB)
    assert found.cls == "inconsistency" and found.difference == Decimal("-10000170")
    assert "19359.12" in found.message


def test_a_planted_item_change_is_found(tmp_path):
    package = shutil.copytree(XZSP, tmp_path / "d" / "2025-budget")
    sections = package / "sections.csv"
    text = sections.read_text(encoding="utf-8")
    assert text.count("较上年增加609.33万元") == 1
    sections.write_text(text.replace("较上年增加609.33万元", "较上年增加619.33万元"), encoding="utf-8")
    wrong = [f for f in _found(package) if f.cls == "inconsistency"]
    assert len(wrong) == 1 and wrong[0].difference == Decimal(-100000 + 200)
