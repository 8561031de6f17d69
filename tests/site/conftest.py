import pytest

from tests.site.sitedata import built_site


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    return built_site(tmp_path_factory)
