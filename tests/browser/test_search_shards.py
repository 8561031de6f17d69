"""The search index split by province (`--search-index province`): the search page merges the shards."""
from __future__ import annotations

import pytest

from generator.site.build import run_build
from tests.browser.chromium import serve
from tests.site.sitedata import copy_data


@pytest.fixture(scope="module")
def sharded_url(tmp_path_factory):
    base = tmp_path_factory.mktemp("sharded")
    data = copy_data(base / "data")
    assert run_build(data, base / "site", echo=lambda _: None, search_by_province=True) == 0
    assert (base / "site" / "pagefind" / "51").is_dir()  # Sichuan's shard, beside the site's own
    with serve(base / "site") as url:
        yield url


def test_a_query_finds_disclosures_in_every_merged_shard(chromium, sharded_url):
    context = chromium.new_context()
    tab = context.new_page()
    tab.goto(sharded_url + "search/?q=人才工作经费", wait_until="networkidle")
    tab.wait_for_selector(".pagefind-ui__result", timeout=15000)
    links = tab.eval_on_selector_all(".pagefind-ui__result a", "els => els.map(e => e.getAttribute('href'))")
    provinces = {href.split("/departments/")[1][:2] for href in links if "/departments/" in href}
    assert {"51", "53"} <= provinces, links  # 峨眉山/攀枝花 (Sichuan) and 玉溪 (Yunnan), from two shards
    context.close()
