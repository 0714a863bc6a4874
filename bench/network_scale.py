"""Network cascade at full scale: 1,000,000 people, mean degree 10, 100 runs.

Targets on the 2-core reference machine: each graph family generated in <= 3 s using
<= 1 GB; graph plus 100 cascade runs in <= 5 s wall. Every measurement runs in a fresh
interpreter (so the peak resident memory, ``ru_maxrss``, is that measurement's own) and
is repeated; the table shows the median and the best. Imports and interpreter start-up
are not counted in the times; the baseline memory after imports is shown.

Run: ``.venv/bin/python -m bench.network_scale`` (or ``make bench``).
"""

from __future__ import annotations

import json
import os
import resource
import shlex
import statistics
import subprocess
import sys
import time
from typing import Any

from bench.machine import RESULTS, machine_markdown

__all__ = ["main"]

COMMAND = ".venv/bin/python -m bench.network_scale"
DONE_WHEN = (
    "network --graph scale-free --audience 100000 --avg-degree 10 --seeds 20 --seeding influencers "
    "--share-rate 0.3 --visibility 0.2 --conversion-rate 0.02 --runs 50 --rng-seed 1"
)
AUDIENCE, DEGREE, RUNS, REPEATS = 1_000_000, 10, 100, 3
SCENARIOS: dict[str, dict[str, Any]] = {
    "done-when parameters: 20 influencers, s = 0.3, v = 0.2, c = 0.02": {
        "seeds": 20,
        "seeding": "influencers",
        "share_rate": 0.3,
        "visibility": 0.2,
        "conversion_rate": 0.02,
    },
    "Independent Cascade: 10 influencers, s = 1, v = 0.05": {
        "seeds": 10,
        "seeding": "influencers",
        "share_rate": 1.0,
        "visibility": 0.05,
        "conversion_rate": 0.02,
    },
    "random seeds: 100 random people, s = 0.5, v = 0.1": {
        "seeds": 100,
        "seeding": "random",
        "share_rate": 0.5,
        "visibility": 0.1,
        "conversion_rate": 0.02,
    },
}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def child(task: str, graph: str, scenario: str = "") -> None:
    """One measurement in this (fresh) interpreter; prints a JSON line."""
    from simulator.models.network import NetworkParams, build_graph, network_cascade

    baseline = _peak_mb()
    params = NetworkParams(graph=graph, audience=AUDIENCE, avg_degree=DEGREE, runs=RUNS, rng_seed=1)
    out: dict[str, Any] = {"baseline_mb": baseline}
    start = time.perf_counter()
    g = build_graph(params)
    out["graph_s"] = time.perf_counter() - start
    out["graph_mb"] = g.nbytes / 2**20
    out["mean_degree"] = g.mean_degree
    if task == "cascade":
        params = params.replace(**SCENARIOS[scenario])
        start = time.perf_counter()
        result = network_cascade(params, graph=g)
        out["cascade_s"] = time.perf_counter() - start
        out["reach_mean"] = result.totals["reach_mean"]
        out["steps"] = len(result.series["step"])
    out["peak_mb"] = _peak_mb()
    print(json.dumps(out))


def _measure(task: str, graph: str, scenario: str = "") -> list[dict[str, Any]]:
    code = f"from bench.network_scale import child; child({task!r}, {graph!r}, {scenario!r})"
    runs = []
    for _ in range(REPEATS):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return runs


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def _best(runs: list[dict[str, Any]], key: str) -> float:
    return min(r[key] for r in runs)


def main() -> str:
    load_before = os.getloadavg()[0]
    lines = [
        "# Network cascade at scale: 1,000,000 people, mean degree 10",
        "",
        f"Command: `{COMMAND}` (also run by `make bench`).",
        "",
        machine_markdown(),
        f"- load average (1 min) at start: {load_before:.2f}",
        "",
        f"Each row: {REPEATS} fresh interpreters; median (best) seconds. Peak memory is the process's maximum",
        "resident set (`ru_maxrss`), which includes the Python interpreter and numpy after imports (baseline).",
        "",
        "## Graph generation (target: <= 3 s, <= 1 GB)",
        "",
        "| graph | seconds | mean degree | CSR arrays MB | peak RSS MB (baseline) | met |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for graph in ("random", "scale-free", "small-world", "regular"):
        runs = _measure("graph", graph)
        seconds, peak = _median(runs, "graph_s"), max(r["peak_mb"] for r in runs)
        met = "yes" if seconds <= 3 and peak <= 1024 else "NO"
        lines.append(
            f"| {graph} | {seconds:.2f} ({_best(runs, 'graph_s'):.2f}) | {runs[0]['mean_degree']:.4f} | "
            f"{runs[0]['graph_mb']:.0f} | {peak:.0f} ({runs[0]['baseline_mb']:.0f}) | {met} |"
        )
    lines += [
        "",
        f"## Scale-free graph + {RUNS} cascade runs (target: <= 5 s wall)",
        "",
        "| scenario | graph s | cascade s | total s | mean reach | steps | peak RSS MB | met |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name in SCENARIOS:
        runs = _measure("cascade", "scale-free", name)
        for r in runs:
            r["total_s"] = r["graph_s"] + r["cascade_s"]
        total, peak = _median(runs, "total_s"), max(r["peak_mb"] for r in runs)
        lines.append(
            f"| {name} | {_median(runs, 'graph_s'):.2f} | {_median(runs, 'cascade_s'):.2f} "
            f"({_best(runs, 'cascade_s'):.2f}) | {total:.2f} ({_best(runs, 'total_s'):.2f}) | "
            f"{runs[0]['reach_mean']:,.0f} | {runs[0]['steps']} | {peak:.0f} | {'yes' if total <= 5 else 'NO'} |"
        )
    command = [sys.executable, "-m", "simulator", *shlex.split(DONE_WHEN)]
    startup = [sys.executable, "-c", "import simulator.cli"]
    cli, imports = [], []
    for _ in range(5):
        for argv, times in ((command, cli), (startup, imports)):
            start = time.perf_counter()
            subprocess.run(argv, capture_output=True, check=True)
            times.append(time.perf_counter() - start)
    lines += [
        "",
        "## The issue's done-when command, whole process",
        "",
        f"`smm {DONE_WHEN}`",
        "",
        f"Wall time from process start to exit, 5 runs: median {statistics.median(cli):.2f} s (best {min(cli):.2f} s).",
        f"Of this, starting Python and importing the `smm` command (all models and its other commands) takes "
        f"{statistics.median(imports):.2f} s (best {min(imports):.2f} s); the rest is building the graph, the 50 runs "
        "and printing.",
    ]
    lines += ["", f"Load average (1 min) at the end: {os.getloadavg()[0]:.2f} (other work shares these 2 cores)."]
    text = "\n".join(lines) + "\n"
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "network_scale.md").write_text(text)
    print(text)
    return text


if __name__ == "__main__":
    main()
