"""Pagefind's filter files made byte-stable.

Pagefind writes each filter (year, kind, region) as a gzip'd CBOR file whose values come in the
order of a Rust HashMap — another order, so other bytes and another file name, on every run — and
lists the filter files, in that order too, in its metadata, which pagefind-entry.json names. The
same pages must give the same bundle (tests/site/test_build.py, test_search_order.py), so after
Pagefind has written a bundle, `settle` rewrites each filter file with its values sorted, names it
by its content, and rewrites the metadata (filters sorted by name) and the entry to match.

Files: `pagefind_dcd` then CBOR; a filter file is [name, [[value, [page numbers]], …]], the
metadata [version, pages, sorts, filters [[name, file], …], …] (Pagefind 1.x).
"""
from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

MAGIC = b"pagefind_dcd"


def _head(major: int, length: int) -> bytes:
    if length < 24:
        return bytes([major << 5 | length])
    for extra, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if length < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | extra]) + struct.pack(fmt, length)
    raise ValueError(length)


def encode(value) -> bytes:
    """CBOR of the values Pagefind writes: unsigned and negative integers, text, bytes, arrays, maps, bools, null."""
    if value is True or value is False or value is None:
        return bytes([0xF5 if value is True else 0xF4 if value is False else 0xF6])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(item) for item in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(encode(key) + encode(item) for key, item in value.items())
    raise TypeError(type(value))


def decode(data: bytes, offset: int = 0):
    """(value, position after it) of the CBOR item at `offset` (the subset `encode` writes)."""
    first = data[offset]
    major, info = first >> 5, first & 31
    offset += 1
    if major == 7:
        return {20: False, 21: True, 22: None}[info], offset
    if info < 24:
        length = info
    else:
        size = 1 << (info - 24)
        length = int.from_bytes(data[offset:offset + size], "big")
        offset += size
    if major == 0:
        return length, offset
    if major == 1:
        return -1 - length, offset
    if major in (2, 3):
        raw = data[offset:offset + length]
        return (raw if major == 2 else raw.decode("utf-8")), offset + length
    if major == 4:
        items = []
        for _ in range(length):
            item, offset = decode(data, offset)
            items.append(item)
        return items, offset
    if major == 5:
        out = {}
        for _ in range(length):
            key, offset = decode(data, offset)
            out[key], offset = decode(data, offset)
        return out, offset
    raise ValueError(f"CBOR major type {major} at {offset}")


def _read(path: Path):
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(MAGIC), path
    return decode(data, len(MAGIC))[0]


def _write(folder: Path, prefix: str, suffix: str, value, digits: int) -> str:
    """Write the value (gzip'd, no timestamp) under a name made of its content's hash; that name's hash part."""
    data = gzip.compress(MAGIC + encode(value), mtime=0)
    name = f"{prefix}{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(data)
    return name.removeprefix(prefix)


def settle(bundle: Path) -> None:
    """Rewrite the filter files, metadata and entry of a Pagefind bundle in a stable order."""
    entry_path = bundle / "pagefind-entry.json"
    if not (bundle / "filter").is_dir() or not entry_path.exists():
        return
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, file in meta[3]:
            path = bundle / "filter" / f"{file}.pf_filter"
            key, values = _read(path)
            path.unlink()
            values = sorted([value, sorted(pages)] for value, pages in values)
            filters.append([name, f"{language}_" + _write(bundle / "filter", f"{language}_", ".pf_filter",
                                                          [key, values], 7)])
        meta[3] = sorted(filters)
        meta_path.unlink()
        info["hash"] = f"{language}_" + _write(bundle, f"pagefind.{language}_", ".pf_meta", meta, 13)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
