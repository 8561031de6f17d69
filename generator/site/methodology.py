"""What the site says it checks is the validator's rule registry, read at build time."""
from __future__ import annotations

from generator.validate.methodology import classes_text
from generator.validate.rules import RULES


def rules() -> list[tuple[str, str, str, str, str]]:
    """(id, title, description, classes in words, real example) of every validation rule, in registry order."""
    return [(rule.id, rule.title, rule.description, classes_text(rule), rule.example) for rule in RULES]
