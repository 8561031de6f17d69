"""A quick proof that frictionless would find nothing wrong with a resource.

frictionless spends most of a package's validation time building and checking its own metadata
objects. The packages `transparency import` writes use a small part of Table Schema (string,
integer and number fields; `required` and `pattern` constraints; comma-separated UTF-8). For
such a resource this module checks what frictionless checks — header labels, row lengths, blank
rows, types and constraints — conservatively: True only when every cell is certainly valid. When
it returns False, frictionless validates the resource and words the errors.
"""
from __future__ import annotations

import csv
import io
import re
from functools import lru_cache
from pathlib import Path

RESOURCE_KEYS = {"name", "path", "profile", "format", "encoding", "mediatype", "schema", "title", "table"}
FIELD_KEYS = {"name", "type", "title", "columnType", "bareNumber", "constraints", "description"}
CELL = {"string": None, "integer": re.compile(r"-?\d+"), "number": re.compile(r"-?\d+(?:\.\d+)?")}


@lru_cache(maxsize=1024)
def _pattern(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _checks(schema: dict) -> list[tuple] | None:
    """Per field: (name, type regex or None, required, pattern or None); None when the schema uses more."""
    if set(schema) != {"fields"}:
        return None
    out = []
    for field in schema["fields"]:
        if not set(field) <= FIELD_KEYS or field.get("type", "string") not in CELL \
                or field.get("bareNumber", True) is not True:
            return None
        constraints = field.get("constraints") or {}
        if not set(constraints) <= {"required", "pattern"}:
            return None
        pattern = constraints.get("pattern")
        out.append((field["name"], CELL[field.get("type", "string")], constraints.get("required") is True,
                    _pattern(pattern) if pattern else None))
    return out


def certainly_valid(path: Path, resource: dict) -> bool:
    """True when the CSV at `path` certainly satisfies `resource`'s schema and frictionless' default checks."""
    if not set(resource) <= RESOURCE_KEYS or resource.get("format", "csv") != "csv" \
            or resource.get("encoding", "utf-8").lower() != "utf-8":
        return False
    checks = _checks(resource.get("schema") or {})
    if checks is None:
        return False
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if text.startswith("\ufeff"):
        return False
    rows = csv.reader(io.StringIO(text, newline=""))
    if next(rows, None) != [check[0] for check in checks] or len({check[0] for check in checks}) != len(checks):
        return False
    for row in rows:
        if len(row) != len(checks) or not any(row):
            return False
        for cell, (_, kind, required, pattern) in zip(row, checks):
            if cell == "":
                if required:
                    return False
                continue
            if kind is not None and not kind.fullmatch(cell):
                return False
            if pattern is not None and not pattern.fullmatch(cell):
                return False
    return True
