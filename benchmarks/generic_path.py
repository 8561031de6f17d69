"""How well the tables kept as printed stand in for the known table sets: import the corpus's
documents of the national 决算 template and the Shanghai and Jiangsu budget sets twice — as
usual, and with the readers of the known sets switched off, so that every table goes the
generic way (roles from titles, else from content) — and print which headline figures the
second import states exactly as the first.

A held-out document whose titles the registry does not know is read the second way; this is
the yardstick for it that the repository can run.

    python -m benchmarks.generic_path [--corpus ../shared/corpus] [--work /tmp/transparency-generic]
"""
from __future__ import annotations

import argparse
import csv
import json
import shutil
from pathlib import Path

import generator.ingest.importer as importer
from benchmarks.wild import HEADLINE
from generator.ingest.importer import import_document

ROOT = Path(__file__).resolve().parents[1]
# (files, options): documents whose tables the known sets read
DOCUMENTS = (
    (("003_0b9bbb1dcd80bfa1.txt",), {}),  # 玉溪 2020 决算, 公开01–09表 titled by number only
    (("pdf/sh-putuo-ghzyj-2024-final.pdf",), {}),
    (("pdf/sh-putuo-swj-2025-budget.pdf",), {}),
    (("pdf/js-江苏省人大办公厅2017年度预算公开.pdf",), {}),
    (("pdf/js-江苏省政协办公厅2019年度部门预算.pdf", "pdf/js-江苏省政协办公厅2019年预算公开表.pdf"), {}),
)


def headline(package: Path) -> dict[str, str]:
    """The report year's headline figures read from tables: measure → value."""
    year = str(json.loads((package / "datapackage.json").read_text(encoding="utf-8"))["fiscal_year"])
    with (package / "facts.csv").open(encoding="utf-8") as fh:
        return {f["measure"]: f["value"] for f in csv.DictReader(fh)
                if f["year"] == year and f["kind"] == "amount" and not f["code"] and not f["item"]
                and f["source"].startswith("table") and f["measure"] in HEADLINE}


def run(corpus: Path, work: Path) -> list[tuple[str, dict[str, str]]]:
    """Each document's headline figures, imported into `work` with the current readers."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shutil.copy(ROOT / "data" / "departments.csv", work / "departments.csv")
    out = []
    for files, options in DOCUMENTS:
        said: list[str] = []
        paths = [corpus / f for f in files]
        if import_document(paths, out=work / "packages", registry=work / "departments.csv", echo=said.append,
                           **options) != 0:
            raise SystemExit(f"{files[0]}: {said[-1]}")
        package = Path(said[-1].split("wrote ", 1)[1].split(":", 1)[0])
        out.append((files[0], headline(package)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generic_path", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--work", type=Path, default=Path("/tmp/transparency-generic"))
    args = parser.parse_args(argv)
    known = run(args.corpus, args.work / "known")
    importer.read_standard_tables = lambda *a, **k: []  # every table goes the generic way
    generic = run(args.corpus, args.work / "generic")
    same = total = 0
    for (name, a), (_, b) in zip(known, generic):
        hits = sum(1 for m, v in a.items() if b.get(m) == v)
        same, total = same + hits, total + len(a)
        missed = ", ".join(f"{m} {v} (generic: {b.get(m, '—')})" for m, v in a.items() if b.get(m) != v)
        print(f"{name:50} {hits:3} of {len(a):3}" + (f"   missed: {missed}" if missed else ""))
    print(f"\nthe generic way states {same} of the {total} headline table figures the known sets' readers state")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
