"""Words from the data: a disclosure page names its figures by the disclosure's kind — 预算数 on a
budget, 决算数 on a final, 执行数 on an evaluation, 上年数 for the year before — in every chart's
title, caption, trace, hover text, axis and data table, and on the headline cards."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

BUDGET = "departments/330100-jtysj/2026-budget"
FINAL = "departments/530400-zuzhibu/2020-final"
EVALUATION = "departments/430611-zuzhibu/2020-evaluation"
BUDGET_WITH_PRIOR_YEAR = "departments/500000-ghhzrzyj/2026-budget"
FINAL_WITH_PRIOR_YEAR = "departments/511181-zuzhibu/2020-final"
EXECUTION = "chart-execution"  # project rates: its own columns (预算数, 执行数) from the performance table


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def charts(site: Path, path: str) -> list[dict]:
    """Every chart block of a page: id, title, summary, the plotly spec and the data table's headers."""
    out = []
    for block in re.findall(r'<figure class="tp-chart[^"]*"[^>]*>(.*?)</figure>', page(site, path), re.S):
        spec = re.search(r'data-chart="([^"]*)"', block)
        out.append({
            "id": re.search(r'<div class="tp-chart__plot"[^>]*?(?:data-chart-id|id)="([^"]+)"', block).group(1),
            "title": text(re.search(r"<strong>(.*?)</strong>", block, re.S).group(1)),
            "summary": text(re.search(r"</strong>\s*<span>(.*?)</span>", block, re.S).group(1)),
            "spec": json.loads(html.unescape(spec.group(1))),
            "headers": [text(h) for h in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', block, re.S)],
        })
    assert out, f"{path}: no chart"
    return out


def words_of(chart: dict) -> str:
    """Everything a reader of the chart reads: title, caption, table headers, trace names, hover
    texts and axis titles."""
    parts = [chart["title"], chart["summary"], *chart["headers"]]
    for trace in chart["spec"]["data"]:
        parts += [trace.get("name") or "", trace.get("hovertemplate") or ""]
    for axis in ("xaxis", "yaxis"):
        parts.append(((chart["spec"]["layout"].get(axis) or {}).get("title") or {}).get("text", ""))
    return "\n".join(parts)


@pytest.mark.parametrize("path, word, never", [
    (BUDGET, "2026年预算数", ("决算", "执行数")),
    (FINAL, "2020年决算数", ("执行数",)),
    (EVALUATION, "2020年执行数", ("决算",)),
])
def test_every_chart_names_its_figures_by_the_disclosure_kind(site, path, word, never):
    for chart in charts(site, path):
        said = words_of(chart)
        for bad in never:
            if chart["id"] != EXECUTION:
                assert bad not in said, f"{path} {chart['id']}: {bad!r} in {said!r}"
        if chart["id"] == EXECUTION:
            continue
        assert word in chart["title"], (chart["id"], chart["title"])
        assert word in chart["summary"], (chart["id"], chart["summary"])
        assert any(word in h for h in chart["headers"]), (chart["id"], chart["headers"])
        for trace in chart["spec"]["data"]:
            name = trace["name"]  # every amount trace is named
            assert name.endswith(("预算数", "决算数", "执行数")) or name.startswith("上年数"), name
            assert name in trace["hovertemplate"], (chart["id"], trace["hovertemplate"])


def test_a_budget_page_says_no_decision_word_anywhere_a_reader_looks(site):
    """Issue 13: '“三公”经费2025年决算 867.50 万元' on a budget page. Not in the charts, the cards or
    the chart tables (the narrative and the tables keep the document's own words)."""
    doc = page(site, BUDGET)
    cards = re.search(r'<div class="tp-cards">(.*?)</div>\s*</div>\s*(?:<div class="tp-trust">|<h2|$)', doc, re.S)
    assert cards and "决算" not in text(cards.group(1))
    assert '<span class="tp-card__word">2026年预算数</span>' in doc
    three = next(c for c in charts(site, BUDGET) if c["id"] == "chart-three-public")
    assert three["title"] == "“三公”经费：2026年预算数"
    assert three["summary"].startswith("“三公”经费2026年预算数 873.20 万元。")
    assert [t["name"] for t in three["spec"]["data"]] == ["2026年预算数"]


def test_a_final_compares_its_budget_with_its_final_figures(site):
    three = next(c for c in charts(site, FINAL) if c["id"] == "chart-three-public")
    assert [t["name"] for t in three["spec"]["data"]] == ["2020年预算数", "2020年决算数"]
    assert three["headers"] == ["项目", "2020年预算数（万元）", "2020年决算数（万元）"]
    assert three["summary"].startswith("“三公”经费2020年决算数 11.30 万元。")
    # the budget printed beside a final's "三公" card is the year's 预算数
    assert '<p class="tp-card__detail">2024年预算数 2.85</p>' in page(site, "departments/310107-ghzyj/2024-final")


@pytest.mark.parametrize("path, own, prior", [
    (BUDGET_WITH_PRIOR_YEAR, "2026年预算数", "上年数（2025年）"),
    (FINAL_WITH_PRIOR_YEAR, "2020年决算数", "上年数（2019年）"),
])
def test_the_year_before_is_the_prior_year_figure_whatever_the_kind(site, path, own, prior):
    """A budget's “与上年相比” does not say whether last year's budget or its execution: 上年数."""
    three = next(c for c in charts(site, path) if c["id"] == "chart-three-public")
    assert [t["name"] for t in three["spec"]["data"]] == [own, prior]
    assert three["headers"][-1] == prior.replace("）", "，万元）")
    if "budget" in path:
        assert "决算" not in words_of(three)
