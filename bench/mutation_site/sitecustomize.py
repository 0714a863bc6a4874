"""Loaded by every Python subprocess of a test while mutmut collects its stats
(bench/mutation_hits.py puts this folder on ``PYTHONPATH``): at exit, append the mutated
functions this process ran to the file the plugin reads. MkDocs builds are left out (see
the plugin's docstring)."""

import atexit
import os
import sys


def _dump_hits() -> None:
    path = os.environ.get("SMM_MUTATION_HITS")
    state = sys.modules.get("mutmut.state")
    if not path or state is None or "mkdocs" in sys.modules or os.environ.get("MUTANT_UNDER_TEST") != "stats":
        return
    names = state.state()._stats
    if names:
        with open(path, "a", encoding="utf-8") as out:
            out.write("".join(f"{name}\n" for name in sorted(names)))


atexit.register(_dump_hits)
