"""Session fixtures shared by every test layer: one real site build, one app port."""

from __future__ import annotations

import pytest

from tests.support import BuiltSite, free_port, run_mkdocs


@pytest.fixture(scope="session")
def app_port() -> int:
    """The port the browser tests start the app on; the site is built to embed it."""
    return free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, app_port: int) -> BuiltSite:
    """``mkdocs build --strict`` of the real docs, once per session."""
    site = tmp_path_factory.mktemp("site")
    app_url = f"http://localhost:{app_port}"
    result = run_mkdocs(site, {"SMM_APP_URL": app_url})
    assert result.returncode == 0, result.stderr[-4000:]
    return BuiltSite(site, result.stderr, app_url)
