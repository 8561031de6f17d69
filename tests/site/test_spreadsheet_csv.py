"""The CSV downloads are for spreadsheets: a cell that Excel would run as a formula is written
with a leading ' (OWASP), numbers stay numbers, and the package's own CSV keeps the exact text."""
from __future__ import annotations

import csv
import io
import json
import shutil

from generator.model.packages import read_package
from generator.site.dataset import facts_rows
from generator.site.downloads import as_json, csv_for_people
from generator.site.spreadsheet import safe_cell, safe_csv
from tests.conftest import PACKAGES

HOSTILE = ['=HYPERLINK("https://example.org/x","点击")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)",
           "\t=1+1", "=100%"]


def test_formula_like_cells_get_a_quote_and_numbers_do_not():
    for text in HOSTILE:
        assert safe_cell(text) == "'" + text
    for text in ["-1234.50", "+12", "-0.5%", "1,234.00", "组织部", "", "a=b", "2020-final"]:
        assert safe_cell(text) == text
    assert safe_cell(-5) == -5


def test_a_file_without_such_cells_is_kept_byte_for_byte():
    data = (PACKAGES / "530400-zuzhibu" / "2020-final" / "tables" / "final_summary.csv").read_bytes()
    assert safe_csv(data) == data


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_downloads_neutralise_hostile_cells_and_the_package_keeps_them(tmp_path):
    root = tmp_path / "2020-final"
    shutil.copytree(PACKAGES / "530400-zuzhibu" / "2020-final", root)
    path = root / "sections.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row, text in zip(rows, HOSTILE):
        row["heading"] = text
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    package = read_package(root)
    sections = package.resource("sections")
    download = csv_for_people(package, sections)
    headings = [r[2] for r in _rows(download)[1:len(HOSTILE) + 1]]
    assert headings == ["'" + text for text in HOSTILE]
    assert [r[2] for r in _rows(path.read_bytes())[1:len(HOSTILE) + 1]] == HOSTILE  # the package: exact text
    data = json.loads(as_json(package, sections))
    assert [r["heading"] for r in data["rows"][:len(HOSTILE)]] == HOSTILE  # JSON: exact text
    other = _rows(download)[len(HOSTILE) + 1:]
    assert other == _rows(path.read_bytes())[len(HOSTILE) + 1:]  # every other cell as in the package


def test_all_facts_rows_neutralise_a_hostile_quote():
    package = read_package(PACKAGES / "530400-zuzhibu" / "2020-final")
    fact = package.facts[0]
    hostile = type(package)(package.root, package.descriptor, package.resources,
                            (type(fact)(**{**fact.__dict__, "quote": "=1+1", "value": -fact.value}),))
    (row,) = _rows(facts_rows(hostile))
    assert "'=1+1" in row and str(-fact.value) in row
