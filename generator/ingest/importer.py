"""`transparency import`: one disclosure (one file, or the files it was published as) → one
data package on disk."""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Callable

from generator.errors import AmbiguousDepartment, BadInput, TransparencyError, Undetermined, UnknownDepartment
from generator.ingest.document_meta import infer_kind, infer_scope, infer_year
from generator.ingest.formats.images import unread_pages
from generator.ingest.formats.sources import Pages, join_sources, plain_text, read_source
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


def _table_resource(table: StandardTable) -> Resource:
    info = {"id": table.spec.id, "title": table.spec.title, "number": table.number, "unit": table.unit,
            "note": table.note, "empty": table.empty, "department_name": table.department_name, "line": table.line}
    if table.page is not None:
        info["page"] = table.page
    if table.decimals < 2:
        info["decimals"] = table.decimals
    rows = [{**row, "source_line": row["_line"], "source_page": row.get("_page")}
            for row in sorted(table.rows, key=lambda row: (row.get("side", "") != "收入", row["row"]))]
    return Resource(table.name, f"tables/{table.name}.csv", table_fields(table.spec, table.headers), rows,
                    title=f"{'公开' + table.number + '表 ' if table.number else ''}{table.spec.title}", extra={"table": info})


def _generic_resource(table: GenericTable) -> Resource:
    info = {"id": "generic", "title": table.title, "number": table.number, "unit": table.unit or "", "note": table.note,
            "empty": not any(row.get(column.id) not in (None, "") for row in table.rows for column in table.columns if column.kind == "amount")
            and not any(row.get(column.id) for row in table.rows for column in table.columns),
            "line": table.line, "generic": True}
    if table.page is not None:
        info["page"] = table.page
    if table.decimals < 2:
        info["decimals"] = table.decimals
    fields = [field_("row", "integer", title="行号", constraints={"required": True}),
              field_("source_line", "integer", title="原文行（页）"),
              field_("source_page", "integer", title="原文页码")]
    if any(row["code"] for row in table.rows):
        fields.append(field_("code", title="科目编码"))
    fields += [field_(column.id, "number", title=column.title, column_type="value", description=IN_YUAN) if column.kind == "amount"
               else field_(column.id, title=column.title, description=NO_UNIT) if column.kind == "number"
               else field_(column.id, title=column.title) for column in table.columns]
    rows = [{**row, "source_line": row["_line"], "source_page": row.get("_page")} for row in table.rows]
    label = table.title or (f"第{table.page}页表格" if table.page else f"第{table.line}行表格")
    return Resource(table.name, f"tables/{table.name}.csv", fields, rows,
                    title=f"{'表' + table.number + ' ' if table.number else ''}{label}", extra={"table": info})


def _generic_tables(blocks: list, tables: list[StandardTable], projects: list, indicators: list,
                    source_name: str, warnings: list[str]) -> list[GenericTable]:
    """Every printed table that is neither a recognised table nor read as performance
    projects and indicators (two or more of them), kept as printed."""
    titled = {table.line for table in tables}
    performance = Counter(item.line for item in [*projects, *indicators])
    out, set_unit = [], ""
    for block in blocks:
        if not isinstance(block, Table) or any(paragraph.line in titled for paragraph in block.before):
            continue
        if sum(performance[line] for line in {row_line for row in block.rows for row_line in (row.line, *row.lines)}) >= 2:
            continue  # read as performance projects and indicators
        table = read_generic_table(block, source_name, warnings, set_unit)
        if table is not None:
            table.name = f"generic_{len(out) + 1:02d}"
            out.append(table)
            set_unit = table.unit or set_unit
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
    standard_lines = {block.line for block in blocks if isinstance(block, Table)
                      and any(table.line in [paragraph.line for paragraph in block.before] for table in standard)}
    tables = standard + read_unit_tables(blocks, source_name)
    texts = nar.narrative_texts(blocks, standard_lines)
    for start in parts:  # a further file opens a section of its own (its text is not the last heading's)
        position = next((index for index, text in enumerate(texts) if text[0] >= start), len(texts))
        texts.insert(position, (start, "", 1))
    sections = nar.split_sections(texts)
    funds: list = []
    projects, indicators = extract_performance([element for block in blocks for element in (block.rows if isinstance(block, Table) else [block])],
                                               funds)
    generic = _generic_tables(blocks, tables, projects, indicators, source_name, warnings)
    sentences = nar.sentences_of(sections, exact=pages is not None)
    stated = template_facts(sentences, year, kind)
    facts = (table_facts(tables, year) + generic_facts(generic, year, kind) + staffing_facts(blocks, year)
             + stated + pattern_facts(sentences, year, kind, stated))
    terms = nar.glossary(sections)
    if pages is not None:
        facts = [replace(fact, page=pages.page(fact.line, fact.quote)) for fact in facts]
        for item in [*sections, *terms, *projects, *indicators, *funds]:
            item.page = pages.page(item.line, getattr(item, "quote", ""))
    resources = [_table_resource(table) for table in tables] + [_generic_resource(table) for table in generic]
    resources.append(FACTS.resource([fact.row() for fact in facts]))
    resources.append(SECTIONS.resource([asdict(section) for section in sections]))
    for spec, items in ((GLOSSARY, terms), (PERFORMANCE_PROJECTS, projects), (PERFORMANCE_INDICATORS, indicators),
                        (PERFORMANCE_FUNDS, funds)):
        if items:
            resources.append(spec.resource([asdict(entry) for entry in items]))
    printed = {table.department_name for table in tables if table.department_name}
    names = sorted(name for name in printed if not any(other != name and other.startswith(name) for other in printed))  # cut by a line end
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
        counts = self.counts
        return (f"{self.standard_tables} standard tables, {self.generic_tables} other tables, {counts['facts']} facts, "
                f"{counts['sections']} sections, {counts.get('glossary', 0)} glossary terms, "
                f"{counts.get('performance_projects', 0)} projects, {counts.get('performance_indicators', 0)} indicators")

    def messages(self) -> list[str]:
        """The lines `transparency import` prints."""
        values = {"department": self.department, "year": self.year, "kind": self.kind, "scope": self.scope}
        return ([f"warning: {entry}" for entry in self.warnings] + [f"inferred {entry}: {values[entry]}" for entry in self.inferred]
                + ([self.added_department] if self.added_department else []) + [f"wrote {self.path}: {self.summary()}"])


def import_disclosure(source: str | Path | list, *, out: str | Path = "data/packages", department: str | None = None,
                      year: int | None = None, kind: str | None = None, scope: str | None = None,
                      registry: str | Path = "data/departments.csv", replace: bool = False,
                      source_url: str | None = None) -> ImportResult:
    """Import `source` (a path, or the paths of one disclosure's files in reading order) into
    `out/<department>/<year>-<kind>[-unit]/`; what is not given is read from the document.
    Raises a `generator.errors.TransparencyError`; a package with more tables, facts or sections
    is replaced only when `replace` (guard.py). `source_url` is recorded as the source's `url`."""
    sources = [Path(path) for path in (source if isinstance(source, (list, tuple)) else [source])]
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
        source = read_source(path)
        parts.append((source.items, source.pages))
        pictures += [pages + page for page in source.pictures]
        pages += source.pages
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
                                  + "; ".join(f"{department.id} ({department.name})" for department in found) + "; pass --department ID",
                                  [department.id for department in found])
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
        kind = infer_kind(text, [table.spec.kind for table in standard])
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
    names = meta["names_in_source"] or [name for name in dept.names if name in text][:1]
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
        **({"sources": [{**_source_entry(path), "first_page": start} for path, start in zip(sources, starts)]}
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
    tables = [resource.extra["table"] for resource in resources if "table" in resource.extra]
    generic = sum(1 for table in tables if table.get("generic"))
    return ImportResult(target, dept.id, dept.name, year, kind, scope, tuple(inferred),
                        tuple(f"table left out: {resource}" for resource in skipped) + tuple(warnings) + tuple(unread_pages(pictures)),
                        {resource.name: len(resource.rows) for resource in resources}, len(tables) - generic, generic, added)
