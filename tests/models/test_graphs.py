"""Audience graphs: CSR invariants, reproducibility, and each family's known degree law.

Statistical tolerances are 4 standard errors of the quantity tested (a false alarm
about once in 16,000 runs of a check), plus, where stated, a bias term from a known
finite-size effect.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.models.graphs import (
    AudienceGraph,
    barabasi_albert,
    bernoulli_positions,
    erdos_renyi,
    from_edges,
    random_regular,
    star,
    watts_strogatz,
)

N = 20_000
GENERATORS: dict[str, Callable[[int, float, int | None], AudienceGraph]] = {
    "random": lambda n, k, seed: erdos_renyi(n, k, seed),
    "scale-free": lambda n, k, seed: barabasi_albert(n, k, seed),
    "small-world": lambda n, k, seed: watts_strogatz(n, k, 0.2, seed),
    "regular": lambda n, k, seed: random_regular(n, round(k), seed),
}


def assert_simple_undirected(g: AudienceGraph) -> None:
    """CSR well formed; every link stored both ways; no self-loops; no repeated contacts."""
    assert g.indptr.dtype == np.int64
    assert g.indices.dtype == np.int32
    assert g.indptr[0] == 0
    assert np.all(np.diff(g.indptr) >= 0)
    assert g.indptr[-1] == g.indices.size == 2 * g.edges
    src = np.repeat(np.arange(g.n), g.degrees())
    dst = g.indices.astype(np.int64)
    assert np.all((dst >= 0) & (dst < g.n))
    assert not np.any(src == dst), "self-loop"
    # Rows strictly increasing: sorted, no repeated contact.
    same_row = src[1:] == src[:-1]
    assert np.all(dst[1:][same_row] > dst[:-1][same_row]), "repeated contact"
    forward = np.sort(src * g.n + dst)
    backward = np.sort(dst * g.n + src)
    assert np.array_equal(forward, backward), "not symmetric"


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_generators_give_simple_symmetric_csr(kind: str) -> None:
    g = GENERATORS[kind](N, 10, 7)
    assert g.n == N
    assert_simple_undirected(g)
    assert g.degrees().sum() == 2 * g.edges


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_same_seed_same_graph_other_seed_other_graph(kind: str) -> None:
    a, b, c = (GENERATORS[kind](2_000, 6, seed) for seed in (1, 1, 2))
    assert np.array_equal(a.indptr, b.indptr)
    assert np.array_equal(a.indices, b.indices)
    assert not (a.indices.size == c.indices.size and np.array_equal(a.indices, c.indices))


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_generator_accepts_a_numpy_generator(kind: str) -> None:
    a = GENERATORS[kind](1_000, 4, np.random.default_rng(5))  # type: ignore[arg-type]
    b = GENERATORS[kind](1_000, 4, 5)
    assert np.array_equal(a.indices, b.indices)


def test_erdos_renyi_mean_and_variance_of_degree() -> None:
    k = 10.0
    g = erdos_renyi(N, k, 3)
    degree = g.degrees()
    # Links ~ Binomial(n(n-1)/2, p): the mean degree 2 links / n has standard error sqrt(2 k / n).
    assert abs(degree.mean() - k) < 4 * math.sqrt(2 * k / N)
    # Degrees are Binomial(n - 1, p), variance k (1 - p) ≈ k; the sample variance of n nearly
    # independent Poisson values has standard error sqrt(2 k² / n + k / n).
    assert abs(degree.var() - k * (1 - k / (N - 1))) < 4 * math.sqrt((2 * k * k + k) / N) + 0.05


def test_erdos_renyi_extremes() -> None:
    complete = erdos_renyi(30, 29, 1)
    assert complete.edges == 30 * 29 // 2
    assert erdos_renyi(30, 0, 1).edges == 0


def test_barabasi_albert_degree_tail_is_the_exact_power_law() -> None:
    """P(degree >= K) = m (m + 1) / (K (K + 1)) for preferential attachment with m links per
    newcomer (Bollobás, Riordan, Spencer & Tusnády 2001): a cumulative tail ~ K^-2, i.e.
    P(k) ~ k^-3."""
    n, m = 100_000, 5
    degree = barabasi_albert(n, 2 * m, 11).degrees()
    assert degree.min() >= m
    for big in (20, 50, 100):
        exact = m * (m + 1) / (big * (big + 1))
        observed = float((degree >= big).mean())
        # Binomial standard error; degrees are weakly dependent, and the exact law holds up
        # to O(1/n) terms from the initial core.
        assert abs(observed - exact) < 4 * math.sqrt(exact * (1 - exact) / n) + 10 / n


def test_barabasi_albert_tail_heavier_than_erdos_renyi() -> None:
    ba = barabasi_albert(N, 10, 1).degrees()
    er = erdos_renyi(N, 10, 1).degrees()
    assert ba.min() == 5  # every newcomer links to m = 5 different people
    assert ba.sum() == 2 * (15 + (N - 6) * 5)  # core K6 plus 5 links per newcomer
    assert ba.max() > 10 * er.max()
    assert (ba >= 50).mean() > 100 * max((er >= 50).mean(), 1 / N)


def test_barabasi_albert_fractional_links() -> None:
    g = barabasi_albert(N, 5, 2)  # m = 2.5: newcomers add 2 or 3 links, half and half
    # Newcomer links ~ 2 + Binomial(n, 0.5): mean degree standard error 2 sqrt(n / 4) / n.
    assert abs(g.mean_degree - 5) < 4 * 2 * math.sqrt(N / 4) / N + 0.01


def test_watts_strogatz_without_rewiring_is_the_ring() -> None:
    g = watts_strogatz(1_000, 4, 0.0, 1)
    assert list(g.neighbors(0)) == [1, 2, 998, 999]
    assert list(g.neighbors(500)) == [498, 499, 501, 502]
    assert np.all(g.degrees() == 4)


def test_watts_strogatz_rewires_the_requested_share() -> None:
    n, k, beta = N, 10, 0.3
    g = watts_strogatz(n, k, beta, 4)
    assert g.edges == n * k // 2  # redrawn collisions keep the link count
    src = np.repeat(np.arange(n), g.degrees())
    gap = np.abs(src - g.indices)
    ring = np.minimum(gap, n - gap) <= k // 2
    moved = 1 - ring.sum() / 2 / g.edges
    # Each link moves with probability beta; a moved link lands back on a ring position with
    # probability ~k/n (bias), and the count of moved links is Binomial(links, beta).
    assert abs(moved - beta) < 4 * math.sqrt(beta * (1 - beta) / g.edges) + k / n


def test_watts_strogatz_fractional_degree() -> None:
    g = watts_strogatz(N, 5, 0.1, 3)  # 2 ring neighbours each side, plus a third with p = 0.5
    assert abs(g.mean_degree - 5) < 4 * 2 * math.sqrt(N / 4) / N


@pytest.mark.parametrize(("n", "d"), [(20_000, 10), (1_000, 3), (12, 11), (10, 9), (101, 60), (2, 1), (13, 0)])
def test_random_regular_is_exactly_regular(n: int, d: int) -> None:
    g = random_regular(n, d, 6)
    assert_simple_undirected(g)
    assert np.all(g.degrees() == d)


@pytest.mark.parametrize(("n", "d"), [(11, 3), (10, 10), (10, -1)])
def test_random_regular_rejects_impossible_requests(n: int, d: int) -> None:
    with pytest.raises(ValueError, match="random_regular needs n x degree even"):
        random_regular(n, d, 1)


def test_from_edges_merges_repeats_and_drops_self_loops() -> None:
    g = from_edges(4, np.array([0, 1, 0, 2, 3]), np.array([1, 0, 1, 2, 2]))
    assert g.edges == 2
    assert list(g.neighbors(0)) == [1]
    assert list(g.neighbors(2)) == [3]
    assert_simple_undirected(g)
    with pytest.raises(ValueError, match="people 0 to 3"):
        from_edges(4, np.array([0]), np.array([4]))


def test_star() -> None:
    g = star(50)
    assert g.degrees()[0] == 49
    assert np.all(g.degrees()[1:] == 1)
    u, v = g.edge_list()
    assert np.all(u == 0)
    assert np.array_equal(v, np.arange(1, 50))


def test_graph_arrays_are_read_only() -> None:
    g = star(5)
    with pytest.raises(ValueError, match="read-only"):
        g.indices[0] = 3


@settings(max_examples=40, deadline=None)
@given(
    total=st.integers(min_value=0, max_value=5_000),
    p=st.sampled_from([0.0, 0.001, 0.05, 0.3, 0.49, 0.5, 0.8, 1.0]),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_bernoulli_positions_are_sorted_distinct_and_in_range(total: int, p: float, seed: int) -> None:
    pos = bernoulli_positions(total, p, np.random.default_rng(seed))
    assert pos.dtype == np.int64
    assert np.all(np.diff(pos) > 0)
    assert pos.size == 0 or (pos[0] >= 0 and pos[-1] < total)
    if p == 1.0:
        assert pos.size == total
    if p == 0.0:
        assert pos.size == 0


@pytest.mark.parametrize("p", [0.01, 0.2, 0.7])
def test_bernoulli_positions_keep_each_position_with_probability_p(p: float) -> None:
    rng = np.random.default_rng(9)
    total, reps = 200, 5_000
    hits = np.zeros(total)
    for _ in range(reps):
        hits[bernoulli_positions(total, p, rng)] += 1
    rate = hits / reps
    # Every position is Bernoulli(p): its kept fraction has standard error sqrt(p(1-p)/reps);
    # with 200 positions allow 5 SE (a false alarm about once in 10,000 runs of this test).
    assert np.all(np.abs(rate - p) < 5 * math.sqrt(p * (1 - p) / reps))
    # The total count is Binomial(total x reps, p).
    assert abs(hits.sum() / (total * reps) - p) < 4 * math.sqrt(p * (1 - p) / (total * reps))


@settings(max_examples=60, deadline=None)
@given(
    kind=st.sampled_from(sorted(GENERATORS)),
    n=st.integers(min_value=10, max_value=60),
    fraction=st.floats(min_value=0.0, max_value=1.0),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_small_and_dense_graphs_stay_simple(kind: str, n: int, fraction: float, seed: int) -> None:
    """Every family terminates and stays simple down to tiny, nearly complete graphs."""
    k = 2 + fraction * (n - 3)  # 2 to n - 1 contacts per person
    if kind == "regular":
        k = round(k) - (n * round(k)) % 2  # whole, with n x k even
    g = GENERATORS[kind](n, k, seed)
    assert_simple_undirected(g)
    assert g.degrees().max() <= n - 1
    if kind == "regular":
        assert np.all(g.degrees() == k)
