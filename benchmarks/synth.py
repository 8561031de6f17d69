"""N synthetic disclosures made from the real packages in data/packages.

Each synthetic disclosure copies one real package (its template) to another department, region
and year. Amounts in 元 are multiplied by an exact integer factor k, and so is the rounding
half-unit of every figure, so each check compares k·difference with k·tolerance and decides
exactly as on the template: the template's findings reappear, no new ones appear (templates with
tables printed in 万元 keep k = 1, see `_exact_tables`). Years (in values and in text) shift
together, names are replaced everywhere, and amounts printed in the narrative are multiplied by k
as well (rewrite.py). Every PLANT_EVERY-th disclosure carries one planted
inconsistency (see `plant.py`) that the validator must find. Packages are written with
`generator.model.package.write_package`, the importer's writer.
"""
from __future__ import annotations

import csv
import hashlib
import json
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from benchmarks.plant import applicable, plant
from benchmarks.regions import DEPARTMENTS, REGIONS
from benchmarks.rewrite import Rewrite
from generator.model.departments import FIELDS as REGISTRY_FIELDS, load_registry
from generator.model.package import Resource, write_package
from generator.validate.api import validate_package

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "data" / "packages"
YEARS = 5  # disclosures per department: consecutive years around its template's year
PLANT_EVERY = 10
FACTORS = (1, 2, 3, 5, 7, 4, 6)


@dataclass(frozen=True)
class Plan:
    """One synthetic disclosure: which template, for whom, when, scaled how, planted with what."""

    index: int
    template: str  # folder of the template package, relative to TEMPLATES
    department: tuple  # a registry row (REGISTRY_FIELDS)
    year: int
    factor: int
    plant: str  # rule id of the planted inconsistency, or ""

    @property
    def department_id(self) -> str:
        return self.department[0]

    @property
    def slug(self) -> str:
        """The template's folder name (`<year>-<kind>[-unit]`) with this plan's year."""
        return str(self.year) + self.template.split("/")[1][4:]

    @property
    def name(self) -> str:
        return f"{self.department_id}-{self.slug}"


@lru_cache(maxsize=None)
def templates() -> tuple[str, ...]:
    """The real packages that validate without errors (a package the build would refuse is no template)."""
    folders = sorted(p.parent for p in TEMPLATES.glob("*/*/datapackage.json"))
    return tuple(f.relative_to(TEMPLATES).as_posix() for f in folders if not validate_package(f).errors)


@lru_cache(maxsize=None)
def _template(folder: str) -> dict:
    return json.loads((TEMPLATES / folder / "datapackage.json").read_text(encoding="utf-8"))


def department_row(number: int) -> tuple:
    """Registry row of synthetic department `number`: region varies fastest, so small N spans many provinces."""
    code, province, city = REGIONS[number % len(REGIONS)]
    slug, suffix, kind = DEPARTMENTS[number // len(REGIONS)]
    place = city or province
    short = place.removesuffix("市") if place.endswith("市") else place[:2]
    aliases = f"{short}{suffix}|{place}{suffix}机关"
    level = "city" if city else "province"
    return (f"{code}-{slug}", f"{place}{suffix}", aliases, province, city, "", code, level, kind)


def plans(n: int) -> list[Plan]:
    capacity = len(REGIONS) * len(DEPARTMENTS) * YEARS
    if not 0 < n <= capacity:
        raise ValueError(f"between 1 and {capacity} synthetic disclosures, not {n}")
    folders = templates()
    out = []
    for i in range(n):
        number, year_index = divmod(i, YEARS)
        folder = folders[number % len(folders)]
        planted = plant_for(folder, i // PLANT_EVERY) if i % PLANT_EVERY == PLANT_EVERY - 1 else ""
        year = int(_template(folder)["fiscal_year"]) - YEARS // 2 + year_index
        factor = FACTORS[(number + year_index) % len(FACTORS)] if _exact_tables(folder) else 1
        out.append(Plan(i, folder, department_row(number), year, factor, planted))
    return out


def _exact_tables(folder: str) -> bool:
    """Whether every table is printed in 元. A table printed in 万元 rounds each cell, and the
    validator's tolerance follows that printed unit, not the amounts: scaled, its sums would
    drift past the tolerance. Such templates keep their amounts (factor 1)."""
    units = {(r.get("table") or {}).get("unit") or "元" for r in _template(folder)["resources"]}
    return units <= {"元"}


def plant_for(folder: str, turn: int) -> str:
    rules = applicable(TEMPLATES / folder)
    return rules[turn % len(rules)]


def _names(template: dict, registry: dict, plan: Plan) -> dict[str, str]:
    """Template name → synthetic name: the department's names, then the template's places."""
    dep = registry.get(template["department"]["id"])
    new_id, new_name, aliases, province, city = plan.department[:5]
    new_aliases = aliases.split("|")
    old = [template["department"]["name"]]
    for n in (*(dep.aliases if dep else ()), *template.get("names_in_source", [])):
        if n not in old:
            old.append(n)
    mapping = {n: (new_name if k == 0 else new_aliases[(k - 1) % len(new_aliases)] + ("" if k <= len(new_aliases) else str(k)))
               for k, n in enumerate(old)}
    if dep:
        for place, new in ((dep.county, city or province), (dep.city, city or province), (dep.province, province)):
            if place and place not in mapping:
                mapping[place] = new
    return mapping


@lru_cache(maxsize=None)
def _real_registry() -> dict:
    return load_registry(ROOT / "data" / "departments.csv")


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_disclosure(plan: Plan, out: Path) -> None:
    """Write the synthetic package of `plan` under out/<department>/<year>-<kind>/."""
    template = _template(plan.template)
    root = TEMPLATES / plan.template
    rw = Rewrite(_names(template, _real_registry(), plan), plan.year - int(template["fiscal_year"]), plan.factor)
    resources = {}
    for res in template["resources"]:
        fields = res["schema"]["fields"]
        rows = [rw.row(r, fields, res["name"]) for r in _rows(root / res["path"])]
        extra = {k: v for k, v in res.items() if k not in ("name", "path", "profile", "format", "encoding",
                                                           "mediatype", "schema", "title")}
        if "table" in extra:
            extra["table"] = {k: rw.text(v) if isinstance(v, str) else v for k, v in extra["table"].items()}
        resources[res["name"]] = Resource(res["name"], res["path"], fields, rows, rw.text(res.get("title", "")), extra)
    if plan.plant:
        plant(plan.plant, resources, plan.year, plan.factor)
    dep_id, dep_name = plan.department[0], plan.department[1]
    descriptor = {
        **{k: v for k, v in template.items() if k != "resources"},
        "name": plan.name,
        "title": rw.text(template["title"]),
        "department": {"id": dep_id, "name": dep_name},
        "fiscal_year": plan.year,
        "names_in_source": [rw.text(n) for n in template.get("names_in_source", [])],
    }
    with tempfile.TemporaryDirectory() as tmp:
        entries = [descriptor["source"]] + [s for s in descriptor.get("sources", []) if s["path"] != descriptor["source"]["path"]]
        sources = {e["path"]: _source(root / e["path"], rw, Path(tmp)) for e in entries}
        descriptor["source"] = _source_entry(descriptor["source"], sources)
        if "sources" in descriptor:
            descriptor["sources"] = [_source_entry(e, sources) for e in descriptor["sources"]]
        write_package(out / dep_id / plan.slug, descriptor, list(resources.values()), [p for p, _ in sources.values()])


def _source(path: Path, rw: Rewrite, tmp: Path) -> tuple[Path, bytes]:
    """A source document for the synthetic package: a text export rewritten like the rows, any
    other format (PDF, Word, Excel) copied as it is."""
    data = path.read_bytes()
    if path.suffix.lower() == ".txt":
        data = rw.text(data.decode("utf-8")).encode("utf-8")
    target = tmp / path.name
    target.write_bytes(data)
    return target, data


def _source_entry(entry: dict, sources: dict) -> dict:
    data = sources[entry["path"]][1]
    return {**entry, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}


def write_registry(plans_: list[Plan], path: Path) -> None:
    rows = sorted({p.department for p in plans_})
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(REGISTRY_FIELDS)
        w.writerows(rows)


def _write_one(args) -> None:
    write_disclosure(*args)


def generate(n: int, data_dir: Path, jobs: int = 1) -> list[Plan]:
    """Write N synthetic packages and their registry into data_dir/{packages,departments.csv}."""
    chosen = plans(n)
    data_dir.mkdir(parents=True, exist_ok=True)
    registry = data_dir / "departments.csv"
    write_registry(chosen, registry)
    work = [(p, data_dir / "packages") for p in chosen]
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            list(pool.map(_write_one, work, chunksize=16))
    else:
        for w in work:
            _write_one(w)
    return chosen
