"""`transparency validate`: schema errors via frictionless, then the fiscal rules."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from generator.model.codes import CodeList
from generator.model.packages import Package, PackageError, find_packages, inside, read_package
from generator.model.resources import REQUIRED
from generator.validate.context import Context
from generator.validate.group import group
from generator.validate.package_files import check_files, check_shape, check_sources, check_year
from generator.validate.quick import certainly_valid
from generator.validate.report import Error, PackageReport, to_github, to_json, to_text
from generator.validate.rules import RULES
from generator.validate.rules.registry import counting

REQUIRED_KEYS = ("name", "department", "fiscal_year", "kind", "resources")


def _descriptor(root: Path, report: PackageReport) -> dict | None:
    path = root / "datapackage.json"
    if not path.is_file():
        report.errors.append(Error("datapackage.json is missing: re-run `transparency import` for this document", "datapackage.json"))
        return None
    try:
        desc = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        report.errors.append(Error("datapackage.json is not UTF-8 text", "datapackage.json"))
        return None
    except json.JSONDecodeError as exc:
        report.errors.append(Error(f"datapackage.json is not valid JSON: {exc.msg} (column {exc.colno}); "
                                   "fix the file or re-import", "datapackage.json", exc.lineno))
        return None
    if not isinstance(desc, dict):
        report.errors.append(Error("datapackage.json must hold a JSON object", "datapackage.json", 1))
        return None
    for key in REQUIRED_KEYS:
        if key not in desc:
            report.errors.append(Error(f"datapackage.json lacks the required key '{key}'", "datapackage.json", 1, key))
    return desc


def _check_resources(root: Path, desc: dict, report: PackageReport) -> None:
    names = [entry.get("name") for entry in desc.get("resources", []) if isinstance(entry, dict)]
    for need in REQUIRED:  # model/resources.py
        if need not in names:
            report.errors.append(Error(f"the descriptor names no '{need}' resource; re-import the document",
                                       "datapackage.json", 1, "resources"))
    for res in desc.get("resources", []):
        if not isinstance(res, dict) or "path" not in res:
            report.errors.append(Error("a resource without a path", "datapackage.json", 1, "resources"))
            continue
        try:
            path = inside(root, res["path"])
        except PackageError as exc:
            report.errors.append(Error(str(exc), "datapackage.json", 1, "path"))
            continue
        if not path.is_file():
            report.errors.append(Error(f"resource '{res.get('name')}' names {res['path']}, which is missing; "
                                       "restore the file or re-import", res["path"]))
            continue
        if certainly_valid(path, res):
            continue  # frictionless would find nothing; it words the errors when there are any
        from frictionless import Resource as FrictionlessResource  # (only then: its import alone takes 0.2 s)

        frictionless_resource = FrictionlessResource(
            {key: value for key, value in res.items() if key not in ("table",)}, basepath=str(root))
        for task in frictionless_resource.validate().tasks:
            for err in task.errors:
                report.errors.append(_error(err, res["path"]))


def _error(err, path: str) -> Error:
    """A frictionless error in words a publisher can act on."""
    cell = getattr(err, "cell", None)
    what = f"'{cell}' — {err.note}" if cell not in (None, "") else (err.note or err.message)
    return Error(f"{err.type}: {what}; correct the value (or re-import the document)", path,
                 getattr(err, "row_number", 0) or 0, getattr(err, "field_name", "") or "")


def validate_package(root: Path, codes: CodeList | None = None) -> PackageReport:
    """Errors (the package is broken) and, when there are none, findings of every rule."""
    return validate_and_read(root, codes)[0]


def validate_and_read(root: Path, codes: CodeList | None = None) -> tuple[PackageReport, Package | None]:
    """The report, and the package as the rules read it (None when its files are broken)."""
    report = PackageReport(root, root.name)
    desc = _descriptor(root, report)
    if desc is None:
        return report, None
    report.name = str(desc.get("name", root.name))
    report.errors.extend(check_shape(desc))
    if report.errors:
        return report, None
    report.source = str((desc.get("source") or {}).get("path", ""))
    report.errors.extend(check_files(root, desc) + check_year(desc))
    if report.errors:  # (a link or a device is not read)
        return report, None
    report.errors.extend(check_sources(root, desc))
    _check_resources(root, desc, report)
    if report.errors:
        return report, None
    package = read_package(root)
    ctx = Context(package, codes or CodeList.load())
    for rule in RULES:
        try:
            with counting(rule.id, report.checks):
                report.findings.extend(rule.check(ctx))
        except (ArithmeticError, KeyError, ValueError, TypeError) as exc:
            report.errors.append(Error(f"rule {rule.id} could not read this package ({type(exc).__name__}: {exc}); "
                                       "the package does not match the documented format"))
    report.findings = group(report.findings)
    return report, package


def collect(paths: list[Path]) -> list[Path]:
    """Package folders under the given paths (a package folder itself, or folders holding them)."""
    out = []
    for path in paths:
        if (path / "datapackage.json").exists():
            out.append(path)
        else:
            out.extend(find_packages(path))
            out.extend(descriptor.parent for descriptor in sorted(path.glob("*/datapackage.json"))
                       if descriptor.parent not in out and not descriptor.parent.name.startswith("."))
    return sorted(set(out))


def run_validate(paths: list[Path], fmt: str = "text", echo: Callable[[str], None] = print) -> int:
    """CLI entry: 0 when no package has errors, 1 when any has, 2 when nothing was found to validate."""
    missing = [path for path in paths if not path.exists()]
    if missing:
        echo(f"error: no such path: {', '.join(map(str, missing))}")
        return 2
    roots = collect(paths)
    if not roots:
        echo(f"error: no datapackage.json under {', '.join(map(str, paths))}")
        return 2
    codes = CodeList.load()
    reports = [validate_package(root, codes) for root in roots]
    echo({"text": to_text, "json": to_json, "github": to_github}[fmt](reports))
    return 1 if any(report.errors for report in reports) else 0
