"""The validator on the shipped packages: exactly the findings the documents warrant."""
from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

from generator.cli import main
from generator.validate.api import validate_package
from generator.validate.rules import RULES
from tests.conftest import PACKAGES

YUXI = PACKAGES / "530400-zuzhibu/2020-final"
EMEI = PACKAGES / "511181-zuzhibu/2020-final"
JUNSHAN = PACKAGES / "430611-zuzhibu/2020-evaluation"
XIQU = PACKAGES / "510403-zuzhibu/2021-final"


def _rules(pkg: Path) -> list[str]:
    """The rules of the package's inconsistencies (the headline findings)."""
    return sorted(f.rule for f in validate_package(pkg).inconsistencies)


def test_validate_cli_exits_zero_and_json_lists_packages(capsys):
    assert main(["validate", str(PACKAGES), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["summary"]["errors"] == 0
    assert {p["name"] for p in doc["packages"]} >= {
        "530400-zuzhibu-2020-final", "511181-zuzhibu-2020-final", "430611-zuzhibu-2020-evaluation",
        "510403-zuzhibu-2021-final", "310107-ghzyj-2024-final", "310107-qzfb-2025-budget-unit"}
    for p in doc["packages"]:
        for f in p["findings"]:
            assert set(f) >= {"rule", "message", "figures", "difference", "tolerance", "class", "line", "places"}
            assert f["class"] in ("inconsistency", "rounding", "notice")
    summary = doc["summary"]
    assert summary["inconsistencies"] == sum(1 for p in doc["packages"] for f in p["findings"] if f["class"] == "inconsistency")
    assert summary["notices"] >= 1 and summary["rounding"] >= 1


def test_yuxi_findings_exactly():
    report = validate_package(YUXI)
    assert sorted(f.rule for f in report.inconsistencies) == sorted([
        "empty-table-note", "budget-actual-scale", "department-name", "code-name", "parts-sum"])
    assert report.rounding == []
    by = {f.rule: f for f in report.findings}
    # 公开09 预算数 in 万元 beside 决算 in 元: one defect, shown in two checks: the column against 决算数,
    # and the narrative's 44.31 万元 against the table's 44.31 "元"
    scale = by["budget-actual-scale"]
    assert "万元" in scale.message and len(scale.places) == 2
    assert any("一万倍" in p.message and p.rule == "same-figure" for p in scale.places)
    assert {Decimal("44.31"), Decimal("443100.00")} <= {fig.value for fig in scale.figures}
    # 公开10 writes 4901.56元 where 万元 is meant: the parts only add up read as 万元
    ps = by["parts-sum"]
    assert Decimal("4901.56") in {fig.value for fig in ps.figures} and "一万倍" in ps.message
    assert "国有资本经营" in by["empty-table-note"].message
    assert "中国共产党玉溪市委委员会组织部" in by["department-name"].message
    assert "30399" in by["code-name"].message
    # the reference code list's name for 30399 differs: the checker's limit, not a finding
    assert "code-reference" in [f.rule for f in report.notices]


def test_yuxi_identities_of_tables_01_to_06_stay_silent():
    rules = _rules(YUXI)
    for silent in ("ledger-totals", "code-tree", "row-identities", "item-sums", "basic-split", "tables-present"):
        assert silent not in rules


def test_emei_findings_exactly():
    findings = [f for f in validate_package(EMEI).findings if f.cls != "notice"]
    assert sorted(f.rule for f in findings) == sorted(
        ["change", "chart-data", "project-rate", "project-same-figure"] + ["template-leftover"] * 4)
    assert all(f.cls == "inconsistency" for f in findings)
    by = {f.rule: f for f in findings}
    rate = by["project-rate"]
    assert "人才工作经费" in rate.message and "67.27" in rate.message and "89.50" in rate.message
    # 公务接待费 减少1.24万元，下降40.52%: 1.24 ÷ (1.85 + 1.24) = 40.13%
    assert "40.52" in by["change"].message and "40.13" in by["change"].message
    leftovers = [f for f in findings if f.rule == "template-leftover"]
    # the same unfilled sentence for 教育, 科学技术, 文化旅游体育与传媒: one finding, three places
    triple = next(f for f in leftovers if "小于/等于" in f.message)
    assert "***（款）***（项）" in triple.message and len(triple.places) == 3
    assert any("主要用于…（具体工作）" in f.message for f in leftovers)
    # 峨眉微政务运行: the table says 执行数 8.50, the narrative (and the annexed report) 8.04
    assert {fig.value for fig in by["project-same-figure"].figures} == {Decimal("80400.00"), Decimal("85000.00")}
    # the chart data at the end: 一般公共服务 1186.22 (the general budget's total), the text 1045.63
    assert by["chart-data"].difference == Decimal(1405900)


def test_junshan_basic_expenditure_parts_do_not_add_up():
    report = validate_package(JUNSHAN)
    # 237.37 + 320.13 + 158.02 ≠ 555.6, and 320.13 is not 28.84 % of 555.6: one wrong figure, one finding
    [ps] = report.inconsistencies
    assert ps.rule == "parts-sum" and len(ps.places) == 2 and any("28.84" in p.message for p in ps.places)
    values = {fig.value for fig in ps.figures}
    assert {Decimal("5556000.00"), Decimal("2373700.00"), Decimal("3201300.00"), Decimal("1580200.00")} <= values
    # 717.05 (table) vs 555.60 + 161.46 = 717.06 (and the text's 717.06): rounding, listed apart
    [rounding] = report.rounding
    assert {Decimal("7170500.00"), Decimal("7170600.00")} <= {fig.value for fig in rounding.figures}
    assert abs(rounding.difference) <= rounding.tolerance


def test_xiqu_has_one_slip():
    """攀枝花西区 2021 prints one contradiction: “2021年财政拨款支出516.82万元，其中：一般公共预算财政拨款支出444.76万元，
    政府性基金预算财政拨款支出71.73万元” (516.49)."""
    [f] = [f for f in validate_package(XIQU).findings if f.cls != "notice"]
    assert (f.rule, f.cls, f.difference) == ("list-sum", "inconsistency", Decimal(3300))


def test_every_finding_has_figures_or_a_quoted_line():
    for pkg in (YUXI, EMEI, JUNSHAN):
        for f in validate_package(pkg).findings:
            assert f.line > 0, f
            if f.difference is not None and f.unit != "%":
                assert f.tolerance is not None
                if f.cls == "inconsistency":
                    assert abs(f.difference) > f.tolerance
                elif f.cls == "rounding":
                    assert 0 < abs(f.difference) <= f.tolerance


def test_rule_registry_is_documented():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)) >= 15
    assert all(r.title and r.description for r in RULES)


def test_a_changed_cell_is_reported(tmp_path: Path):
    pkg = tmp_path / "p"
    shutil.copytree(YUXI, pkg)
    path = pkg / "tables/final_expenditure.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("13541586.35", "13541586.36"), encoding="utf-8")
    findings = validate_package(pkg).findings
    # one cent more in one cell of a table printed to the fen: beyond rounding, one defect in two checks
    [f] = [f for f in findings if f.rule in ("code-tree", "row-identities")]
    assert f.cls == "inconsistency" and len(f.places) >= 2
    assert {p.rule for p in f.places} == {"code-tree", "row-identities"}


def test_github_format_annotates_source_lines(capsys):
    assert main(["validate", str(EMEI), "--format", "github"]) == 0
    out = capsys.readouterr().out
    assert "::warning file=" in out and "source/000_b278bf8d76f968a7.txt,line=160,title=project-rate::" in out


def test_rule_list_of_the_docs_is_the_registry():
    """docs/validation.md's rule list is generated from the registry (python -m generator.validate.methodology)."""
    from generator.validate.methodology import with_rules
    docs = Path(__file__).parents[1] / "docs/validation.md"
    text = docs.read_text(encoding="utf-8")
    assert with_rules(text) == text, "rules changed: run python -m generator.validate.methodology docs/validation.md"
    for r in RULES:
        assert f"### `{r.id}` {r.title}" in text
        assert r.classes and set(r.classes) <= {"inconsistency", "rounding", "notice"}
        assert r.message and r.example, r.id
