"""Write pages as Markdown files for mkdocs: front matter, then escaped HTML from jinja2 templates."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from generator.site import formatting
from generator.site.template_cache import bytecode_cache


@dataclass(frozen=True)
class Page:
    path: str  # inside docs/, e.g. departments/530400-zuzhibu/2020-final.md
    title: str
    template: str
    context: dict = field(default_factory=dict)
    hide: tuple[str, ...] = ()
    searchable: bool = True  # indexed by Pagefind
    scope: str = "site"  # what it lists: a department id, a province code, or the whole site

    @property
    def url(self) -> str:
        """Site path with directory URLs: index.md → '', a/index.md → 'a/', a/b.md → 'a/b/'."""
        stem = self.path[: -len(".md")]
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"


RAW_MARK = "\n<!-- tp-raw-html\n"  # after it, the page's HTML blocks as JSON (mkdocs_hooks.py puts them back)
PLACEHOLDER = "tp-raw-html-{}"


@pass_context
def html_block(ctx, html: str) -> Markup:
    """Set a finished block of HTML aside and leave a placeholder paragraph: Markdown never parses
    the (large, already escaped) HTML of a page, only its headings."""
    blocks = ctx["raw_blocks"]
    blocks.append(str(html))
    return Markup(f"\n{PLACEHOLDER.format(len(blocks) - 1)}\n\n")


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
        bytecode_cache=bytecode_cache(),
    )
    env.filters.update(
        wan=formatting.wan, yuan=formatting.yuan, percent=formatting.percent, number=formatting.number,
        chart_json=chart_json, filesize=filesize, html_block=html_block,
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
    if not page.searchable:
        meta["search"] = {"exclude": True}
    return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items()) + "---\n\n"


def render_page(env: Environment, page: Page) -> str:
    """The Markdown file of a page: front matter, then the template's output."""
    prefix = "../" * page.url.count("/")

    def url(target: str) -> str:
        return (prefix + target) or "./"

    blocks: list[str] = []
    text = front_matter(page) + env.get_template(page.template).render(page=page, url=url, raw_blocks=blocks, **page.context)
    if blocks:  # "-->" cannot occur inside the comment: JSON writes it as "--\u003e"
        text += RAW_MARK + json.dumps(blocks, ensure_ascii=False).replace("-->", "--\\u003e") + "\n-->\n"
    return text


def markdown_page(text: str) -> Markup:
    """Hand-written Markdown from site_src/ (trusted project text), passed through to mkdocs."""
    return Markup(text)
