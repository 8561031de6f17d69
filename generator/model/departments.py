"""The department registry data/departments.csv: ids, official names and the aliases documents print."""
from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

FIELDS = ("id", "name", "aliases", "province", "city", "county", "division_code", "division_level", "kind")
DIVISION_LEVELS = ("province", "city", "county")
_ID_PATTERN = re.compile(r"([0-9]{6})-[a-z0-9]+(?:-[a-z0-9]+)*")


class RegistryError(ValueError):
    """A malformed registry: names the file, line and field."""

    def __init__(self, path: Path | str, line: int, field: str, problem: str):
        self.path, self.line, self.field = Path(path), line, field
        super().__init__(f"{path}, line {line}, field {field}: {problem}")


@dataclass(frozen=True)
class Department:
    """A department that publishes disclosures; `id` = `<division code>-<slug>`."""

    id: str
    name: str
    aliases: tuple[str, ...]
    province: str
    city: str
    county: str
    division_code: str
    division_level: str
    kind: str

    @property
    def names(self) -> tuple[str, ...]:
        """The official name, then the aliases."""
        return (self.name, *self.aliases)


def load_registry(path: Path | str) -> dict[str, Department]:
    """Read the registry → {id: Department}, in file order; RegistryError on a malformed row."""
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or tuple(header) != FIELDS:
            raise RegistryError(path, 1, "header", f"expected columns {','.join(FIELDS)}, got {','.join(header or [])!r}")
        registry: dict[str, Department] = {}
        owner: dict[str, str] = {}  # name or alias → id
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            department = _department(path, reader.line_num, cells)
            if department.id in registry:
                raise RegistryError(path, reader.line_num, "id", f"{department.id!r} appears twice")
            for name in department.names:
                if owner.setdefault(name, department.id) != department.id:
                    raise RegistryError(path, reader.line_num, "aliases", f"{name!r} already names {owner[name]}")
            registry[department.id] = department
    return registry


def _department(path: Path, line: int, cells: list[str]) -> Department:
    if len(cells) != len(FIELDS):
        raise RegistryError(path, line, "row", f"expected {len(FIELDS)} fields, got {len(cells)}")
    row = dict(zip(FIELDS, (cell.strip() for cell in cells)))

    def fail(field: str, problem: str) -> RegistryError:
        return RegistryError(path, line, field, f"{problem} (got {row[field]!r})")

    for field in ("id", "name", "province", "division_code", "division_level", "kind"):
        if not row[field]:
            raise fail(field, "required")
    if not re.fullmatch(r"[0-9]{6}", row["division_code"]):
        raise fail("division_code", "expected a 6-digit administrative division code")
    match = _ID_PATTERN.fullmatch(row["id"])
    if not match:
        raise fail("id", "expected <6-digit division code>-<lowercase ascii slug>, e.g. 530400-zuzhibu")
    if match.group(1) != row["division_code"]:
        raise fail("id", f"must start with the division code {row['division_code']}")
    if row["division_level"] not in DIVISION_LEVELS:
        raise fail("division_level", f"expected one of {', '.join(DIVISION_LEVELS)}")
    if row["division_level"] != "province" and not row["city"]:
        raise fail("city", f"required for a {row['division_level']}-level department")
    if (row["division_level"] == "county") != bool(row["county"]):
        raise fail("county", "required for a county-level department and only for one")
    aliases = tuple(alias.strip() for alias in row["aliases"].split("|")) if row["aliases"] else ()
    if "" in aliases:
        raise fail("aliases", "an empty alias (stray '|')")
    if row["name"] in aliases or len(set(aliases)) != len(aliases):
        raise fail("aliases", "an alias repeats the name or another alias")
    return Department(**{**row, "aliases": aliases})


def find_department(registry: Mapping[str, Department], text: str) -> Department | None:
    """The department whose official name or alias occurs in `text`, longest name first.

    None when no name occurs, or when the longest names found belong to different departments.
    """
    found = matching_departments(registry, text)
    return found[0] if len(found) == 1 else None


def matching_departments(registry: Mapping[str, Department], text: str) -> list[Department]:
    """The departments whose longest name found in `text` is the longest of any (ties: all)."""
    found: dict[str, int] = {}  # id → length of its longest name found in text
    for department in registry.values():
        lengths = [len(name) for name in department.names if name in text]
        if lengths:
            found[department.id] = max(lengths)
    if not found:
        return []
    longest = max(found.values())
    return [registry[index] for index, length in found.items() if length == longest]


def append_department(path: Path | str, department: Department) -> None:
    """Add one row to the registry file (its header is written when the file is new)."""
    path = Path(path)
    new = not path.exists() or path.stat().st_size == 0
    row = {**department.__dict__, "aliases": "|".join(department.aliases)}
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        if new:
            writer.writerow(FIELDS)
        writer.writerow([row[field] for field in FIELDS])
