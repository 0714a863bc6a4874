"""The input benchmarks (``playbook_data/benchmarks.yml``) and the basis that every preset,
worked example, value marker and figure declares for its inputs.

The ranges, the positions and each scenario's basis are written out here by hand, so a
range or a basis changed in the data without this table fails here; the checks that refuse
a value outside its basis are exercised on inputs built here, with the messages a writer sees.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from simulator import data, figures
from simulator.data import DataError
from simulator.site.markers import MarkerError, PageContext, markers_in
from simulator.site.renderers import benchmark_item, benchmarks, value_inputs

DOCS = Path(__file__).resolve().parent.parent / "docs"

# id: (parameter, pages, low, high, exceptional, time unit)
BENCHMARKS: dict[str, tuple[str, tuple[str, ...], float, float, float, str]] = {
    "share-rate-per-reach": (
        "share_rate",
        ("share", "goal", "sweep", "crisis", "network", "metrics"),
        0.0005,
        0.006,
        0.02,
        "",
    ),
    "fanout-feed": ("fanout", ("share", "goal", "sweep", "crisis"), 30, 100, 300, ""),
    "fanout-private": ("fanout", ("share", "goal", "sweep", "crisis"), 1, 5, 20, ""),
    "fanout-mixed": ("fanout", ("share", "goal", "sweep", "crisis"), 3, 30, 100, ""),
    "conversion-per-reach": ("conversion_rate", ("share", "goal", "sweep"), 0.0001, 0.002, 0.01, ""),
    "conversion-social-visit": ("conversion_rate", ("metrics",), 0.005, 0.03, 0.05, ""),
    "invite-acceptance": ("conversion_rate", ("referral",), 0.02, 0.15, 0.3, ""),
    "engagement-rate-reach-instagram": ("engagement_rate_reach", ("metrics",), 0.01, 0.06, 0.1, ""),
    "engagement-rate-reach-facebook": ("engagement_rate_reach", ("metrics",), 0.005, 0.03, 0.06, ""),
    "engagement-rate-followers-instagram": ("engagement_rate_followers", ("metrics",), 0.002, 0.015, 0.025, ""),
    "engagement-rate-followers-facebook": ("engagement_rate_followers", ("metrics",), 0.0003, 0.002, 0.003, ""),
    "engagement-rate-followers-tiktok": ("engagement_rate_followers", ("metrics",), 0.013, 0.08, 0.13, ""),
    "engagement-rate-followers-x": ("engagement_rate_followers", ("metrics",), 0.00017, 0.001, 0.0018, ""),
    "bass-p-durables": ("p", ("bass",), 0.001, 0.06, 0.09, "year"),
    "bass-q-durables": ("q", ("bass",), 0.1, 0.6, 0.8, "year"),
}


def test_benchmarks_match_the_written_table() -> None:
    found = {b.id: (b.parameter, b.pages, b.low, b.high, b.exceptional, b.time_unit) for b in data.benchmarks()}
    assert found == BENCHMARKS


def test_every_benchmark_is_sourced_or_a_house_assumption_with_its_reason() -> None:
    for b in data.benchmarks():
        assert b.sources or b.house_assumption is not None, b.id
        for source in b.sources:
            assert source.author, b.id
            assert source.title, b.id
            assert 1960 <= source.year <= 2026, b.id
        for text in (b.note, b.platform, b.unit, *([b.house_assumption] if b.house_assumption else [])):
            assert text("en"), b.id
            assert text("fa"), b.id


@pytest.mark.parametrize(
    ("benchmark_id", "value", "time_unit", "position"),
    [
        ("share-rate-per-reach", 0.0004, "", "below"),
        ("share-rate-per-reach", 0.0005, "", "typical"),
        ("share-rate-per-reach", 260 / 120_000, "", "typical"),  # the playbook's example month
        ("share-rate-per-reach", 0.006, "", "typical"),
        ("share-rate-per-reach", 0.0061, "", "high"),
        ("share-rate-per-reach", 0.0199, "", "high"),
        ("share-rate-per-reach", 0.02, "", "exceptional"),
        ("share-rate-per-reach", 0.12, "", "exceptional"),  # the old tipping preset
        ("fanout-feed", 80, "", "typical"),
        ("fanout-feed", 10, "", "below"),
        ("bass-q-durables", 0.38, "year", "typical"),
        ("bass-q-durables", 0.38 / 52, "week", "typical"),  # the same rate, per week
        ("bass-q-durables", 0.38, "week", "exceptional"),  # a yearly average read as weekly
        ("bass-p-durables", 0.03 / 12, "month", "typical"),
        ("bass-p-durables", 0.0005, "year", "below"),
    ],
)
def test_where_a_value_sits(benchmark_id: str, value: float, time_unit: str, position: str) -> None:
    assert data.benchmark(benchmark_id).position(value, time_unit) == position


@pytest.mark.parametrize(
    ("parameter", "page", "ids"),
    [
        ("share_rate", "share", ["share-rate-per-reach"]),
        ("response_share_rate", "crisis", ["share-rate-per-reach"]),
        ("share_rate_max", "sweep", ["share-rate-per-reach"]),
        ("fanout", "goal", ["fanout-feed", "fanout-private", "fanout-mixed"]),
        ("conversion_rate", "share", ["conversion-per-reach"]),
        ("conversion_rate", "referral", ["invite-acceptance"]),
        ("conversion_rate", "metrics", ["conversion-social-visit"]),
        ("p", "bass", ["bass-p-durables"]),
        ("audience", "share", []),
        ("fanout", "referral", []),
    ],
)
def test_benchmarks_of_a_parameter_on_a_page(parameter: str, page: str, ids: list[str]) -> None:
    assert [b.id for b in data.benchmarks_for(parameter, page)] == ids


# --- the basis of every preset and worked example ------------------------------------------

B, V, H = "benchmark", "viral case", "house assumption"
TYPICAL_POST = {"share_rate": (B, "share-rate-per-reach"), "conversion_rate": (B, "conversion-per-reach")}
BUILT_TO_SPREAD = {"share_rate": (V, "share-rate-per-reach"), "fanout": (B, "fanout-feed")}
BASIS: dict[str, dict[str, tuple[str, str]]] = {
    "launch-post": {**TYPICAL_POST, "fanout": (B, "fanout-mixed")},
    "viral-tipping": {**BUILT_TO_SPREAD, "conversion_rate": (B, "conversion-per-reach")},
    "sticky-content": {**BUILT_TO_SPREAD, "conversion_rate": (B, "conversion-per-reach")},
    "earned-media": {**TYPICAL_POST, "fanout": (B, "fanout-feed")},
    "audience-vs-sharing": {
        "share_rate_min": (B, "share-rate-per-reach"),
        "share_rate_max": (V, "share-rate-per-reach"),
        "fanout": (B, "fanout-feed"),
        "conversion_rate": (B, "conversion-per-reach"),
    },
    "plus-15-percent": {**TYPICAL_POST, "fanout": (B, "fanout-feed")},
    "monthly-report": {
        "engagement_rate_reach": (B, "engagement-rate-reach-instagram"),
        "share_rate": (B, "share-rate-per-reach"),
        "conversion_rate": (B, "conversion-social-visit"),
    },
    "product-launch": {"p": (B, "bass-p-durables"), "q": (B, "bass-q-durables")},
    "referral-program": {"conversion_rate": (V, "invite-acceptance")},
    "crisis-fast-response": {
        **BUILT_TO_SPREAD,
        "response_share_rate": (B, "share-rate-per-reach"),
        "response_fanout": (B, "fanout-feed"),
    },
    "segment-budget": {},
    "ab-test-story-ad": {},
    "coffee-audit": {
        "engagement_rate_reach": (B, "engagement-rate-reach-instagram"),
        "share_rate": (B, "share-rate-per-reach"),
        "conversion_rate": (B, "conversion-social-visit"),
    },
    "creators-macro": {**TYPICAL_POST, "fanout": (B, "fanout-mixed")},
    "creators-micro": {**TYPICAL_POST, "fanout": (B, "fanout-mixed")},
    "segment-broad-interest": {"share_rate": (H, ""), "fanout": (B, "fanout-mixed"), "conversion_rate": (H, "")},
    "referral-slow": {"conversion_rate": (B, "invite-acceptance")},
    "referral-below-one": {"conversion_rate": (B, "invite-acceptance")},
    "check-geometric": {"share_rate": (B, "share-rate-per-reach"), "fanout": (B, "fanout-feed")},
    "check-final-size": BUILT_TO_SPREAD,
    "check-tipping": BUILT_TO_SPREAD,
    "check-referral-below-one": {"conversion_rate": (B, "invite-acceptance")},
    "check-goal-geometric": {**TYPICAL_POST, "fanout": (B, "fanout-feed")},
    "audience-typical-post": {**TYPICAL_POST, "fanout": (B, "fanout-feed")},
    "audience-viral-post": {**BUILT_TO_SPREAD, "conversion_rate": (B, "conversion-per-reach")},
}


def _scenarios() -> list[Any]:
    return [*data.presets(), *data.examples()]


def _parsed(scenario: Any) -> dict[str, data.Basis]:
    where = data.DATA_DIR / ("presets.yml" if isinstance(scenario, data.Preset) else "examples.yml")
    return data.check_basis(scenario.values, scenario.basis, scenario.page, scenario.period, where, scenario.id)


def test_every_preset_and_example_declares_the_written_basis() -> None:
    found = {s.id: {k: (b.kind, b.benchmark) for k, b in _parsed(s).items()} for s in _scenarios()}
    assert found == BASIS


def test_viral_cases_and_house_assumptions_say_why_in_both_languages() -> None:
    for s in _scenarios():
        for name, basis in _parsed(s).items():
            if basis.kind != "benchmark":
                assert basis.reason is not None, (s.id, name)
                assert basis.reason("en"), (s.id, name)
                assert basis.reason("fa"), (s.id, name)


def test_the_bass_preset_states_its_time_unit() -> None:
    assert data.scenario("product-launch").period == "year"


def test_a_typical_post_sits_far_below_the_tipping_point() -> None:
    """Every share-loop scenario whose share rate is typical has R0 = s × f below 1: only
    the scenarios declared viral cases are allowed near or past the tipping point."""
    typical = [
        s
        for s in _scenarios()
        if s.page in ("share", "goal") and _parsed(s).get("share_rate", data.Basis("house assumption")).kind == B
    ]
    assert {s.id for s in typical} >= {"launch-post", "earned-media", "plus-15-percent", "creators-micro"}
    for s in typical:
        assert s.values["share_rate"] * s.values["fanout"] < 1, s.id
    assert data.scenario("launch-post").values["share_rate"] * data.scenario("launch-post").values["fanout"] < 0.1


def test_the_action_plans_share_rate_is_part_of_its_audits_engagement() -> None:
    """The coffee roaster's post shares at the rate its own audit shows: shares are part of
    engagements, so shares per reach stays under the engagement rate by reach."""
    audit = data.scenario("coffee-audit").values
    assert (audit["shares"], audit["engagements"], audit["reach"]) == (110, 1240, 36_000)
    assert audit["shares"] / audit["reach"] < audit["engagements"] / audit["reach"]
    post = data.scenario("launch-post").values
    assert post["share_rate"] == pytest.approx(audit["shares"] / audit["reach"], rel=0.1)
    assert post["conversion_rate"] == pytest.approx(audit["conversions"] / audit["reach"], rel=0.1)


# --- a value outside its basis is refused, naming the file, the entry and the field ----------

PATH = Path("playbook_data/presets.yml")
POST = {"audience": 50_000, "seed_reach": 2_000, "share_rate": 0.003, "fanout": 8, "conversion_rate": 0.001}
POST_BASIS = {"share_rate": "share-rate-per-reach", "fanout": "fanout-mixed", "conversion_rate": "conversion-per-reach"}
WHY = {"en": "Because.", "fa": "چون."}


@pytest.mark.parametrize(
    ("values", "basis", "page", "period", "message"),
    [
        (
            {**POST, "share_rate": 0.04},
            POST_BASIS,
            "share",
            "",
            "field 'basis.share_rate': share_rate = 0.04 sits exceptional against 'share-rate-per-reach' "
            "(typical 0.0005–0.006, exceptional from 0.02); a value above the typical range is a viral case",
        ),
        (
            {**POST, "fanout": 1},
            POST_BASIS,
            "share",
            "",
            "field 'basis.fanout': fanout = 1 sits below against 'fanout-mixed' (typical 3–30, exceptional from 100)",
        ),
        (
            POST,
            {**POST_BASIS, "share_rate": "share-rate-typo"},
            "share",
            "",
            "field 'basis.share_rate': 'share-rate-typo' is not in benchmarks.yml",
        ),
        (
            POST,
            {k: v for k, v in POST_BASIS.items() if k != "fanout"},
            "share",
            "",
            "field 'basis.fanout': is missing: name a benchmark id, a viral case or a house assumption",
        ),
        (
            POST,
            {**POST_BASIS, "share_rate": {"viral case": "share-rate-per-reach", "why": WHY}},
            "share",
            "",
            "field 'basis.share_rate': share_rate = 0.003 sits typical against 'share-rate-per-reach'",
        ),
        (
            POST,
            {**POST_BASIS, "share_rate": "fanout-feed"},
            "share",
            "",
            "field 'basis.share_rate': benchmark 'fanout-feed' bounds 'fanout'",
        ),
        (
            POST,
            {**POST_BASIS, "share_rate": "conversion-per-reach"},
            "share",
            "",
            # every page the benchmark is declared for, in its order
            "field 'basis.share_rate': benchmark 'conversion-per-reach' bounds 'conversion_rate' on share, goal, sweep",
        ),
        (
            {"engagements": 1240},
            {"engagement_rate_reach": "engagement-rate-reach-instagram"},
            "metrics",
            "",
            "field 'basis.engagement_rate_reach': engagement_rate_reach cannot be computed from this scenario's values",
        ),
        (
            {"market": 100_000, "p": 0.03, "q": 0.38},
            {"p": "bass-p-durables", "q": "bass-q-durables"},
            "bass",
            "fortnight",
            "field 'period': must be one of year, quarter, month, week, day, got 'fortnight'",
        ),
        (
            POST,
            {**POST_BASIS, "conversion_rate": "invite-acceptance"},
            "share",
            "",
            "field 'basis.conversion_rate': benchmark 'invite-acceptance' bounds 'conversion_rate' on referral",
        ),
        (
            POST,
            {**POST_BASIS, "share_rate": {"house assumption": {"en": "Because."}}},
            "share",
            "",
            "field 'basis.share_rate.house assumption.fa': is missing or empty",
        ),
        (
            {"market": 100_000, "p": 0.03, "q": 0.38},
            {"p": "bass-p-durables", "q": "bass-q-durables"},
            "bass",
            "",
            "field 'period': is missing: benchmark 'bass-p-durables' is a rate per year",
        ),
        (
            {"market": 100_000, "p": 0.03, "q": 0.38},
            {"p": "bass-p-durables", "q": "bass-q-durables"},
            "bass",
            "week",
            "field 'basis.p': p = 0.03 per week sits exceptional against 'bass-p-durables'",
        ),
        (
            {"engagements": 1240, "reach": 36_000, "shares": 1440},
            {"share_rate": "share-rate-per-reach"},
            "metrics",
            "",
            "field 'basis.share_rate': share_rate = 0.04 sits exceptional",
        ),
    ],
)
def test_a_value_outside_its_basis_is_refused(
    values: dict[str, Any], basis: dict[str, Any], page: str, period: str, message: str
) -> None:
    with pytest.raises(DataError) as caught:
        data.check_basis(values, basis, page, period, PATH, "launch-post")
    assert f"playbook_data/presets.yml: entry 'launch-post': {message}" in str(caught.value)


GOOD_BENCHMARK: dict[str, Any] = {
    "id": "share-rate-test",
    "parameter": "share_rate",
    "pages": ["share"],
    "platform": {"en": "Testgram", "fa": "تست‌گرام"},
    "unit": {"en": "fraction", "fa": "کسر"},
    "low": 0.001,
    "high": 0.005,
    "exceptional": 0.02,
    "note": {"en": "N", "fa": "ن"},
    "house_assumption": {"en": "H", "fa": "ف"},
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"high": 0.0005}, "field 'exceptional': needs 0 ≤ low ≤ high ≤ exceptional, got 0.001, 0.0005, 0.02"),
        ({"house_assumption": None}, "field 'sources': are missing: name a source, or give the house assumption"),
        (
            {"time_unit": "fortnight"},
            "field 'time_unit': must be one of year, quarter, month, week, day, got 'fortnight'",
        ),
        ({"pages": ["shares"]}, "field 'pages[0]': 'shares' is not a simulator page"),
        ({"pages": []}, "field 'pages': must name at least one simulator page"),
        ({"parameter": "fan_out"}, "field 'parameter': 'fan_out' is not an input of page 'share'"),
        ({"sources": [{"author": "A", "title": "T"}]}, "field 'sources[0].year': is missing"),
    ],
)
def test_a_bad_benchmark_is_refused_naming_its_field(tmp_path: Path, change: dict[str, Any], message: str) -> None:
    entry = {k: v for k, v in {**GOOD_BENCHMARK, **change}.items() if v is not None}
    file = tmp_path / "benchmarks.yml"
    file.write_text(yaml.safe_dump([entry], allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        data.load_benchmarks(file)
    assert f"benchmarks.yml: entry 'share-rate-test': {message}" in str(caught.value)


def test_a_good_benchmark_loads(tmp_path: Path) -> None:
    file = tmp_path / "benchmarks.yml"
    file.write_text(yaml.safe_dump([GOOD_BENCHMARK], allow_unicode=True), encoding="utf-8")
    (found,) = data.load_benchmarks(file)
    assert (found.low, found.high, found.exceptional, found.position(0.003)) == (0.001, 0.005, 0.02, "typical")


# --- one benchmark as the benchmarks page lists it ----------------------------------------------

# A weekly rate with two sources and a house assumption, and a metric's range with one source:
# the list items the ``smm:benchmarks`` marker writes, in each language. Persian: the Persian
# comma, semicolon and digits (٫ for the decimal point), each English source isolated
# (U+2068 … U+2069) before its Persian comma and year.
WEEKLY_P: dict[str, Any] = {
    **GOOD_BENCHMARK,  # platform Testgram / تست‌گرام
    "id": "bass-p-test",
    "parameter": "p",
    "pages": ["bass"],
    "time_unit": "week",
    **{"low": 0.001, "high": 0.0125, "exceptional": 0.05},
    "sources": [
        {"author": "A. Author", "title": "Two rates", "year": 2019},
        {"author": "B", "title": "Weekly", "year": 2024},
    ],
    "note": {"en": "Rare above 5%.", "fa": "بالای ۵٪ کمیاب است."},
    "house_assumption": {"en": "Yearly rates divided by 52.", "fa": "نرخ سالانه تقسیم بر ۵۲."},
}
REACH_RATE: dict[str, Any] = {
    **{k: v for k, v in WEEKLY_P.items() if k not in ("time_unit", "house_assumption")},
    **{"id": "er-test", "parameter": "engagement_rate_reach", "pages": ["metrics"]},
    **{"low": 0.015, "high": 0.06, "exceptional": 0.1},
    "sources": [{"author": "C", "title": "Reach study", "year": 2022}],
    "note": {"en": "Per post.", "fa": "برای هر پست."},
}
BENCHMARK_ITEMS = [
    (
        WEEKLY_P,
        "en",
        "- **Innovation coefficient p** (Testgram, `bass-p-test`): typical 0.001 – 0.0125 per week; "
        "exceptional from 0.05 per week. Rare above 5%.\n"
        "  *Sources:* A. Author, *Two rates*, 2019; B, *Weekly*, 2024.\n"
        "  *House assumption:* Yearly rates divided by 52.",
    ),
    (
        WEEKLY_P,
        "fa",
        "- **ضریب نوآوری p** (تست\u200cگرام، `bass-p-test`): معمول ۰٫۰۰۱ – ۰٫۰۱۲۵ در هفته؛ "
        "استثنایی از ۰٫۰۵ در هفته. بالای ۵٪ کمیاب است.\n"
        "  *منابع:* \u2068A. Author, *Two rates*\u2069، ۲۰۱۹؛ \u2068B, *Weekly*\u2069، ۲۰۲۴.\n"
        "  *فرض خود راهنما:* نرخ سالانه تقسیم بر ۵۲.",
    ),
    (
        REACH_RATE,
        "en",
        "- **Engagement rate by reach** (Testgram, `er-test`): typical 1.5% – 6%; exceptional from 10%. Per post.\n"
        "  *Sources:* C, *Reach study*, 2022.",
    ),
    (
        REACH_RATE,
        "fa",
        "- **نرخ تعامل بر پایهٔ دسترسی** (تست\u200cگرام، `er-test`): معمول ۱٫۵٪ – ۶٪؛ استثنایی از ۱۰٪. برای هر پست.\n"
        "  *منابع:* \u2068C, *Reach study*\u2069، ۲۰۲۲.",
    ),
]


@pytest.mark.parametrize(
    ("entry", "lang", "item"), BENCHMARK_ITEMS, ids=["weekly-en", "weekly-fa", "metric-en", "metric-fa"]
)
def test_a_benchmark_list_item_in_each_language(tmp_path: Path, entry: dict[str, Any], lang: str, item: str) -> None:
    file = tmp_path / "benchmarks.yml"
    file.write_text(yaml.safe_dump([entry], allow_unicode=True), encoding="utf-8")
    (found,) = data.load_benchmarks(file)
    assert benchmark_item(found, lang) == item  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_benchmarks_marker_lists_every_benchmark_in_file_order(lang: str) -> None:
    page = PageContext(lang, f"docs/{lang}/metrics.md", "", "", "")  # type: ignore[arg-type]
    listed = benchmarks(page, {})
    assert listed.startswith("\n\n- **")
    assert listed.endswith(".\n\n")
    assert re.findall(r"^- \*\*[^*]+\*\* \([^`]+`([a-z0-9-]+)`\)", listed, re.M) == list(BENCHMARKS)
    with pytest.raises(MarkerError, match=re.escape("unknown argument(s): platform")):
        benchmarks(page, {"platform": "instagram"})


# --- every value marker in both languages runs a declared scenario within its basis ---------


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_every_value_marker_resolves_within_its_basis(lang: str) -> None:
    count = 0
    for page in sorted((DOCS / lang).rglob("*.md")):
        for name, args in markers_in(page.read_text(encoding="utf-8")):
            if name != "value":
                continue
            if args.get("model", "").startswith("fit-"):  # estimates from a sample file, not inputs
                continue  # a reader sets (tests/site/test_fit_values.py checks them)
            shown = args.pop("total", None) or args.pop("column", "")
            args.pop("row", None)
            value_inputs(dict(args), shown)  # raises MarkerError outside the basis
            count += 1
    assert count > 200


@pytest.mark.parametrize(
    ("args", "shown", "message"),
    [
        ({"preset": "launch-post", "share_rate": "0.04"}, "reach", "share_rate = 0.04 sits exceptional"),
        ({"preset": "viral-tipping", "share_rate": "0.003"}, "reach", "a viral case must sit above the typical range"),
        ({"model": "share", "share_rate": "0.003", "fanout": "8"}, "reach", "share_rate needs a basis"),
        (
            {"model": "metrics", "engagements": "1240", "reach": "36000"},
            "engagement_rate_reach",
            "engagement_rate_reach needs a basis",
        ),
        ({"preset": "no-such-example"}, "reach", "'no-such-example' is neither in presets.yml nor in examples.yml"),
        ({"preset": "launch-post", "shares": "3"}, "reach", "shares is not a parameter of model 'share'"),
    ],
)
def test_a_marker_outside_a_basis_fails_the_build(args: dict[str, str], shown: str, message: str) -> None:
    before = dict(args)
    with pytest.raises(MarkerError, match=message):
        value_inputs(args, shown)
    # The marker's arguments are read, not consumed: a second reading (another pass of the
    # build, or this test run twice in one process) sees the same marker.
    assert args == before


def test_a_marker_runs_its_scenario_with_its_overrides() -> None:
    model, inputs = value_inputs({"preset": "launch-post", "seed_reach": "9000"}, "reach")
    assert model == "share"
    assert inputs == {
        "audience": "50000",
        "seed_reach": "9000",
        "share_rate": "0.003",
        "fanout": "8",
        "conversion_rate": "0.001",
        "decay": "0.2",
        "steps": "30",
        "cycle_days": "1",
    }
    model, inputs = value_inputs({"preset": "plus-15-percent", "model": "share", "steps": "45"}, "conversions")
    assert (model, "lever" in inputs, inputs["steps"]) == ("share", False, "45")


# --- figures ----------------------------------------------------------------------------------


def _grid_reaches_typical(values: np.ndarray, benchmark_id: str) -> bool:
    b = data.benchmark(benchmark_id)
    return bool(values.min() <= b.high and values.max() >= b.low)


def test_figure_inputs_sit_in_their_basis() -> None:
    assert figures.FIGURE_BASIS == {
        "viral_tipping": {"share_rate": "share-rate-per-reach", "fanout": "fanout-feed"},
        "sticky_decay": {"share_rate": "viral case: share-rate-per-reach", "fanout": "fanout-feed"},
        "referral_growth": {"conversion_rate": "invite-acceptance"},
        "bass_adoption": {"p": "bass-p-durables", "q": "bass-q-durables"},
        "crisis_response": {
            "share_rate": "viral case: share-rate-per-reach",
            "fanout": "fanout-feed",
            "response_share_rate": "share-rate-per-reach",
            "response_fanout": "fanout-feed",
        },
    }
    assert _grid_reaches_typical(figures.VIRAL_RATES, "share-rate-per-reach")
    assert _grid_reaches_typical(figures.VIRAL_FANOUTS, "fanout-feed")
    assert _grid_reaches_typical(np.array(figures.REFERRAL_K) / 10, "invite-acceptance")
    assert _grid_reaches_typical(figures.BASS_Q, "bass-q-durables")
    assert data.benchmark("bass-p-durables").position(figures.BASS_P, "year") == "typical"
    share = data.benchmark("share-rate-per-reach")
    feed = data.benchmark("fanout-feed")
    assert share.position(figures.STICKY_INPUTS["share_rate"]) in ("high", "exceptional")
    assert feed.position(figures.STICKY_INPUTS["fanout"]) == "typical"
    crisis = figures.CRISIS_INPUTS
    assert share.position(crisis["share_rate"]) in ("high", "exceptional")
    assert share.position(crisis["response_share_rate"]) == "typical"
    assert feed.position(crisis["fanout"]) == feed.position(crisis["response_fanout"]) == "typical"


def test_the_figures_run_their_presets_inputs() -> None:
    sticky, crisis = data.scenario("sticky-content").values, data.scenario("crisis-fast-response").values
    assert {k: sticky[k] for k in figures.STICKY_INPUTS} == figures.STICKY_INPUTS
    assert {k: crisis[k] for k in figures.CRISIS_INPUTS} == figures.CRISIS_INPUTS
