"""The baseline: plain mkdocs-material building the same pages under the same navigation.

Every page of the site's navigation becomes a plain Markdown page; a disclosure page holds the same
content as the site's (narrative sections, every table as a Markdown table, glossary), without
charts, downloads or findings. The configuration is stock mkdocs-material with the site's
navigation features; with `search` it keeps mkdocs' default search plugin (what a plain
mkdocs-material site has), without it renders only.
"""
from __future__ import annotations

import json
from pathlib import Path

from generator.model.packages import read_package

FEATURES = ["navigation.tabs", "navigation.prune", "navigation.indexes", "navigation.top", "toc.follow",
            "toc.integrate"]


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").strip()


def disclosure_markdown(package_dir: Path, title: str) -> str:
    pkg = read_package(package_dir)
    out = [f"# {title}", "", "## 情况说明", ""]
    for row in pkg.rows("sections"):
        if row.get("heading", "").strip():
            out += [f"### {row['heading'].strip()}", ""]
        out += [p.strip() + "\n" for p in row.get("text", "").split("\n") if p.strip()]
    for res in pkg.resources:
        if res.name in ("facts", "sections"):
            continue
        out += ["", f"## {res.table.get('title') or res.meta.get('title') or res.name}", ""]
        out.append("| " + " | ".join(_cell(f.title) for f in res.fields) + " |")
        out.append("|" + " --- |" * len(res.fields))
        out += ["| " + " | ".join(_cell(row.get(f.name, "")) for f in res.fields) + " |" for row in res.rows]
    return "\n".join(out) + "\n"


def _pages(nav: list) -> list[tuple[str, str]]:
    """(title, Markdown path) of every page in a mkdocs nav."""
    out = []
    for entry in nav:
        items = entry.items() if isinstance(entry, dict) else [("", entry)]
        for title, value in items:
            if isinstance(value, list):
                out += _pages(value)
            else:
                out.append((title, value))
    return out


def write_baseline(site_config: Path, packages: Path, out: Path, search: bool) -> Path:
    """Write the baseline's pages and mkdocs.yml under `out`, from the site's generated mkdocs.yml."""
    nav = json.loads(site_config.read_text(encoding="utf-8"))["nav"]
    docs = out / "docs"
    for title, path in _pages(nav):
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        parts = path.split("/")
        package = packages / parts[1] / parts[2].removesuffix(".md") if len(parts) == 3 and parts[0] == "departments" else None
        if package is not None and (package / "datapackage.json").exists():
            target.write_text(disclosure_markdown(package, title), encoding="utf-8")
        else:
            target.write_text(f"# {title or path}\n\n本页列出{title or '内容'}。\n", encoding="utf-8")
    config = {
        "site_name": "预算公开数据（基线）", "docs_dir": str(docs.resolve()), "site_dir": str((out / "site").resolve()),
        "theme": {"name": "material", "language": "zh", "font": False, "features": FEATURES},
        "markdown_extensions": ["tables", "attr_list", "toc"], "nav": nav,
        **({} if search else {"plugins": []}),
    }
    target = out / "mkdocs.yml"
    target.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    return target
