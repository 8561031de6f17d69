"""Headline facts of the tables kept as printed (generic tables), read as their role declares
(model.table_roles): a row label's amount, or a column's figure on the total row."""
from __future__ import annotations

import re
from collections import Counter

from generator.ingest.tables.facts import plain
from generator.ingest.tables.generic import GenericColumn, GenericTable
from generator.model.facts import Fact
from generator.model.money import table_half_unit
from generator.model.table_roles import Role, role_of
from generator.model.tables import squash

_TOTAL_ROW = re.compile(r"^(?:合计|总计|收入总计|支出总计|本年合计)$")
_YEAR = re.compile(r"(\d{4})\s*年")
# a column header naming which figure of an item it holds (not a part of the item)
_VERSION = re.compile(r"(?:(?:年初|全年|调整)?预算数?|决算数?|执行数|(?:上年|本年|当年)(?:预算|决算)?数?|\d{4}年?.*"
                      r"|增减.*|变动.*|比上年.*|.*率|.*%)")
_FINAL_END = re.compile(r"/(?:决算数?|执行数|支出决算)$")  # the item's actual figure
_BUDGET_END = re.compile(r"(?:^|/)(?:(?:年初|全年|调整)?预算数?)$")  # in a 决算: the item's budget


def _fact(t: GenericTable, row: dict, col: GenericColumn, measure: str, year: int, label: str,
          kind: str = "amount") -> Fact:
    """A figure of the table; of a group's parts (column id 'c3+c4'), their sum, as precise as they together are."""
    parts = col.id.count("+") + 1
    return Fact(measure=measure, kind=kind, year=year, value=row[col.id], unit="元", unit_in_source=t.unit,
                half_unit=table_half_unit(t.unit, t.decimals) * parts, source=f"table:{t.name}:row {row['row']}:{col.id}",
                line=row["_line"], quote=f"{label} {col.title}{'（各分项之和）' if parts > 1 else ''}={row[col.id]}")


def _column_year(col: GenericColumn, year: int) -> int | None:
    """The year a column's figures are for: the one its header prints (上年 → the year before,
    当年/本年 → the report's), else the report's; None for a column of changes (增减变化情况)."""
    if re.search(r"增减|变化|变动|比上年", col.title):
        return None
    years = {int(y) for y in _YEAR.findall(col.title)}
    if len(years) > 1:
        return None
    if years:
        return years.pop()
    return year - 1 if re.search(r"上年", col.title) else year


def _row_facts(t: GenericTable, role: Role, year: int, kind: str) -> list[Fact]:
    """Each labelled row's figure: the first amount right of the label, with no other label
    between (the two sides of a 收支总表 each give theirs); outside a budget, a 预算数 column is
    passed over. An entry's voiding label counts where it is printed below the row: a closing
    合计 under 本年收入合计 is the total (表1 高等学校收支决算总表), a 收入合计 above a 总计 is not."""
    facts = []
    for n, row in enumerate(t.rows):
        below = {x for later in t.rows[n + 1:] for x in _texts(t, later) if x}
        entries = [(pattern, m) for pattern, m, *unless in role.rows
                   if not (unless and any(re.search(unless[0], x) for x in below))]
        for k, col in enumerate(t.columns):
            if col.kind != "text" or not row.get(col.id):
                continue
            label = plain(row[col.id])
            measure = next((m for pattern, m in entries if re.search(pattern, label)), None)
            if measure is None:
                continue
            value_col = next((c for c in t.columns[k + 1:] if c.kind == "amount" and row.get(c.id) is not None
                              and not (kind != "budget" and _BUDGET_END.search(squash(c.title)))), None)
            between = t.columns[k + 1:t.columns.index(value_col)] if value_col else []
            figure_year = _column_year(value_col, year) if value_col else None
            # another label between ends the search; a 行次 number does not ('总计 | 30 | 65,949,696.01')
            if figure_year is not None and not any(c.kind == "text" and row.get(c.id)
                                                   and not str(row[c.id]).strip().isdigit() for c in between):
                facts.append(_fact(t, row, value_col, measure, figure_year, label))
    return facts


def _texts(t: GenericTable, row: dict) -> list[str]:
    return [plain(str(row.get(c.id) or "")) for c in t.columns if c.kind == "text"]


def _total_rows(t: GenericTable, year: int) -> list[tuple[dict, int]]:
    """(row, the year its figures are for) of the rows that state a table's totals: a row per
    printed year where a 年度 cell says which ('2025年', '2026年'), else the 合计/总计 row,
    else the one uncoded row of figures standing above the coded rows (a unit's own total),
    else the table's only row of figures."""
    by_year = []
    for row in t.rows:
        printed = [int(m.group(1)) for m in (re.fullmatch(r"(\d{4})年度?", x) for x in _texts(t, row)) if m]
        if len(printed) == 1 and printed[0] in (year, year - 1):
            by_year.append((row, printed[0]))
    if by_year:
        return by_year
    for row in t.rows:
        if any(_TOTAL_ROW.match(x) for x in _texts(t, row)):
            return [(row, year)]
    valued = [r for r in t.rows if any(r.get(c.id) is not None for c in t.columns if c.kind == "amount")]
    first_coded = next((k for k, r in enumerate(valued) if r.get("code")), None)
    if first_coded == 1 and not valued[0].get("code"):
        return [(valued[0], year)]
    return [(valued[0], year)] if len(valued) == 1 else []


def _groups(t: GenericTable) -> list[tuple[GenericColumn, list[GenericColumn]]]:
    """Header groups printed with parts and no total of their own, each as a column of the
    group's path over its part columns: '基本支出/人员支出' and '基本支出/日常公用支出' with no
    '基本支出/合计' (表3 2026年市级部门支出预算总表, 杭州 2026) make '基本支出'."""
    amounts = [c for c in t.columns if c.kind == "amount"]
    titles = {c.title for c in t.columns}
    out = []
    for parent in dict.fromkeys(c.title.rsplit("/", 1)[0] for c in amounts if "/" in c.title):
        parts = [c for c in amounts if c.title.rsplit("/", 1)[0] == parent]
        whole = {parent} | {f"{parent}/{w}" for w in ("合计", "小计", "总计", "金额")}
        last = [c.title.rsplit("/", 1)[1] for c in parts]
        # '事业收入/其中：教育收费', '项目支出/项目支出总数' beside '项目支出/扣除基建项目后预算数': no parts
        of_whole = any(re.search(r"^其中|总数|合计|小计|总计|^金额$|扣除|不含|^含", x) for x in last)
        versions = any(_VERSION.fullmatch(x) for x in last)  # '公务接待费/预算数' beside '公务接待费/决算数'
        if len(parts) >= 2 and not whole & titles and not of_whole and not versions and not any(c.title.startswith(parent + "/") and c not in parts
                                                              for c in t.columns):
            out.append((GenericColumn("+".join(c.id for c in parts), parent, "amount"), parts))
    return out


def _column_facts(t: GenericTable, role: Role, year: int, done: set[str], kind: str) -> list[Fact]:
    """The figures of the role's columns on the total rows; a header printed over two amount
    columns names neither (its labels below were lost); a group printed with parts and no
    total gives the sum of its parts. An item's '…/决算数' column is its figure; in a 决算, its
    '…/预算数' column is its budget."""
    printed = Counter(c.title for c in t.columns if c.kind == "amount")
    groups = _groups(t)
    facts = []
    for row, row_year in _total_rows(t, year):
        sums = {g.id: sum(row[c.id] for c in parts) for g, parts in groups
                if all(row.get(c.id) is not None for c in parts)}
        for pattern, measure, *unless in role.columns:
            if measure in done or unless and any(re.search(unless[0], c.title) for c in t.columns):
                continue
            for col in t.columns + [g for g, _ in groups if g.id in sums]:
                col_year = _column_year(col, row_year)
                path = re.sub(r"^(?:上年|当年|本年)(?:预算数?)?/", "", _YEAR.sub("", squash(col.title))) \
                    .replace("预算数/", "").replace("年预算数", "") if col_year is not None else ""
                value = sums.get(col.id, row.get(col.id))
                budget = kind != "budget" and bool(_BUDGET_END.search(path))
                path = re.sub(r"/(?:(?:年初|全年|调整)?预算数?)$", "", _FINAL_END.sub("", path))
                if col.kind == "amount" and col_year is not None and value is not None \
                        and printed[col.title] <= 1 and re.search(pattern, path):
                    facts.append(_fact(t, {**row, col.id: value}, col, measure, col_year, "合计",
                                       "budget" if budget else "amount"))
                    if col_year == year and not budget:
                        done.add(measure)
                        break  # columns of another year before it are read too
    return facts


def generic_facts(tables: list[GenericTable], year: int, kind: str = "budget") -> list[Fact]:
    """Facts of every generic table whose title (or else content) gives it a role and whose
    amounts have a unit."""
    facts: list[Fact] = []
    for t in tables:
        labels = sorted({x for row in t.rows for x in _texts(t, row) if x})
        role = role_of(t.title, [squash(c.title) for c in t.columns], labels)
        if role is None or not t.unit:
            continue
        found = _row_facts(t, role, year, kind)
        done = {f.measure for f in found if f.year == year}
        facts += found + _column_facts(t, role, year, done, kind)
    return facts
