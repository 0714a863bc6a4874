"""Network cascade: exact results of percolation theory, reproducibility, invariants, bounds.

Tolerances come from the run count. A Monte Carlo mean of R independent runs has standard
error SE = sd / sqrt(R) (sd exact where the variance is known, else the sample sd of the
runs, itself accurate to ~1/sqrt(2R)); each check allows 4 SE (a false alarm about once in
16,000 runs of a check) plus, where stated, the size of a known finite-size bias.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import simulator.models.network as network
from simulator.declarations import NETWORK_MAX_CONTACTS, NETWORK_MAX_WORK
from simulator.models.graphs import AudienceGraph, from_edges, star, watts_strogatz
from simulator.models.network import NetworkParams, NetworkResult, build_graph, influencers, network_cascade
from simulator.params import Param, ParameterError, format_number

SERIES = [
    "step",
    "reach_mean",
    "reach_p5",
    "reach_p95",
    "shares_mean",
    "shares_p5",
    "shares_p95",
    "conversions_mean",
    "conversions_p5",
    "conversions_p95",
]


def final_size(a: float) -> float:
    """The positive root S of S = 1 - exp(-a S) (a > 1), by fixed-point iteration."""
    s = 1.0
    for _ in range(500):
        s = 1.0 - math.exp(-a * s)
    return s


def run_on(net: AudienceGraph, **values: object) -> NetworkResult:
    params = NetworkParams(**{"audience": net.n, **values})  # type: ignore[arg-type]
    return network_cascade(params, graph=net)


@pytest.fixture(params=["sparse", "dense", "switch", "slices"])
def path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The ways a batch can run: the reached people as a sorted array (small cascades, by
    default until _SPARSE_REACHED people), dense state arrays from the first step, a switch
    from one to the other after 20 people, and a switch once the sharers have more than
    1,024 contacts, with dense steps cut into slices of 256 sharers and 1,024 contacts."""
    limits = {"sparse": network._SPARSE_REACHED, "dense": 0, "switch": 20}
    if request.param == "slices":
        monkeypatch.setattr(network, "_SLICE_CONTACTS", 1024)
        monkeypatch.setattr(network, "_SLICE_SHARERS", 256)
    else:
        monkeypatch.setattr(network, "_SPARSE_REACHED", limits[request.param])
    return str(request.param)


# --- Exact checks ------------------------------------------------------------------------


@pytest.mark.parametrize("share_rate", [1.0, 0.3])
@pytest.mark.usefixtures("path")
def test_star_seeded_at_its_centre(share_rate: float) -> None:
    """The centre (the one influencer) shares for sure; each of the n - 1 leaves sees it with
    probability v: reach = 1 + Binomial(n - 1, v), mean 1 + (n - 1) v, whatever s."""
    n, v, runs = 1_001, 0.3, 1_000
    r = run_on(star(n), seeds=1, seeding="influencers", share_rate=share_rate, visibility=v, runs=runs)
    se = math.sqrt((n - 1) * v * (1 - v) / runs)
    assert abs(r.totals["reach_mean"] - (1 + (n - 1) * v)) < 4 * se
    # Leaves share with probability s, once: shares = 1 + Binomial(n - 1, v s).
    vs = v * share_rate
    assert abs(r.totals["shares_mean"] - (1 + (n - 1) * vs)) < 4 * math.sqrt((n - 1) * vs * (1 - vs) / runs)
    # Leaves link only to the centre: everything happens at step 1.
    assert r.series["reach_mean"][-1] == r.series["reach_mean"][1]
    assert r.series["reach_mean"][0] == 1


def test_star_conversions_are_a_fraction_c_of_reach() -> None:
    n, v, c, runs = 1_001, 0.5, 0.1, 1_000
    r = run_on(star(n), seeds=1, seeding="influencers", visibility=v, conversion_rate=c, runs=runs)
    # conversions | reach ~ Binomial(reach, c): mean c E[reach], variance c(1-c) E[reach] + c² Var(reach).
    reach, var = 1 + (n - 1) * v, (n - 1) * v * (1 - v)
    se = math.sqrt((c * (1 - c) * reach + c * c * var) / runs)
    assert abs(r.totals["conversions_mean"] - c * reach) < 4 * se


def binary_tree_with_a_hub_root(depth: int, root_children: int = 5) -> tuple[AudienceGraph, list[int]]:
    """A tree: the root has ``root_children`` children, every other inner person 2. The root
    is the only person with the most contacts, so 'influencers' with one seed picks it.
    Returns the graph and the people at each depth ``N_d``."""
    parents, level, per_depth, nxt = [], [0], [1], 1
    for d in range(depth):
        kids = root_children if d == 0 else 2
        new_level = []
        for p in level:
            for _ in range(kids):
                parents.append((p, nxt))
                new_level.append(nxt)
                nxt += 1
        level = new_level
        per_depth.append(len(level))
    u, v = np.array(parents).T
    return from_edges(nxt, u, v, "tree"), per_depth


@pytest.mark.parametrize(("s", "v"), [(1.0, 0.6), (0.5, 0.9), (0.8, 0.8)])
@pytest.mark.usefixtures("path")
def test_tree_from_its_root(s: float, v: float) -> None:
    """On a tree every reached person is reached by its parent only: a person at depth d is
    reached with probability v^d s^(d-1) (every link seen, every inner person shared; the
    root shares for sure), so E[reach] = 1 + sum_d N_d v^d s^(d-1), step by step."""
    g, per_depth = binary_tree_with_a_hub_root(depth=8)
    runs = 1_000
    r = run_on(g, seeds=1, seeding="influencers", share_rate=s, visibility=v, runs=runs)
    expected = np.cumsum([1] + [n_d * v**d * s ** (d - 1) for d, n_d in enumerate(per_depth) if d])
    se = r.final_reach.std(ddof=1) / math.sqrt(runs)
    assert abs(r.totals["reach_mean"] - expected[-1]) < 4 * se
    # Step 1: the root's 5 children, Binomial(5, v), exact standard error.
    assert abs(r.series["reach_mean"][1] - expected[1]) < 4 * math.sqrt(5 * v * (1 - v) / runs)
    # Nobody is deeper than depth 8: nothing new after step 8 (leaves only see their parent).
    assert r.series["reach_mean"][-1] == r.series["reach_mean"][len(per_depth) - 1]


@pytest.fixture(scope="module")
def er_graph() -> AudienceGraph:
    return build_graph(NetworkParams(graph="random", audience=50_000, avg_degree=10, rng_seed=3))


@pytest.mark.parametrize(("s", "v"), [(1.0, 0.2), (0.5, 0.4), (1.0, 0.15)])
def test_erdos_renyi_final_size_above_the_threshold(er_graph: AudienceGraph, s: float, v: float) -> None:
    """On G(n, k/n) with k v s > 1 the reached fraction solves S = 1 - exp(-k v s S)
    (s = 1: Newman 2002; a reached person spreads to a Poisson(k v s) number of others).

    20 random seeds: all runs take off (probability of none, (1 - S)^20 < 1e-10). Bias: the
    seeds' own finite cascades outside the giant component add at most
    20 x (1 + k v / (1 - k v (1 - S))) people, and the giant component of a finite graph
    differs from n S by O(1) people (allowed: 100). Both stay below 3% of S here.
    """
    n, k = er_graph.n, er_graph.mean_degree  # the graph's own mean degree, not the requested 10
    runs = 40
    r = run_on(er_graph, graph="random", avg_degree=10, seeds=20, share_rate=s, visibility=v, runs=runs)
    big = final_size(k * v * s)
    seeds_small = 20 * (1 + k * v / (1 - k * v * (1 - big))) / n
    bias = seeds_small + 100 / n
    assert abs(r.totals["reach_fraction"] - big) < 4 * r.totals["reach_se"] / n + bias
    assert bias < 0.03 * big  # the allowance is small against the effect measured


@pytest.mark.usefixtures("path")
def test_erdos_renyi_below_the_threshold_stays_small() -> None:
    """k v s < 1: each seed starts a subcritical branching process. A seed reaches Poisson(k v)
    people, each later person Poisson(κ v s) more (κ = <k(k-1)>/<k>, the mean excess degree,
    = k on ER), so E[reach per seed] = 1 + k v / (1 - κ v s). Overlaps between the 10 seeds'
    cascades and short loops change this by O(size² / n) ~ 1e-4 people."""
    p = NetworkParams(graph="random", audience=100_000, avg_degree=10, seeds=10, visibility=0.05, runs=1_000)
    g = build_graph(p)
    degree = g.degrees().astype(float)
    k, excess = degree.mean(), (degree * (degree - 1)).mean() / degree.mean()
    for s in (1.0, 0.5):
        r = network_cascade(p.replace(share_rate=s), graph=g)
        expected = 10 * (1 + k * 0.05 / (1 - excess * 0.05 * s))
        assert abs(r.totals["reach_mean"] - expected) < 4 * r.totals["reach_se"] + 0.01
        # Small outbreaks: not one run in 1,000 comes near the large-outbreak size.
        assert r.final_reach.max() < 0.01 * g.n
        assert r.totals["viral_coefficient"] < 1


def test_influencers_reach_more_than_random_seeds_on_a_scale_free_graph() -> None:
    p = NetworkParams(graph="scale-free", audience=20_000, seeds=10, share_rate=0.3, visibility=0.1, runs=300)
    g = build_graph(p)
    hubs = network_cascade(p.replace(seeding="influencers"), graph=g)
    anyone = network_cascade(p.replace(seeding="random"), graph=g)
    gap = hubs.totals["reach_mean"] - anyone.totals["reach_mean"]
    assert gap > 4 * math.hypot(hubs.totals["reach_se"], anyone.totals["reach_se"])
    assert gap > 0.5 * anyone.totals["reach_mean"]


@pytest.mark.usefixtures("path")
def test_ring_with_certain_sharing_grows_two_people_a_step() -> None:
    """Deterministic: on a ring, with s = v = 1, one seed reaches 1 + 2t people by step t."""
    g = watts_strogatz(101, 2, 0.0, 1)
    r = run_on(g, seeds=1, share_rate=1.0, visibility=1.0, runs=5)
    # Step 51: the last two people reached share, but their contacts are all reached.
    assert np.array_equal(r.series["reach_p5"], np.minimum(1 + 2 * np.arange(52), 101))
    assert np.array_equal(r.final_reach, np.full(5, 101))
    assert r.totals["still_spreading"] == 0.0


@pytest.mark.usefixtures("path")
def test_horizon_reports_runs_still_spreading() -> None:
    r = run_on(watts_strogatz(1_001, 2, 0.0, 1), seeds=1, share_rate=1.0, visibility=1.0, runs=3, steps=10)
    assert len(r.series["step"]) == 11
    assert r.totals["reach_mean"] == 21
    assert r.totals["still_spreading"] == 1.0


def test_nobody_sees_anything_at_zero_visibility() -> None:
    r = network_cascade(NetworkParams(audience=5_000, seeds=7, visibility=0.0, runs=4))
    assert np.array_equal(r.final_reach, np.full(4, 7))
    assert list(r.series["step"]) == [0, 1]


# --- Reproducibility ----------------------------------------------------------------------


def small(**values: object) -> NetworkParams:
    return NetworkParams(**{"audience": 5_000, "share_rate": 0.4, "visibility": 0.3, "runs": 30, **values})  # type: ignore[arg-type]


def same(a: NetworkResult, b: NetworkResult) -> bool:
    return all(np.array_equal(a.series[k], b.series[k]) for k in a.series) and np.array_equal(
        a.final_reach, b.final_reach
    )


@pytest.mark.parametrize("graph", ["random", "scale-free", "small-world", "regular"])
def test_same_seed_same_result_other_seed_other_result(graph: str) -> None:
    p = small(graph=graph)
    assert same(network_cascade(p), network_cascade(p))
    assert not same(network_cascade(p), network_cascade(p.replace(rng_seed=2)))


@pytest.mark.usefixtures("path")
def test_result_does_not_depend_on_threads() -> None:
    p = small(runs=100)
    assert same(network_cascade(p), network_cascade(p, threads=1))
    assert same(network_cascade(p, threads=1), network_cascade(p, threads=2))


@pytest.mark.parametrize(
    ("visibility", "seeds", "threads"),
    [
        # A 4-regular ring: excess degree (16 - 4) / 4 = 3, so R = 3 v (s = 1).
        (0.1, 10, 1),  # R = 0.3: 1,000 runs x 10 seeds / 0.7 = 14,286 people at most: one thread
        (0.2, 10, 1),  # R = 0.6: 25,000 people
        (0.3, 10, network._MAX_THREADS),  # R = 0.9, past _ONE_THREAD_R
        (0.1, 200, network._MAX_THREADS),  # 1,000 x 200 / 0.7 = 285,714 people, past _ONE_THREAD_PEOPLE
    ],
)
def test_small_cascades_below_the_tipping_point_default_to_one_thread(
    visibility: float, seeds: int, threads: int
) -> None:
    p = NetworkParams(
        audience=2_000,
        graph="small-world",
        avg_degree=4,
        rewire=0,
        share_rate=1,
        visibility=visibility,
        seeds=seeds,
        runs=1000,
    )
    assert network._default_threads(p, build_graph(p)) == threads


def test_threads_must_be_at_least_one() -> None:
    with pytest.raises(ValueError, match="threads must be at least 1, got 0"):
        network_cascade(small(), threads=0)


def test_rng_argument_overrides_the_seed_for_the_runs() -> None:
    p = small()
    g = build_graph(p)
    assert same(network_cascade(p, rng=5, graph=g), network_cascade(p, rng=np.random.default_rng(5), graph=g))
    assert not same(network_cascade(p, rng=5, graph=g), network_cascade(p, graph=g))


def test_build_graph_depends_on_graph_inputs_only() -> None:
    p = small(graph="small-world")
    a, b = build_graph(p), build_graph(p.replace(share_rate=0.9, runs=3, seeds=2))
    assert np.array_equal(a.indices, b.indices)
    assert build_graph(p).kind == "small-world"


def test_graph_must_match_the_audience() -> None:
    with pytest.raises(ValueError, match="graph has 10 people but audience = 5000"):
        network_cascade(small(), graph=star(10))


def test_progress_reports_fractions_up_to_one() -> None:
    seen: list[float] = []
    network_cascade(small(runs=30), progress=seen.append)  # at least two batches of runs
    assert len(seen) >= 2
    assert seen == sorted(seen)
    assert seen[-1] == 1.0


# --- Result shape -----------------------------------------------------------------------------


def test_result_shape() -> None:
    r = network_cascade(small(runs=25))
    assert list(r.series) == SERIES
    assert r.final_reach.shape == (25,)
    payload = r.to_dict()
    assert set(payload) == {"model", "params", "totals", "series"}
    assert payload["model"] == "network"
    assert list(payload["series"][0]) == SERIES
    for key in ("reach_mean", "reach_p5", "reach_p95", "shares_mean", "conversions_mean", "reach_fraction", "runs"):
        assert key in payload["totals"]
    assert payload["totals"]["runs"] == 25
    assert payload["totals"]["reach_mean"] == pytest.approx(r.final_reach.mean())
    assert payload["totals"]["reach_p5"] <= payload["totals"]["reach_mean"] <= payload["totals"]["reach_p95"]


def test_one_run_has_no_standard_error() -> None:
    assert network_cascade(small(runs=1)).totals["reach_se"] is None


def test_two_runs_standard_error_is_half_their_gap() -> None:
    """s / sqrt(2) with s the sample (n - 1) deviation of two values a, b: |a - b| / sqrt(2) / sqrt(2)."""
    r = network_cascade(small(runs=2))
    a, b = r.final_reach
    assert r.totals["reach_se"] == pytest.approx(abs(a - b) / 2)


def test_influencers_are_the_highest_degree_people_ties_to_lower_ids() -> None:
    g = from_edges(6, np.array([0, 0, 1, 1, 2, 3]), np.array([1, 2, 2, 3, 4, 5]))  # degrees 2 3 3 2 1 1
    assert list(influencers(g, 1)) == [1]
    assert list(influencers(g, 2)) == [1, 2]
    assert list(influencers(g, 3)) == [0, 1, 2]
    assert list(influencers(g, 6)) == [0, 1, 2, 3, 4, 5]


# --- Invariants (hypothesis) -------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(
    graph=st.sampled_from(["random", "scale-free", "small-world", "regular"]),
    audience=st.integers(min_value=12, max_value=400).map(lambda n: n + n % 2),
    avg_degree=st.integers(min_value=2, max_value=8),
    seeds=st.integers(min_value=1, max_value=12),
    seeding=st.sampled_from(["random", "influencers"]),
    share_rate=st.floats(min_value=0, max_value=1),
    visibility=st.floats(min_value=0, max_value=1),
    conversion_rate=st.floats(min_value=0, max_value=1),
    runs=st.integers(min_value=1, max_value=30),
    rng_seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_invariants(**values: object) -> None:
    r = network_cascade(NetworkParams(**values))  # type: ignore[arg-type]
    n, seeds = r.params.audience, r.params.seeds  # type: ignore[attr-defined]
    final = r.final_reach
    assert np.all((final >= seeds) & (final <= n))
    s = r.series
    assert s["reach_mean"][0] == s["shares_mean"][0] == seeds
    for key in ("reach", "shares", "conversions"):
        # Cumulative per run, so the mean and every percentile rise step by step.
        for stat in ("mean", "p5", "p95"):
            assert np.all(np.diff(s[f"{key}_{stat}"]) >= 0)
        assert np.all(s[f"{key}_p5"] <= s[f"{key}_p95"] + 1e-9)
    # People who share or convert were reached first.
    assert np.all(s["shares_mean"] <= s["reach_mean"] + 1e-9)
    assert np.all(s["conversions_mean"] <= s["reach_mean"] + 1e-9)
    assert r.totals["reach_p95"] <= n


# --- Parameters: every bound and every joint rule ------------------------------------------------

NUMERIC = [spec for spec in NetworkParams.specs().values() if spec.kind is not str]


@pytest.mark.parametrize("spec", NUMERIC, ids=lambda s: s.name)
def test_every_bound_rejected_just_outside(spec: Param) -> None:
    assert spec.minimum is not None
    assert spec.maximum is not None
    if spec.kind is int:
        outside = [spec.minimum - 1, spec.maximum + 1]
    else:
        outside = [float(np.nextafter(spec.minimum, -np.inf)), float(np.nextafter(spec.maximum, np.inf))]
    allowed = re.escape(f"{format_number(spec.minimum)} to {format_number(spec.maximum)}")
    for value in outside:
        with pytest.raises(ParameterError, match=rf"^{spec.name} = .* is outside the allowed range: .*{allowed}"):
            NetworkParams(**{spec.name: value})  # type: ignore[arg-type]
    # ... and the bounds themselves are accepted by the declaration.
    assert spec.check(spec.minimum) == spec.minimum
    assert spec.check(spec.maximum) == spec.maximum


@pytest.mark.parametrize("name", ["graph", "seeding"])
def test_choices_rejected(name: str) -> None:
    with pytest.raises(ParameterError, match=rf"^{name} = 'nope' is not a valid choice: one of"):
        NetworkParams(**{name: "nope"})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"audience": 100, "seeds": 101}, r"^seeds = 101 is too large: at most audience = 100 people"),
        ({"audience": 10, "seeds": 1, "avg_degree": 10}, r"^avg_degree = 10 is too large: below audience = 10 people"),
        ({"graph": "scale-free", "avg_degree": 1.5}, r"^avg_degree = 1\.5 is too small: at least 2 for graph"),
        (
            {"graph": "regular", "avg_degree": 4.5},
            r"^avg_degree = 4\.5 is not a whole number: a whole number for graph",
        ),
        (
            {"graph": "regular", "audience": 11, "seeds": 1, "avg_degree": 3},
            r"^avg_degree = 3 gives an odd number of link ends",
        ),
        (
            {"audience": 1_000_000, "avg_degree": 21},
            rf"^avg_degree = 21 is too large: at most 20 for audience = 1,000,000 .*{format_number(NETWORK_MAX_CONTACTS)}",
        ),
        (
            # Worked by hand: per run 1,000,000 people + 20 seeds + 1 x 10,000,000 contacts = 11,000,020. 17 runs are
            # batches of 9 and 8, each a sparse start plus dense parts of 8 runs (1 + 2 and 1 + 1 blocks), 200 steps
            # at 2,000 units: 187,000,340 + 5 x 400,000 = 189,000,340; 18 runs: 198,000,360 + 6 x 400,000 > 200,000,000.
            {"audience": 1_000_000, "share_rate": 1, "visibility": 1, "runs": 18},
            r"^runs = 18 is too large: at most 17 for audience = 1,000,000, avg_degree = 10, seeds = 20, "
            r"seeding = random, share_rate = 1, visibility = 1 and steps = 200 \(the work of one request, "
            r"runs × \(audience \+ seeds \+ visibility × contacts of the people who share\) plus a cost per step, "
            r"at most 200,000,000\)",
        ),
        (
            # s = 0.05, v = 0.2 (default): 1,000,020 + 0.2 x (20 x 10 + 0.05 x 10,000,000) = 1,100,060 per run;
            # 173 runs: batches of 87 and 86, each 1 + 11 blocks: 190,310,380 + 24 x 400,000 = 199,910,380;
            # 174 runs: 191,410,440 + 24 x 400,000 = 201,010,440.
            {"audience": 1_000_000, "share_rate": 0.05, "runs": 174},
            r"^runs = 174 is too large: at most 173 for audience = 1,000,000",
        ),
        (
            # The seeds' contacts count even when nobody else shares (issue #14's bypass, scaled down).
            {
                "graph": "random",
                "audience": 200_000,
                "avg_degree": 100,
                "seeds": 100_000,
                "share_rate": 0,
                "visibility": 1,
                "runs": 20,
            },
            r"^runs = 20 is too large: at most 19 for audience = 200,000",
        ),
    ],
)
def test_joint_rules_name_the_parameter_value_and_range(values: dict[str, object], message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        NetworkParams(**values)  # type: ignore[arg-type]


def test_largest_requests_within_the_caps_are_accepted() -> None:
    for values in (
        {"audience": 1_000_000, "avg_degree": 20, "runs": 50},
        {"audience": 1_000_000, "avg_degree": 10, "runs": 100, "share_rate": 0.3, "visibility": 0.2},
        {"audience": 1_000_000, "share_rate": 0.05, "runs": 173},
        {"audience": 1_000_000, "runs": 17, "share_rate": 1, "visibility": 1},
        {"audience": 10_000, "avg_degree": 100, "runs": 1_000},
        {"graph": "regular", "audience": 11, "seeds": 1, "avg_degree": 4},
    ):
        params = NetworkParams(**values)  # type: ignore[arg-type]
        assert {k: getattr(params, k) for k in values} == values
        assert params.work <= NETWORK_MAX_WORK


def test_erdos_renyi_graph_built_from_params_has_the_requested_mean_degree() -> None:
    g = build_graph(NetworkParams(graph="random", audience=20_000, avg_degree=10))
    assert abs(g.mean_degree - 10) < 4 * math.sqrt(2 * 10 / 20_000)
    assert g.kind == "random"
