"""Performance self-evaluations (绩效自评) imported from the four corpus documents."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal
from functools import cache

from generator.ingest.formats.text import parse_lines, read_text
from generator.ingest.items import Paragraph, Row
from generator.ingest.narrative.performance import Indicator, Project, extract_performance
from tests.conftest import corpus_path


@cache
def extract(prefix: str) -> tuple[list[Project], list[Indicator]]:
    return extract_performance(parse_lines(read_text(corpus_path(prefix))))


def projects(prefix: str, source: str) -> dict[str, Project]:
    return {p.project: p for p in extract(prefix)[0] if p.source == source}


def indicators(prefix: str, project: str = "") -> list[Indicator]:
    return [i for i in extract(prefix)[1] if i.project == project]


def test_word_reader_keeps_lone_tab_cells():
    """A lone TAB is an empty (merged) Word cell, not a blank line ending the row."""
    assert parse_lines(["\ta", "\t", "\tb"])[0].cells == ["a", "", "b"]


# ---- 003: spreadsheet rows, 公开11 and 公开12


def test_003_project_tables():
    tables = projects("003", "table:project_performance")
    assert len(tables) == 8  # eight 公开12表 (the first repeats its indicator header block)
    talent = tables["市人才发展专项资金"]
    assert talent.budget == Decimal("30000000.00")
    assert talent.executed == Decimal("29906000.00")
    assert talent.stated_rate == Decimal("99.69")
    assert talent.rate_half_unit == Decimal("0.005")
    assert talent.amount_half_unit == 50
    assert (talent.weight, talent.score) == (Decimal("10.00"), Decimal("9.97"))
    assert talent.unit == "中国共产党玉溪市委员会组织部"
    assert talent.grade == "优"
    assert talent.total_score is None  # the 总分 row prints 100 under 分值 and 优 under 得分
    assert talent.line == 377
    assert talent.quote == "年度资金总额 | 3,000.00 | 3,000.00 | 2,990.60 | 10.00 | 99.69 | 9.97"


def test_003_funds_aligned_when_header_and_values_are_shifted():
    tables = projects("003", "table:project_performance")
    rural = tables["乡村振兴工作队（市本级）工作经费"]
    assert (rural.budget, rural.executed, rural.stated_rate, rural.score) == (
        Decimal("300800.00"), Decimal("248200.00"), Decimal("82.51"), Decimal("8.25"))
    experts = tables["省委联系专家分层分类联系专项资金"]
    assert (experts.budget, experts.executed, experts.stated_rate) == (
        Decimal("25000.00"), Decimal("25000.00"), Decimal("100.00"))
    assert tables["城市基层党建（市本级）工作经费"].unit == "中国共产党玉溪市委委员会组织部"  # as printed


def test_003_department_task():
    (task,) = projects("003", "table:department_tasks").values()
    assert task.project == "市人才发展专项资金"
    assert (task.budget, task.executed) == (Decimal("30000000.00"), Decimal("29906000.00"))
    assert (task.stated_rate, task.rate_half_unit) == (Decimal("1.00"), Decimal("0.005"))
    assert task.unit == "" and task.line == 354


def test_003_indicators():
    counts = Counter(i.project for i in extract("003")[1])
    assert counts == {
        "": 9,
        "市人才发展专项资金": 19,
        "城市基层党建（市本级）工作经费": 5,
        "干部教育培训经费": 13,
        "乡村振兴工作队（市本级）工作经费": 5,
        "省委联系专家分层分类联系专项资金": 5,
        "全省选调生一次性工作生活补助经费": 7,
        "2020年新型智慧城市重点建设项目政府购买服务专项资金": 9,
        "赴昭通市镇雄县脱贫攻坚工作队员工作经费": 6,
    }
    talent = indicators("003", "市人才发展专项资金")
    assert all(i.level1 != "绩效指标" for i in talent)  # the repeated header is no indicator
    second = talent[1]
    assert (second.scope, second.level1, second.level2, second.level3) == (
        "project", "产出指标", "数量指标", "社工和非公经济技能后备人才补助数量")
    assert (second.nature, second.target, second.measure_unit, second.actual) == (">=", "200", "人", "未完成")
    assert (second.weight, second.score) == (Decimal("3"), Decimal("2.5"))
    assert second.note.startswith("此指标具体由市民政局、市人社局负责实施。")
    insurance = indicators("003", "乡村振兴工作队（市本级）工作经费")[1]
    assert (insurance.nature, insurance.target) == ("<=", "2020.12.31")


def test_003_department_indicators():
    department = indicators("003")
    assert {i.scope for i in department} == {"department"}
    first = department[0]
    assert (first.level1, first.level2, first.level3, first.nature, first.target, first.measure_unit) == (
        "产出指标", "数量指标", "各项组织工作任务按量完成", "=", "工作报告明确", "年")
    assert first.actual == "圆满完成中央和省委组织部各项工作任务，在年度考核中未被扣分。"
    assert first.line == 359


# ---- 002: Word rows, 项目（政策）资金绩效自评表 and the department table


def test_002_project_tables():
    tables = projects("002", "table:project_performance")
    assert list(tables) == [
        "党员教育培训经费", "基层组织建设工作经费", "干部队伍建设经费", "老干部队伍建设经费",
        "2020年度西区干部人才健康体检经费", "公共文化服务体系建设专项资金",
        "国有企业退休人员社会化管理补助资金", "两新第一书记试点经费", "市委换届考察组入驻西区期间工作经费",
    ]
    training = tables["党员教育培训经费"]
    assert (training.budget, training.executed) == (Decimal("300000.00"), Decimal("262300.00"))
    assert (training.stated_rate, training.rate_half_unit) == (Decimal("87"), Decimal("0.5"))
    assert training.amount_half_unit == 5000  # the budget is printed '30' (whole 万元): ±0.5 万元
    assert training.unit == "中国共产党攀枝花市西区委员会组织部"
    assert (training.weight, training.score, training.total_score, training.grade) == (None, None, None, "")
    assert training.line == 262
    culture = tables["公共文化服务体系建设专项资金"]
    assert (culture.budget, culture.executed, culture.stated_rate) == (
        Decimal("18000.00"), Decimal("0.00"), Decimal("0"))
    inspection = tables["市委换届考察组入驻西区期间工作经费"]
    assert (inspection.budget, inspection.executed, inspection.stated_rate) == (
        Decimal("198900.00"), Decimal("58000.00"), Decimal("29"))


def test_002_indicators():
    counts = Counter(i.project for i in extract("002")[1])
    assert counts == {
        "": 12,
        "党员教育培训经费": 11,
        "基层组织建设工作经费": 9,
        "干部队伍建设经费": 20,
        "老干部队伍建设经费": 12,
        "2020年度西区干部人才健康体检经费": 6,
        "公共文化服务体系建设专项资金": 6,
        "国有企业退休人员社会化管理补助资金": 10,
        "两新第一书记试点经费": 6,
        "市委换届考察组入驻西区期间工作经费": 6,
    }
    first, second = indicators("002", "党员教育培训经费")[:2]
    assert (first.level1, first.level2, first.level3) == ("项目完成", "数量指标", "村（社区）党员教育培训")
    assert (first.target, first.actual) == ("全区村（社区）党员8002人全覆盖培训", "全区村（社区）党员8094人全覆盖培训")
    # merged level cells continue from the row above
    assert (second.level1, second.level2, second.level3) == ("项目完成", "数量指标", "村（社区）远教站点运行维护和工作人员绩效")
    cost = indicators("002", "基层组织建设工作经费")[5]
    assert (cost.level2, cost.target, cost.actual, cost.note) == ("成本指标", "30万元", "18.52万元", "部分资金未支付")


def test_002_department_indicators():
    department = indicators("002")
    assert {i.scope for i in department} == {"department"}
    # the first indicator continues the header row of the Word table
    first = department[0]
    assert (first.level1, first.level2, first.level3) == ("", "数量指标", "保障组织部人员的各项工资福利待遇等")
    assert (first.target, first.actual, first.line) == ("保障组织部全体行政、事业、退休人员各项工资福利待遇", "全部完成", 165)
    assert (department[2].level2, department[2].level3) == ("质量指标", "组织部人员的各项工资福利待遇等不滞后")
    assert (department[8].level1, department[8].level2) == ("效益指标", "社会效益指标")
    assert (department[6].target, department[6].actual) == ("281.34万元", "289.53万元")


# ---- 000: Word rows and narrative summaries


def test_000_narrative_projects():
    narrative = projects("000", "narrative")
    assert list(narrative) == ["人才工作经费", "峨眉微政务运行", "创卫工作经费", "4名遗孀补贴（老干局）", "两新组织党建工作经费"]
    talent = narrative["人才工作经费"]  # 8.95 / 10 is 89.5%, the document says 67.27%: kept as printed
    assert (talent.budget, talent.executed) == (Decimal("100000.00"), Decimal("89500.00"))
    assert (talent.stated_rate, talent.rate_half_unit, talent.amount_half_unit) == (
        Decimal("67.27"), Decimal("0.005"), 5000)  # '预算数10万元' is printed in whole 万元: ±0.5 万元
    assert talent.line == 160
    assert talent.quote == "（1）人才工作经费项目绩效目标完成情况综述。项目全年预算数10万元，执行数为8.95万元，完成预算的67.27%"
    party = narrative["两新组织党建工作经费"]
    assert (party.budget, party.executed, party.stated_rate) == (
        Decimal("44800.00"), Decimal("38000.00"), Decimal("84.82"))
    assert narrative["创卫工作经费"].rate_half_unit == Decimal("0.5")


def test_000_project_table():
    (table,) = projects("000", "table:project_performance").values()
    assert table.project == "峨眉微政务运行项目"
    assert table.unit == "中国共产党峨眉山市委员会组织部"
    # 执行数 is printed as 8.50 in the table (其中-财政拨款 8.04; the narrative says 8.04)
    assert (table.budget, table.executed, table.stated_rate) == (
        Decimal("85000.00"), Decimal("85000.00"), None)
    assert table.quote == "预算执行情况(万元) | 预算数: | 8.50 | 执行数: | 8.50"
    assert table.line == 174


def test_000_indicators():
    table = indicators("000", "峨眉微政务运行项目")
    assert len(table) == 5
    first = table[0]
    assert (first.level1, first.level2, first.level3) == ("项目完成指标", "平台采购", "")
    assert (first.target, first.actual) == ("六月底之前", "6月上旬对接平台开发商进行平台采购")
    annex = indicators("000")  # scoring table of the annexed department evaluation report
    assert len(annex) == 21 and {i.scope for i in annex} == {"department"}
    assert (annex[1].level1, annex[1].level2, annex[1].level3, annex[1].score) == (
        "预算编制", "报送时效", "预算草案报送（1分）", Decimal("1"))


# ---- 001: department evaluation (Word rows)


def test_001_department_indicators():
    projects_001, department = extract("001")
    assert projects_001 == []
    assert len(department) == 36 and {i.scope for i in department} == {"department"}
    quality = department[0]  # 整体支出绩效定量目标: 评价内容 spans two level columns
    assert (quality.level1, quality.level2, quality.level3) == ("产出目标", "质量指标", "")
    assert (quality.target, quality.actual) == ("指标1：政治引领，基层建设进一步加强。", "基层组织建设得到了进一步加强。")
    timely = department[5]  # a blank line inside the cell split this Word row in two
    assert (timely.level2, timely.target, timely.actual) == ("时效指标", "指标：按工作计划实施", "已按工作进度落实")
    assert (department[10].level1, department[10].level2) == ("效益目标", "社会公众或服务对象满意度")

    scores = {i.level3: i for i in department[11:]}
    assert len(scores) == 24  # 25 rows, 管理制度健全性 appears under 预算管理 and 资产管理
    first = department[11]
    assert (first.level1, first.level2, first.level3, first.weight, first.score) == (
        "投入", "预算配置", "财政供养人员控制率", Decimal("5"), Decimal("5"))
    lowered = scores["推进全面小康建设指标任务完成情况"]
    assert (lowered.level1, lowered.level2, lowered.weight, lowered.score, lowered.note) == (
        "产出", "职责履行", Decimal("5"), Decimal("4"), "没有具体推进小康建设任务")
    # a merged 分值 is not copied down: 15 is the weight of the three 履职效益 rows together
    assert (scores["经济效益"].weight, scores["社会效益"].weight, scores["社会效益"].score) == (
        Decimal("15"), None, Decimal("5"))


# ---- behaviour on constructed input


def test_html_fragments_are_stripped_and_title_ends_project():
    items = [
        Paragraph(1, "项目支出绩效自评表"),
        Row(2, ["项目名称", "<p>示例 项目</p>"], [2, 2]),
        Row(3, ["项目资金（万元）", "全年预算数", "全年执行数", "执行率"], [3] * 4),
        Row(4, ["年度资金总额", "1.5", "1", "66.67"], [4] * 4),
        Row(5, ["一级指标", "二级指标", "三级指标", "实际完成值"], [5] * 4),
        Row(6, ["产出指标", "数量指标", "培训", '<ol style="x"> <li>完成</li>\n<li>&amp;好</li></ol>'], [6] * 4),
        Row(7, ["", "", "覆盖率", "100%"], [7] * 4),
        Paragraph(8, "部门整体支出绩效自评表"),
        Row(9, ["一级指标", "二级指标", "三级指标", "实际完成值"], [9] * 4),
        Row(10, ["产出指标", "质量指标", "合格率", "99%"], [10] * 4),
    ]
    (project,), (training, coverage, department) = extract_performance(items)
    assert (project.project, project.budget, project.executed) == (
        "示例项目", Decimal("15000.00"), Decimal("10000.00"))
    assert training.actual == "完成 &好"
    assert (coverage.project, coverage.level1, coverage.level2) == ("示例项目", "产出指标", "数量指标")
    assert (department.scope, department.project) == ("department", "")
