"""Test data for the site: a copy of the shipped data plus a package whose text is hostile HTML."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from tests.once import once

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_SCRIPT = "<script>window.__pwned = 1</script>"
HOSTILE_IMG = '<img src="x" onerror="window.__pwned = 2">'
HOSTILE_SLUG = "2019-final"
EMEI = Path("511181-zuzhibu") / "2020-final"
SNOW_LOTUS = "（附记：雪莲）"  # ends 峨眉山's narrative in the built site; an incremental build replaces it


def copy_data(target: Path) -> Path:
    """data/packages and data/departments.csv copied under `target`, plus the hostile package."""
    shutil.copytree(ROOT / "data" / "packages", target / "packages")
    shutil.copy(ROOT / "data" / "departments.csv", target / "departments.csv")
    add_hostile_package(target / "packages")
    return target


def add_hostile_package(packages: Path) -> Path:
    """峨眉山 2020 re-labelled 2019, with markup in its title, a heading and the narrative."""
    src = packages / "511181-zuzhibu" / "2020-final"
    dst = packages / "511181-zuzhibu" / HOSTILE_SLUG
    shutil.copytree(src, dst)
    desc = json.loads((dst / "datapackage.json").read_text(encoding="utf-8"))
    desc.update(name="511181-zuzhibu-2019-final", fiscal_year=2019, title=f"测试文件 {HOSTILE_SCRIPT}")
    (dst / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False, indent=1), encoding="utf-8")
    with open(dst / "sections.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[1]["heading"] = f"标题 {HOSTILE_IMG}"
    rows[2]["text"] = f"正文 {HOSTILE_SCRIPT} 与 {HOSTILE_IMG} 结束"
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (dst / "sections.csv").write_text(buf.getvalue(), encoding="utf-8")
    return dst


_BUILT: dict[str, str] = {}


def built_site(tmp_path_factory) -> Path:
    """The site built (on two processes) once per test session from `copy_data`, 峨眉山's narrative
    ending in SNOW_LOTUS (tests/site/history.py replaces it); shared by tests/site and tests/browser
    and by every pytest-xdist worker (tests/once.py)."""
    def make(base: Path) -> dict[str, str]:
        from generator.site.build import run_build

        data = copy_data(base / "data")
        append_to_narrative(data / "packages" / EMEI, SNOW_LOTUS)
        assert run_build(data, base / "site", echo=lambda _: None, jobs=2) == 0
        return {"site": str(base / "site"), "data": str(data)}

    _BUILT.update(once(tmp_path_factory, "built site", make))
    return Path(_BUILT["site"])


def built_data() -> Path:
    """The data `built_site` built from (read it, copy it to change it)."""
    return Path(_BUILT["data"])


def append_to_narrative(package: Path, text: str) -> None:
    """Append `text` to the package's last narrative section (a change a build must publish)."""
    path = package / "sections.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[-1]["text"] += text
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
