"""`transparency import`: one disclosure (one file, or the files it was published as) → one
data package on disk."""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Callable

from generator.errors import AmbiguousDepartment, BadInput, TransparencyError, Undetermined, UnknownDepartment
from generator.ingest.document_meta import infer_kind, infer_scope, infer_year
from generator.ingest.formats.images import image_pages, unread_pages
from generator.ingest.formats.sources import Pages, join_sources, page_count, plain_text, read_items
from generator.ingest.guard import describe, preflight, refuse_poorer
from generator.ingest.items import DocumentError, Table, group_tables
from generator.ingest.limits import memory_limit
from generator.ingest.narrative import sections as nar
from generator.ingest.narrative.patterns import pattern_facts
from generator.ingest.narrative.performance import extract_performance
from generator.ingest.narrative.templates import template_facts
from generator.ingest.new_department import printed_name, propose
from generator.ingest.tables.facts import table_facts
from generator.ingest.tables.generic import GenericTable, read_generic_table
from generator.ingest.tables.generic_facts import generic_facts
from generator.ingest.tables.staffing import staffing_facts
from generator.ingest.tables.standard import StandardTable, read_standard_tables
from generator.ingest.tables.units import read_unit_tables
from generator.model.departments import RegistryError, append_department, load_registry, matching_departments
from generator.model.package import IN_YUAN, NO_UNIT, field_, sha256_of, table_fields, write_package
from generator.model.packages import Resource
from generator.model.resources import (
    FACTS,
    GLOSSARY,
    PERFORMANCE_FUNDS,
    PERFORMANCE_INDICATORS,
    PERFORMANCE_PROJECTS,
    SECTIONS,
)

KIND_TITLES = {"final": "部门决算", "budget": "部门预算", "evaluation": "部门整体支出绩效自评"}
UNIT_TITLES = {"final": "单位决算", "budget": "单位预算"}
LICENSE = [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/"}]


def _table_resource(t: StandardTable) -> Resource:
    info = {"id": t.spec.id, "title": t.spec.title, "number": t.number, "unit": t.unit,
            "note": t.note, "empty": t.empty, "department_name": t.department_name, "line": t.line}
    if t.page is not None:
        info["page"] = t.page
    if t.decimals < 2:
        info["decimals"] = t.decimals
    rows = [{**r, "source_line": r["_line"], "source_page": r.get("_page")}
            for r in sorted(t.rows, key=lambda r: (r.get("side", "") != "收入", r["row"]))]
    return Resource(t.name, f"tables/{t.name}.csv", table_fields(t.spec, t.headers), rows,
                    title=f"{'公开' + t.number + '表 ' if t.number else ''}{t.spec.title}", extra={"table": info})


def _generic_resource(t: GenericTable) -> Resource:
    info = {"id": "generic", "title": t.title, "number": t.number, "unit": t.unit or "", "note": t.note,
            "empty": not any(r.get(c.id) not in (None, "") for r in t.rows for c in t.columns if c.kind == "amount")
            and not any(r.get(c.id) for r in t.rows for c in t.columns),
            "line": t.line, "generic": True}
    if t.page is not None:
        info["page"] = t.page
    if t.decimals < 2:
        info["decimals"] = t.decimals
    fields = [field_("row", "integer", title="行号", constraints={"required": True}),
              field_("source_line", "integer", title="原文行（页）"),
              field_("source_page", "integer", title="原文页码")]
    if any(r["code"] for r in t.rows):
        fields.append(field_("code", title="科目编码"))
    fields += [field_(c.id, "number", title=c.title, column_type="value", description=IN_YUAN) if c.kind == "amount"
               else field_(c.id, title=c.title, description=NO_UNIT) if c.kind == "number"
               else field_(c.id, title=c.title) for c in t.columns]
    rows = [{**r, "source_line": r["_line"], "source_page": r.get("_page")} for r in t.rows]
    label = t.title or (f"第{t.page}页表格" if t.page else f"第{t.line}行表格")
    return Resource(t.name, f"tables/{t.name}.csv", fields, rows,
                    title=f"{'表' + t.number + ' ' if t.number else ''}{label}", extra={"table": info})


def _generic_tables(blocks: list, tables: list[StandardTable], projects: list, indicators: list,
                    source_name: str, warnings: list[str]) -> list[GenericTable]:
    """Every printed table that is neither a recognised table nor read as performance
    projects and indicators (two or more of them), kept as printed."""
    titled = {t.line for t in tables}
    performance = Counter(i.line for i in [*projects, *indicators])
    out, set_unit = [], ""
    for b in blocks:
        if not isinstance(b, Table) or any(p.line in titled for p in b.before):
            continue
        if sum(performance[line] for line in {x for r in b.rows for x in (r.line, *r.lines)}) >= 2:
            continue  # read as performance projects and indicators
        t = read_generic_table(b, source_name, warnings, set_unit)
        if t is not None:
            t.name = f"generic_{len(out) + 1:02d}"
            out.append(t)
            set_unit = t.unit or set_unit
    return out


def build_resources(blocks: list, year: int, source_name: str, pages: Pages | None = None,
                    parts: list[int] = (), kind: str = "final",
                    standard: list[StandardTable] | None = None,
                    warnings: list[str] | None = None) -> tuple[list[Resource], dict]:
    """All resources of one document, plus what the descriptor needs to know about them.
    `pages` (paged sources) puts the page of every figure, row and section beside its line;
    `parts` are the first lines of the further files of a disclosure published as several;
    what could not be read cleanly is appended to `warnings`."""
    warnings = [] if warnings is None else warnings
    standard = read_standard_tables(blocks, source_name) if standard is None else standard
    standard_lines = {b.line for b in blocks if isinstance(b, Table)
                      and any(t.line in [p.line for p in b.before] for t in standard)}
    tables = standard + read_unit_tables(blocks, source_name)
    texts = nar.narrative_texts(blocks, standard_lines)
    for start in parts:  # a further file opens a section of its own (its text is not the last heading's)
        at = next((k for k, t in enumerate(texts) if t[0] >= start), len(texts))
        texts.insert(at, (start, "", 1))
    sections = nar.split_sections(texts)
    funds: list = []
    projects, indicators = extract_performance([x for b in blocks for x in (b.rows if isinstance(b, Table) else [b])],
                                               funds)
    generic = _generic_tables(blocks, tables, projects, indicators, source_name, warnings)
    sentences = nar.sentences_of(sections, exact=pages is not None)
    stated = template_facts(sentences, year, kind)
    facts = (table_facts(tables, year) + generic_facts(generic, year, kind) + staffing_facts(blocks, year)
             + stated + pattern_facts(sentences, year, kind, stated))
    terms = nar.glossary(sections)
    if pages is not None:
        facts = [replace(f, page=pages.page(f.line, f.quote)) for f in facts]
        for item in [*sections, *terms, *projects, *indicators, *funds]:
            item.page = pages.page(item.line, getattr(item, "quote", ""))
    resources = [_table_resource(t) for t in tables] + [_generic_resource(t) for t in generic]
    resources.append(FACTS.resource([f.row() for f in facts]))
    resources.append(SECTIONS.resource([asdict(s) for s in sections]))
    for spec, items in ((GLOSSARY, terms), (PERFORMANCE_PROJECTS, projects), (PERFORMANCE_INDICATORS, indicators),
                        (PERFORMANCE_FUNDS, funds)):
        if items:
            resources.append(spec.resource([asdict(i) for i in items]))
    printed = {t.department_name for t in tables if t.department_name}
    names = sorted(n for n in printed if not any(m != n and m.startswith(n) for m in printed))  # cut by a line end
    return resources, {"names_in_source": names}


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote: the package folder, what it is, what was read from the document
    rather than given (`inferred`), what could not be read cleanly (`warnings`) and the rows of
    each resource (`counts`: resource name → rows)."""

    path: Path
    department: str
    department_name: str
    year: int
    kind: str
    scope: str
    inferred: tuple[str, ...]
    warnings: tuple[str, ...]
    counts: dict[str, int]
    standard_tables: int
    generic_tables: int
    added_department: str = ""  # the registry row added for a new department, in words

    def summary(self) -> str:
        c = self.counts
        return (f"{self.standard_tables} standard tables, {self.generic_tables} other tables, {c['facts']} facts, "
                f"{c['sections']} sections, {c.get('glossary', 0)} glossary terms, "
                f"{c.get('performance_projects', 0)} projects, {c.get('performance_indicators', 0)} indicators")

    def messages(self) -> list[str]:
        """The lines `transparency import` prints."""
        values = {"department": self.department, "year": self.year, "kind": self.kind, "scope": self.scope}
        return ([f"warning: {w}" for w in self.warnings] + [f"inferred {w}: {values[w]}" for w in self.inferred]
                + ([self.added_department] if self.added_department else []) + [f"wrote {self.path}: {self.summary()}"])


def import_disclosure(source: str | Path | list, *, out: str | Path = "data/packages", department: str | None = None,
                      year: int | None = None, kind: str | None = None, scope: str | None = None,
                      registry: str | Path = "data/departments.csv", replace: bool = False,
                      source_url: str | None = None) -> ImportResult:
    """Import `source` (a path, or the paths of one disclosure's files in reading order) into
    `out/<department>/<year>-<kind>[-unit]/`; what is not given is read from the document.
    Raises a `generator.errors.TransparencyError`; a package with more tables, facts or sections
    is replaced only when `replace` (guard.py). `source_url` is recorded as the source's `url`."""
    sources = [Path(p) for p in (source if isinstance(source, (list, tuple)) else [source])]
    out, registry = Path(out), Path(registry)
    try:
        preflight(sources, out, registry)
        with memory_limit():
            return _import(sources, out, department, year, kind, scope, registry, replace, source_url)
    except (DocumentError, RegistryError, OSError, MemoryError) as exc:
        raise BadInput(describe(exc, sources)) from exc


def import_document(source: Path | list[Path], out: Path, department: str | None = None, year: int | None = None,
                    kind: str | None = None, registry: Path = Path("data/departments.csv"),
                    echo: Callable[[str], None] = print, scope: str | None = None, replace: bool = False,
                    source_url: str | None = None) -> int:
    """`transparency import`: `import_disclosure`, its result or error told through `echo`;
    0 on success, 1 on failure."""
    try:
        result = import_disclosure(source, out=out, department=department, year=year, kind=kind, scope=scope,
                                   registry=registry, replace=replace, source_url=source_url)
    except TransparencyError as exc:
        echo(f"error: {exc}")
        return 1
    for line in result.messages():
        echo(line)
    return 0


def _read(sources: list[Path]) -> tuple[list, list[int], list[int], list[int]]:
    """The items of every source file as one stream, each file's first page and first line, and
    the pages printed only as pictures (numbered on through the files)."""
    for path in sources:
        if not path.is_file():
            raise DocumentError(f"{path}: no such file")
    parts, pictures, pages = [], [], 0
    for path in sources:
        items = read_items(path)
        parts.append((items, page_count(path, items)))
        pictures += [pages + n for n in image_pages(path, items)]
        pages += parts[-1][1]
    if len(parts) == 1:
        return parts[0][0], [1], [1], pictures
    return (*join_sources(parts), pictures)


def _source_entry(path: Path) -> dict:
    return {"path": f"source/{path.name}", "sha256": sha256_of(path), "bytes": path.stat().st_size,
            "format": path.suffix.lstrip(".").lower()}


def _department(items: list, text: str, registry: dict, registry_path: Path, first: Path):
    """The registered department the document names, else a new one made from the name it
    prints (added to `registry`; the caller writes it to the file once the package is written)."""
    found = matching_departments(registry, text)
    if len(found) > 1:
        raise AmbiguousDepartment(f"{first}: the document names {len(found)} registered departments: "
                                  + "; ".join(f"{d.id} ({d.name})" for d in found) + "; pass --department ID",
                                  [d.id for d in found])
    if found:
        return found[0]
    name = printed_name(items)
    if name is None:
        raise UnknownDepartment(f"{first}: the document does not print its department's name where expected "
                            "(cover title, 部门名称：/编制单位： lines); pass --department ID after adding its row "
                            f"to {registry_path}")
    try:
        dept = propose(name, text, registry)
    except DocumentError as exc:
        raise UnknownDepartment(f"{first}: {exc}") from None
    registry[dept.id] = dept
    return dept


def _import(sources: list[Path], out: Path, department: str | None, year: int | None, kind: str | None,
            scope: str | None, registry_path: Path, replace: bool, source_url: str | None) -> ImportResult:
    items, starts, firsts, pictures = _read(sources)
    text = plain_text(items)
    paged = any(item.page is not None for item in items)
    blocks = group_tables(items)
    registry = load_registry(registry_path)
    known = set(registry)
    first = sources[0]
    inferred = []
    if department:
        if department not in registry:
            raise UnknownDepartment(f"--department {department}: not in {registry_path}; add a row for it there first")
        dept = registry[department]
    else:
        dept = _department(items, text, registry, registry_path, first)
        inferred.append("department")
    if year is None:
        year = infer_year(text)
        if year is None:
            raise Undetermined(f"{first}: cannot tell the fiscal year; pass --year YYYY", "year")
        inferred.append("year")
    skipped: list[str] = []  # a published PDF is imported with what can be read; the rest is named
    standard = read_standard_tables(blocks, first.name, skipped if paged else None)
    if kind is None:
        kind = infer_kind(text, [t.spec.kind for t in standard])
        if kind is None:
            raise Undetermined(f"{first}: cannot tell whether this is a 决算, 预算 or 绩效自评; pass --kind", "kind")
        inferred.append("kind")
    warnings: list[str] = []
    resources, meta = build_resources(blocks, year, first.name, Pages(items) if paged else None, firsts[1:],
                                      kind, standard, warnings)
    if scope is None:
        scope = infer_scope(text) if kind in UNIT_TITLES else "department"
        if scope == "unit":
            inferred.append("scope")
    names = meta["names_in_source"] or [n for n in dept.names if n in text][:1]
    unit = scope == "unit"
    slug = f"{year}-{kind}" + ("-unit" if unit else "")
    descriptor = {
        "profile": "tabular-data-package",
        "name": f"{dept.id}-{slug}",
        "title": f"{dept.name} {year}年度{(UNIT_TITLES if unit else KIND_TITLES)[kind]}",
        "department": {"id": dept.id, "name": dept.name},
        "fiscal_year": year,
        "kind": kind,
        **({"scope": "unit"} if unit else {}),
        "currency": "CNY",
        "source": {**_source_entry(first), **({"url": source_url} if source_url else {})},
        **({"sources": [{**_source_entry(p), "first_page": start} for p, start in zip(sources, starts)]}
           if len(sources) > 1 else {}),
        "names_in_source": names,
        "inferred": inferred,
        **({"unread": unread_pages(pictures)} if pictures else {}),
        "licenses": LICENSE,
    }
    target = out / dept.id / slug
    refuse_poorer(target, resources, replace)
    write_package(target, descriptor, resources, sources)
    added = ""
    if dept.id not in known:
        append_department(registry_path, dept)
        added = (f"added department {dept.id} ({dept.name}, {dept.province}{dept.city}{dept.county}, {dept.kind}) "
                 f"to {registry_path}; correct the row there if needed")
    tables = [r.extra["table"] for r in resources if "table" in r.extra]
    generic = sum(1 for t in tables if t.get("generic"))
    return ImportResult(target, dept.id, dept.name, year, kind, scope, tuple(inferred),
                        tuple(f"table left out: {r}" for r in skipped) + tuple(warnings) + tuple(unread_pages(pictures)),
                        {r.name: len(r.rows) for r in resources}, len(tables) - generic, generic, added)
