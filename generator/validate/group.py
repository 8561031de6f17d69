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


def _table(f: Finding) -> str:
    return next((g.source.split(":")[1] for g in f.figures if g.source.startswith("table:")), "")


def _sentence(f: Finding) -> tuple | None:
    first = f.figures[0] if f.figures else None
    if first is None or not first.source.startswith("section:") or not first.line:
        return None
    return first.source, first.line


def _sentences(f: Finding) -> set[tuple]:
    return {(g.source, g.line) for g in f.figures if g.source.startswith("section:") and g.line}


def _values(f: Finding) -> Counter:
    return Counter(g.value for g in f.figures if g.source not in DERIVED)


def _same_defect(a: Finding, b: Finding) -> bool:
    if a.cls != b.cls or a.cls == "notice" or not a.figures or not b.figures:
        return False
    same_diff = a.difference is not None and b.difference is not None and abs(a.difference) == abs(b.difference) \
        and a.unit == b.unit and a.difference != 0
    shared = set().union(*map(_ids, a.figures)) & set().union(*map(_ids, b.figures))
    if shared and (same_diff or (_sentence(a) is not None and _sentence(a) == _sentence(b))
                   or a.difference is None or b.difference is None):
        return True
    if same_diff and _values(a) == _values(b):
        return True
    if same_diff and a.cls == "rounding" and a.rule == b.rule and _table(a) and _table(a) == _table(b):
        return True
    if same_diff and a.rule == b.rule and _sentences(a) & _sentences(b):
        return True
    return False


def group(findings: list[Finding]) -> list[Finding]:
    """The findings with those of one defect merged into the first of them (in report order)."""
    parent = list(range(len(findings)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i in range(len(findings)):
        for j in range(i + 1, len(findings)):
            if root(i) != root(j) and _same_defect(findings[i], findings[j]):
                parent[root(j)] = root(i)
    members: dict[int, list[Finding]] = {}
    for k, f in enumerate(findings):
        members.setdefault(root(k), []).append(f)
    out = []
    for k, f in enumerate(findings):
        if root(k) != k:
            continue
        out.append(_merge(members[k]) if len(members[k]) > 1 else f)
    return out


def _merge(group: list[Finding]) -> Finding:
    head = group[0]
    figures = list(head.figures)
    seen = {(g.source, g.value) for g in figures}
    for f in group[1:]:
        for g in f.figures:
            if g.source not in DERIVED and (g.source, g.value) not in seen:
                seen.add((g.source, g.value))
                figures.append(g)
    common = _common(group)
    what = f"：{common.label} {common.value:,} {common.unit}" if common else ""
    message = f"{head.message}（同一处数字牵涉 {len(group)} 项核对{what}）"
    places = [Place(f.rule, f.message) for f in group]
    return replace(head, message=message, figures=figures, places=places,
                   line=min((f.line for f in group if f.line), default=0), page=head.page)


def _common(group: list[Finding]) -> Figure | None:
    """The printed figure most of the group's findings read, when all of them read it."""
    count: Counter = Counter()
    first: dict[tuple, Figure] = {}
    for f in group:
        keys = set()
        for g in f.figures:
            for key in _ids(g):
                keys.add(key)
                first.setdefault(key, g)
        count.update(keys)
    best = [k for k, n in count.items() if n == len(group)]
    return first[best[0]] if best and len(best) == 1 else None

