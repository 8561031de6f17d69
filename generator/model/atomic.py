"""Replace a folder by another in one step, and clean up what an interrupted replacement left.

`exchange(new, old)` swaps two folders with Linux's renameat2(RENAME_EXCHANGE): a reader of
`old`'s path sees the old folder or the new one, never a mix and never nothing. Where the call
is missing (another OS, an old kernel, a filesystem without it) it falls back to two renames,
between which the path is absent for the time of one system call.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _renameat2():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _renameat2()


def exchange(first: Path, second: Path) -> bool:
    """Swap the folders at `first` and `second` atomically; True when done. False when this system cannot
    (the caller then falls back to `replace_dir`)."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(second))


def replace_dir(new: Path, target: Path, aside: Path) -> None:
    """Put the folder `new` at `target`; the folder that was there (if any) ends at `aside` (which
    must not exist). Atomic where `exchange` works; else two renames."""
    if not target.exists():
        os.rename(new, target)
        return
    if exchange(new, target):
        os.rename(new, aside)  # `new` now holds the previous folder
        return
    os.rename(target, aside)
    os.rename(new, target)


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs (on this machine); a process that has ended but was
    not yet waited for by its parent (a zombie) does not."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return True


def owner_pid(name: str) -> int | None:
    """The process id in a temporary name made by `temp_name` (`.<stem>.<pid>.<random>`), else None."""
    parts = name.split(".")
    if len(parts) >= 4 and parts[0] == "" and parts[-2].isdigit():
        return int(parts[-2])
    return None


def temp_prefix(stem: str) -> str:
    """Prefix of a temporary folder of this process beside `stem` (for tempfile.mkdtemp)."""
    return f".{stem}.{os.getpid()}."


def stale_temps(folder: Path, stem: str) -> list[Path]:
    """Temporary folders for `stem` under `folder` whose process is gone (left by a killed run)."""
    if not folder.is_dir():
        return []
    out = []
    for child in folder.iterdir():
        if child.name.startswith(f".{stem}."):
            pid = owner_pid(child.name)
            if pid is not None and not pid_alive(pid):
                out.append(child)
    return sorted(out)
