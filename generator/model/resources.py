"""Every resource of a package other than its tables, described once: name, title, fields (with
their titles, types, meaning and whether required). The importer writes them from here, the
validator requires the required ones, and docs/package-format.md lists them from here
(`python -m generator.docs`). The tables' own columns come from the table registries."""
from __future__ import annotations

from dataclasses import dataclass

from generator.model.package import field_
from generator.model.packages import Resource


@dataclass(frozen=True)
class FieldSpec:
    name: str
    title: str  # the Chinese column title, in the Table Schema and the site
    type: str = "string"  # Table Schema type: string, number (exact decimal), integer
    about: str = ""  # what it holds, for docs/package-format.md
    required: bool = False
    column_type: str = ""  # Fiscal Data Package columnType

    def schema(self) -> dict:
        return field_(self.name, self.type, title=self.title, column_type=self.column_type,
                      **({"constraints": {"required": True}} if self.required else {}))


@dataclass(frozen=True)
class ResourceSpec:
    name: str
    title: str
    fields: tuple[FieldSpec, ...]
    about: str
    required: bool = False  # in every package (written even when empty); else only when it has rows

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    def resource(self, rows: list[dict]) -> Resource:
        """The resource holding `rows` (dicts by field name)."""
        return Resource(self.name, self.path, [field.schema() for field in self.fields], rows, title=self.title)


def _f(name: str, title: str, type_: str = "string", about: str = "", **options) -> FieldSpec:
    return FieldSpec(name, title, type_, about, **options)


_LINE = _f("line", "行", "integer", "line in a text source; for PDF, Word and Excel the number of the paragraph or "
           "table row in reading order")
_PAGE = _f("page", "页", "integer", "printed page (PDFs); empty for text, Word and Excel")

FACTS = ResourceSpec("facts", "主要数据", (
    _f("measure", "指标", about="vocabulary id (`generator/model/vocabulary.csv`, e.g. `income_total`)", required=True),
    _f("kind", "类型", about="`amount`, `budget` (the 预算数 printed beside an actual), `share` (占 %), `budget_rate` "
       "(完成预算 %), `change` (比上年增减, signed 元), `change_rate` (signed %), `count`", required=True),
    _f("code", "科目编码", about="classification code when the figure belongs to one (by 类/款/项 or 经济分类)"),
    _f("item", "项目", about="the printed name of that code or item"),
    _f("of", "占比基数", about="for `share`: the measure the share is taken of"),
    _f("year", "年度", "integer", "the year the figure is about (the report year, or the prior year when stated)",
       required=True, column_type="date:fiscal-year"),
    _f("value", "数值", "number", "元 for money (2 decimals), else in `unit`", required=True, column_type="value"),
    _f("unit", "单位", about="`元`, `%`, `辆`, `人`, `个`, `批次`, `人次`", required=True),
    _f("unit_in_source", "原文单位", about="unit as printed (`万元`)"),
    _f("half_unit", "精度（半个末位）", "number",
       "rounding precision of the printed figure, in `unit` (50 for a 万元 figure with 2 decimals)"),
    _f("relation", "比较词", about="the comparison word printed beside a `budget_rate` (大于/小于/等于/持平)"),
    _f("basis", "来源性质", about="`stated` or `derived`"),
    _f("source", "出处", about="`table:<id>:row <n>:<column>` or `section:<section-id>`"),
    _f("line", "行", "integer", "line of the figure in a text source; for PDF, Word and Excel the number of its "
       "paragraph or table row in reading order"),
    _f("page", "页", "integer", "printed page of the figure (PDFs; for a sentence in a paragraph running over a page "
       "break, the page its sentence starts on); empty for text, Word and Excel"),
    _f("quote", "原文", about="the sentence or cell the figure comes from"),
), "headline figures, long format: one row per figure a table or a sentence states", required=True)

SECTIONS = ResourceSpec("sections", "情况说明", (
    _f("id", "编号", about="`s0`, `s1` … in reading order (what a fact's `section:<id>` names)"),
    _f("number", "序号", about="the heading's number as printed (`一、`, `（二）`)"),
    _f("heading", "标题", about="the heading as printed, without its number; empty for text before the first heading"),
    _f("level", "层级", "integer", "1 (第…部分), 2 (`一、`) and deeper; 0 for text before the first heading"),
    _f("parent", "上级", about="`id` of the enclosing section"),
    _LINE,
    _PAGE,
    _f("text", "正文", about="the section's text verbatim, paragraphs joined by line ends"),
), "the narrative, verbatim, split by the document's own headings", required=True)

GLOSSARY = ResourceSpec("glossary", "名词解释", (
    _f("number", "序号", about="the term's number as printed"),
    _f("term", "名词", about="the term"),
    _f("definition", "解释", about="its definition, verbatim"),
    _LINE,
    _PAGE,
), "名词解释: the terms the document defines")

PERFORMANCE_PROJECTS = ResourceSpec("performance_projects", "项目绩效自评", (
    _f("project", "项目名称", about="the project as printed"),
    _f("unit", "单位", about="the unit evaluating it, when printed"),
    _f("budget", "全年预算数（元）", "number", "the year's budget, 元"),
    _f("executed", "全年执行数（元）", "number", "the year's spending, 元"),
    _f("stated_rate", "执行率（%，原文）", "number", "execution rate as printed (%)"),
    _f("rate_half_unit", "执行率精度", "number", "half a unit of the rate's last printed digit"),
    _f("amount_half_unit", "金额精度（元）", "number", "half a unit of the amounts' last printed digit, 元"),
    _f("weight", "分值", "number", "points the rate is weighted with"),
    _f("score", "得分", "number", "points given"),
    _f("total_score", "总分", "number", "the project's total score"),
    _f("grade", "等级", about="grade as printed (优, 良 …)"),
    _f("source", "出处", about="`table:<role>` it was read from, or `narrative`"),
    _LINE,
    _f("quote", "原文", about="the row as printed, cells joined by ` | `"),
    _PAGE,
), "绩效自评 of projects: budget, spending, stated rate, score")

PERFORMANCE_INDICATORS = ResourceSpec("performance_indicators", "绩效指标", (
    _f("scope", "范围", about="`department` (the department's own indicators) or `project`"),
    _f("project", "项目名称", about="the project an indicator belongs to (empty for the department's)"),
    _f("level1", "一级指标", about="level-1 indicator (产出指标, 效益指标 …)"),
    _f("level2", "二级指标", about="level-2 indicator (数量指标, 质量指标 …)"),
    _f("level3", "三级指标", about="level-3 indicator as printed"),
    _f("nature", "指标性质", about="the comparison printed (`=`, `≥`, `≤` …)"),
    _f("target", "指标值", about="target as printed"),
    _f("measure_unit", "度量单位", about="unit of the target as printed"),
    _f("actual", "实际完成值", about="what was achieved, as printed"),
    _f("weight", "分值", "number", "points the indicator is weighted with"),
    _f("score", "得分", "number", "points given"),
    _f("note", "偏差原因", about="the reason given for a deviation"),
    _LINE,
    _PAGE,
), "绩效自评 indicators of the department and of its projects (levels 1–3)")

PERFORMANCE_FUNDS = ResourceSpec("performance_funds", "绩效自评资金", (
    _f("project", "项目名称", about="the project (or 部门整体) whose fund block it is"),
    _f("row", "资金", about="the row as printed: the total (合计, 年度资金总额), a part (财政资金小计, 其他资金) or a part "
       "of a 小计 (①中央财政资金)"),
    _f("level", "层级", "integer", "0 the total, 1 its parts, 2 the parts of the 小计 above"),
    _f("measure", "栏目", about="the column's header as printed (年初预算数, 全年预算数, 全年执行数 …)"),
    _f("amount", "金额", "number", "the amount as printed (a blank cell is 0)"),
    _f("unit", "单位", about="the money unit the form states, empty when it states none"),
    _LINE,
    _PAGE,
), "the 资金 rows of 绩效自评 forms: the total and its parts, column by column")

RESOURCES = (FACTS, SECTIONS, GLOSSARY, PERFORMANCE_PROJECTS, PERFORMANCE_INDICATORS, PERFORMANCE_FUNDS)
REQUIRED = tuple(resource.name for resource in RESOURCES if resource.required)
