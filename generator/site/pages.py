"""Every page of the site except the disclosure pages (written per package, prepare.py), and the
navigation. Pages that list disclosures stay bounded: beyond LIST_LIMIT disclosures a list is split
into one page per province. The navigation follows the administrative hierarchy, province → city →
department → disclosure, and is pruned to the open branch, so a page's navigation grows with the
fan-out of that hierarchy, not with the number of disclosures."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from generator.model.departments import Department
from generator.site import search
from generator.site.compare import Comparison, comparison
from generator.site.downloads import Download
from generator.site.methodology import rules
from generator.site.prepare import disclosure_path
from generator.site.render import Page, markdown_page
from generator.site.summary import Summary
from generator.site.trends import DepartmentView, department_view

LIST_LIMIT = 200  # disclosures on one list page (compare, data, findings); beyond it, one page per province
GLOSSARY_LINKS = 3  # disclosures linked per glossary entry


@dataclass(frozen=True)
class SiteData:
    disclosures: list[Summary]  # sorted by department, then year
    registry: dict[str, Department]
    dataset: list[Download]  # the whole-data-set downloads
    compare_download: Download
    site_src: Path


@dataclass(frozen=True)
class Region:
    """A province: its 2-digit code (the start of its departments' ids), name and departments."""

    code: str
    name: str
    departments: list[DepartmentView]
    disclosures: list[Summary]
    findings: int  # inconsistencies of all its disclosures (the headline count)


def _hand_written(site_src: Path, name: str) -> str:
    return (site_src / "pages" / name).read_text(encoding="utf-8")


def _regions(departments: list[DepartmentView]) -> list[Region]:
    by_code: dict[str, list[DepartmentView]] = {}
    for dep in departments:
        by_code.setdefault(dep.id[:2], []).append(dep)
    out = []
    for code, deps in sorted(by_code.items()):
        disclosures = [disclosure for dep in deps for disclosure in dep.disclosures]
        out.append(Region(code, next((disclosure.province for disclosure in deps if disclosure.province), "其他"), deps, disclosures,
                          sum(len(disclosure.inconsistencies) for disclosure in disclosures)))
    return out


def _glossary(disclosures: list[Summary]) -> list[tuple]:
    """(term, definition, [(title, link)] up to GLOSSARY_LINKS, number of disclosures) per distinct explanation."""
    entries: dict[tuple[str, str], list] = {}
    for disclosure in disclosures:
        for entry in disclosure.terms:
            link = (disclosure.package.title, disclosure.url + "#" + entry.anchor)
            entries.setdefault((entry.term, entry.definition), []).append(link)
    return [(term, definition, links[:GLOSSARY_LINKS], len(links)) for (term, definition), links in sorted(entries.items())]


def _lists(data: SiteData, regions: list[Region]) -> tuple[list[Page], list]:
    """Compare, data and findings: one page each, or an index and one page per province. Search
    leaves them out: they list what the disclosures' own pages hold (their findings included),
    and a province's list is the longest text of the site."""
    split = len(data.disclosures) > LIST_LIMIT
    groups = [(region.code, region.name, region.disclosures) for region in regions] if split else [("", "", data.disclosures)]
    pages, nav = [], []
    for section, title, template in (("compare", "比较", "compare.md.j2"), ("data", "数据下载", "data.md.j2"),
                                     ("findings", "数据核对", "findings.md.j2")):
        common = {"dataset": data.dataset, "download": data.compare_download, "regions": regions if split else []}
        for code, name, disclosures in groups:
            path = f"{section}/{code}/index.md" if code else f"{section}/index.md"
            heading = f"{title}：{name}" if code else title
            compared: Comparison | None = comparison(disclosures) if section == "compare" else None
            pages.append(Page(path, heading, template, {**common, "heading": heading, "region": code,
                                                        "disclosures": disclosures, "c": compared}, scope=code or "site",
                              searchable=False))
        if split:
            pages.append(Page(f"{section}/index.md", title, template, {**common, "heading": title, "region": "",
                                                                       "disclosures": [], "c": None}, searchable=False))
            nav.append({title: [f"{section}/index.md"] + [{str(escape(name)): f"{section}/{code}/index.md"}
                                                           for code, name, _ in groups]})
        else:
            nav.append({title: f"{section}/index.md"})
    return pages, nav


def _search_scopes(disclosures: list[Summary], registry: dict) -> dict:
    """On a site with one search index per year (search.py), the years the search page offers,
    newest first (it searches the latest unless asked); the values of each filter."""
    return {"years": sorted({disclosure.package.year for disclosure in disclosures}, reverse=True) if search.split(len(disclosures)) else [],
            "filters": search.filter_values(disclosures, registry)}


def build_pages(data: SiteData) -> tuple[list[Page], list]:
    """(pages, nav) for the whole site; the disclosure pages are in the nav, not in the list."""
    by_department: dict[str, list[Summary]] = {}
    for disclosure in data.disclosures:
        by_department.setdefault(disclosure.package.department_id, []).append(disclosure)
    departments = [department_view(dep_id, data.registry.get(dep_id), own) for dep_id, own in sorted(by_department.items())]
    regions = _regions(departments)
    latest = sorted(data.disclosures, key=lambda disclosure: (-disclosure.package.year, disclosure.package.department_id, disclosure.package.kind))
    small = len(data.disclosures) <= LIST_LIMIT

    pages = [
        Page("index.md", "首页", "home.md.j2", {
            "intro": markdown_page(_hand_written(data.site_src, "home.md")), "departments": departments,
            "latest": latest[:12], "disclosures": data.disclosures,
        }, hide=("navigation", "toc")),
        Page("search.md", "检索", "search.md.j2", _search_scopes(data.disclosures, data.registry), hide=("toc",), searchable=False),
        Page("departments/index.md", "部门", "departments.md.j2",
             {"regions": regions, "departments": departments if small else [], "heading": "部门"}),
    ]
    nav_regions = []
    for region in regions:
        pages.append(Page(f"departments/{region.code}/index.md", region.name, "departments.md.j2",
                          {"regions": [], "departments": region.departments, "heading": region.name}, scope=region.code))
        cities: dict[str, list] = {}
        for dep in region.departments:
            pages.append(Page(f"departments/{dep.id}/index.md", dep.name, "department.md.j2", {"department": dep},
                              scope=dep.id, searchable=False))  # its disclosures' pages carry its name
            items = [{"概览": f"departments/{dep.id}/index.md"}]
            for disclosure in dep.disclosures:
                package = disclosure.package
                items.append({f"{package.year}年度{escape(package.kind_name)}": disclosure_path(package.department_id, package.slug)})
            city = str(escape(dep.city or f"{region.name}本级"))
            cities.setdefault(city, []).append({str(escape(dep.name)): items})
        nav_regions.append({str(escape(region.name)): [f"departments/{region.code}/index.md"]
                            + [{city: deps} for city, deps in cities.items()]})

    list_pages, list_nav = _lists(data, regions)
    pages += list_pages + [
        Page("glossary.md", "名词解释", "glossary.md.j2", {"terms": _glossary(data.disclosures)}),
        Page("methodology.md", "方法", "methodology.md.j2", {
            "intro": markdown_page(_hand_written(data.site_src, "methodology.md")), "rules": rules(),
        }),
        Page("about.md", "关于", "about.md.j2", {"text": markdown_page(_hand_written(data.site_src, "about.md"))}),
    ]
    nav = [
        {"首页": "index.md"},
        {"部门": ["departments/index.md"] + nav_regions},
        *list_nav,
        {"名词解释": "glossary.md"},
        {"方法": "methodology.md"},
        {"检索": "search.md"},
        {"关于": "about.md"},
    ]
    return pages, nav
