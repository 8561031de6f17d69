"""`transparency build` and `serve`: packages → pages → mkdocs → downloads → Pagefind → --out.

Builds are parallel (`jobs` processes) and incremental: a cache beside --out (cache.py) keeps what
the last build made from each package, keyed by content hashes (fingerprint.py). Only changed
packages are validated and prepared again; the pages listing packages are re-rendered from the
cached summaries, mkdocs renders only the pages that changed and Pagefind indexes only those
into an overlay of its index (changes.py, pipeline.py, search.py). A change to the code,
templates, theme or tools rebuilds everything. The output is the same, byte for byte, as a build
from nothing, but for the search bundle's split into base and overlay.

A build can be killed at any instant (kill -9, SIGTERM, Ctrl-C). Its worker processes and the
mkdocs and Pagefind processes die with it (lifeline.py); the cache lock names its holder and the
next build takes it over (lock.py); the cache holds no state until the build succeeds (cache.py);
the new site is made beside the served one and swapped in whole (output.py); the temporary
folder of a killed build is removed by the next one.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import signal
import sqlite3
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from generator.model.atomic import stale_temps, temp_prefix
from generator.model.departments import RegistryError, load_registry
from generator.model.packages import find_packages
from generator.site import pipeline
from generator.site.cache import BuildCache
from generator.site.changes import Refused
from generator.site.engine import EngineError
from generator.site.fingerprint import code_fingerprint
from generator.site.lifeline import die_with_parent
from generator.site.search import SearchIndexError

REPO = pipeline.REPO


class BuildError(Exception):
    """The site cannot be built; the message says why, in words a publisher can act on."""


def run_build(data_dir: Path, out_dir: Path, echo=print, jobs: int | None = None, clean: bool = False) -> int:
    """Build the site into `out_dir`; 0 on success, 1 with a message on failure (out_dir untouched)."""
    started = time.monotonic()
    try:
        with _terminated_as_interrupt():
            count = build(Path(data_dir), Path(out_dir), echo, jobs, clean)
    except BuildError as exc:
        echo(f"build failed: {exc}")
        return 1
    except OSError as exc:  # the disk, not the data: full, read-only, a file where a folder should be
        where = f" ({exc.filename})" if exc.filename else ""
        echo(f"build failed: {exc.strerror or exc}{where}; check the space and permissions where --out is written")
        return 1
    except sqlite3.Error as exc:  # the database download: the disk again (full, or a file size limit)
        echo(f"build failed: the SQLite download could not be written ({exc}); check the space where --out "
             "and its build cache are written")
        return 1
    echo(f"built {out_dir}/ from {count} package(s) in {time.monotonic() - started:.1f} s")
    return 0


def run_serve(data_dir: Path, out_dir: Path, port: int = 8000, echo=print, jobs: int | None = None) -> int:
    """Build, then serve `out_dir` on http://127.0.0.1:<port>/ until interrupted."""
    status = run_build(data_dir, out_dir, echo, jobs)
    if status:
        return status
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out_dir))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        echo(f"cannot serve on port {port}: {exc.strerror}; choose another with --port")
        return 1
    with server:
        echo(f"serving {out_dir}/ at http://127.0.0.1:{port}/ (Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


@contextmanager
def _terminated_as_interrupt():
    """SIGTERM (what `timeout` and CI cancellation send) ends the build as Ctrl-C does: through
    its cleanup, not in the middle of it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def cache_dir(out_dir: Path) -> Path:
    """The build cache of an output folder: a hidden folder beside it."""
    return out_dir.parent / f".{out_dir.name}-build-cache"


def _check_out(out_dir: Path, data_dir: Path) -> None:
    if not data_dir.is_dir():
        raise BuildError(f"--data {data_dir}: no such folder; run the command from the project folder (where data/ "
                         "is) or pass --data PATH")
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildError(f"--out {out_dir} is a file, not a folder; choose a folder such as site/")
    out, data = out_dir.resolve(), data_dir.resolve()
    if out == data or out in data.parents or out == REPO or out in REPO.parents:
        raise BuildError(f"--out {out_dir} would replace the data or the project; choose a folder such as site/")
    if out.exists() and any(out.iterdir()) and not (out / "index.html").exists():
        raise BuildError(f"--out {out_dir} exists and does not hold a built site; refusing to replace it")


@contextmanager
def _pool(jobs: int):
    """`map` over worker processes (in this process when jobs is 1). The workers die with this
    process (lifeline.py), and at once when the build fails or is interrupted."""
    if jobs <= 1:
        yield lambda function, items: list(map(function, items))
        return
    pool = ProcessPoolExecutor(jobs, initializer=die_with_parent, initargs=(os.getpid(),))
    try:
        yield lambda function, items: list(pool.map(function, items, chunksize=8))
    except BaseException:
        for process in list((pool._processes or {}).values()):  # no public way to stop a running task
            process.kill()
        # Wait for the pool's manager thread (it ends as soon as it sees the workers gone): left
        # running, it races the interpreter's exit, which then prints OSError: Bad file descriptor
        # (Python 3.11's ProcessPoolExecutor, fixed in 3.12.8 by gh-125451).
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()


def _temp_stem(out_dir: Path) -> str:
    return f"{out_dir.name}-tmp"


def _timed(echo, start: float, message: str) -> None:
    """Progress with the time since the build started."""
    echo(f"{time.monotonic() - start:7.1f} s  {message}")


def build(data_dir: Path, out_dir: Path, echo=print, jobs: int | None = None, clean: bool = False) -> int:
    _check_out(out_dir, data_dir)
    registry_file = data_dir / "departments.csv"
    if registry_file.exists() and not registry_file.is_file():
        raise BuildError(f"{registry_file} is not a file; it must be the department registry (CSV)")
    try:
        registry = load_registry(registry_file) if registry_file.exists() else {}
    except RegistryError as exc:
        raise BuildError(str(exc)) from exc
    except UnicodeDecodeError:
        raise BuildError(f"{registry_file} is not UTF-8 text; save the department registry as UTF-8 CSV") from None
    paths = find_packages(data_dir / "packages")
    if not paths:
        raise BuildError(f"no packages under {data_dir / 'packages'} (a package is a folder with datapackage.json)")
    jobs = jobs or os.cpu_count() or 1
    echo = functools.partial(_timed, echo, time.monotonic())
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    cache = BuildCache(cache_dir(out_dir))
    code = code_fingerprint()
    state = cache.open(code, clean, echo)
    for stale in stale_temps(out_dir.parent, _temp_stem(out_dir)):  # left by a killed build
        shutil.rmtree(stale, ignore_errors=True)
    work = None
    try:
        work = Path(tempfile.mkdtemp(prefix=temp_prefix(_temp_stem(out_dir)), dir=out_dir.parent)).resolve()
        with _pool(jobs) as pmap:
            ctx = pipeline.Context(cache, state, work, jobs, pmap, echo)
            state, summaries = pipeline.run(ctx, paths, registry, out_dir)
        cache.save({"code": code, **state}, summaries)
    except Refused as exc:
        raise BuildError("packages with validation errors; fix them (transparency validate) and build again:\n"
                         + str(exc)) from exc
    except (EngineError, SearchIndexError) as exc:
        raise BuildError(str(exc)) from exc
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
        cache.close()
    return len(paths)
