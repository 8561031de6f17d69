"""What a document says about itself: fiscal year, kind (决算/预算/绩效自评) and scope
(a department's consolidated disclosure, or one budget unit's)."""
from __future__ import annotations

import re
from collections import Counter

_LEVEL = r"(?:区级|市级|县级|省级|省)?"


def infer_year(text: str) -> int | None:
    """The fiscal year the document reports on, from its own title sentences."""
    for pattern in (r"(\d{4})\s*年度?部门(?:综合)?(?:决算|预算)", rf"(\d{{4}})\s*年度?{_LEVEL}(?:部门|单位)(?:综合)?(?:决算|预算)",
                    r"对\s*(\d{4})\s*年度?(?:部门)?整体支出", r"(\d{4})\s*年度?(?:部门)?整体支出"):
        years = Counter(re.findall(pattern, text))
        if years:
            return int(years.most_common(1)[0][0])
    years = Counter(re.findall(r"(20\d{2})\s*年", text))
    return int(years.most_common(1)[0][0]) if years else None


def infer_kind(text: str, table_kinds: list[str]) -> str | None:
    """final or budget by the standard tables found, else by what the text calls itself."""
    if table_kinds:
        return Counter(table_kinds).most_common(1)[0][0]
    said = Counter(re.findall(rf"\d{{4}}\s*年度?{_LEVEL}(?:部门|单位)(?:综合)?(决算|预算)", text))
    if said:
        return "final" if said.most_common(1)[0][0] == "决算" else "budget"
    if "绩效自评" in text or "绩效评价" in text:
        return "evaluation"
    if re.search(r"(?:部门|单位)(?:综合)?预算|预算(?:公开|报表)|绩效目标表", text):
        return "budget"
    return None


def infer_scope(text: str) -> str:
    """unit when the document is one budget unit's own (单位预算/决算, 预算单位：…), else department."""
    unit = len(re.findall(rf"\d{{4}}\s*年度?{_LEVEL}单位(?:预算|决算)|^预算单位[:：]", text, re.M))
    department = len(re.findall(rf"\d{{4}}\s*年度?{_LEVEL}部门(?:预算|决算)|^预算主管部门[:：]", text, re.M))
    return "unit" if unit > department else "department"
