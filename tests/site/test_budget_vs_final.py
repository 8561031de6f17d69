"""A department with a budget and final accounts for one year shows them side by side (per 类
and for the "三公"经费). No corpus department has both, so the test imports a real budget PDF
as the budget of the department-year that has final accounts."""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

from generator.ingest.importer import import_document
from generator.model.facts import read_facts
from generator.site.build import run_build
from tests.conftest import PACKAGES, ROOT, SHARED, needs_shared

BUDGET_PDF = SHARED / "corpus/pdf/sh-putuo-qzfb-2025-budget.pdf"


@needs_shared(BUDGET_PDF)
def test_budget_beside_final_accounts(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "reference", data / "reference")
    shutil.copy(ROOT / "data" / "departments.csv", data / "departments.csv")
    final = PACKAGES / "310107-ghzyj/2024-final"
    shutil.copytree(final, data / "packages/310107-ghzyj/2024-final")
    assert import_document(BUDGET_PDF, out=data / "packages", department="310107-ghzyj", year=2024, kind="budget",
                           registry=data / "departments.csv", echo=lambda _: None) == 0
    assert run_build(data, tmp_path / "site", echo=lambda _: None) == 0
    html = (tmp_path / "site/departments/310107-ghzyj/index.html").read_text(encoding="utf-8")
    assert "2024年度预算与决算对比" in html

    def by_class(pkg: Path, code: str) -> Decimal:
        return next(f.value for f in read_facts(pkg / "facts.csv")
                    if f.measure == "general_budget_expenditure" and f.code == code and f.kind == "amount")

    budget = by_class(data / "packages/310107-ghzyj/2024-budget", "208")
    actual = by_class(final, "208")
    wan = lambda v: f"{(v / 10000).quantize(Decimal('0.01')):,}"  # noqa: E731
    row = html[html.index("208 社会保障和就业支出"):][:400]
    assert wan(budget) in row and wan(actual) in row
    assert f"{(actual / budget * 100).quantize(Decimal('0.1'))}%" in row
