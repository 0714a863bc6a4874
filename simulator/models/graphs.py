"""Synthetic audience graphs: who can see whose shares, stored as CSR arrays.

An :class:`AudienceGraph` is an undirected simple graph on people ``0 .. n-1``: the
contacts of person ``i`` are ``indices[indptr[i]:indptr[i+1]]`` (sorted, each edge stored
in both directions, no self-loops, no duplicates). ``indptr`` is int64 and ``indices``
int32, so a 1,000,000-person graph with mean degree 10 takes about 48 MB.

Every generator takes ``rng: numpy.random.Generator | int | None`` (turned into a
generator once; no global randomness), so a seed reproduces the graph exactly, and is
vectorised numpy: it draws all random numbers of a kind in one call and builds the CSR
arrays with one sort of the edge keys ``(source << bits) | target`` (which also removes
duplicate edges). No Python loop runs per person or per edge.

Families (degrees in contacts per person):

* :func:`erdos_renyi` – random graph G(n, p), Poisson degrees (Erdős & Rényi 1959; Gilbert 1959).
* :func:`barabasi_albert` – preferential attachment, power-law degrees ``P(k) ~ k^-3``
  (Barabási & Albert 1999).
* :func:`watts_strogatz` – ring lattice with rewired shortcuts, small world (Watts & Strogatz 1998).
* :func:`random_regular` – every person has exactly ``d`` contacts (Bollobás 1980 configuration model).
* :func:`star`, :func:`from_edges` – for exact checks and for callers with their own edges.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = [
    "AudienceGraph",
    "barabasi_albert",
    "bernoulli_positions",
    "erdos_renyi",
    "from_edges",
    "random_regular",
    "star",
    "watts_strogatz",
]

RngLike = np.random.Generator | int | None


@dataclass(frozen=True, eq=False)
class AudienceGraph:
    """An undirected simple graph in CSR form.

    ``n`` people; ``indptr`` (int64, length n + 1) and ``indices`` (int32, length 2 x edges):
    the contacts of person ``i`` are ``indices[indptr[i]:indptr[i + 1]]``, sorted ascending.
    ``kind`` names the generator (for display and caching).
    """

    n: int
    indptr: np.ndarray
    indices: np.ndarray
    kind: str = "custom"

    def __post_init__(self) -> None:
        if self.indptr.shape != (self.n + 1,) or self.indptr.dtype != np.int64:
            raise ValueError("indptr must be int64 with n + 1 entries")
        if self.indices.dtype != np.int32 or self.indices.shape != (int(self.indptr[-1]),):
            raise ValueError("indices must be int32 with indptr[-1] entries")
        # Read-only: the graph is shared between cached runs and must not change under them.
        self.indptr.flags.writeable = False
        self.indices.flags.writeable = False

    @property
    def edges(self) -> int:
        """Undirected edges (each stored twice)."""
        return int(self.indptr[-1]) // 2

    @property
    def mean_degree(self) -> float:
        """Mean contacts per person."""
        return float(self.indptr[-1]) / self.n

    def degrees(self) -> np.ndarray:
        """Contacts of every person (int64, length n)."""
        return np.diff(self.indptr)

    def neighbors(self, person: int) -> np.ndarray:
        """The contacts of one person (a read-only view)."""
        return self.indices[self.indptr[person] : self.indptr[person + 1]]

    def edge_list(self) -> tuple[np.ndarray, np.ndarray]:
        """Each undirected edge once as ``(u, v)`` with ``u < v`` (int64 arrays)."""
        src = np.repeat(np.arange(self.n, dtype=np.int64), self.degrees())
        keep = src < self.indices
        return src[keep], self.indices[keep].astype(np.int64)

    @property
    def nbytes(self) -> int:
        return int(self.indptr.nbytes + self.indices.nbytes)


def _generator(rng: RngLike) -> np.random.Generator:
    return rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)


def _bits(n: int) -> int:
    """Bits that hold a person id ``0 .. n-1``: pair keys are ``(u << bits) | v``.

    Shifts and masks instead of ``u * n + v``: numpy's int64 division costs ~15 ns an
    element, a shift or mask ~1 ns.
    """
    return max(1, (n - 1).bit_length())


def from_edges(n: int, u: np.ndarray, v: np.ndarray, kind: str = "custom") -> AudienceGraph:
    """Build the CSR graph from undirected edges ``(u[i], v[i])`` (people ``0 .. n-1``).

    Self-loops are dropped and repeated edges merged, so any edge list gives a simple
    graph. One sort of the 2 x edges keys ``(source << bits) | target`` groups contacts
    by person, sorts them and exposes duplicates as equal neighbours.
    """
    if not 1 <= n < 2**31:
        raise ValueError(f"n = {n} people must be 1 to 2**31 - 1")
    u = np.ascontiguousarray(u, dtype=np.int64)
    v = np.ascontiguousarray(v, dtype=np.int64)
    if u.shape != v.shape or u.ndim != 1:
        raise ValueError("u and v must be 1-D and of the same length")
    if u.size and (min(u.min(), v.min()) < 0 or max(u.max(), v.max()) >= n):
        raise ValueError(f"edge endpoints must be people 0 to {n - 1}")
    loop = u == v
    if loop.any():
        u, v = u[~loop], v[~loop]
    bits = _bits(n)
    keys = np.empty(2 * u.size, dtype=np.int64)
    np.left_shift(u, bits, out=keys[: u.size])
    keys[: u.size] |= v
    np.left_shift(v, bits, out=keys[u.size :])
    keys[u.size :] |= u
    del u, v, loop
    keys.sort()
    if keys.size > 1:
        fresh = np.empty(keys.size, dtype=bool)
        fresh[0] = True
        np.not_equal(keys[1:], keys[:-1], out=fresh[1:])
        if not fresh.all():
            keys = keys[fresh]
        del fresh
    indices = (keys & ((1 << bits) - 1)).astype(np.int32)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys >> bits, minlength=n), out=indptr[1:])
    return AudienceGraph(n, indptr, indices, kind)


def star(n: int) -> AudienceGraph:
    """Person 0 linked to everyone else (n - 1 leaves): the exact-check graph."""
    leaves = np.arange(1, n, dtype=np.int64)
    return from_edges(n, np.zeros_like(leaves), leaves, "star")


def _pair_keys(u: np.ndarray, v: np.ndarray, n: int) -> np.ndarray:
    """One int64 key per undirected pair: ``(min << bits) | max``."""
    return (np.minimum(u, v) << _bits(n)) | np.maximum(u, v)


def _repeated(keys: np.ndarray) -> np.ndarray:
    """Mask of entries whose key occurs more than once (every copy is marked)."""
    ordered = np.sort(keys)
    twice = ordered[1:][ordered[1:] == ordered[:-1]]
    if not twice.size:
        return np.zeros(keys.size, dtype=bool)
    twice = np.unique(twice)
    found = np.searchsorted(twice, keys).clip(max=twice.size - 1)
    return twice[found] == keys


# Above this probability a uniform draw per slot (~6 ns a slot) beats geometric skipping
# (~12 ns a kept position); below it skipping wins by 1/p.
_SKIP_BELOW = 0.5


def bernoulli_positions(total: int, p: float, rng: np.random.Generator) -> np.ndarray:
    """Sorted int64 positions in ``[0, total)``, each kept independently with probability ``p``.

    Below ``p = 0.5`` by geometric skipping (Batagelj & Brandes 2005): the gap to the next
    kept position is Geometric(p), drawn as ``floor(E / -ln(1 - p)) + 1`` from standard
    exponentials ``E`` (exact: ``P(gap > k) = (1 - p)^k``; numpy's ziggurat exponential is
    twice as fast as its geometric), so the work is proportional to the positions kept,
    not to ``total``. At or above it, one uniform draw per position.
    """
    if p <= 0.0 or total <= 0:
        return np.empty(0, dtype=np.int64)
    if p >= 1.0:
        return np.arange(total, dtype=np.int64)
    if p >= _SKIP_BELOW:
        return np.flatnonzero(rng.random(total) < p)
    # Gap scale 1 / -ln(1 - p); capped so that draws stay finite for denormal p (a kept
    # position then has probability ~total / 2^62 instead of ~total p: both negligible).
    scale = min(-1.0 / math.log1p(-p), 2.0**62)
    chunks: list[np.ndarray] = []
    last = -1
    expected = total * p
    while True:
        # The expected count plus 6 standard deviations: nearly always one call.
        draws = rng.standard_exponential(int(expected + 6.0 * math.sqrt(expected) + 16))
        draws *= scale
        np.minimum(draws, float(total), out=draws)  # gaps past the end need not be exact
        pos = draws.astype(np.int64)
        del draws
        pos += 1
        pos[0] += last
        np.cumsum(pos, out=pos)
        if pos[-1] >= total:
            chunks.append(pos[: np.searchsorted(pos, total)])
            break
        chunks.append(pos)
        last = int(pos[-1])
        expected = (total - 1 - last) * p
    return chunks[0] if len(chunks) == 1 else np.concatenate(chunks)


def erdos_renyi(n: int, avg_degree: float, rng: RngLike = None) -> AudienceGraph:
    """Random graph G(n, p) with ``p = avg_degree / (n - 1)``: every pair linked independently.

    Degrees are Binomial(n - 1, p), Poisson(avg_degree) for large n (Erdős & Rényi 1959;
    Gilbert 1959). The linked pairs are drawn by geometric skipping over the
    ``n (n - 1) / 2`` pairs (Batagelj & Brandes 2005), so the cost is proportional to the
    edges, and no pair can be drawn twice. ``avg_degree`` in contacts per person, 0 to n - 1.
    """
    gen = _generator(rng)
    if n < 2:
        return from_edges(n, np.empty(0, np.int64), np.empty(0, np.int64), "random")
    p = min(avg_degree / (n - 1), 1.0)
    pairs = n * (n - 1) // 2
    t = bernoulli_positions(pairs, p, gen)
    # Pair t = j (j - 1) / 2 + i with 0 <= i < j: invert the triangular number, then
    # correct the float estimate by at most one either way.
    # (Halving by a shift: numpy's int64 floor division is ~15 ns an element.)
    root = t.astype(np.float64)
    root *= 8.0
    root += 1.0
    np.sqrt(root, out=root)
    root += 1.0
    root *= 0.5
    j = root.astype(np.int64)
    del root
    j -= ((j * (j - 1)) >> 1) > t
    j += (((j + 1) * j) >> 1) <= t
    t -= (j * (j - 1)) >> 1  # now i
    return from_edges(n, t, j, "random")


def barabasi_albert(n: int, avg_degree: float, rng: RngLike = None) -> AudienceGraph:
    """Preferential attachment: each newcomer links to ``m = avg_degree / 2`` different
    people, chosen with probability proportional to their contacts (Barabási & Albert 1999).

    Degrees follow a power law ``P(k) ~ k^-3`` (exactly ``P(k >= K) -> m (m + 1) / (K (K + 1))``,
    Bollobás, Riordan, Spencer & Tusnády 2001). The process starts from a complete graph on
    ``floor(m) + 1`` people; a fractional ``m`` is met on average (each newcomer adds
    ``floor(m)`` or ``floor(m) + 1`` links). Vectorised with the repeated-nodes array of
    Batagelj & Brandes (2005): link e is stored at positions 2e (the newcomer) and 2e + 1,
    which copies a uniformly random position written before the newcomer arrived –
    choosing a person with probability proportional to degree, never the newcomer itself.
    Copies of copies are resolved block by block, and a newcomer's repeated choice is drawn
    again (:func:`_attach`). ``avg_degree`` in contacts, 2 to n - 1.
    """
    gen = _generator(rng)
    m = avg_degree / 2.0
    m_whole = math.floor(m)
    core = min(max(m_whole, 1) + 1, n)
    # Initial complete graph on `core` people.
    cu, cv = np.triu_indices(core, k=1)
    newcomers = n - core
    # Links per newcomer: floor(m) or floor(m) + 1 with the fractional part as probability.
    links = np.full(newcomers, m_whole, dtype=np.int64)
    if m > m_whole:
        links += gen.random(newcomers) < (m - m_whole)
    core_edges = cu.size
    total_edges = core_edges + int(links.sum())
    starts = np.cumsum(links) - links + core_edges  # first link of each newcomer
    src = np.empty(total_edges, dtype=np.int64)
    src[:core_edges] = cu
    src[core_edges:] = np.repeat(np.arange(core, n, dtype=np.int64), links)
    # Position 2e + 1 copies a uniform position among the 2 x starts positions written
    # before the newcomer arrived.
    scaled = gen.random(total_edges - core_edges)
    scaled *= np.repeat(2 * starts, links)
    pick = scaled.astype(np.int64)
    del scaled
    target = np.empty(total_edges, dtype=np.int64)
    target[:core_edges] = cv
    _attach(src, target, pick, starts, links, core, gen)
    del pick
    return from_edges(n, src, target, "scale-free")


def _attach(
    src: np.ndarray,
    target: np.ndarray,
    pick: np.ndarray,
    starts: np.ndarray,
    links: np.ndarray,
    core: int,
    gen: np.random.Generator,
) -> None:
    """Fill ``target`` after the core: link ``e`` copies position ``pick[e - known]`` of the
    repeated-nodes array (position 2e holds ``src[e]``, 2e + 1 holds ``target[e]``).
    ``starts`` and ``links`` give each newcomer's first link and number of links.

    Positions always point to earlier newcomers, so links are resolved in blocks of whole
    newcomers growing by 25%: a pointer into an earlier block reads the finished
    ``target`` at once, and only the ~1 in 8 that points inside its own block follows the
    chain, a few rounds over a small array (~30 blocks for 5 million links). Then a link
    repeating an earlier link of the same newcomer is drawn again until the newcomer's
    links are all different (BA's m different people; O(log² n) redraws in all).
    """
    known = int(starts[0]) if starts.size else target.size
    low, total = known, target.size
    most_links = int(links.max(initial=0))
    while low < total:
        # Blocks end at a newcomer's first link, so each newcomer's links share a block.
        at_least = max(low + 4096, low + low // 4)
        high = int(starts[np.searchsorted(starts, at_least)]) if at_least < starts[-1] else total
        ptr = pick[low - known : high - known]
        edge = ptr >> 1
        value = src[edge]  # right for even positions
        odd = np.flatnonzero(ptr & 1)
        odd_edge = edge[odd]
        inside = odd_edge >= low
        value[odd[~inside]] = target[odd_edge[~inside]]
        pending, at = odd[inside], odd_edge[inside]
        while pending.size:
            hop = ptr[at - low]
            hop_edge = hop >> 1
            is_odd = (hop & 1).astype(bool)
            value[pending[~is_odd]] = src[hop_edge[~is_odd]]
            earlier = is_odd & (hop_edge < low)
            value[pending[earlier]] = target[hop_edge[earlier]]
            again = is_odd & ~earlier
            pending, at = pending[again], hop_edge[again]
        owner = src[low:high]
        check = np.arange(value.size)
        while check.size:
            seen, who = value[check], owner[check]
            repeat = np.zeros(check.size, dtype=bool)
            for j in range(1, most_links):
                repeat[j:] |= (seen[j:] == seen[:-j]) & (who[j:] == who[:-j])
            redo = check[repeat]
            if not redo.size:
                break
            # A fresh position among those written before the newcomer; inside this block
            # they are already resolved (copies already taken of the repeat keep it: negligible).
            fresh = (gen.random(redo.size) * (2 * starts[owner[redo] - core])).astype(np.int64)
            fresh_edge = fresh >> 1
            drawn = src[fresh_edge]
            odd_fresh = np.flatnonzero(fresh & 1)
            ref = fresh_edge[odd_fresh]
            drawn[odd_fresh] = np.where(ref < low, target[np.minimum(ref, low - 1)], value[np.maximum(ref - low, 0)])
            value[redo] = drawn
            # Check again only the links of the newcomers that drew again.
            again = np.unique(owner[redo]) - core
            count = links[again]
            check = np.repeat(starts[again] - low - np.cumsum(count) + count, count) + np.arange(count.sum())
        target[low:high] = value
        low = high


def watts_strogatz(n: int, avg_degree: float, rewire: float, rng: RngLike = None) -> AudienceGraph:
    """Small world: a ring where everyone knows ``avg_degree / 2`` neighbours on each side,
    then each link's far end is moved to a uniformly random person with probability
    ``rewire`` (Watts & Strogatz 1998).

    A fractional half-degree ``h`` links each person to ``floor(h)`` neighbours on the
    right plus one more with probability ``h - floor(h)``. Rewired ends are drawn together;
    the few that land on the person itself or on an existing contact are drawn again
    (as in networkx), so the graph stays simple and keeps its edge count (except in tiny,
    nearly complete graphs, where a link with nowhere left to go is dropped).
    ``avg_degree`` in contacts (below n - 1), ``rewire`` a probability 0–1.
    """
    gen = _generator(rng)
    h = avg_degree / 2.0
    h_whole = math.floor(h)
    people = np.arange(n, dtype=np.int64)
    src = np.repeat(people, h_whole) if h_whole else np.empty(0, np.int64)
    offset = np.tile(np.arange(1, h_whole + 1, dtype=np.int64), n)
    if h > h_whole:
        extra = np.flatnonzero(gen.random(n) < h - h_whole)
        src = np.concatenate([src, extra])
        offset = np.concatenate([offset, np.full(extra.size, h_whole + 1, dtype=np.int64)])
    dst = (src + offset) % n
    del offset
    moved = np.flatnonzero(gen.random(src.size) < rewire)
    dst[moved] = gen.integers(0, n, size=moved.size)
    # Redraw moved ends that made a self-loop or repeat a contact until none do. A moved
    # link that repeats another moved link is redrawn too (both are uniform draws anyway).
    # In a tiny, nearly complete graph a person may have nobody left to link to: after 100
    # rounds the rest are left to from_edges, which drops them.
    for _ in range(100):
        if not moved.size:
            break
        bad = (src[moved] == dst[moved]) | _repeated(_pair_keys(src, dst, n))[moved]
        moved = moved[bad]
        dst[moved] = gen.integers(0, n, size=moved.size)
    return from_edges(n, src, dst, "small-world")


def random_regular(n: int, degree: int, rng: RngLike = None) -> AudienceGraph:
    """Every person has exactly ``degree`` contacts: the configuration model (Bollobás 1980).

    ``n x degree`` half-edges (stubs) are shuffled and paired. A uniform pairing is simple
    with probability ~exp(-(d² - 1)/4) (tiny for d = 10), so instead of restarting, the
    pairs that form self-loops or repeated edges (O(d²) of them) are repaired by random
    double-edge switches until none is left. This is a documented near-uniform
    approximation: exactly d-regular and simple, with only the repaired pairs deviating
    from the exact pairing model. Dense requests
    (``degree > (n - 1) / 2``) are built as the complement of a sparse regular graph.
    Needs ``n x degree`` even and ``0 <= degree < n``.
    """
    gen = _generator(rng)
    if (n * degree) % 2 or not 0 <= degree < n:
        raise ValueError(f"random_regular needs n x degree even and 0 <= degree < n: n = {n}, degree = {degree}")
    if 2 * degree > n - 1:
        # The complement of an (n - 1 - d)-regular graph is d-regular; n < 2 x 20e6 / n here,
        # so the dense n x n mask stays small (n <= ~6,000: 36 MB).
        sparse = random_regular(n, n - 1 - degree, gen)
        linked = np.ones((n, n), dtype=bool)
        np.fill_diagonal(linked, False)
        src = np.repeat(np.arange(n), sparse.degrees())
        linked[src, sparse.indices] = False
        u, v = np.nonzero(np.triu(linked, k=1))
        return from_edges(n, u, v, "regular")
    pairs = _shuffled_stubs(n, degree, gen).reshape(-1, 2)
    rounds = 0
    while pairs.size:
        keys = _pair_keys(pairs[:, 0], pairs[:, 1], n)
        bad = np.flatnonzero((pairs[:, 0] == pairs[:, 1]) | _repeated(keys))
        if not bad.size:
            break
        rounds += 1
        if rounds % 500 == 0:  # safety net for tiny graphs: start again from a fresh pairing
            pairs = _shuffled_stubs(n, degree, gen).reshape(-1, 2)
            continue
        _switch(pairs, bad, np.sort(keys), n, gen)
    return from_edges(n, pairs[:, 0], pairs[:, 1], "regular")


def _switch(pairs: np.ndarray, bad: np.ndarray, sorted_keys: np.ndarray, n: int, gen: np.random.Generator) -> None:
    """Repair bad pairs in place by double-edge switches (McKay & Wormald 1990): bad pair
    (a, b) and a random pair (c, d) become (a, c) and (b, d) when both are new, non-loop
    links. Degrees are unchanged. Each pair takes part in at most one switch per call.
    """
    partner = gen.integers(0, pairs.shape[0], size=bad.size)
    a, b = pairs[bad, 0], pairs[bad, 1]
    flip = gen.random(bad.size) < 0.5
    c = np.where(flip, pairs[partner, 1], pairs[partner, 0])
    d = np.where(flip, pairs[partner, 0], pairs[partner, 1])
    k1, k2 = _pair_keys(a, c, n), _pair_keys(b, d, n)

    def present(k: np.ndarray) -> np.ndarray:
        at = np.searchsorted(sorted_keys, k).clip(max=sorted_keys.size - 1)
        return sorted_keys[at] == k

    ok = (a != c) & (b != d) & (k1 != k2) & (partner != bad) & ~present(k1) & ~present(k2)
    # One switch per pair: a proposal goes ahead only if it is the first to use both pairs.
    proposal = np.flatnonzero(ok)
    used = np.concatenate([bad[proposal], partner[proposal]])
    _, first = np.unique(used, return_index=True)
    owner = np.zeros(used.size, dtype=bool)
    owner[first] = True
    go = proposal[owner[: proposal.size] & owner[proposal.size :]]
    # Two accepted switches may still create the same new link: the next round repairs it.
    pairs[bad[go]] = np.stack([a[go], c[go]], axis=1)
    pairs[partner[go]] = np.stack([b[go], d[go]], axis=1)


def _shuffled_stubs(n: int, degree: int, gen: np.random.Generator) -> np.ndarray:
    """Each person repeated ``degree`` times, in uniformly random order (int64).

    Sorting (random key, person) words in one numpy sort is 3x faster here than a
    Fisher–Yates shuffle. Equal random keys (about N² / 2^(key bits + 1) pairs, a handful
    in 10 million) fall back to person order: negligible.
    """
    bits = _bits(n)
    key_bits = min(52, 62 - bits)
    stubs = (gen.random(n * degree) * float(1 << key_bits)).astype(np.int64) << bits
    stubs |= np.repeat(np.arange(n, dtype=np.int64), degree)
    stubs.sort()
    stubs &= (1 << bits) - 1
    return stubs
