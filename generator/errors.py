"""What can stop an import, as types a Python caller can catch (`generator.api`). The message
says what was wrong and what to do; the command line prints it after `error:` and exits 1.

    TransparencyError
    ├── BadInput              a source, the registry or the output folder cannot be used as given
    ├── DepartmentError
    │   ├── UnknownDepartment     the department given is not registered, or the document names none
    │   └── AmbiguousDepartment   the document names several registered departments
    ├── Undetermined          the fiscal year or the kind cannot be read from the document
    └── PoorerPackage         the package in place holds more than the import would write
"""
from __future__ import annotations


class TransparencyError(Exception):
    """Base of every error an import raises on purpose."""


class BadInput(TransparencyError):
    """A source document (missing, unreadable, too large, not a disclosure), the department
    registry or the output folder cannot be used as given."""


class DepartmentError(TransparencyError):
    """The disclosure cannot be given a department."""


class UnknownDepartment(DepartmentError):
    """`department=` names no row of the registry, or the document prints no department name
    that a department can be made from."""


class AmbiguousDepartment(DepartmentError):
    """The document names several registered departments; `candidates` are their ids."""

    def __init__(self, message: str, candidates: list[str]):
        super().__init__(message)
        self.candidates = candidates


class Undetermined(TransparencyError):
    """The document does not say its fiscal year or its kind; `what` is `year` or `kind`."""

    def __init__(self, message: str, what: str):
        super().__init__(message)
        self.what = what


class PoorerPackage(TransparencyError):
    """The package already at the target has more tables, facts or sections than this import
    would write; nothing was written (pass `replace=True` to accept the loss)."""
