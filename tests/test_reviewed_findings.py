"""Every finding the shipped packages produce is in the reviewed list (tests/reviewed_findings.csv),
each row checked by hand against its document, and every reviewed finding is still found."""
from __future__ import annotations

import csv
from pathlib import Path

from generator.validate.api import validate_package
from tests.conftest import PACKAGES

REVIEWED = Path(__file__).parent / "reviewed_findings.csv"


def reviewed() -> list[dict[str, str]]:
    with REVIEWED.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert all(None not in r and None not in r.values() for r in rows), "a row with more or fewer than 5 fields"
    return rows


def found() -> list[tuple[str, str, str, str]]:
    """(package, class, rule, message) of every inconsistency and rounding finding of the corpus."""
    out = []
    for desc in sorted(PACKAGES.glob("*/*/datapackage.json")):
        name = f"{desc.parent.parent.name}/{desc.parent.name}"
        report = validate_package(desc.parent)
        out += [(name, f.cls, f.rule, f.message) for f in report.findings if f.cls != "notice"]
    return out


def _match(row: dict[str, str], finding: tuple[str, str, str, str]) -> bool:
    package, cls, rule, message = finding
    return (row["package"], row["class"], row["rule"]) == (package, cls, rule) and message.startswith(row["message_start"])


def test_every_finding_of_the_corpus_is_reviewed_and_every_reviewed_one_found():
    rows = [r for r in reviewed() if (PACKAGES / r["package"] / "datapackage.json").exists()]
    findings = found()
    assert all(r["checked"].strip() for r in rows), "each reviewed row says what was checked in the document"
    unreviewed = [f for f in findings if not any(_match(r, f) for r in rows)]
    missed = [r for r in rows if not any(_match(r, f) for f in findings)]
    assert unreviewed == [], "findings outside the reviewed list: read the document, then add or fix"
    assert missed == [], "reviewed findings no longer found"
    assert len(findings) == len(rows)
