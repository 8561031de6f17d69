import hashlib
import json
import re
import shutil
from pathlib import Path

from generator.site.build import run_build
from tests.conftest import PACKAGES, ROOT
from tests.site.sitedata import HOSTILE_SLUG


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_headline_figures_of_the_corpus(site):
    yuxi = page(site, "departments/530400-zuzhibu/2020-final")
    assert re.search(r"本年收入合计</p>\s*<p class=\"tp-card__value\">.*?6,441\.93", yuxi, re.S)
    emei = page(site, "departments/511181-zuzhibu/2020-final")
    assert re.search(r"本年收入合计</p>\s*<p class=\"tp-card__value\">.*?1,191\.71", emei, re.S)


def test_every_page_is_chinese_and_indexed(site):
    unsearched = ("search", "departments/530400-zuzhibu", "compare", "data", "findings")  # the search page's
    # examples are no result; a department's page and the lists hold what the disclosures' own pages do
    for path in ("", "departments/530400-zuzhibu/2020-final", "glossary", "methodology", "about", *unsearched):
        html = page(site, path) if path else (site / "index.html").read_text(encoding="utf-8")
        assert '<html lang="zh-CN"' in html
        assert ("data-pagefind-body" in html) == (path not in unsearched)
    assert (site / "404.html").exists()
    assert (site / "pagefind" / "base" / "site" / "pagefind.js").exists()  # the index of every page
    assert not (site / "pagefind" / "overlay").exists()  # a clean build has no pages indexed again


def test_no_external_resources(site):
    pattern = re.compile(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', re.I)
    for html in site.rglob("*.html"):
        assert not pattern.search(html.read_text(encoding="utf-8")), html


def test_document_strings_are_escaped(site):
    html = page(site, f"departments/511181-zuzhibu/{HOSTILE_SLUG}")
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "<script>window.__pwned" not in html
    assert "<img src=\"x\" onerror" not in html
    for other in ("findings", "data"):
        assert "<script>window.__pwned" not in page(site, other)


def test_downloads_equal_the_package(site):
    from tests.site.sitedata import built_data

    pkg = built_data() / "packages" / "530400-zuzhibu" / "2020-final"
    from generator.model.packages import read_package
    from generator.site.downloads import csv_for_people

    got = (site / "downloads" / "530400-zuzhibu" / "2020-final" / "final_income.csv").read_bytes()
    package = read_package(pkg)
    assert got == csv_for_people(package, package.resource("final_income"))  # the package's rows, titles for people
    source = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))["source"]
    doc = site / "downloads" / "530400-zuzhibu" / "2020-final" / "source" / Path(source["path"]).name
    assert hashlib.sha256(doc.read_bytes()).hexdigest() == source["sha256"]
    assert doc.samefile(pkg / source["path"])  # a hard link, not a second copy of every document


def _two_packages(data: Path) -> Path:
    """峨眉山 and 玉溪 2020 with the registry: a data folder that validates in a second."""
    for rel in ("511181-zuzhibu/2020-final", "530400-zuzhibu/2020-final"):
        shutil.copytree(PACKAGES / rel, data / "packages" / rel)
    shutil.copy(ROOT / "data" / "departments.csv", data / "departments.csv")
    return data


def test_package_with_errors_is_refused_and_out_untouched(tmp_path):
    data = _two_packages(tmp_path / "data")
    broken = data / "packages" / "530400-zuzhibu" / "2020-final" / "tables" / "final_income.csv"
    broken.write_text(broken.read_text(encoding="utf-8").replace("64419257.01", "六千万"), encoding="utf-8")
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("previous site", encoding="utf-8")
    messages = []
    assert run_build(data, out, echo=messages.append) == 1
    text = "\n".join(messages)
    assert "530400-zuzhibu/2020-final" in text and "final_income.csv" in text
    assert (out / "index.html").read_text(encoding="utf-8") == "previous site"
    assert not list(tmp_path.glob(".site-tmp*"))


def test_refuses_to_replace_a_folder_that_is_not_a_site(tmp_path):
    data = _two_packages(tmp_path / "data")
    out = tmp_path / "notes"
    out.mkdir()
    (out / "mine.txt").write_text("keep", encoding="utf-8")
    messages = []
    assert run_build(data, out, echo=messages.append) == 1
    assert (out / "mine.txt").exists()
    shutil.rmtree(data)
