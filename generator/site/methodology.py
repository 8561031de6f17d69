"""What the site says it checks is the validator's rule registry, read at build time."""
from __future__ import annotations

from generator.validate.rules import RULES


def rules() -> list[tuple[str, str, str]]:
    """(id, title, description) of every validation rule, in registry order."""
    return [(r.id, r.title, r.description) for r in RULES]
