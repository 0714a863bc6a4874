"""The badge under every benchmarked input: where its value sits against its range, in the
page's language, with the range and its source on hover; and the app's defaults, which must
sit in the typical range of their benchmark unless declared a viral case.

The expected words, ranges and bases are written out here by hand from benchmarks.yml and
defaults.yml, so a change of wording, range or basis fails here.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from simulator import data
from simulator.app.benchmark_badge import badge_for, benchmarks_of
from simulator.app.registry import LABS
from simulator.declarations import FANOUT, INNOVATION, SHARE_RATE
from tests.app.conftest import open_lab, widget

BADGE = re.compile(r"^:(\w+)-badge\[(:material/\w+: )?(.*)\]$")
LATIN = re.compile("[A-Za-z0-9]")


def _in_order(node: Any) -> Iterator[Any]:
    """Every element of the page, in the order it is drawn."""
    children = getattr(node, "children", None)
    if children is None:
        yield node
        return
    for index in sorted(children):
        yield from _in_order(children[index])


def badges_under_inputs(at: AppTest) -> dict[str, tuple[str, str, str]]:
    """Input key -> (colour, words, tooltip) of the badge drawn right under that input."""
    elements = list(_in_order(at.main))
    found = {}
    for element, after in itertools.pairwise(elements):
        key = getattr(element, "key", None)
        match = BADGE.match(getattr(after, "value", "") or "") if after.type == "markdown" else None
        if key and match:
            found[key] = (match[1], match[3], after.proto.help)
    return found


def all_badges(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if BADGE.match(m.value)]


# --- the share rate on the share page, in both languages ------------------------------------

SHARE_RATE_LINE = {
    "en": "· Brand posts on Instagram, Facebook and TikTok: typical 0.05%–0.6%, exceptional from 2% "
    "(house assumption from Socialinsider, 2022).",
    "fa": "· پست‌های برندها در اینستاگرام، فیسبوک و تیک‌تاک: بازهٔ معمول ۰٫۰۵٪ تا ۰٫۶٪، استثنایی از ۲٪ "
    "(فرض خود راهنما بر پایهٔ \u2068Socialinsider\u2069، ۲۰۲۲).",
}


@pytest.mark.parametrize(
    ("rate", "lang", "colour", "words"),
    [
        ("0.003", "en", "green", "Typical"),
        ("0.003", "fa", "green", "در حد معمول"),
        ("0.03", "en", "violet", "Exceptional"),
        ("0.03", "fa", "violet", "استثنایی"),
        ("0.01", "en", "orange", "High"),
        ("0.0001", "fa", "blue", "پایین‌تر از حد معمول"),
    ],
)
def test_share_rate_badge_says_where_the_value_sits(rate: str, lang: str, colour: str, words: str) -> None:
    at = open_lab("share", {"share_rate": rate, "lang": lang})
    assert not at.exception
    badge = badges_under_inputs(at)["share.share_rate"]
    assert badge == (colour, words, f"**{words}** {SHARE_RATE_LINE[lang]}")
    shown = " ".join(all_badges(at))
    if lang == "fa":  # no English word or Latin digit, but the isolated source name
        tooltips = " ".join(b[2] for b in badges_under_inputs(at).values())
        assert not LATIN.search(re.sub(r"\u2068[^\u2069]*\u2069|:material/\w+:|:\w+-badge", "", shown + tooltips))
    else:
        assert not re.search("[\u0600-\u06ff]", shown)


def test_the_badge_follows_the_slider() -> None:
    at = open_lab("share", {"share_rate": "0.003"})
    at.slider(key="share.share_rate").set_value(0.03).run()
    assert badges_under_inputs(at)["share.share_rate"][1] == "Exceptional"


# --- Bass: p and q per the page's period ------------------------------------------------------


def test_bass_places_weekly_p_against_the_yearly_range() -> None:
    # 0.0006 per week is 0.0006 x 52 = 0.0312 per year: typical (0.001–0.06); read as a rate
    # per year, the same number is below the range.
    at = open_lab("bass", {"p": "0.0006", "q": "0.0073", "period": "week"})
    # Weekly rates need four decimals on the sliders, or 0.0006 would show as 0.001.
    for key, value in (("bass.p", 0.0006), ("bass.q", 0.0073)):
        slider = widget(at, key)
        assert (slider.value, slider.proto.format) == (value, "%.4f")
        assert slider.proto.step == pytest.approx(0.0001)
    weekly = badges_under_inputs(at)
    assert weekly["bass.p"][:2] == ("green", "Typical")
    assert weekly["bass.p"][2].endswith("\n\nYour 0.0006 per week is 0.0312 per year.")
    assert weekly["bass.q"][:2] == ("green", "Typical")  # 0.0073 x 52 = 0.38 per year
    yearly = badges_under_inputs(open_lab("bass", {"p": "0.0006"}))
    assert yearly["bass.p"][:2] == ("blue", "Below the typical range")
    assert "Your" not in yearly["bass.p"][2]


def test_bass_conversion_in_persian() -> None:
    at = open_lab("bass", {"p": "0.0006", "period": "week", "lang": "fa"})
    words, tooltip = badges_under_inputs(at)["bass.p"][1:]
    assert words == "در حد معمول"
    assert tooltip.endswith("\n\nمقدار شما ۰٫۰۰۰۶ در هفته است، یعنی ۰٫۰۳۱۲ در سال.")
    assert "(\u2068Sultan\u2069 و همکاران، ۱۹۹۰)" in tooltip


# --- every benchmarked input of every page has its badge --------------------------------------


def _benchmarked_inputs(lab: Any) -> set[str]:
    groups = [lab.params, *([lab.more] if lab.more else [])]
    return {f"{lab.id}.{name}" for params in groups for name in params.specs() if benchmarks_of(name, lab.id)}


# Written by hand: the inputs that carry a benchmark on each page (benchmarks.yml `pages`).
BENCHMARKED = {
    "share": {"share_rate", "fanout", "conversion_rate"},
    "network": {"share_rate"},
    "sweep": {"share_rate_min", "share_rate_max", "fanout", "conversion_rate", "share_rate"},
    "goal": {"share_rate", "fanout", "conversion_rate"},
    "metrics": set(),
    "bass": {"p", "q"},
    "referral": {"conversion_rate"},
    "sample-size": set(),
    "crisis": {"share_rate", "fanout", "response_share_rate", "response_fanout"},
    "segments": set(),
}


@pytest.mark.parametrize("lab", LABS, ids=lambda lab: lab.id)
def test_every_benchmarked_input_has_its_badge(lab: Any) -> None:
    expected = {f"{lab.id}.{name}" for name in BENCHMARKED[lab.id]}
    assert _benchmarked_inputs(lab) == expected
    # The goal planner solves for its lever (share rate by default): that input is shown
    # disabled without a badge, and the answer gets one instead.
    solved = {f"{lab.id}.share_rate"} if lab.id == "goal" else set()
    at = open_lab(lab.id)
    badges = badges_under_inputs(at)
    assert set(badges) == expected - solved
    assert len(all_badges(at)) == len(expected)  # and nothing else carries one (goal: the answer's)


def test_the_goal_answer_is_placed_against_its_range() -> None:
    # Defaults: 50 conversions in 30 days need a share rate of 13.7% at fan-out 10: exceptional.
    at = open_lab("goal")
    assert at.success[0].value == "You need Share rate of at least 13.7%."
    assert all_badges(at)[-1] == ":violet-badge[:material/bolt: Exceptional]"


def test_each_fanout_range_is_listed_nearest_first() -> None:
    benchmarks = benchmarks_of("fanout", "share")
    for value, nearest in ((2, "Private sends"), (10, "Instagram brand posts"), (70, "Public shares")):
        badge = badge_for(FANOUT, value, benchmarks, "en")
        assert badge.position == "typical"
        lines = badge.help.split("\n\n")
        assert len(lines) == 3
        assert lines[0].startswith(f"**Typical** · {nearest}"), (value, lines[0])
    # Past every range: the nearest is the widest (feed), and it is high there, not exceptional.
    assert badge_for(FANOUT, 200, benchmarks, "en").label == "High"


def test_positions_read_per_time_unit() -> None:
    p = benchmarks_of("p", "bass")
    assert badge_for(INNOVATION, 0.0006, p, "en", "week").position == "typical"
    assert badge_for(INNOVATION, 0.0006, p, "en", "year").position == "below"
    assert badge_for(INNOVATION, 0.09, p, "en", "year").position == "exceptional"
    assert badge_for(SHARE_RATE, 0.006, benchmarks_of("share_rate", "share"), "en").position == "typical"


# --- the defaults -----------------------------------------------------------------------------

B, V = "benchmark", "viral case"
TYPICAL_POST = {
    "share_rate": (B, "share-rate-per-reach"),
    "fanout": (B, "fanout-mixed"),
    "conversion_rate": (B, "conversion-per-reach"),
}
DEFAULT_BASIS: dict[str, dict[str, tuple[str, str]]] = {
    "share": TYPICAL_POST,
    "goal": TYPICAL_POST,
    "network": {"share_rate": (B, "share-rate-per-reach")},
    "sweep": {
        "share_rate_min": (B, "share-rate-per-reach"),
        "share_rate_max": (V, "share-rate-per-reach"),
        "fanout": (B, "fanout-feed"),
        "conversion_rate": (B, "conversion-per-reach"),
        "share_rate": (B, "share-rate-per-reach"),
    },
    "metrics": {},
    "bass": {"p": (B, "bass-p-durables"), "q": (B, "bass-q-durables")},
    "referral": {"conversion_rate": (B, "invite-acceptance")},
    "sample-size": {},
    "crisis": {
        "share_rate": (V, "share-rate-per-reach"),
        "fanout": (B, "fanout-feed"),
        "response_share_rate": (B, "share-rate-per-reach"),
        "response_fanout": (B, "fanout-feed"),
    },
    "segments": {},
}

# The defaults themselves, by hand: (page, input) -> default.
DEFAULTS = {
    ("share", "share_rate"): 0.002,
    ("share", "fanout"): 10.0,
    ("share", "conversion_rate"): 0.001,
    ("sweep", "share_rate_min"): 0.0005,
    ("sweep", "share_rate_max"): 0.03,
    ("sweep", "fanout"): 50.0,
    ("sweep", "share_rate"): 0.002,
    ("referral", "conversion_rate"): 0.05,
    ("bass", "p"): 0.03,
    ("bass", "q"): 0.38,
    ("bass", "period"): "year",
    ("crisis", "share_rate"): 0.03,
    ("crisis", "fanout"): 50.0,
    ("crisis", "response_share_rate"): 0.005,
    ("crisis", "response_fanout"): 50.0,
}


def _defaults(lab: Any) -> dict[str, Any]:
    groups = [lab.params, *([lab.more] if lab.more else [])]
    return {name: spec.default for params in groups for name, spec in params.specs().items()}


@pytest.mark.parametrize("lab", LABS, ids=lambda lab: lab.id)
def test_every_default_sits_in_the_typical_range_of_its_basis(lab: Any) -> None:
    """check_defaults refuses a benchmarked default outside the typical range of its declared
    benchmark (or a viral case inside it), and one with no basis at all."""
    values = _defaults(lab)
    parsed = data.check_defaults(lab.id, values)
    assert {name: (b.kind, b.benchmark) for name, b in parsed.items()} == DEFAULT_BASIS[lab.id]
    for name, basis in parsed.items():
        b = data.benchmark(basis.benchmark)
        place = b.position(values[name], str(values.get("period") or ""))
        assert place == "typical" if basis.kind == B else place in ("high", "exceptional"), (name, place)
        if basis.kind == V:
            assert basis.reason is not None
            assert basis.reason("en")
            assert basis.reason("fa")
    assert {k: values[k] for (page, k) in DEFAULTS if page == lab.id} == {
        k: v for (page, k), v in DEFAULTS.items() if page == lab.id
    }


def test_a_default_outside_its_range_is_refused() -> None:
    values = _defaults(next(lab for lab in LABS if lab.id == "share"))
    with pytest.raises(data.DataError, match=r"entry 'share': field 'basis.share_rate': share_rate = 0.01 sits high"):
        data.check_defaults("share", {**values, "share_rate": 0.01})
    with pytest.raises(
        data.DataError, match=r"entry 'network': field 'basis.share_rate': share_rate = 0.0001 sits below"
    ):
        data.check_defaults("network", {"share_rate": 0.0001})
    with pytest.raises(
        data.DataError, match=r"entry 'crisis': field 'basis.share_rate': .* a viral case must sit above"
    ):
        data.check_defaults("crisis", {"share_rate": 0.002})
