"""Classification code lists (支出功能分类, 经济分类) from the reference package data/reference/."""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference"
LEVELS = {3: "类", 5: "款", 7: "项"}
_FUNCTION = re.compile(r"2[0-9]{2}(?:[0-9]{2}){0,2}")
_ECON = re.compile(r"3[0-9]{2}(?:[0-9]{2})?")
# function_classes.csv columns holding the name of a 类 in a period, and the years they cover
_CLASS_PERIODS = {"name_2017_2018": (2017, 2018), "name_2019": (2019,), "name_2024": (2024,)}


def is_function_code(text: str) -> bool:
    """True for a 支出功能分类 code as printed: 3, 5 or 7 ASCII digits starting with 2."""
    return bool(_FUNCTION.fullmatch(text))


def is_econ_code(text: str) -> bool:
    """True for a 经济分类 code as printed: 3 or 5 ASCII digits starting with 3."""
    return bool(_ECON.fullmatch(text))


def joined_code(parts: list[str]) -> str:
    """A classification code from the cells it is printed in: 类 | 款 | 项 parts joined ('208',
    '05', '01' → 2080501), a 款/项 part printed without its leading zero restored ('301 2' or
    '301', '2' → 30102; the parts are two digits wide in both lists); '' when the first part is
    not a 3-digit 类 of either list (2xx, 3xx), or a whole 5/7-digit code."""
    pieces = [chunk for part in parts for chunk in part.split()]
    if not pieces or not re.fullmatch(r"[23]\d{2}(?:\d{2}){0,2}", pieces[0]):
        return ""
    code = pieces[0]
    for piece in pieces[1:]:
        if not re.fullmatch(r"\d{1,2}", piece) or len(code) >= 7:
            break
        code += piece.zfill(2)
    return code


def level_of(code: str) -> str | None:
    """'类', '款' or '项' from the length of a code (3, 5, 7 digits); None for anything else."""
    return LEVELS.get(len(code)) if code.isascii() and code.isdigit() else None


def parent_of(code: str) -> str | None:
    """The enclosing 类 or 款 ('2013201' → '20132'); None for a 类 or a non-code."""
    return code[:-2] if level_of(code) in ("款", "项") else None


class CodeList:
    """Names of the codes seen in published disclosures, by year."""

    level_of = staticmethod(level_of)
    parent_of = staticmethod(parent_of)
    is_function_code = staticmethod(is_function_code)
    is_econ_code = staticmethod(is_econ_code)

    def __init__(self, function: dict[str, list[tuple[int, int, str]]], econ: dict[str, list[tuple[int, int, str]]],
                 current: dict[str, str]):
        """`function`/`econ`: code → [(year, n_docs, name)]; `current`: code → latest name."""
        self._function = function
        self._econ = econ
        self._current = current

    @classmethod
    def load(cls, path: Path | str | None = None) -> CodeList:
        """Read the reference package folder (default: the repository's data/reference)."""
        folder = Path(path) if path is not None else REFERENCE_DIR
        function, econ = (_names_by_year(folder / f"{scheme}_code_names.csv") for scheme in ("function", "econ"))
        current = {row["code"]: row["name"] for scheme in ("function", "econ") for row in _read(folder / f"{scheme}_codes.csv")}
        for row in _read(folder / "function_classes.csv"):
            current.setdefault(row["code"], row["name"])
            for column, years in _CLASS_PERIODS.items():
                if row[column]:
                    function[row["code"]].extend((year, 0, row[column]) for year in years)
        return cls(dict(function), dict(econ), current)

    def function_name(self, code: str, year: int | None = None) -> str | None:
        """Name of a 支出功能分类 code, as printed in `year` when given; None if unknown."""
        return self._name(self._function, code, year)

    def econ_name(self, code: str, year: int | None = None) -> str | None:
        """Name of a 经济分类 code, as printed in `year` when given; None if unknown."""
        return self._name(self._econ, code, year)

    def known(self, code: str) -> bool:
        """True if the code is in either list."""
        return code in self._function or code in self._econ

    def _name(self, names: dict[str, list[tuple[int, int, str]]], code: str, year: int | None) -> str | None:
        """The name of the latest year up to `year` (the earliest seen if none), most documents first."""
        if code not in names:
            return None
        if year is None:
            return self._current[code]
        earlier = [entry for entry in names[code] if entry[0] <= year]
        if earlier:
            return max(earlier)[2]
        return min(names[code], key=lambda seen: (seen[0], -seen[1], seen[2]))[2]


def _names_by_year(path: Path) -> defaultdict[str, list[tuple[int, int, str]]]:
    """code → [(year, n_docs, name)] from a *_code_names.csv."""
    names: defaultdict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for row in _read(path):
        names[row["code"]].extend((int(year), int(row["n_docs"]), row["name"]) for year in row["years_seen"].split(";"))
    return names


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
