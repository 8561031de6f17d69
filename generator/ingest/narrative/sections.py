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
    text = text.strip()
    if len(text) > 32 or re.search(r"\d+(?:\.\d+)?\s*(?:万元|元|%)", text) or re.search(r"[：:].{6,}", text):
        return 0
    for level, pattern in _HEADING:
        if pattern.match(text):
            return level
    return 0


TABLE_LEVEL = 5  # a labelled text cell of a narrative table nests below every numbered heading


def narrative_texts(blocks: list, skip_lines: set[int]) -> list[tuple[int, str, int]]:
    """(line, text, heading level or 0) for paragraphs and for the paragraph-like cells of
    tables (e.g. 公开10), whose short label cells become a heading; in document order."""
    out = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append((block.line, block.text, heading_level(block.text)))
        elif isinstance(block, Table) and block.line not in skip_lines:
            for row in block.rows:
                labels = [cell for cell in row.cells if cell and len(cell) <= 24]
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
            match = next((pattern.match(text.strip()) for heading, pattern in _HEADING if heading == level), None)
            current = Section(f"s{len(sections) + 1}", match.group(0) if match else "", text.strip(), level,
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
    for section in sections:
        if inside is not None and section.level and section.level <= inside:
            inside = None
        if "名词解释" in section.heading:
            inside = section.level
            lines = [section.heading.split("名词解释", 1)[1]] + section.text.split("\n")
        elif inside is not None:
            lines = [section.heading] + section.text.split("\n") if section.level != TABLE_LEVEL else section.text.split("\n")
        else:
            continue
        for index, line in enumerate(line for line in lines if line.strip()):
            match = _TERM.match(line)
            if match:
                terms.append(Term((match.group(1) or "").strip(), match.group(2).strip(), match.group(3).strip(), section.line + index))
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
    for section in sections:
        line, open_ = section.line, False
        for position, para in enumerate([section.heading] + section.text.split("\n")):
            index = position
            if exact and index < len(section.lines):
                line, index = section.lines[index], 0
            if open_ == "wrapped" and _NEW_LINE.match(para):
                open_ = False
            for sent in re.split(r"(?<=[。])", para):
                sent = sent.strip()
                continues = sent.startswith("其中") or re.match(r"与\s*(?:\d{4}\s*年|上年).{0,30}?相比", sent) or open_ \
                    or (out and _ITEM_LABEL.search(out[-1][2]) and _ITEM_FIGURES.match(sent)) \
                    or (out and _ITEM_RATE.search(out[-1][2]) and _ITEM_RELATION.match(sent))
                open_ = False
                if continues and out and out[-1][1] == section.id:
                    out[-1] = (out[-1][0], section.id, out[-1][2] + sent)  # '…X。其中：…' / '…X。与2019年相比…
                elif sent:
                    out.append((line + index, section.id, sent))
            end = para.rstrip()[-1:]
            open_ = exact and (end in ("；", ";", "：", ":") or (
                "wrapped" if position > 0 and len(para.strip()) >= _WRAPPED and end not in "。！？!?）)" else False))
    return out
