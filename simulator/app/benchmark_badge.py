"""Where an input's value sits against its benchmark range, shown under the input.

A badge says the position (below the typical range, typical, high, exceptional) in words
with an icon, so colour is never the only cue; its tooltip gives, for every range the input
has on the page (``benchmarks.yml``), the platform, the typical range, the exceptional
threshold and the source. Where an input has several ranges (fan-out: public shares, private
sends, both), the badge names the position against the nearest one. Rates per period (Bass
p and q) are read per the page's period before they are placed.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from simulator import data
from simulator.data import ParameterBenchmark, Position
from simulator.locale import isolated, localize_digits, number_text
from simulator.params import Lang, Param

__all__ = ["Badge", "badge_for", "benchmarks_of", "show_badge"]

# Colour and icon of each position: the icon and the words carry the meaning, the colour repeats it.
LOOK: dict[Position, tuple[str, str]] = {
    "below": ("blue", ":material/south:"),
    "typical": ("green", ":material/check_circle:"),
    "high": ("orange", ":material/north:"),
    "exceptional": ("violet", ":material/bolt:"),
}


@dataclass(frozen=True)
class Badge:
    """What the badge under an input shows: ``position`` against the nearest range, its
    ``label`` in words, and ``help``, one line per range (and the value converted to the
    ranges' time unit where it differs)."""

    position: Position
    label: str
    help: str


@functools.cache
def benchmarks_of(parameter: str, page: str) -> tuple[ParameterBenchmark, ...]:
    """The ranges of an input on a page, looked up once per process (the data is cached too,
    but the filter would run on every rerun of every input)."""
    return data.benchmarks_for(parameter, page)


def _text(key: str, lang: Lang, **values: Any) -> str:
    text = data.ui()[key](lang)
    return text.format(**values) if values else text


def _distance(b: ParameterBenchmark, value: float, time_unit: str) -> float:
    """How far ``value`` lies outside the typical range, as a ratio on a log scale (0 inside)."""
    own = b.in_own_unit(value, time_unit)
    if b.low <= own <= b.high:
        return 0.0
    edge = b.low if own < b.low else b.high
    return abs(math.log(max(own, 1e-12) / edge)) if edge > 0 else math.inf


def _source(b: ParameterBenchmark, lang: Lang) -> str:
    """The short name of the range's first source and its year (``Sultan et al., 1990``), or
    that it is a house assumption (and from which source)."""
    if not b.sources:
        return _text("app.benchmark.house", lang)
    first = b.sources[0]
    name = re.sub(r"\s*\(.*?\)", "", first.author).strip()  # "Pew Research Center (Aaron Smith)"
    people = re.split(r",\s*|\s+and\s+", name)
    short = (
        isolated(name, lang)
        if len(people) == 1
        else _text("app.benchmark.et-al", lang, name=isolated(people[0].split()[-1], lang))
    )
    year = localize_digits(str(first.year), lang)
    cited = f"{short}، {year}" if lang == "fa" else f"{short}, {year}"
    return _text("app.benchmark.house-from", lang, source=cited) if b.house_assumption is not None else cited


def _per(time_unit: str, lang: Lang) -> str:
    return f" {_text(f'site.per-{time_unit}', lang)}" if time_unit else ""


def _line(b: ParameterBenchmark, spec: Param, value: float, time_unit: str, lang: Lang) -> str:
    unit = spec.unit if spec.unit.startswith("fraction") else ""
    low, high, exceptional = (number_text(v, unit, lang) for v in (b.low, b.high, b.exceptional))
    position = _text(f"app.benchmark.{b.position(value, time_unit)}", lang)
    per = _per(b.time_unit, lang)
    return _text(
        "app.benchmark.line",
        lang,
        position=position,
        platform=b.platform(lang),
        low=low,
        high=high,
        exceptional=exceptional,
        per=per,
        source=_source(b, lang),
    )


def badge_for(
    spec: Param, value: float, benchmarks: Sequence[ParameterBenchmark], lang: Lang, time_unit: str = ""
) -> Badge:
    """The badge of ``value`` of input ``spec`` against its ``benchmarks`` (at least one), with
    ``value`` a rate per ``time_unit`` where the ranges are rates per period."""
    nearest = min(benchmarks, key=lambda b: _distance(b, value, time_unit))
    ordered = [nearest, *(b for b in benchmarks if b is not nearest)]
    lines = [_line(b, spec, value, time_unit, lang) for b in ordered]
    if nearest.time_unit and time_unit and time_unit != nearest.time_unit:
        unit = spec.unit if spec.unit.startswith("fraction") else ""
        lines.append(
            _text(
                "app.benchmark.converted",
                lang,
                value=number_text(value, unit, lang),
                per_step=_per(time_unit, lang),
                converted=number_text(nearest.in_own_unit(value, time_unit), unit, lang),
                per_range=_per(nearest.time_unit, lang),
            )
        )
    position = nearest.position(value, time_unit)
    return Badge(position, _text(f"app.benchmark.{position}", lang), "\n\n".join(lines))


def show_badge(badge: Badge, container: Any = st) -> None:
    """The badge, under the input it belongs to."""
    colour, icon = LOOK[badge.position]
    container.badge(badge.label, icon=icon, color=colour, help=badge.help)
