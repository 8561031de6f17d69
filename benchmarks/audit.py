"""Check the validator against the synthetic data: planted inconsistencies found, nothing else new."""
from __future__ import annotations

from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from benchmarks.synth import TEMPLATES, Plan
from generator.model.codes import CodeList
from generator.validate.api import validate_package


@lru_cache(maxsize=None)
def _codes() -> CodeList:
    return CodeList.load()


YEAR_DEPENDENT = {"code-reference"}  # its notices depend on the fiscal year, which the synthesis shifts


def rule_counts(package_dir: Path) -> tuple[int, Counter]:
    """(errors, findings by rule) of one package, leaving out the rules whose outcome depends on the year
    and the notices (the checker's limits). A finding that groups several checks of one defect counts
    once for each check's rule."""
    report = validate_package(package_dir, _codes())
    return len(report.errors), Counter(p.rule for f in report.findings if f.cls != "notice"
                                       for p in (f.places or [f]) if p.rule not in YEAR_DEPENDENT)


@dataclass(frozen=True)
class Audit:
    packages: int
    planted: int
    planted_found: int
    unexpected: tuple[str, ...]  # packages whose findings differ from their template's (beyond the plant)
    errors: int
    findings: int

    def summary(self) -> str:
        return (f"{self.packages} packages, {self.errors} errors, {self.findings} findings; planted inconsistencies "
                f"found {self.planted_found}/{self.planted}; unplanted differences {len(self.unexpected)}")


@lru_cache(maxsize=None)
def _expected(template: str) -> tuple[int, Counter]:
    return rule_counts(TEMPLATES / template)


def _check(args) -> tuple[str, bool, bool, int, int]:
    plan, folder = args
    errors, got = rule_counts(folder)
    template_errors, expected = _expected(plan.template)
    found = bool(plan.plant) and got[plan.plant] > expected[plan.plant]
    if plan.plant:
        same = all(got[r] >= n for r, n in expected.items())  # a plant may add findings of other rules, never remove
    else:
        same = got == expected
    return plan.name, found, same and errors == template_errors, errors, sum(got.values())


def audit(plans: list[Plan], packages_dir: Path, jobs: int = 1) -> Audit:
    work = [(p, packages_dir / p.department_id / p.slug) for p in plans]
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            results = list(pool.map(_check, work, chunksize=16))
    else:
        results = [_check(w) for w in work]
    return Audit(
        packages=len(plans),
        planted=sum(1 for p in plans if p.plant),
        planted_found=sum(1 for r in results if r[1]),
        unexpected=tuple(r[0] for r in results if not r[2]),
        errors=sum(r[3] for r in results),
        findings=sum(r[4] for r in results),
    )
