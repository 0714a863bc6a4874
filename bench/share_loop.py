"""Share loop speed: one scenario, and a 100 x 100 share-rate x audience sweep over 365 steps.

Targets on the 2-core reference machine: one scenario <= 1 ms, the sweep <= 50 ms.
Run: ``make bench`` or ``.venv/bin/python -m bench.share_loop``.
"""

from __future__ import annotations

from bench.machine import times_ms, write_timings
from simulator.models.share_loop import ShareLoopParams, SweepParams, share_loop, share_sweep

COMMAND = ".venv/bin/python -m bench.share_loop"


def main() -> str:
    single = ShareLoopParams()  # declared defaults: 60 steps
    sweep = SweepParams(share_rate_points=100, audience_points=100, steps=365)
    single_ms = times_ms(lambda: share_loop(single), repeat=20, number=200)
    sweep_ms = times_ms(lambda: share_sweep(sweep), repeat=15, number=3)
    rows = [
        ("one scenario (defaults, 60 steps)", single_ms, 1.0),
        ("sweep 100 x 100 over 365 steps", sweep_ms, 50.0),
    ]
    return write_timings("share_loop", "Share loop benchmark", COMMAND, rows, digits=3)


if __name__ == "__main__":
    main()
