"""Planted inconsistencies: one edit to a synthetic package that one validation rule must report."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from generator.model.packages import read_package

RULES = ("same-figure", "project-rate", "template-leftover", "other-year")


def _twice_stated(rows) -> dict | None:
    """A narrative amount printed again elsewhere with the same value (same measure, item, year)."""
    key = lambda r: (r["measure"], r["kind"], r["code"], r["item"], r["year"], r["value"])  # noqa: E731
    stated = [r for r in rows if r["basis"] == "stated" and r["kind"] == "amount" and r["unit"] == "元"]
    counts = Counter(key(r) for r in stated)
    return next((r for r in stated if counts[key(r)] > 1 and r["source"].startswith("section:")), None)


def _rated_project(rows) -> dict | None:
    return next((r for r in rows if r.get("budget") and r.get("executed") and r.get("stated_rate")), None)


def _first_text(rows) -> dict | None:
    return next((r for r in rows if (r.get("text") or "").strip()), None)


@lru_cache(maxsize=None)
def applicable(package_dir: Path) -> tuple[str, ...]:
    """The planted rules this template can carry."""
    pkg = read_package(package_dir)
    can = {
        "same-figure": _twice_stated(pkg.rows("facts")) is not None,
        "project-rate": _rated_project(pkg.rows("performance_projects")) is not None,
        "template-leftover": _first_text(pkg.rows("sections")) is not None,
        "other-year": _first_text(pkg.rows("sections")) is not None,
    }
    return tuple(r for r in RULES if can[r])


def plant(rule: str, resources: dict, year: int, factor: int) -> None:
    """Edit the rows of `resources` (name → generator.model.package.Resource) in place."""
    if rule == "same-figure":
        row = _twice_stated(resources["facts"].rows)
        row["value"] = str(Decimal(row["value"]) + Decimal(1000000 * factor))  # 100 万元 more, printed once
    elif rule == "project-rate":
        row = _rated_project(resources["performance_projects"].rows)
        rate = Decimal(row["stated_rate"])
        row["stated_rate"] = str(rate + (Decimal("0.07") if rate <= Decimal("1.5") else Decimal(7)))
    elif rule == "template-leftover":
        row = _first_text(resources["sections"].rows)
        first, _, rest = row["text"].partition("\n")
        row["text"] = first + "，主要用于…" + ("\n" + rest if rest else "")
    elif rule == "other-year":
        row = _first_text(resources["sections"].rows)
        row["text"] = f"截至{year + 1}年底，" + row["text"]
    else:
        raise ValueError(f"no such planted rule: {rule}")
