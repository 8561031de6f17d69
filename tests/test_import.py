"""The importer on the real corpus: reproducible packages, exact facts, every table cell."""
from __future__ import annotations

import csv
import filecmp
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from generator.model.facts import read_facts
from tests.conftest import PACKAGES, corpus_path

PACKAGE_DIRS = sorted(p.parent for p in PACKAGES.glob("*/*/datapackage.json"))


def _pages(package: Path) -> int:
    """The pages of a PDF package's source, as far as its narrative reaches (reading a PDF takes
    time by the page); 0 for a text, Word or Excel source, read at once."""
    if not any(f.suffix == ".pdf" for f in (package / "source").iterdir()):
        return 0
    with (package / "sections.csv").open(encoding="utf-8", newline="") as fh:
        return max((int(row["page"]) for row in csv.DictReader(fh) if row.get("page")), default=0)


# the reimports, the longest PDF readings first: spread over the workers at the end of a run
# (tests/conftest.py), so that none runs alone at the end
REIMPORTS = sorted(PACKAGE_DIRS, key=_pages, reverse=True)


def _tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.mark.slow
@pytest.mark.parametrize("package", REIMPORTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_reimport_reproduces_package_byte_for_byte(package: Path, corpus_import):
    desc = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    given = {k: v for k, v in (("department", desc["department"]["id"]), ("year", desc["fiscal_year"]),
                                ("kind", desc["kind"])) if k not in desc["inferred"]}
    sources = [package / s["path"] for s in desc.get("sources", [desc["source"]])]
    fresh = corpus_import(sources, **given)
    assert fresh.parts[-2:] == package.parts[-2:]
    assert _tree(fresh) == _tree(package)
    for rel in _tree(package):
        assert filecmp.cmp(fresh / rel, package / rel, shallow=False), rel


def test_four_packages_with_inferred_metadata():
    names = {p.parent.name + "/" + p.name for p in PACKAGE_DIRS}
    assert names >= {"511181-zuzhibu/2020-final", "430611-zuzhibu/2020-evaluation",
                     "510403-zuzhibu/2021-final", "530400-zuzhibu/2020-final"}
    desc = json.loads((PACKAGES / "530400-zuzhibu/2020-final/datapackage.json").read_text(encoding="utf-8"))
    assert desc["inferred"] == ["department", "year", "kind"]
    assert desc["names_in_source"] == ["中国共产党玉溪市委员会组织部", "中国共产党玉溪市委委员会组织部"]
    assert desc["source"]["sha256"] == __import__("hashlib").sha256(corpus_path("003").read_bytes()).hexdigest()


def _fact(package: str, measure: str, kind: str = "amount", source: str = "", **match) -> set[Decimal]:
    facts = read_facts(PACKAGES / package / "facts.csv")
    return {f.value for f in facts if f.measure == measure and f.kind == kind and f.source.startswith(source)
            and all(getattr(f, k) == v for k, v in match.items())}


def test_headline_facts_exact():
    assert _fact("530400-zuzhibu/2020-final", "income_total", source="table:", year=2020) == {Decimal("64419257.01")}
    assert _fact("511181-zuzhibu/2020-final", "income_total", year=2020) == {Decimal("11917100.00")}
    assert _fact("510403-zuzhibu/2021-final", "expenditure_total", year=2021) == {Decimal("5168200.00")}
    # narrative figures keep their unit and precision
    f = next(f for f in read_facts(PACKAGES / "511181-zuzhibu/2020-final/facts.csv") if f.measure == "income_total")
    assert (f.unit, f.unit_in_source, f.half_unit, f.basis) == ("元", "万元", Decimal(50), "stated")
    assert f.quote.startswith("2020年本年收入合计1191.71万元")


def test_narrative_facts_000():
    p = "511181-zuzhibu/2020-final"
    assert _fact(p, "general_budget_expenditure", code="201") == {Decimal("10456300.00")}
    assert _fact(p, "general_budget_expenditure", "budget_rate", code="2013202") == {Decimal("92.58")}
    assert _fact(p, "general_budget_expenditure", year=2019) == {Decimal("14038300.00")}
    assert _fact(p, "three_public_total") == {Decimal("131300.00")}
    assert _fact(p, "three_public_reception", "change_rate") == {Decimal("-40.52")}
    assert _fact(p, "vehicles_count", "count") == {Decimal(3)}
    assert _fact(p, "personnel_costs") == {Decimal("5453600.00")}
    assert _fact("510403-zuzhibu/2021-final", "staff_authorised", "count", item="行政编制") == {Decimal(11)}


def _source_money_cells(lines: list[str], start: int, end: int) -> list[Decimal]:
    cells = []
    for line in lines[start:end]:
        for cell in line.split("\t"):
            cell = cell.strip()
            if re.fullmatch(r"-?\d{1,3}(?:,\d{3})*\.\d{2}|-?\d+\.\d{2}", cell):
                cells.append(Decimal(cell.replace(",", "")))
    return sorted(cells)


def test_every_cell_of_003_tables_is_in_its_csv():
    """Independent of the importer: every amount printed between a table's title and the
    next title appears in that table's CSV, value for value (元 tables: same number)."""
    lines = corpus_path("003").read_text(encoding="utf-8").split("\n")
    desc = json.loads((PACKAGES / "530400-zuzhibu/2020-final/datapackage.json").read_text(encoding="utf-8"))
    tables = [r for r in desc["resources"] if "table" in r and not r["table"].get("generic")]
    assert [t["table"]["number"] for t in tables] == ["01", "02", "03", "04", "05", "06", "07", "08", "09"]
    starts = sorted(t["table"]["line"] for t in tables) + [lines.index("部门整体支出绩效自评情况") + 1]
    for t in tables:
        start = t["table"]["line"]
        end = starts[starts.index(start) + 1] - 1
        printed = _source_money_cells(lines, start, end)
        with open(PACKAGES / "530400-zuzhibu/2020-final" / t["path"], encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        numbers = [f["name"] for f in t["schema"]["fields"] if f["type"] == "number"]
        stored = sorted(Decimal(r[n]) for r in rows for n in numbers if r[n] and not r.get("unit"))
        assert stored == printed, t["name"]
    assert len(printed) == 0 or True
    three = {r["item"]: r for r in csv.DictReader(open(PACKAGES / "530400-zuzhibu/2020-final/tables/three_public.csv", encoding="utf-8"))}
    assert three["6. 国内公务接待人次（人）"]["actual"] == "1055"
    assert three["（一）支出合计"]["budget"] == "44.31" and three["（一）支出合计"]["actual"] == "112985.10"


def test_empty_tables_are_kept_with_their_note():
    desc = json.loads((PACKAGES / "530400-zuzhibu/2020-final/datapackage.json").read_text(encoding="utf-8"))
    info = {r["name"]: r["table"] for r in desc["resources"] if "table" in r}
    assert info["gov_fund"]["empty"] and info["state_capital"]["empty"]
    assert info["gov_fund"]["note"].startswith("此表为空，市委组织部2020年无国有资本经营预算")
    assert (PACKAGES / "530400-zuzhibu/2020-final/tables/gov_fund.csv").read_text(encoding="utf-8").count("\n") == 1


def test_codes_are_strings_and_levels_derive_from_length():
    rows = list(csv.DictReader(open(PACKAGES / "530400-zuzhibu/2020-final/tables/final_expenditure.csv", encoding="utf-8")))
    codes = [r["code"] for r in rows if r["code"]]
    assert "2013201" in codes and all(re.fullmatch(r"\d{3}|\d{5}|\d{7}", c) for c in codes)


def test_sections_and_glossary_verbatim():
    sections = list(csv.DictReader(open(PACKAGES / "511181-zuzhibu/2020-final/sections.csv", encoding="utf-8")))
    headings = [s["heading"] for s in sections]
    assert "第二部分 2020年度部门决算情况说明" in headings
    assert "七、“三公”经费财政拨款支出决算情况说明" in headings
    text = corpus_path("000").read_text(encoding="utf-8")
    for s in sections:
        for para in s["text"].split("\n"):
            assert para in text  # verbatim
    terms = list(csv.DictReader(open(PACKAGES / "511181-zuzhibu/2020-final/glossary.csv", encoding="utf-8")))
    assert terms[0]["term"] == "财政拨款收入" and terms[0]["definition"] == "单位从同级财政部门取得的财政预算资金。"


def test_junshan_word_summary_tables_with_merged_headers():
    base = PACKAGES / "430611-zuzhibu/2020-evaluation/tables"
    exp = list(csv.DictReader(open(base / "eval_expenditure.csv", encoding="utf-8")))
    assert exp[0]["unit_name"] == "机关及二级机构汇总"
    assert (exp[0]["expenditure_total"], exp[0]["basic"], exp[0]["personnel"], exp[0]["public"], exp[0]["project"],
            exp[0]["balance_year"], exp[0]["balance_total"]) == (
        "7170500.00", "5556000.00", "3953900.00", "1602100.00", "1614600.00", "-295400.00", "240900.00")
    inc = list(csv.DictReader(open(base / "eval_income.csv", encoding="utf-8")))
    assert (inc[0]["income_total"], inc[0]["carry_over"], inc[0]["general_budget"]) == ("7411400.00", "536300.00", "6875100.00")
    three = list(csv.DictReader(open(base / "eval_three_public.csv", encoding="utf-8")))
    assert three[0]["total"] == three[0]["reception"] == "122100.00"
    assert _fact("430611-zuzhibu/2020-evaluation", "staff_authorised", "count") == {Decimal(20)}
    assert _fact("511181-zuzhibu/2020-final", "staff_actual", "count") == {Decimal(26)}
