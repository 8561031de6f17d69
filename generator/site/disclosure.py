"""The context of one disclosure page: cards, charts, tables, narrative, performance, findings, source."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from markupsafe import Markup, escape

from generator.model.facts import load_vocabulary
from generator.model.packages import Package, Resource, decimal_or_none
from generator.site import charts as chart_specs
from generator.site.boilerplate import is_caption, table_lines
from generator.site.downloads import Download
from generator.site.figures import Figures
from generator.site.formatting import ratio, wan
from generator.site.table_view import TableView, fact_anchor, view
from generator.site.validation import ByClass, CheckRun, FindingView, of_class

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
    word: str = ""  # what the figure is: 2026年预算数, 2020年决算数 … (words.py)


@dataclass(frozen=True)
class SectionView:
    anchor: str
    heading: str
    level: int
    paragraphs: tuple[Markup, ...]
    page: int | None = None  # page of the source document where the section starts
    rank: int = 3  # its heading's element, h3…h6: never more than one below the heading before it


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
                        _detail(fig, measure), fact_anchor(fact.source), fig.disputed(measure), fact.page,
                        fig.word()))
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
            return f"{fig.word('budget')} {wan(budget)}"
    if measure == "total_income_expenditure":
        carry = fig.value("carry_over_start")
        if carry is not None:
            return f"含年初结转和结余 {wan(carry)}"
    return ""


def mark_terms(text: str, terms: list[Term]) -> Markup:
    """Escape `text`; link the first occurrence of each glossary term to its explanation."""
    if not terms:
        return escape(text)
    by_term = {glossary_term.term: glossary_term for glossary_term in terms}
    pattern = re.compile("|".join(re.escape(glossary_term) for glossary_term in sorted(by_term, key=len, reverse=True)))
    out, pos, seen = [], 0, set()
    for match in pattern.finditer(text):
        term = by_term[match.group(0)]
        if term.term in seen:
            continue
        seen.add(term.term)
        out.append(escape(text[pos:match.start()]))
        out.append(Markup('<a class="tp-term" href="#{}" title="{}">{}</a>').format(term.anchor, term.definition, term.term))
        pos = match.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def glossary_terms(package: Package) -> list[Term]:
    return [Term(f"term-{index + 1}", row.get("term", "").strip(), row.get("definition", "").strip())
            for index, row in enumerate(package.rows("glossary")) if row.get("term", "").strip()]


def sections(package: Package, terms: list[Term]) -> list[SectionView]:
    """The narrative, without the table captions it repeats (boilerplate.py)."""
    out = []
    captions = table_lines(package)
    rank = 2  # the section heading 情况说明 is an h2
    for row in package.rows("sections"):
        paragraphs = tuple(mark_terms(paragraph.strip(), terms) for paragraph in row.get("text", "").split("\n")
                           if paragraph.strip() and not is_caption(paragraph, captions))
        if not paragraphs and not row.get("heading", "").strip():
            continue
        level = int(row.get("level") or 1)
        page = int(row["page"]) if row.get("page") else None
        heading = row.get("heading", "").strip()
        if heading:
            rank = max(3, min(level + 2, rank + 1, 6))
        out.append(SectionView(f"sec-{row['id']}", heading, level, paragraphs, page, rank))
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
class Coverage:
    """What the checker could read of a disclosure and what it compared: the standard tables, the
    tables kept as printed (generic), the figures (facts.csv rows) and the checks that ran."""

    standard: tuple[str, ...]  # titles of the standard tables read
    generic: tuple[str, ...]  # titles of the tables kept as printed (resources whose table.generic is true)
    figures: int  # facts.csv rows
    from_tables: int  # of them, read from table cells
    sections: int  # paragraphs of the narrative (sections.csv rows)
    others: tuple[tuple[str, int], ...]  # (title, rows) of the other tables read: performance projects, indicators
    checks: tuple[CheckRun, ...] | None  # every rule, with the comparisons it made (None: not known)

    @property
    def ran(self) -> tuple[CheckRun, ...]:
        """The checks that compared figures."""
        return tuple(check for check in self.checks or () if check.comparisons)

    @property
    def idle(self) -> tuple[CheckRun, ...]:
        """The checks this disclosure gave nothing to compare."""
        return tuple(check for check in self.checks or () if not check.comparisons)

    @property
    def comparisons(self) -> int:
        return sum(check.comparisons for check in self.checks or ())

    @property
    def nothing_read(self) -> bool:
        """No standard or generic table, no figure and no comparison: nothing to check (the tables
        may be images, or published apart); performance tables may still have been read (`others`),
        and when a rule compared them (a self-evaluation form's 资金 rows) the disclosure was checked."""
        return not self.standard and not self.generic and not self.figures and not self.comparisons

    @property
    def nothing_checked(self) -> bool:
        """No comparison of printed figures was made: “no inconsistency found” would say nothing."""
        return self.nothing_read or (self.checks is not None and self.comparisons == 0)


def coverage(package: Package, findings: list[FindingView]) -> Coverage:
    tables = package.tables
    generic = [resource for resource in tables if resource.table.get("generic")]
    title = lambda resource: str(resource.table.get("title") or resource.meta.get("title") or resource.name)  # noqa: E731
    return Coverage(
        standard=tuple(title(resource) for resource in tables if resource not in generic),
        generic=tuple(title(resource) for resource in generic),
        figures=len(package.facts),
        from_tables=sum(1 for fact in package.facts if fact.source.startswith("table:")),
        sections=len(package.rows("sections")),
        others=tuple((str(resource.meta.get("title") or resource.name), len(resource.rows)) for resource in package.resources
                     if resource not in tables and resource.name not in NARRATIVE and resource.rows),
        checks=tuple(findings.checks) if hasattr(findings, "checks") else None,
    )


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
    coverage: Coverage | None = None

    @property
    def source_download(self) -> Download | None:
        return (self.downloads.get("source") or [None])[0]

    @property
    def source_pdf(self) -> str:
        """The site path of the source document when it is a PDF (page references link into it)."""
        source = self.source_download
        return source.path if source and source.path.lower().endswith(".pdf") else ""

    @property
    def zip_download(self) -> Download:
        return self.downloads["zip"][0]


def _links(downloads: dict[str, list[Download]], resource: Resource) -> tuple[Download, ...]:
    return tuple(downloads.get(resource.name, []))


def source_line(package: Package) -> str:
    """Where a chart's figures come from, in words: the source document and its hash."""
    source = package.source
    name = str(source.get("path") or "").split("/")[-1]
    sha = str(source.get("sha256") or "")
    if not name:
        return f"来源：{package.title}"
    return f"来源：{package.title}，源文件 {name}" + (f"（SHA-256 {sha[:12]}…）" if sha else "")


def _source_id(package: Package) -> str:
    sha = str(package.source.get("sha256") or "")
    return f"源文件{sha[:8]}" if sha else ""


def _column(source: str) -> tuple[str, str] | None:
    """(table, column) of a table cell's source `table:<id>:row <n>:<column>`."""
    parts = source.split(":")
    return (parts[1], parts[3]) if parts[0] == "table" and len(parts) == 4 else None


def marked(chart: chart_specs.Chart, findings: list[FindingView]) -> chart_specs.Chart:
    """The chart with a mark on each category whose figure an inconsistency names (the same
    printing), and on each series whose column of a table one names: the first such finding's
    anchor on the page (finding-N, as the template numbers them)."""
    marks: dict[str, tuple[str, str]] = {}
    for index, finding in enumerate(findings):
        named = {figure.source for figure in finding.figures}
        columns = {_column(figure_source) for figure_source in named} - {None}
        for key, source in chart.sources:
            if source in named:
                marks.setdefault(key, (f"finding-{index + 1}", finding.message))
        for key, source in chart.series_sources:
            if source in named or _column(source) in columns:
                marks.setdefault(key, (f"finding-{index + 1}", finding.message))
    return replace(chart, marks=tuple((key, anchor, text) for key, (anchor, text) in marks.items()))


def disclosure_page(package: Package, findings: list[FindingView], downloads: dict[str, list[Download]]) -> DisclosurePage:
    fig = Figures(list(package.facts), package.year, package.kind)
    terms = glossary_terms(package)
    standard = package.tables
    others = [resource for resource in package.resources if resource not in standard and resource.name not in NARRATIVE]
    return DisclosurePage(
        package=package,
        cards=cards(fig),
        charts=[marked(chart_specs.exported(chart, package.department_name, f"{package.year}年度{package.kind_name}",
                                            source_line(package), _source_id(package)), of_class(findings, "inconsistency"))
                for chart in chart_specs.disclosure_charts(package, fig, project_rates(package))],
        tables=[view(resource, _links(downloads, resource)) for resource in standard],
        others=[view(resource, _links(downloads, resource)) for resource in others],
        sections=sections(package, terms),
        terms=terms,
        findings=findings,
        downloads=downloads,
        coverage=coverage(package, findings),
    )

