"""The generic rules (generator/validate/rules/generic.py) on a synthetic package written with the
importer's writer: one generic table printed in 万元 to two decimals (±50 元 a figure), whose
类 = Σ款 = Σ项 and 合计 = Σ类 hold until one cell is changed."""
from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

from generator.model.facts import FIELD_ORDER
from generator.model.package import Resource, field_, write_package
from generator.validate.api import validate_package

# code, name, 合计, 基本支出, 项目支出, 比上年增减, 2025年预算数 (万元, as printed)
ROWS = [
    ("", "合计", "300.00", "250.00", "50.00", "-12.00", "280.00"),
    ("201", "一般公共服务支出", "200.00", "150.00", "50.00", "3.00", "190.00"),
    ("20101", "人大事务", "120.00", "100.00", "20.00", "1.00", "110.00"),
    ("2010101", "行政运行", "100.00", "100.00", "", "7.00", "90.00"),
    ("2010102", "一般行政管理事务", "20.00", "", "20.00", "", "25.00"),
    ("20103", "政府办公厅（室）及相关机构事务", "80.00", "50.00", "30.00", "-4.00", "80.00"),
    ("2010301", "行政运行", "50.00", "50.00", "", "2.50", "41.00"),
    ("2010350", "事业运行", "30.00", "", "30.00", "", "39.00"),
    ("208", "社会保障和就业支出", "100.00", "100.00", "", "-15.00", "90.00"),
    ("20805", "行政事业单位养老支出", "100.00", "100.00", "", "-15.00", "90.00"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "60.00", "60.00", "", "-9.00", "50.00"),
    ("2080506", "机关事业单位职业年金缴费支出", "40.00", "40.00", "", "-6.00", "35.00"),
]
HEADERS = ["科目编码", "科目名称", "合计", "基本支出", "项目支出", "比上年增减", "2025年预算数"]
AMOUNTS = {"c3", "c4", "c5", "c6", "c7"}


def _yuan(printed: str) -> str:
    return "" if not printed else str((Decimal(printed) * 10000).quantize(Decimal("0.01")))


def _generic(name: str, rows: list[tuple], title: str, first_line: int = 10) -> Resource:
    fields = [field_("row", "integer", title="行号", constraints={"required": True}),
              field_("source_line", "integer", title="原文行（页）"),
              field_("source_page", "integer", title="原文页码"),
              field_("code", title="科目编码")]
    fields += [field_(f"c{k}", "number", title=h, column_type="value") if f"c{k}" in AMOUNTS else field_(f"c{k}", title=h)
               for k, h in enumerate(HEADERS, start=1)]
    out = []
    for n, (code, name_, *amounts) in enumerate(rows, start=1):
        row = {"row": n, "source_line": first_line + n, "source_page": 5, "code": code, "c1": code, "c2": name_}
        row.update({f"c{k}": _yuan(v) for k, v in enumerate(amounts, start=3)})
        out.append(row)
    info = {"id": "generic", "title": title, "number": "", "unit": "万元", "note": "", "empty": False,
            "line": first_line, "generic": True, "page": 5}
    return Resource(name, f"tables/{name}.csv", fields, out, title=title, extra={"table": info})


def write(tmp: Path, tables: list[tuple[str, list[tuple]]]) -> Path:
    """A budget package of 2026 holding the given generic tables ((title, rows) each), nothing else."""
    tmp.mkdir(parents=True, exist_ok=True)
    source = tmp / "source.txt"
    source.write_text("某部门2026年部门预算\n", encoding="utf-8")
    facts = Resource("facts", "facts.csv", [field_(f, {"year": "integer", "value": "number", "half_unit": "number",
                                                        "line": "integer", "page": "integer"}.get(f, "string"))
                                            for f in FIELD_ORDER], [])
    sections = Resource("sections", "sections.csv",
                        [field_(f, {"level": "integer", "line": "integer", "page": "integer"}.get(f, "string"))
                         for f in ("id", "number", "heading", "level", "parent", "line", "page", "text")], [])
    generic = [_generic(f"generic_{k:02d}", rows, title, 10 + 100 * k) for k, (title, rows) in enumerate(tables, start=1)]
    data = source.read_bytes()
    descriptor = {"profile": "tabular-data-package", "name": "110000-test-2026-budget", "title": "测试部门 2026年度部门预算",
                  "department": {"id": "110000-test", "name": "测试部门"}, "fiscal_year": 2026, "kind": "budget",
                  "currency": "CNY", "source": {"path": "source/source.txt", "sha256": hashlib.sha256(data).hexdigest(),
                                                "bytes": len(data), "format": "txt"}}
    target = tmp / "packages/110000-test/2026-budget"
    write_package(target, descriptor, generic + [facts, sections], source)
    return target


def changed(rows: list[tuple], code: str, column: int, value: str) -> list[tuple]:
    """The rows with one printed figure changed (column 2 = 合计, 3 = 基本支出, 4 = 项目支出 …)."""
    return [r[:column] + (value,) + r[column + 1:] if r[0] == code or (not code and r[1] == "合计") else r for r in rows]


def generic_findings(pkg: Path) -> list:
    report = validate_package(pkg)
    assert report.errors == []
    return [f for f in report.findings if f.cls != "notice"]


TITLE = "一般公共预算支出情况表"


def test_a_correct_table_stays_silent(tmp_path: Path):
    # the 比上年增减 and 2025年预算数 columns do not add up, and are not checked
    assert generic_findings(write(tmp_path, [(TITLE, ROWS)])) == []


def test_a_kuan_one_hundredth_off_is_a_rounding_difference(tmp_path: Path):
    # 20101 printed 120.01 万元: 201 = 200.00 against its 款 200.01, and 20101 against its 项 120.00
    [f] = generic_findings(write(tmp_path, [(TITLE, changed(ROWS, "20101", 2, "120.01"))]))
    assert (f.rule, f.cls) == ("generic-code-tree", "rounding")
    assert abs(f.difference) == Decimal(100) and f.tolerance == Decimal(150)
    assert {p.message for p in f.places} == {
        f"{TITLE}：科目 201 一般公共服务支出 与其下级科目之和不符（合计）",
        f"{TITLE}：科目 20101 人大事务 与其下级科目之和不符（合计）"}


def test_a_xiang_beyond_rounding_is_an_inconsistency(tmp_path: Path):
    # 2080506 printed 41.00 万元 instead of 40.00: 20805 = 100.00 against its 项 101.00
    [f] = generic_findings(write(tmp_path, [(TITLE, changed(ROWS, "2080506", 2, "41.00"))]))
    assert (f.rule, f.cls) == ("generic-code-tree", "inconsistency")
    assert f.message.startswith(f"{TITLE}：科目 20805 行政事业单位养老支出 与其下级科目之和不符（合计）")
    assert f.difference == Decimal(-10000) and f.tolerance == Decimal(150)
    assert f.figures[0].page == 5 and f.figures[0].quote == "20805 行政事业单位养老支出"


def test_the_total_row_against_its_classes(tmp_path: Path):
    [f] = generic_findings(write(tmp_path, [(TITLE, changed(ROWS, "", 3, "251.00"))]))
    assert (f.rule, f.cls) == ("generic-total", "inconsistency")
    assert f.message.startswith(f"{TITLE}：“合计”与各类之和不符（基本支出）") and f.difference == Decimal(10000)
    # 项目支出 50.01 against 201's 50.00 (208 prints none): within the ±50 元 of each of the two figures
    [f] = generic_findings(write(tmp_path / "b", [(TITLE, changed(ROWS, "", 4, "50.01"))]))
    assert (f.rule, f.cls) == ("generic-total", "rounding") and f.tolerance == Decimal(100)


def test_what_the_table_does_not_show_by_itself_is_not_checked(tmp_path: Path):
    wrong = changed(ROWS, "", 2, "999.00")  # a total that agrees with nothing
    wrong = changed(wrong, "20805", 2, "77.00")
    # codes printed twice (a second unit's 208 after the first's): those families and the total are left alone
    twice = wrong + [("208", "社会保障和就业支出", "5.00", "5.00", "", "", ""),
                     ("20805", "行政事业单位养老支出", "5.00", "5.00", "", "", "")]
    assert generic_findings(write(tmp_path / "twice", [(TITLE, twice)])) == []
    # a 项 printed without its 款: 208 is not checked against a partial list of 款
    orphan = [r for r in ROWS if r[0] != "20805"] + [("2089901", "其他社会保障和就业支出", "1.00", "1.00", "", "", "")]
    assert [f.message for f in generic_findings(write(tmp_path / "orphan", [(TITLE, orphan)]))] == []
    # a 收支总表 is a ledger of two sides, not a code tree
    assert generic_findings(write(tmp_path / "ledger", [("收支预算总表", wrong)])) == []
    # the table goes on in an untitled table (a page the importer could not join): its total and
    # the family it ends in are not all there
    first, rest = ROWS[:10], ROWS[10:]
    assert generic_findings(write(tmp_path / "split", [(TITLE, first), ("", rest)])) == []


def test_changes_rates_and_other_years_are_not_added_up(tmp_path: Path):
    rows = changed(changed(ROWS, "201", 5, "3.50"), "201", 6, "1.00")  # 比上年增减, 2025年预算数
    assert generic_findings(write(tmp_path, [(TITLE, rows)])) == []
