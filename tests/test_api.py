"""The library edge: the README's Python session as it stands, the typed errors of an import,
and the read API's DataFrames against the packages' own files."""
from __future__ import annotations

import csv
import re
import shutil
import tempfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from generator import cli
from generator.api import (
    AmbiguousDepartment,
    BadInput,
    PoorerPackage,
    Undetermined,
    UnknownDepartment,
    import_disclosure,
    read,
)
from tests.conftest import PACKAGES, ROOT, corpus_path

YUXI = PACKAGES / "530400-zuzhibu/2020-final"


def readme_block(heading: str) -> str:
    """The first ```python block under `heading` in README.md."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(rf"^{re.escape(heading)}\n.*?^```python\n(.*?)^```", text, re.S | re.M)
    assert found, f"README.md has no python block under {heading!r}"
    return found.group(1)


def test_readme_python_session_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    names: dict = {}
    exec(compile(readme_block("## Python"), "README.md", "exec"), names)
    result = names["result"]
    assert result.path == tmp_path / result.path.relative_to(tmp_path)
    assert (result.department, result.year, result.kind) == ("530400-zuzhibu", 2020, "final")
    assert names["summary"]["amount"].iloc[0] == Decimal("64415757.01")
    assert set(names["income"]["value"]) == {Decimal("64419257.01"), Decimal("64419300.00")}
    assert set(names["every_year"]["fiscal_year"]) == {2020}
    assert "parts-sum" in set(names["findings"]["rule"])
    assert "refused: --department 000000-nobody" in capsys.readouterr().out


def test_import_result_and_source_url(tmp_path):
    registry = shutil.copy(ROOT / "data/departments.csv", tmp_path)
    result = import_disclosure(corpus_path("003"), out=tmp_path / "p", registry=registry,
                               source_url="https://example.org/yuxi-2020.txt")
    assert result.inferred == ("department", "year", "kind") and result.scope == "department"
    assert (result.standard_tables, result.counts["facts"]) == (9, 52)
    assert read.packages(result.path)["title"].tolist() == ["中国共产党玉溪市委员会组织部 2020年度部门决算"]
    descriptor = (result.path / "datapackage.json").read_text(encoding="utf-8")
    assert '"url": "https://example.org/yuxi-2020.txt"' in descriptor


def test_typed_errors(tmp_path):
    registry = shutil.copy(ROOT / "data/departments.csv", tmp_path)
    with pytest.raises(BadInput, match="no such file"):
        import_disclosure(tmp_path / "missing.pdf", out=tmp_path / "p", registry=registry)
    both = tmp_path / "both.txt"
    both.write_text("中国共产党岳阳市君山区委员会组织部\n中国共产党攀枝花市西区委员会组织部\n2020年度部门决算\n", encoding="utf-8")
    with pytest.raises(AmbiguousDepartment) as caught:
        import_disclosure(both, out=tmp_path / "p", registry=registry)
    assert caught.value.candidates == ["430611-zuzhibu", "510403-zuzhibu"]
    with pytest.raises(UnknownDepartment, match="--department 000000-nobody: not in"):
        import_disclosure(both, out=tmp_path / "p", registry=registry, department="000000-nobody")
    undated = tmp_path / "undated.txt"
    undated.write_text("中国共产党玉溪市委员会组织部\n部门决算\n", encoding="utf-8")
    with pytest.raises(Undetermined) as caught:
        import_disclosure(undated, out=tmp_path / "p", registry=registry)
    assert caught.value.what == "year"
    import_disclosure(corpus_path("003"), out=tmp_path / "p", registry=registry)
    with pytest.raises(PoorerPackage, match="richer"):
        import_disclosure(undated, out=tmp_path / "p", registry=registry, year=2020, kind="final")
    assert not any((tmp_path / "p").glob("*/.*"))


def test_cli_turns_an_error_into_a_message_and_exit_1(tmp_path, capsys):
    code = cli.main(["import", str(tmp_path / "missing.pdf"), "--out", str(tmp_path / "p"),
                     "--registry", str(ROOT / "data/departments.csv")])
    assert code == 1
    assert capsys.readouterr().out.startswith(f"error: {tmp_path / 'missing.pdf'}: no such file")


def test_read_table_matches_the_csv():
    frame = read.table("final_summary", YUXI)
    with open(YUXI / "tables/final_summary.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(frame) == len(rows)
    assert [("" if v is None else str(v)) for v in frame["amount"]] == [r["amount"] for r in rows]
    assert frame["row"].dtype == "Int64" and set(frame["package"]) == {"530400-zuzhibu-2020-final"}
    assert read.column_titles("final_summary", YUXI)["amount"] == "金额"  # as printed in 公开01表


def test_read_the_whole_data_set_narrowed():
    every = read.packages()
    assert len(every) == len(list(PACKAGES.glob("*/*/datapackage.json")))
    budgets = read.facts(kind="budget", year=2025)
    assert set(budgets["disclosure_kind"]) == {"budget"} and set(budgets["fiscal_year"]) == {2025}
    assert len(budgets) == sum(1 for p in PACKAGES.glob("*/2025-budget*/facts.csv")
                               for _ in csv.DictReader(p.open(encoding="utf-8")))
    assert read.table("no_such_table").empty
    tables = read.tables(YUXI)
    assert tables["name"].tolist()[:2] == ["final_summary", "final_income"]
    assert tables.loc[tables["name"] == "generic_01", "id"].item() == "generic"


def test_read_findings_are_the_reviewed_findings():
    findings = read.findings(department="310107-ghzyj")
    with open(ROOT / "tests/reviewed_findings.csv", encoding="utf-8", newline="") as fh:
        reviewed = Counter(r["class"] for r in csv.DictReader(fh) if r["package"].startswith("310107-ghzyj/"))
    counts = findings["class"].value_counts().to_dict()
    assert (counts["inconsistency"], counts["rounding"]) == (reviewed["inconsistency"], reviewed["rounding"])
    assert set(findings["package"]) == {"310107-ghzyj-2024-final"}
    assert isinstance(findings.dropna(subset=["difference"])["difference"].iloc[0], Decimal)


def test_a_package_folder_or_a_packages_folder(tmp_path):
    one = read.facts(YUXI)
    assert len(one) == sum(1 for _ in csv.DictReader((YUXI / "facts.csv").open(encoding="utf-8")))
    shutil.copytree(YUXI, tmp_path / "x" / "2020-final")
    assert read.facts(tmp_path).equals(one)
    assert read.facts(Path(tmp_path / "nothing")).empty
