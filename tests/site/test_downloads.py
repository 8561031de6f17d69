import io
import json
import sqlite3
import zipfile
from decimal import Decimal

from openpyxl import load_workbook

from generator.model.packages import read_package
from generator.site.downloads import BOM, as_json, csv_with_bom, package_zip, xlsx
from tests.site.sitedata import ROOT

YUXI = ROOT / "data" / "packages" / "530400-zuzhibu" / "2020-final"


def test_csv_is_the_package_file_behind_a_bom():
    pkg = read_package(YUXI)
    res = pkg.resource("final_summary")
    assert csv_with_bom(pkg, res) == BOM + (YUXI / "tables" / "final_summary.csv").read_bytes()


def test_xlsx_is_byte_stable_and_keeps_values():
    res = read_package(YUXI).resource("final_income")
    data = xlsx(res)
    assert data == xlsx(res)
    ws = load_workbook(io.BytesIO(data)).active
    header = [c.value for c in ws[1]]
    assert "科目编码" in header and "本年收入合计" in header
    code, name, total = (header.index(t) + 1 for t in ("科目编码", "科目名称", "本年收入合计"))
    codes = [ws.cell(row=i, column=code).value for i in range(2, ws.max_row + 1)]
    assert "2013201" in codes  # codes stay text
    totals = {ws.cell(row=i, column=name).value: ws.cell(row=i, column=total).value for i in range(2, ws.max_row + 1)}
    assert Decimal(str(totals["合计"])) == Decimal("64419257.01")


def test_json_numbers_equal_the_package():
    pkg = read_package(YUXI)
    doc = json.loads(as_json(pkg, pkg.resource("final_summary")), parse_float=Decimal)
    row = next(r for r in doc["rows"] if r["item"] == "本年收入合计")
    assert row["amount"] == Decimal("64419257.01")


def test_package_zip_holds_every_file_and_is_stable():
    pkg = read_package(YUXI)
    data = package_zip(pkg)
    assert data == package_zip(pkg)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "530400-zuzhibu-2020-final/datapackage.json" in names
    assert "530400-zuzhibu-2020-final/tables/three_public.csv" in names


def test_sqlite_database_in_the_built_site(site):
    db = sqlite3.connect(site / "downloads" / "transparency.sqlite")
    (value,) = db.execute(
        "SELECT value_text FROM facts WHERE package = '511181-zuzhibu-2020-final' AND measure = 'income_total' AND kind = 'amount'"
    ).fetchone()
    assert value == "11917100.00"
    assert db.execute("SELECT count(*) FROM final_summary WHERE package = '530400-zuzhibu-2020-final'").fetchone()[0] > 0
    assert db.execute("SELECT count(*) FROM findings").fetchone()[0] > 0
