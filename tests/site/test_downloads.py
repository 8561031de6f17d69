"""Downloads that explain themselves: Chinese titles with units for people (CSV, XLSX), ids with
titles and units for machines (JSON, the data package), README and LICENSE in every ZIP, findings
per disclosure and site-wide."""
import csv
import io
import json
import sqlite3
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from generator.model.packages import read_package
from generator.site.downloads import BOM, as_json, csv_for_people, package_zip, tables_zip, xlsx
from tests.site.sitedata import ROOT

PACKAGES = ROOT / "data" / "packages"
YUXI = PACKAGES / "530400-zuzhibu" / "2020-final"
BEIJING = PACKAGES / "110000-zdxmjszhbbgs" / "2026-budget"  # generic tables with multi-level headers


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM)
    return list(csv.reader(io.StringIO(data[len(BOM):].decode("utf-8"), newline="")))


def test_csv_for_people_has_chinese_titles_with_units_and_the_package_rows():
    pkg = read_package(YUXI)
    res = pkg.resource("final_income")
    header, *rows = _rows(csv_for_people(pkg, res))
    assert header[:6] == ["行号", "原文行（页）", "原文页码", "科目编码", "科目名称", "本年收入合计（元）"]
    assert "财政拨款收入（元）" in header and not any(h.isascii() for h in header)
    with open(YUXI / "tables" / "final_income.csv", encoding="utf-8", newline="") as fh:
        package_header, *package_rows = list(csv.reader(fh))
    assert package_header[5] == "income_total"  # the package keeps its ids
    assert rows == package_rows


def test_csv_header_of_a_printed_multi_level_table_keeps_its_path():
    pkg = read_package(BEIJING)
    header = _rows(csv_for_people(pkg, pkg.resource("generic_05")))[0]
    assert "预算数/合计（元）" in header and "功能分类科目/科目名称" in header


def _sheet(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def test_xlsx_merges_the_printed_header_freezes_it_and_formats_numbers():
    pkg = read_package(BEIJING)
    data = xlsx(pkg, pkg.resource("generic_05"))
    assert data == xlsx(pkg, pkg.resource("generic_05"))  # byte-stable
    ws = _sheet(data)
    assert ws["A1"].value.endswith("预算05表 一般公共预算支出表")
    assert ws["A2"].value.startswith("金额单位：元（原表：万元）") and "SHA-256" in ws["A2"].value
    merged = {str(r): ws[str(r).split(":")[0]].value for r in ws.merged_cells.ranges}
    assert merged["G4:L4"] == "预算数"  # one printed level over its six columns
    assert merged["E4:F4"] == "功能分类科目"
    assert merged["A4:A6"] == "行号"  # a one-level title spans the header's three rows
    assert ws["G5"].value == "合计（元）"
    assert ws.freeze_panes == "A7"
    row = next(r for r in range(7, ws.max_row + 1) if ws.cell(r, 6).value == "行政单位离退休")
    assert ws.cell(row, 7).value == 405094 and ws.cell(row, 7).number_format == "#,##0.00"
    assert ws.cell(row, 4).value == "2080501" and ws.cell(row, 4).number_format == "@"  # codes stay text
    assert ws.column_dimensions["F"].width > ws.column_dimensions["A"].width  # widths follow the text


def test_xlsx_of_a_standard_table_keeps_exact_values_and_codes_as_text():
    pkg = read_package(YUXI)
    ws = _sheet(xlsx(pkg, pkg.resource("final_income")))
    header = [c.value for c in ws[4]]
    assert "本年收入合计（元）" in header and ws.freeze_panes == "A6"  # 事业收入/小计: two levels
    assert ws["I4"].value == "事业收入" and ws["I5"].value == "小计（元）"
    code, name, total = (header.index(t) + 1 for t in ("科目编码", "科目名称", "本年收入合计（元）"))
    codes = [ws.cell(row=i, column=code).value for i in range(6, ws.max_row + 1)]
    assert "2013201" in codes
    totals = {ws.cell(row=i, column=name).value: ws.cell(row=i, column=total).value for i in range(6, ws.max_row + 1)}
    assert Decimal(str(totals["合计"])) == Decimal("64419257.01")


def test_json_keeps_ids_and_says_titles_and_units():
    pkg = read_package(YUXI)
    doc = json.loads(as_json(pkg, pkg.resource("final_summary")), parse_float=Decimal)
    row = next(r for r in doc["rows"] if r["item"] == "本年收入合计")
    assert row["amount"] == Decimal("64419257.01")
    amount = next(f for f in doc["fields"] if f["name"] == "amount")
    assert amount["unit"] == "元" and amount["title"]
    assert "unit" not in next(f for f in doc["fields"] if f["name"] == "item")


def _zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_package_zip_holds_every_file_a_readme_and_a_licence():
    pkg = read_package(YUXI)
    data = package_zip(pkg)
    assert data == package_zip(pkg)
    files = _zip(data)
    prefix = "530400-zuzhibu-2020-final/"
    assert files[prefix + "datapackage.json"] == (YUXI / "datapackage.json").read_bytes()  # unchanged
    assert prefix + "tables/three_public.csv" in files
    readme = files[prefix + "README.md"].decode("utf-8")
    for words in ("## 单位", "金额单位为元", "## 来源", pkg.source["sha256"], "## 许可", "CC-BY-4.0", "## 引用",
                  pkg.title):
        assert words in readme
    assert "creativecommons.org/licenses/by/4.0" in files[prefix + "LICENSE.txt"].decode("utf-8")


def test_tables_zip_names_tables_by_their_titles_with_csv_xlsx_and_findings():
    pkg = read_package(YUXI)
    made = {r.name: (csv_for_people(pkg, r), xlsx(pkg, r)) for r in pkg.resources if r.table}
    files = _zip(tables_zip(pkg, [], made))
    names = [n.split("/", 1)[1] for n in files]
    assert {"README.md", "LICENSE.txt", "核对发现.csv", "核对发现.json"} <= set(names)
    assert any(n.endswith("收入支出决算总表.csv") for n in names)
    assert any(n.endswith("收入支出决算总表.xlsx") for n in names)
    assert not any("final_summary" in n for n in names)


def test_site_offers_findings_and_all_tables_and_facts_have_no_twin_columns(site):
    downloads = site / "downloads"
    with open(downloads / "all-facts.csv", encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh))
    assert len(header) == len(set(header)) and "disclosure_kind" in header and "kind" in header
    with open(downloads / "findings.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == "公开文件（package）" and len(rows) > 30
    site_json = json.loads((downloads / "findings.json").read_text(encoding="utf-8"))
    per_package = json.loads((downloads / "530400-zuzhibu" / "2020-final" / "findings.json").read_text(encoding="utf-8"))
    assert per_package in site_json["disclosures"] and per_package["findings"]
    assert sum(len(d["findings"]) for d in site_json["disclosures"]) == len(rows) - 1
    files = _zip((downloads / "all-tables.zip").read_bytes())
    assert {"README.md", "LICENSE.txt", "all-facts.csv", "findings.csv", "findings.json"} <= set(files)
    inner = _zip(files["530400-zuzhibu/2020-final.zip"])
    assert "530400-zuzhibu-2020-final/README.md" in inner


def test_data_page_names_tables_by_their_chinese_titles(site):
    html = (site / "data" / "index.html").read_text(encoding="utf-8")
    assert "收入支出决算总表" in html and '<li class="tp-res">final_summary' not in html
    assert "530400-zuzhibu-2020-final-tables.zip" in html and "findings.csv" in html


def test_sqlite_database_in_the_built_site(site):
    db = sqlite3.connect(site / "downloads" / "transparency.sqlite")
    (value,) = db.execute(
        "SELECT value_text FROM facts WHERE package = '511181-zuzhibu-2020-final' AND measure = 'income_total' AND kind = 'amount'"
    ).fetchone()
    assert value == "11917100.00"
    assert db.execute("SELECT count(*) FROM final_summary WHERE package = '530400-zuzhibu-2020-final'").fetchone()[0] > 0
    assert db.execute("SELECT count(*) FROM findings").fetchone()[0] > 0


@pytest.mark.slow  # builds a site of two packages
def test_the_publishers_address_is_linked_and_written_in_the_downloads(tmp_path):
    import shutil

    from generator.site.build import run_build

    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ROOT / "data" / "departments.csv", data / "departments.csv")
    for rel, url in (("530400-zuzhibu/2020-final", "https://example.gov.cn/yuxi-2020.pdf"),
                     ("511181-zuzhibu/2020-final", "javascript:alert(1)")):
        target = data / "packages" / rel
        shutil.copytree(PACKAGES / rel, target)
        descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
        descriptor["source"]["url"] = url
        (target / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=1), encoding="utf-8")
    assert run_build(data, tmp_path / "site", echo=lambda _: None) == 0
    html = (tmp_path / "site" / "data" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.gov.cn/yuxi-2020.pdf"' in html
    assert "javascript:alert" not in html  # an address that is no web address is not linked
    files = _zip((tmp_path / "site" / "downloads" / "530400-zuzhibu" / "2020-final"
                  / "530400-zuzhibu-2020-final-tables.zip").read_bytes())
    assert "原始地址：https://example.gov.cn/yuxi-2020.pdf" in files["530400-zuzhibu-2020-final/README.md"].decode("utf-8")
    ws = _sheet(files["530400-zuzhibu-2020-final/01 公开01表 收入支出决算总表.xlsx"])
    assert ws["A2"].value.endswith("原始地址 https://example.gov.cn/yuxi-2020.pdf")
