"""Byte-stable ZIP archives: fixed timestamps and permissions, entries in the order given."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

EPOCH = (1980, 1, 1, 0, 0, 0)
STORED = (".pdf", ".docx", ".xlsx", ".zip", ".png", ".jpg", ".jpeg")  # compressed already: stored as they are


def stable_zip(entries: list[tuple[str, bytes]]) -> bytes:
    """A ZIP of (name, data) entries whose bytes depend on nothing but the entries."""
    buf = io.BytesIO()
    write_zip(buf, entries)
    return buf.getvalue()


def write_zip(target, entries: Iterable[tuple[str, bytes]]) -> None:
    """Write the stable ZIP of `entries` (made one at a time) into a file or file object."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=EPOCH)
            info.compress_type = zipfile.ZIP_STORED if name.lower().endswith(STORED) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


def entries(data: bytes) -> list[tuple[str, bytes]]:
    """The (name, data) entries of a ZIP, in archive order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]
