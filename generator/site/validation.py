"""Validation as the site needs it: refuse broken packages, show the findings of the others."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from generator.model.codes import CodeList
from generator.model.packages import Package
from generator.site.formatting import CENT, number, yuan
from generator.site.table_view import fact_anchor
from generator.validate.api import validate_and_read
from generator.validate.report import Error, Finding
from generator.validate.rules import RULES

CLASS_NAMES = {"inconsistency": "数据不一致", "rounding": "舍入差异", "notice": "未能核对"}


@dataclass(frozen=True)
class FigureView:
    label: str
    value: str
    source: str
    line: int
    quote: str
    anchor: str  # the table row or section on the disclosure page
    page: int | None = None  # page of the source document (PDF sources)


@dataclass(frozen=True)
class FindingView:
    rule: str
    severity: str  # the class in words (CLASS_NAMES)
    message: str
    figures: tuple[FigureView, ...]
    difference: str
    tolerance: str
    line: int
    cls: str = "inconsistency"  # inconsistency | rounding | notice
    places: tuple[str, ...] = ()  # every check one defect shows in (grouped findings)


@dataclass(frozen=True)
class CheckRun:
    """One rule of the registry on one package: how many comparisons of printed figures it made
    (0: the package held nothing it compares)."""

    rule: str
    title: str
    comparisons: int


class Findings(list):
    """The FindingViews of one package (every class) and `checks`: one CheckRun per rule, in the
    registry's order. A list, so everything that takes a package's findings still does; the checks
    travel with it (pickled between the build's worker processes)."""

    def __init__(self, findings=(), checks=()):
        super().__init__(findings)
        self.checks: tuple[CheckRun, ...] = tuple(checks)


class PackageRefused(Exception):
    """A package has validation errors: the site is not built."""


SOURCES = {"computed": "按数字计算", "sum": "各项相加"}


def amount(value: Decimal | None, unit: str) -> str:
    """元 exactly as stored; rates and counts with at most two decimals."""
    if value is None:
        return ""
    if unit in ("", "元"):
        return f"{yuan(value)} 元"
    return number(value.quantize(CENT, rounding=ROUND_HALF_UP) if value.as_tuple().exponent < -2 else value, unit)


def finding_view(finding: Finding) -> FindingView:
    return FindingView(
        rule=finding.rule,
        severity=CLASS_NAMES.get(finding.cls, finding.cls),
        message=finding.message,
        figures=tuple(
            FigureView(figure.label, amount(figure.value, figure.unit), SOURCES.get(figure.source, figure.source), figure.line, figure.quote,
                       fact_anchor(figure.source), figure.page)
            for figure in finding.figures
        ),
        difference=amount(finding.difference, finding.unit),
        tolerance=amount(finding.tolerance, finding.unit),
        line=finding.line,
        cls=finding.cls,
        places=tuple(place.message for place in finding.places),
    )


def of_class(findings, cls: str) -> list[FindingView]:
    return [finding for finding in findings if finding.cls == cls]


class ByClass:
    """`inconsistencies` (the headline count), `rounding` (listed apart) and `notices` (what could
    not be checked) of a page's `findings`."""

    @property
    def inconsistencies(self) -> list[FindingView]:
        return of_class(self.findings, "inconsistency")

    @property
    def rounding(self) -> list[FindingView]:
        return of_class(self.findings, "rounding")

    @property
    def notices(self) -> list[FindingView]:
        return of_class(self.findings, "notice")


def _error_text(path: Path, error: Error) -> str:
    where = ", ".join(part for part in (error.file, f"line {error.line}" if error.line else "", f"field {error.field}" if error.field else "") if part)
    return f"  {path}{' (' + where + ')' if where else ''}: {error.message}"


def check(path: Path, codes: CodeList) -> tuple[Findings, Package]:
    """Validate one package; raise PackageRefused naming its errors, else return its findings (with
    the checks that ran) and the package as read."""
    report, package = validate_and_read(path, codes)
    if report.errors:
        raise PackageRefused("\n".join(_error_text(path, error) for error in report.errors))
    checks = [CheckRun(rule.id, rule.title, report.checks.get(rule.id, 0)) for rule in RULES]
    return Findings([finding_view(finding) for finding in report.findings], checks), package
