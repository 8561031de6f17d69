"""One copy of the data built again and again, each build after one change, and what each build
said — the builds tests/site/test_incremental.py and tests/browser/test_search_overlay.py check,
made once per test session (tests/once.py)."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.once import once
from tests.site.sitedata import EMEI, SNOW_LOTUS, built_data, built_site

YUXI = "530400-zuzhibu"


def digest(folder: Path) -> dict[str, str]:
    """Path in the site → sha256 of every file."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(data: Path, out: Path, **options) -> list[str]:
    from generator.site.build import run_build

    messages: list[str] = []
    assert run_build(data, out, echo=messages.append, **{"jobs": 2, **options}) == 0, messages
    return messages


def _history(base: Path, built: Path, site_built: Path) -> dict:
    """The builds in order, into `site` (the sites of the steps named in `folders` are copies
    kept as they were then), from a copy of the data `built_site` built from:
    moved          `built_site`'s site and build cache copied to `site`, built again (the copy's
                   pages rendered again at their new place, its search index kept);
    unchanged      built again;
    changed        峨眉山's “（附记：雪莲）” replaced by “（附记：金丝猴）” (folders: changed);
    clean-changed  that data built clean on one process into a folder of its own (folders:
                   clean-changed; every incremental step, on two processes, is compared with it);
    removed        530400-zuzhibu moved out of the data (whether its pages went: yuxi_gone);
    added          moved back: the data of clean-changed again;
    and, on a copy of two packages (what is rebuilt is tested, not the data), into `small`:
    small          built clean on two processes (digests: small);
    serial         the same data built clean on one process into `serial` (digests: serial);
    clean          built again with clean=True;
    code           built again as if the code had changed."""
    from generator.site.build import cache_dir

    data = Path(shutil.copytree(built, base / "data"))
    site, sections = base / "site", data / "packages" / EMEI / "sections.csv"
    shutil.copytree(site_built, site)
    shutil.copytree(cache_dir(site_built), cache_dir(site))
    said = {"moved": _build(data, site)}
    said["unchanged"] = _build(data, site)
    text = sections.read_text(encoding="utf-8")
    assert text.count(SNOW_LOTUS) == 1
    sections.write_text(text.replace(SNOW_LOTUS, "（附记：金丝猴）"), encoding="utf-8")
    said["changed"] = _build(data, site)
    shutil.copytree(site, base / "changed")
    said["clean-changed"] = _build(data, base / "clean-changed", jobs=1)
    shutil.move(data / "packages" / YUXI, base / "aside")
    said["removed"] = _build(data, site)
    gone = not (site / "departments" / YUXI).exists()
    shutil.move(base / "aside", data / "packages" / YUXI)
    said["added"] = _build(data, site)
    small = base / "small-data"
    for package in (EMEI, Path(YUXI) / "2020-final"):
        shutil.copytree(data / "packages" / package, small / "packages" / package)
    shutil.copy(data / "departments.csv", small / "departments.csv")
    said["small"] = _build(small, base / "small")
    said["serial"] = _build(small, base / "serial", jobs=1)
    digests = {"small": digest(base / "small"), "serial": digest(base / "serial")}
    said["clean"] = _build(small, base / "small", clean=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("generator.site.build.code_fingerprint", lambda: "another version of the code")
        said["code"] = _build(small, base / "small")
    folders = {name: str(base / name) for name in ("site", "changed", "clean-changed")}
    return {"said": said, "folders": folders, "digests": digests, "yuxi_gone": gone}


def history(tmp_path_factory) -> dict:
    """{"said": step → the build's messages, "folders": name → folder, "digests": name → digest,
    "yuxi_gone": bool}."""
    site = built_site(tmp_path_factory)
    return once(tmp_path_factory, "incremental history", lambda base: _history(base, built_data(), site))
