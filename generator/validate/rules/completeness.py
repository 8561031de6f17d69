"""Completeness: the standard tables are all there, empty tables carry a note that
fits them, and the tables the contents page lists are in the body."""
from __future__ import annotations

import re
from typing import Iterator

from generator.model.tables import BY_ID, EMPTY_NOTE, TABLES, squash
from generator.validate.context import Context
from generator.validate.report import Finding, Place
from generator.validate.rules.registry import rule

FUNDS = ("一般公共预算", "政府性基金", "国有资本经营")


@rule("tables-present", "公开表齐全",
      "部门决算应公开全部标准表（收入支出决算总表 … “三公”经费表）。文档含有公开表时，缺少的表逐一列出。"
      "文档完全不含表格（如只有情况说明的文本）时不作判断：表格可能以图片或单独文件发布。",
      classes=('inconsistency', 'notice'),
      message='缺少公开表：〈表名〉')
def tables_present(ctx: Context) -> Iterator[Finding]:
    """语料中的部门决算都印齐了标准表，此规则未曾报告；导入时有表格未能读入或未能识别时，缺表只作提示。"""
    if ctx.package.kind != "final" or all(is_generic(ctx, table) for table in ctx.tables.values()):
        return  # no standard table at all: the tables may be published as images or apart
    present = {BY_ID[table_id].stands_for or table_id for table_id in (table.info.get("id", name) for name, table in ctx.tables.items()) if table_id in BY_ID}
    missing = [spec.title for spec in TABLES if spec.required and spec.id not in present]
    if not missing:
        return
    generic = [squash(table.title) for table in ctx.tables.values() if is_generic(ctx, table)]
    if unread(ctx) or any(_core(title) in generic_title for title in missing for generic_title in generic):
        # a table that failed to import, or an unrecognised one titled like it, may be the one missing
        yield Finding("tables-present", f"未找到公开表：{'、'.join(missing)}；文件中另有未能读入或未能识别的表格，"
                      "可能就是其中之一", cls="notice")
        return
    yield Finding("tables-present", f"缺少公开表：{'、'.join(missing)}")


def _core(title: str) -> str:
    """A table title without its fixed ending: what an unrecognised table of that kind would print."""
    return re.sub(r"(?:决算|预算)?表$", "", squash(title).replace('"', "").replace("“", "").replace("”", ""))


def is_generic(ctx: Context, table) -> bool:
    """A table the registry does not know (the importer keeps it as printed): generic checks only."""
    return bool(table.info.get("generic")) or ctx.spec(table) is None


def unread(ctx: Context) -> list[str]:
    """What the importer names as not read (descriptor key `unread`: strings, or objects with
    `what` and `reason`)."""
    out = []
    for item in ctx.package.descriptor.get("unread") or []:
        out.append(" — ".join(str(item.get(key)) for key in ("what", "reason") if item.get(key))
                   if isinstance(item, dict) else str(item))
    return out


@rule("unread", "未能读入或未能识别的部分", "导入时未能读入的表格或段落（数据包描述的 unread 一项），以及不是登记公开表、"
      "只作通用核对的表格，列为“未能核对之处”。这是核对程序的局限，不是文件的错误，不计为核对发现。", ("notice",),
      "未能读入：〈部分〉；“〈表名〉”不是登记的公开表，只作通用核对")
def unread_parts(ctx: Context) -> Iterator[Finding]:
    """导入 PDF 时提示“table left out: …”而未能读入的表格；导入时保留为通用表格（generic）的表格。"""
    for what in unread(ctx):
        yield Finding("unread", f"未能读入：{what}", cls="notice")
    generic = [table for table in ctx.tables.values() if is_generic(ctx, table)]
    if generic:
        first = generic[0]
        yield Finding("unread", f"{len(generic)} 张表格不是登记的公开表，只作通用核对" if len(generic) > 1 else
                      f"“{first.title}”不是登记的公开表，只作通用核对", cls="notice",
                      line=int(first.info.get("line") or 0), page=first.info.get("page"),
                      places=[Place("unread", table.title) for table in generic] if len(generic) > 1 else [])


_WHY = re.compile(r"无此项|没有|未安排|不涉及|无(?:相关|该项)?(?:收入|支出|收支|预算|资金)|为\s*0\s*(?:万元|元)?|为零")


def _narrative_says_why(ctx: Context, subject: str) -> bool:
    """A paragraph of the narrative names the table's fund (or title) and says there is none of it
    (“江苏省人大常委会办公厅2019年政府性基金支出预算支出万元。…主要原因是本部门无此项支出。”)."""
    key = squash(subject)
    for section in ctx.rows("sections"):
        for sentence in ((section.get("heading") or "") + "\n" + (section.get("text") or "")).split("\n"):
            if key and key in squash(sentence) and _WHY.search(sentence):
                return True
    return False


@rule("empty-table-note", "空表有说明，说明与本表相符",
      "无数据的公开表应保留并注明“此表为空”及原因；表下没有说明而情况说明写明了原因（如“本部门无此项支出”）时不报告。"
      "说明提到的应是本表的资金（如政府性基金预算表的说明不应写国有资本经营预算）。",
      classes=('inconsistency',),
      message='〈表〉无数据，表下与情况说明都没有说明原因；〈表〉的空表说明写的是“〈说明〉”，说的是〈资金〉预算而不是本表的〈资金〉预算')
def empty_table_note(ctx: Context) -> Iterator[Finding]:
    """玉溪市委组织部 2020 年决算公开07表（政府性基金）的说明：“此表为空，市委组织部2020年无国有资本经营预算财政拨款收入支出。”"""
    for table in ctx.tables.values():
        info = table.info
        if not info.get("empty") or is_generic(ctx, table):
            continue
        note = info.get("note", "")
        line = int(info.get("line") or 0)
        empty_note = next((note_line for note_line in note.split("\n") if EMPTY_NOTE.search(note_line)), "")
        spec = ctx.spec(table)
        own = spec.fund if spec else ""
        if not empty_note:
            if not _narrative_says_why(ctx, own or table.title):
                yield Finding("empty-table-note", f"{table.title}无数据，表下与情况说明都没有说明原因", line=line)
            continue
        named = [fund for fund in FUNDS if fund in squash(empty_note)]
        if own and named and own not in named:
            yield Finding("empty-table-note",
                          f"{table.title}的空表说明写的是“{empty_note}”，说的是{named[0]}预算而不是本表的{own}预算",
                          line=line)
