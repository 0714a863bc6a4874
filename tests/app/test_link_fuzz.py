"""Hostile links: whatever a shared address holds, every page opens without a traceback,
on inputs that are valid together, and says what it did not take (issue #14)."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from simulator.app.registry import LABS
from simulator.params import Param
from tests.app.conftest import open_lab, widget
from tests.test_cli_fuzz import HOSTILE_NUMBERS, HOSTILE_WORDS

# Pages whose inputs are all declared parameters (the targeting page adds a segment list).
LABS_BY_ID = {lab.id: lab for lab in LABS}


def _link_value(spec: Param) -> st.SearchStrategy[str]:
    if spec.kind is str:
        return st.one_of(st.sampled_from(spec.choices), st.sampled_from(HOSTILE_WORDS))
    low, high = float(spec.minimum), float(spec.maximum)  # type: ignore[arg-type]
    valid = st.sampled_from([low, high, min(high, low * 10 + 20)]).map(
        lambda x: str(int(x)) if spec.kind is int or x.is_integer() else f"{x:g}"
    )
    return st.one_of(valid, st.sampled_from(HOSTILE_NUMBERS))


@st.composite
def links(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    lab = LABS_BY_ID[draw(st.sampled_from(sorted(LABS_BY_ID)))]
    specs = lab.params.specs()
    names = draw(st.lists(st.sampled_from(sorted(specs)), unique=True, min_size=1, max_size=6))
    query = {name: draw(_link_value(specs[name])) for name in names}
    if draw(st.booleans()):
        query["lang"] = draw(st.sampled_from(["fa", "en", "xx", ""]))
    if draw(st.integers(0, 4)) == 0:
        query["preset"] = draw(st.sampled_from(["no-such-preset", "", "%00"]))
    return lab.id, query


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# A refused word next to a refused number: the number's notice alone must not count.
@example(("network", {"graph": "RANDOM", "audience": "nan"}))
@example(("goal", {"lever": "None", "lang": "fa"}))
@given(links())
def test_any_link_opens_a_valid_scenario_or_says_why(link: tuple[str, dict[str, str]]) -> None:
    lab_id, query = link
    at = open_lab(lab_id, query)
    assert not at.exception, [e.value for e in at.exception]
    specs = LABS_BY_ID[lab_id].params.specs()
    values = {name: widget(at, f"{lab_id}.{name}").value for name in specs if _has_widget(at, f"{lab_id}.{name}")}
    assert sorted(values) == sorted(specs), "every declared input is a widget the test reads"
    for name, value in values.items():
        if isinstance(value, float):
            assert math.isfinite(value), name
    # What the page runs is valid together: the parameter class accepts the widgets' values.
    LABS_BY_ID[lab_id].params(**values)
    notices = " ".join(w.value for w in at.warning)
    lang = "fa" if query.get("lang") == "fa" else "en"
    for name, raw in query.items():
        if name in specs and raw in HOSTILE_WORDS and raw not in specs[name].choices:
            # A value it did not take is reported, naming the input, in the page's language.
            assert specs[name].label(lang) in notices, (lab_id, query, notices)


def _has_widget(at: object, key: str) -> bool:
    try:
        widget(at, key)
    except KeyError:
        return False
    return True
