"""Docs that cannot drift: the pages written from the code equal what the code says now, every
command-line argument has its help, and every example of docs/extending.md runs."""
from __future__ import annotations

import re

import pytest

from generator import cli, docs
from tests.conftest import ROOT


@pytest.mark.parametrize("page", sorted(docs.PAGES))
def test_generated_page_is_current(page):
    written = (ROOT / page).read_text(encoding="utf-8")
    assert written == docs.PAGES[page](), f"{page} differs from the code: run python -m generator.docs"


def test_every_command_and_argument_has_help():
    commands = docs.commands(cli._parser())
    assert set(commands) == {"import", "validate", "build", "serve"}
    for name, (summary, parser) in commands.items():
        assert summary and parser.description, name
        for action in docs.arguments(parser):
            assert action.help, f"transparency {name} {action.option_strings or action.dest}: no help text"


def test_a_new_option_shows_in_the_page(monkeypatch):
    made = cli._parser

    def with_option():
        parser = made()
        docs.commands(parser)["build"][1].add_argument("--dry-run", action="store_true", help="say, do nothing")
        return parser

    monkeypatch.setattr(cli, "_parser", with_option)
    assert "| `--dry-run` |  | say, do nothing |" in docs.cli_page()
    assert docs.cli_page() != (ROOT / "docs/cli.md").read_text(encoding="utf-8")


def test_every_layout_and_role_is_in_tables_page():
    from generator.model.table_roles import ROLES
    from generator.model.tables import ALL_TABLES

    page = (ROOT / "docs/tables.md").read_text(encoding="utf-8")
    layouts, roles = page.split("## Roles of tables kept as printed")
    assert sorted(re.findall(r"^### `([^`]+)`", layouts, re.M)) == sorted(t.id for t in ALL_TABLES)
    assert re.findall(r"^### `([^`]+)`", roles, re.M) == [r.id for r in ROLES]


def test_extending_examples_run(monkeypatch):
    monkeypatch.chdir(ROOT)
    blocks = re.findall(r"^```python\n(.*?)^```", (ROOT / "docs/extending.md").read_text(encoding="utf-8"),
                        re.S | re.M)
    assert len(blocks) == 5
    names: dict = {}
    for number, block in enumerate(blocks, start=1):
        exec(compile(block, f"docs/extending.md, example {number}", "exec"), names)
