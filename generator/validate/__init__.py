"""Validation: errors (the package is broken) and findings (the document contradicts itself)."""
