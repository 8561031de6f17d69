"""A package is plain files and its source is the published document: validate refuses symbolic
links, hard links to files outside the package, pipes and devices, a source whose sha256 is not the
recorded one, and a fiscal year no disclosure can have; leftovers of an interrupted import are not
packages, and two folders holding one package stop the build with a message."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.site.build import run_build
from generator.validate.api import collect, validate_package
from generator.validate.package_files import last_year
from tests.conftest import PACKAGES, ROOT

YUXI = "530400-zuzhibu/2020-final"


@pytest.fixture
def package(tmp_path) -> Path:
    target = tmp_path / "packages" / YUXI
    shutil.copytree(PACKAGES / YUXI, target)
    return target


def _errors(root: Path) -> list[str]:
    return [f"{e.file}: {e.message}" for e in validate_package(root).errors]


def _validate_cli(root: Path) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "generator", "validate", str(root)], cwd=ROOT,
                            capture_output=True, text=True)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_the_shipped_package_is_plain_files(package):
    assert _errors(package) == []


def test_a_symbolic_link_to_a_file_outside_is_refused(package, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("machine secret", encoding="utf-8")
    os.symlink(secret, package / "notes.txt")
    errors = _errors(package)
    assert len(errors) == 1 and "notes.txt is a symbolic link" in errors[0] and "plain files" in errors[0]
    result = _validate_cli(package)
    assert result.returncode == 1 and "symbolic link" in result.stdout


def test_a_symlinked_source_is_refused_and_the_build_says_so(package, tmp_path):
    source = next((package / "source").iterdir())
    outside = tmp_path / source.name
    shutil.move(source, outside)
    os.symlink(outside, source)
    assert any("is a symbolic link" in e for e in _errors(package))
    shutil.copy(ROOT / "data" / "departments.csv", tmp_path / "departments.csv")
    messages = []
    assert run_build(tmp_path, tmp_path / "site", echo=messages.append, jobs=1) == 1
    assert "symbolic link" in "\n".join(messages) and not (tmp_path / "site").exists()


def test_a_hard_link_to_a_file_outside_is_refused_but_not_a_link_within(package, tmp_path):
    outside = tmp_path / "elsewhere.csv"
    outside.write_text("a,b\n1,2\n", encoding="utf-8")
    os.link(outside, package / "extra.csv")
    errors = _errors(package)
    assert len(errors) == 1 and "extra.csv is a hard link to a file outside the package" in errors[0]
    os.unlink(outside)
    os.link(package / "extra.csv", package / "extra-again.csv")  # two names, both inside
    assert _errors(package) == []


def test_a_pipe_is_refused(package):
    os.mkfifo(package / "fifo")
    errors = _errors(package)
    assert len(errors) == 1 and "fifo is a device, pipe or socket" in errors[0]
    assert _validate_cli(package).returncode == 1  # and validate did not hang reading it


def test_a_source_changed_after_the_import_is_refused(package):
    source = next((package / "source").iterdir())
    source.write_bytes(source.read_bytes().replace("组织部".encode(), "宣传部".encode(), 1))
    errors = _errors(package)
    assert len(errors) == 1 and "has sha256" in errors[0] and "changed after the import" in errors[0]
    source.unlink()
    assert any("is missing" in e for e in _errors(package))


@pytest.mark.parametrize("year", [-1, 99999, 1989, "2020", None])
def test_a_fiscal_year_no_disclosure_can_have_is_refused(package, year):
    path = package / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    desc["fiscal_year"] = year
    path.write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")
    errors = _errors(package)
    assert any(f"fiscal_year {year!r} is not a year between 1990 and {last_year()}" in e for e in errors), errors


def test_leftovers_of_an_interrupted_import_are_not_packages(package, tmp_path):
    shutil.copytree(package, package.with_name(".2020-final.old"))
    shutil.copytree(package, package.with_name(".2020-final.12345.abcdefgh"))
    assert collect([tmp_path / "packages"]) == [package]
    assert collect([package.parent]) == [package]


def test_two_folders_holding_one_package_stop_the_build_with_a_message(package, tmp_path):
    shutil.copytree(package, package.with_name("2020-final-backup"))
    shutil.copy(ROOT / "data" / "departments.csv", tmp_path / "departments.csv")
    messages = []
    assert run_build(tmp_path, tmp_path / "site", echo=messages.append, jobs=1) == 1
    text = "\n".join(messages)
    assert "2020-final-backup and " in text and "both hold the package 530400-zuzhibu-2020-final" in text


@pytest.mark.parametrize("key, value", [("department", "530400-zuzhibu"), ("source", "source/x.txt"),
                                        ("sources", "x"), ("kind", "weird"), ("name", [1]),
                                        ("resources", [{"name": "facts", "path": "facts.csv",
                                                        "schema": {"fields": [1]}}])])
def test_a_descriptor_key_of_the_wrong_shape_is_an_error_not_a_traceback(package, key, value):
    path = package / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    desc[key] = value
    path.write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")
    errors = _errors(package)
    assert errors and all(e.startswith("datapackage.json: ") and f"'{key}'" in e for e in errors), errors
    result = _validate_cli(package)
    assert result.returncode == 1


def test_a_department_folder_that_is_a_symbolic_link_is_refused(package, tmp_path):
    department = package.parent
    shutil.move(department, tmp_path / "elsewhere")
    os.symlink(tmp_path / "elsewhere", department)
    errors = _errors(package)
    assert len(errors) == 1 and "the folder 530400-zuzhibu is a symbolic link" in errors[0]


def test_a_registry_that_is_not_text_is_named_by_build_and_import(package, tmp_path):
    (tmp_path / "departments.csv").write_bytes(bytes(range(128, 256)))
    messages = []
    assert run_build(tmp_path, tmp_path / "site", echo=messages.append, jobs=1) == 1
    assert "departments.csv is not UTF-8 text" in "\n".join(messages)
    source = next((package / "source").iterdir())
    result = subprocess.run([sys.executable, "-m", "generator", "import", str(source), "--out", str(tmp_path / "o"),
                             "--registry", str(tmp_path / "departments.csv")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and "is not UTF-8 text" in result.stdout and "Traceback" not in result.stderr
