"""The Calibrate page's work, without Streamlit: fit an upload, and link a simulator page to the fit.

The page hands over what the reader gave – an upload's bytes or a pasted text, held in memory
only, never written to disk – with the kind of data (posts, or an adoption series in a stated
period unit). :func:`read_upload` reads and fits it exactly as ``smm fit share`` / ``smm fit
bass`` do (:func:`simulator.cli_fit.fit_share_payload`, :func:`~simulator.cli_fit.fit_bass_payload`),
so the page and the CLI show the same numbers, and turns every refusal into a notice: it raises
nothing, whatever the bytes. :func:`simulator_link` is the shareable link of the share loop (or
Bass) page on the fitted values, in the query format the pages write themselves; a fitted value
the page's declaration does not allow is left out and named, never clamped. :func:`next_post`
and :func:`next_periods` forecast from the fit (:mod:`simulator.models.forecast`) with a fixed
seed, so a rerun shows the same band.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

import numpy as np

from simulator.cli_fit import fit_bass_result, fit_share_result
from simulator.declarations import SEED_REACH, STEPS
from simulator.exports import read_posts, read_series
from simulator.models.bass import BassParams
from simulator.models.fit_bass import BassFit
from simulator.models.fit_share import ShareFit
from simulator.models.forecast import Forecast, forecast_bass, forecast_post
from simulator.models.share_loop import ShareLoopParams
from simulator.params import Lang, ParameterError, Parameters, link_text

__all__ = [
    "FORECAST_RNG",
    "KINDS",
    "SAMPLES",
    "SAMPLES_DIR",
    "Kind",
    "Sample",
    "SimulatorLink",
    "UploadFit",
    "next_periods",
    "next_post",
    "read_upload",
    "simulator_link",
    "typical_seed_reach",
]

Kind = Literal["posts", "series"]
KINDS: tuple[Kind, ...] = ("posts", "series")
"""What a file holds: one row per post (the share loop is fitted), or one row per period of an
adoption series (Bass is fitted)."""

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "playbook_data" / "samples"


@dataclass(frozen=True)
class Sample:
    """A bundled synthetic export (``scripts/make_samples.py``) and how it is read."""

    file: str
    kind: Kind
    period: str = "week"
    cumulative: bool = False

    @property
    def path(self) -> Path:
        return SAMPLES_DIR / self.file


SAMPLES: tuple[Sample, ...] = (
    Sample("synthetic-meta-posts.csv", "posts"),
    Sample("synthetic-instagram-posts.csv", "posts"),
    Sample("synthetic-telegram-channel.csv", "posts"),
    Sample("synthetic-app-signups-weekly.csv", "series", period="week"),
    Sample("synthetic-newsletter-subscribers-monthly-cumulative.csv", "series", period="month", cumulative=True),
)
"""The samples the page offers, with the period unit and flag each was made with (the README
beside them says the same)."""


@dataclass(frozen=True)
class UploadFit:
    """What the page shows for one input: the fit's payload, or the refusal that replaces it."""

    payload: dict[str, Any] | None = None
    error: ParameterError | None = None
    fit: ShareFit | BassFit | None = None
    """The fit across all posts (or of the series), for a forecast."""

    def notice(self, lang: Lang, rename: Callable[[str], str] = str) -> str:
        """The refusal in ``lang``: the file, row, column and value where known, and what is allowed."""
        assert self.error is not None
        return self.error.describe(rename, lang)


def read_upload(
    data: str | bytes, kind: Kind, *, source: str, period: str = "week", cumulative: bool = False
) -> UploadFit:
    """Read ``data`` (an upload's bytes or a pasted text) as ``kind`` and fit it.

    Never raises for anything in ``data``: every refusal (size, encoding, a missing column, a
    bad cell, data the model cannot fit) comes back as ``error``, a
    :class:`~simulator.params.ParameterError` (an :class:`~simulator.exports.ExportError`
    naming the row and column where it has them).
    """
    try:
        if kind == "posts":
            fit, payload = fit_share_result(read_posts(data, source=source))
        else:
            export = read_series(data, period=period, cumulative=cumulative, source=source)
            fit, payload = fit_bass_result(export)
        return UploadFit(payload, fit=fit)
    except ParameterError as error:
        return UploadFit(error=error)


# --- the link to a simulator page ----------------------------------------------------------------

_TARGETS: dict[str, tuple[str, type[Parameters], tuple[str, ...]]] = {
    "fit-share": ("share", ShareLoopParams, ("share_rate", "fanout", "conversion_rate")),
    "fit-bass": ("bass", BassParams, ("p", "q", "market")),
}
"""Each fit's simulator page, its parameter class and the fitted estimates it takes (same names)."""


@dataclass(frozen=True)
class SimulatorLink:
    """The simulator page to open on a fit: the values it takes, the fitted values it cannot take
    (outside its declared bounds, left at the page's own value), and the estimates the data did
    not give (no fan-out without a reach-among-followers column)."""

    page: str
    params: type[Parameters]
    values: Mapping[str, float | int | str]
    outside: tuple[ParameterError, ...]
    missing: tuple[str, ...]

    def query(self, lang: Lang) -> dict[str, str]:
        """The query as the page writes its own link (``simulator.app.state.write_url``)."""
        return {name: link_text(value) for name, value in self.values.items()} | (
            {"lang": lang} if lang != "en" else {}
        )

    def href(self, lang: Lang) -> str:
        """The link, relative to the app's root (``share?share_rate=...``)."""
        return f"{self.page}?{urlencode(self.query(lang))}"


def simulator_link(payload: Mapping[str, Any]) -> SimulatorLink:
    """The share loop page on a ``fit-share`` payload's estimates, or the Bass page on a
    ``fit-bass`` one's (market in whole people; the horizon at least the periods observed, each
    step one period of the data's unit, which the link sets as the page's ``period``). Each value
    is checked against the page's declaration."""
    page, params, names = _TARGETS[payload["model"]]
    totals, specs = payload["totals"], params.specs()
    fitted = {name: totals[name] for name in names if totals.get(name) is not None}
    if "market" in fitted:
        fitted["market"] = round(fitted["market"])
    if page == "bass" and totals["periods"] > specs["steps"].default:
        fitted["steps"] = totals["periods"]
    if page == "bass":  # p and q are rates per the data's period: the page places them by it
        fitted["period"] = payload["params"]["period"]
    values: dict[str, float | int | str] = {}
    outside: list[ParameterError] = []
    for name, value in fitted.items():
        try:
            values[name] = specs[name].check(value)  # type: ignore[assignment]
        except ParameterError as error:
            outside.append(error)
    missing = tuple(name for name in names if totals.get(name) is None)
    return SimulatorLink(page, params, values, tuple(outside), missing)


# --- the forecast -------------------------------------------------------------------------------

FORECAST_RNG = 16
"""Seed of a forecast's random draws: the same fit and inputs show the same band on every rerun."""


def typical_seed_reach(payload: Mapping[str, Any]) -> int:
    """The median post's reach among followers in the file (the seed a next post may expect), or
    the declared default when the file has none or its median is outside the declared bounds."""
    seeds = [row["reach_followers"] for row in payload["series"] if "reach_followers" in row]
    if not seeds:
        return int(SEED_REACH.default)  # type: ignore[arg-type]
    median = round(float(np.median(seeds)))
    try:
        return int(SEED_REACH.check(median))  # type: ignore[arg-type]
    except ParameterError:
        return int(SEED_REACH.default)  # type: ignore[arg-type]


def next_post(fit: ShareFit, *, seed_reach: int, audience: int) -> Forecast:
    """The next post's reach, shares and conversions (median, 90% band) over the share page's
    default number of share cycles; raises :class:`~simulator.params.ParameterError` for inputs
    out of bounds or a fit without a fan-out."""
    steps = int(STEPS.default)  # type: ignore[arg-type]
    return forecast_post(fit, seed_reach=seed_reach, audience=audience, steps=steps, rng=FORECAST_RNG)


def next_periods(fit: BassFit, *, horizon: int) -> Forecast:
    """New and cumulative adopters over the ``horizon`` periods after the data (median, 90% band)."""
    return forecast_bass(fit, horizon=horizon, rng=FORECAST_RNG)
