"""mkdocs hooks (named in the generated mkdocs.yml): give back the HTML blocks a page set aside,
and keep the theme's compiled templates between shards and builds (template_cache.py).

render.py writes each page as Markdown headings with placeholder paragraphs, and the finished
HTML blocks as JSON at the end of the file. Markdown converts the headings (and builds the table
of contents from them); the blocks replace their placeholders afterwards, unparsed.
"""
from __future__ import annotations

import json
import re

from generator.site.render import PLACEHOLDER, RAW_MARK
from generator.site.template_cache import bytecode_cache

_PARAGRAPH = re.compile("<p>" + PLACEHOLDER.format(r"(\d+)") + "</p>")
_blocks: dict[str, list[str]] = {}


def on_page_markdown(markdown: str, page, **_) -> str:
    body, mark, rest = markdown.partition(RAW_MARK)
    if mark:
        _blocks[page.file.src_uri] = json.loads(rest[: rest.rindex("\n-->")])
    return body


def on_page_content(html: str, page, **_) -> str:
    blocks = _blocks.pop(page.file.src_uri, None)
    return _PARAGRAPH.sub(lambda match: blocks[int(match.group(1))], html) if blocks else html


def on_env(env, **_):
    env.bytecode_cache = bytecode_cache()
    return env
