"""Importers: published documents → data packages (never renders HTML)."""
