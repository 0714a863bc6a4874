"""Share loop speed: one scenario, and a 100 x 100 share-rate x audience sweep over 365 steps.

Targets on the 2-core reference machine: one scenario <= 1 ms, the sweep <= 50 ms.
Run: ``make bench`` or ``.venv/bin/python -m bench.share_loop``.
"""

from __future__ import annotations

import statistics
import timeit

from bench.machine import RESULTS, machine_markdown
from simulator.models.share_loop import ShareLoopParams, SweepParams, share_loop, share_sweep

COMMAND = ".venv/bin/python -m bench.share_loop"


def _times_ms(fn, repeat: int, number: int) -> list[float]:  # type: ignore[no-untyped-def]
    fn()  # warm up (imports, caches)
    return [t / number * 1_000 for t in timeit.repeat(fn, repeat=repeat, number=number)]


def main() -> str:
    single = ShareLoopParams()  # declared defaults: 60 steps
    sweep = SweepParams(share_rate_points=100, audience_points=100, steps=365)
    single_ms = _times_ms(lambda: share_loop(single), repeat=20, number=200)
    sweep_ms = _times_ms(lambda: share_sweep(sweep), repeat=15, number=3)
    rows = [
        ("one scenario (defaults, 60 steps)", single_ms, 1.0),
        ("sweep 100 x 100 over 365 steps", sweep_ms, 50.0),
    ]
    lines = [
        "# Share loop benchmark",
        "",
        f"Command: `{COMMAND}` (also run by `make bench`).",
        "",
        machine_markdown(),
        "",
        "| case | median ms | best ms | target ms | met |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for name, times, target in rows:
        median = statistics.median(times)
        lines.append(
            f"| {name} | {median:.3f} | {min(times):.3f} | {target:g} | {'yes' if median <= target else 'NO'} |"
        )
    text = "\n".join(lines) + "\n"
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "share_loop.md").write_text(text)
    print(text)
    return text


if __name__ == "__main__":
    main()
