"""Bad input gets a clear message naming file, line and field, a non-zero exit, no
traceback, and never a half-written package."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PACKAGES, ROOT, corpus_path

YUXI = PACKAGES / "530400-zuzhibu/2020-final"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True)


def import_into(tmp_path: Path, source: Path, *extra: str) -> subprocess.CompletedProcess:
    out = tmp_path / "out"
    result = run("import", str(source), "--out", str(out), *extra)
    assert "Traceback" not in result.stdout + result.stderr
    if result.returncode:
        leftovers = [p for p in out.rglob("*")] if out.exists() else []
        assert not [p for p in leftovers if p.is_file()], "a failed import left files behind"
    return result


def test_empty_file(tmp_path):
    src = tmp_path / "empty.txt"
    src.write_text("", encoding="utf-8")
    r = import_into(tmp_path, src)
    assert r.returncode == 1 and "empty.txt" in r.stdout and "empty" in r.stdout


def test_binary_file(tmp_path):
    src = tmp_path / "scan.txt"
    src.write_bytes(b"%PDF-1.7\x00\x01\x02" * 100)
    r = import_into(tmp_path, src)
    assert r.returncode == 1 and "binary" in r.stdout


def test_truncated_table(tmp_path):
    lines = corpus_path("003").read_text(encoding="utf-8").split("\n")
    cut = next(i for i, line in enumerate(lines) if line.startswith("2013202\t\t一般行政管理事务\t531,561.30"))
    src = tmp_path / "truncated.txt"
    src.write_text("\n".join(lines[:cut] + [lines[cut][:30]]), encoding="utf-8")
    r = import_into(tmp_path, src, "--year", "2020")
    assert r.returncode == 1
    assert f"line {cut + 1}" in r.stdout and "truncated" in r.stdout and "一般公共预算财政拨款收入支出决算表" in r.stdout


def test_non_number_in_amount_cell_of_document(tmp_path):
    text = corpus_path("003").read_text(encoding="utf-8").replace("12,557,011.85\t12,557,011.85", "12,557,011.85\tabc", 1)
    src = tmp_path / "bad-amount.txt"
    src.write_text(text, encoding="utf-8")
    r = import_into(tmp_path, src)
    assert r.returncode == 1 and "'abc' is not an amount" in r.stdout and "line " in r.stdout


def test_malformed_code_in_document(tmp_path):
    text = corpus_path("003").read_text(encoding="utf-8").replace("2013201\t行政运行", "20132O1\t行政运行", 1)
    src = tmp_path / "bad-code.txt"
    src.write_text(text, encoding="utf-8")
    r = import_into(tmp_path, src)
    assert r.returncode == 1 and "field code" in r.stdout and "20132O1" in r.stdout


def test_unknown_department_asks_for_it(tmp_path):
    src = tmp_path / "anon.txt"
    src.write_text("2020年度部门决算\n本年收入合计10.00万元。\n", encoding="utf-8")
    r = import_into(tmp_path, src)
    assert r.returncode == 1 and "--department" in r.stdout


def test_failed_reimport_keeps_the_old_package(tmp_path):
    out = tmp_path / "out"
    assert run("import", str(corpus_path("003")), "--out", str(out)).returncode == 0
    before = sorted(p.name for p in out.rglob("*"))
    bad = tmp_path / "003_bad.txt"
    bad.write_text(corpus_path("003").read_text(encoding="utf-8").replace("64,415,757.01", "6x", 1), encoding="utf-8")
    assert run("import", str(bad), "--out", str(out)).returncode == 1
    assert sorted(p.name for p in out.rglob("*")) == before


@pytest.fixture
def broken(tmp_path) -> Path:
    pkg = tmp_path / "530400-zuzhibu" / "2020-final"
    shutil.copytree(YUXI, pkg)
    return pkg


def validate(pkg: Path) -> subprocess.CompletedProcess:
    r = run("validate", str(pkg))
    assert "Traceback" not in r.stdout + r.stderr
    return r


def test_package_with_missing_resource(broken):
    (broken / "tables/final_income.csv").unlink()
    r = validate(broken)
    assert r.returncode == 1 and "tables/final_income.csv" in r.stdout and "missing" in r.stdout


def test_non_number_in_amount_column(broken):
    path = broken / "tables/final_summary.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("64415757.01", "6441575x.01", 1), encoding="utf-8")
    r = validate(broken)
    assert r.returncode == 1
    assert "ERROR tables/final_summary.csv, line 2, field amount: type-error" in r.stdout


def test_malformed_code_in_package(broken):
    path = broken / "tables/final_income.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",2013201,", ",20132O1,", 1), encoding="utf-8")
    r = validate(broken)
    assert r.returncode == 1 and "field code: constraint-error" in r.stdout


def test_descriptor_not_json(broken):
    (broken / "datapackage.json").write_text('{"name": "x",\n  "resources": [\n', encoding="utf-8")
    r = validate(broken)
    assert r.returncode == 1 and "datapackage.json, line 3" in r.stdout and "not valid JSON" in r.stdout


def test_path_leaving_the_package(broken):
    desc = json.loads((broken / "datapackage.json").read_text(encoding="utf-8"))
    desc["resources"][0]["path"] = "../../../../etc/passwd"
    (broken / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")
    r = validate(broken)
    assert r.returncode == 1 and "leaves the package folder" in r.stdout


def test_usage_errors_exit_2(tmp_path):
    assert run("validate", str(tmp_path / "nowhere")).returncode == 2
    assert run("import").returncode == 2
