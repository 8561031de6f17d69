"""Every page of the site and the navigation, from the disclosures."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from generator.model.departments import Department
from generator.site.compare import Comparison
from generator.site.disclosure import DisclosurePage, glossary_terms
from generator.site.downloads import Download
from generator.site.methodology import rules
from generator.site.render import Page, markdown_page
from generator.site.trends import department_view


@dataclass(frozen=True)
class SiteData:
    disclosures: list[DisclosurePage]  # sorted by department, then year
    registry: dict[str, Department]
    dataset: list[Download]  # the whole-data-set downloads
    comparison: Comparison
    compare_download: Download
    site_src: Path


def _hand_written(site_src: Path, name: str) -> str:
    return (site_src / "pages" / name).read_text(encoding="utf-8")


def disclosure_path(d: DisclosurePage) -> str:
    return f"departments/{d.package.department_id}/{d.package.slug}.md"


def disclosure_url(d: DisclosurePage) -> str:
    return f"departments/{d.package.department_id}/{d.package.slug}/"


def build_pages(data: SiteData) -> tuple[list[Page], list]:
    """(pages, nav) for the whole site."""
    by_department: dict[str, list[DisclosurePage]] = {}
    for d in data.disclosures:
        by_department.setdefault(d.package.department_id, []).append(d)
    departments = [department_view(dep_id, data.registry.get(dep_id), ds) for dep_id, ds in sorted(by_department.items())]
    latest = sorted(data.disclosures, key=lambda d: (-d.package.year, d.package.department_id, d.package.kind))

    pages = [
        Page("index.md", "首页", "home.md.j2", {
            "intro": markdown_page(_hand_written(data.site_src, "home.md")),
            "departments": departments, "latest": latest[:12], "disclosures": data.disclosures,
        }, hide=("navigation", "toc")),
        Page("search.md", "检索", "search.md.j2", hide=("toc",)),
        Page("departments/index.md", "部门", "departments.md.j2", {"departments": departments}),
    ]
    nav_departments: dict[str, list] = {}
    for dep in departments:
        pages.append(Page(f"departments/{dep.id}/index.md", dep.name, "department.md.j2", {"department": dep}))
        entries = [{"概览": f"departments/{dep.id}/index.md"}]
        for d in dep.disclosures:
            title = f"{d.package.year}年度{d.package.kind_name}"
            pages.append(Page(disclosure_path(d), f"{dep.name} {title}", "disclosure.md.j2", {"d": d, "department": dep}))
            entries.append({title: disclosure_path(d)})
        nav_departments.setdefault(dep.province or "其他", []).append({dep.name: entries})

    all_terms = sorted(
        {(t.term, t.definition, d.package.title, disclosure_url(d) + "#" + t.anchor)
         for d in data.disclosures for t in glossary_terms(d.package)}
    )
    pages += [
        Page("compare.md", "比较", "compare.md.j2", {"c": data.comparison, "download": data.compare_download}),
        Page("data.md", "数据下载", "data.md.j2", {"disclosures": data.disclosures, "dataset": data.dataset}),
        Page("findings.md", "数据核对", "findings.md.j2", {"disclosures": data.disclosures}),
        Page("glossary.md", "名词解释", "glossary.md.j2", {"terms": all_terms}),
        Page("methodology.md", "方法", "methodology.md.j2", {
            "intro": markdown_page(_hand_written(data.site_src, "methodology.md")), "rules": rules(),
        }),
        Page("about.md", "关于", "about.md.j2", {"text": markdown_page(_hand_written(data.site_src, "about.md"))}),
    ]

    def entry(title: str, path: str) -> dict:
        return {str(escape(title)): path}

    nav = [
        entry("首页", "index.md"),
        {"部门": ["departments/index.md"] + [
            {str(escape(province)): [{str(escape(k)): [{str(escape(t)): p} for e in v for t, p in e.items()]}
                                     for item in items for k, v in item.items()]}
            for province, items in sorted(nav_departments.items())
        ]},
        entry("比较", "compare.md"),
        entry("数据下载", "data.md"),
        entry("数据核对", "findings.md"),
        entry("名词解释", "glossary.md"),
        entry("方法", "methodology.md"),
        entry("检索", "search.md"),
        entry("关于", "about.md"),
    ]
    return pages, nav
