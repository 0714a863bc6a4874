"""The simulator's pages ("labs") and the one runner they all share.

A lab names its parameter class, its playbook chapter and a ``results`` function; the
runner does the rest the same way everywhere: header, link notices, preset picker,
declared widgets, validation (a clash shows a notice, never a traceback), the shareable
URL, and the results. Page modules only draw results.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import streamlit as st

from simulator.app.layout import language_switch, page_header, preset_picker, show_notices, style
from simulator.app.state import Scenario, label_of, language_notices, seed_scenario, write_url
from simulator.app.text import current_lang, t
from simulator.app.widgets import declared_inputs
from simulator.params import ParameterError, Parameters

__all__ = ["Lab", "home", "run_lab"]


@dataclass(frozen=True)
class Lab:
    """One simulator page.

    ``id`` is the ``smm`` subcommand, the URL path and the preset ``page``; ``chapter`` the
    playbook page it belongs to (site path); ``results(params, extra)`` draws the output.
    ``more`` is a second parameter class shown below the first under ``heading`` (the
    scenario marked on the sensitivity map); its values reach ``results`` as the second
    argument. ``extra_inputs`` adds inputs that are not declared parameters (the segment
    table) and returns them for ``results`` instead. ``solved(page)`` names an input the
    page computes rather than reads (the goal planner's lever), shown disabled.
    """

    id: str
    params: type[Parameters]
    chapter: str
    icon: str
    results: Callable[[Any, Any], None]
    more: type[Parameters] | None = None
    extra_inputs: Callable[[str], Any] | None = None
    heading: str | None = None
    solved: Callable[[str], str] | None = None


def run_lab(lab: Lab) -> None:
    style()
    page_header(lab.id, lab.chapter)
    groups = [lab.params, *([lab.more] if lab.more else [])]
    scenarios = [seed_scenario(lab.id, params) for params in groups]
    # A bad preset is named by every group's seeding: show it once.
    more = [n for s in scenarios[1:] for n in s.notices if n not in scenarios[0].notices]
    show_notices(scenarios[0], [*language_notices(), *more])
    _inputs_and_results(lab, groups, scenarios[0])


# A fragment: moving an input reruns only the inputs and the results, not the header, the
# navigation or the styles, which keeps a slider move close to Streamlit's own floor.
@st.fragment
def _inputs_and_results(lab: Lab, groups: list[type[Parameters]], scenario: Scenario) -> None:
    inputs, results = st.columns([1, 2], gap="large")
    with inputs, st.container(border=True):
        st.subheader(t("app.inputs"))
        preset_picker(scenario)
        disabled = {lab.solved(lab.id)} if lab.solved is not None else set()
        values = [declared_inputs(lab.id, lab.params, disabled=disabled)]
        if lab.more is not None:
            st.markdown(f"**{t(lab.heading)}**" if lab.heading else "")
            values.append(declared_inputs(lab.id, lab.more))
        extra = lab.extra_inputs(lab.id) if lab.extra_inputs is not None else None
    checked: list[Parameters] = []
    for params, given in zip(groups, values, strict=True):
        try:
            checked.append(params(**given))
        except ParameterError as error:
            message = error.describe(lambda name, p=params: label_of(p, name), current_lang())
            results.warning(t("app.notice.invalid", message=message), icon="⚠️")
            write_url(lab.id, [])
            return
    write_url(lab.id, checked)
    with results:
        st.subheader(t("app.results"))
        lab.results(checked[0], checked[1] if len(checked) > 1 else extra)
        st.caption(t("app.share-link"))


class Listed(Protocol):
    """What the overview needs of a page: its id (``app.page.<id>`` texts) and menu icon."""

    @property
    def id(self) -> str: ...

    @property
    def icon(self) -> str: ...


def home(labs: Sequence[Listed], pages: dict[str, Any]) -> None:
    """The overview: a link and one line for every simulator page (``labs``, shown as ``pages``)."""
    style()
    title, switch = st.columns([5, 1], vertical_alignment="center")
    title.title(t("app.title"))
    with switch:
        language_switch()
    st.markdown(t("app.page.home.intro"))
    for lab in labs:
        with st.container(border=True):
            st.page_link(pages[lab.id], label=t(f"app.page.{lab.id}.title"), icon=lab.icon)
            st.caption(t(f"app.page.{lab.id}.intro"))
