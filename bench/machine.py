"""What machine a benchmark ran on, for the recorded results."""

from __future__ import annotations

import datetime
import os
import platform
import statistics
import sys
import timeit
from collections.abc import Callable
from pathlib import Path

import numpy as np

RESULTS = Path(__file__).resolve().parent / "results"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_info() -> dict[str, str]:
    """CPU, cores, Python and numpy versions, and the UTC date."""
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu_model(),
        "cores": str(os.cpu_count()),
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "platform": platform.platform(),
    }


def machine_markdown() -> str:
    return "\n".join(f"- {k}: {v}" for k, v in machine_info().items())


def times_ms(fn: Callable[[], object], repeat: int, number: int) -> list[float]:
    """Milliseconds per call of ``fn``, one entry per repeat of ``number`` calls (after a warm-up
    call, so imports and caches are not timed)."""
    fn()
    return [t / number * 1_000 for t in timeit.repeat(fn, repeat=repeat, number=number)]


def write_timings(
    name: str, title: str, command: str, rows: list[tuple[str, list[float], float]], digits: int = 1
) -> str:
    """Write ``bench/results/<name>.md``: each case's median and best milliseconds against its
    target (median at most the target is met), with the command and the machine; returns the text."""
    lines = [
        f"# {title}",
        "",
        f"Command: `{command}` (also run by `make bench`).",
        "",
        machine_markdown(),
        "",
        "| case | median ms | best ms | target ms | met |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for case, times, target in rows:
        median = statistics.median(times)
        met = "yes" if median <= target else "NO"
        lines.append(f"| {case} | {median:.{digits}f} | {min(times):.{digits}f} | {target:g} | {met} |")
    text = "\n".join(lines) + "\n"
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.md").write_text(text)
    print(text)
    return text
