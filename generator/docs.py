"""Reference pages written from the code, so they cannot drift from it: docs/cli.md from the
command-line parser, docs/tables.md from the table registries, the resource list of
docs/package-format.md from model/resources.py. `python -m generator.docs` rewrites them;
tests/test_docs.py fails when a page differs from what the code says."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import cli
from generator.model.resources import RESOURCES
from generator.model.table_roles import ROLES
from generator.model.table_spec import Figure, TableSpec
from generator.model.tables import ALL_TABLES

ROOT = Path(__file__).resolve().parents[1]
NOTICE = "<!-- Written by `python -m generator.docs` from {source}: change the code, then run it. -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _argument(action: argparse.Action) -> str:
    if not action.option_strings:
        return f"`{action.dest}`" + (" …" if action.nargs in ("+", "*") else "")
    metavar = "" if action.nargs == 0 else f" {action.metavar or action.dest.upper()}"
    return ", ".join(f"`{option}{metavar}`" for option in action.option_strings)


def _default(action: argparse.Action) -> str:
    default = action.default
    if action.nargs == 0 or default is None or default == argparse.SUPPRESS:
        return ""
    if isinstance(default, list):
        return " ".join(f"`{value}`" for value in default)
    return f"`{default}`"


def arguments(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """The parser's arguments but `--help`."""
    return [action for action in parser._actions if not isinstance(action, argparse._HelpAction)]


def commands(parser: argparse.ArgumentParser) -> dict[str, tuple[str, argparse.ArgumentParser]]:
    """Command name → (one-line help, its parser)."""
    sub = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    helps = {action.dest: action.help for action in sub._choices_actions}
    return {name: (helps[name], subparser) for name, subparser in sub.choices.items()}


def cli_page() -> str:
    parser = cli._parser()
    lines = ["# Command line: `transparency`", "", NOTICE.format(source="generator/cli.py"), "",
             parser.description, "", "`python -m generator COMMAND …` runs the same commands without the installed "
             "script. `transparency COMMAND --help` prints this page's section for a command.", ""]
    for name, (summary, sub) in commands(parser).items():
        formatter = argparse.HelpFormatter(sub.prog, width=100)
        formatter.add_usage(sub.usage, sub._actions, sub._mutually_exclusive_groups)
        lines += [f"## `transparency {name}`", "", f"{summary[0].upper()}{summary[1:]}.", "",
                  "```text", formatter.format_help().strip(), "```", ""]
        if sub.description:
            lines += [sub.description, ""]
        lines += ["| argument | default | meaning |", "|---|---|---|"]
        for action in arguments(sub):
            meaning = action.help or ""
            if action.choices:
                meaning += f" (one of {', '.join(f'`{choice}`' for choice in action.choices)})"
            lines.append(f"| {_argument(action)} | {_default(action)} | {_cell(meaning)} |")
        lines.append("")
    return "\n".join(lines)


def _figure(figure: Figure) -> str:
    rows = [f"{field} `{pattern}`" for field, pattern in figure.where]
    rows += {"none": ["a row without a code"], "class": ["each 类 (3-digit code)"]}.get(figure.code, [])
    rows += ["the first row"] if figure.first else []
    extra = [words for words, applies in (("as its budget", figure.kind == "budget"), ("item from the row", figure.item),
                                          ("code from the row", figure.with_code)) if applies]
    return (f"- `{figure.measure}` ← column `{figure.column}`" + (f", rows: {'; '.join(rows)}" if rows else "")
            + (f" ({', '.join(extra)})" if extra else ""))


def _table(spec: TableSpec) -> list[str]:
    facts = [f"{words}" for words, applies in (("required in every 决算", spec.required),
                                   (f"fund: {spec.fund}", bool(spec.fund)),
                                   (f"codes: {spec.classification}", spec.shape == "function"),
                                   (f"stands for `{spec.stands_for}`", bool(spec.stands_for))) if applies]
    lines = [f"### `{spec.id}` {spec.title}", "",
             f"Shape `{spec.shape}`, {spec.kind}" + (f"; {'; '.join(facts)}" if facts else "") + ".", ""]
    if spec.titles:
        lines += ["Printed titles: " + ", ".join(f"{title}" for title in spec.titles) + ".", ""]
    if spec.signatures:
        lines += ["Untitled, known by its first headers: " + ", ".join(spec.signatures) + ".", ""]
    lines += ["| column | title | printed headers |", "|---|---|---|"]
    lines += [f"| `{column.id}` | {_cell(column.title)}{' (optional)' if column.optional else ''} | "
              f"{_cell(', '.join(column.aliases))} |" for column in spec.columns]
    lines.append("")
    sums = [f"- `{total}` = {' + '.join(f'`{part}`' for part in parts)}" for total, parts in spec.identities]
    sums += [f"- {total} = {' + '.join(parts)}" for total, parts in spec.item_sums]
    if sums:
        lines += ["Identities (checked by the table rules):", "", *sums, ""]
    if spec.figures:
        lines += ["Figures its rows state (facts.csv):", "", *map(_figure, spec.figures), ""]
    return lines


def _entry(what: str, entry: tuple[str, ...]) -> str:
    """A role's (pattern, measure[, voiding pattern]) in words."""
    void = f" (not when `{entry[2]}` is printed)" if len(entry) > 2 else ""
    return f"- {what} `{entry[0]}` → `{entry[1]}`{void}"


def tables_page() -> str:
    lines = ["# Table layouts", "", NOTICE.format(
                 source="generator/model/tables.py, budget_tables.py and table_roles.py"), "",
             "Every layout an import reads into fixed columns (a `TableSpec`), then the roles by which a table "
             "kept as printed still gives its headline figures. How to add one: "
             "[extending.md](extending.md); the CSV format: [package-format.md](package-format.md).", ""]
    groups = {("final", True): "决算: the national set", ("final", False): "决算 and 绩效自评: further tables",
              ("budget", False): "预算", ("budget", True): "预算: required"}
    for key, heading in groups.items():
        specs = [layout for layout in ALL_TABLES if (layout.kind, layout.required) == key]
        if specs:
            lines += [f"## Layouts, {heading} ({len(specs)})", ""]
            for spec in specs:
                lines += _table(spec)
    lines += ["## Roles of tables kept as printed", "",
              "A table no layout reads is kept as printed (`generic_NN`); the first role whose words its title "
              "holds (number, year and publisher removed) and none of whose other words it holds says which "
              "figures it states. Where the title gives no role, the first role whose content words its column "
              "headers and row labels hold gives it. Patterns are regular expressions.", ""]

    def words(label: str, patterns: tuple[str, ...]) -> list[str]:
        return [f"- {label}: {', '.join(f'`{pattern}`' for pattern in patterns)}"] if patterns else []

    for role in ROLES:
        lines += [f"### `{role.id}`", "", f"Example: {role.example}", ""]
        lines += words("title holds", role.words) + words("title does not hold", role.not_words)
        lines += words("by content, column headers hold", role.headers) + words("by content, row labels hold", role.labels)
        lines += words("by content, voided by", role.not_content)
        lines += [_entry("row", entry) for entry in role.rows] + [_entry("column", entry) for entry in role.columns]
        lines.append("")
    return "\n".join(lines)


BEGIN = "<!-- resources: written by `python -m generator.docs` from generator/model/resources.py -->"
END = "<!-- /resources -->"


def resources_block() -> str:
    lines = ["## Resources other than tables", "",
             "The importer writes these from `generator/model/resources.py`, which also says which ones "
             "`transparency validate` requires. Types are Table Schema types: `number` is an exact decimal "
             "(Decimal in Python), `integer` a whole number; an empty cell is no value.", ""]
    for spec in RESOURCES:
        when = "in every package" if spec.required else "when the document has any"
        lines += [f"### `{spec.path}` {spec.title}", "", f"{spec.about[0].upper()}{spec.about[1:]}; {when}.", "",
                  "| field | title | type | meaning |", "|---|---|---|---|"]
        lines += [f"| `{field.name}` | {field.title} | {field.type}{', required' if field.required else ''} | {_cell(field.about)} |"
                  for field in spec.fields]
        lines.append("")
    return "\n".join(lines)


def package_format_page() -> str:
    """docs/package-format.md with its resource list written anew between BEGIN and END."""
    text = (ROOT / "docs/package-format.md").read_text(encoding="utf-8")
    head, rest = text.split(BEGIN)
    return f"{head}{BEGIN}\n{resources_block()}{END}{rest.split(END)[1]}"


PAGES = {"docs/cli.md": cli_page, "docs/tables.md": tables_page, "docs/package-format.md": package_format_page}


def main() -> int:
    for path, page in PAGES.items():
        (ROOT / path).write_text(page(), encoding="utf-8")
        print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
