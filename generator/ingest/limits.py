"""The limits of what an import reads, each with a message that says what to do (docs/limits.md).

A disclosure is tens of pages and a few thousand table cells; the limits are far above that and
far below what would take minutes or gigabytes. Word and Excel files are ZIP archives: the sizes
their parts declare are checked before anything is unpacked (a part cannot unpack to more than it
declares: zipfile stops there and reports a damaged file), which stops a "zip bomb" — a 1 MB file
of 2 GB of XML — before it costs anything. A spreadsheet's cells are counted by streaming its
sheets before it is loaded, and the same pass finds formulas whose value was never saved. Memory
is bounded last of all: an import may map at most MAX_MEMORY more (`memory_limit`).
"""
from __future__ import annotations

import posixpath
import zipfile
from contextlib import contextmanager
from pathlib import Path

from generator.ingest.items import DocumentError

MAX_PAGES = 300  # of a PDF: ~0.25 s a page, so at most about 75 s of reading
MAX_TEXT_BYTES = 20 * 1024 * 1024  # of a text export (the corpus' are under 100 KB)
MAX_PART_BYTES = 64 * 1024 * 1024  # one unpacked part of a .docx or .xlsx
MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # all parts of a .docx or .xlsx together
MAX_PARTS = 10_000
MAX_CELLS = 200_000  # of a workbook (a disclosure's tables hold a few thousand)
SHOWN = 10  # cells named in a message

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


def check_archive(path: Path, kind: str) -> None:
    """The parts of a .docx/.xlsx (`kind`: "Word (.docx)" …) are within the limits."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentError(f"{path}: not a readable {kind} file ({exc}); open it in its program and save it "
                            "again, or import the PDF") from None
    advice = "split the document, or import its PDF"
    if len(infos) > MAX_PARTS:
        raise DocumentError(f"{path}: the {kind} file holds {len(infos)} parts, more than the {MAX_PARTS} an "
                            f"import reads; {advice}")
    for info in infos:
        if info.file_size > MAX_PART_BYTES:
            raise DocumentError(f"{path}: its part {info.filename} unpacks to {_mb(info.file_size)}, more than the "
                                f"{_mb(MAX_PART_BYTES)} an import reads ({_mb(info.compress_size)} packed: a "
                                f"damaged or hostile file, or far larger than a disclosure); {advice}")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED_BYTES:
        raise DocumentError(f"{path}: the {kind} file unpacks to {_mb(total)}, more than the "
                            f"{_mb(MAX_UNPACKED_BYTES)} an import reads; {advice}")


def _sheets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part path) of every worksheet, in workbook order."""
    from lxml import etree

    book = etree.fromstring(archive.read("xl/workbook.xml"))
    rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {relation.get("Id"): relation.get("Target") for relation in rels.iter(f"{{{_PKG_REL}}}Relationship")}
    out = []
    for sheet in book.iter(f"{{{_MAIN}}}sheet"):
        target = targets.get(sheet.get(f"{{{_REL}}}id"), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        out.append((sheet.get("name"), part))
    return out


def _saved(cell) -> bool:
    """Whether a formula cell holds the value last calculated: a `<v>` with text, or an empty one
    in a text cell (a formula whose result is ""). Programs that write formulas without calculating
    them leave no `<v>` or an empty one."""
    value = cell.find(f"{{{_MAIN}}}v")
    return value is not None and (bool(value.text) or cell.get("t") in ("str", "inlineStr"))


def scan_workbook(path: Path) -> None:
    """Count the cells of every sheet (refusing past MAX_CELLS) and refuse formulas without a saved
    value, naming their cells: openpyxl would read them as empty cells."""
    from lxml import etree

    cells, unsaved = 0, []
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            for sheet, part in _sheets(archive):
                if part not in names:
                    continue
                with archive.open(part) as stream:
                    for _, cell in etree.iterparse(stream, tag=f"{{{_MAIN}}}c", huge_tree=False):
                        cells += 1
                        if cell.find(f"{{{_MAIN}}}f") is not None and not _saved(cell):
                            unsaved.append(f"{sheet}!{cell.get('r', '?')}")
                        cell.clear()
                        if cells > MAX_CELLS:
                            raise DocumentError(
                                f"{path}: the workbook holds more than {MAX_CELLS:,} cells (sheet {sheet}), more than "
                                "an import reads (a disclosure's tables hold a few thousand); delete the sheets and "
                                "rows that are not the disclosure's tables, or import its PDF")
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, ValueError) as exc:
        raise DocumentError(f"{path}: not a readable Excel (.xlsx) file ({type(exc).__name__}: {exc}); open it in "
                            "Excel or LibreOffice Calc and save it again, or import the PDF") from None
    if unsaved:
        shown = ", ".join(unsaved[:SHOWN]) + (f" and {len(unsaved) - SHOWN} more" if len(unsaved) > SHOWN else "")
        raise DocumentError(
            f"{path}: {len(unsaved)} cell(s) hold a formula whose value was never saved ({shown}), so their "
            "figures are unknown (the file was written by a program that does not calculate). Open and save the "
            "file in Excel (or LibreOffice Calc) first, which stores the values, then import it again")


MAX_MEMORY = 2 * 1024 ** 3  # bytes of address space an import may add to what the process already maps


def _mapped() -> int:
    """The process's address space now (VmSize), 0 where /proc is missing."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


@contextmanager
def memory_limit(budget: int | None = None):
    """Within the block, the process may map at most `budget` more bytes: past it an allocation
    fails with MemoryError (which the importer turns into a message) instead of the machine
    swapping or the out-of-memory killer ending something. Where the system cannot set it, no limit."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    budget = MAX_MEMORY if budget is None else budget
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    mapped = _mapped()
    limit = mapped + budget if mapped else resource.RLIM_INFINITY
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft != resource.RLIM_INFINITY:
        limit = min(limit, soft)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        limit = None
    try:
        yield
    finally:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
