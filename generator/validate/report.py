"""The report of one validation run and its three renderings: text, JSON, GitHub annotations."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

JSON_SCHEMA_VERSION = 1


@dataclass
class Figure:
    """One side of a comparison: a printed (or summed) figure and where it stands."""

    label: str
    value: Decimal
    unit: str
    source: str = ""  # table:<id>:row <n>:<column> | section:<id> | sum of …
    line: int = 0  # line in the source document (text) or number in reading order (PDF, Word, Excel)
    quote: str = ""
    page: int | None = None  # printed page (PDF sources)


@dataclass
class Finding:
    """The document contradicts itself (or says something unverifiable): published, never fatal."""

    rule: str
    message: str
    figures: list[Figure] = field(default_factory=list)
    difference: Decimal | None = None
    tolerance: Decimal | None = None
    unit: str = ""
    severity: str = "inconsistency"  # inconsistency | notice
    line: int = 0  # first line in the source document it concerns
    page: int | None = None  # the page of its first figure, or of the sentence it quotes (PDF sources)

    def __post_init__(self) -> None:
        if self.page is None:
            self.page = min((f.page for f in self.figures if f.page), default=None)


@dataclass
class Error:
    """The package itself is broken: names file, row (file line) and field."""

    message: str
    file: str = ""
    line: int = 0
    field: str = ""


@dataclass
class PackageReport:
    path: Path
    name: str
    source: str = ""  # the source document inside the package, for annotations
    errors: list[Error] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def plain_decimal(d: Decimal) -> str:
    """A Decimal as plain text, at most four decimals ('0.2967', '50', '-443055.69')."""
    if d.as_tuple().exponent < -4:
        d = d.quantize(Decimal("0.0001"))
    text = format(d, "f")
    return text.rstrip("0").rstrip(".") if "." in text and d.as_tuple().exponent < -2 else text


def _plain(obj):
    if isinstance(obj, Decimal):
        return plain_decimal(obj)
    if isinstance(obj, Path):
        return str(obj)
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_plain(v) for v in obj]
    return obj


def to_json(reports: list[PackageReport]) -> str:
    """`{"version", "packages": [{path, name, ok, errors[], findings[]}], "summary"}` (docs/validation.md)."""
    doc = {
        "version": JSON_SCHEMA_VERSION,
        "packages": [
            {"path": str(r.path), "name": r.name, "ok": r.ok,
             "errors": [_plain(asdict(e)) for e in r.errors],
             "findings": [_plain(asdict(f)) for f in r.findings]}
            for r in reports
        ],
        "summary": {"packages": len(reports), "errors": sum(len(r.errors) for r in reports),
                    "findings": sum(len(r.findings) for r in reports)},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def _fmt(value: Decimal | None, unit: str) -> str:
    if value is None:
        return "—"
    text = plain_decimal(value)
    whole, _, frac = text.partition(".")
    return f"{int(whole):,}{'.' + frac if frac else ''} {unit}".replace("-0.", "-0.").strip() if whole.lstrip("-").isdigit() else f"{text} {unit}"


def to_text(reports: list[PackageReport]) -> str:
    lines = []
    for r in reports:
        lines.append(f"{r.path}: {len(r.errors)} error(s), {len(r.findings)} finding(s)")
        for e in r.errors:
            where = ", ".join(x for x in (e.file, f"line {e.line}" if e.line else "", f"field {e.field}" if e.field else "") if x)
            lines.append(f"  ERROR {where}: {e.message}")
        for f in r.findings:
            lines.append(f"  [{f.rule}] {f.message}")
            for fig in f.figures:
                where = f", page {fig.page}" if fig.page else f", line {fig.line}" if fig.line else ""
                at = f" ({fig.source}{where})" if fig.source else ""
                lines.append(f"      {fig.label}: {_fmt(fig.value, fig.unit)}{at}")
            if f.difference is not None:
                lines.append(f"      difference {_fmt(f.difference, f.unit)}, tolerance ±{_fmt(f.tolerance, f.unit)}")
    total_e = sum(len(r.errors) for r in reports)
    total_f = sum(len(r.findings) for r in reports)
    lines.append(f"{len(reports)} package(s): {total_e} error(s), {total_f} finding(s)")
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def to_github(reports: list[PackageReport]) -> str:
    """GitHub Actions workflow commands: ::error for errors, ::warning/::notice for findings."""
    out = []
    for r in reports:
        for e in r.errors:
            file = str(r.path / e.file) if e.file else str(r.path / "datapackage.json")
            out.append(f"::error file={file},line={e.line or 1},title=package error::{_escape(e.message)}")
        for f in r.findings:
            level = "warning" if f.severity == "inconsistency" else "notice"
            file = str(r.path / r.source) if r.source else str(r.path / "datapackage.json")
            detail = "; ".join(f"{g.label} {_fmt(g.value, g.unit)}" for g in f.figures)
            out.append(f"::{level} file={file},line={f.line or 1},title={f.rule}::{_escape(f.message + (' — ' + detail if detail else ''))}")
    return "\n".join(out)
