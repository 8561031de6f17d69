"""The library's edge, for Python callers: import a disclosure, then read the data set as pandas
DataFrames. README.md (Python) has a session; the command line is a thin layer over the same
functions.

    from generator.api import import_disclosure, read
    result = import_disclosure("disclosure.pdf", out="data/packages")   # → ImportResult
    read.table("final_summary", result.path)                            # → DataFrame

`import_disclosure` raises a `TransparencyError` (generator/errors.py) instead of printing.
"""
from __future__ import annotations

from generator import read
from generator.errors import (
    AmbiguousDepartment,
    BadInput,
    DepartmentError,
    PoorerPackage,
    TransparencyError,
    Undetermined,
    UnknownDepartment,
)
from generator.ingest.importer import ImportResult, import_disclosure

__all__ = ["AmbiguousDepartment", "BadInput", "DepartmentError", "ImportResult", "PoorerPackage",
           "TransparencyError", "Undetermined", "UnknownDepartment", "import_disclosure", "read"]
