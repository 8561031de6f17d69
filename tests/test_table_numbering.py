"""Every numbering a table set is printed with reads as the national one: the 玉溪 2020 决算
(text export, 公开01–12表 on a line of its own under each title) rewritten in the other
numberings real disclosures use — on the title's line or on a line of its own, in Arabic or
Chinese numerals, 表N / 附表N / 表一 / 一、/（一）— imports the same tables and the same figures."""
from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.ingest.importer import import_document
from tests.conftest import ROOT, corpus_path

_CN = "一二三四五六七八九十"


def _cn(n: int) -> str:
    return _CN[n - 1] if n <= 10 else "十" + _CN[n - 11]


# (name, the number line's replacement, or None to print the number on the title's line: prefix)
NUMBERINGS = {
    "表一 (own line)": lambda n: ("own", f"表{_cn(n)}"),
    "附表1 (own line)": lambda n: ("own", f"附表{n}"),
    "表1 (own line)": lambda n: ("own", f"表{n}"),
    "表1 title": lambda n: ("inline", f"表{n} "),
    "附表1：title": lambda n: ("inline", f"附表{n}："),
    "表一 title": lambda n: ("inline", f"表{_cn(n)} "),
    "一、title": lambda n: ("inline", f"{_cn(n)}、"),
    "（一）title": lambda n: ("inline", f"（{_cn(n)}）"),
}


def _renumber(text: str, style) -> str:
    """Each '公开NN表' line of the national set replaced in `style`: on a line of its own, or
    put before the title above it (the nearest line ending in 表) and the number line dropped."""
    lines = text.split("\n")
    for k, line in enumerate(lines):
        m = re.fullmatch(r"公开(0\d)表", line)
        if not m:
            continue
        where, mark = style(int(m.group(1)))
        if where == "own":
            lines[k] = mark
        else:
            title = next(j for j in range(k - 1, k - 8, -1) if lines[j].endswith("表"))
            lines[title], lines[k] = mark + lines[title], ""
    return "\n".join(lines)


def _read(package: Path) -> tuple[list[str], dict]:
    desc = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    with (package / "facts.csv").open(encoding="utf-8") as fh:
        facts = {(f["measure"], f["kind"], f["year"], f["code"], f["item"]): f["value"] for f in csv.DictReader(fh)
                 if f["source"].startswith("table")}
    return [r["table"]["id"] for r in desc["resources"] if r.get("table")], facts


@pytest.mark.parametrize("numbering", list(NUMBERINGS))
def test_every_numbering_reads_the_same_tables_and_figures(numbering, tmp_path):
    original = corpus_path("003")
    text = _renumber(original.read_text(encoding="utf-8"), NUMBERINGS[numbering])
    assert "公开0" not in text  # the nine are renumbered
    registry = Path(shutil.copy(ROOT / "data" / "departments.csv", tmp_path / "departments.csv"))
    source = tmp_path / original.name
    source.write_text(text, encoding="utf-8")
    said: list[str] = []
    assert import_document([source], out=tmp_path / "packages", registry=registry, echo=said.append) == 0, said[-1]
    ids, facts = _read(tmp_path / "packages" / "530400-zuzhibu" / "2020-final")
    shipped_ids, shipped_facts = _read(original.parents[1])
    assert ids[:9] == shipped_ids[:9] == ["final_summary", "final_income", "final_expenditure", "fiscal_summary",
                                          "general_budget", "general_budget_basic", "gov_fund", "state_capital",
                                          "three_public"]
    assert facts == shipped_facts
