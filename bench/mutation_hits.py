"""pytest plugin for ``make mutation``: credit a test with what its CLI subprocesses ran,
and run a mutant's tests fastest first.

mutmut learns which tests reach which function by tracing calls in the pytest process
(``MUTANT_UNDER_TEST=stats``). Most CLI tests run ``python -m simulator`` in a subprocess,
as a user would, so without this plugin every function reached only that way would have
"no tests" and its mutants would never run. While mutmut collects its stats, this plugin
puts ``bench/mutation_site`` on the subprocesses' ``PYTHONPATH``; its ``sitecustomize``
appends the functions the subprocess ran to a file, and after each test the plugin adds
them to mutmut's record for that test.

The MkDocs build (one per session, for every site test) is left out on purpose: crediting
one test with it would be wrong and crediting every site test would run a site build for
most engine mutants.

When a mutant is under test, mutmut runs the tests that reach it with ``-x`` but in no
particular order, so a mutant the quickest unit test kills could wait for a site build or
a 14-second fuzz test first. The plugin sorts them by the durations mutmut recorded.

In each mutant's worker it also empties the simulator's ``functools`` caches first (see
:func:`_clear_caches`).

It is loaded only through ``[tool.mutmut] pytest_add_cli_args``; no test imports it or
mutmut.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import pytest

HITS_ENV = "SMM_MUTATION_HITS"
SITE_DIR = Path(__file__).resolve().parent / "mutation_site"


def _collecting() -> bool:
    return os.environ.get("MUTANT_UNDER_TEST") == "stats"


def _mutant_under_test() -> bool:
    return "__mutmut_" in os.environ.get("MUTANT_UNDER_TEST", "")


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    stats = Path("mutmut-stats.json")  # mutmut runs pytest from mutants/
    if not (_mutant_under_test() and stats.exists()):
        return
    seconds = json.loads(stats.read_text(encoding="utf-8"))["duration_by_test"]
    items.sort(key=lambda item: seconds.get(item.nodeid, 0.0))


def _clear_caches() -> None:
    """Empty every ``functools`` cache of the simulator's modules.

    mutmut forks each mutant's worker from a process that has already run the suite, so the
    caches (checked data, previews, chart specs) hold the right answers: a mutant inside a
    cached function would reach only the tests that rebuild the cache, often a slow one
    behind which it times out. Emptied, the first test that calls it sees the mutant."""
    for name, module in list(sys.modules.items()):
        if name == "simulator" or name.startswith("simulator."):
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()


def pytest_configure(config: pytest.Config) -> None:
    if _mutant_under_test():
        _clear_caches()
    if not _collecting():
        return
    handle, path = tempfile.mkstemp(prefix="smm-mutation-hits-", suffix=".txt")
    os.close(handle)
    os.environ[HITS_ENV] = path
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SITE_DIR), os.environ.get("PYTHONPATH")]))


def pytest_unconfigure(config: pytest.Config) -> None:
    path = os.environ.pop(HITS_ENV, None)
    if path:
        Path(path).unlink(missing_ok=True)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """Runs before mutmut's own teardown hook, which files ``state()._stats`` under this test."""
    path = os.environ.get(HITS_ENV)
    if not (_collecting() and path):
        return
    hits = Path(path)
    names = set(hits.read_text(encoding="utf-8").split())
    hits.write_text("", encoding="utf-8")
    if names:
        from mutmut.state import state  # only ever imported under mutmut

        state()._stats.update(names)
