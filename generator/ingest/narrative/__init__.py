"""Narrative readers: sections, glossary and template sentences (`sections`, `budget`), the
phrasings registry (`patterns`), and performance self-evaluations (`performance`)."""
