"""Altair chart builders, shared by the Streamlit app and the playbook's build.

Each builder takes the engine's output (for the playbook figures, the frames of
:mod:`simulator.figures`) and a language, and returns an Altair chart; none runs a model.
Labels come from the declarations (parameters, result quantities) and from
``playbook_data/ui.yml``; number formats come from :func:`chart_config`, so Persian charts
show Persian digits.

The playbook charts (:data:`PLAYBOOK_CHARTS`) carry a Vega-Lite parameter bound to a
slider; their data holds every slider position, so the slider works in a static page
with no server.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Mapping
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from simulator import figures
from simulator.data import metrics, ui
from simulator.declarations import SHARE_RATE
from simulator.locale import citation
from simulator.params import Lang
from simulator.results import quantity

__all__ = [
    "APP_ROWS",
    "PLAYBOOK_CHARTS",
    "band_chart",
    "band_chart_spec",
    "bar_chart",
    "bar_chart_spec",
    "chart_config",
    "histogram",
    "histogram_spec",
    "line_chart_data",
    "line_chart_spec",
    "observed_fitted_chart",
    "text",
]

PERSIAN_NUMBER_LOCALE = {
    "decimal": "٫",
    "thousands": "٬",
    "grouping": [3],
    "currency": ["", ""],
    "numerals": list("۰۱۲۳۴۵۶۷۸۹"),
    "percent": "٪",
    "minus": "−",
}
FONT = {"en": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "fa": "Vazirmatn, Tahoma, sans-serif"}
ACCENT = "#00796b"  # teal, close to the site's primary colour
MUTED = "#9e9e9e"
HOVER = "hover"  # the line charts' hover selection
HOVER_HIT = "hover_hit"  # their layer of invisible hit rules, one per x


def text(key: str, lang: Lang) -> str:
    """A UI string from ``playbook_data/ui.yml``."""
    return ui()[key](lang)


def chart_config(chart: alt.TopLevelMixin, lang: Lang) -> alt.TopLevelMixin:
    """Shared look: transparent background, text that follows the page colour, the language's
    font and digits. ``currentColor`` lets the SVG inherit light/dark theme colours."""
    # One configure call: a second .configure() replaces the whole config (font, background,
    # axis colours), which once left every Persian chart with only its number locale.
    locale = {"locale": {"number": PERSIAN_NUMBER_LOCALE}} if lang == "fa" else {}
    return (
        chart.configure(font=FONT[lang], background="transparent", **locale)
        .configure_axis(labelColor="currentColor", titleColor="currentColor", gridOpacity=0.25, labelFontSize=12)
        .configure_legend(labelColor="currentColor", titleColor="currentColor")
        .configure_title(color="currentColor", anchor="start", fontSize=15)
        .configure_view(stroke=None)
    )


def _field(name: str) -> str:
    """``name`` as a Vega-Lite field reference: dots and brackets would mean nesting."""
    return re.sub(r"([.\[\]\\])", r"\\\1", name)


def _axis_title(name: str, lang: Lang) -> str:
    return quantity(name).label(lang)


# Count labels: 0, 500, 10k, 1.5M in English; ۰، ۵۰۰، ۱۰ هزار، ۱٫۵ میلیون in Persian (the words in
# the label, the digits and separators from the chart's number locale, see chart_config).
# Vega's "~s" format wrote "0k" at zero and kept the Latin "k" on Persian pages.
_COUNT_WORDS: dict[Lang, tuple[str, str, str]] = {"en": ("B", "M", "k"), "fa": (" میلیارد", " میلیون", " هزار")}


def _count_label(lang: Lang) -> str:
    billion, million, thousand = _COUNT_WORDS[lang]
    return (
        f"abs(datum.value) >= 1e9 ? format(datum.value / 1e9, ',~r') + '{billion}'"
        f" : abs(datum.value) >= 1e6 ? format(datum.value / 1e6, ',~r') + '{million}'"
        f" : abs(datum.value) >= 1e3 ? format(datum.value / 1e3, ',~r') + '{thousand}'"
        " : format(datum.value, ',~r')"
    )


def count_axis(lang: Lang, **options: Any) -> alt.Axis:
    """An axis of counts (people, customers, toman): short labels in the page's language."""
    return alt.Axis(labelExpr=_count_label(lang), **options)


@functools.lru_cache(maxsize=64)
def line_chart_spec(columns: tuple[str, ...], lang: Lang, x: str = "day") -> dict[str, Any]:
    """The Vega-Lite spec of the app's time chart, without its data values.

    Built and validated by Altair once per (columns, language); the app compiles it to Vega
    once (:mod:`simulator.app.live_chart`) and each rerun sends only the rows
    (:func:`line_chart_data`), which keeps Altair's schema validation – tens of
    milliseconds per chart – off the path of every slider move.
    """
    labels = {name: _axis_title(name, lang) for name in columns}
    x_axis = alt.X(f"{x}:Q", title=_axis_title(x, lang))
    base = alt.Chart(alt.Data(values=[]))
    lines = base.mark_line(strokeWidth=2.5).encode(
        x=x_axis,
        y=alt.Y("value:Q", title=None, axis=count_axis(lang)),
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top"), sort=[labels[c] for c in columns]),
    )
    # Hover anywhere over the plot: a rule marks the nearest x and its tooltip lists every
    # series' value there (a tooltip on a line only knows the line's first point). Each x
    # gets an invisible hit rule; :mod:`simulator.app.live_chart` widens them to tile the
    # plot, which is far cheaper per rerun than Vega-Lite's nearest-point Voronoi cells.
    hover = alt.selection_point(name=HOVER, on="pointerover", clear="pointerout", fields=[x], empty=False)
    by_x = base.transform_pivot("series", value="value", groupby=[x])
    hit = (
        by_x.mark_rule(opacity=0, aria=False)
        .encode(
            x=x_axis,
            tooltip=[
                alt.Tooltip(f"{x}:Q", title=_axis_title(x, lang)),
                *(alt.Tooltip(_field(labels[c]), type="quantitative", format=",.0f", title=labels[c]) for c in columns),
            ],
        )
        .add_params(hover)
        .properties(name=HOVER_HIT)
    )
    marker = by_x.transform_filter(hover).mark_rule(color=MUTED, strokeWidth=1, aria=False).encode(x=x_axis)
    points = lines.transform_filter(hover).mark_point(filled=True, size=45, opacity=1, aria=False)
    chart = alt.layer(lines, marker, points, hit)
    return chart_config(chart, lang).to_dict()


def line_chart_data(
    series: Mapping[str, Any], columns: tuple[str, ...], lang: Lang, x: str = "day"
) -> list[dict[str, Any]]:
    """Long-format rows (x, series label, value) of ``columns`` of a result's ``series`` (column
    name to values) for :func:`line_chart_spec`."""
    xs = np.asarray(series[x]).tolist()
    rows: list[dict[str, Any]] = []
    for name in columns:
        label = _axis_title(name, lang)
        rows += [
            {x: a, "series": label, "value": b} for a, b in zip(xs, np.asarray(series[name]).tolist(), strict=True)
        ]
    return rows


# --- Playbook charts ------------------------------------------------------------------


def viral_tipping(lang: Lang) -> alt.TopLevelMixin:
    """Final reach fraction against share rate, one curve per fan-out (slider), with the
    tipping point s = 1/f marked (:func:`simulator.figures.viral_tipping`)."""
    frame = figures.viral_tipping()
    fan = alt.param(
        name="fanout_choice",
        value=60,
        bind=alt.binding_range(
            min=float(figures.VIRAL_FANOUTS[0]),
            max=float(figures.VIRAL_FANOUTS[-1]),
            step=float(figures.VIRAL_FANOUTS[1] - figures.VIRAL_FANOUTS[0]),
            name=text("chart.viral-tipping.slider", lang),
        ),
    )
    x = alt.X("share_rate:Q", title=SHARE_RATE.label(lang), axis=alt.Axis(format="%"))
    line = (
        alt.Chart(frame)
        .mark_line(color=ACCENT, strokeWidth=3)
        .encode(
            x=x,
            y=alt.Y(
                "reach_fraction:Q",
                title=_axis_title("reach_fraction", lang),
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            tooltip=[
                alt.Tooltip("share_rate:Q", format=".1%", title=SHARE_RATE.label(lang)),
                alt.Tooltip("reach_fraction:Q", format=".1%", title=_axis_title("reach_fraction", lang)),
            ],
        )
        .transform_filter(alt.datum.fanout == fan)
    )
    marker = alt.Chart(pd.DataFrame({"one": [1]})).transform_calculate(x="1 / fanout_choice", y="0.95")
    rule = marker.mark_rule(strokeDash=[6, 4], color=MUTED).encode(x=alt.X("x:Q"))
    label = marker.mark_text(
        align="left" if lang == "en" else "right", dx=5 if lang == "en" else -5, color=MUTED
    ).encode(x=alt.X("x:Q"), y=alt.Y("y:Q"), text=alt.value(text("chart.viral-tipping.tipping", lang)))
    return (
        (line + rule + label)
        .add_params(fan)
        .properties(title=text("chart.viral-tipping.title", lang), width="container", height=300)
    )


def sticky_decay(lang: Lang) -> alt.TopLevelMixin:
    """Cumulative reach over days for several decay rates (slider), against no decay
    (:func:`simulator.figures.sticky_decay`)."""
    frame = figures.sticky_decay()
    choice = alt.param(
        name="decay_choice",
        value=0.1,
        bind=alt.binding_range(min=0, max=0.3, step=0.02, name=text("chart.sticky-decay.slider", lang)),
    )
    x = alt.X("day:Q", title=_axis_title("day", lang))
    y = alt.Y("reach:Q", title=_axis_title("reach", lang), axis=count_axis(lang))
    reference = (
        alt.Chart(frame)
        .mark_line(color=MUTED, strokeDash=[6, 4])
        .encode(x=x, y=y)
        .transform_filter(alt.datum.decay == 0)
    )
    chosen = (
        alt.Chart(frame)
        .mark_line(color=ACCENT, strokeWidth=3)
        .encode(
            x=x,
            y=y,
            tooltip=[
                alt.Tooltip("day:Q", title=_axis_title("day", lang)),
                alt.Tooltip("reach:Q", format=",.0f", title=_axis_title("reach", lang)),
            ],
        )
        .transform_filter("abs(datum.decay - decay_choice) < 0.001")
    )
    return (
        (reference + chosen)
        .add_params(choice)
        .properties(title=text("chart.sticky-decay.title", lang), width="container", height=300)
    )


def referral_growth(lang: Lang) -> alt.TopLevelMixin:
    """Customers over days in a capped market for several K-factors (slider)
    (:func:`simulator.figures.referral_growth`)."""
    frame = figures.referral_growth()
    choice = alt.param(
        name="k_choice",
        value=1.2,
        bind=alt.binding_select(options=list(figures.REFERRAL_K), name=text("chart.referral-growth.slider", lang)),
    )
    return (
        alt.Chart(frame)
        .mark_line(color=ACCENT, strokeWidth=3, point=True)
        .encode(
            x=alt.X("day:Q", title=_axis_title("day", lang)),
            y=alt.Y("customers:Q", title=_axis_title("customers", lang), axis=count_axis(lang)),
            tooltip=[
                alt.Tooltip("day:Q", title=_axis_title("day", lang)),
                alt.Tooltip("customers:Q", format=",.0f", title=_axis_title("customers", lang)),
            ],
        )
        .transform_filter(alt.datum.k == choice)
        .add_params(choice)
        .properties(title=text("chart.referral-growth.title", lang), width="container", height=300)
    )


def bass_adoption(lang: Lang) -> alt.TopLevelMixin:
    """New adopters per year for several imitation coefficients q per year (slider), p = 0.03
    (:func:`simulator.figures.bass_adoption`)."""
    frame = figures.bass_adoption()
    choice = alt.param(
        name="q_choice",
        value=0.4,
        bind=alt.binding_range(min=0.1, max=0.6, step=0.05, name=text("chart.bass-adoption.slider", lang)),
    )
    return (
        alt.Chart(frame)
        .mark_bar(color=ACCENT)
        .encode(
            x=alt.X(
                "period:O",
                title=text("chart.axis.year", lang),
                # An ordinal axis shows its values unformatted; format() writes them in the
                # chart's digits (Persian ones on a Persian page).
                axis=alt.Axis(labelAngle=0, values=list(range(0, 31, 5)), labelExpr="format(datum.value, 'd')"),
            ),
            y=alt.Y("new_adopters:Q", title=_axis_title("new_adopters", lang), axis=count_axis(lang)),
            tooltip=[
                alt.Tooltip("period:O", title=text("chart.axis.year", lang)),
                alt.Tooltip("new_adopters:Q", format=",.0f", title=_axis_title("new_adopters", lang)),
            ],
        )
        .transform_filter("abs(datum.q - q_choice) < 0.001")
        .add_params(choice)
        .properties(title=text("chart.bass-adoption.title", lang), width="container", height=300)
    )


def engagement_benchmarks(lang: Lang) -> alt.TopLevelMixin:
    """Published median engagement rates by platform, from ``metrics.yml``."""
    rows = [
        {"platform": b.platform(lang), "rate": (b.low + b.high) / 2, "source": citation(b.source, b.year, lang)}
        for m in metrics()
        if m.id == "engagement_rate_followers"
        for b in m.benchmarks
    ]
    frame = pd.DataFrame(rows)
    return (
        alt.Chart(frame)
        .mark_bar(color=ACCENT)
        .encode(
            y=alt.Y("platform:N", title=text("chart.axis.platform", lang), sort="-x"),
            x=alt.X("rate:Q", title=text("chart.axis.engagement-rate", lang), axis=alt.Axis(format="%")),
            tooltip=[alt.Tooltip("platform:N"), alt.Tooltip("rate:Q", format=".2%"), alt.Tooltip("source:N")],
        )
        .properties(title=text("chart.engagement-benchmarks.title", lang), width="container", height=220)
    )


def crisis_response(lang: Lang) -> alt.TopLevelMixin:
    """Story reach against response time, one curve per response effectiveness (slider)
    (:func:`simulator.figures.crisis_response`)."""
    frame = figures.crisis_response()
    choice = alt.param(
        name="effect_choice",
        value=0.6,
        bind=alt.binding_range(min=0.2, max=1.0, step=0.2, name=text("chart.crisis-response.slider", lang)),
    )
    hours_title = text("chart.crisis-response.hours", lang)
    return (
        alt.Chart(frame)
        .mark_line(color="#c62828", strokeWidth=3, point=True)
        .encode(
            x=alt.X("hours:Q", title=hours_title),
            y=alt.Y("story_reach:Q", title=_axis_title("story_reach", lang), axis=count_axis(lang)),
            tooltip=[
                alt.Tooltip("hours:Q", title=hours_title),
                alt.Tooltip("story_reach:Q", format=",.0f", title=_axis_title("story_reach", lang)),
            ],
        )
        .transform_filter("abs(datum.effectiveness - effect_choice) < 0.001")
        .add_params(choice)
        .properties(title=text("chart.crisis-response.title", lang), width="container", height=300)
    )


def segment_allocation(lang: Lang) -> alt.TopLevelMixin:
    """The optimal split of a paid seeding budget across the default segments, by budget (slider)
    (:func:`simulator.figures.segment_allocation`), segments named in ``lang``."""
    data = figures.segment_allocation()
    names = data["segment_fa"] if lang == "fa" else data["segment"]
    frame = data.drop(columns="segment_fa").assign(segment=names)
    choice = alt.param(
        name="budget_choice",
        value=1000,
        bind=alt.binding_select(
            options=list(figures.SEGMENT_BUDGETS), name=text("chart.segment-allocation.slider", lang)
        ),
    )
    segment_title = text("chart.segment-allocation.segment", lang)
    return (
        alt.Chart(frame)
        .mark_bar(color=ACCENT)
        .encode(
            y=alt.Y("segment:N", title=segment_title, sort=None),
            x=alt.X("spend:Q", title=_axis_title("spend", lang), axis=count_axis(lang)),
            tooltip=[
                alt.Tooltip("segment:N", title=segment_title),
                alt.Tooltip("spend:Q", format=",.0f", title=_axis_title("spend", lang)),
                alt.Tooltip("conversions:Q", format=",.0f", title=_axis_title("conversions", lang)),
            ],
        )
        .transform_filter(alt.datum.budget == choice)
        .add_params(choice)
        .properties(title=text("chart.segment-allocation.title", lang), width="container", height=200)
    )


PLAYBOOK_CHARTS: dict[str, Callable[[Lang], alt.TopLevelMixin]] = {
    "viral-tipping": viral_tipping,
    "sticky-decay": sticky_decay,
    "referral-growth": referral_growth,
    "bass-adoption": bass_adoption,
    "engagement-benchmarks": engagement_benchmarks,
    "crisis-response": crisis_response,
    "segment-allocation": segment_allocation,
}
"""Charts the playbook pages can place with ``<!-- smm:chart id=... -->``."""


def playbook_chart_spec(chart_id: str, lang: Lang) -> dict[str, Any]:
    """The Vega-Lite spec of a playbook chart, configured for ``lang``."""
    return chart_config(PLAYBOOK_CHARTS[chart_id](lang), lang).to_dict()


# --- App charts ----------------------------------------------------------------------------


def band_frame(series: Mapping[str, Any], quantity_name: str) -> pd.DataFrame:
    """The rows of :func:`band_chart`: step, mean, low (5%) and high (95%) of a network run's
    ``<name>_mean/_p5/_p95`` series."""
    return pd.DataFrame(
        {
            "step": series["step"],
            "mean": series[f"{quantity_name}_mean"],
            "low": series[f"{quantity_name}_p5"],
            "high": series[f"{quantity_name}_p95"],
        }
    )


def band_chart(
    data: pd.DataFrame | alt.NamedData, quantity_name: str, lang: Lang, band_label: str, color: str = ACCENT
) -> alt.LayerChart:
    """Mean line with its 5–95% band (network runs) over the rows of :func:`band_frame`."""
    x = alt.X("step:Q", title=_axis_title("step", lang))
    band = (
        alt.Chart(data)
        .mark_area(opacity=0.25, color=color)
        .encode(
            x=x,
            y=alt.Y("low:Q", title=_axis_title(quantity_name, lang), axis=count_axis(lang)),
            y2="high:Q",
            tooltip=[
                alt.Tooltip("low:Q", format=",.0f", title=band_label + " ↓"),
                alt.Tooltip("high:Q", format=",.0f", title=band_label + " ↑"),
            ],
        )
    )
    line = (
        alt.Chart(data)
        .mark_line(color=color, strokeWidth=2.5)
        .encode(
            x=x,
            y="mean:Q",
            tooltip=[
                alt.Tooltip("step:Q", title=_axis_title("step", lang)),
                alt.Tooltip("mean:Q", format=",.0f", title=_axis_title(quantity_name, lang)),
            ],
        )
    )
    return band + line


def histogram_frame(values: np.ndarray) -> pd.DataFrame:
    """The rows of :func:`histogram`: one value per run."""
    return pd.DataFrame({"value": np.asarray(values, dtype=float)})


def histogram(data: pd.DataFrame | alt.NamedData, lang: Lang, title_x: str, title_y: str) -> alt.Chart:
    """Distribution of final reach across runs, over the rows of :func:`histogram_frame`."""
    return (
        alt.Chart(data)
        .mark_bar(color=ACCENT, opacity=0.85)
        .encode(
            x=alt.X("value:Q", bin=alt.Bin(maxbins=30), title=title_x, axis=count_axis(lang)),
            y=alt.Y("count():Q", title=title_y),
        )
    )


# Building and validating an Altair chart costs tens of milliseconds; a page that built its
# charts on every slider move spent most of the move there (the network page: about 0.1 s of
# 0.14 s). These specs are built once per language and shape; a rerun adds only its rows.

APP_ROWS = "rows"
"""The name of the dataset an app chart template reads; each rerun supplies it."""


def _app_template(chart: alt.TopLevelMixin, lang: Lang) -> str:
    """``chart`` (over ``alt.NamedData(APP_ROWS)``) configured for ``lang``, as the JSON of the
    Vega-Lite spec Streamlit's ``st.altair_chart`` would send. Streamlit converts without
    Altair's default theme (its 300 px sizes), so its own theme applies; the ``top_level``
    context marker leaves the theme out here too (and the ``$schema``, put back) without
    switching Altair's theme for the whole process, which other sessions' threads share."""
    spec = chart_config(chart, lang).to_dict(context={"top_level": False})
    return json.dumps({**spec, "$schema": alt.SCHEMA_URL}, ensure_ascii=False)


def _with_rows(template: str, rows: pd.DataFrame) -> dict[str, Any]:
    """A fresh spec from ``template`` (Streamlit edits the spec it gets) with ``rows`` as its data."""
    return {**json.loads(template), "datasets": {APP_ROWS: rows}}


@functools.lru_cache(maxsize=32)
def _band_template(quantity_name: str, lang: Lang, band_label: str, color: str, height: int | None) -> str:
    chart = band_chart(alt.NamedData(APP_ROWS), quantity_name, lang, band_label, color)
    return _app_template(chart if height is None else chart.properties(height=height), lang)


def band_chart_spec(
    series: Mapping[str, Any],
    quantity_name: str,
    lang: Lang,
    band_label: str,
    *,
    color: str = ACCENT,
    height: int | None = None,
) -> dict[str, Any]:
    """The spec for ``st.vega_lite_chart`` of :func:`band_chart` over ``series``, configured for
    ``lang``, ``height`` px tall (None: Streamlit's default)."""
    return _with_rows(_band_template(quantity_name, lang, band_label, color, height), band_frame(series, quantity_name))


@functools.lru_cache(maxsize=32)
def _histogram_template(lang: Lang, title_x: str, title_y: str, height: int) -> str:
    return _app_template(histogram(alt.NamedData(APP_ROWS), lang, title_x, title_y).properties(height=height), lang)


def histogram_spec(values: np.ndarray, lang: Lang, title_x: str, title_y: str, *, height: int) -> dict[str, Any]:
    """The spec for ``st.vega_lite_chart`` of :func:`histogram` of ``values``, configured for
    ``lang``, ``height`` px tall."""
    return _with_rows(_histogram_template(lang, title_x, title_y, height), histogram_frame(values))


def heatmap(
    share_rates: np.ndarray,
    audiences: np.ndarray,
    values: np.ndarray,
    value_name: str,
    lang: Lang,
    mark: tuple[float, float] | None = None,
) -> alt.LayerChart:
    """``values[i, j]`` over share rate (rows) x audience (columns), with the grid cell
    nearest to ``mark`` = (share rate, audience) marked."""
    frame = pd.DataFrame(
        {
            "share_rate": np.repeat(share_rates, audiences.size),
            "audience": np.tile(audiences, share_rates.size),
            "value": values.ravel(),
        }
    )
    cells = (
        alt.Chart(frame)
        .mark_rect()
        .encode(
            x=alt.X(
                "audience:O",
                title=_axis_title("audience", lang),
                axis=count_axis(lang, labelOverlap=True, labelAngle=0),
            ),
            y=alt.Y(
                "share_rate:O",
                title=_axis_title("share_rate", lang),
                sort="descending",
                axis=alt.Axis(format=".1%", labelOverlap=True),
            ),
            color=alt.Color("value:Q", title=_axis_title(value_name, lang), scale=alt.Scale(scheme="tealblues")),
            tooltip=[
                alt.Tooltip("share_rate:Q", format=".2%", title=_axis_title("share_rate", lang)),
                alt.Tooltip("audience:Q", format=",.0f", title=_axis_title("audience", lang)),
                alt.Tooltip("value:Q", format=",.0f", title=_axis_title(value_name, lang)),
            ],
        )
    )
    layers: list[alt.Chart] = [cells]
    if mark is not None:
        nearest_rate = share_rates[np.argmin(np.abs(share_rates - mark[0]))]
        nearest_audience = audiences[np.argmin(np.abs(np.log(audiences) - np.log(mark[1])))]
        point = pd.DataFrame({"share_rate": [nearest_rate], "audience": [nearest_audience]})
        layers.append(
            alt.Chart(point)
            .mark_point(shape="diamond", size=220, filled=True, color="white", stroke="black", strokeWidth=1.5)
            .encode(x=alt.X("audience:O"), y=alt.Y("share_rate:O", sort="descending"))
        )
    return alt.layer(*layers)


def target_chart(
    result_series: dict[str, Any], column: str, target: float, lang: Lang, target_label: str
) -> alt.LayerChart:
    """A cumulative series against a horizontal target line."""
    frame = pd.DataFrame({"day": result_series["day"], "value": result_series[column]})
    line = (
        alt.Chart(frame)
        .mark_line(color=ACCENT, strokeWidth=2.5)
        .encode(
            x=alt.X("day:Q", title=_axis_title("day", lang)),
            y=alt.Y("value:Q", title=_axis_title(column, lang), axis=count_axis(lang)),
            tooltip=[
                alt.Tooltip("day:Q", title=_axis_title("day", lang)),
                alt.Tooltip("value:Q", format=",.0f", title=_axis_title(column, lang)),
            ],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"target": [target], "label": [target_label]}))
        .mark_rule(color="#e65100", strokeDash=[6, 4])
        .encode(y="target:Q", tooltip=["label:N", alt.Tooltip("target:Q", format=",.0f")])
    )
    return line + rule


def curve_chart(
    x: np.ndarray, y: np.ndarray, x_title: str, y_title: str, mark_x: float | None = None, *, lang: Lang
) -> alt.LayerChart:
    """A simple x-y curve (e.g. story reach by response time), with an optional marked x."""
    frame = pd.DataFrame({"x": x, "y": y})
    line = (
        alt.Chart(frame)
        .mark_line(color="#c62828", strokeWidth=2.5, point=True)
        .encode(
            x=alt.X("x:Q", title=x_title),
            y=alt.Y("y:Q", title=y_title, axis=count_axis(lang)),
            tooltip=[
                alt.Tooltip("x:Q", title=x_title, format=",.1f"),
                alt.Tooltip("y:Q", title=y_title, format=",.0f"),
            ],
        )
    )
    if mark_x is None:
        return alt.layer(line)
    rule = alt.Chart(pd.DataFrame({"x": [mark_x]})).mark_rule(color=MUTED, strokeDash=[6, 4]).encode(x="x:Q")
    return line + rule


def bar_frame(labels: list[str], values: np.ndarray) -> pd.DataFrame:
    """The rows of :func:`bar_chart`: one label and value each."""
    return pd.DataFrame({"label": labels, "value": values})


def bar_chart(data: pd.DataFrame | alt.NamedData, x_title: str, y_title: str, *, lang: Lang) -> alt.Chart:
    """Horizontal bars, one per row of :func:`bar_frame` (e.g. spend or conversions per segment)."""
    return (
        alt.Chart(data)
        .mark_bar(color=ACCENT)
        .encode(
            y=alt.Y("label:N", title=y_title, sort=None),
            x=alt.X("value:Q", title=x_title, axis=count_axis(lang)),
            tooltip=[alt.Tooltip("label:N", title=y_title), alt.Tooltip("value:Q", format=",.0f", title=x_title)],
        )
    )


@functools.lru_cache(maxsize=32)
def _bar_template(x_title: str, y_title: str, lang: Lang) -> str:
    return _app_template(bar_chart(alt.NamedData(APP_ROWS), x_title, y_title, lang=lang), lang)


def bar_chart_spec(labels: list[str], values: np.ndarray, x_title: str, y_title: str, *, lang: Lang) -> dict[str, Any]:
    """The spec for ``st.vega_lite_chart`` of :func:`bar_chart` of ``values`` by ``labels``,
    configured for ``lang``."""
    return _with_rows(_bar_template(x_title, y_title, lang), bar_frame(labels, values))


def observed_fitted_chart(
    x: np.ndarray, observed: np.ndarray, fitted: np.ndarray, *, x_title: str, y_title: str, lang: Lang
) -> alt.LayerChart:
    """What the data show (points) against what a fit expects (a line), both over ``x``: the
    shares of each post by its reach, or the new adopters of each period. Draws the fit's own
    numbers (:mod:`simulator.cli_fit`'s payload); legend words from ``playbook_data/ui.yml``."""
    names = (text("chart.observed", lang), text("chart.fitted", lang))
    count = len(x)
    frame = pd.DataFrame(
        {
            "x": np.concatenate([x, x]).astype(float),
            "value": np.concatenate([observed, fitted]).astype(float),
            "series": [names[0]] * count + [names[1]] * count,
        }
    )
    encoding = {
        "x": alt.X("x:Q", title=x_title, axis=count_axis(lang)),
        "y": alt.Y("value:Q", title=y_title, axis=count_axis(lang)),
        "color": alt.Color(
            "series:N",
            title=None,
            scale=alt.Scale(domain=list(names), range=[MUTED, ACCENT]),
            legend=alt.Legend(orient="top"),
        ),
        "tooltip": [
            alt.Tooltip("x:Q", format=",.0f", title=x_title),
            alt.Tooltip("value:Q", format=",.1f", title=y_title),
        ],
    }
    base = alt.Chart(frame)
    points = base.transform_filter(alt.datum.series == names[0]).mark_circle(size=45, opacity=0.75).encode(**encoding)
    line = (
        base.transform_filter(alt.datum.series == names[1])
        .mark_line(strokeWidth=2.5)
        .encode(order=alt.Order("x:Q"), **encoding)
    )
    return alt.layer(points, line)
