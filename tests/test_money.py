"""Exact money (model/money.py): printed amounts parsed to Decimal, units converted to 元 to the
fen, and the half unit of the last printed digit that every comparison's tolerance is made of."""
from __future__ import annotations

from decimal import Decimal

import pytest

from generator.model.money import (
    AmountError,
    decimals_of,
    fmt_yuan,
    half_unit,
    parse_number,
    table_half_unit,
    to_yuan,
)


@pytest.mark.parametrize(("printed", "value"), [
    ("64,415,757.01", Decimal("64415757.01")),  # 玉溪 2020 公开01表
    ("1191.71", Decimal("1191.71")),
    ("(1.5)", Decimal("-1.5")),  # accountants' negative
    ("－295,400.00", Decimal("-295400.00")),  # full-width minus
    ("﹣3", Decimal("-3")),
    ("+7", Decimal("7")),
    ("99.69%", Decimal("99.69")),
    (" 1 234，5.00\u3000", Decimal("12345.00")),  # spaces and a full-width comma
    ("0.00", Decimal("0.00")),
])
def test_printed_numbers_parse_exactly(printed, value):
    parsed = parse_number(printed)
    assert parsed == value and str(parsed) == str(value)  # the printed digits kept, not a float


@pytest.mark.parametrize("blank", [None, "", "  ", "—", "-", "--", "——", "/", "－", "…", "*", "***"])
def test_blank_cells_are_no_value(blank):
    assert parse_number(blank) is None


@pytest.mark.parametrize("text", ["1.2.3", "12万", "abc", "1e5", "(−)"])
def test_what_is_not_a_number_is_an_error(text):
    with pytest.raises(AmountError, match="not a number"):
        parse_number(text)


def test_decimals_as_printed():
    assert [decimals_of(t) for t in ("2,940.05", "17,192", "99.869%", "0.5")] == [2, 0, 3, 1]


def test_units_convert_to_yuan_to_the_fen():
    assert to_yuan(Decimal("1191.71"), "万元") == Decimal("11917100.00")  # 峨眉山 2020 本年收入合计
    assert to_yuan(Decimal("3.1415"), "万元") == Decimal("31415.00")
    assert to_yuan(Decimal("0.123456"), "亿元") == Decimal("12345600.00")
    assert to_yuan(Decimal("12.3456"), "千元") == Decimal("12345.60")
    assert str(to_yuan(Decimal("64415757.014"), "元")) == "64415757.01"
    assert fmt_yuan(Decimal("5")) == "5.00" and fmt_yuan(Decimal("-0.5")) == "-0.50"


@pytest.mark.parametrize(("unit", "decimals", "half"), [
    ("万元", 2, "50"),  # 2,940.05 万元 → ±50 元
    ("万元", 0, "5000"),  # 17,192 万元 → ±5,000 元
    ("万元", 4, "0.5"),
    ("元", 2, "0.005"),
    ("元", 0, "0.5"),
    ("亿元", 2, "500000"),
    ("千元", 1, "50"),
])
def test_half_a_unit_of_the_last_printed_digit(unit, decimals, half):
    assert str(half_unit(unit, decimals)) == half


def test_table_cells_in_yuan_to_the_fen_are_exact():
    assert table_half_unit("元") == 0  # accounts are kept to the fen
    assert table_half_unit("元", 0) == Decimal("0.5")  # whole 元: ±0.5
    assert table_half_unit("万元") == Decimal(50)
