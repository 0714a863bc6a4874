"""The mutation bench's report names each survivor's line (bench/mutation.py)."""

from __future__ import annotations

from pathlib import Path

from bench.mutation import ROOT, _removed_offset, _source_line
from bench.mutation_hits import _clear_caches
from simulator import data

# mutmut diffs the mutated function alone: line 1 is its `def` line.
DIFF = """--- simulator/exports.py
+++ simulator/exports.py
@@ -23,7 +23,6 @@
                 rows.append((number, cells))
     except csv.Error as error:
         raise ExportError(
-            source,
             f"could not be read as CSV ({error})",
"""


def test_the_removed_line_is_found_by_its_place_in_the_function() -> None:
    assert _removed_offset(DIFF) == 26  # 23, 24 and 25 are context
    assert _removed_offset("no hunk") is None


def test_a_line_written_twice_in_a_function_is_told_apart() -> None:
    """``source,`` opens two ExportError calls in exports._records; the diff says which one."""
    path = Path("simulator/exports.py")
    name = "simulator.exports.x__records__mutmut_46"
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
    at = _source_line(path, name, "source,", 26)
    assert isinstance(at, int)
    assert lines[at - 1].strip() == "source,"
    assert lines[at].strip() == 'f"could not be read as CSV ({error})",'
    assert _source_line(path, name, "source,") < at  # by its text alone: the first of the two


def test_a_mutants_worker_starts_with_the_simulators_caches_empty() -> None:
    """Else a mutant in a cached function (data, previews) is not seen by the tests that reach it."""
    assert data.presets()
    assert data.presets.cache_info().currsize == 1
    _clear_caches()
    assert data.presets.cache_info().currsize == 0
