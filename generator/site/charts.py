"""Chart specs (plotly JSON) of a disclosure, each with the table that says the same in text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from generator.model.facts import load_vocabulary
from generator.model.packages import Package, Resource, decimal_or_none
from generator.site.figures import Figures
from generator.site.formatting import CENT, WAN, percent, ratio, to_wan_float, wan
from generator.site.words import with_unit

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
FONT = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
VOCAB = load_vocabulary()
OUTSIDE_LABELS = {"l": 10, "r": 70, "t": 10, "b": 10}  # room for values printed beyond the bars

INCOME_PARTS = ("income_general_budget", "income_gov_fund", "income_state_capital", "income_superior_subsidy",
                "income_business", "income_operating", "income_subsidiary", "income_other")
BY_CLASS_TITLES = {"expenditure_by_function": "本年支出按功能分类（类）",
                   "general_budget_expenditure": "一般公共预算财政拨款支出按功能分类（类）"}
THREE_PUBLIC = ("three_public_abroad", "three_public_vehicles", "three_public_reception")


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    summary: str  # one sentence: what the chart shows, for every reader
    spec: dict
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    wide: bool = False
    unit: str = "万元"  # of the values drawn (the exported image's title says it)
    export: dict = field(default_factory=dict)  # what a downloaded image is titled and named: see `exported`
    # where each category's figures come from: (category or series name, fact source) pairs; a
    # source is a fact's (`table:<resource>:row <n>:<column>`, `section:<id>` …)
    sources: tuple[tuple[str, str], ...] = ()
    series_sources: tuple[tuple[str, str], ...] = ()  # (series name, source): a finding on its column marks it
    marks: tuple[tuple[str, str, str], ...] = ()  # (category or series, finding anchor, finding message)
    ring: tuple[tuple[str, Decimal], ...] = ()  # a sunburst's first ring, exact (万元), as the static chart draws it
    withheld: tuple[tuple[str, str], ...] = ()  # (category, series) left out: printed twice, differently

    @property
    def svg(self):
        """The chart drawn as static SVG (svg_chart), with its marks."""
        from generator.site.svg_chart import render
        return render(self.spec, self.unit, self.title, {key: ("#" + anchor, text) for key, anchor, text in self.marks},
                      self.ring, set(self.withheld))


UNSAFE = re.compile(r'(?:[\\/:*?"<>|\s\x00-\x1f]|·)+')  # (and the middle dot of " · " in titles)


def exported(chart: Chart, who: str, what: str, source: str, source_id: str = "") -> Chart:
    """The chart with the title its PNG and SVG downloads draw and the file name they get: the
    chart's title; who (department), what (year and kind) and the unit (none: the x axis's title,
    which a measure picker changes); the source — so an image passed on without the page still says
    whose figures, of which year, in which unit, from where."""
    return replace(chart, export={
        "title": chart.title, "who": who, "what": what, "unit": chart.unit, "source": source,
        "filename": filename(who, what, chart.title, chart.unit, source_id),
    })


def filename(*parts: str) -> str:
    """A file name (without extension) of the non-empty parts, safe on every system."""
    return UNSAFE.sub("_", "_".join(part for part in parts if part)).strip("_.")[:150]


def layout(**extra) -> dict:
    base = {
        "font": {"family": FONT, "size": 13},
        "colorway": COLORS,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "separators": ".,",
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "legend": {"orientation": "h", "y": -0.08},
        "hoverlabel": {"font": {"family": FONT}},
    }
    base.update(extra)
    return base


def _share_rows(pairs: list[tuple[str, Decimal]]) -> tuple[tuple[str, ...], ...]:
    total = sum(value for _, value in pairs)
    return tuple((label, wan(value), percent(ratio(value, total))) for label, value in pairs)


def _donut(chart_id: str, title: str, pairs: list[tuple[str, Decimal]], what: str, word: str,
           sources: tuple[tuple[str, str], ...] = ()) -> Chart | None:
    """A donut of (label, value) pairs, every figure called `word` (2026年预算数 …)."""
    pairs = [(label, value) for label, value in pairs if value]
    if len(pairs) < 2:
        return None
    trace = {
        "type": "pie", "hole": 0.45, "sort": False, "direction": "clockwise",
        "labels": [label for label, _ in pairs], "values": [to_wan_float(value) for _, value in pairs],
        "texttemplate": "%{label}<br>%{percent:.1%}", "textposition": "inside",
        "hovertemplate": "%{label}<br>" + word + " %{value:,.2f} 万元（%{percent:.1%}）<extra></extra>",
        "name": word,
    }
    largest = max(pairs, key=lambda pair: pair[1])
    total = sum(value for _, value in pairs)
    summary = (f"{what}（{word}）共 {wan(total)} 万元，其中{largest[0]} {wan(largest[1])} 万元，"
               f"占 {percent(ratio(largest[1], total))}。")
    return Chart(chart_id, f"{title} · {word}", summary, {"data": [trace], "layout": layout(showlegend=False, height=340)},
                 ("项目", with_unit(word), "占比"), _share_rows(pairs), sources=sources)


def _sources(fig: Figures, measures) -> tuple[tuple[str, str], ...]:
    """(label, source) of each stated measure's facts, every printing of it."""
    return tuple((VOCAB[measure], fact.source) for measure in measures for fact in fig.all(measure))


def income_structure(fig: Figures) -> Chart | None:
    pairs = [(VOCAB[measure], fig.value(measure)) for measure in INCOME_PARTS]
    return _donut("chart-income", "收入构成", [(label, value) for label, value in pairs if value is not None], "所列各项收入合计",
                  fig.word(), _sources(fig, INCOME_PARTS))


def basic_vs_project(fig: Figures) -> Chart | None:
    pairs = [(VOCAB[measure], fig.value(measure)) for measure in ("expenditure_basic", "expenditure_project")]
    return _donut("chart-basic-project", "基本支出与项目支出", [(label, value) for label, value in pairs if value is not None],
                  "基本支出与项目支出合计", fig.word(), _sources(fig, ("expenditure_basic", "expenditure_project")))


def _tree(chart_id: str, title: str, nodes: list[tuple[str, str, str, Decimal]], what: str, word: str,
          headers: tuple[str, ...], rows: tuple[tuple[str, ...], ...], where: dict[str, str] | None = None) -> Chart | None:
    """A sunburst of (id, parent id, label, printed value), every figure called `word`; leaves
    carry the values, so a parent shows the sum of what is under it even where the document's own
    subtotals disagree. The last of `headers` is the amount column, named by `word`; `where`: the
    fact source of a node's figure (its first ring's category is where it is drawn statically)."""
    ids = {node[0] for node in nodes}
    has_child = {node[1] for node in nodes if node[1]}
    leaves = [node for node in nodes if node[0] not in has_child and node[3]]
    if len(leaves) < 2:
        return None
    keep = {node[0] for node in leaves}
    for node in leaves:  # keep the ancestors of every leaf
        parent = node[1]
        while parent and parent in ids and parent not in keep:
            keep.add(parent)
            parent = next(other[1] for other in nodes if other[0] == parent)
    kept = [node for node in nodes if node[0] in keep]
    trace = {
        "type": "sunburst", "branchvalues": "remainder", "maxdepth": 2, "insidetextorientation": "radial",
        "ids": [node[0] for node in kept], "parents": [node[1] if node[1] in keep else "" for node in kept],
        "labels": [node[2] for node in kept],
        "values": [to_wan_float(node[3]) if node[0] not in has_child else 0 for node in kept],
        "hovertemplate": "%{label}<br>" + word + " %{value:,.2f} 万元<extra></extra>",
        "name": word,
    }
    parent_of = {node[0]: node[1] for node in kept}

    def top_of(node_id: str) -> str:
        while parent_of.get(node_id) in keep:
            node_id = parent_of[node_id]
        return node_id

    totals: dict[str, Decimal] = {}
    for node in leaves:
        totals[top_of(node[0])] = totals.get(top_of(node[0]), Decimal(0)) + node[3]
    label_of = {node[0]: node[2] for node in kept}
    summary = f"{what}（{word}）：" + "、".join(f"{label_of[top]} {wan(value)} 万元" for top, value in list(totals.items())[:6]) + "。交互图表中点击扇区可逐级展开。"
    sources = tuple((label_of[top_of(kept_id)], (where or {})[kept_id]) for kept_id in keep if kept_id in (where or {}))
    ring = tuple(sorted(((label_of[top], (value / WAN).quantize(CENT, ROUND_HALF_UP)) for top, value in totals.items() if value),
                        key=lambda pair: -pair[1]))
    return Chart(chart_id, f"{title} · {word}", summary, {"data": [trace], "layout": layout(height=420)},
                 (*headers, with_unit(word)), rows, wide=True, sources=sources, ring=ring)


def cell(table: Resource, row: dict, column: str) -> str:
    """The fact source of one cell of a table (as ingest.tables.facts writes it)."""
    side = f" {row['side']}" if row.get("side") else ""
    return f"table:{table.name}:row {row.get('row', '')}{side}:{column}"


def _function_nodes(table: Resource, column: str) -> list[tuple[str, str, str, Decimal]]:
    nodes = []
    for row in table.rows:
        code, value = row.get("code", "").strip(), decimal_or_none(row.get(column))
        if not code or value is None:
            continue
        parent = code[:3] if len(code) == 5 else code[:5] if len(code) == 7 else ""
        nodes.append((code, parent, row.get("name", "").strip() or code, value))
    return nodes


def expenditure_by_function(package: Package, fig: Figures) -> Chart | None:
    """类→款→项 from the expenditure table (公开03, else 公开05); by 类 from the facts otherwise."""
    for name, column in (("final_expenditure", "expenditure_total"), ("general_budget", "expenditure_total")):
        table = package.resource(name)
        if table and any(field.name == column for field in table.fields):
            nodes = _function_nodes(table, column)
            rows = tuple((node[0], node[2], wan(node[3])) for node in nodes)
            where = {row.get("code", "").strip(): cell(table, row, column) for row in table.rows}
            chart = _tree("chart-function", "支出按功能分类（类→款→项）", nodes, "本年支出按功能分类", fig.word(),
                          ("科目编码", "科目名称"), rows, where)
            if chart:
                return chart
    for measure in ("expenditure_by_function", "general_budget_expenditure"):
        by_class = [fact for fact in fig.parts(measure) if _is_class(fact, measure)]
        if len(by_class) >= 2:
            named = [(f"{fact.code} {fact.item}".strip(), fact) for fact in by_class]
            return replace(_bars("chart-function", BY_CLASS_TITLES[measure], [(label, fact.value) for label, fact in named],
                                 VOCAB[measure], fig.word()), sources=tuple((label, fact.source) for label, fact in named))
    return None


def _is_class(fact, measure: str) -> bool:
    """A part at 类 level: a 3-digit code; without a code, a part of the measure's total (`of`),
    or any item of expenditure_by_function, which the vocabulary defines per 类."""
    if fact.code:
        return len(fact.code) == 3
    return fact.of == measure or measure == "expenditure_by_function"


def _bars(chart_id: str, title: str, pairs: list[tuple[str, Decimal]], what: str, word: str) -> Chart:
    pairs = sorted(pairs, key=lambda pair: pair[1])
    trace = {
        "type": "bar", "orientation": "h", "y": [pair[0] for pair in pairs], "x": [to_wan_float(pair[1]) for pair in pairs],
        "name": word, "hovertemplate": "%{y}<br>" + word + " %{x:,.2f} 万元<extra></extra>", "marker": {"color": COLORS[0]},
        "texttemplate": "%{x:,.2f}", "textposition": "outside", "textangle": 0, "cliponaxis": False,
    }
    spec = {"data": [trace], "layout": layout(height=max(220, 48 * len(pairs) + 60), margin=OUTSIDE_LABELS,
                                              xaxis={"title": {"text": with_unit(word)}, "automargin": True},
                                              yaxis={"automargin": True})}
    return Chart(chart_id, f"{title} · {word}",
                 f"{what}（{word}）：" + "、".join(f"{label} {wan(value)} 万元" for label, value in reversed(pairs)) + "。",
                 spec, ("项目", with_unit(word), "占比"), _share_rows(list(reversed(pairs))))


def economic_breakdown(package: Package, fig: Figures) -> Chart | None:
    """人员经费 / 公用经费 and their economic classes (公开06), else the stated totals."""
    table = package.resource("general_budget_basic")
    if table:
        nodes: list[tuple[str, str, str, Decimal]] = []
        where = {}
        for row in table.rows:
            group, code, value = row.get("group", "").strip(), row.get("code", "").strip(), decimal_or_none(row.get("amount"))
            if not group or not code or value is None:
                continue
            if group not in {node[0] for node in nodes}:
                nodes.append((group, "", group, Decimal(0)))
            parent = code[:3] if len(code) == 5 else group
            nodes.append((f"{group}/{code}", f"{group}/{parent}" if parent != group else group,
                          row.get("name", "").strip() or code, value))
            where[f"{group}/{code}"] = cell(table, row, "amount")
        rows = tuple((node[0].split("/")[-1] if "/" in node[0] else "", node[2], wan(node[3])) for node in nodes if "/" in node[0])
        chart = _tree("chart-economic", "基本支出按经济分类（人员经费·公用经费）", nodes, "基本支出按经济分类",
                      fig.word(), ("经济分类编码", "科目名称"), rows, where)
        if chart:
            return chart
    nodes = []
    for group, measure in (("人员经费", "personnel_item"), ("公用经费", "public_item")):
        items = fig.parts(measure)
        if items:
            nodes.append((group, "", group, Decimal(0)))
            nodes += [(f"{group}/{fact.item}", group, fact.item, fact.value) for fact in items]
    chart = _tree("chart-economic", "基本支出：人员经费与公用经费", nodes, "基本支出按经济分类", fig.word(),
                  ("类别", "项目"), tuple((node[1], node[2], wan(node[3])) for node in nodes if node[1]))
    if chart:
        return chart
    pairs = [(VOCAB[measure_id], fig.value(measure_id)) for measure_id in ("personnel_costs", "public_costs")]
    return _donut("chart-economic", "人员经费与公用经费", [(label, amount) for label, amount in pairs if amount is not None], "基本支出",
                  fig.word(), _sources(fig, ("personnel_costs", "public_costs")))


def three_public(fig: Figures) -> Chart | None:
    """"三公" items: the year's budget beside a final's 决算数, the disclosure's own figures (预算数,
    决算数 or 执行数 as its kind says) and the year before's (上年数), where stated."""
    series = [(fig.word(kind, year), kind, year)
              for kind, year in (("budget", fig.year), ("amount", fig.year), ("amount", fig.year - 1))]
    if series[0][0] == series[1][0]:  # a budget's own figures are its 预算数: one series
        series = series[1:]
    labels = [VOCAB[measure] for measure in THREE_PUBLIC]
    # a figure the document prints twice with different values is left out (see the findings)
    values = [[None if fig.disputed(measure, kind, year) else fig.value(measure, kind, year) for measure in THREE_PUBLIC]
              for _, kind, year in series]
    own = next(index for index, (_, kind, year) in enumerate(series) if (kind, year) == ("amount", fig.year))
    present = [(name, vals) for (name, _, _), vals in zip(series, values) if any(value is not None for value in vals)]
    if not present or not any(value is not None for value in values[own]):
        return None
    data = [{
        "type": "bar", "name": name, "x": labels, "y": [to_wan_float(value) if value is not None else None for value in vals],
        "hovertemplate": "%{x}<br>" + name + " %{y:,.2f} 万元<extra></extra>",
    } for name, vals in present]
    spec = {"data": data, "layout": layout(barmode="group", height=360, yaxis={"title": {"text": "万元"}, "automargin": True},
                                          xaxis={"automargin": True}, legend={"orientation": "h", "y": 1.12})}
    rows = tuple((label, *(wan(vals[index]) for _, vals in present)) for index, label in enumerate(labels))
    total = fig.value("three_public_total")
    names = [name for name, _ in present]
    summary = (f"\u201c三公\u201d经费{fig.word()} {wan(total)} 万元。" if total is not None else "") + \
        ("按项目比较" + "、".join(names) if len(names) > 1 else f"按项目列出{names[0]}") + "（以文件所列为准）。"
    by_series = tuple((name, fact.source) for name, kind, year in series if name in names
                      for measure in (*THREE_PUBLIC, "three_public_total") for fact in fig.all(measure, kind, year))
    by_item = tuple((label, fact.source) for label, measure in zip(labels, THREE_PUBLIC) for _, kind, year in series
                    for fact in fig.all(measure, kind, year))
    withheld = tuple((label, name) for name, kind, year in series if name in names
                     for label, measure in zip(labels, THREE_PUBLIC) if fig.disputed(measure, kind, year))
    return Chart("chart-three-public", "\u201c三公\u201d经费：" + "、".join(names), summary, spec,
                 ("项目", *(with_unit(name) for name in names)), rows, sources=by_item, series_sources=by_series,
                 withheld=withheld)


def execution_rates(projects: list[dict]) -> Chart | None:
    """Project execution: executed / budget per project, from the performance tables."""
    pairs = [(project["name"], project["rate"]) for project in projects if project["rate"] is not None]
    if not pairs:
        return None
    pairs = list(reversed(pairs))
    trace = {
        "type": "bar", "orientation": "h", "y": _unique([pair[0] for pair in pairs]), "x": [float(pair[1]) for pair in pairs],
        "marker": {"color": [COLORS[0] if pair[1] >= 90 else COLORS[5] for pair in pairs]},
        "texttemplate": "%{x:.1f}%", "textposition": "auto",
        "hovertemplate": "%{y}<br>执行率 %{x:.1f}%<extra></extra>",
    }
    spec = {"data": [trace], "layout": layout(height=max(220, 40 * len(pairs) + 80),
                                              xaxis={"ticksuffix": "%", "range": [0, max(110, *(float(pair[1]) + 5 for pair in pairs))]},
                                              yaxis={"automargin": True})}
    low = [pair for pair in pairs if pair[1] < 90]
    summary = f"{len(pairs)} 个项目的预算执行率" + (f"，其中 {len(low)} 个低于 90%。" if low else "均不低于 90%。")
    rows = tuple((project["name"], wan(project["budget"]), wan(project["executed"]), percent(project["rate"]), percent(project["stated_rate"]))
                 for project in projects if project["rate"] is not None)
    return Chart("chart-execution", "项目预算执行率", summary, spec,
                 ("项目", "预算数（万元）", "执行数（万元）", "执行率（计算）", "执行率（文件所列）"), rows, wide=True, unit="%")


def _unique(labels: list[str]) -> list[str]:
    """Category labels made unique (a document may list one project twice), so bars do not stack."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label}（{seen[label]}）")
    return out


def disclosure_charts(package: Package, fig: Figures, projects: list[dict]) -> list[Chart]:
    charts = [
        expenditure_by_function(package, fig),
        income_structure(fig),
        basic_vs_project(fig),
        economic_breakdown(package, fig),
        three_public(fig),
        execution_rates(projects),
    ]
    return [chart for chart in charts if chart]
