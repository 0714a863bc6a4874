"""``python -m bench [name ...]``: run every benchmark in bench/ (or the named ones).

A benchmark is any module ``bench/<name>.py`` with a top-level ``main()`` function (found
by reading the source, so discovery imports nothing); it writes its results to
bench/results/. A module that sets ``RUN_BY_DEFAULT = False`` at top level (the mutation
score: hours for every mutant) runs only when named. Each runs in its own interpreter, so one
benchmark's memory (peak RSS is reported by some) and caches never colour another's numbers.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["discover", "main"]


def discover(*, named_only: bool = False) -> list[str]:
    """Names of the modules in bench/ that define a top-level ``main()``, sorted; with
    ``named_only``, just those that set ``RUN_BY_DEFAULT = False``."""
    names = []
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        if path.name.startswith("_"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(node, ast.FunctionDef) and node.name == "main" for node in tree.body) and (
            _runs_by_default(tree) != named_only
        ):
            names.append(path.stem)
    return names


def _runs_by_default(tree: ast.Module) -> bool:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "RUN_BY_DEFAULT" for t in node.targets):
            return bool(ast.literal_eval(node.value))
    return True


def main(argv: list[str] | None = None) -> int:
    wanted = sys.argv[1:] if argv is None else argv
    found = discover()
    unknown = sorted(set(wanted) - set(found) - set(discover(named_only=True)))
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; found: {', '.join(found)}", file=sys.stderr)
        return 2
    failed = []
    for name in wanted or found:
        print(f"=== bench.{name}", flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, "-c", f"import bench.{name} as b; b.main()"])
        print(f"=== bench.{name}: exit {code} after {time.perf_counter() - start:.1f} s", flush=True)
        if code:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
