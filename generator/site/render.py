"""Write pages as Markdown files for mkdocs: front matter, then escaped HTML from jinja2 templates."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from generator.site import formatting


@dataclass(frozen=True)
class Page:
    path: str  # inside docs/, e.g. departments/530400-zuzhibu/2020-final.md
    title: str
    template: str
    context: dict = field(default_factory=dict)
    hide: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        """Site path with directory URLs: index.md → '', a/index.md → 'a/', a/b.md → 'a/b/'."""
        stem = self.path[: -len(".md")]
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"


def chart_json(spec: dict) -> str:
    """Chart spec for a data- attribute (jinja escapes the quotes)."""
    return json.dumps(spec, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        wan=formatting.wan, yuan=formatting.yuan, percent=formatting.percent, number=formatting.number,
        chart_json=chart_json, filesize=filesize,
    )
    return env


def filesize(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def front_matter(page: Page) -> str:
    """YAML front matter; the title is escaped here because the theme prints it unescaped."""
    meta = {"title": str(escape(page.title))}
    if page.hide:
        meta["hide"] = list(page.hide)
    return "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items()) + "---\n\n"


def render_page(env: Environment, page: Page) -> str:
    """The Markdown file of a page: front matter, then the template's output."""
    prefix = "../" * page.url.count("/")

    def url(target: str) -> str:
        return (prefix + target) or "./"

    return front_matter(page) + env.get_template(page.template).render(page=page, url=url, **page.context)


def markdown_page(text: str) -> Markup:
    """Hand-written Markdown from site_src/ (trusted project text), passed through to mkdocs."""
    return Markup(text)
