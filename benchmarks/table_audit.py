"""Is every table a document prints in its package? For each shipped package, read its source
documents again into tables (the importer's reader and grouping) and list each printed table
none of whose rows, nor its title line, is kept in the package — as a standard or generic table,
or as performance projects and indicators.

    python -m benchmarks.table_audit [--packages data/packages]
"""
from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from generator.ingest.formats.sources import join_sources, read_source
from generator.ingest.items import Table, group_tables

ROOT = Path(__file__).resolve().parents[1]


def kept_lines(package: Path) -> tuple[set[int], set[int]]:
    """(item lines of the rows every table and performance file keeps, title lines of the tables)."""
    desc = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    rows, titles = set(), set()
    for res in desc["resources"]:
        if res.get("table"):
            titles.add(int(res["table"].get("line") or 0))
        if res["name"] in ("facts", "sections", "glossary"):
            continue
        with (package / res["path"]).open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                line = r.get("source_line") or r.get("line") or ""
                rows.update(int(x) for x in line.replace("(", " ").split() if x.isdigit())
    return rows, titles


def lost_tables(package: Path) -> list[str]:
    """The printed tables of the package's sources that nothing in the package keeps."""
    desc = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    sources = [package / s["path"] for s in desc.get("sources", [desc["source"]])]
    parts = [(source.items, source.pages) for source in map(read_source, sources)]
    items = parts[0][0] if len(parts) == 1 else join_sources(parts)[0]  # numbered as the import numbers them
    rows, titles = kept_lines(package)
    out, previous_end = [], 0
    for block in group_tables(items):
        if not isinstance(block, Table):
            continue
        lines = [x for r in block.rows for x in (r.line, *r.lines)]
        start, end = min(lines), max(lines)
        if not rows & set(lines) and not any(previous_end < t <= end for t in titles):
            first = next((" | ".join(c for c in r.cells if c.strip())[:70] for r in block.rows), "")
            where = f"page {block.rows[0].page}" if block.rows[0].page else f"line {start}"
            title = block.before[-1].text[:30] if block.before else ""
            out.append(f"{where}: {len(block.rows)} rows, after '{title}': {first}")
        previous_end = end
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.table_audit", description=__doc__.split("\n\n")[0])
    parser.add_argument("--packages", type=Path, default=ROOT / "data" / "packages")
    args = parser.parse_args(argv)
    total = 0
    for package in sorted(p.parent for p in args.packages.glob("*/*/datapackage.json")):
        lost = lost_tables(package)
        total += len(lost)
        print(f"{package.parent.name}/{package.name}: {len(lost)} printed tables not kept")
        for line in lost:
            print("   ", line)
    print(f"\n{total} printed tables not kept")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
