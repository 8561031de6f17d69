"""Package I/O: write a disclosure's resources (model/packages.Resource) as CSV + Table Schemas,
atomically."""
from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path

from generator.model.atomic import replace_dir, stale_temps, temp_prefix
from generator.model.packages import Resource
from generator.model.tables import TableSpec

FDP_TYPES = {
    "code_function": "functional-classification:generic:level1:code",
    "name_function": "functional-classification:generic:level1:label",
    "code_economic": "economic-classification:generic:level1:code",
    "name_economic": "economic-classification:generic:level1:label",
}


def field_(name: str, type_: str = "string", title: str = "", column_type: str = "", **extra) -> dict:
    field = {"name": name, "type": type_}
    if title:
        field["title"] = title
    if column_type:
        field["columnType"] = column_type
    if type_ == "number":
        field["bareNumber"] = True
    return {**field, **extra}


KEY_FIELDS = {
    "ledger": [field_("side", title="收支"), field_("line", title="行次"), field_("item", title="项目")],
    "function": [field_("code", title="科目编码", column_type=FDP_TYPES["code_function"], constraints={"pattern": "2\\d{2}(\\d{2}){0,2}"}),
                 field_("name", title="科目名称", column_type=FDP_TYPES["name_function"])],
    "economic": [field_("group", title="类别"),
                 field_("code", title="科目编码", column_type=FDP_TYPES["code_economic"], constraints={"pattern": "3\\d{2}(\\d{2})?"}),
                 field_("name", title="科目名称", column_type=FDP_TYPES["name_economic"])],
    "items": [field_("line", title="行次"), field_("item", title="项目"), field_("unit", title="计量单位")],
    "units": [field_("unit_name", title="机构名称")],
    "wide": [],
    "grouped": [field_("group", title="类别"), field_("item", title="项目")],
    "procurement": [field_("category", title="采购品目大类"), field_("project", title="专项名称"),
                    field_("economic", title="经济科目"), field_("item", title="采购物品名称"),
                    field_("method", title="采购组织形式")],
}


def key_fields(spec: TableSpec) -> list[dict]:
    """The key columns of a table's shape (a coded table keyed by economic codes takes theirs)."""
    if spec.shape == "function" and spec.classification == "economic":
        return KEY_FIELDS["economic"][1:]
    return KEY_FIELDS[spec.shape]


# what a value field's figures are, for machines reading the schema (Table Schema `description`)
IN_YUAN = "单位：元（原表以万元等印出的金额已折算为元）"
IN_YUAN_OR_COUNT = "金额单位：元；人次、辆、个等数量按本行“计量单位”"
NO_UNIT = "数值：原表未印金额单位，或为数量、比率、分值，照原样"


def table_fields(spec: TableSpec, headers: dict[str, str]) -> list[dict]:
    """Schema fields of a standard table: row, provenance, key columns, then every value column
    (an optional column only when the document prints it), each saying its unit."""
    unit = IN_YUAN_OR_COUNT if spec.shape == "items" else IN_YUAN
    values = [field_(column.id, "number", title=headers.get(column.id, column.title), column_type=column.column_type, description=unit)
              for column in spec.columns if not column.optional or column.id in headers]
    return [field_("row", "integer", title="行号", constraints={"required": True}),
            field_("source_line", "integer", title="原文行（页）"),
            field_("source_page", "integer", title="原文页码")] + key_fields(spec) + values


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_package(target: Path, descriptor: dict, resources: list[Resource], source: Path | list[Path]) -> None:
    """Write descriptor, CSVs and the source copies into a temp dir beside `target`, then swap it
    in with one rename (atomic.replace_dir): a reader, or an import killed at any instant, finds
    the old package or the new one, whole. What a killed import left is removed first."""
    sources = source if isinstance(source, list) else [source]
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in [*stale_temps(target.parent, target.name), target.with_name(f".{target.name}.old")]:
        shutil.rmtree(stale, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=temp_prefix(target.name), dir=target.parent))
    aside = Path(f"{tmp}-old")
    try:
        for res in resources:
            out = tmp / res.path
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(res.csv_text(), encoding="utf-8", newline="")
        (tmp / "source").mkdir()
        for src in sources:
            shutil.copyfile(src, tmp / "source" / src.name)
        descriptor = {**descriptor, "resources": [resource.descriptor() for resource in resources]}
        (tmp / "datapackage.json").write_text(
            json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        replace_dir(tmp, target, aside)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(aside, ignore_errors=True)
