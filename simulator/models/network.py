"""Network cascade: Monte Carlo share cascades on a synthetic audience graph.

The model (DESIGN.md, "Network cascade"). Step 0: ``seeds`` people post the content –
chosen at random in every run, or the highest-degree people ("influencers") – and each
of them shares it. At every later step each contact of a person who shared at the step
before sees the share with probability ``v`` (feed visibility), independently per
contact; a person is reached once; a newly reached person shares with probability ``s``,
once. Each reached person converts with probability ``c``. With ``s = 1`` this is the
Independent Cascade model with edge probability ``v`` (Kempe, Kleinberg & Tardos 2003);
in general it is site–bond percolation: the people reached are those joined to a seed by
a path whose links were seen (bond, ``v``) and whose inner people shared (site, ``s``).
``R`` runs give, per step, the mean and the 5–95% band of cumulative reach, shares and
conversions, and the distribution of final reach.

Exact checks (tests/models/test_network.py): a star seeded at its centre reaches
``1 + (n - 1) v`` on average; on a tree from its root, ``1 + sum_d N_d v^d s^(d-1)``
(``N_d`` people at depth d); on Erdős–Rényi with mean degree k the large-outbreak
fraction S solves ``S = 1 - exp(-k v s S)`` (Newman 2002) and below ``k v s = 1`` a
seed reaches ``1 + k v / (1 - k v s)`` people on average.

Why it is fast (NDlib runs one Python loop over people per step and one over their
neighbours, with a dict lookup per contact; bench/network_vs_ndlib.py measures the gap):

1. **Runs and people are one array.** A batch of runs shares one int32 state array,
   indexed by the flat id ``run << bits | person``; every step is ~25 numpy calls on the
   whole frontier of all runs, whatever its size. Shifts and masks split a flat id
   (numpy's int64 division costs ~15 ns, a shift ~1 ns).
2. **Work follows the successes, not the contacts.** The contacts of all sharers are
   contiguous CSR slices; their concatenation is one Bernoulli(v) process, sampled by
   geometric skipping (gaps from exponentials), so ``v x contacts`` positions are drawn
   instead of one uniform per contact. One ``searchsorted`` of the cumulative slice
   lengths in the sorted positions gives each sharer's count; ``np.repeat`` maps positions
   back to CSR edges.
3. **Deduplication without sorting.** Candidates not yet reached write a unique claim
   number into the state array and keep the entries that read their own claim back: one
   scatter and one gather per candidate, no ``np.unique`` (O(k log k)); the claim also
   marks the person reached.
4. **Memory stays bounded.** Dense batches are sized so the state array is ~32 MB, reused
   across batches and reset sparsely; huge frontiers are processed in slices of at most
   half a million sharers and 4 million contacts, so even a request where everyone is
   reached in every run stays near 250 MB above the graph. Index arrays are int64: numpy
   converts int32 fancy indices on every call (~10x slower gathers).
5. **Small cascades stay sparse.** A batch of up to 1,000 runs starts without state: the
   people reached in all its runs are one sorted array of flat ids, checked by binary
   search and merged each step, so below the tipping point (a few dozen people a run) a
   step costs the same ~30 numpy calls for 1,000 runs as for 8, and nothing scales with
   the audience. Past 262,144 people reached (or sharers with more contacts than one
   slice) the batch goes on in dense batches from where it is
   (bench/network_vs_cynetdiff.py measures both regimes against a compiled per-run library).
6. **Both cores.** numpy releases the GIL in these calls, so two threads run two batches.
   Each batch draws from its own generator spawned from the seed, so the result does not
   depend on the number of threads or their timing: same seed, same result.
"""

from __future__ import annotations

import itertools
import math
import os
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from queue import Empty, SimpleQueue
from typing import Any

import numpy as np

from simulator.declarations import (
    AVG_DEGREE,
    CONVERSION_RATE,
    GRAPH,
    NETWORK_AUDIENCE,
    NETWORK_MAX_CONTACTS,
    NETWORK_MAX_WORK,
    NETWORK_STEP_WORK,
    NETWORK_STEPS,
    REWIRE,
    RNG_SEED,
    RUNS,
    SEEDING,
    SEEDS,
    SHARE_RATE,
    VISIBILITY,
)
from simulator.models.graphs import (
    AudienceGraph,
    barabasi_albert,
    bernoulli_positions,
    erdos_renyi,
    random_regular,
    watts_strogatz,
)
from simulator.params import ParameterError, Parameters, declared, exact_number, require_at_most
from simulator.results import ModelResult

__all__ = ["NetworkParams", "NetworkResult", "build_graph", "influencers", "network_cascade"]

RngLike = np.random.Generator | int | None

# State entries per batch (int32: 32 MB; 8 runs of 1,000,000 people). Bigger batches
# amortise the per-step Python overhead; past this they only cost memory (the frontier
# arrays grow with the batch) without helping the caches.
_STATE_BUDGET = 1 << 23
# Sharers and contacts handled per slice of a step, bounding the temporaries.
_SLICE_SHARERS = 1 << 19
_SLICE_CONTACTS = 1 << 22
# Runs per batch, and the people reached (summed over its runs) up to which a batch keeps
# them in a sorted array instead of dense state (_run_batch). Small cascades (e.g. below the
# tipping point) then cost per step, not per run; 2 MB of flat ids is past the point where
# the binary searches cost more than dense state's gathers and per-batch numpy calls.
_SPARSE_RUNS = 1_000
_SPARSE_REACHED = 1 << 18
# Per graph: facts every call needs (the influencers, the mean excess degree); see _graph_fact.
_GRAPH_FACTS: weakref.WeakKeyDictionary[AudienceGraph, dict[object, Any]] = weakref.WeakKeyDictionary()
_MAX_THREADS = 4
# Below the tipping point a run reaches about seeds / (1 - R) people. When all runs of a call
# reach fewer than this many in all, the batches take a few milliseconds each and two
# threads lose more to contention over numpy's many small calls than they gain: 1,000 runs
# at 100,000 people, R = 0.5, took 7-8 ms on one thread and 8-12 ms on two.
_ONE_THREAD_PEOPLE = 200_000
_ONE_THREAD_R = 0.8
# Independent random streams derived from rng_seed.
_GRAPH_STREAM, _RUNS_STREAM = 0, 1


@dataclass(frozen=True)
class NetworkParams(Parameters):
    """Inputs of the network cascade: people, contacts per person, probabilities 0–1, runs, steps."""

    model = "network"

    graph: str = declared(GRAPH)
    audience: int = declared(NETWORK_AUDIENCE)
    avg_degree: float = declared(AVG_DEGREE)
    rewire: float = declared(REWIRE)
    seeds: int = declared(SEEDS)
    seeding: str = declared(SEEDING)
    share_rate: float = declared(SHARE_RATE)
    visibility: float = declared(VISIBILITY)
    conversion_rate: float = declared(CONVERSION_RATE)
    runs: int = declared(RUNS)
    steps: int = declared(NETWORK_STEPS)
    rng_seed: int = declared(RNG_SEED)

    def check_together(self) -> None:
        n, k = self.audience, self.avg_degree
        require_at_most("seeds", self.seeds, "audience", n, "people")
        if k >= n:
            raise ParameterError(
                "avg_degree",
                k,
                f"below audience = {exact_number(n)} people",
                "is too large",
                related=("audience",),
                allowed_fa=f"کمتر از audience = {exact_number(n)} نفر",
            )
        if self.graph == "scale-free" and k < 2:
            raise ParameterError(
                "avg_degree",
                k,
                "at least 2 for graph = scale-free (every newcomer links to at least one person)",
                "is too small",
                related=("graph",),
                allowed_fa="دست‌کم ۲ برای graph = scale-free (هر تازه‌وارد دست‌کم به یک نفر وصل می‌شود)",
            )
        if self.graph == "regular":
            if not float(k).is_integer():
                raise ParameterError(
                    "avg_degree",
                    k,
                    "a whole number for graph = regular",
                    "is not a whole number",
                    related=("graph",),
                    allowed_fa="عدد صحیح برای graph = regular",
                )
            if n * int(k) % 2:
                raise ParameterError(
                    "avg_degree",
                    k,
                    f"an even number when audience = {exact_number(n)} is odd, for graph = regular "
                    "(every link has two ends)",
                    "gives an odd number of link ends",
                    related=("audience", "graph"),
                    allowed_fa=f"عددی زوج وقتی audience = {exact_number(n)} فرد است، برای graph = regular "
                    "(هر پیوند دو سر دارد)",
                    reason_fa="تعداد فردی سرِ پیوند می‌سازد",
                )
        contacts = n * k
        if contacts > NETWORK_MAX_CONTACTS:
            most = exact_number(NETWORK_MAX_CONTACTS / n)
            raise ParameterError(
                "avg_degree",
                k,
                f"at most {most} for audience = {exact_number(n)} "
                f"(audience × avg_degree at most {exact_number(NETWORK_MAX_CONTACTS)})",
                "is too large",
                related=("audience", "avg_degree"),
                allowed_fa=f"حداکثر {most} برای audience = {exact_number(n)} "
                f"(حاصل‌ضرب audience × avg_degree حداکثر {exact_number(NETWORK_MAX_CONTACTS)})",
            )
        if self.work > NETWORK_MAX_WORK:
            most = self.most_runs()
            given = (
                f"audience = {exact_number(n)}, avg_degree = {exact_number(k)}, seeds = {exact_number(self.seeds)}, "
                f"seeding = {self.seeding}, share_rate = {exact_number(self.share_rate)}, "
                f"visibility = {exact_number(self.visibility)} and steps = {exact_number(self.steps)}"
            )
            formula = "runs × (audience + seeds + visibility × contacts of the people who share)"
            formula_fa = "اجراها × (مخاطبان + آغازگران + احتمال دیده‌شدن × مخاطبانِ کسانی که بازنشر می‌کنند)"
            raise ParameterError(
                "runs",
                self.runs,
                f"at most {exact_number(most)} for {given} (the work of one request, {formula} plus a cost per step, "
                f"at most {exact_number(NETWORK_MAX_WORK)})",
                "is too large",
                related=("runs", "audience", "avg_degree", "seeds", "seeding", "share_rate", "visibility", "steps"),
                allowed_fa=f"حداکثر {exact_number(most)} برای {given.replace(', ', '، ').replace(' and ', ' و ')} "
                f"(کار یک درخواست، یعنی {formula_fa} به‌اضافهٔ هزینهٔ هر گام، حداکثر {exact_number(NETWORK_MAX_WORK)})",
            )

    def seed_contacts(self) -> float:
        """Upper bound of the contacts of the ``seeds`` people who post first, without building the graph.

        Seeds always share, so their contacts are work whatever the share rate. Random seeds
        have ``avg_degree`` contacts on average. Influencers are the best connected: on a
        scale-free (Barabási–Albert) graph the i-th largest degree is about
        ``avg_degree × sqrt(audience / i)``, so the top S sum to about ``2 avg_degree sqrt(audience S)``
        (doubled here for the hubs' spread); on the other graphs no one is far above the mean
        (Poisson-like tails: ``avg_degree + 6 sqrt(avg_degree) + 8`` bounds the largest of a
        million). Never more than all the contacts there are. tests/models/test_network.py
        checks these bounds against the influencers of built graphs.
        """
        n, k, seeds = self.audience, self.avg_degree, self.seeds
        if self.seeding == "random" or self.graph == "regular":
            bound = seeds * k
        elif self.graph == "scale-free":
            bound = seeds * k + 4 * k * math.sqrt(n * seeds)
        else:
            bound = seeds * (k + 6 * math.sqrt(k) + 8)
        return min(bound, n * k)

    def work_of(self, runs: int) -> float:
        """The work of ``runs`` runs of this request, in units of about 50 ns on 2 cores.

        Per run: every person may be reached (``audience``), every seed and reached
        sharer is handled, and each contact of a sharer is seen with probability
        ``visibility`` — the seeds' contacts (:meth:`seed_contacts`) plus, as each reached
        person shares with probability ``share_rate``, at most ``share_rate × audience ×
        avg_degree`` more. Each step of each block of runs costs a fixed ~30 array calls
        (``NETWORK_STEP_WORK``), for at most ``steps`` steps: a batch's sparse start, then
        as many dense parts as its runs need state arrays (:func:`_step_blocks`).
        """
        n, k = self.audience, self.avg_degree
        contacts = min(n * k, self.seed_contacts() + self.share_rate * n * k)
        per_run = n + self.seeds + self.visibility * contacts
        return runs * per_run + _step_blocks(n, runs) * self.steps * NETWORK_STEP_WORK

    @property
    def work(self) -> float:
        """Upper bound of the work this request does (:meth:`work_of` its ``runs``); at most
        ``NETWORK_MAX_WORK``, which keeps a request within ``limits.REQUEST_SECONDS``."""
        return self.work_of(self.runs)

    def most_runs(self) -> int:
        """The most runs (up to the declared maximum) these inputs allow within ``NETWORK_MAX_WORK``."""
        low, high = 1, int(RUNS.maximum)  # type: ignore[arg-type]  # work_of grows with runs; one run always fits
        while low < high:
            middle = (low + high + 1) // 2
            if self.work_of(middle) <= NETWORK_MAX_WORK:
                low = middle
            else:
                high = middle - 1
        return low


@dataclass(frozen=True)
class NetworkResult(ModelResult):
    """A :class:`ModelResult` plus the final reach of every run (people, shape ``(runs,)``).

    ``to_dict()`` keeps the shared JSON shape; ``final_reach`` is for the distribution chart.
    """

    final_reach: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))


def _generator(rng: RngLike) -> np.random.Generator:
    return rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)


def build_graph(params: NetworkParams) -> AudienceGraph:
    """The audience graph these parameters describe, reproducible from ``rng_seed``.

    Depends only on ``graph, audience, avg_degree, rewire, rng_seed``, so callers can
    cache it apart from the cascade (the Streamlit app does).
    """
    rng = np.random.default_rng([_GRAPH_STREAM, params.rng_seed])
    n, k = params.audience, params.avg_degree
    if params.graph == "random":
        return erdos_renyi(n, k, rng)
    if params.graph == "scale-free":
        return barabasi_albert(n, k, rng)
    if params.graph == "small-world":
        return watts_strogatz(n, k, params.rewire, rng)
    return random_regular(n, int(k), rng)


def influencers(graph: AudienceGraph, k: int) -> np.ndarray:
    """The ``k`` people with the most contacts, ties to the lower id (sorted ids, int64).

    O(n) with a partition instead of a full sort of the degrees.
    """
    degree = graph.degrees()
    k = min(k, graph.n)
    cut = np.partition(degree, graph.n - k)[graph.n - k]  # the k-th largest degree
    above = np.flatnonzero(degree > cut)
    tied = np.flatnonzero(degree == cut)[: k - above.size]
    return np.sort(np.concatenate([above, tied])).astype(np.int64)


def _bits(n: int) -> int:
    return max(1, (n - 1).bit_length())


@dataclass(frozen=True)
class _Batch:
    """Per-step counts of one batch of runs, shape (steps + 1, runs in the batch)."""

    new: np.ndarray
    shares: np.ndarray
    conversions: np.ndarray
    spreading: np.ndarray  # (runs,) bool: sharers still pending after the last step


class _States:
    """Zeroed int32 state arrays of ``size`` entries, made when first needed and reused
    (so at most one per worker thread, and none when every batch stays sparse)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._free: SimpleQueue[np.ndarray] = SimpleQueue()

    def get(self) -> np.ndarray:
        try:
            return self._free.get_nowait()
        except Empty:
            return np.zeros(self.size, dtype=np.int32)

    def put(self, state: np.ndarray) -> None:
        self._free.put(state)


def _counts(parts: list[np.ndarray], runs: int) -> np.ndarray:
    """Per-step count arrays as one (steps, runs) array, also when there are none."""
    return np.stack(parts) if parts else np.zeros((0, runs), dtype=np.int64)


def _after_step(
    reached: np.ndarray,
    share_rate: float,
    conversion_rate: float,
    rng: np.random.Generator,
    bits: int,
    runs: int,
    counts: tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]],
) -> np.ndarray:
    """Record one step's new people, sharers and conversions per run; return the sharers.

    Newly reached people share with probability s (seeds always share).
    """
    front = reached if share_rate >= 1.0 else reached[bernoulli_positions(reached.size, share_rate, rng)]
    fresh = np.bincount(reached >> bits, minlength=runs)
    counts[0].append(fresh)
    counts[1].append(fresh if front is reached else np.bincount(front >> bits, minlength=runs))
    counts[2].append(rng.binomial(fresh, conversion_rate))
    return front


def _run_batch(
    graph: AudienceGraph,
    seeds: np.ndarray,
    share_rate: float,
    visibility: float,
    conversion_rate: float,
    steps: int,
    rng: np.random.Generator,
    states: _States,
) -> _Batch:
    """Run ``seeds.shape[0]`` cascades together; ``seeds`` is (runs, k) person ids.

    Sparse while few are reached: the people reached in all runs of the batch are one
    sorted array of flat ids, so a step costs the same ~30 numpy calls for a thousand runs
    as for one and nothing proportional to the audience. Once it holds more than
    _SPARSE_REACHED people, or the sharers have more than _SLICE_CONTACTS contacts, the
    runs go on in dense batches (:func:`_run_dense`) from where they are.
    """
    runs, k = seeds.shape
    bits = _bits(graph.n)
    # Flat ids run << bits | person, sorted: one array for all runs of the batch.
    front = np.sort(((np.arange(runs, dtype=np.int64)[:, None] << bits) | seeds).ravel())
    reached_all = front
    seeded = np.full(runs, k, dtype=np.int64)
    counts: tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]] = (
        [seeded],
        [seeded],
        [rng.binomial(seeded, conversion_rate)],
    )
    step = 0
    while step < steps and front.size and reached_all.size <= _SPARSE_REACHED and _fits_one_slice(graph, front, bits):
        reached, reached_all = _spread_sparse(front, graph, visibility, rng, reached_all, bits)
        front = _after_step(reached, share_rate, conversion_rate, rng, bits, runs, counts)
        step += 1
    if step == steps or not front.size:
        spreading = np.bincount(front >> bits, minlength=runs) > 0
        return _Batch(*(_counts(c, runs) for c in counts), spreading)
    # Too many reached (or about to be) for a sorted array: dense state arrays, for as many
    # runs as fit.
    parts = np.array_split(np.arange(runs), -(-runs // max(1, states.size >> bits)))
    tails = []
    for part, stream in zip(parts, rng.spawn(len(parts)), strict=True):
        low, high = int(part[0]) << bits, (int(part[-1]) + 1) << bits

        def local(ids: np.ndarray, low: int = low, high: int = high) -> np.ndarray:
            return ids[np.searchsorted(ids, low) : np.searchsorted(ids, high)] - low

        state = states.get()
        try:
            tails.append(
                _run_dense(
                    graph,
                    local(reached_all),
                    local(front),
                    part.size,
                    (share_rate, visibility, conversion_rate),
                    steps - step,
                    stream,
                    state,
                )
            )
        finally:
            states.put(state)
    done = step + 1
    length = done + max(t.new.shape[0] for t in tails)
    joined = []
    for i, name in enumerate(("new", "shares", "conversions")):
        out = np.zeros((length, runs), dtype=np.int64)
        out[:done] = _counts(counts[i], runs)
        for part, tail in zip(parts, tails, strict=True):
            block = getattr(tail, name)
            out[done : done + block.shape[0], part[0] : part[-1] + 1] = block
        joined.append(out)
    return _Batch(*joined, np.concatenate([t.spreading for t in tails]))


def _fits_one_slice(graph: AudienceGraph, front: np.ndarray, bits: int) -> bool:
    """Whether the contacts of the sharers ``front`` fit one slice (_SLICE_CONTACTS): a
    sparse step sorts all the contacts who see the share at once, so this bounds its memory
    as the slices bound a dense step's."""
    person = front & ((1 << bits) - 1)
    return int((graph.indptr[person + 1] - graph.indptr[person]).sum()) <= _SLICE_CONTACTS


def _run_dense(
    graph: AudienceGraph,
    reached_all: np.ndarray,
    front: np.ndarray,
    runs: int,
    rates: tuple[float, float, float],
    steps: int,
    rng: np.random.Generator,
    state: np.ndarray,
) -> _Batch:
    """Go on with ``runs`` cascades for up to ``steps`` steps on a dense state array.

    ``reached_all`` and ``front`` are the flat ids reached so far and the current sharers;
    ``rates`` are (s, v, c). ``state`` (int32, zero, at least ``runs << bits`` long) is 0
    for people not reached, nonzero once reached; it is zero again on return. The counts
    returned start at the step after the one that made ``front``.
    """
    share_rate, visibility, conversion_rate = rates
    bits = _bits(graph.n)
    state[reached_all] = -1
    touched: list[np.ndarray] | None = [reached_all]
    touched_count = reached_all.size
    counts: tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]] = ([], [], [])
    for _ in range(steps):
        if not front.size:
            break
        reached = _spread(front, graph, visibility, rng, state, bits)
        if touched is not None:
            touched.append(reached)
            touched_count += reached.size
            if touched_count * 16 > state.size:
                touched = None  # cheaper to clear the whole array at the end
        front = _after_step(reached, share_rate, conversion_rate, rng, bits, runs, counts)
    spreading = np.bincount(front >> bits, minlength=runs) > 0
    if touched is None:
        state.fill(0)
    else:
        for ids in touched:
            state[ids] = 0
    return _Batch(*(_counts(c, runs) for c in counts), spreading)


def _seen(
    front: np.ndarray, graph: AudienceGraph, visibility: float, rng: np.random.Generator, bits: int
) -> Iterator[np.ndarray]:
    """The flat ids of the contacts who see the share of the sharers ``front``, slice by slice.

    Every contact of every sharer sees it with probability ``visibility``; an id may repeat
    and may be reached already. Sharers are handled in slices of at most _SLICE_SHARERS
    people and _SLICE_CONTACTS contacts, so the temporaries stay small however large the
    frontier.
    """
    person_mask = (1 << bits) - 1
    indptr, indices = graph.indptr, graph.indices
    for low in range(0, front.size, _SLICE_SHARERS):
        sharers = front[low : low + _SLICE_SHARERS]
        person = sharers & person_mask
        start = indptr[person]
        degree = indptr[person + 1] - start
        ends = np.cumsum(degree)
        cuts = np.searchsorted(ends, np.arange(_SLICE_CONTACTS, int(ends[-1]), _SLICE_CONTACTS), side="right")
        for a, b in itertools.pairwise([0, *cuts.tolist(), sharers.size]):
            if a == b:
                continue
            offset = int(ends[a - 1]) if a else 0
            slice_ends = ends[a:b] - offset
            # Positions of the contacts that see the share, in the concatenated contact slices.
            seen = bernoulli_positions(int(slice_ends[-1]), visibility, rng)
            if not seen.size:
                continue
            per_sharer = np.diff(np.searchsorted(seen, slice_ends), prepend=0)
            # Edge index = start of the sharer's slice + position - slice offset.
            edge = np.repeat(start[a:b] - (slice_ends - degree[a:b]), per_sharer)
            edge += seen
            del seen
            target = indices[edge].astype(np.int64)
            del edge
            target |= np.repeat(sharers[a:b] & ~person_mask, per_sharer)
            yield target


def _spread(
    front: np.ndarray,
    graph: AudienceGraph,
    visibility: float,
    rng: np.random.Generator,
    state: np.ndarray,
    bits: int,
) -> np.ndarray:
    """One dense step: the flat ids newly reached by the sharers ``front`` (claim order).

    The contacts who see the share and are not yet reached are claimed in ``state``
    (which marks them reached).
    """
    found: list[np.ndarray] = []
    for target in _seen(front, graph, visibility, rng, bits):
        fresh = target[state[target] == 0]
        del target
        # Claims fit int32: a slice has at most _SLICE_CONTACTS + one person's contacts.
        claim = np.arange(1, fresh.size + 1, dtype=np.int32)
        state[fresh] = claim
        found.append(fresh[state[fresh] == claim])
    if not found:
        return np.empty(0, dtype=np.int64)
    return found[0] if len(found) == 1 else np.concatenate(found)


def _spread_sparse(
    front: np.ndarray,
    graph: AudienceGraph,
    visibility: float,
    rng: np.random.Generator,
    reached_all: np.ndarray,
    bits: int,
) -> tuple[np.ndarray, np.ndarray]:
    """One sparse step: the flat ids newly reached (sorted) and ``reached_all`` with them.

    ``reached_all`` is the sorted flat ids reached so far; a binary search in it replaces
    the state array.
    """
    seen = list(_seen(front, graph, visibility, rng, bits))
    if not seen:
        return np.empty(0, dtype=np.int64), reached_all
    target = np.sort(seen[0] if len(seen) == 1 else np.concatenate(seen))
    if target.size > 1:  # drop repeats (np.unique's own checks cost more on small arrays)
        target = target[np.concatenate(([True], target[1:] != target[:-1]))]
    at = np.searchsorted(reached_all, target)
    new = reached_all[np.minimum(at, reached_all.size - 1)] != target
    fresh = target[new]
    # Merge (np.insert would also sort the positions, which are sorted already).
    where = at[new] + np.arange(fresh.size)
    merged = np.empty(reached_all.size + fresh.size, dtype=np.int64)
    old = np.ones(merged.size, dtype=bool)
    old[where] = False
    merged[where] = fresh
    merged[old] = reached_all
    return fresh, merged


def _step_blocks(n: int, runs: int) -> int:
    """Most blocks of runs that step separately: each batch (:func:`_batch_sizes`) steps
    once sparse, then in dense parts of as many runs as one state array holds
    (``_STATE_BUDGET`` entries; see :func:`_run_batch`). Bounds the per-step overhead."""
    per_part = max(1, _STATE_BUDGET >> _bits(n))
    return sum(1 + -(-size // per_part) for size in _batch_sizes(runs))


def _batch_sizes(runs: int) -> list[int]:
    """Runs per batch: at most _SPARSE_RUNS, and at least two batches (for two threads).
    Depends only on the number of runs, never on the machine, so results are the same
    everywhere."""
    count = max(min(2, runs), -(-runs // _SPARSE_RUNS))
    return [len(part) for part in np.array_split(np.arange(runs), count)]


def _seed_people(
    graph: AudienceGraph, params: NetworkParams, runs: int, fixed: np.ndarray | None, rng: np.random.Generator
) -> np.ndarray:
    """(runs, seeds) person ids: the influencers in every run, or fresh random people per run."""
    if fixed is not None:
        return np.broadcast_to(fixed, (runs, fixed.size))
    return np.stack([rng.choice(graph.n, size=params.seeds, replace=False) for _ in range(runs)]).astype(np.int64)


def _graph_fact(graph: AudienceGraph, key: object, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per (read-only) graph and key: O(n) passes over the degrees
    (influencers, mean excess degree) cost ~20 ms a call at 1,000,000 people."""
    facts = _GRAPH_FACTS.setdefault(graph, {})
    if key not in facts:
        facts[key] = compute()
    return facts[key]


def network_cascade(
    params: NetworkParams | None = None,
    rng: RngLike = None,
    progress: Callable[[float], None] | None = None,
    graph: AudienceGraph | None = None,
    threads: int | None = None,
    **values: object,
) -> NetworkResult:
    """Run ``params.runs`` Monte Carlo cascades and summarise them.

    ``params`` or keyword values (validated). ``rng``: a generator or seed for the runs;
    by default derived from ``params.rng_seed`` (same seed, same result). ``progress`` is
    called with the fraction done (0–1) after each batch of runs, in the calling thread.
    ``graph``: a prebuilt graph with ``audience`` people (``build_graph(params)``, or any
    :class:`AudienceGraph`, e.g. for exact checks); by default it is built from ``params``.
    ``threads``: most worker threads (default: one for small cascades below the tipping point,
    else the cores, at most _MAX_THREADS; see :func:`_default_threads`); the result
    does not depend on it (same seed, same result), only the wall time does.

    Series (people, per step, cumulative): ``step, reach_mean, reach_p5, reach_p95,
    shares_mean/p5/p95, conversions_mean/p5/p95``. Totals: final ``reach_mean, reach_p5,
    reach_p95, reach_se`` (standard error of the mean; None for one run), ``reach_fraction``,
    ``shares_*``, ``conversions_*``, ``runs``, ``mean_degree``, ``viral_coefficient``
    (``s v`` times the mean excess degree ``(<k²> - <k>) / <k>``: new people each reached
    person reaches on a locally tree-like graph; tipping point at 1, Newman 2002) and
    ``still_spreading`` (fraction of runs with sharers pending at the last step).
    """
    p = params if params is not None else NetworkParams(**values)  # type: ignore[arg-type]
    g = graph if graph is not None else build_graph(p)
    if g.n != p.audience:
        raise ValueError(f"graph has {g.n} people but audience = {p.audience}")
    gen = _generator(rng) if rng is not None else np.random.default_rng([_RUNS_STREAM, p.rng_seed])
    fixed = (
        _graph_fact(g, ("influencers", p.seeds), lambda: influencers(g, p.seeds))
        if p.seeding == "influencers"
        else None
    )
    sizes = _batch_sizes(p.runs)
    streams = gen.spawn(len(sizes))
    most = _default_threads(p, g) if threads is None else threads
    if most < 1:
        raise ValueError(f"threads must be at least 1, got {threads}")
    threads = max(1, min(len(sizes), os.cpu_count() or 1, most))
    states = _States(min(max(sizes), max(1, _STATE_BUDGET >> _bits(g.n))) << _bits(g.n))

    def batch(i: int) -> _Batch:
        seeds = _seed_people(g, p, sizes[i], fixed, streams[i])
        return _run_batch(g, seeds, p.share_rate, p.visibility, p.conversion_rate, p.steps, streams[i], states)

    done: dict[int, _Batch] = {}
    if threads == 1:
        for i in range(len(sizes)):
            done[i] = batch(i)
            if progress is not None:
                progress(len(done) / len(sizes))
    else:
        with ThreadPoolExecutor(threads) as pool:
            futures = {pool.submit(batch, i): i for i in range(len(sizes))}
            for future in as_completed(futures):
                done[futures[future]] = future.result()
                if progress is not None:
                    progress(len(done) / len(sizes))
    return _summarise(p, g, [done[i] for i in range(len(sizes))])


def _default_threads(p: NetworkParams, g: AudienceGraph) -> int:
    """Most worker threads when the caller does not say: one for small cascades well below
    the tipping point (see _ONE_THREAD_PEOPLE), else _MAX_THREADS (capped by the cores)."""
    r = _viral_coefficient(p, g)
    if r < _ONE_THREAD_R and p.runs * p.seeds / (1 - r) <= _ONE_THREAD_PEOPLE:
        return 1
    return _MAX_THREADS


def _summarise(p: NetworkParams, g: AudienceGraph, batches: list[_Batch]) -> NetworkResult:
    length = max(b.new.shape[0] for b in batches)

    def cumulative(name: str) -> np.ndarray:
        out = np.zeros((length, p.runs), dtype=np.int64)
        col = 0
        for b in batches:
            counts = getattr(b, name)
            out[: counts.shape[0], col : col + counts.shape[1]] = counts
            col += counts.shape[1]
        return np.cumsum(out, axis=0)

    series: dict[str, np.ndarray] = {"step": np.arange(length)}
    totals: dict[str, Any] = {}
    finals: dict[str, np.ndarray] = {}
    for name, key in (("new", "reach"), ("shares", "shares"), ("conversions", "conversions")):
        values = cumulative(name)
        low, high = np.percentile(values, [5, 95], axis=1)
        series[f"{key}_mean"] = values.mean(axis=1)
        series[f"{key}_p5"] = low
        series[f"{key}_p95"] = high
        finals[key] = values[-1]
    final_reach = finals["reach"]
    for key in ("reach", "shares", "conversions"):
        totals[f"{key}_mean"] = float(series[f"{key}_mean"][-1])
        totals[f"{key}_p5"] = float(series[f"{key}_p5"][-1])
        totals[f"{key}_p95"] = float(series[f"{key}_p95"][-1])
        if key == "reach":
            totals["reach_se"] = float(final_reach.std(ddof=1) / math.sqrt(p.runs)) if p.runs > 1 else None
            totals["reach_fraction"] = totals["reach_mean"] / g.n
    mean_degree = g.mean_degree
    totals["runs"] = p.runs
    totals["mean_degree"] = mean_degree
    totals["viral_coefficient"] = _viral_coefficient(p, g)
    spreading = np.concatenate([b.spreading for b in batches])
    totals["still_spreading"] = float(spreading.mean())
    return NetworkResult("network", p, series, totals, final_reach=final_reach)


def _viral_coefficient(p: NetworkParams, g: AudienceGraph) -> float:
    """R = s v times the graph's mean excess degree (computed once per graph)."""
    return p.share_rate * p.visibility * _graph_fact(g, "excess", lambda: _excess_degree(g))


def _excess_degree(g: AudienceGraph) -> float:
    """Mean excess degree ``(<k²> - <k>) / <k>`` (0 without links)."""
    degree = g.degrees().astype(np.float64)
    mean_degree = float(degree.mean())
    return float((degree * (degree - 1)).mean() / mean_degree) if mean_degree > 0 else 0.0
