"""Guards for declared numbers and texts that a hand-made bug once changed unnoticed (issue #15).

The bounds, defaults and presets are written out here a second time, by hand, so that
changing one in the code without changing it here (a loosened bound, a preset that no
longer matches the exercise quoting it) fails. Changing both is a deliberate act.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import simulator.declarations as declarations
from simulator import data
from simulator.cli import COMMANDS
from simulator.models.segments import SEGMENT_FIELDS
from simulator.params import Param
from simulator.results import QUANTITIES
from simulator.serve import ServeParams
from simulator.site.markers import markers_in

DOCS = Path(__file__).resolve().parent.parent / "docs"

# --- every declared parameter: (model, name, minimum, maximum, default) --------------------

DECLARED = [
    ("share", "audience", 1, 1_000_000_000, 100_000),
    ("share", "seed_reach", 1, 1_000_000_000, 1_000),
    ("share", "share_rate", 0.0, 1.0, 0.002),
    ("share", "fanout", 0.0, 5_000.0, 10.0),
    ("share", "conversion_rate", 0.0, 1.0, 0.001),
    ("share", "decay", 0.0, 1.0, 0.0),
    ("share", "steps", 1, 3_650, 60),
    ("share", "cycle_days", 0.1, 365.0, 1.0),
    ("referral", "seed_customers", 1, 1_000_000_000, 10),
    ("referral", "invites", 0.0, 1_000.0, 10.0),
    ("referral", "conversion_rate", 0.0, 1.0, 0.05),
    ("referral", "cycle_days", 0.1, 365.0, 2.0),
    ("referral", "days", 1, 3_650, 20),
    ("referral", "audience", 1, 1_000_000_000, None),
    ("referral", "churn", 0.0, 1.0, 0.0),
    ("bass", "market", 1, 10_000_000_000, 100_000),
    ("bass", "p", 0.0001, 1.0, 0.03),
    ("bass", "q", 0.0, 2.0, 0.38),
    ("bass", "steps", 1, 1_000, 30),
    ("bass", "period", None, None, "year"),
    ("sweep", "share_rate_min", 0.0, 1.0, 0.0005),
    ("sweep", "share_rate_max", 0.0, 1.0, 0.03),
    ("sweep", "share_rate_points", 2, 400, 20),
    ("sweep", "audience_min", 1, 1_000_000_000, 10_000),
    ("sweep", "audience_max", 1, 1_000_000_000, 1_000_000),
    ("sweep", "audience_points", 2, 400, 20),
    ("sweep", "seed_reach", 1, 1_000_000_000, 1_000),
    ("sweep", "fanout", 0.0, 5_000.0, 50.0),
    ("sweep", "conversion_rate", 0.0, 1.0, 0.001),
    ("sweep", "decay", 0.0, 1.0, 0.0),
    ("sweep", "steps", 1, 3_650, 60),
    ("goal", "lever", None, None, "share_rate"),
    ("goal", "target_metric", None, None, "conversions"),
    ("goal", "target", 1.0, 1_000_000_000.0, 50.0),
    ("goal", "days", 1, 3_650, 30),
    ("goal", "audience", 1, 1_000_000_000, 100_000),
    ("goal", "seed_reach", 1, 1_000_000_000, 1_000),
    ("goal", "share_rate", 0.0, 1.0, 0.002),
    ("goal", "fanout", 0.0, 5_000.0, 10.0),
    ("goal", "conversion_rate", 0.0, 1.0, 0.001),
    ("goal", "decay", 0.0, 1.0, 0.0),
    ("goal", "cycle_days", 0.1, 365.0, 1.0),
    ("metrics", "engagements", 0, 1_000_000_000_000, None),
    ("metrics", "reach", 0, 1_000_000_000_000, None),
    ("metrics", "impressions", 0, 1_000_000_000_000, None),
    ("metrics", "shares", 0, 1_000_000_000_000, None),
    ("metrics", "followers", 0, 1_000_000_000_000, None),
    ("metrics", "clicks", 0, 1_000_000_000_000, None),
    ("metrics", "brand_mentions", 0, 1_000_000_000_000, None),
    ("metrics", "total_mentions", 0, 1_000_000_000_000, None),
    ("metrics", "social_sessions", 0, 1_000_000_000_000, None),
    ("metrics", "total_sessions", 0, 1_000_000_000_000, None),
    ("metrics", "conversions", 0, 1_000_000_000_000, None),
    ("metrics", "messages", 0, 1_000_000_000_000, None),
    ("metrics", "responses", 0, 1_000_000_000_000, None),
    ("metrics", "response_minutes", 0, 1_000_000_000_000, None),
    ("metrics", "baseline", 0, 1_000_000_000_000, None),
    ("metrics", "target_lift", -1.0, 100.0, None),
    ("metrics", "actual", 0, 1_000_000_000_000, None),
    ("metrics", "days_elapsed", 0, 3_650, None),
    ("metrics", "period_days", 1, 3_650, None),
    ("crisis", "audience", 1, 1_000_000_000, 1_000_000),
    ("crisis", "seed_reach", 1, 1_000_000_000, 2_000),
    ("crisis", "share_rate", 0.0, 1.0, 0.03),
    ("crisis", "fanout", 0.0, 5_000.0, 50.0),
    ("crisis", "decay", 0.0, 1.0, 0.05),
    ("crisis", "steps", 1, 3_650, 40),
    ("crisis", "cycle_days", 0.1, 365.0, 0.25),
    ("crisis", "respond", None, None, "yes"),
    ("fit-bass", "period", None, None, "week"),  # --period is required on the CLI; "week" starts the app's widget
    ("crisis", "response_hours", 0.0, 720.0, 6.0),
    ("crisis", "response_effectiveness", 0.0, 1.0, 0.6),
    ("crisis", "response_reach", 0, 1_000_000_000, 10_000),
    ("crisis", "response_share_rate", 0.0, 1.0, 0.005),
    ("crisis", "response_fanout", 0.0, 5_000.0, 50.0),
    ("segments", "budget", 0.0, 1_000_000_000.0, 1_000.0),
    ("segments", "budget_units", 1, 1_000, 100),
    ("segment", "size", 1, 1_000_000_000, 100_000),
    ("segment", "share_rate", 0.0, 1.0, 0.03),
    ("segment", "fanout", 0.0, 5_000.0, 10.0),
    ("segment", "conversion_rate", 0.0, 1.0, 0.01),
    ("segment", "cost_per_reach", 0.0001, 1_000.0, 0.01),
    ("network", "graph", None, None, "scale-free"),
    ("network", "audience", 10, 1_000_000, 100_000),
    ("network", "avg_degree", 1.0, 100.0, 10.0),
    ("network", "rewire", 0.0, 1.0, 0.1),
    ("network", "seeds", 1, 100_000, 20),
    ("network", "seeding", None, None, "random"),
    ("network", "share_rate", 0.0, 1.0, 0.002),
    ("network", "visibility", 0.0, 1.0, 0.2),
    ("network", "conversion_rate", 0.0, 1.0, 0.001),
    ("network", "runs", 1, 1_000, 50),
    ("network", "steps", 1, 2_000, 200),
    ("network", "rng_seed", 0, 4_294_967_295, 1),
    ("sample-size", "baseline_rate", 0.0001, 0.99, 0.02),
    ("sample-size", "min_detectable_lift", 0.001, 10.0, 0.2),
    ("sample-size", "alpha", 0.001, 0.2, 0.05),
    ("sample-size", "power", 0.5, 0.99, 0.8),
    ("serve", "site_port", 1_024, 65_535, 8_000),
    ("serve", "app_port", 1_024, 65_535, 8_501),
    # Declared but bound to no model field: the base of the referral and goal horizons,
    # and the number of segments `smm segments` and the app accept.
    ("(base)", "days", 1, 3_650, 30),
    ("(list)", "segments", 1, 20, 3),
]

CHOICES = {
    ("goal", "lever"): ("share_rate", "seed_reach", "fanout"),
    ("goal", "target_metric"): ("conversions", "reach"),
    ("crisis", "respond"): ("yes", "no"),
    ("fit-bass", "period"): ("day", "week", "month", "quarter", "year"),
    ("bass", "period"): ("day", "week", "month", "quarter", "year"),
    ("network", "graph"): ("random", "scale-free", "small-world", "regular"),
    ("network", "seeding"): ("random", "influencers"),
}


def declared_params() -> dict[tuple[str, str], Param]:
    """Every parameter a user can set, by (model, name), as the code declares it."""
    found = {(c.name, name): spec for c in COMMANDS.values() for name, spec in c.params.specs().items()}
    found |= {("segment", name): spec for name, spec in SEGMENT_FIELDS.items()}
    found |= {("serve", name): spec for name, spec in ServeParams.specs().items()}
    found[("fit-bass", "period")] = declarations.PERIOD  # an extra flag of smm fit bass, required there
    found[("(base)", "days")] = declarations.DAYS
    found[("(list)", "segments")] = declarations.SEGMENT_COUNT
    return found


def test_every_declaration_is_in_the_table() -> None:
    """No declaration escapes the table below: each is some model's field or listed by name."""
    listed = {id(spec) for spec in declared_params().values()}
    constants = [name for name, value in vars(declarations).items() if isinstance(value, Param)]
    assert len(constants) >= 80
    assert [name for name in constants if id(getattr(declarations, name)) not in listed] == []


def test_declared_bounds_and_defaults_match_the_written_table() -> None:
    actual = {key: (spec.minimum, spec.maximum, spec.default) for key, spec in declared_params().items()}
    expected = {(model, name): (low, high, default) for model, name, low, high, default in DECLARED}
    assert len(expected) == len(DECLARED)  # no row written twice
    assert sorted(actual) == sorted(expected)
    wrong = {key: (actual[key], expected[key]) for key in expected if actual[key] != expected[key]}
    assert wrong == {}, "(declared, written) differ"
    # Same kinds too: a whole number written as 1 and declared as 1.0 compares equal above.
    kinds = {key: tuple(type(v) for v in values) for key, values in actual.items()}
    assert kinds == {key: tuple(type(v) for v in values) for key, values in expected.items()}


def test_declared_choices_match_the_written_table() -> None:
    params = declared_params()
    assert {key: params[key].choices for key in params if params[key].kind is str} == CHOICES


# --- presets: their numbers, and the texts that quote them -------------------------------

PRESETS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "launch-post": (
        "share",
        "action-plan.md",
        {
            "audience": 50_000,
            "seed_reach": 2_000,
            "share_rate": 0.003,
            "fanout": 8,
            "conversion_rate": 0.001,
            "decay": 0.2,
            "steps": 30,
            "cycle_days": 1,
        },
    ),
    "viral-tipping": (
        "share",
        "strategies/viral-marketing.md",
        {
            "audience": 200_000,
            "seed_reach": 500,
            "share_rate": 0.015,
            "fanout": 80,
            "conversion_rate": 0.001,
            "decay": 0,
            "steps": 60,
            "cycle_days": 1,
        },
    ),
    "sticky-content": (
        "share",
        "strategies/sticky-content.md",
        {
            "audience": 200_000,
            "seed_reach": 500,
            "share_rate": 0.015,
            "fanout": 80,
            "conversion_rate": 0.001,
            "decay": 0.02,
            "steps": 90,
            "cycle_days": 1,
        },
    ),
    "earned-media": (
        "share",
        "strategies/earned-media.md",
        {
            "audience": 100_000,
            "seed_reach": 3_000,
            "share_rate": 0.006,
            "fanout": 80,
            "conversion_rate": 0.002,
            "decay": 0.03,
            "steps": 60,
            "cycle_days": 1,
        },
    ),
    "audience-vs-sharing": (
        "sweep",
        "strategies/segmentation.md",
        {
            "share_rate_min": 0.001,
            "share_rate_max": 0.04,
            "share_rate_points": 40,
            "audience_min": 10_000,
            "audience_max": 1_000_000,
            "audience_points": 40,
            "seed_reach": 500,
            "fanout": 100,
            "conversion_rate": 0.001,
            "decay": 0.02,
            "steps": 90,
        },
    ),
    "plus-15-percent": (
        "goal",
        "metrics.md",
        {
            "lever": "share_rate",
            "target_metric": "conversions",
            "target": 460,
            "days": 90,
            "audience": 2_000_000,
            "seed_reach": 170_000,
            "share_rate": 0.003,
            "fanout": 50,
            "conversion_rate": 0.002,
            "decay": 0.05,
            "cycle_days": 2,
        },
    ),
    "monthly-report": (
        "metrics",
        "metrics.md",
        {
            "engagements": 3_400,
            "reach": 120_000,
            "impressions": 310_000,
            "shares": 260,
            "followers": 48_000,
            "clicks": 2_900,
            "brand_mentions": 540,
            "total_mentions": 2_300,
            "social_sessions": 4_100,
            "total_sessions": 26_000,
            "conversions": 87,
            "messages": 410,
            "responses": 352,
            "response_minutes": 61_000,
            "baseline": 400,
            "target_lift": 0.15,
            "actual": 236,
            "days_elapsed": 45,
            "period_days": 90,
        },
    ),
    "product-launch": ("bass", "fundamentals.md", {"market": 100_000, "p": 0.03, "q": 0.38, "steps": 30}),
    "referral-program": (
        "referral",
        "strategies/crm.md",
        {"seed_customers": 10, "invites": 10, "conversion_rate": 0.2, "cycle_days": 2, "days": 20},
    ),
    "crisis-fast-response": (
        "crisis",
        "risks/crisis-response.md",
        {
            "audience": 1_000_000,
            "seed_reach": 2_000,
            "share_rate": 0.03,
            "fanout": 50,
            "decay": 0.05,
            "steps": 40,
            "cycle_days": 0.25,
            "respond": "yes",
            "response_hours": 2,
            "response_effectiveness": 0.6,
            "response_reach": 10_000,
            "response_share_rate": 0.005,
            "response_fanout": 100,
        },
    ),
    "segment-budget": ("segments", "strategies/segmentation.md", {"budget": 1_000, "budget_units": 100}),
    "ab-test-story-ad": (
        "sample-size",
        "craft/experiments.md",
        {"baseline_rate": 0.008, "min_detectable_lift": 0.25, "alpha": 0.05, "power": 0.8},
    ),
}


def test_presets_match_the_written_table() -> None:
    actual = {p.id: (p.page, p.chapter, dict(p.values)) for p in data.presets()}
    assert list(actual) == list(PRESETS)
    wrong = {key: (actual[key], PRESETS[key]) for key in PRESETS if actual[key] != PRESETS[key]}
    assert wrong == {}, "(presets.yml, written) differ"


def _value(text: str) -> float | str:
    try:
        return float(text)
    except ValueError:
        return text


def _scenario(args: dict[str, str]) -> dict[str, float | str]:
    """A value marker's model inputs: its arguments less what it picks from the run."""
    return {k: _value(v) for k, v in args.items() if k not in ("model", "total", "column", "row")}


def _section(lang: str, page: str, anchor: str) -> str:
    """The text under a docs page's heading ``{#anchor}``, up to the next heading as high."""
    text = (DOCS / lang / page).read_text(encoding="utf-8")
    heading = re.search(rf"^(#+) .*\{{#{re.escape(anchor)}\}}\s*$", text, re.MULTILINE)
    assert heading, f"{lang}/{page} has no heading {{#{anchor}}}"
    rest = text[heading.end() :]
    after = re.search(rf"^#{{1,{len(heading[1])}}} ", rest, re.MULTILINE)
    return rest[: after.start() if after else None]


EXERCISES = "onboarding/exercises.md"
# Where a page runs a preset's scenario through value markers: every exercise, and the
# worked examples that name a preset.
RUN_IN = [
    *[(p, EXERCISES, f"exercise-{p}") for p in PRESETS if p not in ("earned-media", "audience-vs-sharing")],
    ("launch-post", "risks/index.md", "worked-example"),
    ("plus-15-percent", "metrics.md", "planner"),
    ("monthly-report", "metrics.md", "monthly-report"),
    ("ab-test-story-ad", "craft/experiments.md", "worked-example"),
]


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_each_exercise_opens_its_preset(lang: str) -> None:
    for preset_id, page, anchor in RUN_IN:
        if page == EXERCISES:
            tries = [args["preset"] for name, args in markers_in(_section(lang, page, anchor)) if name == "try"]
            assert tries == [preset_id], anchor


@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize(("preset_id", "page", "anchor"), RUN_IN, ids=[f"{p}@{a}" for p, _, a in RUN_IN])
def test_pages_run_the_preset_they_quote(lang: str, preset_id: str, page: str, anchor: str) -> None:
    """The numbers come from value markers that run the preset itself (``preset=<id>``, its
    values pinned in PRESETS above), the first of them on the preset's own page with no input
    changed, so the section's first number is the preset's."""
    section = _section(lang, page, anchor)
    runs = [args for name, args in markers_in(section) if name == "value" and args.get("preset") == preset_id]
    assert runs, f"no value marker in {lang}/{page}#{anchor} runs preset={preset_id}"
    assert "model" not in runs[0]
    assert _scenario({k: v for k, v in runs[0].items() if k != "preset"}) == {}


# Numbers the English texts quote, as a format of the preset's values: the quoted number
# is made from presets.yml, so a preset changed without its text fails here. Where: the
# preset's own name or description, its exercise, or a page section ("page#anchor").
QUOTED = [
    ("launch-post", "exercise", "first seen by {seed_reach:,} followers in an audience of {audience:,}"),
    ("launch-post", "exercise", "{share_rate:.1%} of the people it reaches"),
    ("launch-post", "exercise", "seen by about {fanout} people, {conversion_rate:.1%} of the people reached"),
    ("launch-post", "action-plan.md#example-audit", "{share_rate:.1%} of the people it reaches"),
    ("launch-post", "action-plan.md#example-audit", "{conversion_rate:.1%} of the people reached order"),
    ("launch-post", "description", "{share_rate:.1%} of them share it"),
    ("launch-post", "exercise", "We follow it for {steps} days"),
    ("launch-post", "name", "A typical brand post"),
    ("viral-tipping", "exercise", "seen first by {seed_reach} people in an audience of {audience:,}; {share_rate:.1%}"),
    ("viral-tipping", "exercise", "reaches about {fanout} people"),
    ("viral-tipping", "exercise", "follow it for {steps} days"),
    ("viral-tipping", "description", "(share rate {share_rate:.1%} × fan-out {fanout})"),
    (
        "viral-tipping",
        "strategies/viral-marketing.md#worked-example",
        "{share_rate:.1%} of the people who see it take part",
    ),
    ("viral-tipping", "strategies/viral-marketing.md#worked-example", "seen by about {fanout} people instead of 60"),
    (
        "sticky-content",
        "strategies/sticky-content.md#worked-example",
        "{share_rate:.1%} of the people who see it share it",
    ),
    ("sticky-content", "strategies/sticky-content.md#worked-example", "share appears in about {fanout} feeds"),
    ("sticky-content", "exercise", "loses {decay:.0%} of its appeal a day, followed for {steps} days"),
    ("sticky-content", "description", "(decay {decay:.0%} a step"),
    (
        "earned-media",
        "description",
        "{seed_reach:,} followers see the post first and {share_rate:.1%} of viewers share it",
    ),
    (
        "earned-media",
        "strategies/earned-media.md#worked-example",
        "No money is spent: {seed_reach:,} followers see it first",
    ),
    (
        "earned-media",
        "strategies/earned-media.md#worked-example",
        "each story share to be seen by about {fanout} people",
    ),
    ("audience-vs-sharing", "description", "with a fan-out of {fanout}"),
    ("plus-15-percent", "exercise", "the goal is {target} within {days} days"),
    ("plus-15-percent", "exercise", "seeds {seed_reach:,} people in an audience of {audience:,}, {share_rate:.1%}"),
    ("plus-15-percent", "exercise", "reaches {fanout} people, {conversion_rate:.1%}"),
    (
        "plus-15-percent",
        "metrics.md#planner",
        "{share_rate:.1%} of newly reached people sharing, {fanout} people seeing each share",
    ),
    ("plus-15-percent", "exercise", "loses {decay:.0%} of its appeal per cycle"),
    ("plus-15-percent", "description", "the goal is {target} in {days} days"),
    (
        "monthly-report",
        "exercise",
        "{engagements:,} engagements, {reach:,} people reached, {impressions:,} impressions",
    ),
    ("monthly-report", "exercise", "with {actual} on day {days_elapsed} of {period_days}"),
    ("product-launch", "exercise", "market of {market:,} people, with outside influence p = {p}"),
    ("product-launch", "exercise", "q = {q} per year"),
    ("product-launch", "description", "p = {p} and word of mouth q = {q} per year"),
    ("product-launch", "fundamentals.md#worked-example", "p = {p} per year from ads and press, q = {q} per year"),
    ("referral-program", "exercise", "We look {days} days ahead"),
    ("crisis-fast-response", "exercise", "first seen by {seed_reach:,} people in an audience of {audience:,}"),
    (
        "crisis-fast-response",
        "exercise",
        "{share_rate:.0%} of new viewers share it (a viral case: anger travels, where a typical brand post is "
        "shared by under 0.6%), each share reaches {fanout} people",
    ),
    ("crisis-fast-response", "exercise", "cuts the story's sharing by {response_effectiveness:.0%}"),
    ("crisis-fast-response", "exercise", "if you answer in {response_hours} hours"),
    ("segment-budget", "exercise", "budget of {budget:,} goes to three segments"),
    ("segment-budget", "name", "Splitting {budget:,} across three segments"),
    ("launch-post", "risks/index.md#worked-example", "an audience of {audience:,}, {share_rate:.1%} of newly reached"),
    ("launch-post", "risks/index.md#worked-example", "{fanout} people seeing each share"),
    ("launch-post", "risks/index.md#worked-example", "Seeded to {seed_reach:,} followers"),
    ("earned-media", "strategies/earned-media.md#try-it", "Compare the final reach with the seed of {seed_reach:,},"),
    ("sticky-content", "strategies/sticky-content.md#try-it", "move the decay from {decay} to 0.1"),
    ("ab-test-story-ad", "exercise", "click-through is {baseline_rate:.1%} of the people it reaches"),
    ("ab-test-story-ad", "exercise", "lifts that by {min_detectable_lift:.0%} or more"),
    ("ab-test-story-ad", "exercise", "tests at α = {alpha} and power {power}"),
    ("ab-test-story-ad", "name", "click-through, {baseline_rate:.1%} to"),
    ("ab-test-story-ad", "description", "Today {baseline_rate:.1%} of the people"),
    ("ab-test-story-ad", "description", "a lift of {min_detectable_lift:.0%} or more"),
    ("ab-test-story-ad", "craft/experiments.md#worked-example", "rate of {baseline_rate:.1%} per person reached"),
    ("ab-test-story-ad", "craft/experiments.md#worked-example", "a lift of {min_detectable_lift:.0%} or more"),
    ("ab-test-story-ad", "craft/experiments.md#worked-example", "With α = {alpha} and power {power}"),
]
# Numbers written in words, or derived from two values, checked against the preset here.
WORDED = {
    "referral-program": (
        "Ten customers each invite ten people, one in five accepts (K = 2), and one round of "
        "invitations takes two days",
        {"seed_customers": 10, "invites": 10, "conversion_rate": 1 / 5, "cycle_days": 2},
    ),
    "crisis-fast-response": ("interest fades 5% per six-hour cycle", {"decay": 0.05, "cycle_days": 6 / 24}),
    "segment-budget": ("every slice of 10", {"budget": 10 * 100, "budget_units": 100}),
    "plus-15-percent": ("brought 400 conversions; the goal is 460", {"target": 400 * 1.15}),
}


def _flat(text: str) -> str:
    """Text with its line breaks and runs of spaces as single spaces."""
    return " ".join(text.split())


def _quoting(preset: data.Preset, where: str) -> str:
    if where in ("name", "description"):
        return getattr(preset, where)("en")
    if where == "exercise":
        return _section("en", EXERCISES, f"exercise-{preset.id}")
    page, _, anchor = where.partition("#")
    return _section("en", page, anchor)


# ASCII ids: pytest escapes "×" as \xd7 in the id, and a second pytest session in the same
# process (mutmut runs its tests that way) then cannot find the test by that id.
@pytest.mark.parametrize(
    ("preset_id", "where", "template"), QUOTED, ids=[f"{q[0]}:{q[2][:30]}".replace("×", "x") for q in QUOTED]
)
def test_texts_quote_their_preset(preset_id: str, where: str, template: str) -> None:
    preset = next(p for p in data.presets() if p.id == preset_id)
    text = _flat(_quoting(preset, where))
    quoted = template.format(**preset.values)
    assert quoted in text, f"{preset_id}: {quoted!r} not in its {where}"


@pytest.mark.parametrize("preset_id", list(WORDED))
def test_texts_quote_their_preset_in_words(preset_id: str) -> None:
    phrase, values = WORDED[preset_id]
    preset = next(p for p in data.presets() if p.id == preset_id)
    assert phrase in _flat(_quoting(preset, "exercise"))
    assert {k: preset.values[k] for k in values} == pytest.approx(values)


# --- Persian texts are Persian -----------------------------------------------------------

# Latin letters and digits a Persian text may keep: formula and model symbols and names
# that have no Persian form. Anything else with a Latin digit is an English number.
LATIN_DIGIT_TOKENS = {"R0", "B2B"}
_LITERAL = re.compile(
    r"`[^`]*`"  # code (`utm_source`, `make run`)
    r"|\{\w+\}"  # a placeholder filled in at run time ({value})
    r"|\([A-Za-z][A-Za-z0-9 /\-]*\)"  # the English term in brackets after its Persian one
)
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")


def persian_problems(text: str) -> list[str]:
    """Why ``text`` does not read as Persian: [] when it does.

    Mostly Arabic-script letters (literals aside), Persian digits (۰–۹) except inside the
    allowed tokens, and the Persian comma, semicolon and question mark (، ؛ ؟).
    """
    problems = []
    prose = _LITERAL.sub(" ", text)
    letters = [c for c in prose if c.isalpha()]
    persian = [c for c in letters if _ARABIC_SCRIPT.match(c)]
    if letters and len(persian) < 0.5 * len(letters):
        problems.append(f"only {len(persian)} of {len(letters)} letters are Persian")
    for token in re.findall(r"[A-Za-z0-9_]*[0-9][A-Za-z0-9_]*", prose):
        if token not in LATIN_DIGIT_TOKENS:
            problems.append(f"Latin digits in {token!r} (write ۰–۹)")
    for mark, persian_mark in ((",", "،"), (";", "؛"), ("?", "؟")):
        if mark in prose:
            problems.append(f"ASCII {mark!r} (write {persian_mark})")
    return problems


def not_persian(texts: list[tuple[str, str]]) -> dict[str, tuple[str, list[str]]]:
    """The texts of ``(where, text)`` pairs that fail :func:`persian_problems`, and why."""
    return {where: (text, problems) for where, text in texts if (problems := persian_problems(text))}


def _persian_texts(node: object, where: str) -> list[tuple[str, str]]:
    """Every Persian text of a parsed data file: ``fa`` fields and ``*_fa`` text fields.

    ``match_fa`` lists are left out: they are the words a glossary tooltip looks for in
    Persian pages, which may be an English term used as is (``K-factor``).
    """
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str) and (key == "fa" or str(key).endswith("_fa")):
                found.append((f"{where}.{key}", value))
            else:
                found += _persian_texts(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _persian_texts(value, f"{where}[{index}]")
    return found


DATA_FILES = sorted(data.DATA_DIR.glob("*.yml"))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_persian_data_texts_are_persian(path: Path) -> None:
    texts = _persian_texts(data.read_yaml(path), path.stem)
    # Examples and the defaults' basis carry only the reasons of their viral cases and house assumptions.
    assert len(texts) >= {"examples.yml": 5, "defaults.yml": 2}.get(path.name, 10)
    assert not_persian(texts) == {}


def _param_texts(spec: Param) -> list[tuple[str, str]]:
    texts = [("label_fa", spec.label_fa), ("help_fa", spec.help_fa), ("unit_fa", spec.unit_fa)]
    texts += [(f"choice {choice}", fa) for choice, (_, fa) in spec.choice_labels.items()]
    return [(f"{spec.name}.{field}", text) for field, text in texts if text]


def test_persian_parameter_texts_are_persian() -> None:
    specs = list(declared_params().values())
    texts = [item for spec in specs for item in _param_texts(spec)]
    assert len(texts) >= 2 * len(specs)  # a label and a help text each, at least
    assert not_persian(texts) == {}
    for spec in specs:  # a Persian unit wherever there is an English one shown
        assert bool(spec.unit_fa) == bool(spec.unit), spec.name


def test_persian_quantity_labels_are_persian() -> None:
    texts = [(f"{q.name}.{f}", getattr(q, f)) for q in QUANTITIES.values() for f in ("label_fa", "unit_fa")]
    assert not_persian([(where, text) for where, text in texts if text]) == {}


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("نرخ اشتراک‌گذاری", True),
        ("Share rate", False),  # the English label in a Persian field
        ("۲۴۰.", True),
        ("240.", False),
        ("نرخ تقویت (Amplification rate)", True),
        ("Amplification rate", False),
        ("R0 = ۰٫۴ و کمتر از ۱ است", True),
        ("R0 = 0.4 و کمتر از ۱ است", False),
        ("{correct} از {total} درست", True),
        ("{correct} of {total} correct", False),
        ("چه می‌کنید؟", True),
        ("چه می‌کنید?", False),
        ("الف، ب؛ ج", True),
        ("الف, ب; ج", False),
        ("پیوندها را با `utm_source` برچسب بزنید", True),
    ],
)
def test_the_persian_rule_tells_persian_from_english(text: str, ok: bool) -> None:
    assert (persian_problems(text) == []) is ok
