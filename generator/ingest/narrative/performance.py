"""Import performance self-evaluations (绩效自评) from a parsed text disclosure.

Four kinds of source are read, all recognised by their titles and header labels
(compared with whitespace and parenthetical notes removed), never by position:

* project tables (项目支出绩效自评表, 项目（政策）资金绩效自评表, 项目绩效目标完成情况表):
  a 项目名称 row, 实施单位, the 项目资金 (万元) block, indicators and the 总分 row;
* department indicator tables (部门整体支出绩效指标, 评价评分表, 定量目标): indicator
  rows read while no project table is open;
* department task lists (任务名称 | 批复金额 | 实际支出金额 | 预算执行率);
* narrative summaries: "<name>项目绩效目标完成情况综述。项目全年预算数X万元，执行数为Y万元，
  完成预算的Z%".

Figures are recorded exactly as printed; checking them is the validator's job.
"""
from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from decimal import Decimal

from generator.ingest.items import Paragraph, Row
from generator.model.money import AmountError, decimals_of, half_unit, parse_number, to_yuan


@dataclass
class Project:
    """One row of performance_projects.csv."""

    project: str
    unit: str = ""
    budget: Decimal | None = None
    executed: Decimal | None = None
    stated_rate: Decimal | None = None
    rate_half_unit: Decimal | None = None
    amount_half_unit: Decimal | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    total_score: Decimal | None = None
    grade: str = ""
    source: str = ""
    line: int = 0
    quote: str = ""
    page: int | None = None


@dataclass
class Fund:
    """One amount of a 资金 row of a self-evaluation form (performance_funds.csv): the total
    (合计, 年度资金总额), its parts (财政资金小计, 其他资金; 其中：上级财政资金, 本级财政资金) and the
    parts of a 小计 (①中央财政资金 …), each column as printed."""

    project: str
    row: str
    level: int  # 0 the total, 1 its parts, 2 the parts of the 小计 above
    measure: str  # the column's header as printed
    amount: Decimal
    unit: str = ""  # as the form states it, "" when it states none
    line: int = 0
    page: int | None = None


@dataclass
class Indicator:
    """One row of performance_indicators.csv."""

    scope: str
    project: str
    level1: str
    level2: str
    level3: str
    nature: str = ""
    target: str = ""
    measure_unit: str = ""
    actual: str = ""
    weight: Decimal | None = None
    score: Decimal | None = None
    note: str = ""
    line: int = 0
    page: int | None = None


# Header labels → field, matched against the whole key. "" marks a known column
# that is not imported; "level1 level2" is a label spanning two level columns.
# the 部门整体绩效自评表 of Fujian-style templates states its funds as 年初…预算安排金额① +
# 年中调整金额② = 小计③, 年度拨付金额④, 支出实现率⑤ (宁德 2024): the 小计 is the year's budget
_FUNDS = (
    ("", r"年初预算数|年初.*预算.*金额|年中调整.*|.*结余(金额|率)"),
    ("budget", r"(全年)?预算数|批复金额|小计"),
    ("executed", r"(全年)?执行数|实际完成数|实际支出(金额)?|(年度)?拨付金额"),
    ("rate", r"(预算)?执行率|支出实现率"),
    ("weight", r"分值"),
    ("score", r"得分"),
)
_INDICATOR = (
    ("level1", r"一级指标"),
    ("level2", r"二级指标"),
    ("level3", r"三级指标"),
    ("level1 level2", r"评价内容"),
    ("nature", r"指标性质"),
    ("target", r"(年度|预期)?指标值|绩效目标"),
    ("measure_unit", r"(度量|计量)单位"),
    ("actual", r"实际完成(值|数|指标值|情况)?|完成指标|完成情况"),
    ("weight", r"(指标)?分值"),
    ("score", r"(自评)?得分"),
    ("note", r"(偏差|未完成|扣分)?原因.*"),
    ("", r"评分标准|完成率"),
)
_LEVELS = ("level1", "level2", "level3")
_TEXT_FIELDS = ("nature", "target", "measure_unit", "actual", "note")

_NAME = re.compile(r"(专项|项目)(政策)?名称")
_COLUMN_LABEL = re.compile(r"金额|预算数|决算数|合计|总计|小计|功能分类|支出用途|功能科目名称")
_TASK = re.compile(r"任务名称")
_IMPLEMENTER = re.compile(r"(项目)?实施单位|预算单位|部门名称")
_FUNDS_TOTAL = re.compile(r"(年度)?资金总额|合计|总计")
# the parts of the total a fund block prints below it (宁德 2024: 财政资金小计, ①中央财政资金,
# ②省级财政资金, ③地方财政资金, 其他资金小计; 攀枝花西区 2021: 其中：上级财政资金, 本级财政资金, 其他资金)
_FUND_PART = re.compile(r"(?:其中[:：]?)?[①-⑳]?(?:(?:中央|上级|省级|市级|县级|区级|本级|地方|当年)?财政(?:资金|拨款)"
                        r"|上年结转(?:结余)?(?:资金)?|其他资金)(?:小计)?[:：]?")
_SUBPART = re.compile(r"^(?:其中|[①-⑳])")
_TOTAL = re.compile(r"总分值?|(总分值?、)?评价总分|合计|(绩效)?自评(综合)?得分|综合得分")
_SCORE_LABEL = re.compile(r"评价总分|得分")
_CLOSING = re.compile(r"其他需要?说明的?事项|评价等[次级]|自评等[次级]")
_GRADE = re.compile(r"优秀?|良好?|中等?|合格|不合格|差")
_MONEY_UNIT = re.compile(r"[（(]\s*(亿元|万元|千元|元)\s*[）)]")
_AMOUNT = re.compile(r"([-+]?[\d,]+(?:\.\d+)?)\s*(亿元|万元|千元|元)?")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")  # not the comparison signs of 指标性质
_PARENS = re.compile(r"[（(][^（）()]*[）)]")
_FORMULA = re.compile(r"[①-⑳].*$")
_TRAILING_NOTE = re.compile(r"[（(][^（）()]*[）)]$")
_NARRATIVE = re.compile(
    r"(?:[（(]\d+[）)]|\d+[.．、])?\s*(?P<name>[^。]+?)项目绩效目标完成情况综述[。：:]?\s*"
    r"(?:项目)?全年预算数?为?(?P<budget>[\d,.]+(?:亿元|万元|千元|元))[，,]\s*"
    r"执行数为?(?P<executed>[\d,.]+(?:亿元|万元|千元|元))[，,]\s*"
    r"完成(?:全年)?预算的(?P<rate>[\d.]+%)"
)


def _text(cell: str) -> str:
    """A cell as plain text: HTML tags stripped, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", cell)).split())


def _label(cell: str) -> str:
    """A name or label: like `_text`, without the spaces next to CJK ('投  入' → '投入')."""
    return re.sub(r" (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) ", "", _text(cell))


def _key(cell: str) -> str:
    """A header label for comparison: no whitespace, parenthetical notes, circled-number
    formulas ('小计③=①+②' → '小计') or trailing colon."""
    return _FORMULA.sub("", _PARENS.sub("", "".join(_text(cell).split()))).rstrip(":：")


@functools.lru_cache(maxsize=4096)  # a form repeats its labels on every project's table
def _field(table: tuple[tuple[str, str], ...], cell: str) -> str | None:
    """The field a header cell names, "" for a known column not imported, None otherwise."""
    key = _key(cell)
    return next((name for name, pattern in table if re.fullmatch(pattern, key)), None)


def _is_title(text: str) -> bool:
    """A short heading about performance (绩效…表, 绩效自评, 绩效指标): a new table starts."""
    key = _key(text)
    return "绩效" in key and len(key) <= 40


def _number(text: str) -> Decimal | None:
    """A plain number ('9.97', '87%'), None when the cell holds none."""
    try:
        return parse_number(text)
    except AmountError:
        return None


def _amount(text: str, unit: str | None) -> tuple[Decimal | None, Decimal | None]:
    """An amount in 元 and its precision; the cell's own unit ('19.89万元') wins over `unit`."""
    match = _AMOUNT.fullmatch(text.strip())
    if not match or not (unit := match[2] or unit) or (value := _number(match[1])) is None:
        return None, None
    return to_yuan(value, unit), half_unit(unit, decimals_of(match[1]))


def _budget_and_executed(
    budget: str, executed: str, unit: str | None
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """Budget and executed amounts in 元, with the coarser of their two precisions."""
    budget_value, budget_half = _amount(budget, unit)
    executed_value, executed_half = _amount(executed, unit)
    halves = [half for half in (budget_half, executed_half) if half is not None]
    return budget_value, executed_value, max(halves, default=None)


def _next_filled(cells: list[str], column: int) -> int | None:
    """The first non-empty column right of `column`."""
    return next((index for index in range(column + 1, len(cells)) if cells[index]), None)


def _rate(text: str) -> tuple[Decimal | None, Decimal | None]:
    """A rate as printed ('87%' → 87, '99.69' → 99.69) and half its last printed digit."""
    value = _number(text)
    if value is None:
        return None, None
    return value, Decimal(5).scaleb(-decimals_of(text) - 1)


def _money_unit(cells: list[str]) -> str | None:
    """The money unit a header row states ('项目资金 (万元)' → '万元')."""
    return next((match[1] for match in map(_MONEY_UNIT.search, cells) if match), None)


def _indicator_columns(cells: list[str]) -> tuple[list[str], int]:
    """Fields by column of an indicator header row, and where a data row glued to it starts.

    A missing 二级指标 between 一级 and 三级 gets its column back; Word exports sometimes
    continue the header row with the cells of the first indicator.
    """
    columns: list[str] = []
    for index, cell in enumerate(cells):
        name = _field(_INDICATOR, cell) if cell else ""
        if name is None:
            if any(columns):
                return columns, index
            name = ""
        if name == "level3" and "level1" in columns and "level2" not in columns:
            columns.append("level2")
        columns.extend(name.split() or [""])
    return columns, len(cells)


class _Reader:
    """Reads items in order, keeping which table, project and header block is open."""

    def __init__(self) -> None:
        self.projects: list[Project] = []
        self.indicators: list[Indicator] = []
        self.fund_rows: list[Fund] = []
        self.project: Project | None = None
        self.previous: list[str] = []
        self._end_table()

    def _end_table(self) -> None:
        self.unit: str | None = None
        self.funds: list[tuple[int, str]] = []  # (column, field) of the 项目资金 header
        self.amounts: list[tuple[int, str]] = []  # (column, header) of its amount columns
        self.group = False  # a 小计 row's parts may follow
        self.tasks: dict[str, int] = {}  # field → column of a task list
        self.columns: list[str] = []  # indicator fields by column
        self.reading = False  # indicator rows are being read
        self.levels = ("", "", "")
        self.split: tuple[int, Indicator] | None = None  # a short row that may continue

    def paragraph(self, item: Paragraph) -> None:
        """Paragraphs end tables; titles also close the project; summaries are projects."""
        self._end_table()
        summaries = list(_NARRATIVE.finditer(item.text))
        for match in summaries:
            self._narrative(match, item.line)
        if not summaries and _is_title(item.text):
            self.project = None

    def row(self, row: Row) -> None:
        """Dispatch a table row by what its labels say it is."""
        cells = [_text(cell) for cell in row.cells]
        filled = [cell for cell in cells if cell]
        if not filled:
            return
        keys = [_key(cell) for cell in cells]
        if len(filled) == 1 and _is_title(filled[0]):
            self._end_table()
            self.project = None
        elif any(_TASK.fullmatch(key) for key in keys):
            self._task_header(cells, keys)
        elif self.tasks:
            self._task(row, cells)
        elif _NAME.fullmatch(_key(filled[0])):
            self._name(row, cells, keys)
        elif not self._indicator_header(row, cells):
            self._other(row, cells, keys)
        self.previous = cells

    # ---- project tables

    def _name(self, row: Row, cells: list[str], keys: list[str]) -> None:
        """项目名称 | <name>: a new project table."""
        column = _next_filled(cells, next(index for index, key in enumerate(keys) if _NAME.fullmatch(key)))
        if column is None or _COLUMN_LABEL.fullmatch(keys[column]):
            return  # '项目名称 | 金额': the header of a budget table, not a project
        self._end_table()
        self.project = Project(
            project=_label(cells[column]), source="table:project_performance", line=_line(row, column)
        )
        self.projects.append(self.project)

    def _other(self, row: Row, cells: list[str], keys: list[str]) -> None:
        """Implementing unit, 项目资金 header and totals, indicator rows, 总分 rows."""
        first = _key(next(cell for cell in cells if cell))
        if self.funds and not self.reading and _FUNDS_TOTAL.fullmatch(first):
            self._funds_total(cells, keys.index(first))
            self._fund_row(row, cells, keys.index(first), 0)
        elif self.amounts and not self.reading and _FUND_PART.fullmatch(_label(_first(cells))):
            self._fund_part(row, cells)
        elif _TOTAL.fullmatch(first) or _CLOSING.fullmatch(first):
            self._total(cells, keys)
        elif self.reading:
            self._indicator(row, cells)
        elif self.project is None:
            return
        elif any(_IMPLEMENTER.fullmatch(key) for key in keys):
            column = _next_filled(cells, next(index for index, key in enumerate(keys) if _IMPLEMENTER.fullmatch(key)))
            if column is not None and not self.project.unit:
                self.project.unit = _label(cells[column])
        else:
            self._funds_header(cells)

    def _funds_header(self, cells: list[str]) -> None:
        """'预算数: 8.50 执行数: 8.50' pairs, or the labels of the 项目资金 columns."""
        fields = [(index, _field(_FUNDS, cell)) for index, cell in enumerate(cells) if cell]
        pairs = {
            name: cells[index + 1]
            for index, name in fields
            if name in ("budget", "executed") and index + 1 < len(cells) and _number(cells[index + 1]) is not None
        }
        if pairs:
            self.unit = _money_unit(cells) or self.unit
            self._set_funds(pairs, " | ".join(cell for cell in cells if cell))
        elif any(name == "budget" for _, name in fields):
            self.unit = _money_unit(cells) or self.unit
            labelled = {index for index, name in fields if name is not None}
            above = [(index, _field(_FUNDS, cell)) for index, cell in enumerate(self.previous)
                     if cell and index not in labelled]
            # a two-row header: 分值 | 得分 stand in the row above the amounts' labels
            self.funds = sorted([(index, name) for index, name in fields if name is not None]
                                + [(index, name) for index, name in above if name in ("weight", "score")])
            self.amounts = [(index, cells[index]) for index, name in fields if name in ("", "budget", "executed")
                            and "率" not in _key(cells[index])]

    def _funds_total(self, cells: list[str], start: int) -> None:
        """The 年度资金总额 row, aligned with the 项目资金 header.

        Spreadsheet exports shift header and values against each other, so when the
        row prints one value per header label the values are taken in order.
        """
        values = [(index, cell) for index, cell in enumerate(cells) if index > start and cell]
        if len(values) == len(self.funds):
            by_field = {name: cell for (_, name), (_, cell) in zip(self.funds, values)}
        else:
            by_field = {name: cells[index] for index, name in self.funds if start < index < len(cells)}
        self._set_funds(by_field, " | ".join(cell for cell in cells if cell))

    def _fund_part(self, row: Row, cells: list[str]) -> None:
        """A part of the fund total; a 小计's own parts (①…, 其中…) are a level below it."""
        label = _label(_first(cells))
        if "小计" in label:
            level, self.group = 1, True
        elif self.group and _SUBPART.match(label):
            level = 2
        else:
            level, self.group = 1, False
        self._fund_row(row, cells, cells.index(_first(cells)), level)

    def _fund_row(self, row: Row, cells: list[str], start: int, level: int) -> None:
        """The amounts of a fund row under its amount columns; a blank cell prints none (0)."""
        if self.project is None:
            return
        label = _label(cells[start])
        for column, header in self.amounts:
            text = cells[column].strip() if start < column < len(cells) else None
            amount = Decimal(0) if text == "" else _number(text) if text else None
            if amount is not None:
                self.fund_rows.append(Fund(self.project.project, label, level, _text(header), amount,
                                           self.unit or "", _line(row, start)))

    def _set_funds(self, values: dict[str, str], quote: str) -> None:
        """Record the first printed budget/executed/rate/weight/score of the project."""
        project = self.project
        if project is None or project.budget is not None or project.executed is not None:
            return
        project.budget, project.executed, project.amount_half_unit = _budget_and_executed(
            values.get("budget", ""), values.get("executed", ""), self.unit
        )
        project.stated_rate, project.rate_half_unit = _rate(values.get("rate", ""))
        project.weight = _number(values.get("weight", ""))
        project.score = _number(values.get("score", ""))
        project.quote = quote

    def _total(self, cells: list[str], keys: list[str]) -> None:
        """总分 / 自评得分 rows end the indicators; the project's score and grade.

        The score is read from the 得分 column when the indicator header has one
        (a 100 printed under 分值 is the total weight, not a score).
        """
        self.reading = False
        if self.project is None:
            return
        self.project.grade = next((key for key in keys if _GRADE.fullmatch(key)), self.project.grade)
        if not _TOTAL.fullmatch(_key(next(cell for cell in cells if cell))):
            return
        score_column = self.columns.index("score") if "score" in self.columns else None
        score = cells[score_column] if score_column is not None and score_column < len(cells) else ""
        if score_column is None or not score and _SCORE_LABEL.search(_key(next(cell for cell in cells if cell))):
            # no 得分 column, or a row labelled a score ('总分值、评价总分 (S)' | 92.33 under 指标分值, 宁德 2024)
            score = next((cell for cell in cells if _number(cell) is not None), "")
        self.project.total_score = _number(score)

    # ---- indicators

    def _indicator_header(self, row: Row, cells: list[str]) -> bool:
        """Recognise an indicator header (一级指标 …), merged with a label row above it."""
        if self.previous and not any(_field(_INDICATOR, cell) == "level1" for cell in self.previous):
            merged = [
                cell or (above if _field(_INDICATOR, above) else "")
                for cell, above in zip(cells, self.previous + [""] * len(cells))
            ]
        else:
            merged = cells
        columns, start = _indicator_columns(merged)
        if "level1" not in columns or not {"level3", "target"} & set(columns):
            return False
        self._end_table()
        self.columns, self.reading = columns, True
        tail = cells[start:]
        if any(tail):
            self._indicator(row, [""] * max(0, len(columns) - len(tail)) + tail)
        return True

    def _indicator(self, row: Row, cells: list[str]) -> None:
        """One indicator row; empty level cells are merged cells of the rows above.

        A row one Word cell short, followed by a row that supplies exactly the missing
        cells, was split by a blank line inside a cell: the second part completes it.
        """
        if self.split and self.split[0] + len(cells) == len(self.columns):
            width, indicator = self.split
            self.split = None
            _fill(indicator, dict(zip(self.columns[width:], cells)))
            return
        if sum(_field(_INDICATOR, text) is not None for text in cells if text) > 1:
            return  # a repeated label row
        values = {name: cell for name, cell in zip(self.columns, cells) if name}
        levels = self._levels(values)
        if not (levels[2] or values.get("target") or values.get("actual")):
            return
        indicator = Indicator(
            scope="project" if self.project else "department",
            project=self.project.project if self.project else "",
            level1=levels[0],
            level2=levels[1],
            level3=levels[2],
            line=row.line,
        )
        _fill(indicator, values)
        self.indicators.append(indicator)
        self.split = (len(cells), indicator) if len(cells) < len(self.columns) else None

    def _levels(self, values: dict[str, str]) -> tuple[str, str, str]:
        """Levels of a row: left of the first printed level, cells continue the row above."""
        printed = [_label(values.get(name, "")) for name in _LEVELS]
        printed[:2] = [_TRAILING_NOTE.sub("", label) for label in printed[:2]]  # '投入（15分）' → '投入'
        inherit, levels = True, []
        for own, above in zip(printed, self.levels):
            inherit = inherit and not own
            levels.append(above if inherit else own)
        self.levels = (levels[0], levels[1], levels[2])
        return self.levels

    # ---- department task lists and narrative summaries

    def _task_header(self, cells: list[str], keys: list[str]) -> None:
        """任务名称 | … | 批复金额（万元） | 实际支出金额（万元） | 预算执行率."""
        self._end_table()
        self.unit = _money_unit(cells)
        self.tasks = {"name": next(index for index, key in enumerate(keys) if _TASK.fullmatch(key))}
        for index, cell in enumerate(cells):
            name = _field(_FUNDS, cell) if cell else None
            if name and name not in self.tasks:
                self.tasks[name] = index

    def _task(self, row: Row, cells: list[str]) -> None:
        """A department task with its amounts, when any amount is printed."""
        by_field = {name: cells[column] if column < len(cells) else "" for name, column in self.tasks.items()}
        budget, executed, half = _budget_and_executed(by_field.get("budget", ""), by_field.get("executed", ""), self.unit)
        if not by_field["name"] or half is None:
            return
        rate, rate_half = _rate(by_field.get("rate", ""))
        self.projects.append(
            Project(
                project=_label(by_field["name"]),
                budget=budget,
                executed=executed,
                stated_rate=rate,
                rate_half_unit=rate_half,
                amount_half_unit=half,
                source="table:department_tasks",
                line=_line(row, self.tasks["name"]),
                quote=" | ".join(cell for cell in by_field.values() if cell),
            )
        )

    def _narrative(self, match: re.Match[str], line: int) -> None:
        """'（1）<name>项目绩效目标完成情况综述。项目全年预算数X万元，执行数为Y万元，完成预算的Z%'."""
        budget, executed, half = _budget_and_executed(match["budget"], match["executed"], None)
        rate, rate_half = _rate(match["rate"])
        self.projects.append(
            Project(
                project=_label(match["name"]),
                budget=budget,
                executed=executed,
                stated_rate=rate,
                rate_half_unit=rate_half,
                amount_half_unit=half,
                source="narrative",
                line=line,
                quote=match[0],
            )
        )


def _fill(indicator: Indicator, values: dict[str, str]) -> None:
    """Set the printed text fields and the 分值/得分 of an indicator."""
    for name in _TEXT_FIELDS:
        if values.get(name):
            setattr(indicator, name, values[name])
    for name in ("weight", "score"):
        if values.get(name):
            setattr(indicator, name, _number(values[name]))


def _first(cells: list[str]) -> str:
    return next(cell for cell in cells if cell)


def _line(row: Row, column: int) -> int:
    """Source line of a cell (Word cells start on lines of their own)."""
    return row.lines[column] if column < len(row.lines) else row.line


def extract_performance(items: list[Paragraph | Row],
                        funds: list[Fund] | None = None) -> tuple[list[Project], list[Indicator]]:
    """Projects and indicators of the performance self-evaluations in `items`; the amounts of
    their 资金 rows are appended to `funds`."""
    reader = _Reader()
    for item in items:
        if isinstance(item, Row):
            reader.row(item)
        else:
            reader.paragraph(item)
    if funds is not None:  # only totals printed with their parts (a 小计 column of a budget table is none)
        split = {fund.project for fund in reader.fund_rows if fund.level}
        funds.extend(fund for fund in reader.fund_rows if fund.project in split)
    return reader.projects, reader.indicators
