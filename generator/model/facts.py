"""Headline figures as one long table: the `Fact` travels from ingest to page."""
from __future__ import annotations

import csv
import re
from dataclasses import asdict, dataclass, fields
from decimal import Decimal
from pathlib import Path

KINDS = ("amount", "budget", "share", "budget_rate", "change", "change_rate", "count")
_VOCAB_PATH = Path(__file__).with_name("vocabulary.csv")


@dataclass(frozen=True)
class Fact:
    measure: str
    kind: str
    year: int
    value: Decimal
    unit: str
    unit_in_source: str
    half_unit: Decimal
    source: str
    line: int
    quote: str
    code: str = ""
    item: str = ""
    of: str = ""
    relation: str = ""  # comparison word printed beside a budget_rate (大于/小于/等于/持平)
    basis: str = "stated"
    page: int | None = None  # printed page of the figure (paged sources)

    def row(self) -> dict[str, str]:
        return {field: ("" if value is None else str(value)) for field, value in asdict(self).items()}


FACT_FIELDS = [field.name for field in fields(Fact)]


def item_key(fact: Fact) -> str:
    """The item a fact is about, comparable across sources ('住房保障（类）支出' ~ '住房保障支出')."""
    item = re.sub(r"[（(][类款项][）)]|\s", "", fact.item)
    return re.sub(r"支出$", "", item) or fact.code
FIELD_ORDER = ["measure", "kind", "code", "item", "of", "year", "value", "unit", "unit_in_source",
               "half_unit", "relation", "basis", "source", "line", "page", "quote"]


def load_vocabulary() -> dict[str, str]:
    """measure id → Chinese label."""
    with _VOCAB_PATH.open(encoding="utf-8") as handle:
        return {record["id"]: record["measure"] for record in csv.DictReader(handle)}


def read_facts(path: Path) -> list[Fact]:
    """Read a package's facts.csv back into Facts (values exact)."""
    out = []
    with path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            out.append(Fact(
                measure=record["measure"], kind=record["kind"], year=int(record["year"]), value=Decimal(record["value"]),
                unit=record["unit"], unit_in_source=record["unit_in_source"], half_unit=Decimal(record["half_unit"]),
                source=record["source"], line=int(record["line"] or 0), quote=record["quote"], code=record["code"],
                item=record["item"], of=record["of"], relation=record["relation"], basis=record["basis"],
                page=int(record["page"]) if record.get("page") else None,
            ))
    return out
