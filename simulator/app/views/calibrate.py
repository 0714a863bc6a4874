"""Calibrate page results: how the file was read, the estimates with 95% intervals, the spread
across posts, the groups, observed against fitted, a forecast (the next post for a seed reach
the reader gives, or the periods after the data) and the link that opens a lab on the fit.

Every number is the payload's (:func:`simulator.cli_fit.fit_share_payload` /
:func:`~simulator.cli_fit.fit_bass_payload`, what ``smm fit ... --format json`` prints), shown
with the CLI tables' formatting (:func:`simulator.cli_fit.shown_value`). Text that comes from
the file (column names, group labels, cells quoted in a reason) goes through
:func:`simulator.app.text.literal`, since Streamlit reads table cells and notices as Markdown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import streamlit as st

from simulator.app.layout import download_csv, download_json
from simulator.app.state import widget_key
from simulator.app.text import current_lang, literal, plain_number, t
from simulator.app.widgets import declared_widget
from simulator.calibration import UploadFit, next_periods, next_post, simulator_link, typical_seed_reach
from simulator.charts import chart_config, observed_fitted_chart
from simulator.cli_fit import hits_ratio, shown_value, tipping_side
from simulator.declarations import (
    AUDIENCE,
    CONVERSION_RATE,
    FANOUT,
    IMITATION,
    INNOVATION,
    MARKET,
    PERIOD,
    SEED_REACH,
    SHARE_RATE,
    STEPS,
)
from simulator.exports import POST_FIELDS, SERIES_FIELDS
from simulator.locale import join_list
from simulator.models.fit_share import ShareFit
from simulator.models.forecast import DRAWS, HORIZON, Forecast
from simulator.params import Lang, ParameterError, format_number, localize_digits
from simulator.results import quantity

__all__ = ["BASS_ESTIMATES", "FORECAST_TOTALS", "PAGE", "SHARE_ESTIMATES", "estimate_rows", "forecast_rows", "results"]

PAGE = "calibrate"

SHARE_ESTIMATES: tuple[tuple[str, str], ...] = (
    ("share_rate", "fraction"),
    ("fanout", FANOUT.unit),
    ("viral_coefficient", ""),
    ("conversion_rate", "fraction"),
)
"""The share fit's estimates in table order, with the unit they are shown in."""

BASS_ESTIMATES: tuple[tuple[str, str], ...] = (("p", ""), ("q", ""), ("market", "people"))
"""The Bass fit's estimates in table order, with the unit they are shown in."""

_NOT_ESTIMATED = {"fanout": "fanout", "viral_coefficient": "fanout", "conversion_rate": "conversion_rate"}
"""Why an estimate may be missing: the column its reason names."""


def _label(name: str, lang: Lang, unit: str) -> str:
    """An estimate's label from its declaration; p and q say the period they are rates per."""
    declared = {
        "share_rate": SHARE_RATE,
        "fanout": FANOUT,
        "conversion_rate": CONVERSION_RATE,
        "p": INNOVATION,
        "q": IMITATION,
        "market": MARKET,
    }
    label = declared[name].label(lang) if name in declared else quantity(name).label(lang)
    if name in ("p", "q"):
        return f"{label} ({t('app.calibrate.per', unit=unit)})"
    return label


def _interval(totals: Mapping[str, Any], name: str, unit: str, lang: Lang) -> str:
    low, high = (shown_value(totals[f"{name}{end}"], unit, lang) for end in ("_low", "_high"))
    return t("app.calibrate.range", low=low, high=high)


def estimate_rows(payload: Mapping[str, Any], lang: Lang) -> list[dict[str, str]]:
    """The estimates table: one row per estimate (label, value, 95% interval), then the count of
    posts or periods; an estimate the file cannot give says which column it needs."""
    totals = payload["totals"]
    share = payload["model"] == "fit-share"
    unit = "" if share else PERIOD.choice_label(payload["params"]["period"], lang)
    header = (t("app.calibrate.estimate"), t("app.calibrate.value"), t("app.calibrate.interval"))
    rows = []
    for name, shown_unit in SHARE_ESTIMATES if share else BASS_ESTIMATES:
        label = _label(name, lang, unit)
        if totals.get(name) is None:
            reason = t(f"app.calibrate.not-estimated.{_NOT_ESTIMATED[name]}")
            rows.append(dict(zip(header, (label, "—", reason), strict=True)))
        else:
            value = shown_value(totals[name], shown_unit, lang)
            rows.append(dict(zip(header, (label, value, _interval(totals, name, shown_unit, lang)), strict=True)))
    count = "posts" if share else "periods"
    shown_count = localize_digits(format_number(totals[count]), lang)
    rows.append(dict(zip(header, (quantity(count).label(lang), shown_count, ""), strict=True)))
    return rows


def _read_report(params: Mapping[str, Any], lang: Lang) -> None:
    """The columns read and what as, the columns not used, the approximations made."""
    fields = POST_FIELDS | SERIES_FIELDS
    st.markdown(f"**{t('app.calibrate.columns')}**")
    column, field = t("app.calibrate.column"), t("app.calibrate.field")
    st.table(
        [{column: literal(header), field: fields[name].label(lang)} for name, header in params["columns"].items()],
        hide_index=True,
    )
    if params["ignored_columns"]:
        shown = join_list([literal(c) for c in params["ignored_columns"]], lang)
        st.caption(t("app.calibrate.ignored", columns=shown))
    for note in params["notes"]:
        st.info(literal(note[lang]), icon="ℹ️")


def _spread(totals: Mapping[str, Any], lang: Lang) -> None:
    """The per-post share rate at the 10th, 50th and 90th percentile, and a warning about hits."""
    st.markdown(f"**{t('app.calibrate.spread')}**")
    post, rate = t("app.calibrate.spread.post"), t("app.calibrate.spread.rate")
    st.table(
        [
            {post: t(f"app.calibrate.spread.p{q}"), rate: shown_value(totals[f"share_rate_p{q}"], "fraction", lang)}
            for q in (10, 50, 90)
        ],
        hide_index=True,
    )
    hits = hits_ratio(totals)
    if hits is not None:
        st.caption(t("app.calibrate.spread.hits", ratio=localize_digits(format_number(hits, 2), lang)))


def _with_interval(group: Mapping[str, Any], name: str, unit: str, lang: Lang) -> str:
    if group.get(name) is None:
        return "—"
    return f"{shown_value(group[name], unit, lang)} ({_interval(group, name, unit, lang)})"


def _groups(totals: Mapping[str, Any], lang: Lang) -> None:
    """One table per grouping column (platform, format): each group's own fit, or why there is none."""
    for field in ("platform", "format"):
        groups = [g for g in totals["groups"] if g["field"] == field]
        if not groups:
            continue
        heading = POST_FIELDS[field].label(lang)
        st.markdown(f"**{t('app.calibrate.groups', field=heading)}**")
        names = (
            heading,
            quantity("posts").label(lang),
            SHARE_RATE.label(lang),
            quantity("viral_coefficient").label(lang),
        )
        rows = []
        for g in groups:
            count = localize_digits(format_number(g["posts"]), lang)
            if "error" in g:
                reason = t("app.calibrate.not-estimated", reason=g["error_fa" if lang == "fa" else "error"])
                cells = (literal(g["group"]) or "—", count, literal(reason), "")
            else:
                share = _with_interval(g, "share_rate", "fraction", lang)
                cells = (literal(g["group"]) or "—", count, share, _with_interval(g, "viral_coefficient", "", lang))
            rows.append(dict(zip(names, cells, strict=True)))
        st.table(rows, hide_index=True)


def _chart(payload: Mapping[str, Any], lang: Lang) -> None:
    """Observed against fitted: shares by reach per post, or new adopters per period."""
    series = payload["series"]
    st.markdown(f"**{t('app.calibrate.chart')}**")
    if payload["model"] == "fit-share":
        x, observed, fitted = (np.array([row[k] for row in series]) for k in ("reach", "shares", "fitted_shares"))
        titles = {"x_title": POST_FIELDS["reach"].label(lang), "y_title": POST_FIELDS["shares"].label(lang)}
        caption = t("app.calibrate.chart.share")
    else:
        x = np.arange(1, len(series) + 1)
        observed, fitted = (np.array([row[k] for row in series]) for k in ("adopters", "fitted_adopters"))
        unit = PERIOD.choice_label(payload["params"]["period"], lang)
        titles = {"x_title": t("chart.axis.period-of", unit=unit), "y_title": quantity("new_adopters").label(lang)}
        caption = t("app.calibrate.chart.bass")
    chart = observed_fitted_chart(x, observed, fitted, lang=lang, **titles)
    st.altair_chart(chart_config(chart.properties(height=320), lang), width="stretch")
    st.caption(caption)


def _peak(totals: Mapping[str, Any], period: str, lang: Lang) -> None:
    """Where new adopters peak, or why the data cannot say."""
    if totals.get("peak_period") is None:
        text = totals["peak_note_fa" if lang == "fa" else "peak_note"]
    else:
        low, value, high = (shown_value(totals[f"peak_period{end}"], "", lang) for end in ("_low", "", "_high"))
        unit = PERIOD.choice_label(period, lang)
        text = t("app.calibrate.peak-at", value=value, unit=unit, low=low, high=high)
    st.markdown(f"**{t('app.calibrate.peak')}:** {text}")


def _link(payload: Mapping[str, Any], lang: Lang) -> None:
    """The button that opens the share loop (or Bass) page on the fit, and what it leaves out."""
    link = simulator_link(payload)
    # The secondary look: the theme's primary button (white on the dark theme's light teal) is
    # below the contrast WCAG AA asks for.
    st.link_button(t(f"app.calibrate.open.{link.page}"), link.href(lang), icon=":material/open_in_new:")
    for error in link.outside:
        message = error.describe(lambda name: link.params.specs()[name].label(lang), lang)
        st.warning(t("app.calibrate.open.outside", message=message), icon="⚠️")
    if link.missing:
        names = join_list([link.params.specs()[name].label(lang) for name in link.missing], lang)
        st.caption(t("app.calibrate.open.missing", names=names))
    if link.page == "bass":
        st.caption(t("app.calibrate.open.step", unit=PERIOD.choice_label(payload["params"]["period"], lang)))
    st.caption(t("app.calibrate.open.caption"))


FORECAST_TOTALS = ("reach", "earned_reach", "shares", "conversions", "new_adopters", "adopters")
"""A forecast's totals in table order (each forecast has some of them)."""


def forecast_rows(forecast: Forecast, lang: Lang) -> list[dict[str, str]]:
    """The forecast table: each total's median and 90% band, formatted by its declared unit."""
    header = (
        t("app.calibrate.forecast.quantity"),
        t("app.calibrate.forecast.median"),
        t("app.calibrate.forecast.band"),
    )
    rows = []
    for name in (n for n in FORECAST_TOTALS if n in forecast.median):
        unit = quantity(name).unit
        median, low, high = (
            shown_value(values[name], unit, lang) for values in (forecast.median, forecast.low, forecast.high)
        )
        rows.append(
            dict(
                zip(
                    header,
                    (quantity(name).label(lang), median, t("app.calibrate.range", low=low, high=high)),
                    strict=True,
                )
            )
        )
    return rows


def _forecast_inputs(specs: dict[str, Any]) -> dict[str, Any]:
    """Widgets for the forecast's inputs (declared parameters, labels and bounds from there)."""
    columns = st.columns(len(specs))
    return {
        name: declared_widget(PAGE, spec, column) for (name, spec), column in zip(specs.items(), columns, strict=True)
    }


def _forecast(upload: UploadFit, lang: Lang) -> None:
    """The next post (from a seed reach and audience the reader gives) or the next periods, as a
    median and a 90% band over many runs of the model drawn from the fit's uncertainty."""
    payload, fit = upload.payload, upload.fit
    assert payload is not None
    if isinstance(fit, ShareFit):
        st.markdown(f"**{t('app.calibrate.forecast.post')}**")
        if fit.fanout is None:
            st.caption(t("app.calibrate.forecast.needs-fanout"))
            return
        # The seed starts at this file's median post; a new file starts it again.
        typical, seen = typical_seed_reach(payload), widget_key(PAGE, "seed_reach.file")
        if st.session_state.get(seen) != typical:
            st.session_state[seen] = typical
            st.session_state[widget_key(PAGE, "seed_reach")] = typical
        st.session_state.setdefault(widget_key(PAGE, "audience"), AUDIENCE.default)
        specs = {"seed_reach": SEED_REACH, "audience": AUDIENCE}
        run, caption = (
            next_post,
            t(
                "app.calibrate.forecast.post-caption",
                draws=plain_number(DRAWS.default),
                steps=plain_number(STEPS.default),
            ),
        )
    else:
        unit = PERIOD.choice_label(payload["params"]["period"], lang)
        st.session_state.setdefault(widget_key(PAGE, "horizon"), HORIZON.default)
        horizon = st.session_state[widget_key(PAGE, "horizon")]
        st.markdown(f"**{t('app.calibrate.forecast.periods', n=plain_number(horizon), unit=unit)}**")
        specs = {"horizon": HORIZON}
        run, caption = next_periods, t("app.calibrate.forecast.periods-caption", draws=plain_number(DRAWS.default))
    given = _forecast_inputs(specs)
    try:
        forecast = run(fit, **given)  # type: ignore[arg-type]
    except ParameterError as error:
        message = error.describe(lambda name: specs[name].label(lang) if name in specs else name, lang)
        st.warning(t("app.calibrate.forecast.refused", message=message), icon="⚠️")
        return
    st.table(forecast_rows(forecast, lang), hide_index=True)
    st.caption(caption)


def results(upload: UploadFit) -> None:
    """Everything the page shows for one fit, in the session's language."""
    lang = current_lang()
    payload = upload.payload
    assert payload is not None
    _read_report(payload["params"], lang)
    st.markdown(f"**{t('app.calibrate.estimates')}**")
    st.table(estimate_rows(payload, lang), hide_index=True)
    totals = payload["totals"]
    if payload["model"] == "fit-share":
        side = tipping_side(totals)
        if side is not None:
            st.caption(t(f"app.calibrate.tipping.{side}"))
        _spread(totals, lang)
        _groups(totals, lang)
    else:
        _peak(totals, payload["params"]["period"], lang)
    _chart(payload, lang)
    _forecast(upload, lang)
    _link(payload, lang)
    json_column, csv_column = st.columns(2)
    with json_column:
        download_json(dict(payload), payload["model"], t("app.calibrate.download"))
    with csv_column:
        download_csv(dict(payload), payload["model"])
