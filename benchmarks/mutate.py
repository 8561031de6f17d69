"""Mutation benchmark of the validator: from every corpus document, copies each carrying one
planted defect of one kind, imported and validated; per-kind recall, and every finding of the
unmutated corpus outside the reviewed list (tests/reviewed_findings.csv).

    python -m benchmarks.mutate [--data data/packages] [--work /tmp/mutate]

Documents published as text are mutated in their source and imported again (every kind). The
published PDFs are mutated in their package, as the importer would have read the changed
document: a sentence of sections.csv (and, for a share or a growth rate, the fact the importer
takes from it), a table cell, a table left out. A kind a document cannot carry (no share printed,
no heading naming its year) is not counted for that document.

A plant is found when the mutated copy has a finding (inconsistency, or rounding for a planted
rounding-level slip) of one of the kind's rules, at a check its original does not have.
Targets (issue 12): recall ≥ 95 % for every kind, 0 findings outside the reviewed list.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import sys
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Callable

from generator.ingest.importer import build_resources, import_document
from generator.ingest.items import Paragraph
from generator.model.codes import CodeList
from generator.validate.api import validate_package
from generator.validate.report import PackageReport

ROOT = Path(__file__).resolve().parents[1]
REVIEWED = ROOT / "tests/reviewed_findings.csv"
REGISTRY = ROOT / "data/departments.csv"

KINDS: dict[str, tuple[str, ...]] = {  # kind → the rules that may report it
    "narrative-figure": ("same-figure", "balanced-change", "coded-item", "coded-twice", "structure-sum", "change-parts",
                         "performance-coverage", "parts-sum", "list-sum", "breakdown-sum", "outline-sum", "share-list", "product", "share", "change", "item-change", "basic-split", "budget-vs-actual"),
    "table-cell": ("code-tree", "row-identities", "ledger-totals", "item-sums", "budget-ledger", "group-sums",
                   "procurement-sums", "same-figure"),
    "share": ("share", "share-list"),
    "growth-rate": ("change", "item-change"),
    "comparison-word": ("comparison-word", "balanced-change", "reason-direction", "budget-vs-actual", "flat-word", "item-change", "change"),
    "heading-year": ("other-year",),
    "deleted-table": ("tables-present",),
    "contents-table": ("contents",),
    "blanked-figure": ("template-leftover",),
    "duplicated-punctuation": ("template-leftover",),
}

_AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})\s*万元")
# a share or a rate the sentence states with its figures (“X万元，占P%”, “减少M万元，下降P%”)
_SHARE = re.compile(r"(\d[\d,]*(?:\.\d+)?\s*万元[，,]?\s*占[^，。；%]{0,16}?)(\d+(?:\.\d+)?)(\s*[%％])")
_RATE = re.compile(r"((?:增加|减少|增长|下降)了?\s*\d[\d,]*(?:\.\d+)?\s*万元[，,]\s*(?:增长|下降|增加|减少|降低)\s*)"
                   r"(\d+(?:\.\d+)?)(\s*[%％])")
_WORD = re.compile(r"决算数?(?:大于|小于)预算数")
_DIRECTION = re.compile(r"(?:增加|减少)(?=了?\s*\d[\d,]*(?:\.\d+)?\s*万元[，,]\s*(?:增长|下降)\s*[1-9]\d*(?:\.\d+)?\s*[%％])")
_HEADING = re.compile(r"(\d{4})(\s*年(?:度)?[^，。\n]{0,12}?(?:决算|预算))")
_TARGET = re.compile(r"指标值\s*[:：]\s*[≤≥≧≦<>＜＞=]?\s*$")
_BLANK = re.compile(r"((?:支出|收入|合计|总计)(?:决算|预算)?(?:数)?为?)(\d[\d,]*(?:\.\d+)?)(万元)")


# ---------------------------------------------------------------- text edits (one per kind)

def _bump(number: str, by: Decimal) -> str:
    plain = number.replace(",", "")
    decimals = len(plain.partition(".")[2])
    return f"{Decimal(plain) + by:.{decimals}f}"


def narrative_figure(text: str) -> str | None:
    """An amount of the narrative printed 100.00 万元 larger (the first two-decimal 万元 figure of a
    sentence that prints another figure: one the narrative or a table repeats). Not a performance
    target (“实施周期指标值:≤970.92万元；年度指标值:≤970.92万元”): the target of a project's whole
    term and of its year are two targets, equal or not, not one figure printed twice."""
    for m in _AMOUNT.finditer(text):
        value = m.group(1).replace(",", "") + "." + m.group(2)
        if Decimal(value) > 0 and text.count(m.group(0)) >= 2 and not _TARGET.search(text[:m.start()]):
            start = m.start(1)
            return text[:start] + _bump(value, Decimal(100)) + text[m.end(2):]
    return None


def share(text: str) -> str | None:
    for m in _SHARE.finditer(text):
        if 0 < Decimal(m.group(2)) <= 90:
            return text[:m.start(2)] + _bump(m.group(2), Decimal(7)) + text[m.end(2):]
    return None


def growth_rate(text: str) -> str | None:
    for m in _RATE.finditer(text):
        if Decimal(m.group(2)) > 0:
            return text[:m.start(2)] + _bump(m.group(2), Decimal(7)) + text[m.end(2):]
    return None


def comparison_word(text: str) -> str | None:
    """决算数大于预算数 ↔ 小于; where a document says neither, the direction of the first change
    printed with its rate (“比上年增加240.21万元，增长5.38%” → “减少240.21万元，增长5.38%”: the word
    says the item fell, the rate and the figures that it rose)."""
    m = _WORD.search(text) or _DIRECTION.search(text)
    if m is None:
        return None
    flipped = m.group(0)
    for a, b in (("大于", "小于"), ("增加", "减少")):
        flipped = flipped.replace(a, "\0").replace(b, a).replace("\0", b)
    return text[:m.start()] + flipped + text[m.end():]


def heading_year(text: str, headings: tuple[str, ...] = ()) -> str | None:
    """A heading that names the disclosure's year (“2021年度部门决算情况说明”) two years earlier; in a
    source text, one of the headings its package holds."""
    lines = text.split("\n")
    for line in (lines if not headings else [x for x in lines if x.strip() and x.strip() in headings]):
        if len(line) < 60 and (m := _HEADING.search(line)):
            new = line[:m.start(1)] + str(int(m.group(1)) - 2) + line[m.end(1):]
            return text.replace(line, new, 1)
    return None


def blanked_figure(text: str) -> str | None:
    m = _BLANK.search(text)
    return None if m is None else text[:m.start(2)] + text[m.end(2):]


def duplicated_punctuation(text: str) -> str | None:
    k = text.find("。")
    return None if k < 0 else text[:k] + "。。" + text[k + 1:]


TEXT_EDITS: dict[str, Callable[[str], str | None]] = {
    "narrative-figure": narrative_figure, "share": share, "growth-rate": growth_rate,
    "comparison-word": comparison_word, "heading-year": heading_year, "blanked-figure": blanked_figure,
    "duplicated-punctuation": duplicated_punctuation,
}


# ---------------------------------------------------------------- package edits

def _rewrite_csv(path: Path, edit: Callable[[list[dict]], bool]) -> bool:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    if not edit(rows):
        return False
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return True


def table_cell(pkg: Path) -> bool:
    """The first non-zero amount of a coded row of a standard table, one 元 larger than... 100 万元."""
    desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    for res in desc["resources"]:
        info = res.get("table") or {}
        if not info or info.get("generic") or info.get("empty"):
            continue
        numbers = [f["name"] for f in res["schema"]["fields"] if f.get("type") == "number"]

        def edit(rows: list[dict]) -> bool:
            for r in rows:
                if r.get("code") and len(r["code"]) > 3:
                    for col in numbers:
                        if r.get(col) and Decimal(r[col]) > 0:
                            r[col] = _bump(r[col], Decimal(1000000))
                            return True
            return False

        if numbers and "code" in {f["name"] for f in res["schema"]["fields"]} and _rewrite_csv(pkg / res["path"], edit):
            return True
    return False


def deleted_table(pkg: Path) -> bool:
    """A standard table of a 决算 left out of the package (descriptor and file)."""
    path = pkg / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    if desc.get("kind") != "final":
        return False
    for k, res in enumerate(desc["resources"]):
        info = res.get("table") or {}
        if info and not info.get("generic") and info.get("id") in ("three_public", "fiscal_three_public", "general_budget_basic"):
            (pkg / res["path"]).unlink()
            del desc["resources"][k]
            path.write_text(json.dumps(desc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            return True
    return False


def contents_table(pkg: Path) -> bool:
    """A table the contents page lists left out of the document: its resource, its file and the
    lines of the body printing its title (the last listed table the package holds)."""
    from generator.model.codes import CodeList as _Codes
    from generator.model.packages import read_package
    from generator.validate.context import Context
    from generator.validate.rules.contents import _title, contents, key, norm
    ctx = Context(read_package(pkg), _Codes.load())
    entries, places = contents(ctx)
    listed = {key(t) for t in (_title(e) for e, _, _ in entries) if t}
    path = pkg / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    hits = [k for k, res in enumerate(desc["resources"]) if res.get("table")
            and key(norm(res["table"].get("title") or "")) in listed]
    if not hits:
        return False
    res = desc["resources"].pop(hits[-1])
    (pkg / res["path"]).unlink()
    path.write_text(json.dumps(desc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    title = norm(res["table"]["title"])

    def edit(rows: list[dict]) -> bool:
        for r in rows:
            base = int(r.get("line") or 0)
            if r.get("heading") and (r["id"], base) not in places and title in norm(r["heading"]):
                r["heading"] = ""
            lines = (r.get("text") or "").split("\n")
            r["text"] = "\n".join(x for k, x in enumerate(lines, 1)
                                  if (r["id"], base + k) in places or len(x) > 80 or title not in norm(x))
        return True

    return _rewrite_csv(pkg / "sections.csv", edit)


def sections_edit(pkg: Path, kind: str) -> bool:
    """A text edit applied to the first section it fits, and the facts the importer takes from the
    edited sentence re-read from it (none when it takes none)."""
    fn = TEXT_EDITS[kind]
    state: dict = {}

    def edit(rows: list[dict]) -> bool:
        for r in rows:
            for field in (("heading",) if kind == "heading-year" else ("text",)):
                new = fn(r.get(field) or "")
                if new is not None:
                    state["old"], state["new"], state["section"] = r[field], new, r["id"]
                    r[field] = new
                    return True
        return False

    if not _rewrite_csv(pkg / "sections.csv", edit):
        return False
    if kind in ("share", "growth-rate", "narrative-figure", "comparison-word"):
        desc = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
        _rewrite_csv(pkg / "facts.csv", lambda rows: _reread(rows, state, desc["fiscal_year"], desc["kind"]))
    return True


def _sentence_facts(sentence: str, year: int, kind: str) -> Counter:
    """(measure, kind, year, code, item, value) of the facts the importer takes from one sentence."""
    resources, _ = build_resources([Paragraph(1, sentence)], year, "sentence.txt", kind=kind)
    rows = next(r.rows for r in resources if r.name == "facts")
    return Counter((r["measure"], r["kind"], int(r["year"]), r["code"], r["item"], Decimal(r["value"])) for r in rows)


def _reread(rows: list[dict], state: dict, year: int, kind: str) -> bool:
    """The facts quoting the edited sentence, as the importer reads the sentence once edited: a fact
    whose value the edit changed takes the new value (a fact quotes its sentence with the lines joined)."""
    old, new = state["old"].replace("\n", ""), state["new"].replace("\n", "")
    at = next(i for i, (a, b) in enumerate(zip(old, new)) if a != b)
    quote = next((r["quote"] for r in rows if r["source"] == f"section:{state['section']}" and r["quote"]
                  and 0 <= at - old.find(r["quote"]) < len(r["quote"]) and old.find(r["quote"]) >= 0), None)
    if quote is None:
        return False  # the importer takes no fact from that sentence: the plant is in the text alone
    pos = old.find(quote)
    before = _sentence_facts(quote, year, kind)
    after = _sentence_facts(new[pos:pos + len(quote) + len(new) - len(old)], year, kind)
    gone, added = before - after, after - before
    changed = False
    for key in gone:
        now = next((k for k in added if k[:5] == key[:5]), None)
        row = next((r for r in rows if r["quote"] == quote and (r["measure"], r["kind"], int(r["year"]), r["code"],
                    r["item"], Decimal(r["value"])) == key), None)
        if now is not None and row is not None:
            row["value"] = str(now[5])
            added -= Counter([now])
            changed = True
    return changed


# ---------------------------------------------------------------- the run

@dataclass
class Outcome:
    kind: str
    document: str
    found: bool
    new: list[str]


def _checks(report) -> Counter:
    return Counter((p.rule, p.message) for f in report.findings if f.cls != "notice" for p in (f.places or [f]))


def _headings(pkg: Path) -> tuple[str, ...]:
    with (pkg / "sections.csv").open(encoding="utf-8", newline="") as fh:
        return tuple(r["heading"].strip() for r in csv.DictReader(fh) if r.get("heading"))


def _import(source: Path, out: Path, original: Path) -> Path | None:
    """Import as the original was imported (its department, year and kind)."""
    desc = json.loads((original / "datapackage.json").read_text(encoding="utf-8"))
    if import_document(source, out=out, registry=REGISTRY, echo=lambda _: None, department=desc["department"]["id"],
                       year=desc["fiscal_year"], kind=desc["kind"]) != 0:
        return None
    found = list(out.glob("*/*/datapackage.json"))
    return found[0].parent if found else None


def run(data: Path, work: Path) -> tuple[list[Outcome], list[str], list[str]]:
    codes = CodeList.load()
    outcomes: list[Outcome] = []
    shutil.rmtree(work, ignore_errors=True)
    packages = sorted(p.parent for p in data.glob("*/*/datapackage.json"))
    reports = {pkg: validate_package(pkg, codes) for pkg in packages}
    for pkg in packages:
        name = f"{pkg.parent.name}/{pkg.name}"
        base = _checks(reports[pkg])
        sources = sorted((pkg / "source").glob("*.txt"))
        for kind, rules in KINDS.items():
            copy = work / kind / name
            if sources and kind in TEXT_EDITS:
                text = sources[0].read_text(encoding="utf-8")
                mutated = (heading_year(text, _headings(pkg)) if kind == "heading-year" else TEXT_EDITS[kind](text))
                if mutated is None:
                    continue
                copy.mkdir(parents=True)
                src = copy / sources[0].name
                src.write_text(mutated, encoding="utf-8")
                planted = _import(src, copy / "out", pkg)
                if planted is None:
                    outcomes.append(Outcome(kind, name, False, ["import failed"]))
                    continue
            else:
                shutil.copytree(pkg, copy)
                planted = copy
                ok = (table_cell(copy) if kind == "table-cell" else deleted_table(copy) if kind == "deleted-table"
                      else contents_table(copy) if kind == "contents-table" else sections_edit(copy, kind))
                if not ok:
                    continue
            got = _checks(validate_package(planted, codes))
            new = [f"{r}: {m}" for (r, m), n in got.items() if n > base.get((r, m), 0)]
            found = any(r in rules for (r, m), n in got.items() if n > base.get((r, m), 0))
            outcomes.append(Outcome(kind, name, found, new))
    outside, missing = reviewed_check(reports)
    return outcomes, outside, missing


def reviewed_check(reports: dict[Path, PackageReport]) -> tuple[list[str], list[str]]:
    """Findings of the unmutated corpus (its reports by package folder) outside the reviewed list,
    and reviewed ones not found."""
    with REVIEWED.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    outside, seen = [], set()
    for pkg, report in reports.items():
        name = f"{pkg.parent.name}/{pkg.name}"
        for f in report.findings:
            if f.cls == "notice":
                continue
            hit = next((k for k, r in enumerate(rows) if (r["package"], r["class"], r["rule"]) == (name, f.cls, f.rule)
                        and f.message.startswith(r["message_start"])), None)
            if hit is None:
                outside.append(f"{name} [{f.rule} · {f.cls}] {f.message}")
            else:
                seen.add(hit)
    missing = [f"{r['package']} [{r['rule']}] {r['message_start']}" for k, r in enumerate(rows) if k not in seen]
    return outside, missing


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT / "data/packages")
    ap.add_argument("--work", type=Path, default=Path("/tmp/transparency-mutate"))
    ap.add_argument("-v", "--verbose", action="store_true", help="print the new findings of every planted copy")
    args = ap.parse_args(argv)
    outcomes, outside, missing = run(args.data, args.work)
    print(f"{'kind':<24} {'found':>5} / {'planted':<7} recall")
    ok = True
    for kind in KINDS:
        got = [o for o in outcomes if o.kind == kind]
        n = sum(o.found for o in got)
        recall = n / len(got) if got else None
        ok &= recall is None or recall >= 0.95
        print(f"{kind:<24} {n:>5} / {len(got):<7} {'—' if recall is None else f'{recall:.0%}'}")
        for o in got:
            if not o.found or args.verbose:
                print(f"    {'found' if o.found else 'MISSED'} {o.document}: {'; '.join(o.new)[:300] or 'no new finding'}")
    print(f"findings of the unmutated corpus outside the reviewed list: {len(outside)}")
    for line in outside:
        print(f"    {line[:200]}")
    if missing:
        print(f"reviewed findings no longer found: {len(missing)}")
        for line in missing:
            print(f"    {line}")
    return 0 if ok and not outside else 1


if __name__ == "__main__":
    sys.exit(main())
