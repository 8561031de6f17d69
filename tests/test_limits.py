"""Every hostile or unusual input ends in a message naming the file, what is wrong and what to do,
within a bounded time and memory, never a traceback (docs/limits.md). Each input is made here."""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import pytest

from generator.ingest import limits
from tests.conftest import ROOT, corpus_path
from tests.pdf_fixtures import pdf_file


def run_import(source: Path, out: Path, *extra: str) -> tuple[subprocess.CompletedProcess, float, int]:
    """`transparency import`; (result, seconds, peak memory in MB)."""
    started = time.monotonic()
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        proc = subprocess.Popen([sys.executable, "-m", "generator", "import", str(source), "--out", str(out), *extra],
                                cwd=ROOT, stdout=stdout, stderr=stderr, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        timer = threading.Timer(300, proc.kill)  # a hang fails the test instead of blocking it
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)  # (its own peak memory, which Popen.wait does not give)
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        result = subprocess.CompletedProcess(proc.args, proc.returncode, stdout.read(), stderr.read())
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result, time.monotonic() - started, usage.ru_maxrss // 1024


def _facts(out: Path) -> list[dict]:
    (path,) = out.glob("*/*/facts.csv")
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --- text encodings ------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "gb18030"])
def test_utf16_with_bom_and_gb18030_text_import_as_utf8_does(tmp_path, encoding):
    text = corpus_path("003").read_text(encoding="utf-8")
    reference, _, _ = run_import(corpus_path("003"), tmp_path / "utf8")
    assert reference.returncode == 0
    source = tmp_path / f"disclosure-{encoding}.txt"
    data = text.encode(encoding)
    source.write_bytes(b"\xfe\xff" + data if encoding == "utf-16-be" else data)  # utf-16 writes its own BOM
    result, _, _ = run_import(source, tmp_path / "other")
    assert result.returncode == 0, result.stdout
    assert _facts(tmp_path / "other") == _facts(tmp_path / "utf8")


def test_a_text_file_past_the_limit_is_refused_at_once(tmp_path):
    source = tmp_path / "huge.txt"
    with open(source, "wb") as fh:
        fh.truncate(limits.MAX_TEXT_BYTES + 1)  # sparse: no disk used
    result, seconds, _ = run_import(source, tmp_path / "out")
    assert result.returncode == 1 and "huge.txt" in result.stdout and "more than the 20 MB" in result.stdout
    assert seconds < 10


# --- PDF ---------------------------------------------------------------------------------------------

def _pdf(pages: int, encrypt: bool = False) -> bytes:
    """A PDF of `pages` empty pages; `encrypt`: protected by a user password (RC4, standard handler)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (4 + k) for k in range(pages)), pages),
               b"<< /Length 0 >>\nstream\n\nendstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"] * pages
    if encrypt:  # O and U made for a password that is not empty: no reader opens it without one
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /P -4 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>")
    return pdf_file(objects, b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (len(objects), b"ab" * 16, b"ab" * 16)
                    if encrypt else b"")


def test_a_password_protected_pdf_says_so(tmp_path):
    source = tmp_path / "protected.pdf"
    source.write_bytes(_pdf(1, encrypt=True))
    result, _, _ = run_import(source, tmp_path / "out")
    assert result.returncode == 1 and "protected.pdf" in result.stdout
    assert "protected by a password" in result.stdout and "unprotected copy" in result.stdout


def test_a_pdf_past_the_page_limit_is_refused_before_reading_its_pages(tmp_path):
    source = tmp_path / "many.pdf"
    source.write_bytes(_pdf(limits.MAX_PAGES + 1))
    result, seconds, _ = run_import(source, tmp_path / "out")
    assert result.returncode == 1
    assert f"{limits.MAX_PAGES + 1} pages, more than the {limits.MAX_PAGES}" in result.stdout
    assert seconds < 15


# --- Word and Excel -----------------------------------------------------------------------------------

def _bomb(path: Path, base: bytes, part: str, megabytes: int) -> None:
    """`base` (a .docx/.xlsx) with `part` replaced by `megabytes` of XML that packs to almost nothing."""
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != part:
                dst.writestr(info, src.read(info))
        with dst.open(part, "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0"?><w:document xmlns:w="x"><!--')
            block = b" " * (1 << 20)
            for _ in range(megabytes):
                fh.write(block)
            fh.write(b"--></w:document>")


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("中国共产党玉溪市委员会组织部2020年度部门决算")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _xlsx(rows: list[list]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, kind):
    source = tmp_path / f"bomb.{kind}"
    base, part = (_docx(), "word/document.xml") if kind == "docx" else (_xlsx([["a"]]), "xl/worksheets/sheet1.xml")
    _bomb(source, base, part, 100)
    assert source.stat().st_size < 1024 * 1024  # 100 MB of XML in under 1 MB
    result, seconds, memory = run_import(source, tmp_path / "out")
    assert result.returncode == 1 and "bomb." in result.stdout
    assert f"its part {part} unpacks to 100 MB, more than the 64 MB" in result.stdout
    assert seconds < 15 and memory < 400, (seconds, memory)


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_malformed_xml_inside_a_word_or_excel_file_is_a_message(tmp_path, kind):
    base, part = (_docx(), "word/document.xml") if kind == "docx" else (_xlsx([["a", 1]]), "xl/worksheets/sheet1.xml")
    source = tmp_path / f"broken.{kind}"
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(source, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, data[: len(data) // 2] if info.filename == part else data)
    result, _, _ = run_import(source, tmp_path / "out")
    assert result.returncode == 1 and "broken." in result.stdout and "not a readable" in result.stdout
    assert "save it again" in result.stdout


def test_formulas_without_saved_values_are_an_error_naming_the_cells(tmp_path):
    rows = [["项目", "金额"]] + [[f"第{k}项", 100 * k] for k in range(1, 4)]
    rows += [["合计", "=SUM(B2:B4)"], ["两倍", "=B5*2"]]  # openpyxl saves formulas without their values
    source = tmp_path / "formulas.xlsx"
    source.write_bytes(_xlsx(rows))
    result, _, _ = run_import(source, tmp_path / "out")
    assert result.returncode == 1 and "formulas.xlsx" in result.stdout
    assert "2 cell(s) hold a formula whose value was never saved (Sheet!B5, Sheet!B6)" in result.stdout
    assert "Open and save the file in Excel" in result.stdout


def test_a_workbook_past_the_cell_limit_is_refused_while_streaming(tmp_path):
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>{r}</v></c>' for c in "ABCDEFGHIJ") + "</row>"
                   for r in range(1, limits.MAX_CELLS // 10 + 2))
    base = _xlsx([["a"]])
    source = tmp_path / "wide.xlsx"
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                head, _, _ = data.decode("utf-8").partition("<sheetData>")
                data = (head + "<sheetData>" + rows + "</sheetData></worksheet>").encode("utf-8")
            dst.writestr(info, data)
    result, seconds, memory = run_import(source, tmp_path / "out")
    assert result.returncode == 1 and "wide.xlsx" in result.stdout
    assert f"more than {limits.MAX_CELLS:,} cells (sheet Sheet)" in result.stdout
    assert seconds < 20 and memory < 400, (seconds, memory)


def test_a_format_that_is_not_a_disclosure_is_named(tmp_path):
    source = tmp_path / "scan.png"
    source.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result, _, _ = run_import(source, tmp_path / "out")
    assert result.returncode == 1 and ".png files are not supported" in result.stdout and "OCR" in result.stdout


def test_memory_past_the_budget_is_a_memory_error_and_the_limit_is_lifted_after():
    with pytest.raises(MemoryError):
        with limits.memory_limit(64 * 1024 * 1024):
            bytearray(512 * 1024 * 1024)
    assert len(bytearray(512 * 1024 * 1024)) == 512 * 1024 * 1024  # no limit outside the block


def test_an_import_that_needs_too_much_memory_says_so(tmp_path):
    source = tmp_path / "wide.txt"  # one line of 15 MB, within the text limit: reading it takes a few copies
    source.write_text("中" * (5 * 1024 * 1024), encoding="utf-8")
    code = ("import sys; from generator.ingest import limits; limits.MAX_MEMORY = 20 * 1024 * 1024; "
            "from generator.cli import main; sys.exit(main(sys.argv[1:]))")
    result = subprocess.run([sys.executable, "-c", code, "import", str(source), "--out", str(tmp_path / "out")],
                            cwd=ROOT, capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 1 and "wide.txt: reading it needs more than" in result.stdout, result.stdout
