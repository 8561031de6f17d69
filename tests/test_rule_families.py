"""Each rule family fires where a document contradicts itself and stays silent where it does not:
one edit to a published text (攀枝花市西区委组织部 2021 年决算, whose one slip is a “其中” list 0.33 万元
short), imported and validated; one edit to a shipped package's sentences or tables; and the
shipped documents whose own slips these rules find."""
from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator.ingest.importer import import_document
from generator.validate.api import validate_package
from generator.validate.report import PackageReport
from tests.conftest import PACKAGES

XIQU = PACKAGES / "510403-zuzhibu/2021-final"
SOURCE = XIQU / "source/002_8af6c6b53bb795b2.txt"
REGISTRY = Path(__file__).parents[1] / "data/departments.csv"


def _imported(tmp_path: Path, old: str = "", new: str = "") -> PackageReport:
    text = SOURCE.read_text(encoding="utf-8")
    if old:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    src = tmp_path / SOURCE.name
    src.write_text(text, encoding="utf-8")
    assert import_document(src, out=tmp_path / "out", registry=REGISTRY, echo=lambda _: None) == 0
    [pkg] = (tmp_path / "out").glob("*/*/datapackage.json")
    report = validate_package(pkg.parent)
    assert report.errors == []
    return report


def _found(report: PackageReport) -> list[tuple[str, str]]:
    return sorted((f.cls, f.rule) for f in report.findings if f.cls != "notice")


def test_the_document_has_its_one_slip_and_no_other(tmp_path):
    """Its one contradiction: “2021年财政拨款支出516.82万元，其中：…444.76万元，…71.73万元” (516.49)."""
    assert _found(_imported(tmp_path)) == [("inconsistency", "list-sum")]


@pytest.mark.parametrize("old, new, rule, words", [
    # comparison words against the figures: 完成预算105% beside 决算数大于预算数, flipped
    ("完成预算105%，决算数大于预算数", "完成预算105%，决算数小于预算数", "comparison-word", "小于"),
    # 持平 beside a rate that is not 100 % (a sentence the importer takes no fact from)
    ("支出决算为0.19万元，完成预算100%，决算数与预算数持平", "支出决算为0.19万元，完成预算90%，决算数与预算数持平",
     "comparison-word", "持平"),
    # a share in a 三公 sentence-free total: 444.76 ÷ 516.82 = 86 %, printed 96 %
    ("444.76万元，占本年支出合计的86%", "444.76万元，占本年支出合计的96%", "share", "96"),
    # a growth rate: 0.02 ÷ 0.21 = 10 %, printed 30 %
    ("公务接待费支出决算比2020年减少0.02万元，下降10%", "公务接待费支出决算比2020年减少0.02万元，下降30%", "change", "30"),
    # the year a final account compares with is its own
    ("与2020年相比，一般公共预算财政拨款支出减少", "与2021年相比，一般公共预算财政拨款支出减少", "other-year", "与2021年"),
    # a heading of another year
    ("第2部分 2021年度部门决算情况说明", "第2部分 2020年度部门决算情况说明", "other-year", "2020年度"),
    # leftovers: duplicated punctuation, drafting instructions, placeholders, blank figures, empty reasons
    ("下降25%。主要原因是", "下降25%。。主要原因是", "template-leftover", "标点重复"),
    ("下降25%。主要原因是", "下降25%。（按“部门决算公开06表 一般公共预算财政拨款基本支出决算表”中实际发生经济分类支出事项填写）主要原因是",
     "template-leftover", "编写说明未删除"),
    ("下降25%。主要原因是", "下降25%。（增加内容）主要原因是", "template-leftover", "编写说明未删除"),
    ("下降25%。主要原因是", "下降[值]%。主要原因是", "template-leftover", "[值]"),
    ("机关运行经费支出26.24万元", "机关运行经费支出万元", "template-leftover", "金额空缺"),
    ("下降25%。主要原因是", "下降25%。主要原因是。", "template-leftover", "主要原因是。"),
])
def test_a_planted_slip_is_found(tmp_path, old, new, rule, words):
    report = _imported(tmp_path, old, new)
    hits = [f for f in report.inconsistencies if f.rule == rule or any(p.rule == rule for p in f.places)]
    assert hits, _found(report)
    assert any(words in f.message or any(words in p.message for p in f.places) for f in hits)


def test_a_zero_change_is_not_a_leftover():
    """江苏省人大常委会办公厅 2018 年预算: “与上年相比增加（减少）0万元，增长（减少）0%” — nothing to choose."""
    report = validate_package(PACKAGES / "320000-renda-bgt/2018-budget")
    assert not any("增加（减少）0" in f.message for f in report.findings)
    assert [f for f in report.findings if "增加（减少）" in f.message] == []


def test_three_public_shares_worked_against_another_total_are_one_finding():
    """江苏省人大常委会办公厅 2017 年预算: the three 三公 shares are of 三公 + 会议费 + 培训费."""
    [f] = validate_package(PACKAGES / "320000-renda-bgt/2017-budget").inconsistencies
    assert f.rule == "share" and len(f.places) == 3 and "8.75" in f.message


def test_an_empty_table_the_narrative_explains_is_not_a_finding():
    """江苏省人大常委会办公厅 2019 年预算: 公开10表 is empty, the narrative says 本部门无此项支出."""
    report = validate_package(PACKAGES / "320000-renda-bgt/2019-budget")
    assert not any(f.rule == "empty-table-note" for f in report.findings)


def test_a_list_with_a_part_not_read_is_a_notice():
    """君山区委组织部 2020: “整体支出717.06万元，其中基本支出555.6万元…人员支出为395.39万元，公用支出160.21万元；
    项目支出161.46万元” — a nested list the sentence reader does not split: not checked, said so."""
    report = validate_package(PACKAGES / "430611-zuzhibu/2020-evaluation")
    [notice] = report.notices
    assert notice.rule == "parts-sum" and "未核对" in notice.message
    assert not any(f.rule == "parts-sum" and "本年支出合计" in f.message for f in report.inconsistencies)


def test_rounding_is_its_own_class_and_one_figure_one_finding():
    """普陀区万里街道 2025 年预算: 21201 城乡社区管理事务 94,995,790 元, its parts 94,995,789, in three tables."""
    report = validate_package(PACKAGES / "310107-wanli/2025-budget")
    assert report.inconsistencies == []
    [f] = report.rounding
    assert len(f.places) == 10 and "94,995,790" in f.message
    assert {p.rule for p in f.places} == {"code-tree", "row-identities"}


def test_a_rate_truncated_is_rounding():
    """上海市普陀区规划和自然资源局 2024 年决算: 9746.50 ÷ 10210.34 = 95.457 %, printed “95.45%”."""
    report = validate_package(PACKAGES / "310107-ghzyj/2024-final")
    [f] = [f for f in report.findings if f.rule == "budget-vs-actual"]
    assert f.cls == "rounding" and "95.45" in f.message


def _sections_edited(tmp_path: Path, package: Path, old: str, new: str) -> Path:
    copy = tmp_path / package.name
    shutil.copytree(package, copy)
    path = copy / "sections.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return copy


@pytest.mark.parametrize("old, new, words", [
    ("支出决算为446.11万元，完成年初预算的98.61%。决算数小于预算数", "支出决算为446.11万元，完成年初预算的98.61%。决算数大于预算数",
     "决算数大于预算数"),
    # 持平 beside a change (and a rate that no longer fits)
    ("年初预算为54.53万元，支出决算为54.53万元", "年初预算为60.53万元，支出决算为54.53万元", "持平"),
])
def test_budget_against_actual_words_and_rates(tmp_path, old, new, words):
    """“年初预算为A万元，支出决算为B万元，完成年初预算的P%。决算数小于预算数”: word and rate follow A and B."""
    report = validate_package(_sections_edited(tmp_path, PACKAGES / "310107-ghzyj/2024-final", old, new))
    hits = [f for f in report.inconsistencies if f.rule == "budget-vs-actual"]
    assert len(hits) == 1 and any(words in p.message for p in hits[0].places or [hits[0]])


def test_the_mutation_benchmark_finds_every_planted_defect(tmp_path):
    """benchmarks/mutate.py: every corpus document, one planted defect per kind; all found, and
    no finding of the unmutated corpus outside the reviewed list."""
    from benchmarks.mutate import KINDS, run
    outcomes, outside, missing = run(PACKAGES, tmp_path / "mutate")
    assert outside == [] and missing == []
    for kind in KINDS:  # the target: 95 %
        got = [o for o in outcomes if o.kind == kind]
        assert got and sum(o.found for o in got) >= 0.95 * len(got), (kind, [(o.document, o.new) for o in got if not o.found])


# ---------------------------------------------------------------- outline sums, contents, listed shares, products

BEIJING = PACKAGES / "110000-zdxmjszhbbgs/2026-budget"
HUZHOU = PACKAGES / "330500-wsjkwyh/2026-budget"
PUTUO = PACKAGES / "310107-qzfb/2025-budget"


def _rules(report: PackageReport, rule: str) -> list:
    return [f for f in report.findings if f.rule == rule or any(p.rule == rule for p in f.places)]


def test_an_outline_level_is_the_sum_of_the_lines_below_it(tmp_path):
    """北京 2026: “（一）本年财政拨款收入4695.06万元 / 1.一般公共预算拨款收入4695.06万元。/ 2.…0.00万元。/ 3.…0.00万元。”"""
    assert _rules(validate_package(BEIJING), "outline-sum") == []
    report = validate_package(_sections_edited(tmp_path, BEIJING, "（一）本年财政拨款收入4695.06万元", "（一）本年财政拨款收入4795.06万元"))
    [f] = _rules(report, "outline-sum")
    assert f.cls == "inconsistency" and "4795.06" in f.message and f.difference == Decimal(1000000)


def test_a_short_main_list_under_an_outline_level_is_not_judged(tmp_path):
    """A level whose lines are “主要包括” a selection: fewer than the whole is no finding."""
    edited = _sections_edited(tmp_path, BEIJING, "（一）本年财政拨款收入4695.06万元", "（一）本年财政拨款收入主要包括4795.06万元")
    assert _rules(validate_package(edited), "outline-sum") == []


def _without_listed_table(tmp_path: Path, package: Path) -> Path:
    """The package as if the document had left out the last table its contents page lists (the
    table, and the lines of the body printing its title): benchmarks/mutate.py's contents-table."""
    from benchmarks.mutate import contents_table
    copy = tmp_path / package.name
    shutil.copytree(package, copy)
    assert contents_table(copy)
    return copy


def test_a_table_the_contents_lists_is_in_the_body(tmp_path):
    """普陀区政府办公室 2025: the contents page lists nine tables (“4．2025年部门财政拨款收支预算总表” …), all printed."""
    assert _rules(validate_package(PUTUO), "contents") == []
    [f] = _rules(validate_package(_without_listed_table(tmp_path, PUTUO)), "contents")
    assert f.cls == "inconsistency" and f.message == "目录列出的“4．2025年部门财政拨款收支预算总表”在正文中没有"


def test_a_listed_table_is_only_a_notice_when_a_table_was_not_read(tmp_path):
    copy = _without_listed_table(tmp_path, PUTUO)
    desc = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    desc["unread"] = [{"what": "第20页表格", "reason": "no header row"}]
    (copy / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")
    [f] = _rules(validate_package(copy), "contents")
    assert f.cls == "notice"


def test_the_shares_of_a_listed_whole(tmp_path):
    """湖州 2026: “一般公共预算拨款收入37018.75万元，占7.2%；…其他收入14023.40万元，占2.7%。” — 37018.75 ÷ 515313.35 = 7.18 %."""
    assert _rules(validate_package(HUZHOU), "share-list") == []
    report = validate_package(_sections_edited(tmp_path, HUZHOU, "37018.75万元，占7.2%", "37018.75万元，占14.2%"))
    [f] = _rules(report, "share-list")
    assert f.cls == "inconsistency" and "14.2" in f.message and "7.18" in f.message


def test_a_share_one_digit_off_in_a_listed_whole_is_rounding():
    """杭州交通 2026: 一般公共服务 6,701.98 of the listed 432,564.30 万元 is 1.549 %, printed 1.6 %."""
    [f] = _rules(validate_package(PACKAGES / "330100-jtysj/2026-budget"), "share-list")
    assert f.cls == "rounding" and "1.6" in f.message


@pytest.mark.parametrize("total, found", [("20.8万元", True), ("20.08万元", False), ("200,800元", False)])
def test_a_count_times_a_per_unit_amount(tmp_path, total, found):
    """502 × 400 元 = 200,800 元 = 20.08 万元; “20.8万元” is off by 7,200 元 (no unit slip: not 10,000 times)."""
    report = _imported(tmp_path, "机关运行经费支出26.24万元，", f"机关运行经费支出26.24万元，慰问困难党员502人，每人400元，共计{total}；")
    hits = _rules(report, "product")
    assert bool(hits) == found
    if found:
        assert hits[0].cls == "inconsistency" and hits[0].difference == Decimal(7200) and "一万倍" not in hits[0].message


def test_a_small_figure_beside_a_large_one_is_not_called_a_unit_slip():
    """0.3 万元 against 2,961.68 万元: read 10,000 times larger it would be 3,000 万元, near enough by accident —
    but a figure printed to 0.1 万元 cannot say so; the diagnosis is left out."""
    from generator.validate.report import Figure
    from generator.validate.rules.registry import same_figure, sum_finding
    big = Figure("合计", Decimal("29616800"), "元")
    small = Figure("其中一项", Decimal("3000"), "元")
    f = sum_finding("x", "合计与各项之和不符", big, Decimal(50), [(small, Decimal(500))])
    assert f.cls == "inconsistency" and "一万倍" not in f.message
    g = same_figure("x", "两处不一致", big, Decimal(50), small, Decimal(500))
    assert g.cls == "inconsistency" and "一万倍" not in g.message


CHANGSHA = PACKAGES / "430100-gonganju/2025-budget"


def test_a_list_after_qizhong_adds_up_to_its_total(tmp_path):
    """长沙市公安局 2025: “收入预算68632.12万元，其中，一般公共预算拨款68632.12万元，财政专户管理事业收入0.00万元，…”
    (a sentence the importer takes no fact from)."""
    assert _rules(validate_package(CHANGSHA), "list-sum") == []
    report = validate_package(_sections_edited(tmp_path, CHANGSHA, "收入预算68632.12万元", "收入预算68732.12万元"))
    [f] = _rules(report, "list-sum")
    assert f.cls == "inconsistency" and "68732.12" in f.message and f.difference == Decimal(1000000)


def test_a_list_short_of_its_total_that_may_be_partial_is_not_judged(tmp_path):
    """Named projects short of the total (“其中：信息化建设100万元、培训经费50万元”) may be some of it — no finding;
    nor a list of budget parts that ends in “等”."""
    projects = _sections_edited(tmp_path / "a", CHANGSHA, "其中，一般公共预算拨款68632.12万元，财政专户管理事业收入0.00万元，",
                                "其中，信息化建设100.00万元，培训经费50.00万元。财政专户管理事业收入0.00万元，")
    assert _rules(validate_package(projects), "list-sum") == []
    edited = _sections_edited(tmp_path, CHANGSHA, "上年结转0.00万元。", "上年结转0.00万元等。")
    edited = _sections_edited(tmp_path / "b", edited, "收入预算68632.12万元", "收入预算68732.12万元")
    assert _rules(validate_package(edited), "list-sum") == []


def test_a_narrative_slip_a_list_shows(tmp_path):
    """西南大学 2021: “收支总预算490,808.40万元，其中本年收入预算390,140.45万元，使用非财政拨款结余18,953.73万元，
    上年结转81,714.17万元” — the 收支总表 prints 18,953.78; a bracketed figure before 其中 is not taken for the list's total."""
    findings = _rules(validate_package(PACKAGES / "500000-xinandaxue/2021-budget"), "list-sum")
    assert [f.cls for f in findings] == ["inconsistency"] and "490,808.40" in findings[0].message
    assert findings[0].difference == Decimal(500)


@pytest.mark.parametrize("package, old, new, words", [
    # the prior stated after 比: 240.21 ÷ 4464.03 = 5.38 %
    (BEIJING, "收入预算4704.24万元，比2025年年初预算数4464.03万元增加240.21万元，增长5.38%",
     "收入预算4704.24万元，比2025年年初预算数4464.03万元增加240.21万元，增长12.38%", "12.38"),
    # the prior in brackets: 498.72 ÷ 8,648.07 = 5.77 %
    (PACKAGES / "320000-zhengxie-bgt/2017-budget", "），增加498.72万元，增长5.77%", "），增加498.72万元，增长12.77%", "12.77"),
    # the subject's figure earlier in the paragraph: 1316.82 ÷ (68632.12 + 1316.82) = 1.88 %
    (CHANGSHA, "收入较去年减少1316.82万元，下降1.88%", "收入较去年减少1316.82万元，下降8.88%", "8.88"),
])
def test_a_growth_rate_against_the_figures_its_paragraph_gives(tmp_path, package, old, new, words):
    assert _rules(validate_package(package), "item-change") == []
    [f] = _rules(validate_package(_sections_edited(tmp_path, package, old, new)), "item-change")
    assert f.cls == "inconsistency" and words in f.message


def test_flat_beside_a_change(tmp_path):
    """普陀区政府办公室 2025: “（一）因公出国（境）费839万元，与2024年预算持平” — 持平 with a change printed beside it is a
    contradiction; 普陀规划 2024: “…比2023年度减少0.15万元…其中：因公出国（境）费支出与上一年度持平” speaks of two items."""
    assert _rules(validate_package(PUTUO), "flat-word") == []
    assert _rules(validate_package(PACKAGES / "310107-ghzyj/2024-final"), "flat-word") == []
    report = validate_package(_sections_edited(tmp_path, PUTUO, "（一）因公出国（境）费839万元，与2024年预算持平",
                                               "（一）因公出国（境）费839万元，比2024年预算增加39万元，与2024年预算持平"))
    [f] = _rules(report, "flat-word")
    assert f.cls == "inconsistency" and "增加39万元" in f.message


@pytest.mark.parametrize("package, old, new, words", [
    # the word says the item rose, the rate that it fell
    (HUZHOU, "比上年执行数减少11688.70万元，下降23.9%", "比上年执行数增加11688.70万元，下降23.9%", "方向相反"),
    # the word says the item fell, the figures that it rose: 4704.24 − 4464.03 = +240.21
    (BEIJING, "收入预算4704.24万元，比2025年年初预算数4464.03万元增加240.21万元",
     "收入预算4704.24万元，比2025年年初预算数4464.03万元减少240.21万元", "减少240.21万元"),
])
def test_a_direction_word_against_the_figures(tmp_path, package, old, new, words):
    [f] = _rules(validate_package(_sections_edited(tmp_path, package, old, new)), "item-change")
    assert f.cls == "inconsistency" and words in f.message


@pytest.mark.parametrize("package, old, new, words", [
    # the change said in a sentence of its own (西安市气象局 2022): 506.39 against 406.39
    (PACKAGES / "610100-qixiangju/2022-budget", "2022年本部门预算收入\n较上年增加406.39万元", "2022年本部门预算收入\n较上年增加506.39万元",
     "收入增加506.39万元，支出增加406.39万元"),
    # the change right after the figure (泉州 2026 单位预算): 收入 −205.75, 支出 +205.75
    (PACKAGES / "350500-scjgzhjcyjsbzzx/2026-budget-unit", "相应安排支出预算1468.70万元，比上年减少205.75万元",
     "相应安排支出预算1468.70万元，比上年增加205.75万元", "收入减少205.75万元，支出增加205.75万元"),
])
def test_income_and_spending_of_a_balanced_budget_change_alike(tmp_path, package, old, new, words):
    assert _rules(validate_package(package), "balanced-change") == []
    [f] = _rules(validate_package(_sections_edited(tmp_path, package, old, new)), "balanced-change")
    assert f.cls == "inconsistency" and words in f.message


@pytest.mark.parametrize("package, old, new, cls, words", [
    # 福州 2026: “（一）204-公共安全支出4481.91万元” beside the tables' 204 row 4,481.91
    (PACKAGES / "350100-gajwzryglzx/2026-budget-unit", "204-公共安全支出4481.91万元", "204-公共安全支出4581.91万元", "inconsistency",
     "204 公共安全支出 4581.91万元"),
    # 西安行政审批 2025: “行政运行（2010301）1,501.46万元” beside 15,014,610.00 元; printed 1,501.47 it is rounding
    (PACKAGES / "610100-xzspfwj/2025-budget", "行政运行（2010301）1,501.46万元", "行政运行（2010301）1,501.37万元", "inconsistency",
     "2010301 行政运行 1,501.37万元"),
    (PACKAGES / "610100-xzspfwj/2025-budget", "行政运行（2010301）1,501.46万元", "行政运行（2010301）1,501.47万元", "rounding",
     "2010301 行政运行 1,501.47万元"),
    # 西南大学 2023: “1.小学教育（2050202），2023年度决算数为7,970.38万元”
    (PACKAGES / "500000-xinandaxue/2023-final", "2023年度决算数为7,970.38万元", "2023年度决算数为8,070.38万元", "inconsistency",
     "2050202 小学教育 8,070.38万元"),
])
def test_a_coded_item_of_the_text_against_its_row_in_the_tables(tmp_path, package, old, new, cls, words):
    assert _rules(validate_package(package), "coded-item") == []
    [f] = _rules(validate_package(_sections_edited(tmp_path, package, old, new)), "coded-item")
    assert f.cls == cls and words in f.message


def test_a_budget_counting_its_assets_at_the_end_of_its_own_year():
    """烟台审计局 2026 预算: “截至2026年12月31日，本单位共有车辆0辆” — a date still to come; 珠海 2026 预算's
    “截至2026年1月30日” and 福州 2026's “截至2025年12月31日” are not findings."""
    [f] = _rules(validate_package(PACKAGES / "370600-shenjiju/2026-budget"), "other-year")
    assert f.cls == "inconsistency" and "截至2026年12月31日" in f.message
    for quiet in ("440400-zftzjtszxmgwzx/2026-budget", "350100-gajwzryglzx/2026-budget-unit"):
        assert _rules(validate_package(PACKAGES / quiet), "other-year") == []


def test_counted_assets_and_their_qizhong_list(tmp_path):
    """长沙公安 2025: “…设备8台，其中，单位价值100万元以上设备15台” and “…设备0台，其中，…3台” (a part over its
    whole, both real); its vehicles “102辆，其中，…1辆，…1辆，…84辆，…12辆，其他…4辆” add up — printed 85 they do not."""
    found = _rules(validate_package(CHANGSHA), "count-list")
    assert sorted(f.message.split("，")[0] for f in found) == ["单位价值50万元以上设备8台", "新增配备单位价值50万元以上设备0台"]
    report = validate_package(_sections_edited(tmp_path, CHANGSHA, "执法执勤用车84辆", "执法执勤用车85辆"))
    [f] = [f for f in _rules(report, "count-list") if "各类之和" in f.message]
    assert f.cls == "inconsistency" and "各类之和为 103辆" in f.message
    assert _rules(validate_package(PACKAGES / "350100-gajwzryglzx/2026-budget-unit"), "count-list") == []


def test_a_list_after_baokuo_adds_up_to_its_total():
    """深圳民政 2026: “预算28,283.46万元，包括在职人员经费3,738.92万元、…项目支出22,701.77万元” adds up to 28,283.47."""
    [f] = _rules(validate_package(PACKAGES / "440300-minzhengju/2026-budget"), "list-sum")
    assert f.cls == "rounding" and "“包括”所列各项之和不符" in f.message


def test_a_phrase_printed_twice_in_a_row_is_a_leftover():
    """上海医保中心 2026: “…科目710万元，主要用于主要用于单位缴纳的基本养老保险…” (three items, one finding)."""
    [f] = _rules(validate_package(PACKAGES / "310000-ylbxsyglzx/2026-budget-unit"), "template-leftover")
    assert "词语重复" in f.message and len(f.places) == 3


def test_a_change_and_the_reason_given_for_the_other_direction(tmp_path):
    """西安宣传部 2021: “…“三公”经费预算支出6.51万元，较上年增加9.49万元，减少的主要原因是…压缩经费” (上年 16.00: it fell);
    西安行政审批 2025's 会议费 “较上年减少0.04万元，下降2.00%，下降的主要原因是…” agrees — with 增长的 it does not."""
    [f] = _rules(validate_package(PACKAGES / "610100-xuanchuanbu/2021-budget"), "reason-direction")
    assert f.cls == "inconsistency" and "增加9.49万元" in f.message
    xian = PACKAGES / "610100-xzspfwj/2025-budget"
    assert _rules(validate_package(xian), "reason-direction") == []
    [f] = _rules(validate_package(_sections_edited(tmp_path, xian, "较上年减少0.04万元，下降2.00%，下降的主要原因是",
                                                   "较上年减少0.04万元，下降2.00%，增长的主要原因是")), "reason-direction")
    assert "增长的主要原因" in f.message


def test_the_classes_of_a_structure_section_add_up_to_its_scale_section(tmp_path):
    """杭州交通 2026: “1.一般公共预算当年拨款规模变化情况” 432,564.30 = the seven 类 of “2.…结构情况”; 湖州卫健委 2026:
    37,018.75 against four 类 adding up to 37,018.76 (rounding, grouped with 表05's same 0.01)."""
    hangzhou = PACKAGES / "330100-jtysj/2026-budget"
    assert _rules(validate_package(hangzhou), "structure-sum") == []
    [f] = _rules(validate_package(HUZHOU), "structure-sum")
    assert f.cls == "rounding"
    [f] = _rules(validate_package(_sections_edited(tmp_path, hangzhou, "交通运输（类）支出165,653.20万元", "交通运输（类）支出165,753.20万元")),
                 "structure-sum")
    assert f.cls == "inconsistency" and "432,564.30万元" in f.message


@pytest.mark.parametrize("package, old, new", [
    (PACKAGES / "370600-shenjiju/2026-budget", "其中基本支出增加79.26万元", "其中基本支出增加89.26万元"),
    (PACKAGES / "500000-ghhzrzyj/2026-budget", "项目支出减少39,297.4万元", "项目支出减少39,397.4万元"),
    (PACKAGES / "500000-xinandaxue/2023-final", "教育支出增加52,499.75万元", "教育支出增加52,599.75万元"),  # function 类 by name
])
def test_a_change_and_the_changes_of_its_parts(tmp_path, package, old, new):
    """烟台审计局 2026: “支出预算增加118.76万元，其中基本支出增加79.26万元，项目支出增加39.5万元”; 重庆规划自然资源 2026:
    “比2025年减少29,815.76万元，主要是基本支出增加9,481.64万元，项目支出减少39,297.4万元” — both add up."""
    assert _rules(validate_package(package), "change-parts") == []
    [f] = _rules(validate_package(_sections_edited(tmp_path, package, old, new)), "change-parts")
    assert f.cls == "inconsistency"


def test_instructions_to_the_preparer_left_in():
    """西安安监局 2019: “注：1、封面和目录的格式不得随意改变。…3、…请在目录中添加。” under its contents."""
    [f] = _rules(validate_package(PACKAGES / "610100-aqscjdglj/2019-budget"), "template-leftover")
    assert "编写说明未删除" in f.message and "不得随意改变" in f.message


def test_a_reason_that_speaks_of_another_item(tmp_path):
    """西安行政审批 2025: 会议费 “下降的主要原因是：落实过紧日子相关要求，减少公务接待费预算” (copied from 公务接待费);
    江苏人大 2017's 培训费 “从会议费预算中调减403.75万元用于培训费开支” names its own item too — not reported."""
    xian = PACKAGES / "610100-xzspfwj/2025-budget"
    [f] = _rules(validate_package(xian), "reason-item")
    assert f.message.startswith("会议费增减的原因说的是公务接待费")
    assert _rules(validate_package(PACKAGES / "320000-renda-bgt/2017-budget"), "reason-item") == []
    fixed = _sections_edited(tmp_path, xian, "下降2.00%，下降的主要原因是：落实过紧日子相关要求，减少公务接待费预算。",
                             "下降2.00%，下降的主要原因是：落实过紧日子相关要求，减少会议费预算。")
    assert _rules(validate_package(fixed), "reason-item") == []


def test_a_change_printed_without_its_direction_word():
    """烟台审计局 2026: “机关运行经费安排210.32万元，比上年1.43万元，增加0.68%” — the quote starts at the leftover, far into its line."""
    [f] = [f for f in _rules(validate_package(PACKAGES / "370600-shenjiju/2026-budget"), "template-leftover")
           if "方向" in f.message or "缺" in f.message]
    assert "比上年1.43万元，增加0.68%" in f.message


def test_a_rate_in_brackets_after_its_change():
    """西安宣传部 2021: “会议费32万元，较上年减少14.2万元（44.38%）” and “培训费109.6万元，较上年增加89.06万元（81.26%）” —
    both worked against this year's figure; “公务接待费费6.51万元，较上年减少1.49万元（18.63%）” is right (1.49 ÷ 8.00)."""
    found = _rules(validate_package(PACKAGES / "610100-xuanchuanbu/2021-budget"), "item-change")
    assert sorted(f.message.split("，按")[0] for f in found) == [
        "109.6万元，比上年增加89.06万元，写作增长81.26%", "32万元，比上年减少14.2万元，写作下降44.38%"]


def test_one_coded_item_printed_twice_with_two_changes(tmp_path):
    """西安宣传部 2021: 住房公积金（2210201）192.99万元 “较上年增加15.96万元”, then in the 人员经费 list “…15.95万元”; 购房补贴
    16.627 and 16.62 — rounding both; printed 25.95 the second time it is an inconsistency."""
    package = PACKAGES / "610100-xuanchuanbu/2021-budget"
    found = _rules(validate_package(package), "coded-twice")
    assert sorted((f.cls, f.message.split(" ")[0]) for f in found) == [("rounding", "2210201"), ("rounding", "2210203")]
    planted = _sections_edited(tmp_path, package, "192.99万元，较上年增加15.95万元", "192.99万元，较上年增加25.95万元")
    assert [f.cls for f in _rules(validate_package(planted), "coded-twice") if "2210201" in f.message] == ["inconsistency"]


def test_the_money_a_full_coverage_of_performance_targets_covers():
    """西安宣传部 2021: “绩效目标管理全覆盖，涉及当年一般公共预算当年拨款5859.6万元” (25,859.60 in the tables); 西安气象 2022's
    1899.9, 西安行政审批 2025's 5,093.76 and 苏州科技局 2026's 财政性资金186,241 agree; 湖州's “其他运转类项目和特定目标类项目”
    cover part of the budget and are not compared."""
    [f] = _rules(validate_package(PACKAGES / "610100-xuanchuanbu/2021-budget"), "performance-coverage")
    assert f.cls == "inconsistency" and "5859.6万元" in f.message
    for quiet in ("610100-qixiangju/2022-budget", "610100-xzspfwj/2025-budget", "320500-kxjsj/2026-budget-unit", "330500-wsjkwyh/2026-budget"):
        assert _rules(validate_package(PACKAGES / quiet), "performance-coverage") == []


def test_one_name_with_a_code_no_table_prints(tmp_path):
    """西安宣传部 2021: “行政运行（2013301）1765.18万元”, then “①行政运行（2013201）1641.18万元” — the tables print 2013301 only."""
    package = PACKAGES / "610100-xuanchuanbu/2021-budget"
    [f] = _rules(validate_package(package), "coded-name")
    assert "2013201" in f.message and "2013301" in f.message
    fixed = _sections_edited(tmp_path, package, "①行政运行（2013201）1641.18万元", "①行政运行（2013301）1641.18万元")
    fixed_text = (fixed / "sections.csv").read_text(encoding="utf-8").replace("①行政运行（2013201）124.00万元", "①行政运行（2013301）124.00万元")
    (fixed / "sections.csv").write_text(fixed_text, encoding="utf-8")
    assert _rules(validate_package(fixed), "coded-name") == []


def _by_kind(report: PackageReport) -> list:
    """The breakdown-sum findings of a 按支出功能/用途分类 list."""
    return [f for f in _rules(report, "breakdown-sum") if f.message.startswith("按")]


def test_a_spending_breakdown_adds_up_to_the_spending_it_breaks_down(tmp_path):
    """杭州交通 2026: “2026年支出预算665964.37万元…1.按支出功能分类，包括一般公共服务支出6,701.98万元、…其他支出10,493.00万元”
    adds up (both lists); 湖州 2026's function list leaves out the 其他支出 15,000 万元 its tables print."""
    hangzhou = PACKAGES / "330100-jtysj/2026-budget"
    assert _by_kind(validate_package(hangzhou)) == []
    [f] = _by_kind(validate_package(_sections_edited(tmp_path, hangzhou, "包括一般公共服务支出6,701.98万元、国防支出18.00万元、",
                                                                    "包括一般公共服务支出6,701.98万元、国防支出118.00万元、")))
    assert f.cls == "inconsistency" and f.difference == Decimal(-1000000)
    [h] = [f for f in _rules(validate_package(HUZHOU), "breakdown-sum") if f.cls == "inconsistency"]
    assert h.difference == Decimal(150000000) and "按支出功能分类" in h.message


def test_the_fiscal_total_against_its_income_and_spending_lists():
    """湖州 2026: “财政拨款收支总预算64618.75万元。收入包括：…37018.75万元、…27600.00万元；支出包括：…其他支出15000.00万元”:
    the income list adds up, the spending list is 64,618.76 — a last-digit difference, rounding."""
    [f] = [f for f in _rules(validate_package(HUZHOU), "breakdown-sum") if f.cls == "rounding"]
    assert f.message.startswith("支出包括所列各项之和与总数 64618.75万元 不符") and f.difference == Decimal(-100)


def test_a_breakdown_said_to_be_the_main_items_may_fall_short(tmp_path):
    edited = _sections_edited(tmp_path, HUZHOU, "1.按支出功能分类，包括", "1.按支出功能分类，主要包括")
    assert _by_kind(validate_package(edited)) == []


EMEI = PACKAGES / "511181-zuzhibu/2020-final"


def _chart_edited(tmp_path: Path, old: str, new: str) -> Path:
    copy = tmp_path / EMEI.name
    shutil.copytree(EMEI, copy)
    path = copy / "tables/generic_02.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return copy


def test_chart_data_against_the_narrative(tmp_path):
    """峨眉山 2020: the chart 一般公共预算财政拨款支出决算结构 gives 一般公共服务 1186.22 (the general budget's total); the
    text prints 一般公共服务（201）支出1045.63万元, and the chart's other rows (81.45, 11.07, 6, 42.07) as the text does."""
    [f] = _rules(validate_package(EMEI), "chart-data")
    assert f.cls == "inconsistency" and f.difference == Decimal(1405900)
    assert _rules(validate_package(_chart_edited(tmp_path / "a", ",1186.22", ",1045.63")), "chart-data") == []
    both = _rules(validate_package(_chart_edited(tmp_path / "b", ",81.45", ",91.45")), "chart-data")
    assert len(both) == 2


def test_chart_data_no_row_of_which_agrees_is_not_judged(tmp_path):
    """A chart in another unit or of another series: no row equals the narrative's figure — nothing certain."""
    copy = _chart_edited(tmp_path, ",81.45", ",814500")
    for old, new in ((",11.07", ",110700"), (",42.07", ",420700"), (",6\n", ",60000\n")):
        path = copy / "tables/generic_02.csv"
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert _rules(validate_package(copy), "chart-data") == []


def test_two_projects_of_one_list_with_similar_names_are_not_one(tmp_path):
    """峨眉山 2020: 峨眉微政务运行 (text, 8.04) and 峨眉微政务运行项目 (table, 8.50) are one project printed twice;
    two similar names in one list are two projects."""
    assert _rules(validate_package(EMEI), "project-same-figure")
    copy = tmp_path / EMEI.name
    shutil.copytree(EMEI, copy)
    path = copy / "performance_projects.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("峨眉微政务运行,", "峨眉微政务运行经费,").replace(",narrative,162,", ",table:project_performance,162,"),
                    encoding="utf-8")
    assert _rules(validate_package(copy), "project-same-figure") == []


def test_a_column_number_row_printed_again_is_not_a_row_of_figures(tmp_path):
    """“栏次 1 2 3”: a continuation page's header row read as a row is not 1 = 2 + 3."""
    copy = tmp_path / "yuxi"
    shutil.copytree(PACKAGES / "530400-zuzhibu/2020-final", copy)
    path = copy / "tables/final_expenditure.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(2, "99,90,,,栏次,1,2,3,,,")
    path.write_text("\n".join(lines), encoding="utf-8")
    assert not any("栏次" in f.message for f in validate_package(copy).findings)
    path.write_text("\n".join(lines).replace(",栏次,", ",其他支出,"), encoding="utf-8")
    assert any("其他支出" in f.message and f.rule == "row-identities" for f in validate_package(copy).findings)
