"""A hand-written PDF for the reader's tests: a sentence whose filled-in figures are separate
text objects, drawn after the sentence and a little above its baseline, as some publishing
tools produce (stream-order extraction then moves every figure to the line below)."""
from __future__ import annotations

SIZE = 12  # points; the CJK font's glyphs are one em wide, as are the digits below


def _text(x: float, y: float, s: str) -> str:
    return f"BT /F1 {SIZE} Tf {x} {y} Td <{s.encode('utf-16-be').hex().upper()}> Tj ET\n"


def _pdf(content: str) -> bytes:
    stream = content.encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 >>",
    ]
    return pdf_file(objects)


def pdf_file(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF file of numbered objects (the first the catalog), its cross-reference table and
    trailer (`trailer`: more trailer entries, e.g. an /Encrypt dictionary)."""
    out, offsets = b"%PDF-1.4\n", []
    for k, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    head = b"/Size %d /Root 1 0 R" % (len(objects) + 1)
    return out + b"trailer\n<< " + head + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref


def figures_as_separate_objects() -> bytes:
    """Heading, then '本年收入合计9746.50万元，其中：财政拨款收入9746.50万元，占100.00%。' over two
    lines, its three figures drawn last and 4 pt above the line (beyond a 3 pt tolerance)."""
    em = SIZE
    line1, line2 = 730, 712
    parts = [_text(72, 760, "一、收入支出决算总体情况说明"),
             _text(96, line1, "本年收入合计"), _text(96 + 13 * em, line1, "万元，其中：财政拨款收入"),
             _text(72, line2, "万元，占"), _text(72 + 11 * em, line2, "。")]
    figures = [_text(96 + 6 * em, line1 + 4, "9746.50"), _text(96 + 25 * em, line1 + 4, "9746.50"),
               _text(72 + 4 * em, line2 + 4, "100.00%")]
    return _pdf("".join(parts + figures))
