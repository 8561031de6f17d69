#!/usr/bin/env python3
"""Build data/reference/: the classification code lists as a Frictionless data package.

Input: the harvested lists in REFERENCE_DIR (default ../shared/reference, see its
README.md), plus the code tables of documents given with --document PATH:YEAR (by
default the corpus file 003, whose 公开02/03/05/06 tables print codes the harvest
lacks, e.g. 2013201 行政运行). Output, sorted by code, byte-for-byte reproducible:

  function_codes.csv        支出功能分类, one row per code, `name` = most recently seen
  function_code_names.csv   every (code, name) pair seen, with its years: names change
  econ_codes.csv            经济分类, as function_codes.csv
  econ_code_names.csv       as function_code_names.csv
  function_classes.csv      the full 类 list with names by period, in 总表 order
  datapackage.json

Usage: python scripts/make_reference.py [REFERENCE_DIR] [--document PATH:YEAR ...] [--out DIR]
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DOCUMENTS = [f"{ROOT.parent / 'shared/corpus/003_0b9bbb1dcd80bfa1.txt'}:2020"]
PATTERN = {"function": r"^2[0-9]{2}([0-9]{2}){0,2}$", "econ": r"^3[0-9]{2}([0-9]{2})?$"}
LEVEL = {3: 1, 5: 2, 7: 3}
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff（）、]{2,}$")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path: Path, fields: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fields, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def normalise_name(name: str) -> str:
    """Printed names use ASCII and full-width brackets alike; the lists keep full-width."""
    return name.strip().replace("(", "（").replace(")", "）")


def harvest_document(path: Path, classes: set[str]) -> dict[tuple[str, str], str]:
    """(code, name) → scheme for every TAB-separated cell pair `code … name` of a document.

    A code printed with two names in one document is left out: the document contradicts
    itself there (003 prints 30399 as both 代缴社会保险费 and 其他个人和家庭的补助支出).
    """
    seen: dict[str, set[str]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("\t")]
        for i, cell in enumerate(cells):
            scheme = next((s for s, p in PATTERN.items() if re.match(p, cell)), None)
            if scheme is None or (scheme == "function" and cell[:3] not in classes):
                continue
            name = next((c for c in cells[i + 1 : i + 4] if c), "")
            if _HAN_NAME.match(normalise_name(name)):
                seen[cell].add(normalise_name(name))
    out = {}
    for code, names in sorted(seen.items()):
        if len(names) > 1:
            print(f"  {path.name}: {code} printed as {' / '.join(sorted(names))}; left out", file=sys.stderr)
            continue
        out[(code, names.pop())] = "function" if code.startswith("2") else "econ"
    return out


def observations(reference: Path, documents: list[tuple[Path, int]], classes: set[str]) -> dict[str, list[dict]]:
    """scheme → one record per (code, name): level, parent, years, sources (set), note."""
    records: dict[str, dict[tuple[str, str], dict]] = {"function": {}, "econ": {}}
    for scheme in records:
        for row in read_csv(reference / f"{scheme}_codes_observed.csv"):
            records[scheme][(row["code"], normalise_name(row["name"]))] = {
                "code": row["code"],
                "name": normalise_name(row["name"]),
                "years": {int(y) for y in row["years_seen"].split(";") if y},
                "sources": {s.strip() for s in row["sources"].split(" ; ") if s.strip()},
                "note": row["note"],
            }
    for path, year in documents:
        for (code, name), scheme in harvest_document(path, classes).items():
            rec = records[scheme].setdefault(
                (code, name), {"code": code, "name": name, "years": set(), "sources": set(), "note": ""}
            )
            rec["years"].add(year)
            rec["sources"].add(f"corpus:{path.name}")
    for scheme, recs in records.items():
        for rec in recs.values():
            code = rec["code"]
            if not re.match(PATTERN[scheme], code):
                raise SystemExit(f"{scheme}: {code!r} is not a {scheme} code")
            rec["level"] = LEVEL[len(code)]
            rec["parent"] = code[:-2] if len(code) > 3 else ""
    return {s: sorted(r.values(), key=lambda r: (r["code"], min(r["years"]), r["name"])) for s, r in records.items()}


def code_rows(records: list[dict]) -> list[dict]:
    """One row per code: the name of the latest year seen (most documents on a tie)."""
    by_code: dict[str, list[dict]] = defaultdict(list)
    for rec in records:
        by_code[rec["code"]].append(rec)
    rows = []
    for code, recs in sorted(by_code.items()):
        current = max(recs, key=lambda r: (max(r["years"]), len(r["sources"]), r["name"]))
        rows.append({
            "code": code,
            "name": current["name"],
            "level": current["level"],
            "parent": current["parent"],
            "years_seen": ";".join(str(y) for y in sorted(set().union(*(r["years"] for r in recs)))),
            "n_docs": len(set().union(*(r["sources"] for r in recs))),
            "note": "; ".join(sorted({r["note"] for r in recs if r["note"]})),
        })
    known = {r["code"] for r in rows}
    orphans = sorted(r["code"] for r in rows if r["parent"] and r["parent"] not in known)
    if orphans:
        raise SystemExit(f"codes without their parent in the list: {', '.join(orphans)}")
    return rows


def name_rows(records: list[dict]) -> list[dict]:
    return [
        {"code": r["code"], "name": r["name"], "years_seen": ";".join(map(str, sorted(r["years"]))), "n_docs": len(r["sources"])}
        for r in records
    ]


def field(name: str, type_: str, description: str, **constraints) -> dict:
    out = {"name": name, "type": type_, "description": description}
    if constraints:
        out["constraints"] = constraints
    return out


def code_schema(scheme: str, resource: str) -> dict:
    pattern = PATTERN[scheme]
    return {
        "fields": [
            field("code", "string", "classification code (类 3 digits, 款 5, 项 7)", required=True, unique=True, pattern=pattern),
            field("name", "string", "name as printed in the most recent year seen", required=True),
            field("level", "integer", "1 = 类, 2 = 款, 3 = 项", required=True, enum=[1, 2, 3] if scheme == "function" else [1, 2]),
            field("parent", "string", "code of the enclosing 类 or 款; empty for a 类", pattern=pattern),
            field("years_seen", "string", "fiscal years of the disclosures that print the code, ';'-separated", required=True, pattern=r"^[0-9]{4}(;[0-9]{4})*$"),
            field("n_docs", "integer", "number of published documents the code was seen in", required=True, minimum=1),
            field("note", "string", "how the name was read, when not plainly"),
        ],
        "missingValues": [""],
        "primaryKey": ["code"],
        "foreignKeys": [{"fields": ["parent"], "reference": {"resource": resource, "fields": ["code"]}}],
    }


def names_schema(scheme: str, codes_resource: str) -> dict:
    return {
        "fields": [
            field("code", "string", "classification code", required=True, pattern=PATTERN[scheme]),
            field("name", "string", "a name printed with the code", required=True),
            field("years_seen", "string", "fiscal years of the disclosures printing this name, ';'-separated", required=True, pattern=r"^[0-9]{4}(;[0-9]{4})*$"),
            field("n_docs", "integer", "number of published documents printing this name", required=True, minimum=1),
        ],
        "missingValues": [""],
        "primaryKey": ["code", "name"],
        "foreignKeys": [{"fields": ["code"], "reference": {"resource": codes_resource, "fields": ["code"]}}],
    }


def classes_schema(columns: list[str]) -> dict:
    described = {
        "code": field("code", "string", "类 code", required=True, unique=True, pattern=r"^2[0-9]{2}$"),
        "name": field("name", "string", "current name", required=True),
        "name_2017_2018": field("name_2017_2018", "string", "name in 2017–2018; empty when not listed then"),
        "name_2019": field("name_2019", "string", "name from 2019; empty when not listed then"),
        "name_2024": field("name_2024", "string", "name in 2024"),
        "order_in_2024_zongbiao": field("order_in_2024_zongbiao", "string", "position in the 2024 收入支出决算总表 (as noted in the source)"),
        "code_evidence": field("code_evidence", "string", "observed, or standard(not observed with code): to be checked"),
        "name_evidence": field("name_evidence", "string", "where the names come from"),
    }
    return {"fields": [described[c] for c in columns], "missingValues": [""], "primaryKey": ["code"]}


def resource(name: str, title: str, description: str, schema: dict) -> dict:
    return {
        "name": name,
        "type": "table",
        "path": f"{name}.csv",
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": title,
        "description": description,
        "schema": schema,
    }


def build(reference: Path, documents: list[tuple[Path, int]], out: Path) -> None:
    classes = read_csv(reference / "function_classes_by_year.csv")
    records = observations(reference, documents, {c["code"] for c in classes})
    out.mkdir(parents=True, exist_ok=True)
    code_fields = ["code", "name", "level", "parent", "years_seen", "n_docs", "note"]
    name_fields = ["code", "name", "years_seen", "n_docs"]
    resources = []
    for scheme, title in (("function", "支出功能分类科目"), ("econ", "部门预算支出经济分类科目")):
        rows = code_rows(records[scheme])
        write_csv(out / f"{scheme}_codes.csv", code_fields, rows)
        write_csv(out / f"{scheme}_code_names.csv", name_fields, name_rows(records[scheme]))
        resources.append(resource(
            f"{scheme}_codes", title,
            "Codes printed next to their name in at least one published disclosure; partial, not the official list.",
            code_schema(scheme, f"{scheme}_codes"),
        ))
        resources.append(resource(
            f"{scheme}_code_names", f"{title}: names by year",
            "Every name a code was printed with and the years it was printed in (names change between years).",
            names_schema(scheme, f"{scheme}_codes"),
        ))
        print(f"{scheme}: {len(rows)} codes, {len(records[scheme])} names", file=sys.stderr)
    columns = [c for c in classes[0] if c not in ("level", "parent")]  # always 1 and empty
    write_csv(out / "function_classes.csv", columns, sorted(classes, key=lambda r: r["code"]))
    resources.append(resource(
        "function_classes", "支出功能分类 类 by period",
        "The 类 list in the order of the 收入支出决算总表, with names by period; "
        "rows marked standard(not observed with code) need checking.",
        classes_schema(columns),
    ))
    descriptor = {
        "name": "budget-classification-codes",
        "title": "政府收支分类科目：功能分类与经济分类（公开文件所见）",
        "description": "Partial lists of government classification codes, harvested from published "
        "departmental budget and final-account disclosures. A consistency aid, not the authority: "
        "key names by year and prefer the name the document itself prints. "
        "Rebuild with scripts/make_reference.py.",
        "profile": "data-package",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "sources": [{"title": "Published 部门预算/决算 disclosures (Jiangsu 2017–2019, Shanghai Putuo 2024–2026, the project corpus)"}],
        "resources": resources,
    }
    (out / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def document_arg(text: str) -> tuple[Path, int]:
    path, _, year = text.rpartition(":")
    if not path or not year.isdigit():
        raise argparse.ArgumentTypeError(f"expected PATH:YEAR, got {text!r}")
    return Path(path), int(year)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("reference", nargs="?", type=Path, default=ROOT.parent / "shared/reference", help="folder of the harvested lists (default: ../shared/reference)")
    p.add_argument("--document", action="append", type=document_arg, help="a TAB-separated document whose tables print codes, as PATH:FISCAL_YEAR (default: corpus 003, 2020)")
    p.add_argument("--out", type=Path, default=ROOT / "data/reference", help="output folder (default: data/reference)")
    args = p.parse_args(argv)
    documents = args.document or [document_arg(d) for d in DEFAULT_DOCUMENTS]
    for path in [args.reference, *(d for d, _ in documents)]:
        if not path.exists():
            p.error(f"{path} does not exist")
    build(args.reference, documents, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
