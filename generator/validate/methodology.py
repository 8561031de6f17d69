"""What the validator checks, in words, generated from the rule registry: the rule list of
docs/validation.md and the site's methodology page say exactly what the code checks.

`python -m generator.validate.methodology docs/validation.md` rewrites the list in place
(between the two marker lines); a test fails when the file and the registry drift apart.
"""
from __future__ import annotations

import sys
from pathlib import Path

from generator.validate.rules import RULES, Rule

START = "<!-- rules: generated from generator/validate/rules by generator.validate.methodology; do not edit -->"
END = "<!-- end of rules -->"
CLASS_WORDS = {"inconsistency": "数据不一致", "rounding": "舍入差异", "notice": "未能核对（提示）"}


def classes_text(rule: Rule) -> str:
    return "、".join(CLASS_WORDS[cls] for cls in rule.classes)


def rules_markdown() -> str:
    """The rule list of docs/validation.md."""
    out = [START, ""]
    for rule in RULES:
        out += [f"### `{rule.id}` {rule.title}", "", rule.description, "",
                f"- class: {', '.join(rule.classes)}"]
        if rule.message:
            out.append(f"- message: {rule.message}")
        if rule.example:
            out.append(f"- example: {rule.example}")
        out.append("")
    out.append(END)
    return "\n".join(out)


def with_rules(text: str) -> str:
    """`text` with its generated rule list replaced by the registry's (appended when absent)."""
    block = rules_markdown()
    if START in text and END in text:
        head, _, rest = text.partition(START)
        _, _, tail = rest.partition(END)
        return head + block + tail
    return text.rstrip("\n") + "\n\n" + block + "\n"


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "docs/validation.md")
    path.write_text(with_rules(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
