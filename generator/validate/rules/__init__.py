"""The validation rules, one module per family; importing this package registers them all in
`registry.RULES`. The methodology page of the site is generated from that registry."""
from __future__ import annotations

from generator.validate.rules import (  # noqa: F401  (registration)
    budget,
    changes,
    charts,
    completeness,
    contents,
    cross,
    generic,  # noqa: F401,E402  (last: a standard table's finding leads its group)
    lists,
    names,
    narrative,
    outline,
    performance,
    product,
    tables,
    template,
)
from generator.validate.rules.registry import RULES, Rule, rule  # noqa: F401
