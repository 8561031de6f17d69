"""A chart's plotly spec drawn as static inline SVG, server-side: visible without JavaScript and
without the plotly bundle. Bars (one series or grouped) and donuts; a sunburst is drawn as the
bars of its first ring. Text is escaped; sizes are pixels, widths percentages of the box, so the
text keeps its size on a phone and on a desktop alike. A category whose figure carries a finding
gets a ⚠ linked to it (`marks`: category label → (href, title))."""
from __future__ import annotations

import math

from markupsafe import Markup, escape

from generator.site.charts import COLORS

ROW = 18  # px: a category's label line
BAR = 14  # px: one bar
GAP = 4
SPACE = 10  # px between categories
MAX_BAR = 74  # % of the width the longest bar takes; its value is printed after it
LABEL = 20  # characters of a label shown (the whole label is its <title>)
MARK = "⚠ 见核对"


def _text(x: str, y: float, text: str, cls: str = "", anchor: str = "", dx: int = 0) -> str:
    attrs = f' dx="{dx}"' if dx else ""
    attrs += f' class="{cls}"' if cls else ""
    attrs += f' text-anchor="{anchor}"' if anchor else ""
    return f'<text x="{x}" y="{y:g}"{attrs}>{escape(text)}</text>'


def _short(label: str, room: int) -> str:
    return label if len(label) <= room else label[:room - 1] + "…"


def _value(value, unit: str, withheld: bool = False) -> str:
    """A value as printed beside its bar (float 万元 from the spec, or exact Decimal 万元); a
    missing one: left out (withheld: printed twice, differently: see the findings), or not printed."""
    if value is None:
        return "未绘出（见核对）" if withheld else "未列出"
    return f"{value:.1f}%" if unit == "%" else f"{value:,.2f}"


def _mark(marks: dict, label: str, y: float) -> str:
    if label not in marks:
        return ""
    href, title = marks[label]
    return (f'<a href="{escape(href)}" class="tp-svg__mark"><title>{escape(title)}</title>'
            f'{_text("100%", y, MARK, anchor="end")}</a>')


def _svg(body: list[str], height: float, title: str) -> Markup:
    # an image, unless it holds links (a mark): then a group, whose links stay reachable
    role = "group" if any("<a " in part for part in body) else "img"
    return Markup(f'<svg class="tp-svg" width="100%" height="{height:g}" role="{role}" aria-label="{escape(title)}" '
                  f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{"".join(body)}</svg>')


def bars(categories: list[str], series: list[tuple[str, list[float | None]]], unit: str, title: str,
         marks: dict | None = None, colors: list[list[str]] | None = None, withheld: set | None = None) -> Markup:
    """Horizontal bars, one group per category (label above, one bar per series, value after it);
    `withheld`: the (category, series) values left out for a finding."""
    marks, withheld = marks or {}, withheld or set()
    top = max((value for _, vals in series for value in vals if value is not None), default=0) or 1
    body, y = [], 0.0
    if len(series) > 1 or any(name in marks for name, _ in series):  # legend: two to a line
        for index, (name, _) in enumerate(series):
            x, top_y = f"{index % 2 * 50}%", index // 2 * ROW
            text = _text(x, top_y + 12, _short(name, LABEL - 8) + (" ⚠" if name in marks else ""), "tp-svg__legend", dx=14)
            if name in marks:
                text = f'<a href="{escape(marks[name][0])}" class="tp-svg__mark"><title>{escape(marks[name][1])}</title>{text}</a>'
            body.append(f'<rect x="{x}" y="{top_y + 3}" width="10" height="10" fill="{COLORS[index % len(COLORS)]}"/>')
            body.append(text)
        y = (len(series) + 1) // 2 * ROW + GAP
    for category_index, label in enumerate(categories):
        room = LABEL - 6 if label in marks else LABEL
        shown = _text("0", y + 13, _short(label, room))
        body.append(shown if len(label) <= room else f'<g><title>{escape(label)}</title>{shown}</g>')
        body.append(_mark(marks, label, y + 13))
        y += ROW
        for series_index, (name, vals) in enumerate(series):
            value = vals[category_index]
            width = 0 if value is None else max(float(value), 0) / float(top) * MAX_BAR
            fill = colors[series_index][category_index] if colors else COLORS[series_index % len(COLORS)]
            if width:
                body.append(f'<rect x="0" y="{y:g}" width="{width:.2f}%" height="{BAR}" fill="{fill}"/>')
            body.append(_text(f"{width + 1:.2f}%", y + 11, _value(value, unit, (label, name) in withheld), "tp-svg__value"))
            y += BAR + GAP
        y += SPACE
    return _svg(body, y, title)


def _arc(start: float, end: float, outer: float = 90, inner: float = 50) -> str:
    """A ring sector between two angles (radians, clockwise from 12 o'clock)."""
    def at(radius: float, angle: float) -> str:
        return f"{radius * math.sin(angle):.2f} {-radius * math.cos(angle):.2f}"
    large = 1 if end - start > math.pi else 0
    return (f"M{at(outer, start)}A{outer} {outer} 0 {large} 1 {at(outer, end)}"
            f"L{at(inner, end)}A{inner} {inner} 0 {large} 0 {at(inner, start)}Z")


def donut(labels: list[str], values: list[float], unit: str, title: str, marks: dict | None = None) -> Markup:
    """A ring of the shares, the legend below it: colour, label, value and share."""
    marks = marks or {}
    total = sum(values) or 1
    ring, legend, angle = [], [], 0.0
    y = 190.0
    for index, (label, value) in enumerate(zip(labels, values)):
        colour = COLORS[index % len(COLORS)]
        sweep = min(value / total * 2 * math.pi, 2 * math.pi - 1e-4)
        share = f"{value / total * 100:.1f}%"
        ring.append(f'<path d="{_arc(angle, angle + sweep)}" fill="{colour}">'
                    f'<title>{escape(f"{label} {_value(value, unit)} 万元（{share}）")}</title></path>')
        angle += sweep
        legend.append(f'<rect x="0" y="{y + 3:g}" width="10" height="10" fill="{colour}"/>')
        shown = _text("14", y + 12, _short(label, LABEL - 8))
        legend.append(shown if len(label) <= LABEL - 8 else f"<g><title>{escape(label)}</title>{shown}</g>")
        legend.append(_text("100%", y + 12, f"{_value(value, unit)}（{share}）", "tp-svg__value", "end"))
        y += ROW + 2
        if label in marks:
            legend.append(_mark(marks, label, y + 12))
            y += ROW
    body = [f'<svg x="0" y="0" width="100%" height="180" viewBox="-92 -92 184 184">{"".join(ring)}</svg>', *legend]
    return _svg(body, y + 4, title)


def render(spec: dict, unit: str, title: str, marks: dict | None = None, ring: tuple = (),
           withheld: set | None = None) -> Markup:
    """The static drawing of a plotly spec as charts.py writes them; a sunburst as the bars of its
    first `ring` ((label, exact 万元) pairs, summed from the leaves by charts.py)."""
    data = [series_trace for series_trace in spec["data"] if series_trace.get("visible", True) is not False]  # a picker's hidden traces
    kind = data[0]["type"]
    if kind == "pie":
        return donut(data[0]["labels"], data[0]["values"], unit, title, marks)
    if kind == "sunburst":
        return bars([pair[0] for pair in ring], [(data[0].get("name", ""), [pair[1] for pair in ring])], unit, title, marks)
    if data[0].get("orientation") == "h":  # categories on y, drawn bottom-up by plotly: top first here
        trace = data[0]
        colour = (trace.get("marker") or {}).get("color")
        colors = [list(reversed(colour))] if isinstance(colour, list) else None
        return bars(list(reversed(trace["y"])), [(trace.get("name", ""), list(reversed(trace["x"])))], unit, title,
                    marks, colors)
    return bars(list(data[0]["x"]), [(series_trace.get("name", ""), list(series_trace["y"])) for series_trace in data], unit, title, marks,
                withheld=withheld)
