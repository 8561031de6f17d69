"""Run mkdocs (with mkdocs-material and the theme overrides) on the generated pages."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

SOURCE_DATE_EPOCH = "315532800"  # 1980-01-01: fixed, so the build does not depend on the clock


class EngineError(RuntimeError):
    """mkdocs failed."""


def write_config(base: Path, theme_dir: Path, docs_dir: Path, site_dir: Path, nav: list, site_url: str,
                 out: Path) -> Path:
    """Write the full mkdocs.yml: the base of site_src/ plus paths, the site URL and the generated nav."""
    config = yaml.safe_load(base.read_text(encoding="utf-8"))
    if site_url:
        config["site_url"] = site_url
    config["docs_dir"] = str(docs_dir.resolve())
    config["site_dir"] = str(site_dir.resolve())
    config["theme"]["custom_dir"] = str(theme_dir.resolve())
    config["nav"] = nav
    # JSON is YAML: one line, every string quoted, so no title can be read as YAML syntax.
    out.write_text(json.dumps(config, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def run_mkdocs(config_file: Path) -> None:
    """`mkdocs build --strict` in a subprocess; raise with mkdocs' own messages on failure."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", str(config_file)],
        capture_output=True, text=True, env=env, check=False,
    )
    if proc.returncode != 0:
        raise EngineError(f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}".strip())
