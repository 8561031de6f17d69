"""Data packages read back (descriptor, resources with rows as printed strings, facts), and the
resource as written and read."""
from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Sequence

from generator.model.facts import Fact, read_facts

KIND_NAMES = {"final": "部门决算", "budget": "部门预算", "evaluation": "绩效自评"}
UNIT_KIND_NAMES = {"final": "单位决算", "budget": "单位预算"}


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    type: str


DESCRIPTOR_KEYS = ("name", "path", "profile", "format", "encoding", "mediatype", "schema", "title")


@dataclass
class Resource:
    """One tabular resource, as written and as read back: its Table Schema fields (`schema`), its
    rows (values when written, the printed strings when read), its title and the further keys of
    its descriptor entry (`extra`: the `table` block of a table)."""

    name: str
    path: str
    schema: list[dict]
    rows: Sequence[dict]
    title: str = ""
    extra: dict = field(default_factory=dict)

    @cached_property
    def fields(self) -> tuple[Field, ...]:
        return tuple(Field(field["name"], field.get("title") or field["name"], field.get("type", "string")) for field in self.schema)

    @property
    def meta(self) -> dict:
        """The descriptor entry's title and further keys."""
        return {**({"title": self.title} if self.title else {}), **self.extra}

    @property
    def table(self) -> dict:
        """The table block (`id, number, title, unit, note, empty` …), empty for other resources."""
        return self.extra.get("table") or {}

    def number_fields(self) -> list[Field]:
        return [field for field in self.fields if field.type == "number"]

    def csv_text(self) -> str:
        buf = io.StringIO()
        names = [field["name"] for field in self.schema]
        writer = csv.DictWriter(buf, fieldnames=names, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        for row in self.rows:
            writer.writerow({name: "" if (value := row.get(name)) is None else str(value) for name in names})
        return buf.getvalue()

    def descriptor(self) -> dict:
        described = {"name": self.name, "path": self.path, "profile": "tabular-data-resource", "format": "csv",
                     "encoding": "utf-8", "mediatype": "text/csv", "schema": {"fields": self.schema}}
        if self.title:
            described["title"] = self.title
        return {**described, **self.extra}


@dataclass(frozen=True)
class Package:
    """One disclosure: department-year-kind."""

    root: Path
    descriptor: dict
    resources: tuple[Resource, ...]
    facts: tuple[Fact, ...]

    @property
    def name(self) -> str:
        return self.descriptor["name"]

    @property
    def title(self) -> str:
        return self.descriptor.get("title") or self.name

    @property
    def department_id(self) -> str:
        return self.descriptor["department"]["id"]

    @property
    def department_name(self) -> str:
        return self.descriptor["department"].get("name") or self.department_id

    @property
    def year(self) -> int:
        return int(self.descriptor["fiscal_year"])

    @property
    def kind(self) -> str:
        return self.descriptor["kind"]

    @property
    def scope(self) -> str:
        """department (a department's consolidated disclosure) or unit (one budget unit's own)."""
        return self.descriptor.get("scope", "department")

    @property
    def kind_name(self) -> str:
        names = UNIT_KIND_NAMES if self.scope == "unit" else KIND_NAMES
        return names.get(self.kind, KIND_NAMES.get(self.kind, self.kind))

    @property
    def slug(self) -> str:
        """`<year>-<kind>` (`…-unit` for a unit's disclosure): the folder name and the last URL segment."""
        return f"{self.year}-{self.kind}" + ("-unit" if self.scope == "unit" else "")

    @property
    def source(self) -> dict:
        return self.descriptor.get("source") or {}

    def resource(self, name: str) -> Resource | None:
        return next((resource for resource in self.resources if resource.name == name), None)

    def rows(self, name: str) -> tuple[dict[str, str], ...]:
        res = self.resource(name)
        return res.rows if res else ()

    @property
    def tables(self) -> list[Resource]:
        """The standard tables in printed order."""
        tables = [resource for resource in self.resources if resource.table]
        return sorted(tables, key=lambda resource: (_table_order(resource.table), resource.name))


def _table_order(table: dict) -> tuple:
    number = str(table.get("number") or "")
    digits = "".join(char for char in number if char.isdigit())
    return (int(digits) if digits else 999, number)


class PackageError(ValueError):
    """A package the site cannot read: names the file and the problem."""


@lru_cache(maxsize=64)
def _real(root: Path) -> str:
    return os.path.realpath(root)


def inside(root: Path, relative: str) -> Path:
    """`root/relative`, refusing a path from metadata that leaves the package folder."""
    path = os.path.realpath(os.path.join(root, relative))
    base = _real(root)
    if not path.startswith(base + os.sep):
        raise PackageError(f"{root / 'datapackage.json'}: path {relative!r} leaves the package folder")
    return Path(path)


def read_package(root: Path) -> Package:
    """Read `datapackage.json` and every CSV resource it names."""
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    resources = []
    for res in descriptor.get("resources", []):
        with open(inside(root, res["path"]), encoding="utf-8", newline="") as handle:
            rows = tuple(csv.DictReader(handle))
        resources.append(Resource(res["name"], res["path"], res.get("schema", {}).get("fields", []), rows,
                                  res.get("title", ""), {key: value for key, value in res.items() if key not in DESCRIPTOR_KEYS}))
    facts = next((resource for resource in resources if resource.name == "facts"), None)
    return Package(root, descriptor, tuple(resources), tuple(read_facts(inside(root, facts.path))) if facts else ())


def find_packages(packages_dir: Path) -> list[Path]:
    """Every folder holding a datapackage.json, sorted; hidden folders (`.2020-final.old`, what an
    interrupted import or editor leaves) are not packages."""
    if not packages_dir.is_dir():
        return []
    return sorted(path.parent for path in packages_dir.glob("*/*/datapackage.json")
                  if not any(part.startswith(".") for part in path.relative_to(packages_dir).parts))


def decimal_or_none(text: str | None) -> Decimal | None:
    """A package number cell ('64415757.01', '') → Decimal or None."""
    text = (text or "").strip()
    return Decimal(text) if text else None
