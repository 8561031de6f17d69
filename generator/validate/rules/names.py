"""Names: the department printed under one name, a code printed under one name, and
codes checked against the reference code lists."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterator

from generator.validate.context import Context
from generator.validate.report import Finding, Place
from generator.validate.rules.registry import rule


def _norm(name: str) -> str:
    return re.sub(r"\s", "", name).replace("(", "（").replace(")", "）")


@rule("department-name", "部门名称前后一致",
      "各表表头“部门：…”所印的部门名称应当一致，且与登记的正式名称相同。",
      classes=('inconsistency',),
      message='部门名称有 〈n〉 种写法：〈写法〉。正式名称为“〈名称〉”')
def department_name(ctx: Context) -> Iterator[Finding]:
    """玉溪市委组织部 2020 年决算：表头印“中国共产党玉溪市委委员会组织部”，正式名称为“中国共产党玉溪市委员会组织部”。"""
    names = ctx.package.descriptor.get("names_in_source") or []
    official = ctx.package.department_name
    if len(names) > 1:
        lines = {name: min((int(table.info.get("line") or 0) for table in ctx.tables.values()
                            if table.info.get("department_name") == name), default=0) for name in names}
        odd = [name for name in names if name != official] or names[1:]
        yield Finding("department-name",
                      f"部门名称有 {len(names)} 种写法：{'；'.join(names)}。正式名称为“{official}”，"
                      f"“{odd[0]}”见于部分表头",
                      line=lines.get(odd[0], 0))


@rule("code-name", "同一科目编码只对应一个名称",
      "同一文档中，同一功能分类或经济分类编码应印同一个科目名称（括号全角半角不计）。",
      classes=('inconsistency',),
      message='编码 〈编码〉 印了不同名称：“〈名称一〉”与“〈名称二〉”')
def code_name(ctx: Context) -> Iterator[Finding]:
    """玉溪市委组织部 2020 年决算公开06表：第 26、27 行都编 30399，一行名“代缴社会保险费”，一行名“其他个人和家庭的补助支出”。"""
    seen = defaultdict(dict)
    for table in ctx.tables.values():
        for row in table.rows:
            if row.get("code") and row.get("name"):
                seen[row["code"]].setdefault(_norm(row["name"]), (table, row))
    for code, names in sorted(seen.items()):
        if len(names) > 1:
            (first_table, first_row), (second_table, second_row) = list(names.values())[:2]
            yield Finding("code-name",
                          f"编码 {code} 印了不同名称：“{first_row['name']}”（{first_table.title}第 {first_row['row']} 行）与“{second_row['name']}”（{second_table.title}第 {second_row['row']} 行）",
                          line=first_row["source_line"])


@rule("code-reference", "科目编码见于参考编码表且名称相符",
      "表中的编码与 data/reference 中收集的编码表核对：编码未收录，或收录名称（按年度）与所印名称不同，作为提示列出。"
      "参考表并不完整，提示不等于错误。",
      classes=('notice',),
      message='编码 〈编码〉（〈名称〉）不在参考编码表中，无法核对')
def code_reference(ctx: Context) -> Iterator[Finding]:
    """玉溪市委组织部 2020 年决算：30399 印作“代缴社会保险费”，参考编码表 2020 年的名称为“其他对个人和家庭的补助”（提示）。"""
    done, unknown, renamed = set(), [], []
    for table in ctx.tables.values():
        for row in table.rows:
            code, name = row.get("code"), row.get("name", "")
            if not code or code in done:
                continue
            done.add(code)
            is_econ = code.startswith("3")
            known = ctx.codes.econ_name(code, ctx.year) if is_econ else ctx.codes.function_name(code, ctx.year)
            if known is None:
                unknown.append((f"编码 {code}（{name}）不在参考编码表中，无法核对", row["source_line"]))
            elif _norm(name) not in {_norm(known), *(_norm(alias) for alias in _all_names(ctx, code))}:
                renamed.append((f"编码 {code} 印作“{name}”，参考编码表中 {ctx.year} 年的名称为“{known}”", row["source_line"]))
    # one notice per kind, listing every code: the reference list's gaps are one limit, not many
    for items, what in ((unknown, "个编码不在参考编码表中，无法核对"), (renamed, "个编码所印名称与参考编码表不同")):
        if len(items) == 1:
            yield Finding("code-reference", items[0][0], cls="notice", line=items[0][1])
        elif items:
            yield Finding("code-reference", f"{len(items)} {what}", cls="notice", line=items[0][1],
                          places=[Place("code-reference", message) for message, _ in items])


def _all_names(ctx: Context, code: str) -> list[str]:
    """The code's latest name (names change between years; either is accepted)."""
    return [name for name in (ctx.codes.function_name(code), ctx.codes.econ_name(code)) if name]
