"""Fault injection: a build or an import killed at any instant — kill -9 (the out-of-memory killer,
a cancelled CI job) or SIGTERM (`timeout`) — leaves the served site and the packages whole, leaves
no process behind, and the next run works.

Real processes are started and killed at points of their progress; the site is checked by
serving it (every local link of every page answers, the search bundle is complete).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

import benchmarks.serve
from tests.conftest import PACKAGES, ROOT
from tests.site.sitedata import append_to_narrative

PICKED = ["530400-zuzhibu/2020-final", "511181-zuzhibu/2020-final", "310107-wanli/2025-budget"]
ENV = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONPATH=str(ROOT))
HANG = 120  # seconds: a run that takes longer is hanging


def _copy_data(target: Path) -> Path:
    for rel in PICKED:
        shutil.copytree(PACKAGES / rel, target / "packages" / rel)
    shutil.copy(ROOT / "data" / "departments.csv", target / "departments.csv")
    return target


def _start(*args: str, cwd: Path) -> subprocess.Popen:
    """`transparency ARGS` in a session of its own (so that whatever it leaves behind can be found)."""
    return subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=cwd, env=ENV, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _session(sid: int) -> list[str]:
    """The live processes of a session."""
    left = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[3]) == sid and fields[0] not in "ZX":
            left.append(stat.parent.name)
    return left


def _finish(proc: subprocess.Popen) -> str:
    """The process's output once it and everything it started have ended; fails on a hang (an
    orphan holding the output pipe open is one) and kills what is left."""
    try:
        out, _ = proc.communicate(timeout=HANG)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"{proc.args} hangs after the kill")
    deadline = time.monotonic() + 5
    while _session(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = _session(proc.pid)
    if left:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail(f"processes outlived the killed run: {left}")
    assert "Traceback" not in out, out
    return out


def _kill_at(proc: subprocess.Popen, marker: str, delay: float, sig: int) -> tuple[bool, str]:
    """Send `sig` `delay` seconds after the output shows `marker`; (whether it was sent before the
    run ended, its output)."""
    seen = []
    for line in proc.stdout:
        seen.append(line)
        if marker in line:
            break
    time.sleep(delay)
    sent = proc.poll() is None
    if sent:
        proc.send_signal(sig)
    return sent, "".join(seen) + _finish(proc)


def _digest(folder: Path, skip: str = "pagefind") -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.relative_to(folder).parts[0] != skip}


class _Quiet(benchmarks.serve._Handler):
    def send_head(self):  # uncompressed (the compressing handler caches by path, which a swap reuses)
        return super(benchmarks.serve._Handler, self).send_head()


_LINK = re.compile(r'(?:href|src)="([^"#?]+)')


def _served_whole(site: Path) -> int:
    """Serve `site` and fetch every local link of every page and the search bundle's files; the
    number of URLs fetched (each must answer 200)."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert "index.html" in pages
    broken, fetched = [], set()
    with benchmarks.serve.serve(site, _Quiet) as base:
        def get(url: str) -> bytes | None:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    return response.read()
            except urllib.error.HTTPError as exc:
                broken.append(f"{url}: {exc.code}")
                return None

        for page in pages:
            url = urllib.parse.urljoin(base, page)
            html = get(url)
            for link in set(_LINK.findall((html or b"").decode("utf-8"))):
                target = urllib.parse.urljoin(url, link)
                if target.startswith(base) and target not in fetched:
                    fetched.add(target)
                    get(target)
        module = (get(base + "pagefind/pagefind.js") or b"").decode("utf-8")
        for index in re.findall(r'from "\./(base/[^"]+)/pagefind\.js"', module):
            entry = json.loads(get(f"{base}pagefind/{index}/pagefind-entry.json") or b"{}")
            for language in entry.get("languages", {}).values():
                get(f"{base}pagefind/{index}/pagefind.{language['hash']}.pf_meta")
    assert broken == [], broken
    return len(fetched)


BUILD_KILLS = [  # (where in the progress, seconds after it, signal)
    ("validating", 0.0, signal.SIGKILL),
    ("whole-data-set", 0.0, signal.SIGKILL),
    ("mkdocs:", 0.3, signal.SIGKILL),
    ("search index", 0.2, signal.SIGKILL),
    ("updating the output folder", 0.0, signal.SIGKILL),
    ("mkdocs:", 0.2, signal.SIGTERM),
    ("search index", 0.1, signal.SIGTERM),
]


def test_a_build_killed_anywhere_leaves_the_site_whole_and_the_next_build_works(tmp_path):
    data = _copy_data(tmp_path / "data")
    out = _finish(_start("build", "--data", "data", "--out", "site", "--jobs", "2", cwd=tmp_path))
    assert "built site/" in out
    site = tmp_path / "site"
    assert _served_whole(site) > 100
    old = _digest(site)
    kills, states = 0, []
    for k, (marker, delay, sig) in enumerate(BUILD_KILLS):
        append_to_narrative(data / "packages" / PICKED[k % 2], f"第{k}次修改。")  # every build has something to publish
        proc = _start("build", "--data", "data", "--out", "site", "--jobs", "2", cwd=tmp_path)
        sent, out = _kill_at(proc, marker, delay, sig)
        kills += sent
        if sig == signal.SIGTERM and sent and proc.returncode != 0:
            assert proc.returncode == 130 and "interrupted" in out, out
        now = _digest(site)
        states.append("old" if now == old else "new")
        _served_whole(site)  # the previous site, or a complete new one, never a mix
        if now != old:
            old = now  # a kill after the swap: the new site is whole and is now the one to keep
    assert kills >= 5, states
    # the next build works, publishes every change and leaves nothing behind
    out = _finish(_start("build", "--data", "data", "--out", "site", "--jobs", "2", cwd=tmp_path))
    assert "built site/" in out, out
    _served_whole(site)
    for k in range(len(BUILD_KILLS)):
        page = site / "departments" / PICKED[k % 2].replace("/", os.sep) / "index.html"
        assert f"第{k}次修改。" in page.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [".site-build-cache",
                                                                                      ".site-previous"]
    assert not (tmp_path / ".site-build-cache" / ".lock").exists()


def test_a_lock_held_by_a_dead_build_is_taken_over_and_a_live_one_is_waited_for(tmp_path):
    _copy_data(tmp_path / "data")
    cache = tmp_path / ".site-build-cache"
    cache.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (cache / ".lock").write_text(json.dumps({"pid": int(dead.stdout), "started": "1", "host": os.uname().nodename}))
    out = _finish(_start("build", "--data", "data", "--out", "site", "--jobs", "1", cwd=tmp_path))
    assert f"its holder, process {int(dead.stdout)}, is gone" in out and "built site/" in out, out
    # a live holder: the build waits, says for whom, and goes on when the holder is gone
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3)"])
    (cache / ".lock").write_text(json.dumps({"pid": holder.pid, "started": "", "host": os.uname().nodename}))
    started = time.monotonic()
    out = _finish(_start("build", "--data", "data", "--out", "site", "--jobs", "1", cwd=tmp_path))
    holder.wait()
    assert f"waiting for process {holder.pid}" in out and "built site/" in out, out
    assert time.monotonic() - started >= 2


def _package_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_an_import_killed_anywhere_leaves_the_old_package_or_the_new_one(tmp_path):
    source = next((PACKAGES / "530400-zuzhibu/2020-final/source").glob("*.txt"))
    out = tmp_path / "packages"
    target = out / "530400-zuzhibu" / "2020-final"
    result = _finish(_start("import", str(source), "--out", str(out), cwd=ROOT))
    assert "wrote" in result
    new = _package_files(target)
    descriptor = json.loads(new["datapackage.json"])
    descriptor["title"] += "（旧）"  # the package the import replaces, told apart by its title
    (target / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n",
                                             encoding="utf-8")
    old = _package_files(target)
    outcomes = []
    for delay in [0.1 * k for k in range(2, 12)]:
        proc = _start("import", str(source), "--out", str(out), cwd=ROOT)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        _finish(proc)
        now = _package_files(target)
        assert now in (old, new), f"killed after {delay:.1f} s: a package neither old nor new"
        outcomes.append("old" if now == old else "new")
        if now == new:
            (target / "datapackage.json").write_bytes(old["datapackage.json"])
    assert "old" in outcomes, outcomes
    leftovers = [p.name for p in target.parent.iterdir() if p.name != "2020-final"]
    result = _finish(_start("import", str(source), "--out", str(out), cwd=ROOT))
    assert "wrote" in result and _package_files(target) == new
    assert [p.name for p in target.parent.iterdir()] == ["2020-final"], leftovers  # cleaned by the next import
    report = subprocess.run([sys.executable, "-m", "generator", "validate", str(out)], cwd=ROOT, env=ENV,
                            capture_output=True, text=True)
    assert report.returncode == 0, report.stdout


def _build_with_file_size_limit(tmp_path: Path, limit: int) -> subprocess.CompletedProcess:
    import resource

    def limited():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG), as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "generator", "build", "--data", "data", "--out", "site", "--jobs", "2"],
                          cwd=tmp_path, env=ENV, preexec_fn=limited, capture_output=True, text=True, timeout=HANG)


def test_a_build_that_cannot_write_its_files_ends_in_a_message_and_keeps_the_site(tmp_path):
    _copy_data(tmp_path / "data")
    for limit in (100_000, 400_000):
        result = _build_with_file_size_limit(tmp_path, limit)
        assert result.returncode == 1 and "build failed:" in result.stdout, result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr
        assert not (tmp_path / "site").exists()
    assert "built site/" in _finish(_start("build", "--data", "data", "--out", "site", "--jobs", "2", cwd=tmp_path))


@pytest.mark.parametrize("args, expected", [(["--out", "afile"], "--out afile is a file, not a folder"),
                                            (["--data", "nowhere"], "--data nowhere: no such folder")])
def test_build_names_a_wrong_out_or_data(tmp_path, args, expected):
    _copy_data(tmp_path / "data")
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    out = _finish(_start("build", *args, cwd=tmp_path))
    assert expected in out, out
