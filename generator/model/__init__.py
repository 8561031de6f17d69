"""The shared model: tables, money, ids, facts, code lists and package I/O."""
