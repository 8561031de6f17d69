"""Publishing from the browser: the step the inbox workflow runs (scripts/publish_inbox.py), on a
real corpus document, and `transparency import --source-url`."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from tests.conftest import ROOT, SHARED, corpus_path

pytestmark = pytest.mark.slow  # imports a PDF in a subprocess
PDF = SHARED / "corpus" / "pdf" / "sh-putuo-qzfb-2025-budget.pdf"
URL = "https://www.shpt.gov.cn/shpt/zfxxgk/2025/qzfb-budget.pdf"
TEXT = corpus_path("000")  # 峨眉山 2020 as a text export: the address is recorded whatever the format


def _run(*args, cwd):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def repo(tmp_path):
    """A publisher's checkout: the registry, an empty packages folder and an inbox."""
    (tmp_path / "data" / "packages").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "departments.csv", tmp_path / "data" / "departments.csv")
    shutil.copytree(ROOT / "inbox", tmp_path / "inbox")
    return tmp_path


def test_the_inbox_step_imports_validates_records_the_address_and_empties_the_inbox(repo):
    shutil.copy(PDF, repo / "inbox" / PDF.name)
    (repo / "inbox" / PDF.with_suffix(".url").name).write_text(URL + "\n", encoding="utf-8")
    registry = (repo / "data" / "departments.csv").read_bytes()
    done = _run(str(ROOT / "scripts" / "publish_inbox.py"), "--summary", "summary.md", cwd=repo)
    assert done.returncode == 0, done.stdout + done.stderr
    package = repo / "data" / "packages" / "310107-qzfb" / "2025-budget"
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["source"]["url"] == URL
    assert (package / "source" / PDF.name).read_bytes() == PDF.read_bytes()
    assert "::error" not in done.stdout and "wrote data/packages/310107-qzfb/2025-budget" in done.stdout
    assert sorted(p.name for p in (repo / "inbox").iterdir()) == ["README.md"]  # the document moved into the package
    assert (repo / "data" / "departments.csv").read_bytes() == registry  # a registered department: no new row
    summary = (repo / "summary.md").read_text(encoding="utf-8")
    assert f"✓ `{PDF.name}` → `data/packages/310107-qzfb/2025-budget`" in summary and URL in summary


def test_a_document_that_cannot_be_imported_stays_with_an_error_annotation(repo):
    (repo / "inbox" / "scan.pdf").write_bytes(b"%PDF-1.4\nnot really a PDF\n")
    done = _run(str(ROOT / "scripts" / "publish_inbox.py"), "--summary", "summary.md", cwd=repo)
    assert done.returncode == 1
    assert "::error file=inbox/scan.pdf::cannot import scan.pdf" in done.stdout
    assert (repo / "inbox" / "scan.pdf").exists()
    assert not any((repo / "data" / "packages").iterdir())
    assert "✗ `scan.pdf`" in (repo / "summary.md").read_text(encoding="utf-8")


def test_import_records_the_source_url_and_refuses_what_is_no_address(repo):
    out, reg = repo / "data" / "packages", repo / "data" / "departments.csv"
    bad = _run("-m", "generator", "import", str(TEXT), "--out", str(out), "--registry", str(reg),
               "--source-url", "javascript:alert(1)", cwd=repo)
    assert bad.returncode == 2 and "is not a web address" in bad.stderr
    done = _run("-m", "generator", "import", str(TEXT), "--out", str(out), "--registry", str(reg),
                "--source-url", URL, cwd=repo)
    assert done.returncode == 0, done.stdout + done.stderr
    descriptor = json.loads((out / "511181-zuzhibu" / "2020-final" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["source"]["url"] == URL


def test_the_workflow_runs_the_tested_steps():
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish-inbox.yml").read_text(encoding="utf-8"))
    assert flow[True]["push"]["paths"] == ["inbox/**"]  # (YAML reads the key `on` as true)
    runs = [step.get("run", "") for step in flow["jobs"]["import"]["steps"]]
    assert any(r.startswith("python scripts/publish_inbox.py") for r in runs)
    assert any("scripts/inbox_pr.sh" in r for r in runs)
    assert flow["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert subprocess.run(["bash", "-n", str(ROOT / "scripts" / "inbox_pr.sh")]).returncode == 0
