"""A department the registry does not know yet: its name as the document prints it, the
division it belongs to (cpca's administrative division codes) and an id with a pinyin slug.

What names the publisher is data: the label lines of table headers (编制单位：…, 部门名称：…,
预算单位：…, 部门（单位）名称 | …) and the cover title (…2026年部门预算); what a kind of
department is called is the KINDS registry below.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from generator.ingest.items import DocumentError, Paragraph, Row
from generator.model.departments import Department

# a label cell or line that names the publisher: '编制单位：上海市医疗保险事业管理中心 单位：元'
LABEL = re.compile(r"^(?:编制|预算|填报)?(?:部门|单位)(?:名称)?(?:[（(]单位[)）])?(?:名称)?$")
LABEL_LINE = re.compile(r"(?:^|\s)(?:编制|预算|填报)?(?:部门|单位)(?:名称)?(?:[（(]单位[)）])?(?:名称)?\s*[:：]\s*"
                        r"(?!\s*(?:万元|元|千元|亿元))(\S[^\t:：]*?)(?=\s*(?:金额)?单位\s*[:：]|\s{2,}|\t|$)", re.M)
# words of a cover title that are not the name: '2026年度', '部门预算', '信息公开', '情况说明'
COVER_WORDS = re.compile(r"(?:\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{4}\s*年度?|[（(]\s*\d{4}\s*年度?\s*[)）]|(?:市级|区级|县级|省级)?(?:部门|单位)(?:整体)?(?:综合)?"
                         r"(?:预算|决算)(?:信息)?(?:公开)?(?:说明|报表|情况说明)?|部门整体(?:支出)?绩效自评表?|公开报表|附件\s*\d+)")
ORGANISATION = re.compile(r"(?:局|委|办|部|厅|院|中心|会|处|所|站|队|校|学|馆|社|室|政府|街道|镇|乡|集团|公司|团|府|署|庭)$")
BUDGET_CODE = re.compile(r"^\d{3,}\s*[-－—]\s*")  # '507-湖州市卫生健康委员会'
SCOPE_MARK = re.compile(r"[（(](?:汇总|本级|单位|部门)[)）]$")  # '深圳市民政局（本级）'
PARTY_PREFIX = re.compile(r"^(?:中国共产党|中共)")

# (pattern on the name, kind), first match wins
KINDS: tuple[tuple[str, str], ...] = (
    (r"^(?:中国共产党|中共)|委员会.*部$|委.{1,4}部$", "党委部门"),   # 中共西安市委宣传部
    (r"人大|人民代表大会", "人大机关"),                              # 江苏省人大常委会办公厅
    (r"政协|政治协商会议", "政协机关"),                              # 江苏省政协办公厅
    (r"街道办事处$", "街道办事处"),                                  # 普陀区万里街道办事处
    (r"(?:镇|乡)人民政府$", "乡镇"),
    (r"大学$|学院$|学校$|中学$|小学$|幼儿园$", "学校"),              # 西南大学
    (r"中心$|医院$|研究院$|研究所$|站$|馆$|队$", "事业单位"),        # 上海市医疗保险事业管理中心
    (r"", "政府部门"),                                               # 烟台市审计局
)


def printed_name(items: list[Paragraph | Row]) -> str | None:
    """The publisher's name as the document prints it: the most frequent label ('编制单位：X',
    a '部门（单位）名称 | X' cell pair), else the cover title with its year and kind words removed."""
    labels: Counter[str] = Counter()
    for item in items:
        if isinstance(item, Paragraph):
            labels.update(_clean(match.group(1)) for match in LABEL_LINE.finditer(item.text))
        else:
            cells = [text.strip() for text in item.cells]
            for index, cell in enumerate(cells):
                if LABEL.match(re.sub(r"\s+", "", cell)):
                    value = next((text for text in cells[index + 1:] if text), "")
                    labels[_clean(value)] += 1
                else:
                    labels.update(_clean(match.group(1)) for match in LABEL_LINE.finditer(cell))
    names = [name for name, _ in labels.most_common() if _is_name(name)]
    if names:
        return names[0]
    cover = _clean(COVER_WORDS.sub("", "".join(_cover(items))))
    return cover if _is_name(cover) else None


def _cover(items: list[Paragraph | Row]) -> list[str]:
    """The paragraphs before the contents page (at most six), or before the first table."""
    out = []
    for item in items:
        if not isinstance(item, Paragraph) or re.sub(r"\s+", "", item.text) in ("目录", "目次") or len(out) == 6:
            break
        out.append(re.sub(r"\s+", "", item.text))
    return out


def _clean(name: str) -> str:
    name = BUDGET_CODE.sub("", re.sub(r"\s+", "", name))
    return name.strip("：:，,。 ")


def _is_name(name: str) -> bool:
    bare = SCOPE_MARK.sub("", name)
    return 3 <= len(bare) <= 40 and bool(ORGANISATION.search(bare)) and not re.search(r"\d{4}|万元|单位[:：]", bare)


def _place(name: str) -> dict:
    import cpca

    return cpca.transform([name]).iloc[0].to_dict()


def _names_place(name: str, row: dict) -> bool:
    return isinstance(row["adcode"], str) and any(
        isinstance(row[level], str) and name.startswith(row[level][:2]) for level in ("省", "市"))


def division_of(name: str, text: str) -> tuple[str, str, str, str] | None:
    """(division code, province, city, county) of the place the name begins with, else the
    province the document names most often (a university named without its city)."""
    import cpca

    name = PARTY_PREFIX.sub("", name)
    row = _place(name)
    if not _names_place(name, row):
        lines = [line for line in text.splitlines() if 4 <= len(line) <= 200][:400]
        provinces = Counter(record["省"] for record in cpca.transform(lines).to_dict("records")
                            if isinstance(record["省"], str) and record["省"] in text)
        if not provinces:
            return None
        province = provinces.most_common(1)[0][0]
        return _place(province)["adcode"][:2] + "0000", province, "", ""
    province = row["省"] if isinstance(row["省"], str) else ""
    city = row["市"] if isinstance(row["市"], str) and row["市"] != "市辖区" else ""
    county = row["区"] if isinstance(row["区"], str) and row["区"] in name else ""
    code = row["adcode"] if county else row["adcode"][:4] + "00"
    if province in ("北京市", "上海市", "天津市", "重庆市"):
        city, code = (province, code) if county else ("", code[:2] + "0000")
    return code, province, city, county


def slug_of(name: str) -> str:
    """An ASCII slug of the name without its place: full pinyin of a short name (气象局 →
    qixiangju), initials of a long one (卫生健康委员会 → wsjkwyh)."""
    from pypinyin import Style, lazy_pinyin

    rest = SCOPE_MARK.sub("", PARTY_PREFIX.sub("", name))
    row = _place(rest)
    if _names_place(rest, row):
        for key in ("省", "市", "区"):
            place = row[key]
            if isinstance(place, str):
                for form in (place, place[:-1]):
                    if len(form) >= 2 and rest.startswith(form):
                        rest = rest[len(form):]
                        break
    core = re.sub(r"[^\u4e00-\u9fff]", "", rest.lstrip("委")) or rest
    words = lazy_pinyin(core, style=Style.NORMAL if len(core) <= 4 else Style.FIRST_LETTER, errors="ignore")
    return re.sub(r"[^a-z0-9]", "", "".join(words).lower()) or "dept"


def kind_of(name: str) -> str:
    return next(kind for pattern, kind in KINDS if re.search(pattern, name))


def propose(name: str, text: str, registry: Mapping[str, Department]) -> Department:
    """A registry row for a department the registry lacks; DocumentError when its place is unknown."""
    place = division_of(SCOPE_MARK.sub("", name), text)
    if place is None:
        raise DocumentError(f"cannot tell which province, city or county {name} belongs to; "
                            "pass --department ID after adding its row to the registry")
    code, province, city, county = place
    level = "province" if code.endswith("0000") else "city" if code.endswith("00") else "county"
    if level != "province" and not city:
        city = province
    base = f"{code}-{slug_of(name)}"
    ident, suffix = base, 2
    while ident in registry:
        ident, suffix = f"{base}-{suffix}", suffix + 1
    official = SCOPE_MARK.sub("", name)
    aliases = (name,) if official != name else ()
    return Department(ident, official, aliases, province, city, county if level == "county" else "", code, level,
                      kind_of(official))
