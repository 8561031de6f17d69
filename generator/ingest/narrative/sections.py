"""The narrative (情况说明): sections split by the document's own headings, the
glossary, and its sentences (the figures they state are read in `templates` and `patterns`)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.ingest.items import Paragraph, Table

CN_NUM = "一二三四五六七八九十百零〇"
_HEADING = [
    (1, re.compile(rf"^第[{CN_NUM}\d]+部分")),
    (2, re.compile(rf"^[{CN_NUM}]+、")),
    (3, re.compile(rf"^[（(][{CN_NUM}]+[）)]")),
    (4, re.compile(r"^\d+[．.、](?!\d)")),
]
NUM = r"(-?\d[\d,]*(?:\.\d+)?)"
UNIT = r"\s*(万元|亿元|元)?"
V = NUM + UNIT


@dataclass
class Section:
    id: str
    number: str
    heading: str
    level: int
    parent: str
    line: int
    text: str
    page: int | None = None
    lines: list[int] = field(default_factory=list)  # line of the heading and of each paragraph


@dataclass
class Term:
    number: str
    term: str
    definition: str
    line: int
    page: int | None = None


def heading_level(text: str) -> int:
    """Level of a heading line (1 = 第…部分 … 4 = '1.'), 0 when the line is body text."""
    t = text.strip()
    if len(t) > 32 or re.search(r"\d+(?:\.\d+)?\s*(?:万元|元|%)", t) or re.search(r"[：:].{6,}", t):
        return 0
    for level, pattern in _HEADING:
        if pattern.match(t):
            return level
    return 0


TABLE_LEVEL = 5  # a labelled text cell of a narrative table nests below every numbered heading


def narrative_texts(blocks: list, skip_lines: set[int]) -> list[tuple[int, str, int]]:
    """(line, text, heading level or 0) for paragraphs and for the paragraph-like cells of
    tables (e.g. 公开10), whose short label cells become a heading; in document order."""
    out = []
    for b in blocks:
        if isinstance(b, Paragraph):
            out.append((b.line, b.text, heading_level(b.text)))
        elif isinstance(b, Table) and b.line not in skip_lines:
            for row in b.rows:
                labels = [c for c in row.cells if c and len(c) <= 24]
                for cell, line in zip(row.cells, row.lines):
                    if len(cell) > 60 and not cell.startswith("<"):
                        out.append((line, " / ".join(labels[:3]) or "表格文字", TABLE_LEVEL))
                        out.append((line, cell, 0))
    return out


def split_sections(texts: list[tuple[int, str, int]]) -> list[Section]:
    """Split text into sections at the document's own headings (verbatim text)."""
    sections: list[Section] = []
    stack: list[Section] = []
    current = Section("s0", "", "", 0, "", texts[0][0] if texts else 1, "", lines=[texts[0][0] if texts else 1])
    for line, text, level in texts:
        if level:
            if current.text or current.heading:
                sections.append(current)
            while stack and stack[-1].level >= level:
                stack.pop()
            m = next((p.match(text.strip()) for lv, p in _HEADING if lv == level), None)
            current = Section(f"s{len(sections) + 1}", m.group(0) if m else "", text.strip(), level,
                              stack[-1].id if stack else "", line, "", lines=[line])
            stack.append(current)
        else:
            if text.strip():
                current.lines.extend([line] * len(text.strip().split("\n")))
            current.text = (current.text + "\n" + text).strip()
    if current.text or current.heading:
        sections.append(current)
    return sections


_TERM = re.compile(rf"^\s*(?:([{CN_NUM}]+、|\d+[．.、]\s*))?([^：:]{{2,60}}?)[：:]\s*(?:指)?(.+)$")


def glossary(sections: list[Section]) -> list[Term]:
    """Terms of the 名词解释 section and everything nested in it: '一、财政拨款收入：指…'."""
    terms, inside = [], None
    for s in sections:
        if inside is not None and s.level and s.level <= inside:
            inside = None
        if "名词解释" in s.heading:
            inside = s.level
            lines = [s.heading.split("名词解释", 1)[1]] + s.text.split("\n")
        elif inside is not None:
            lines = [s.heading] + s.text.split("\n") if s.level != TABLE_LEVEL else s.text.split("\n")
        else:
            continue
        for k, line in enumerate(x for x in lines if x.strip()):
            m = _TERM.match(line)
            if m:
                terms.append(Term((m.group(1) or "").strip(), m.group(2).strip(), m.group(3).strip(), s.line + k))
    return terms


# a printed line at least this long that stops mid-sentence was wrapped by the page ('…财政拨款预算' ⏎
# '8,989.73万元，比上年…', 杭州 2026); the next line goes on with it unless it opens an item or a caption
_WRAPPED = 20
_NEW_LINE = re.compile(r"\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.．、](?!\d)|第[一二三四五六七八九十]+|[图表]\s*\d|注[:：])")


# a 项 printed as a sentence of its own, its figures in the next: '（1）人大事务（款）行政运行（项）。' ⏎
# '年初预算为5,000万元，支出决算为5,123.45万元，完成年初预算的102.47%。' (the central departments' 决算)
_ITEM_LABEL = re.compile(r"[（(]项[）)]\s*[\d*]*[。.]$")
_ITEM_FIGURES = re.compile(r"(?:年初预算|支出决算|决算数|预算数)")
# ... and the comparison its reason opens with: '…完成年初预算的102.47%。' ⏎ '决算数大于年初预算数的主要原因是…'
_ITEM_RATE = re.compile(r"[（(]项[）)].*完成(?:年初)?预算(?:的)?\s*\d+(?:\.\d+)?%[。.]$")
_ITEM_RELATION = re.compile(r"决算数[^，,。；;的]{0,8}?(?:年初)?预算数")


def sentences_of(sections: list[Section], exact: bool = False) -> list[tuple[int, str, str]]:
    """(line, section id, sentence) for every sentence of every section. The line is the
    paragraph's own when `exact` (paged sources), else the section's first line plus the
    paragraph's index (text sources, as their packages have always recorded it). In paged
    sources a paragraph ending mid-sentence ('其中：' and a list of lines ending in '；', or a
    long line the page wrapped) goes on in the next one; so does a 项 label before its figures."""
    out = []
    for s in sections:
        line, open_ = s.line, False
        for i, para in enumerate([s.heading] + s.text.split("\n")):
            k = i
            if exact and k < len(s.lines):
                line, k = s.lines[k], 0
            if open_ == "wrapped" and _NEW_LINE.match(para):
                open_ = False
            for sent in re.split(r"(?<=[。])", para):
                sent = sent.strip()
                continues = sent.startswith("其中") or re.match(r"与\s*(?:\d{4}\s*年|上年).{0,30}?相比", sent) or open_ \
                    or (out and _ITEM_LABEL.search(out[-1][2]) and _ITEM_FIGURES.match(sent)) \
                    or (out and _ITEM_RATE.search(out[-1][2]) and _ITEM_RELATION.match(sent))
                open_ = False
                if continues and out and out[-1][1] == s.id:
                    out[-1] = (out[-1][0], s.id, out[-1][2] + sent)  # '…X。其中：…' / '…X。与2019年相比…
                elif sent:
                    out.append((line + k, s.id, sent))
            end = para.rstrip()[-1:]
            open_ = exact and (end in ("；", ";", "：", ":") or (
                "wrapped" if i > 0 and len(para.strip()) >= _WRAPPED and end not in "。！？!?）)" else False))
    return out
