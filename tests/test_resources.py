"""The package's resources described once (model/resources.py) and one Resource class for
writing and reading: the shipped packages are what the descriptions say, a resource read back
writes the same bytes, and the validator requires what the descriptions require."""
from __future__ import annotations

import json
import shutil

import pytest

from generator.model.packages import read_package
from generator.model.resources import REQUIRED, RESOURCES
from generator.validate.api import validate_package
from tests.conftest import PACKAGES

PACKAGE_DIRS = sorted(p.parent for p in PACKAGES.glob("*/*/datapackage.json"))
SPECS = {r.name: r for r in RESOURCES}


@pytest.mark.parametrize("package", PACKAGE_DIRS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_shipped_resources_are_as_described_and_read_back_byte_for_byte(package):
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    entries = {r["name"]: r for r in descriptor["resources"]}
    assert set(REQUIRED) <= set(entries)
    for name, spec in SPECS.items():
        if name in entries:
            written = spec.resource([]).descriptor()
            assert (entries[name]["title"], entries[name]["schema"]) == (written["title"], written["schema"]), name
    assert set(entries) - set(SPECS) == {r["name"] for r in descriptor["resources"] if "table" in r}
    for resource in read_package(package).resources:
        assert resource.descriptor() == entries[resource.name]
        assert resource.csv_text() == (package / resource.path).read_text(encoding="utf-8"), resource.name


def test_a_package_without_a_required_resource_is_an_error(tmp_path):
    package = shutil.copytree(PACKAGES / "530400-zuzhibu/2020-final", tmp_path / "d" / "2020-final")
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "sections"]
    path.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    messages = [e.message for e in validate_package(package).errors]
    assert messages == ["the descriptor names no 'sections' resource; re-import the document"]


def test_fields_read_back_with_titles_and_types():
    facts = read_package(PACKAGES / "530400-zuzhibu/2020-final").resource("facts")
    assert [(f.name, f.title, f.type) for f in facts.fields] == [(f.name, f.title, f.type) for f in SPECS["facts"].fields]
    assert [f.name for f in facts.number_fields()] == ["value", "half_unit"]
