"""`transparency import`: one source document → one data package on disk."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Callable

from generator.ingest import narrative as nar
from generator.ingest.performance import extract_performance
from generator.ingest.staffing import staffing_facts
from generator.ingest.standard_tables import StandardTable, read_standard_tables
from generator.ingest.table_facts import table_facts
from generator.ingest.unit_tables import read_unit_tables
from generator.ingest.text import DocumentError, Table, group_tables, parse_lines, read_text
from generator.model.departments import RegistryError, find_department, load_registry
from generator.model.facts import FIELD_ORDER, Fact
from generator.model.package import Resource, field_, sha256_of, table_fields, write_package

KIND_TITLES = {"final": "部门决算", "budget": "部门预算", "evaluation": "部门整体支出绩效自评"}
LICENSE = [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/"}]


def infer_year(text: str) -> int | None:
    """The fiscal year the document reports on, from its own title sentences."""
    for pattern in (r"(\d{4})\s*年度?部门(?:决算|预算)", r"对\s*(\d{4})\s*年度?(?:部门)?整体支出",
                    r"(\d{4})\s*年度?(?:部门)?整体支出"):
        years = Counter(re.findall(pattern, text))
        if years:
            return int(years.most_common(1)[0][0])
    years = Counter(re.findall(r"(20\d{2})\s*年", text))
    return int(years.most_common(1)[0][0]) if years else None


def infer_kind(text: str, tables: list[StandardTable]) -> str | None:
    if tables or re.search(r"\d{4}\s*年度?部门决算", text):
        return "final"
    if re.search(r"\d{4}\s*年度?部门预算(?:公开|情况说明)", text):
        return "budget"
    if "绩效自评" in text or "绩效评价" in text:
        return "evaluation"
    return None


def _facts_resource(facts: list[Fact]) -> Resource:
    types = {"year": "integer", "value": "number", "half_unit": "number", "line": "integer"}
    titles = {"measure": "指标", "kind": "类型", "code": "科目编码", "item": "项目", "of": "占比基数",
              "year": "年度", "value": "数值", "unit": "单位", "unit_in_source": "原文单位",
              "half_unit": "精度（半个末位）", "relation": "比较词", "basis": "来源性质", "source": "出处",
              "line": "行", "quote": "原文"}
    fields = [field_(f, types.get(f, "string"), title=titles[f],
                     column_type={"year": "date:fiscal-year", "value": "value"}.get(f, ""),
                     **({"constraints": {"required": True}} if f in ("measure", "kind", "year", "value", "unit") else {}))
              for f in FIELD_ORDER]
    return Resource("facts", "facts.csv", fields, [f.row() for f in facts], title="主要数据")


def _table_resource(t: StandardTable) -> Resource:
    info = {"id": t.spec.id, "title": t.spec.title, "number": t.number, "unit": t.unit,
            "note": t.note, "empty": t.empty, "department_name": t.department_name, "line": t.line}
    rows = [{**r, "source_line": r["_line"]} for r in sorted(t.rows, key=lambda r: (r.get("side", "") != "收入", r["row"]))]
    return Resource(t.spec.id, f"tables/{t.spec.id}.csv", table_fields(t.spec, t.headers), rows,
                    title=f"{'公开' + t.number + '表 ' if t.number else ''}{t.spec.title}", extra={"table": info})


def _dataclass_resource(name: str, title: str, items: list, types: dict[str, str], titles: dict[str, str]) -> Resource:
    rows = [asdict(i) for i in items]
    names = list(titles)
    return Resource(name, f"{name}.csv", [field_(n, types.get(n, "string"), title=titles[n]) for n in names], rows,
                    title=title)


def build_resources(blocks: list, year: int, source_name: str) -> tuple[list[Resource], dict]:
    """All resources of one document, plus what the descriptor needs to know about them."""
    standard = read_standard_tables(blocks, source_name)
    standard_lines = {b.line for b in blocks if isinstance(b, Table)
                      and any(t.line in [p.line for p in b.before] for t in standard)}
    tables = standard + read_unit_tables(blocks, source_name)
    sections = nar.split_sections(nar.narrative_texts(blocks, standard_lines))
    facts = (table_facts(tables, year) + staffing_facts(blocks, year)
             + nar.collect_facts(nar.sentences_of(sections), year))
    projects, indicators = extract_performance([x for b in blocks for x in (b.rows if isinstance(b, Table) else [b])])
    resources = [_table_resource(t) for t in tables]
    resources.append(_facts_resource(facts))
    resources.append(_dataclass_resource(
        "sections", "情况说明", sections, {"level": "integer", "line": "integer"},
        {"id": "编号", "number": "序号", "heading": "标题", "level": "层级", "parent": "上级", "line": "行", "text": "正文"}))
    terms = nar.glossary(sections)
    if terms:
        resources.append(_dataclass_resource(
            "glossary", "名词解释", terms, {"line": "integer"},
            {"number": "序号", "term": "名词", "definition": "解释", "line": "行"}))
    if projects:
        resources.append(_dataclass_resource("performance_projects", "项目绩效自评", projects, PROJECT_TYPES, PROJECT_TITLES))
    if indicators:
        resources.append(_dataclass_resource("performance_indicators", "绩效指标", indicators, INDICATOR_TYPES, INDICATOR_TITLES))
    names = sorted({t.department_name for t in tables if t.department_name})
    return resources, {"names_in_source": names}


PROJECT_TITLES = {"project": "项目名称", "unit": "单位", "budget": "全年预算数（元）", "executed": "全年执行数（元）",
                  "stated_rate": "执行率（%，原文）", "rate_half_unit": "执行率精度", "amount_half_unit": "金额精度（元）",
                  "weight": "分值", "score": "得分", "total_score": "总分", "grade": "等级", "source": "出处",
                  "line": "行", "quote": "原文"}
PROJECT_TYPES = {k: "number" for k in ("budget", "executed", "stated_rate", "rate_half_unit", "amount_half_unit",
                                        "weight", "score", "total_score")} | {"line": "integer"}
INDICATOR_TITLES = {"scope": "范围", "project": "项目名称", "level1": "一级指标", "level2": "二级指标",
                    "level3": "三级指标", "nature": "指标性质", "target": "指标值", "measure_unit": "度量单位",
                    "actual": "实际完成值", "weight": "分值", "score": "得分", "note": "偏差原因", "line": "行"}
INDICATOR_TYPES = {"weight": "number", "score": "number", "line": "integer"}


def import_document(source: Path, out: Path, department: str | None = None, year: int | None = None,
                    kind: str | None = None, registry: Path = Path("data/departments.csv"),
                    echo: Callable[[str], None] = print) -> int:
    """Import `source` into `out/<department>/<year>-<kind>/`; 0 on success, 1 with a message on failure."""
    try:
        target, summary = _import(source, out, department, year, kind, registry, echo)
    except (DocumentError, RegistryError, OSError) as exc:
        echo(f"error: {exc}")
        return 1
    echo(f"wrote {target}: {summary}")
    return 0


def _import(source: Path, out: Path, department: str | None, year: int | None, kind: str | None,
            registry_path: Path, echo: Callable[[str], None]) -> tuple[Path, str]:
    if not source.is_file():
        raise DocumentError(f"{source}: no such file")
    lines = read_text(source)
    text = "\n".join(lines)
    blocks = group_tables(parse_lines(lines))
    registry = load_registry(registry_path)
    inferred = []
    if department:
        if department not in registry:
            raise DocumentError(f"--department {department}: not in {registry_path}; add a row for it there first")
        dept = registry[department]
    else:
        dept = find_department(registry, text)
        if dept is None:
            raise DocumentError(f"{source}: no department of {registry_path} is named in the document; "
                                "pass --department ID (and add the department to the registry if it is new)")
        inferred.append("department")
    if year is None:
        year = infer_year(text)
        if year is None:
            raise DocumentError(f"{source}: cannot tell the fiscal year; pass --year YYYY")
        inferred.append("year")
    resources, meta = build_resources(blocks, year, source.name)
    if kind is None:
        kind = infer_kind(text, [r for r in resources if r.path.startswith("tables/") and r.extra["table"]["number"]])
        if kind is None:
            raise DocumentError(f"{source}: cannot tell whether this is a 决算, 预算 or 绩效自评; pass --kind")
        inferred.append("kind")
    for what in inferred:
        echo(f"inferred {what}: {dict(department=dept.id, year=year, kind=kind)[what]}")
    names = meta["names_in_source"] or [n for n in dept.names if n in text][:1]
    descriptor = {
        "profile": "tabular-data-package",
        "name": f"{dept.id}-{year}-{kind}",
        "title": f"{dept.name} {year}年度{KIND_TITLES[kind]}",
        "department": {"id": dept.id, "name": dept.name},
        "fiscal_year": year,
        "kind": kind,
        "currency": "CNY",
        "source": {"path": f"source/{source.name}", "sha256": sha256_of(source), "bytes": source.stat().st_size,
                   "format": source.suffix.lstrip(".")},
        "names_in_source": names,
        "inferred": inferred,
        "licenses": LICENSE,
    }
    target = out / dept.id / f"{year}-{kind}"
    write_package(target, descriptor, resources, source)
    counts = {r.name: len(r.rows) for r in resources}
    tables = sum(1 for r in resources if r.path.startswith("tables/"))
    return target, (f"{tables} standard tables, {counts['facts']} facts, {counts['sections']} sections, "
                    f"{counts.get('glossary', 0)} glossary terms, {counts.get('performance_projects', 0)} projects, "
                    f"{counts.get('performance_indicators', 0)} indicators")
