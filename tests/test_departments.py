from pathlib import Path

import pytest

from generator.model.departments import FIELDS, Department, RegistryError, find_department, load_registry

REGISTRY = Path(__file__).resolve().parents[1] / "data" / "departments.csv"
HEADER = ",".join(FIELDS)
GOOD = "530400-zuzhibu,中国共产党玉溪市委员会组织部,玉溪市委组织部,云南省,玉溪市,,530400,city,党委部门"
OTHER = "530402-zuzhibu,中国共产党玉溪市红塔区委员会组织部,红塔区委组织部,云南省,玉溪市,红塔区,530402,county,党委部门"


@pytest.fixture(scope="module")
def registry() -> dict[str, Department]:
    return load_registry(REGISTRY)


def write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "departments.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_the_four_corpus_departments(registry):
    assert list(registry)[:4] == ["430611-zuzhibu", "510403-zuzhibu", "511181-zuzhibu", "530400-zuzhibu"]
    yuxi = registry["530400-zuzhibu"]
    assert yuxi.name == "中国共产党玉溪市委员会组织部"
    assert (yuxi.province, yuxi.city, yuxi.county, yuxi.division_level) == ("云南省", "玉溪市", "", "city")
    assert "中国共产党玉溪市委委员会组织部" in yuxi.aliases
    emeishan = registry["511181-zuzhibu"]
    assert (emeishan.city, emeishan.county, emeishan.division_level) == ("乐山市", "峨眉山市", "county")
    assert emeishan.names[0] == emeishan.name
    assert all(registry[d].kind == "党委部门" for d in list(registry)[:4])


def test_no_alias_is_generic(registry):
    aliases = {a for d in registry.values() for a in d.aliases}
    assert not aliases & {"市委组织部", "区委组织部", "组织部"}


@pytest.mark.parametrize("text, expected", [
    ("中国共产党玉溪市委员会组织部", "530400-zuzhibu"),
    ("部门：中国共产党玉溪市委委员会组织部\n金额单位：元", "530400-zuzhibu"),  # misspelling printed in 003
    ("中共峨眉山市委组织部是市委主管组织工作……", "511181-zuzhibu"),
    ("2020年，峨眉山市组织部政府采购支出总额0万元", "511181-zuzhibu"),
    ("中共攀枝花市西区区委组织部2021年度部门决算", "510403-zuzhibu"),
    ("君山区委组织部部门整体支出绩效自评报告", "430611-zuzhibu"),
    ("区委组织部2020年度部门整体支出绩效自评报告", None),  # 001 says only this: too generic
    ("市委组织部", None),
    ("", None),
])
def test_find_department(registry, text, expected):
    found = find_department(registry, text)
    assert (found.id if found else None) == expected


def test_longest_name_wins(tmp_path):
    path = write(
        tmp_path, HEADER, GOOD,
        "530400-jiguandangwei,中共玉溪市委组织部机关党委,,云南省,玉溪市,,530400,city,党委部门",
    )
    registry = load_registry(path)
    assert find_department(registry, "报送单位：中共玉溪市委组织部机关党委").id == "530400-jiguandangwei"
    assert find_department(registry, "报送单位：中共玉溪市委组织部").id == "530400-zuzhibu"
    assert find_department(registry, "玉溪市委组织部、中共玉溪市委组织部机关党委").id == "530400-jiguandangwei"


def test_equally_long_names_of_two_departments_are_ambiguous(tmp_path):
    path = write(tmp_path, HEADER, GOOD, OTHER)
    assert find_department(load_registry(path), "玉溪市委组织部和红塔区委组织部") is None


@pytest.mark.parametrize("row, field, problem", [
    ("530400-zuzhibu,,玉溪市委组织部,云南省,玉溪市,,530400,city,党委部门", "name", "required"),
    ("530400-zuzhibu,中国共产党玉溪市委员会组织部,,云南省,玉溪市,,53040,city,党委部门", "division_code", "6-digit"),
    ("530401-zuzhibu,中国共产党玉溪市委员会组织部,,云南省,玉溪市,,530400,city,党委部门", "id", "530400"),
    ("530400_zuzhibu,中国共产党玉溪市委员会组织部,,云南省,玉溪市,,530400,city,党委部门", "id", "slug"),
    ("530400-组织部,中国共产党玉溪市委员会组织部,,云南省,玉溪市,,530400,city,党委部门", "id", "slug"),
    ("530400-zuzhibu,中国共产党玉溪市委员会组织部,,云南省,玉溪市,,530400,town,党委部门", "division_level", "county"),
    ("530400-zuzhibu,中国共产党玉溪市委员会组织部,,云南省,玉溪市,红塔区,530400,city,党委部门", "county", "county-level"),
    ("530400-zuzhibu,中国共产党玉溪市委员会组织部,,云南省,,,530400,city,党委部门", "city", "required"),
    ("530400-zuzhibu,中国共产党玉溪市委员会组织部,玉溪市委组织部||中共玉溪市委组织部,云南省,玉溪市,,530400,city,党委部门", "aliases", "empty"),
    ("530400-zuzhibu,中国共产党玉溪市委员会组织部,玉溪市委组织部,云南省,玉溪市,,530400,city", "row", "9 fields"),
])
def test_malformed_row_names_file_line_and_field(tmp_path, row, field, problem):
    path = write(tmp_path, HEADER, OTHER, row)
    with pytest.raises(RegistryError) as caught:
        load_registry(path)
    error = caught.value
    assert (error.path, error.line, error.field) == (path, 3, field)
    assert str(error).startswith(f"{path}, line 3, field {field}: ")
    assert problem in str(error)


def test_duplicates_are_errors(tmp_path):
    with pytest.raises(RegistryError, match="line 3, field id: '530400-zuzhibu' appears twice"):
        load_registry(write(tmp_path, HEADER, GOOD, GOOD))
    other = OTHER.replace("红塔区委组织部", "玉溪市委组织部")
    with pytest.raises(RegistryError, match="line 3, field aliases: '玉溪市委组织部' already names 530400-zuzhibu"):
        load_registry(write(tmp_path, HEADER, GOOD, other))


def test_wrong_header(tmp_path):
    with pytest.raises(RegistryError, match="line 1, field header"):
        load_registry(write(tmp_path, "id,name", GOOD))


def test_blank_lines_are_skipped(tmp_path):
    assert list(load_registry(write(tmp_path, HEADER, "", GOOD, ""))) == ["530400-zuzhibu"]
