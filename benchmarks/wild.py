"""Import every real disclosure of the shared corpus that the registry does not know — the
documents of ten provinces in ../shared/corpus/wild and the university set — into a scratch
folder with an empty department registry, as a new user would, and print what each gave:
departments made, tables (recognised and kept as printed), facts from tables and from the
narrative, warnings, and which headline measures of the report year were read.

    python -m benchmarks.wild [--corpus ../shared/corpus] [--work /tmp/transparency-wild]
"""
from __future__ import annotations

import argparse
import csv
import json
import shutil
import time
from pathlib import Path

from generator.ingest.importer import import_document
from generator.model.departments import FIELDS

ROOT = Path(__file__).resolve().parents[1]
HEADLINE = ("total_income_expenditure", "income_total", "expenditure_total", "expenditure_basic",
            "expenditure_project", "fiscal_total", "general_budget_expenditure", "personnel_costs", "public_costs",
            "three_public_total", "three_public_abroad", "three_public_vehicles", "three_public_reception",
            "operating_costs", "procurement_total")


def disclosures(corpus: Path) -> list[list[Path]]:
    """The disclosures to import, each as the files it was published as (a narrative file, then
    its tables file, where a disclosure comes as two: their names differ only after the year)."""
    wild = sorted((corpus / "wild").glob("*.pdf"))
    out: list[list[Path]] = []
    for path in wild:
        stem = path.stem.split("年")[0]
        if out and out[-1][0].stem.split("年")[0] == stem:
            out[-1].append(path)
        else:
            out.append([path])
    return out + [[p] for p in sorted((corpus / "pdf").glob("cq-*.pdf"))]


def summary(package: Path) -> dict:
    desc = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    tables = [r for r in desc["resources"] if r.get("table")]
    with (package / "facts.csv").open(encoding="utf-8") as fh:
        facts = list(csv.DictReader(fh))
    year = str(desc["fiscal_year"])
    read = {f["measure"] for f in facts if f["year"] == year and not f["code"] and not f["item"]}
    return {"package": f"{package.parent.name}/{package.name}",
            "recognised": sum(1 for t in tables if not t["table"].get("generic")),
            "generic": sum(1 for t in tables if t["table"].get("generic")),
            "table_facts": sum(1 for f in facts if f["source"].startswith("table")),
            "text_facts": sum(1 for f in facts if f["source"].startswith("section")),
            "headline": [m in read for m in HEADLINE]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.wild", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--work", type=Path, default=Path("/tmp/transparency-wild"))
    args = parser.parse_args(argv)
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    registry = args.work / "departments.csv"
    registry.write_text(",".join(FIELDS) + "\n", encoding="utf-8")
    rows, failed, started = [], [], time.perf_counter()
    for files in disclosures(args.corpus):
        said: list[str] = []
        if import_document(files, out=args.work / "packages", registry=registry, echo=said.append) != 0:
            failed.append(f"{files[0].name}: {said[-1]}")
            continue
        package = Path(said[-1].split("wrote ", 1)[1].split(":", 1)[0])
        rows.append({**summary(package), "warnings": sum(1 for s in said if s.startswith("warning"))})
    print(f"{'package':42} tables(+kept) facts(table/text) warn  " + " ".join(m[:5] for m in HEADLINE))
    for r in rows:
        marks = " ".join(("  ✓  " if hit else "  ·  ") for hit in r["headline"])
        print(f"{r['package']:42} {r['recognised']:3} (+{r['generic']:2})    {r['table_facts']:4} / {r['text_facts']:3}"
              f"     {r['warnings']:3}  {marks}")
    hits = sum(sum(r["headline"]) for r in rows)
    print(f"\n{len(rows)} imported, {len(failed)} failed, in {time.perf_counter() - started:.0f} s; "
          f"{sum(r['recognised'] + r['generic'] for r in rows)} tables "
          f"({sum(r['generic'] for r in rows)} kept as printed); headline measures read: {hits} of "
          f"{len(rows) * len(HEADLINE)} (a measure a document does not state counts as unread)")
    for line in failed:
        print("failed:", line)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
