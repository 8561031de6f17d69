"""Work done once per test session, also under pytest-xdist: an import of a corpus document, a
built site. The first process to ask does it under the session's shared temporary folder (the
parent of each xdist worker's own, as pytest-xdist's documentation shows) while holding a lock;
the others wait for the lock and read its result."""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Callable

_DONE: dict[str, object] = {}


def shared_root(tmp_path_factory) -> Path:
    """The temporary folder every process of this test session sees."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once(tmp_path_factory, key: str, make: Callable[[Path], object]) -> object:
    """`make(folder)` run once per session for `key`, in an empty `folder` of its own; its result
    (JSON: a path as a string) is what every later call with `key` returns."""
    if key in _DONE:
        return _DONE[key]
    name = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    root = shared_root(tmp_path_factory) / "once"
    root.mkdir(exist_ok=True)
    folder, result = root / name, root / f"{name}.json"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not result.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir()
            result.write_text(json.dumps(make(folder)), encoding="utf-8")
        _DONE[key] = json.loads(result.read_text(encoding="utf-8"))
    return _DONE[key]
