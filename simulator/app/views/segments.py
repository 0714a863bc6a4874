"""Segment targeting page: an editable segment table and the best split of the budget.

The segment list is not a declared parameter (it is a list), so the page keeps it in the
URL itself, one ``segment=name=…,size=…`` entry per row, read with the same parser as
``smm segments --segment``; a bad entry falls back to the default segments with a notice.
"""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from simulator.app.layout import download_csv, headline
from simulator.app.runs import run
from simulator.app.state import set_extra_url
from simulator.app.text import current_lang, plain_number, t
from simulator.charts import bar_chart_spec
from simulator.commands import COMMANDS
from simulator.models.segments import (
    DEFAULT_SEGMENTS,
    SEGMENT_FIELDS,
    Segment,
    SegmentsParams,
    make_segments,
    segment_from_text,
)
from simulator.params import ParameterError
from simulator.results import quantity

URL_KEY = "segment"
_TABLE = "segments.table"


def _as_text(segment: Segment) -> str:
    fields = [f"name={segment.name}"] + [f"{k}={getattr(segment, k)!r}" for k in SEGMENT_FIELDS]
    return ",".join(fields)


def _seed() -> list[Segment]:
    """Segments from the link on first load (validated), else the defaults."""
    raw = st.query_params.get_all(URL_KEY)
    if not raw:
        return list(DEFAULT_SEGMENTS)
    try:
        return list(make_segments(segment_from_text(text, i) for i, text in enumerate(raw, 1)))
    except ParameterError as error:
        st.session_state["segments.notice"] = error.describe(_field_label, current_lang())
        return list(DEFAULT_SEGMENTS)


def _field_label(name: str) -> str:
    """``segments[2].share_rate`` as a reader says it: "Segment 2 – Share rate"."""
    found = re.fullmatch(r"segments\[(\d+)\]\.(\w+)", name)
    if not found:
        return name
    spec = SEGMENT_FIELDS.get(found.group(2))
    label = spec.label(current_lang()) if spec else found.group(2)
    return f"{t('app.segments.name')} {plain_number(int(found.group(1)))} – {label}"


def segment_inputs(page: str) -> tuple[Segment, ...] | None:
    """The editable segment table; returns validated segments (None, with a notice, if not)."""
    lang = current_lang()
    if _TABLE not in st.session_state:
        st.session_state[_TABLE] = [s.as_dict() for s in _seed()]
    notice = st.session_state.pop("segments.notice", None)
    if notice:
        st.warning(
            t("app.notice.bad-link", message=notice, default=", ".join(s.label(lang) for s in DEFAULT_SEGMENTS)),
            icon="⚠️",
        )
    st.markdown(f"**{t('app.segments.table')}**")
    name_column = "name_fa" if lang == "fa" else "name"
    config: dict[str, Any] = {
        "name": st.column_config.TextColumn(t("app.segments.name"), required=True) if lang == "en" else None,
        "name_fa": st.column_config.TextColumn(t("app.segments.name"), required=True) if lang == "fa" else None,
    }
    for key, spec in SEGMENT_FIELDS.items():
        config[key] = st.column_config.NumberColumn(
            spec.label(lang),
            min_value=spec.minimum,
            max_value=spec.maximum,
            step=spec.step,
            help=spec.help(lang),
            required=True,
        )
    edited = st.data_editor(
        st.session_state[_TABLE],
        column_order=[name_column, *SEGMENT_FIELDS],
        column_config=config,
        num_rows="dynamic",
        hide_index=True,
        key=f"{page}.editor",
    )
    try:
        segments = make_segments({k: v for k, v in row.items() if v is not None} for row in edited)
    except ParameterError as error:
        st.warning(t("app.notice.invalid", message=error.describe(_field_label, lang)), icon="⚠️")
        return None
    set_extra_url({URL_KEY: [_as_text(s) for s in segments]} if segments != DEFAULT_SEGMENTS else {})
    return segments


def results(params: SegmentsParams, segments: tuple[Segment, ...] | None) -> None:
    if segments is None:
        return
    lang = current_lang()
    result = run(params, segments)
    totals = result.totals
    headline([(k, totals[k]) for k in COMMANDS["segments"].headline])
    names = [
        seg_fa if lang == "fa" else seg
        for seg, seg_fa in zip(result.series["segment"], result.series["segment_fa"], strict=True)
    ]
    # Specs built once per language (simulator.charts); a rerun sends only its rows.
    for name in ("spend", "conversions"):
        spec = bar_chart_spec(names, result.series[name], quantity(name).label(lang), t("app.segments.name"), lang=lang)
        st.vega_lite_chart(spec=spec, width="stretch")
    download_csv(result.to_dict(), "segments")
