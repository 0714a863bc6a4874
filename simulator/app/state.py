"""Scenario state: every input lives in the URL, so any scenario is a shareable link.

On a page's first run in a session, inputs are seeded from the link: a ``preset`` first,
then any explicit ``?name=value``. Each value is checked against its declaration; a bad
one falls back to the default and leaves a visible notice (never a silent clamp). After
the widgets run, the URL is rewritten to hold the inputs that differ from the defaults.

Why not ``bind="query-params"``: Streamlit's binding silently truncates a non-integer for
an integer widget (``?steps=2.5`` becomes 2) and drops invalid values without telling the
page, so the page could neither fall back to the default nor say why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from simulator import data
from simulator.app.text import LANG_KEY, current_lang, plain_number, t
from simulator.params import Param, ParameterError, Parameters, link_text

__all__ = ["PRESET_KEY", "Scenario", "seed_language", "seed_scenario", "set_extra_url", "widget_key", "write_url"]

PRESET_KEY = "preset"
NOTICES = "_notices"
EXTRA_URL = "_extra_url"


def widget_key(page: str, name: str) -> str:
    """Session-state key of a page's input (pages share parameter names, not state)."""
    return f"{page}.{name}"


@dataclass
class Scenario:
    """The inputs of one page, with the notices produced while reading the link."""

    page: str
    params: type[Parameters]
    notices: list[str] = field(default_factory=list)


def _text_of(value: object) -> str:
    return value if isinstance(value, str) else plain_number(value)  # type: ignore[arg-type]


def seed_language() -> None:
    """Take the language from the link once per session (``?lang=fa``)."""
    if LANG_KEY in st.session_state:
        return
    raw = st.query_params.get(LANG_KEY, "en")
    if raw not in ("en", "fa"):
        st.session_state[NOTICES] = [("en", raw)]
        raw = "en"
    st.session_state[LANG_KEY] = raw


def language_notices() -> list[str]:
    return [t("app.notice.bad-lang", value=v) for _, v in st.session_state.pop(NOTICES, [])]


def seed_scenario(page: str, params: type[Parameters]) -> Scenario:
    """Seed this page's inputs from the link (first run only); return notices to show."""
    scenario = Scenario(page, params)
    # One flag per group of inputs: the sweep page seeds two (the grid and the marked
    # scenario), and a flag per page let the first group's seeding skip the second's link values.
    seeded_flag = f"_seeded.{page}.{params.__name__}"
    specs = params.specs()
    if st.session_state.get(seeded_flag):
        # Later runs: inputs keep their state (widgets persist for the session); a key can
        # only be missing if Streamlit dropped it, and then the default is the honest value.
        for name, spec in specs.items():
            st.session_state.setdefault(widget_key(page, name), spec.default)
        return scenario
    values: dict[str, object] = {name: spec.default for name, spec in specs.items()}
    preset_id = st.query_params.get(PRESET_KEY)
    if preset_id:
        preset = next((p for p in data.presets() if p.id == preset_id and p.page == page), None)
        if preset is None:
            scenario.notices.append(t("app.notice.bad-preset", value=preset_id))
        else:
            values.update({k: v for k, v in data.scenario_values(preset).items() if k in specs})  # this group's inputs
            st.session_state[f"{page}.{PRESET_KEY}"] = preset.id
    starting = dict(values)  # defaults (or the preset): valid together
    for name, spec in specs.items():
        raw = st.query_params.get(name)
        if raw is None:
            continue
        try:
            values[name] = spec.parse(raw)
        except ParameterError as error:
            scenario.notices.append(_bad_link_notice(spec, raw, error, params))
    # Inputs valid alone may still clash (seed reach above the audience): reset the one named;
    # if it already holds its starting value (the runs of a network too big for them), the
    # link's other values are what clash, and the page starts from its starting values.
    for _ in range(len(specs)):
        try:
            params(**values)
            break
        except ParameterError as error:
            spec = specs[error.name]
            if values[error.name] == starting[error.name]:
                message = error.describe(lambda name: label_of(params, name), current_lang())
                scenario.notices.append(t("app.notice.bad-link-together", message=message))
                values = dict(starting)
                break
            scenario.notices.append(_bad_link_notice(spec, _text_of(values[error.name]), error, params))
            values[error.name] = starting[error.name]
    for name, value in values.items():
        st.session_state[widget_key(page, name)] = value
    st.session_state[seeded_flag] = True
    return scenario


def _bad_link_notice(spec: Param, raw: str, error: ParameterError, params: type[Parameters]) -> str:
    lang = current_lang()
    default = (
        "—"
        if spec.default is None
        else (spec.choice_label(spec.default, lang) if spec.kind is str else plain_number(spec.default))
    )  # type: ignore[arg-type]
    message = error.describe(lambda name: label_of(params, name), lang)
    return t("app.notice.bad-link", message=message, default=default)


def label_of(params: type[Parameters], name: str) -> str:
    """A parameter's label in the current language (its name if it is not declared here)."""
    spec = params.specs().get(name)
    return spec.label(current_lang()) if spec else name


def apply_preset(page: str, params: type[Parameters], preset_id: str) -> None:
    """Load a preset's values into the page's inputs (callback of the preset picker)."""
    preset = next((p for p in data.presets() if p.id == preset_id and p.page == page), None)
    specs = params.specs()
    values = {name: spec.default for name, spec in specs.items()}
    if preset is not None:
        values.update(data.scenario_values(preset))
    for name, value in values.items():
        st.session_state[widget_key(page, name)] = value


def write_url(page: str, groups: list[Parameters], extra: dict[str, list[str]] | None = None) -> None:
    """Put the language and every non-default input in the link (defaults stay out).

    ``extra`` holds inputs that are not declared parameters, as lists of texts (the
    segments of the targeting page, one ``segment=`` entry each).
    """
    wanted: dict[str, str | list[str]] = {}
    if current_lang() != "en":
        wanted[LANG_KEY] = current_lang()
    for params in groups:
        for name, spec in params.specs().items():
            value = getattr(params, name)
            if value != spec.default and value is not None:
                wanted[name] = link_text(value)
    wanted.update(extra or {})
    wanted.update(st.session_state.pop(EXTRA_URL, {}))
    for key in list(st.query_params):
        if key not in wanted and key not in ("embed", "embed_options"):
            del st.query_params[key]
    for key, value in wanted.items():
        current = st.query_params.get_all(key) if isinstance(value, list) else st.query_params.get(key)
        if current != value:
            st.query_params[key] = value


def set_extra_url(items: dict[str, list[str]]) -> None:
    """Inputs that are not declared parameters, for the next :func:`write_url` of this run."""
    st.session_state[EXTRA_URL] = items
