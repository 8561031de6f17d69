"""What the aggregate pages know of a disclosure: a small, picklable view kept in the build cache,
so that pages listing many disclosures never need the packages themselves."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from generator.site.compare import MEASURES, PER_STAFF, staff_count
from generator.site.disclosure import Card, DisclosurePage, Term
from generator.site.downloads import Download, table_title
from generator.site.figures import Figures
from generator.site.trends import SIDE_BY_SIDE, TREND
from generator.site.validation import ByClass, FindingView

VALUES = tuple(dict.fromkeys((*SIDE_BY_SIDE, *TREND, *MEASURES, PER_STAFF)))


@dataclass(frozen=True)
class ResourceInfo:
    name: str
    number: str  # 公开表 number of a standard table, else ""
    title: str = ""  # the table's Chinese title (downloads.table_title)


@dataclass(frozen=True)
class PackageInfo:
    name: str
    title: str
    department_id: str
    department_name: str
    year: int
    kind: str
    kind_name: str
    slug: str
    resources: tuple[ResourceInfo, ...]
    scope: str = "department"  # or unit: a budget unit's own disclosure
    source: dict = field(default_factory=dict)  # the descriptor's source: path, sha256, url …

    @property
    def province_code(self) -> str:
        """The 2-digit province part of the division code that starts the department id."""
        return self.department_id[:2]


@dataclass(frozen=True)
class Summary(ByClass):
    package: PackageInfo
    cards: tuple[Card, ...]
    findings: tuple[FindingView, ...]  # every class: see ByClass
    downloads: dict[str, list[Download]]
    terms: tuple[Term, ...]
    values: dict[str, Decimal]  # headline figures of the report year, by measure (absent when not stated)
    by_class: dict[str, tuple[str, Decimal]] = field(default_factory=dict)  # 类 code → (name, 一般公共预算财政拨款支出)

    @property
    def url(self) -> str:
        return f"departments/{self.package.department_id}/{self.package.slug}/"

    @property
    def source_download(self) -> Download | None:
        return (self.downloads.get("source") or [None])[0]

    @property
    def zip_download(self) -> Download:
        return self.downloads["zip"][0]


def summarize(page: DisclosurePage) -> Summary:
    package = page.package
    figures = Figures(list(package.facts), package.year, package.kind)
    values = {measure: value for measure in VALUES if (value := figures.value(measure)) is not None}
    if (staff := staff_count(figures)) is not None:
        values[PER_STAFF] = staff
    by_class = {}
    for fact in sorted(package.facts, key=lambda fact: not fact.source.startswith("table:")):  # table cells first
        if (fact.measure == "general_budget_expenditure" and fact.kind == "amount" and fact.year == package.year
                and len(fact.code) == 3 and fact.basis == "stated"):
            by_class.setdefault(fact.code, (fact.item, fact.value))
    resources = tuple(ResourceInfo(resource.name, str(resource.table.get("number") or ""), table_title(resource)) for resource in package.resources)
    info = PackageInfo(package.name, package.title, package.department_id, package.department_name, package.year,
                       package.kind, package.kind_name, package.slug, resources, package.scope, dict(package.source))
    return Summary(info, tuple(page.cards), tuple(page.findings), page.downloads, tuple(page.terms), values, by_class)
