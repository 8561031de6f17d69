import filecmp
import subprocess
import sys

import pytest
from frictionless import Package

from generator.model.codes import REFERENCE_DIR, CodeList, is_econ_code, is_function_code, level_of, parent_of
from tests.conftest import ROOT, SHARED, needs_shared

HARVESTED = [SHARED / "reference", SHARED / "corpus" / "003_0b9bbb1dcd80bfa1.txt"]


@pytest.fixture(scope="module")
def codes() -> CodeList:
    return CodeList.load()


def test_function_code_of_the_corpus(codes):
    assert codes.function_name("2013201") == "行政运行"
    assert codes.level_of("2013201") == "项"
    assert codes.parent_of("2013201") == "20132"
    assert codes.function_name("20132") == "组织事务"
    assert codes.function_name("201") == "一般公共服务支出"


def test_econ_codes(codes):
    assert codes.econ_name("30101") == "基本工资"
    assert codes.econ_name("301") == "工资福利支出"
    assert codes.econ_name("2013201") is None
    assert codes.function_name("30101") is None


def test_names_change_by_year(codes):
    assert codes.function_name("20805", 2018) == "行政事业单位离退休"
    assert codes.function_name("20805", 2020) == "行政事业单位养老支出"
    assert codes.function_name("20805") == "行政事业单位养老支出"
    assert codes.econ_name("310", 2017) == "其他资本性支出"
    assert codes.econ_name("310") == "资本性支出"
    assert codes.function_name("207", 2018) == "文化体育与传媒支出"  # 类 renamed in 2019
    assert codes.function_name("207", 2016) == "文化体育与传媒支出"  # before the first year seen
    assert codes.function_name("207", 2021) == "文化旅游体育与传媒支出"


def test_brackets_are_full_width(codes):
    assert codes.econ_name("30212") == "因公出国（境）费用"


def test_classes_not_seen_with_a_code_are_known(codes):
    assert codes.known("202")
    assert codes.function_name("202") == "外交支出"


def test_unknown_codes(codes):
    assert not codes.known("2019999")
    assert codes.function_name("2019999") is None
    assert codes.econ_name("39999", 2020) == "其他支出"
    assert not codes.known("")


@pytest.mark.parametrize("text, expected", [
    ("201", True), ("20132", True), ("2013201", True),
    ("2", False), ("20", False), ("2013", False), ("201320", False), ("20132011", False),
    ("301", False), ("2013201.0", False), (" 201", False), ("２０１", False), ("", False),
])
def test_is_function_code(text, expected):
    assert is_function_code(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("301", True), ("30101", True), ("399", True), ("39999", True),
    ("3010101", False), ("3010", False), ("201", False), ("30101.0", False), ("３０１", False),
])
def test_is_econ_code(text, expected):
    assert is_econ_code(text) is expected
    assert CodeList.is_econ_code(text) is expected


@pytest.mark.parametrize("code, level, parent", [
    ("201", "类", None), ("20132", "款", "201"), ("2013201", "项", "20132"),
    ("301", "类", None), ("30101", "款", "301"),
    ("2013", None, None), ("abc", None, None), ("", None, None),
])
def test_level_and_parent_from_length(code, level, parent):
    assert level_of(code) == level
    assert parent_of(code) == parent


def test_load_from_a_given_folder(tmp_path):
    for f in REFERENCE_DIR.glob("*.csv"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    assert CodeList.load(tmp_path).econ_name("30101") == "基本工资"
    assert CodeList.load(str(tmp_path)).function_name("2013201") == "行政运行"


def test_reference_package_is_valid():
    report = Package(str(REFERENCE_DIR / "datapackage.json")).validate()
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "message"])


def test_reference_csvs_are_sorted_by_code():
    for f in REFERENCE_DIR.glob("*.csv"):
        codes = [line.split(",", 1)[0] for line in f.read_text(encoding="utf-8").splitlines()[1:]]
        assert codes == sorted(codes), f.name


@needs_shared(*HARVESTED)
def test_make_reference_reproduces_the_package(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_reference.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    names = sorted(p.name for p in REFERENCE_DIR.iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == names
    match, mismatch, errors = filecmp.cmpfiles(REFERENCE_DIR, tmp_path, names, shallow=False)
    assert not mismatch and not errors
