"""Run a command and measure it: wall time, CPU time and peak memory of its whole process tree, and
how busy the machine was with other work meanwhile (the benchmark machine may be shared)."""
from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss: int  # bytes: the largest sum of resident memory over the process and its descendants
    cpu_seconds: float  # CPU time of the process and its descendants
    other_cores: float  # average cores busy with other work on the machine meanwhile
    output: str
    status: int


def _busy() -> float:
    """Seconds of CPU time the whole machine has spent busy since boot."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")  # all but idle and iowait


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                todo += [int(c) for c in Path(f"/proc/{p}/task/{task}/children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            pass
    return out


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return 0


def run(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> Run:
    """Run `cmd` to completion, sampling the memory of its process tree every 50 ms."""
    start, busy, cpu = time.monotonic(), _busy(), _children_cpu()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, **(env or {})}, cwd=cwd)
    peak = 0

    def sample():
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, sum(_rss(p) for p in _tree(proc.pid)))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = proc.communicate()[0]
    seconds = time.monotonic() - start
    sampler.join()
    ours = _children_cpu() - cpu
    return Run(seconds, peak, ours, max(0.0, (_busy() - busy - ours) / seconds), output, proc.returncode)


def tree_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of a folder; a file with several hard links inside it counts once."""
    seen, total = set(), 0
    for path in folder.rglob("*"):
        if path.is_file():
            st = path.stat()
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += st.st_size
    return total, len(seen)
