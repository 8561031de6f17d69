"""The contents page (目录) against the body: every table it lists is printed."""
from __future__ import annotations

import re
from typing import Iterator

from generator.model.tables import squash
from generator.validate.context import Context
from generator.validate.report import Finding, Place
from generator.validate.rules.completeness import unread
from generator.validate.rules.registry import compared, rule

LEADER = re.compile(r"[…\.．·•]{3,}\s*(?:\d+(?![\d.．、]))?")  # dot leader and page number: where one entry ends
NUMBER = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|"
                    r"\d+\s*[.．、]|(?:预算|决算|公开)?\d+表|表\s*\d+|附表\d*[:：]?)+")
YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?")
FILLER = re.compile(r"[\"“”‘’'《》.．、:：\s]|部门|单位|综合|本级|区级|市级")
# words one printing of a title has and another lacks (收支总表 | 收支总体情况表 | 财务收支预算总表)
LOOSE = re.compile(r"总体|总|情况|预算|决算|明细|财务|本年|汇总|表$")
SPLIT = re.compile(r"(?<=表)(?=\d+[、.．])")  # “…支出表8、政府性基金预算支出表”: two entries run together
COLLECTIVE = re.compile(r"报表|^(?:预算|决算|公开|附)*表$")  # a part of the contents (部门预算表, 公开报表), not a table


def norm(text: str) -> str:
    """A table title as the contents and the body both print it: no numbering, year, quotes or
    department word; an unclosed bracket (a title broken over two lines) cut off."""
    cleaned = squash(text).replace("(", "（").replace(")", "）")
    for _ in range(2):
        cleaned = FILLER.sub("", YEAR.sub("", NUMBER.sub("", cleaned)))
    if "（" in cleaned and "）" not in cleaned[cleaned.rfind("（"):]:
        cleaned = cleaned[:cleaned.rfind("（")]
    return cleaned


def _title(entry: str) -> str | None:
    """The table an entry of the contents names, normalised, or None (a chapter, a part)."""
    if re.search(r"[，。；]|^\s*(?:注|第[一二三四五六七八九十]+部分)", entry):
        return None  # a note under the contents (“注：以上部门预算报表中，空表表示…”)
    title = norm(entry)
    cut = title.rfind("表")
    if cut < 0:
        return None
    title = title[:cut + 1] + (title[cut + 1:] if title[cut + 1:].startswith("（") else "")
    return title if len(title) >= 4 and not title.startswith("（") and not COLLECTIVE.search(title.split("（")[0]) else None


def key(title: str) -> str:
    """What is left of a normalised title without the words printings vary in."""
    return LOOSE.sub("", title.split("（")[0]) + "".join(re.findall(r"（[^）]*）?", title))


def _sub(shorter: str, longer: str) -> bool:
    """a is b with characters left out."""
    remaining = iter(longer)
    return all(char in remaining for char in shorter)


def contents(ctx: Context) -> tuple[list[tuple[str, int, int | None]], set[tuple[str, int]]]:
    """(entries of the contents page: text, line, page) and the (section, line) places they take."""
    entries: list[tuple[str, int, int | None]] = []
    places: set[tuple[str, int]] = set()
    seen: set[str] = set()
    started = False
    for section in ctx.rows("sections"):
        base, page = int(section.get("line") or 0), int(section["page"]) if section.get("page") else None
        for offset, line in enumerate([section.get("heading") or ""] + (section.get("text") or "").split("\n")):
            text = squash(line)
            if not started:
                started = text == "目录"
                continue
            if not text:
                continue
            parts = [piece for part in LEADER.split(line) for piece in SPLIT.split(part) if squash(piece)]
            if len(text) > 60 and len(parts) < 2 or any(norm(part) in seen for part in parts if len(norm(part)) >= 4):
                return entries, places  # a paragraph, or an entry printed again: the body begins
            places.add((section["id"], base + offset))
            for part in parts:
                seen.add(norm(part))
                entries.append((part.strip(), base + offset, page))
            if len(entries) > 120:
                return entries, places
    return entries, places


def _absent(ctx: Context, titles: list[str], skip: set[tuple[str, int]]) -> list[str]:
    """The titles neither a table nor a line of the body (outside the contents) prints: each table
    answers one title, the same title first, then one whose words it holds (收支总表 ← 收支预算总表)."""
    left = [key(norm(table.title or "")) for table in ctx.tables.values()]
    left = [table_key for table_key in left if table_key]
    want = {title: key(title) for title in titles}
    for exact in (True, False):
        for title in [title for title in titles if want[title]]:
            hit = next((table_key for table_key in left if table_key == want[title]
                        or not exact and (_sub(table_key, want[title]) or _sub(want[title], table_key))), None)
            if hit is not None:
                left.remove(hit)
                want[title] = ""
    missing = [title for title in titles if want[title]]
    if not missing:
        return []
    lines = [norm(line) for section in ctx.rows("sections")
             for offset, line in enumerate([section.get("heading") or ""] + (section.get("text") or "").split("\n"))
             if (section["id"], int(section.get("line") or 0) + offset) not in skip and len(line) <= 80]
    return [title for title in missing if not any(title in body_line for body_line in lines)]


@rule("contents", "目录所列的表在正文中都有",
      "文件的目录页（“目 录”之后、正文第一次重复目录条目之前的各行）列出的每一张表，都应在正文中印出：与读入的表格标题相符，"
      "或在目录以外的文字中印出其标题（年份、序号、引号、“部门/单位”等字样不计；跨行断开的标题按断开处之前的部分比较）。"
      "文件完全不含表格、或有导入时未能读入的表格或无标题的表格时，缺表只作提示。",
      classes=("inconsistency", "notice"),
      message="目录列出的“〈表名〉”在正文中没有")
def contents_tables(ctx: Context) -> Iterator[Finding]:
    """上海市普陀区人民政府办公室 2025 年部门预算，目录：“五、部门预算表 ……1. 2025年部门财务收支预算总表 ……2. 2025年部门收入预算总表
    …… 9．2025年部门“三公”经费和机关运行经费预算表”，正文九张表都在（不报告）。"""
    entries, places = contents(ctx)
    listed: dict[str, tuple[str, int, int | None]] = {}
    for text, line, page in entries:
        title = _title(text)
        if title is not None:
            listed.setdefault(title, (text, line, page))
    if listed:
        compared(len(listed))  # each listed table looked for in the body
    missing = [listed[listed_title] for listed_title in _absent(ctx, list(listed), places)]
    if not missing:
        return
    names = "、".join(f"“{entry}”" for entry, _, _ in missing)
    _, line, page = missing[0]
    many = [Place("contents", entry) for entry, _, _ in missing] if len(missing) > 1 else []
    if not ctx.tables or unread(ctx) or any(not squash(table.title or "") for table in ctx.tables.values()):
        yield Finding("contents", f"目录列出的{names}未在读入的表格与文字中找到；文件中另有未能读入或无标题的表格，可能就是其中之一",
                      cls="notice", line=line, page=page, places=many)
        return
    yield Finding("contents", f"目录列出的{names}在正文中没有", line=line, page=page, places=many)
