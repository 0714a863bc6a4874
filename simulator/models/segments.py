"""Segment targeting: split a paid seeding budget across audience segments for the most conversions.

Each segment i is its own audience: size N_i, share rate s_i, fan-out f_i (shares are
seen inside the segment), conversion rate c_i and cost per person reached k_i (money).
Spending b_i on paid reach seeds x_i people, and the share loop then runs its course
(d = 0, T -> infinity), so the final reached fraction r_i solves the final-size relation
of :mod:`simulator.models.share_loop`:

    x_i = min(b_i / k_i, N_i)                              paid seed reach (people)
    1 - r_i = (1 - x_i / N_i) exp(-a_i r_i),  a_i = s_i f_i
    g_i(b_i) = c_i N_i r_i                                 expected conversions

The budget B is split into U equal slices of B / U; we maximise sum_i g_i(b_i) over
b_i in {0, B/U, 2B/U, ...} with sum_i b_i <= B.

**Each return is concave.** Write y = x / N and h(r) = 1 - r - (1 - y) exp(-a r). For
y > 0, h(0) = y > 0, h(1) <= 0 and h'' < 0, so h has exactly one root in (0, 1] and
h' < 0 there. Differentiating the relation (and using (1 - y) e^{-a r} = 1 - r):

    dr/dy   = e^{-a r} / D,   D = 1 - a (1 - r) = -h'(r) > 0
    d2r/dy2 = -a e^{-a r} (dr/dy) (1 + D) / D^2  <=  0

so r (and g) rises and is concave in the seed for y > 0. At y = 0 nothing spreads
(g = 0); above the tipping point (a > 1) the limit y -> 0+ is the large outbreak, a
jump *up*, and a concave function lowered at an end point stays concave. Capping x at
N_i and scaling by k_i keep it concave and non-decreasing in money.

**Greedy is optimal.** Any allocation of k_i slices to segment i earns the sum of the
first k_i marginal gains g_i(j) - g_i(j-1) of each segment. Concavity makes each list of
gains non-increasing, so the U largest gains overall form a prefix of every list, and
the greedy rule "give the next slice to the segment whose next slice adds the most"
takes exactly those: no allocation can sum to more (marginal analysis for separable
concave resource allocation; Gross 1956, Ibaraki & Katoh 1988). Slices that would add
nothing (every segment saturated or converting no one) stay unspent. The tests check
greedy against brute force over every allocation on small cases.

The segments are independent (no one belongs to two, shares stay inside): that is what
makes the objective separable. The mean-field model also says that above the tipping
point even a tiny seed saturates its segment, so there the first slice earns the most.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from simulator.declarations import (
    BUDGET,
    BUDGET_UNITS,
    COST_PER_REACH,
    SEGMENT_CONVERSION_RATE,
    SEGMENT_COUNT,
    SEGMENT_FANOUT,
    SEGMENT_SHARE_RATE,
    SEGMENT_SIZE,
)
from simulator.params import Lang, Param, ParameterError, Parameters, declared
from simulator.results import ModelResult

__all__ = [
    "DEFAULT_SEGMENTS",
    "SEGMENT_FIELDS",
    "Segment",
    "SegmentsParams",
    "allocate_budget",
    "final_reach_fraction",
    "make_segments",
    "segment_conversions",
    "segment_from_text",
    "segment_returns",
]

# Numeric fields of a segment and their declarations (bounds, units, en + fa labels).
SEGMENT_FIELDS: dict[str, Param] = {
    spec.name: spec
    for spec in (SEGMENT_SIZE, SEGMENT_SHARE_RATE, SEGMENT_FANOUT, SEGMENT_CONVERSION_RATE, COST_PER_REACH)
}
_NAME_FIELDS = ("name", "name_fa")
_THOUSANDS = re.compile(r"\d{3}(\.\d*)?")
_MAX_NAME = 80
# Newton from r = 1 moves monotonically down to the root (h is concave and decreasing
# there); quadratic convergence needs a handful of steps, a seed of 1e-15 of a segment
# at exactly a = 1 (a double root at y = 0) about 60. The cap is a safety net.
_NEWTON_STEPS = 200
_NOISE_ULPS = 4


@dataclass(frozen=True)
class Segment:
    """One audience segment. ``name`` in English, ``name_fa`` in Persian (defaults to ``name``).

    ``size`` in people, ``share_rate`` and ``conversion_rate`` fractions 0–1, ``fanout``
    people per share, ``cost_per_reach`` money per person reached by paid promotion.
    Validated against :data:`SEGMENT_FIELDS` on construction.
    """

    name: str = "Segment"
    name_fa: str = ""
    size: int = SEGMENT_SIZE.default  # type: ignore[assignment]
    share_rate: float = SEGMENT_SHARE_RATE.default  # type: ignore[assignment]
    fanout: float = SEGMENT_FANOUT.default  # type: ignore[assignment]
    conversion_rate: float = SEGMENT_CONVERSION_RATE.default  # type: ignore[assignment]
    cost_per_reach: float = COST_PER_REACH.default  # type: ignore[assignment]

    def __post_init__(self) -> None:
        for key in _NAME_FIELDS:
            value = getattr(self, key)
            if not isinstance(value, str) or len(value.strip()) > _MAX_NAME:
                raise ParameterError(
                    key,
                    value,
                    f"text of at most {_MAX_NAME} characters",
                    "is not a valid name",
                    allowed_fa=f"متنی با حداکثر {_MAX_NAME} نویسه",
                    reason_fa="نام معتبری نیست",
                )
        if not self.name.strip():
            raise ParameterError(
                "name",
                self.name,
                f"text of 1 to {_MAX_NAME} characters",
                "is empty",
                allowed_fa=f"متنی با ۱ تا {_MAX_NAME} نویسه",
                reason_fa="خالی است",
            )
        object.__setattr__(self, "name", self.name.strip())
        object.__setattr__(self, "name_fa", self.name_fa.strip() or self.name)
        for key, spec in SEGMENT_FIELDS.items():
            object.__setattr__(self, key, spec.check(getattr(self, key)))

    @property
    def viral_coefficient(self) -> float:
        """a = s f: people reached through one newly reached person (tipping point at 1)."""
        return self.share_rate * self.fanout

    def label(self, lang: Lang = "en") -> str:
        """The segment's name in ``lang``."""
        return self.name_fa if lang == "fa" else self.name

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# Realistic starting points for a consumer brand (money in any currency; 0.01 per person
# is a CPM of 10 with one view each). Loyal customers share and buy most but are few;
# broad interest is cheap and huge but rarely shares or buys.
DEFAULT_SEGMENTS: tuple[Segment, ...] = (
    Segment("Existing customers", "مشتریان فعلی", 20_000, 0.08, 12.0, 0.04, 0.02),
    Segment("Lookalike audience", "مخاطبان مشابه مشتریان", 400_000, 0.04, 10.0, 0.012, 0.01),
    Segment("Broad interest", "علاقه‌مندان عمومی", 5_000_000, 0.02, 8.0, 0.003, 0.004),
)


def _where(name: object, lang: str = "en") -> str:
    if not (isinstance(name, str) and name.strip()):
        return ""
    return f" (بخش «{name}»)" if lang == "fa" else f' (segment "{name}")'


def _in_segment(error: ParameterError, field: str, name: object) -> ParameterError:
    """The same error, renamed to ``segments[i].field`` and saying which segment, in both languages."""
    return ParameterError(
        field,
        error.value,
        error.allowed + _where(name),
        error.reason,
        allowed_fa=None if error.allowed_fa is None else error.allowed_fa + _where(name, "fa"),
        reason_fa=error.reason_fa,
    )


def _segment_from_mapping(values: Mapping[str, object], index: int) -> Segment:
    """Segment number ``index`` (from 1) from a mapping; errors name ``segments[index].field``."""
    known = (*_NAME_FIELDS, *SEGMENT_FIELDS)
    raw = {str(k).strip().replace("-", "_"): v for k, v in values.items()}
    name = raw.get("name")
    for key, value in raw.items():
        if key not in known:
            raise ParameterError(
                f"segments[{index}].{key}", value, "use " + ", ".join(known) + _where(name), "is not a field"
            )
    if "name" not in raw:
        raw["name"] = f"Segment {index}"
    try:
        for key, spec in SEGMENT_FIELDS.items():
            if isinstance(raw.get(key), str):  # "20,000" from a table cell, file or URL
                raw[key] = spec.parse(raw[key])  # type: ignore[arg-type]
        return Segment(**raw)  # type: ignore[arg-type]
    except ParameterError as error:
        raise _in_segment(error, f"segments[{index}].{error.name}", name) from None


def make_segments(items: Iterable[Segment | Mapping[str, object]]) -> tuple[Segment, ...]:
    """Validated segments from :class:`Segment` objects or mappings (e.g. a YAML list, a table).

    Segments are numbered from 1 in errors, as a person counts them:
    ``segments[2].share_rate = 1.4 is outside the allowed range: 0 to 1 (segment "Lookalikes")``.
    At most ``SEGMENT_COUNT.maximum`` segments, at least one.
    """
    if isinstance(items, Mapping | str | bytes):
        raise ParameterError("segments", type(items).__name__, "a list of segments", "is not a list")
    found = list(items)
    SEGMENT_COUNT.check(len(found))
    out = []
    for index, item in enumerate(found, start=1):
        if isinstance(item, Segment):
            out.append(item)
        elif isinstance(item, Mapping):
            out.append(_segment_from_mapping(item, index))
        else:
            raise ParameterError(f"segments[{index}]", item, "a mapping of segment fields", "is not a segment")
    return tuple(out)


def segment_from_text(text: str, index: int = 1) -> Segment:
    """Parse ``"name=Loyal,size=20000,share_rate=0.08,fanout=12,conversion_rate=0.05,cost_per_reach=0.02"``.

    Commas separate fields, except inside a number with thousands separators
    (``size=20,000``); names cannot contain commas here (use a file). Numbers are read like
    any flag value (``1e6``, ``20,000``). Missing fields take their declared defaults.
    """
    values: dict[str, object] = {}
    for part in _split_fields(text):
        key, sep, value = part.partition("=")
        key = key.strip().replace("-", "_")
        if not sep or not key:
            raise ParameterError(
                f"segments[{index}]", part.strip(), "key=value pairs separated by commas", "is not a key=value pair"
            )
        spec = SEGMENT_FIELDS.get(key)
        try:
            values[key] = spec.parse(value) if spec else value.strip()
        except ParameterError as error:
            raise _in_segment(error, f"segments[{index}].{key}", values.get("name")) from None
    return _segment_from_mapping(values, index)


def _split_fields(text: str) -> list[str]:
    parts: list[str] = []
    for chunk in text.split(","):
        # A bare group of digits continues the previous number ("size=20,000"); anything
        # else without "key=" is left as is and rejected as not a key=value pair.
        if parts and _THOUSANDS.fullmatch(chunk.strip()):
            parts[-1] += "," + chunk
        else:
            parts.append(chunk)
    return [p for p in parts if p.strip()]


@dataclass(frozen=True)
class SegmentsParams(Parameters):
    """The budget (money) and how finely it is split; the segments are passed beside it.

    Kept to the scalar inputs so that they are declared like every model's, bound to
    widgets and URLs, and validated by the shared tests; the segment list is data
    (:class:`Segment`, :func:`make_segments`).
    """

    model = "segments"

    budget: float = declared(BUDGET)
    budget_units: int = declared(BUDGET_UNITS)

    @property
    def unit_spend(self) -> float:
        """Money in one budget slice: B / U."""
        return self.budget / self.budget_units


def final_reach_fraction(seed_fraction: ArrayLike, viral_coefficient: ArrayLike) -> np.ndarray:
    """r solving 1 - r = (1 - y) exp(-a r) for seed fraction y (0–1) and a = s f, elementwise.

    Vectorised Newton from r = 1 on h(r) = -expm1(-a r) + y exp(-a r) - r, the relation
    rearranged so that tiny seeds keep their precision (1 - (1 - y) would lose y below
    ~1e-8). h is concave and decreasing right of its unique root, so the iterates fall
    monotonically to it. Each element stops once its step is within the rounding noise of
    h divided by the slope: just past the tipping point (a slightly above 1, tiny y) the
    slope is small and the answer is only that well determined. y = 0 gives 0: with no
    seed the share loop reaches no one, even above the tipping point.
    """
    y, a = np.broadcast_arrays(np.asarray(seed_fraction, dtype=float), np.asarray(viral_coefficient, dtype=float))
    r = np.zeros(y.shape)
    live = y > 0
    y_, a_ = y[live], a[live]
    x = np.ones(y_.shape)
    todo = np.arange(x.size)  # elements still iterating; converged ones drop out
    for _ in range(_NEWTON_STEPS):
        xt, yt, at = x[todo], y_[todo], a_[todo]
        e = np.exp(-at * xt)
        grown = -np.expm1(-at * xt)
        slope = at * (1.0 - yt) * e - 1.0  # h'(x) < 0 at and right of the root
        step = (grown + yt * e - xt) / slope
        x[todo] = xt - step
        noise = _NOISE_ULPS * np.finfo(float).eps * (grown + yt * e + xt) / -slope
        todo = todo[np.abs(step) > noise]
        if not todo.size:
            break
    r[live] = np.clip(x, 0.0, 1.0)
    return r


def segment_conversions(segment: Segment, spend: ArrayLike) -> np.ndarray:
    """Expected conversions (people) g(b) = c N r for paid spend b (money), elementwise."""
    seeds = np.minimum(np.asarray(spend, dtype=float) / segment.cost_per_reach, segment.size)
    return (
        segment.conversion_rate * segment.size * final_reach_fraction(seeds / segment.size, segment.viral_coefficient)
    )


def _column(segments: Sequence[Segment], key: str) -> np.ndarray:
    return np.array([getattr(s, key) for s in segments], dtype=float)


def _seeds_and_reach(segments: Sequence[Segment], spend: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Paid seeds x and final reach N r (people) for spend of shape (segments, k)."""
    size = _column(segments, "size")[:, None]
    seeds = np.minimum(spend / _column(segments, "cost_per_reach")[:, None], size)
    a = _column(segments, "share_rate")[:, None] * _column(segments, "fanout")[:, None]
    return seeds, size * final_reach_fraction(seeds / size, a)


def segment_returns(params: SegmentsParams, segments: Sequence[Segment]) -> np.ndarray:
    """g_i(k B / U) for k = 0..U: expected conversions, shape (segments, U + 1), one array run."""
    spend = np.broadcast_to(
        np.arange(params.budget_units + 1) * params.unit_spend, (len(segments), params.budget_units + 1)
    )
    _, reach = _seeds_and_reach(segments, spend)
    return _column(segments, "conversion_rate")[:, None] * reach


def _greedy(returns: np.ndarray) -> np.ndarray:
    """Slices per segment: each slice to the largest next marginal gain (ties: first segment)."""
    n_segments, columns = returns.shape
    units = np.zeros(n_segments, dtype=int)
    gains = np.diff(returns, axis=1)
    heap = [(-gains[i, 0], i) for i in range(n_segments)] if columns > 1 else []
    heapq.heapify(heap)
    for _ in range(columns - 1):
        best, i = heap[0]
        if -best <= 0:
            break  # nothing adds conversions any more: the rest stays unspent
        units[i] += 1
        nxt = -gains[i, units[i]] if units[i] < columns - 1 else 0.0
        heapq.heapreplace(heap, (nxt, i))
    return units


def allocate_budget(
    params: SegmentsParams | None = None,
    segments: Iterable[Segment | Mapping[str, object]] | None = None,
    **values: object,
) -> ModelResult:
    """Split the budget across segments for the most expected conversions (greedy, optimal).

    ``segments`` defaults to :data:`DEFAULT_SEGMENTS`; mappings are validated with
    :func:`make_segments`. Series, one row per segment: ``segment, segment_fa, size,
    share_rate, fanout, conversion_rate, cost_per_reach`` (the inputs), ``spend`` (money),
    ``seed_reach, reach, conversions`` (people) and ``next_unit_conversions`` (what one
    more slice would add). Totals: ``budget, spent, unspent`` (money), ``seed_reach,
    reach, conversions`` (people), ``cost_per_conversion`` (money, ``None`` if no
    conversions) and ``budget_units``.
    """
    p = params if params is not None else SegmentsParams(**values)  # type: ignore[arg-type]
    segs = make_segments(DEFAULT_SEGMENTS if segments is None else segments)
    returns = segment_returns(p, segs)
    units = _greedy(returns)
    rows = np.arange(len(segs))
    spend = units * p.unit_spend
    seeds, reach = (x[:, 0] for x in _seeds_and_reach(segs, spend[:, None]))
    conversions = returns[rows, units]
    # One slice more, even past the budget: the equal-margin check behind the split.
    _, reach_more = (x[:, 0] for x in _seeds_and_reach(segs, spend[:, None] + p.unit_spend))
    rate = _column(segs, "conversion_rate")
    series = {
        "segment": np.array([s.name for s in segs]),
        "segment_fa": np.array([s.name_fa for s in segs]),
        "size": np.array([s.size for s in segs]),
        "share_rate": _column(segs, "share_rate"),
        "fanout": _column(segs, "fanout"),
        "conversion_rate": rate,
        "cost_per_reach": _column(segs, "cost_per_reach"),
        "spend": spend,
        "seed_reach": seeds,
        "reach": reach,
        "conversions": conversions,
        "next_unit_conversions": rate * (reach_more - reach),
    }
    spent = float(spend.sum())
    total = float(conversions.sum())
    totals = {
        "budget": p.budget,
        "spent": spent,
        "unspent": float(p.budget_units - units.sum()) * p.unit_spend,
        "seed_reach": float(seeds.sum()),
        "reach": float(reach.sum()),
        "conversions": total,
        "cost_per_conversion": spent / total if total > 0 else None,
        "budget_units": p.budget_units,
    }
    return ModelResult("segments", p, series, totals)
