"""The report of one validation run and its three renderings: text, JSON, GitHub annotations."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

JSON_SCHEMA_VERSION = 2  # 2: findings carry `class` (inconsistency | rounding | notice) instead of `severity`

CLASSES = ("inconsistency", "rounding", "notice")


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
class Place:
    """One check a grouped finding's defect shows in."""

    rule: str
    message: str


@dataclass
class Finding:
    """What a rule found: published, never fatal. Three classes, never mixed:

    - inconsistency: the document contradicts itself beyond what rounding its printed figures
      can produce (the headline count);
    - rounding: two printings of one figure, or a total and its parts, differ by no more than
      rounding the printed figures allows (listed apart, counted apart, never hidden);
    - notice: the checker's own limit (an unknown code, a table or part it could not read) —
      not a finding about the document; it feeds "what could not be checked".
    """

    rule: str
    message: str
    figures: list[Figure] = field(default_factory=list)
    difference: Decimal | None = None
    tolerance: Decimal | None = None
    unit: str = ""
    cls: str = "inconsistency"  # one of CLASSES (`class` in JSON)
    line: int = 0  # first line in the source document it concerns
    page: int | None = None  # the page of its first figure, or of the sentence it quotes (PDF sources)
    places: list[Place] = field(default_factory=list)  # every check one defect shows in, when grouped into one finding

    def __post_init__(self) -> None:
        if self.page is None:
            self.page = min((figure.page for figure in self.figures if figure.page), default=None)


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
    checks: dict[str, int] = field(default_factory=dict)  # rule id → comparisons of printed figures it made

    @property
    def ok(self) -> bool:
        return not self.errors

    def of_class(self, cls: str) -> list[Finding]:
        return [finding for finding in self.findings if finding.cls == cls]

    @property
    def inconsistencies(self) -> list[Finding]:
        return self.of_class("inconsistency")

    @property
    def rounding(self) -> list[Finding]:
        return self.of_class("rounding")

    @property
    def notices(self) -> list[Finding]:
        return self.of_class("notice")


def plain_decimal(number: Decimal) -> str:
    """A Decimal as plain text, at most four decimals ('0.2967', '50', '-443055.69')."""
    if number.as_tuple().exponent < -4:
        number = number.quantize(Decimal("0.0001"))
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text and number.as_tuple().exponent < -2 else text


def _plain(obj):
    if isinstance(obj, Decimal):
        return plain_decimal(obj)
    if isinstance(obj, Path):
        return str(obj)
    if isinstance(obj, dict):
        return {key: _plain(value) for key, value in obj.items()}
    if isinstance(obj, list):
        return [_plain(value) for value in obj]
    return obj


def finding_dict(finding: Finding) -> dict:
    """A finding as JSON: its fields, `cls` written `class`."""
    plain = _plain(asdict(finding))
    return {("class" if key == "cls" else key): value for key, value in plain.items()}


def counts(reports: list[PackageReport]) -> dict[str, int]:
    """Findings by class over the reports."""
    return {cls: sum(len(report.of_class(cls)) for report in reports) for cls in CLASSES}


def to_json(reports: list[PackageReport]) -> str:
    """`{"version", "packages": [{path, name, ok, errors[], findings[]}], "summary"}` (docs/validation.md)."""
    by_class = counts(reports)
    doc = {
        "version": JSON_SCHEMA_VERSION,
        "packages": [
            {"path": str(report.path), "name": report.name, "ok": report.ok,
             "errors": [_plain(asdict(error)) for error in report.errors],
             "findings": [finding_dict(finding) for finding in report.findings]}
            for report in reports
        ],
        "summary": {"packages": len(reports), "errors": sum(len(report.errors) for report in reports),
                    "inconsistencies": by_class["inconsistency"], "rounding": by_class["rounding"],
                    "notices": by_class["notice"]},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def _fmt(value: Decimal | None, unit: str) -> str:
    if value is None:
        return "—"
    text = plain_decimal(value)
    whole, _, frac = text.partition(".")
    return f"{int(whole):,}{'.' + frac if frac else ''} {unit}".replace("-0.", "-0.").strip() if whole.lstrip("-").isdigit() else f"{text} {unit}"


def _tally(errors: int, by_class: dict[str, int]) -> str:
    return (f"{errors} error(s), {by_class['inconsistency']} inconsistency(ies), {by_class['rounding']} rounding, "
            f"{by_class['notice']} notice(s)")


def to_text(reports: list[PackageReport]) -> str:
    lines = []
    for report in reports:
        lines.append(f"{report.path}: {_tally(len(report.errors), counts([report]))}")
        for error in report.errors:
            where = ", ".join(part for part in (error.file, f"line {error.line}" if error.line else "", f"field {error.field}" if error.field else "") if part)
            lines.append(f"  ERROR {where}: {error.message}")
        for cls in CLASSES:
            for finding in report.of_class(cls):
                tag = "" if cls == "inconsistency" else f" · {cls}"
                lines.append(f"  [{finding.rule}{tag}] {finding.message}")
                for place in finding.places:
                    lines.append(f"      · [{place.rule}] {place.message}")
                for fig in finding.figures:
                    where = f", page {fig.page}" if fig.page else f", line {fig.line}" if fig.line else ""
                    source = f" ({fig.source}{where})" if fig.source else ""
                    lines.append(f"      {fig.label}: {_fmt(fig.value, fig.unit)}{source}")
                if finding.difference is not None:
                    lines.append(f"      difference {_fmt(finding.difference, finding.unit)}, tolerance ±{_fmt(finding.tolerance, finding.unit)}")
    lines.append(f"{len(reports)} package(s): {_tally(sum(len(report.errors) for report in reports), counts(reports))}")
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def to_github(reports: list[PackageReport]) -> str:
    """GitHub Actions workflow commands: ::error for errors, ::warning for inconsistencies,
    ::notice for rounding differences and for what could not be checked."""
    out = []
    for report in reports:
        for error in report.errors:
            file = str(report.path / error.file) if error.file else str(report.path / "datapackage.json")
            out.append(f"::error file={file},line={error.line or 1},title=package error::{_escape(error.message)}")
        for finding in report.findings:
            level = "warning" if finding.cls == "inconsistency" else "notice"
            file = str(report.path / report.source) if report.source else str(report.path / "datapackage.json")
            detail = "; ".join(f"{figure.label} {_fmt(figure.value, figure.unit)}" for figure in finding.figures)
            out.append(f"::{level} file={file},line={finding.line or 1},title={finding.rule}{'' if finding.cls == 'inconsistency' else ' (' + finding.cls + ')'}::{_escape(finding.message + (' — ' + detail if detail else ''))}")
    return "\n".join(out)
