"""A lock that names its holder: one build at a time per build cache.

The lock is a small JSON file naming the process that holds it (pid, the process's start time,
the machine). A build that finds it held waits, and says for whom; a build that finds it held by
a process that is gone — killed with `kill -9`, which releases nothing — takes it over. Reading
and writing the file is serialised by a short `flock` on a second file, held only for that
moment (never across a fork, so no worker can inherit it).
"""
from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from pathlib import Path

from generator.model.atomic import pid_alive


def _started(pid: int) -> str:
    """The start time of a process in clock ticks since boot ('' where /proc is missing): tells a
    live holder from a new process that reuses its id."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[1].split()[19]


def _me() -> dict:
    return {"pid": os.getpid(), "started": _started(os.getpid()), "host": socket.gethostname()}


def _alive(holder: dict) -> bool:
    if holder.get("host") != socket.gethostname():
        return True  # a process of another machine (a shared folder): cannot tell, so wait
    pid = int(holder.get("pid", 0))
    return pid_alive(pid) and (not holder.get("started") or _started(pid) in ("", holder["started"]))


class HolderLock:
    def __init__(self, path: Path):
        self.path = path
        self.guard = path.with_name(path.name + ".guard")
        self.held = False

    def _holder(self) -> dict | None:
        try:
            holder = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # absent, or half written by a holder killed while writing it
        return holder if isinstance(holder, dict) else None

    def acquire(self, echo=print, poll: float = 0.2) -> None:
        """Take the lock, waiting while a live process holds it."""
        waiting = False
        while True:
            with open(self.guard, "a") as guard:
                fcntl.flock(guard, fcntl.LOCK_EX)
                holder = self._holder()
                if holder is None or not _alive(holder):
                    if holder is not None:
                        echo(f"taking over {self.path}: its holder, process {holder.get('pid')}, is gone")
                    tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
                    tmp.write_text(json.dumps(_me()), encoding="utf-8")
                    os.replace(tmp, self.path)
                    self.held = True
                    return
            if not waiting:
                echo(f"waiting for process {holder.get('pid')} on {holder.get('host')}, which holds {self.path} "
                     "(another build of this site); stop it, or wait for it to end")
                waiting = True
            time.sleep(poll)

    def release(self) -> None:
        if not self.held:
            return
        with open(self.guard, "a") as guard:
            fcntl.flock(guard, fcntl.LOCK_EX)
            holder = self._holder()
            if holder and holder.get("pid") == os.getpid() and holder.get("host") == socket.gethostname():
                self.path.unlink(missing_ok=True)
        self.held = False
