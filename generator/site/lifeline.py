"""Processes a build starts die with the build.

`kill -9` of a build (what CI cancellation, `timeout` and the out-of-memory killer do) runs no
cleanup code, so the children must see to it themselves: each asks the kernel for SIGKILL when
its parent dies (Linux's PR_SET_PDEATHSIG), and checks that the parent did not die before it
asked. Elsewhere a thread polls the parent's id. Worker processes call `die_with_parent` as their
initializer; mkdocs and Pagefind are started through `command` (this module as a launcher: it
sets the signal, then replaces itself with the real command, which keeps it).
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """End this process when `parent` (the process that started it) ends."""
    armed = False
    if sys.platform.startswith("linux"):
        try:
            armed = ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    if not armed:
        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()


def command(argv: list[str]) -> list[str]:
    """`argv` started so that it dies with this process."""
    return [sys.executable, "-m", "generator.site.lifeline", str(os.getpid()), *argv]


if __name__ == "__main__":
    die_with_parent(int(sys.argv[1]))
    os.execv(sys.argv[2], sys.argv[2:])
