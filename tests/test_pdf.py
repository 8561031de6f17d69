"""Published PDFs (../shared/corpus/pdf beside the clone): every file imports and validates,
tables are read from the page layout, every figure keeps its page."""
from __future__ import annotations

import csv
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator.ingest.formats.pdf import read_pdf
from generator.ingest.importer import import_document
from generator.ingest.items import DocumentError, Paragraph, Row
from generator.model.facts import read_facts
from generator.validate.api import validate_package
from tests.conftest import PACKAGES, ROOT, SHARED, needs_shared
from tests.pdf_fixtures import figures_as_separate_objects

PDFS = SHARED / "corpus" / "pdf"
needs_corpus = needs_shared(PDFS)
TEMPLATE = "sh-2024-final-template.pdf"
REGISTRY = ROOT / "data" / "departments.csv"


def _pdfs() -> list[Path]:
    return sorted(PDFS.glob("*.pdf")) if PDFS.is_dir() else []


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> Path:
    """The registry plus the template's placeholder department (上海市XX局)."""
    path = tmp_path_factory.mktemp("registry") / "departments.csv"
    shutil.copyfile(REGISTRY, path)
    with path.open("a", encoding="utf-8") as fh:
        fh.write("310000-template,上海市XX局,,上海市,上海市,,310000,city,模板\n")
    return path


@pytest.fixture(scope="module")
def imported(corpus_import, registry) -> dict[str, Path]:
    """Every corpus PDF imported on its own (once per session: conftest.corpus_import): file name → package folder."""
    return {pdf.name: corpus_import([pdf], registry=registry if pdf.name == TEMPLATE else None) for pdf in _pdfs()}


@needs_corpus
@pytest.mark.parametrize("name", [p.name for p in _pdfs()])
def test_every_pdf_imports_and_validates_without_errors(imported, name):
    report = validate_package(imported[name])
    assert report.errors == [], [e.message for e in report.errors]


def _tables(package: Path) -> dict[str, dict]:
    """The recognised tables of a package (the generic ones — tables kept as printed — apart)."""
    desc = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: r for r in desc["resources"] if "table" in r and not r["table"].get("generic")}


def _generic(package: Path) -> list[str]:
    desc = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    return [r["title"] for r in desc["resources"] if r.get("table", {}).get("generic")]


@needs_corpus
def test_the_templates_nine_tables_are_recognised(imported):
    tables = _tables(imported[TEMPLATE])
    assert set(tables) == {"final_summary", "final_income", "final_expenditure", "fiscal_summary", "general_budget",
                           "general_budget_basic", "fiscal_three_public", "gov_fund", "state_capital"}
    assert all(t["table"]["unit"] == "万元" for t in tables.values())
    assert _generic(imported[TEMPLATE]) == ["第4页表格"]  # the template's list of units (上海市XX局（本级）…), kept
    assert validate_package(imported[TEMPLATE]).errors == []


@needs_corpus
@pytest.mark.parametrize("name, count", [
    ("sh-putuo-qzfb-2025-budget.pdf", 9), ("sh-putuo-swj-unit-2025-budget.pdf", 9),
    ("sh-putuo-wanli-street-2025-budget.pdf", 9), ("js-江苏省人大办公厅2017年度预算公开.pdf", 12),
    ("js-省人大办公厅2018预算公开.pdf", 12), ("js-江苏省政协办公厅2019年预算公开表.pdf", 12),
])
def test_budget_sets_are_recognised(imported, name, count):
    tables = _tables(imported[name])
    assert len(tables) == count
    assert json.loads((imported[name] / "datapackage.json").read_text(encoding="utf-8"))["kind"] == "budget"


def _rows(package: Path, table: str) -> list[dict]:
    with open(package / "tables" / f"{table}.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@needs_corpus
def test_side_by_side_panels_codes_in_columns_and_units(imported):
    summary = _rows(imported["js-江苏省政协办公厅2017年度部门预算公开表.pdf"], "budget_summary")
    sides = {r["side"] for r in summary}
    assert sides == {"收入", "支出/功能分类", "支出/支出用途"}
    purpose = {r["item"]: r["amount"] for r in summary if r["side"] == "支出/支出用途"}
    assert purpose["一、基本支出"] == "59162700.00"  # 5,916.27 万元
    basic = _rows(imported["sh-putuo-ghzyj-2024-final.pdf"], "general_budget_basic")
    assert {r["group"] for r in basic} == {"人员经费", "公用经费"}
    assert next(r for r in basic if r["code"] == "31002")["amount"] == "397600.00"
    income = _rows(imported["sh-putuo-qzfb-2025-budget.pdf"], "budget_income")
    assert next(r for r in income if r["name"] == "行政运行")["code"] == "2010301"  # printed '201 | 03 | 01'
    three = _rows(imported["sh-putuo-qzfb-2025-budget.pdf"], "budget_three_public")
    assert three[0]["total"] == "8675000.00"  # its own 单位：万元 beside tables in 元


@needs_corpus
def test_tables_spanning_pages_and_cells_broken_at_the_page_end(imported):
    package = imported["js-江苏省人大办公厅2017年度预算公开.pdf"]
    summary = _rows(package, "budget_summary")
    items = [r["item"] for r in summary]
    assert "八、社会保障和就业支出" in items and "当年收入小计" in items
    assert {r["source_page"] for r in summary} == {"7", "8", "9"}
    procurement = _rows(package, "budget_procurement")
    assert sum(1 for r in procurement if r["method"]) == 14 and procurement[0]["total"] == "22478500.00"


@needs_corpus
def test_every_cell_and_fact_has_its_page(imported):
    package = imported["sh-putuo-ghzyj-2024-final.pdf"]
    for name in _tables(package):
        assert all(r["source_page"] for r in _rows(package, name)), name
    facts = read_facts(package / "facts.csv")
    assert facts and all(f.page for f in facts)
    total = next(f for f in facts if f.measure == "total_income_expenditure" and f.source.startswith("section:"))
    assert (total.value, total.page) == (Decimal("98593800.00"), 20)
    with open(package / "sections.csv", encoding="utf-8") as fh:
        assert all(s["page"] for s in csv.DictReader(fh))


@needs_corpus
def test_a_disclosure_in_two_files_is_one_package(corpus_import):
    narrative, tables = PDFS / "js-江苏省政协办公厅2019年度部门预算.pdf", PDFS / "js-江苏省政协办公厅2019年预算公开表.pdf"
    package = corpus_import([narrative, tables])
    desc = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert [s["first_page"] for s in desc["sources"]] == [1, 19]
    assert desc["source"]["path"] == f"source/{narrative.name}" and len(list((package / "source").iterdir())) == 2
    assert min(int(r["source_page"]) for r in _rows(package, "budget_summary")) == 19


@needs_corpus
def test_unit_budget_is_its_own_package(imported):
    package = imported["sh-putuo-qzfb-unit-2025-budget.pdf"]
    desc = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert package.name == "2025-budget-unit" and desc["scope"] == "unit" and "scope" in desc["inferred"]
    assert desc["title"] == "上海市普陀区人民政府办公室 2025年度单位预算"


def test_figures_set_as_separate_text_objects_land_in_their_sentence(tmp_path):
    path = tmp_path / "figures.pdf"
    path.write_bytes(figures_as_separate_objects())
    items = read_pdf(path).items
    assert [i.text for i in items if isinstance(i, Paragraph)] == [
        "一、收入支出决算总体情况说明", "本年收入合计9746.50万元，其中：财政拨款收入9746.50万元，占100.00%。"]
    assert all(i.page == 1 for i in items) and not any(isinstance(i, Row) for i in items)


def test_a_scanned_pdf_is_named_as_such(tmp_path):
    from PIL import Image

    path = tmp_path / "scan.pdf"
    Image.new("RGB", (600, 800), "white").save(path)
    with pytest.raises(DocumentError, match="scanned"):
        read_pdf(path)
    assert import_document(path, out=tmp_path / "out", registry=REGISTRY, echo=lambda _: None) == 1


def test_a_broken_pdf_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nnot really\n")
    with pytest.raises(DocumentError, match="not a readable PDF"):
        read_pdf(path)


SHIPPED = {  # the inconsistencies of the shipped PDF packages (tests/reviewed_findings.csv says why each is true)
    "310107-ghzyj/2024-final": ["same-figure", "template-leftover"],
    "320000-renda-bgt/2017-budget": ["share"],
    "320000-renda-bgt/2018-budget": ["change", "template-leftover", "template-leftover"],
    "320000-renda-bgt/2019-budget": ["template-leftover"],
    "320000-zhengxie-bgt/2018-budget": ["template-leftover"],
    "320000-zhengxie-bgt/2019-budget": ["template-leftover"],
}


@pytest.mark.parametrize("package", sorted(p.parent.parent.name + "/" + p.parent.name
                                           for p in PACKAGES.glob("*/*/source/*.pdf")))
def test_shipped_pdf_packages_report_exactly_their_true_findings(package):
    findings = validate_package(PACKAGES / package).inconsistencies
    assert sorted(f.rule for f in findings) == sorted(SHIPPED.get(package, []))
