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


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> str | None:
    """ASCII test ids: a Persian or other non-ASCII character is written as ``u`` and its
    code point (``سهم`` -> ``u0633u0647u0645``). pytest's own escaped ids (``\\u0633``) are
    not found again when a tool such as mutmut hands them to a second pytest session in one
    process, which stopped a mutation run; ASCII values keep pytest's usual ids."""
    if isinstance(val, str) and not val.isascii():
        return "".join(c if c.isascii() else f"u{ord(c):04x}" for c in val)
    return None
