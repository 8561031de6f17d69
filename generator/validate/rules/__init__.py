"""The validation rules, one module per family; importing this package registers them all in
`registry.RULES`. The methodology page of the site is generated from that registry."""
from __future__ import annotations

import importlib

from generator.validate.rules.registry import RULES, Rule, rule  # noqa: F401

# The rule families in registration order, like Datasette's DEFAULT_PLUGINS: the order is the
# registry's, hence the docs' and a group's; generic comes last so that a standard table's
# finding leads the group it shares with a generic table's.
FAMILIES = ("budget", "changes", "change_lists", "charts", "completeness", "contents", "cross", "lists", "names", "narrative",
            "outline", "performance", "product", "tables", "template", "generic")
for _family in FAMILIES:
    importlib.import_module(f"generator.validate.rules.{_family}")
