"""Network cascade vs NDlib's IndependentCascadesModel, side by side on the same problem.

Same graph (our Barabási–Albert generator: 100,000 people, mean degree 10, converted to a
networkx graph for NDlib), same seeds (the 10 highest-degree people), same per-edge
probability: Independent Cascade is our model with s = 1 and v = p, and NDlib's edge
"threshold" is that probability (``flip <= threshold``). Reports runs per second for
both, the ratio (target: at least 100x), and whether both agree on the mean final reach
(Welch z-test on the two Monte Carlo means, |z| < 3).

Run: ``.venv/bin/python -m bench.network_vs_ndlib`` (or ``make bench``). Needs the bench
extras (``ndlib``, ``six``, ``networkx``). Takes about two minutes: NDlib needs ~2 s a run.
"""

from __future__ import annotations

import math
import os
import statistics
import time
from typing import Any

import numpy as np

from bench.machine import RESULTS, machine_markdown
from simulator.models import network
from simulator.models.graphs import AudienceGraph
from simulator.models.network import NetworkParams, build_graph, influencers, network_cascade

__all__ = ["main"]

COMMAND = ".venv/bin/python -m bench.network_vs_ndlib"
AUDIENCE, DEGREE, SEEDS, P = 100_000, 10, 10, 0.05
OUR_RUNS, NDLIB_RUNS, REPEATS = 1_000, 40, 3


def ndlib_runs(graph: AudienceGraph, seeds: list[int], p: float, runs: int) -> tuple[np.ndarray, float, float]:
    """Final reach of ``runs`` NDlib IC runs, the setup time and the run time (seconds)."""
    # The bench extras, imported here so that discovering the benchmarks stays cheap.
    import networkx as nx
    from ndlib.models import ModelConfig
    from ndlib.models.epidemics import IndependentCascadesModel

    start = time.perf_counter()
    nxg = nx.Graph()
    nxg.add_nodes_from(range(graph.n))
    u, v = graph.edge_list()
    nxg.add_edges_from(zip(u.tolist(), v.tolist(), strict=True))
    model = IndependentCascadesModel(nxg, seed=1)
    config = ModelConfig.Configuration()
    for edge in nxg.edges():
        config.add_edge_configuration("threshold", edge, p)
    config.add_model_initial_configuration("Infected", seeds)
    model.set_initial_status(config)
    setup = time.perf_counter() - start
    finals = []
    start = time.perf_counter()
    for _ in range(runs):
        model.reset(infected_nodes=seeds)
        while True:
            step = model.iteration(node_status=False)
            if step["node_count"][1] == 0:  # nobody infected (sharing) is left
                break
        finals.append(step["node_count"][2])  # removed = everyone ever reached
    return np.array(finals), setup, time.perf_counter() - start


def ours(params: NetworkParams, graph: AudienceGraph, threads: int) -> tuple[np.ndarray, float]:
    """Final reach of our runs and the median wall time of REPEATS calls (seconds)."""
    network_cascade(params.replace(runs=20), graph=graph, threads=threads)  # warm up
    times, result = [], None
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = network_cascade(params, graph=graph, threads=threads)
        times.append(time.perf_counter() - start)
    assert result is not None
    return result.final_reach, statistics.median(times)


def welch(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """z statistic of the difference of two Monte Carlo means and its two-sided p-value."""
    se = math.hypot(a.std(ddof=1) / math.sqrt(a.size), b.std(ddof=1) / math.sqrt(b.size))
    z = float((a.mean() - b.mean()) / se)
    return z, math.erfc(abs(z) / math.sqrt(2))


def ci(x: np.ndarray) -> str:
    half = 1.96 * x.std(ddof=1) / math.sqrt(x.size)
    return f"{x.mean():,.0f} ± {half:,.0f}"


def main() -> dict[str, Any]:
    params = NetworkParams(
        graph="scale-free",
        audience=AUDIENCE,
        avg_degree=DEGREE,
        seeds=SEEDS,
        seeding="influencers",
        share_rate=1.0,
        visibility=P,
        conversion_rate=0.0,
        runs=OUR_RUNS,
        rng_seed=1,
    )
    load_before = os.getloadavg()[0]
    graph = build_graph(params)
    seeds = influencers(graph, SEEDS).tolist()
    mine, mine_s = ours(params, graph, threads=network._MAX_THREADS)
    _, mine_1_s = ours(params, graph, threads=1)
    theirs, setup_s, theirs_s = ndlib_runs(graph, seeds, P, NDLIB_RUNS)
    rate, rate_1, their_rate = OUR_RUNS / mine_s, OUR_RUNS / mine_1_s, NDLIB_RUNS / theirs_s
    threads = min(os.cpu_count() or 1, network._MAX_THREADS)
    z, p_value = welch(mine, theirs)
    agree = abs(z) < 3
    lines = [
        "# Network cascade vs NDlib IndependentCascadesModel",
        "",
        f"Command: `{COMMAND}` (also run by `make bench`).",
        "",
        machine_markdown(),
        f"- load average (1 min) at start / end: {load_before:.2f} / {os.getloadavg()[0]:.2f} "
        "(other work shares these 2 cores)",
        "",
        f"Problem: Barabási–Albert graph from `simulator.models.graphs` ({graph.n:,} people, "
        f"{graph.edges:,} links, mean degree {graph.mean_degree:.2f}), the same {SEEDS} seeds (highest degree), "
        f"Independent Cascade with p = {P} (our s = 1, v = p; NDlib edge threshold = p on every edge).",
        "",
        "| implementation | runs | wall s | runs / s | ratio to NDlib |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| simulator.models.network ({threads} threads) | {OUR_RUNS} | {mine_s:.3f} | "
        f"{rate:,.0f} | {rate / their_rate:,.0f}x |",
        f"| simulator.models.network (1 thread) | {OUR_RUNS} | {mine_1_s:.3f} | {rate_1:,.0f} | "
        f"{rate_1 / their_rate:,.0f}x |",
        f"| NDlib IndependentCascadesModel | {NDLIB_RUNS} | {theirs_s:.1f} | {their_rate:.3f} | 1x |",
        "",
        f"Our time is the median of {REPEATS} calls of `network_cascade` on the prebuilt graph; NDlib's "
        f"excludes its {setup_s:.1f} s of setup (networkx graph, per-edge thresholds). Target: at least 100x.",
        "",
        "Mean final reach (95% confidence interval):",
        "",
        f"- ours: {ci(mine)} people over {mine.size} runs",
        f"- NDlib: {ci(theirs)} people over {theirs.size} runs",
        f"- Welch z = {z:.2f} (two-sided p = {p_value:.2f}): {'PASS' if agree else 'FAIL'} (|z| < 3)",
        "",
    ]
    text = "\n".join(lines)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "network_vs_ndlib.md").write_text(text)
    print(text)
    return {"ratio": rate / their_rate, "ratio_one_thread": rate_1 / their_rate, "z": z, "agree": agree}


if __name__ == "__main__":
    main()
