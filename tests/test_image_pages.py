"""A table printed as a picture is not a missing table: the import names the page as not read,
and the contents rule gives a notice for the table on it instead of a finding."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from generator.api import import_disclosure
from generator.validate.api import validate_package
from tests.conftest import ROOT, SHARED

SOURCE = SHARED / "corpus" / "pdf" / "sh-putuo-qzfb-2025-budget.pdf"
PAGE = 13  # 4．2025年部门财政拨款收支预算总表, the only table on its page
TITLE = "2025年部门财政拨款收支预算总表"


def _picture(out: Path) -> Path:
    """The document with page 13 replaced by a picture of itself (no text layer)."""
    with pdfplumber.open(SOURCE) as pdf:
        page = pdf.pages[PAGE - 1]
        image, width, height = page.to_image(resolution=100).original.convert("RGB"), page.width, page.height
    doc = pdfium.PdfDocument(SOURCE)
    doc.del_page(PAGE - 1)
    blank = doc.new_page(width, height, index=PAGE - 1)
    picture = pdfium.PdfImage.new(doc)
    picture.set_bitmap(pdfium.PdfBitmap.from_pil(image))
    picture.set_matrix(pdfium.PdfMatrix().scale(width, height))
    blank.insert_obj(picture)
    blank.gen_content()
    doc.save(out)
    return out


def _deleted(out: Path) -> Path:
    doc = pdfium.PdfDocument(SOURCE)
    doc.del_page(PAGE - 1)
    doc.save(out)
    return out


def _contents(source: Path, work: Path) -> tuple[dict, list]:
    registry = shutil.copy(ROOT / "data" / "departments.csv", work)
    result = import_disclosure(source, out=work / "packages", registry=registry)
    descriptor = json.loads((result.path / "datapackage.json").read_text(encoding="utf-8"))
    return descriptor, [f for f in validate_package(result.path).findings if f.rule == "contents"]


def test_a_table_printed_as_a_picture_is_a_notice(tmp_path):
    descriptor, [found] = _contents(_picture(tmp_path / "picture.pdf"), tmp_path)
    assert descriptor["unread"] == [f"第 {PAGE} 页只有图片，没有文字层：其中的表格未能读取"]
    assert found.cls == "notice" and TITLE in found.message


def test_the_same_table_deleted_is_a_finding(tmp_path):
    descriptor, [found] = _contents(_deleted(tmp_path / "deleted.pdf"), tmp_path)
    assert "unread" not in descriptor
    assert found.cls == "inconsistency" and TITLE in found.message and "在正文中没有" in found.message
