"""One defect, one finding: findings that one wrong figure causes are merged into one that lists
every place.

A figure printed wrong shows in every check that reads it: 21201 城乡社区管理事务 printed
94,995,790 instead of 94,995,789 breaks its own row (合计 ≠ 基本 + 项目), its 款 (≠ Σ项) and its
类 (≠ Σ款), in each of the three tables that print it. Two findings of one class are one defect
when
- they read the same printed figure (the same table row and value, the same coded row and value
  in another table, or the same sentence and value) and are off by the same amount, or come
  from the same sentence (three shares of one sentence worked against the wrong total), or one
  of them is a diagnosis without a difference (公开09's 预算数 column in 万元, and the 44.31 it
  prints against the narrative's 44.31 万元);
- they are off by the same amount in one rule, each reading a figure of the same sentence (the
  narrative's 基本支出 and 人员经费 both 12.89 万元 above the tables: one slip carried into a total);
- they compare the same printed figures and are off by the same amount (a sum printed twice,
  in a table and in the narrative);
- they are rounding differences of one rule in one table off by the same amount (a last-digit
  rounding carried up a code tree: 项, 款, 类 and 合计 each 0.01 off).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from generator.validate.report import Figure, Finding, Place

DERIVED = ("sum", "computed")
_CODED = re.compile(r"^\d{3,}\s")


def _ids(fig: Figure) -> set[tuple]:
    """Keys under which a printed figure is the same figure elsewhere."""
    src = fig.source
    if src in DERIVED or not src:
        return set()
    out = set()
    if src.startswith("table:"):
        _, table, row, *_ = src.split(":") + ["", ""]
        out.add(("table", table, row, fig.value))
        if _CODED.match(fig.quote or ""):
            out.add(("coded", fig.quote, fig.value))
    elif src.startswith("section:"):
        out.add(("section", src, fig.line, fig.value))
    else:
        out.add((src, fig.line, fig.value))
    return out


def _table(finding: Finding) -> str:
    return next((figure.source.split(":")[1] for figure in finding.figures if figure.source.startswith("table:")), "")


def _sentence(finding: Finding) -> tuple | None:
    first = finding.figures[0] if finding.figures else None
    if first is None or not first.source.startswith("section:") or not first.line:
        return None
    return first.source, first.line


def _sentences(finding: Finding) -> set[tuple]:
    return {(figure.source, figure.line) for figure in finding.figures
            if figure.source.startswith("section:") and figure.line}


def _values(finding: Finding) -> Counter:
    return Counter(figure.value for figure in finding.figures if figure.source not in DERIVED)


def _same_defect(finding: Finding, other: Finding) -> bool:
    if finding.cls != other.cls or finding.cls == "notice" or not finding.figures or not other.figures:
        return False
    same_diff = finding.difference is not None and other.difference is not None \
        and abs(finding.difference) == abs(other.difference) and finding.unit == other.unit and finding.difference != 0
    shared = set().union(*map(_ids, finding.figures)) & set().union(*map(_ids, other.figures))
    if shared and (same_diff or (_sentence(finding) is not None and _sentence(finding) == _sentence(other))
                   or finding.difference is None or other.difference is None):
        return True
    if same_diff and _values(finding) == _values(other):
        return True
    if same_diff and finding.cls == "rounding" and finding.rule == other.rule and _table(finding) \
            and _table(finding) == _table(other):
        return True
    if same_diff and finding.rule == other.rule and _sentences(finding) & _sentences(other):
        return True
    return False


def group(findings: list[Finding]) -> list[Finding]:
    """The findings with those of one defect merged into the first of them (in report order)."""
    parent = list(range(len(findings)))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for first in range(len(findings)):
        for second in range(first + 1, len(findings)):
            if root(first) != root(second) and _same_defect(findings[first], findings[second]):
                parent[root(second)] = root(first)
    members: dict[int, list[Finding]] = {}
    for index, finding in enumerate(findings):
        members.setdefault(root(index), []).append(finding)
    out = []
    for index, finding in enumerate(findings):
        if root(index) != index:
            continue
        out.append(_merge(members[index]) if len(members[index]) > 1 else finding)
    return out


def _merge(group: list[Finding]) -> Finding:
    head = group[0]
    figures = list(head.figures)
    seen = {(figure.source, figure.value) for figure in figures}
    for finding in group[1:]:
        for figure in finding.figures:
            if figure.source not in DERIVED and (figure.source, figure.value) not in seen:
                seen.add((figure.source, figure.value))
                figures.append(figure)
    common = _common(group)
    what = f"：{common.label} {common.value:,} {common.unit}" if common else ""
    message = f"{head.message}（同一处数字牵涉 {len(group)} 项核对{what}）"
    places = [Place(finding.rule, finding.message) for finding in group]
    return replace(head, message=message, figures=figures, places=places,
                   line=min((finding.line for finding in group if finding.line), default=0), page=head.page)


def _common(group: list[Finding]) -> Figure | None:
    """The printed figure most of the group's findings read, when all of them read it."""
    count: Counter = Counter()
    first: dict[tuple, Figure] = {}
    for finding in group:
        keys = set()
        for figure in finding.figures:
            for key in _ids(figure):
                keys.add(key)
                first.setdefault(key, figure)
        count.update(keys)
    best = [figure_id for figure_id, times in count.items() if times == len(group)]
    return first[best[0]] if best and len(best) == 1 else None

