"""The context of one disclosure page: cards, charts, tables, narrative, performance, findings, source."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup, escape

from generator.model.facts import load_vocabulary
from generator.site import charts as chart_specs
from generator.site.downloads import Download
from generator.site.figures import Figures
from generator.site.formatting import ratio, wan
from generator.model.packages import Package, Resource, decimal_or_none
from generator.site.table_view import TableView, fact_anchor, view
from generator.site.validation import ByClass, FindingView

VOCAB = load_vocabulary()
CARDS = ("total_income_expenditure", "income_total", "expenditure_total", "three_public_total")
CARD_LABELS = {"three_public_total": "\u201c三公\u201d经费"}
NARRATIVE = {"facts", "sections", "glossary"}


@dataclass(frozen=True)
class Card:
    label: str
    value: str  # 万元
    change: Decimal | None  # year-on-year, %
    change_basis: str  # stated | derived
    detail: str
    anchor: str  # where the figure comes from on the page
    disputed: bool  # printed twice with different values: see the findings
    page: int | None = None  # page of the source document the figure is printed on


@dataclass(frozen=True)
class SectionView:
    anchor: str
    heading: str
    level: int
    paragraphs: tuple[Markup, ...]
    page: int | None = None  # page of the source document where the section starts


@dataclass(frozen=True)
class Term:
    anchor: str
    term: str
    definition: str


def cards(fig: Figures) -> list[Card]:
    out = []
    for measure in CARDS:
        fact = fig.get(measure)
        if fact is None:
            continue
        change, basis = fig.change_rate(measure)
        out.append(Card(CARD_LABELS.get(measure, VOCAB[measure]), wan(fact.value), change, basis,
                        _detail(fig, measure), fact_anchor(fact.source), fig.disputed(measure), fact.page))
    return out


def _detail(fig: Figures, measure: str) -> str:
    if measure == "expenditure_total":
        basic, project = fig.value("expenditure_basic"), fig.value("expenditure_project")
        if basic is not None and project is not None:
            return f"基本支出 {wan(basic)} · 项目支出 {wan(project)}"
    if measure == "income_total":
        fiscal = fig.value("income_general_budget")
        if fiscal is not None:
            return f"一般公共预算财政拨款 {wan(fiscal)}"
    if measure == "three_public_total":
        budget = fig.value(measure, "budget")
        if budget is not None and not fig.disputed(measure, "budget"):
            return f"预算 {wan(budget)}"
    if measure == "total_income_expenditure":
        carry = fig.value("carry_over_start")
        if carry is not None:
            return f"含年初结转和结余 {wan(carry)}"
    return ""


def mark_terms(text: str, terms: list[Term]) -> Markup:
    """Escape `text`; link the first occurrence of each glossary term to its explanation."""
    if not terms:
        return escape(text)
    by_term = {t.term: t for t in terms}
    pattern = re.compile("|".join(re.escape(t) for t in sorted(by_term, key=len, reverse=True)))
    out, pos, seen = [], 0, set()
    for m in pattern.finditer(text):
        term = by_term[m.group(0)]
        if term.term in seen:
            continue
        seen.add(term.term)
        out.append(escape(text[pos:m.start()]))
        out.append(Markup('<a class="tp-term" href="#{}" title="{}">{}</a>').format(term.anchor, term.definition, term.term))
        pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def glossary_terms(package: Package) -> list[Term]:
    return [Term(f"term-{i + 1}", r.get("term", "").strip(), r.get("definition", "").strip())
            for i, r in enumerate(package.rows("glossary")) if r.get("term", "").strip()]


def sections(package: Package, terms: list[Term]) -> list[SectionView]:
    out = []
    for row in package.rows("sections"):
        paragraphs = tuple(mark_terms(p.strip(), terms) for p in row.get("text", "").split("\n") if p.strip())
        level = int(row.get("level") or 1)
        page = int(row["page"]) if row.get("page") else None
        out.append(SectionView(f"sec-{row['id']}", row.get("heading", "").strip(), level, paragraphs, page))
    return out


def project_rates(package: Package) -> list[dict]:
    """Per project: budget, executed, the rate computed from them and the rate the document states."""
    out = []
    for row in package.rows("performance_projects"):
        budget, executed = decimal_or_none(row.get("budget")), decimal_or_none(row.get("executed"))
        out.append({
            "name": (row.get("project") or row.get("name") or "").strip(),
            "budget": budget, "executed": executed,
            "rate": ratio(executed, budget) if budget and executed is not None else None,
            "stated_rate": decimal_or_none(row.get("stated_rate")),
        })
    return out


@dataclass(frozen=True)
class DisclosurePage(ByClass):
    package: Package
    cards: list[Card]
    charts: list[chart_specs.Chart]
    tables: list[TableView]
    others: list[TableView]  # performance and further tabular resources
    sections: list[SectionView]
    terms: list[Term]
    findings: list[FindingView]  # every class: see ByClass
    downloads: dict[str, list[Download]]

    @property
    def source_download(self) -> Download | None:
        return (self.downloads.get("source") or [None])[0]

    @property
    def zip_download(self) -> Download:
        return self.downloads["zip"][0]


def _links(downloads: dict[str, list[Download]], resource: Resource) -> tuple[Download, ...]:
    return tuple(downloads.get(resource.name, []))


def disclosure_page(package: Package, findings: list[FindingView], downloads: dict[str, list[Download]]) -> DisclosurePage:
    fig = Figures(list(package.facts), package.year)
    terms = glossary_terms(package)
    standard = package.tables
    others = [r for r in package.resources if r not in standard and r.name not in NARRATIVE]
    return DisclosurePage(
        package=package,
        cards=cards(fig),
        charts=chart_specs.disclosure_charts(package, fig, project_rates(package)),
        tables=[view(r, _links(downloads, r)) for r in standard],
        others=[view(r, _links(downloads, r)) for r in others],
        sections=sections(package, terms),
        terms=terms,
        findings=findings,
        downloads=downloads,
    )

