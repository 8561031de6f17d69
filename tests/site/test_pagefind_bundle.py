"""Pagefind writes its filter files in a hash map's order, other bytes on every run; the bundle,
once settled (pagefind_bundle.py), depends on the pages only."""
from __future__ import annotations

import gzip
import hashlib

from generator.site.pagefind_bundle import MAGIC, _read, encode
from generator.site.pagefind_service import index_pages

PAGE = ('<html lang="zh-CN"><body><div data-pagefind-body><span data-pagefind-filter="year:{year}"></span>'
        '<span data-pagefind-filter="kind:{kind}"></span><span data-pagefind-filter="region:{region}"></span>'
        '<h1>第{n}页</h1><p>公务接待费 {n}</p></div></body></html>')


def _bundle(site, out) -> dict[str, str]:
    pages = []
    for n in range(8):
        path = site / f"p{n}" / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(year=2018 + n % 3, kind=("部门预算", "部门决算")[n % 2], region=f"省{n % 5}", n=n),
                        encoding="utf-8")
        pages.append(f"p{n}/index.html")
    index_pages(site, pages, out, [])
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in out.rglob("*") if p.is_file()}


def test_the_same_pages_give_the_same_filter_files(tmp_path):
    runs = [_bundle(tmp_path / "site", tmp_path / f"out{k}") for k in range(3)]
    assert runs[0] == runs[1] == runs[2]
    filters = sorted((tmp_path / "out0" / "filter").iterdir())
    assert len(filters) == 3
    for path in filters:
        name, values = _read(path)
        assert [v for v, _ in values] == sorted(v for v, _ in values)
        assert gzip.decompress(path.read_bytes()) == MAGIC + encode([name, values])
