"""Fixtures shared by every test layer: one real site build per session, one app port, and a
copy of the playbook data a test may change."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support import DOCS, BuiltSite, free_port, processes_started_by, run_mkdocs


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


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[dict[str, str]], Path]]:
    """A copy of playbook_data (and of docs/ beside it, as the build's page checks expect)
    with some files replaced by the texts given, read instead of the real data for one test.

    ``use({"glossary.yml": "...yaml..."})`` returns the copy's folder. Every cache that
    holds data read from the folder is cleared before and after, so no test sees another's data.
    """
    from simulator import data
    from simulator.site import preview, renderers

    def clear() -> None:
        # Every cache of the modules that read the folder: loaded files, checked presets and
        # examples, benchmarks, previews, glossary patterns (engine runs do not depend on it).
        for module in (data, preview, renderers):
            for cached in vars(module).values():
                if callable(getattr(cached, "cache_clear", None)):
                    cached.cache_clear()

    def use(files: dict[str, str]) -> Path:
        folder = tmp_path / "playbook_data"
        shutil.copytree(data.DATA_DIR, folder)
        shutil.copytree(DOCS, tmp_path / "docs", ignore=shutil.ignore_patterns("assets"))
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        monkeypatch.setattr(data, "DATA_DIR", folder)
        clear()
        return folder

    yield use
    clear()


@pytest.fixture
def nothing_left_running(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fails the test if a process it started (nginx, a replica, the app) still runs after it.

    Every process the test starts inherits a marker in its environment, and temp folders
    (nginx's) are made in the test's own; afterwards any process still running with either is
    killed and named in the failure. A command or layout must stop all it started, and a
    broken one (a mutant of the mutation run) must not leave servers behind."""
    marker = f"SMM_TEST_RUN={uuid.uuid4().hex}"
    monkeypatch.setenv(*marker.split("="))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    yield
    left = processes_started_by(marker, tmp_path)
    for pid in left:
        with contextlib.suppress(ProcessLookupError):  # ended meanwhile
            group = os.getpgid(pid)
            if group == os.getpgrp():  # in this test run's own group: that process alone
                os.kill(pid, signal.SIGKILL)
            else:
                os.killpg(group, signal.SIGKILL)
    assert not left, f"left running: {left}"
