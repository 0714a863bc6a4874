"""The app's shared parts, each with the exact thing a user sees: a refused link value with
no default, inputs of optional and choice parameters, the right-to-left styles, the header
row, a later run that lost an input's state, and the shared store of network runs."""

from __future__ import annotations

import pytest
from streamlit.proto.Block_pb2 import Block
from streamlit.testing.v1 import AppTest

from simulator.app.runs import _Store
from tests.app.conftest import TIMEOUT, open_lab, widget


@pytest.mark.parametrize(
    ("lang", "notice"),
    [
        (
            "en",
            "This link sets a value that is not allowed: Market size (cap) = 'abc' is not a number: whole number 1 "
            "to 1,000,000,000 people. Using the default, —, instead.",
        ),
        (
            "fa",
            "این پیوند مقداری غیرمجاز دارد: اندازهٔ بازار (سقف) = 'abc' عدد نیست؛ مجاز: عدد صحیح از ۱ تا "
            "۱٬۰۰۰٬۰۰۰٬۰۰۰ نفر. به جای آن مقدار پیش‌فرض، یعنی —، به کار رفت.",
        ),
    ],
)
def test_a_refused_value_of_an_input_with_no_default_says_so(lang: str, notice: str) -> None:
    # The referral loop's market cap is optional: no cap unless one is given.
    at = open_lab("referral", {"audience": "abc", "lang": lang})
    assert [w.value for w in at.warning] == [notice]
    assert widget(at, "referral.audience").value is None


def test_optional_whole_numbers_show_no_decimals_and_fractions_show_two() -> None:
    at = open_lab("metrics")
    assert widget(at, "metrics.engagements").proto.format == "%d"
    assert widget(at, "metrics.days_elapsed").proto.format == "%d"
    # A lift is a fraction with a step of 0.01: two decimals (Streamlit's default), not "%d".
    assert widget(at, "metrics.target_lift").proto.format == "%0.2f"


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        (
            "en",
            [
                "Random (Erdős–Rényi)",
                "Scale-free, a few big hubs (Barabási–Albert)",
                "Small world, close circles plus shortcuts (Watts–Strogatz)",
                "Regular, everyone equally connected",
            ],
        ),
        (
            "fa",
            [
                "تصادفی (اردوش–رنی)",
                "بی‌مقیاس، با چند قطب پرمخاطب (باراباشی–آلبرت)",
                "جهان کوچک، حلقه‌های نزدیک با چند میان‌بر (واتس–استروگاتز)",
                "منظم، همه با تعداد مخاطب برابر",
            ],
        ),
    ],
)
def test_a_choice_shows_its_labels_in_the_pages_language(lang: str, labels: list[str]) -> None:
    graph = widget(open_lab("network", {"lang": lang}), "network.graph")
    assert graph.options == labels
    assert graph.value == "scale-free"  # the value stays the declared word


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_right_to_left_styles_only_on_persian_pages(lang: str) -> None:
    at = open_lab("bass", {"lang": lang})
    rtl = [h for h in at.get("html") if ".stMain, .stMainBlockContainer { direction: rtl;" in h.proto.body]
    assert len(rtl) == (1 if lang == "fa" else 0)


def test_title_and_language_switch_share_a_centred_row() -> None:
    at = open_lab("bass")
    title, switch = at.columns[:2]
    assert (title.proto.weight, switch.proto.weight) == pytest.approx((5 / 6, 1 / 6))
    assert title.proto.vertical_alignment == switch.proto.vertical_alignment == Block.Column.CENTER


def _later_run_without_one_input() -> None:
    import streamlit as st

    from simulator.app.state import label_of, seed_scenario
    from simulator.models.bass import BassParams

    seed_scenario("bass", BassParams)
    st.session_state["bass.market"] = 5
    del st.session_state["bass.q"]  # Streamlit drops the state of a widget not drawn in a run
    seed_scenario("bass", BassParams)
    st.text(repr({k: st.session_state.get(k) for k in ("bass.market", "bass.q", "None.q")}))
    st.text(f"{label_of(BassParams, 'q')} / {label_of(BassParams, 'colour')}")


def test_a_later_run_restores_only_a_lost_input_to_its_default() -> None:
    at = AppTest.from_function(_later_run_without_one_input, default_timeout=TIMEOUT).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.text] == [
        "{'bass.market': 5, 'bass.q': 0.38, 'None.q': None}",
        "Imitation coefficient q / colour",  # a name that is no input of the page is shown as it is
    ]


def test_store_runs_once_per_key_and_forgets_the_least_recently_used() -> None:
    store = _Store(size=2)
    runs: list[str] = []

    def run(key: str) -> str:
        return store.get_or_run(key, lambda: runs.append(key) or key.upper())

    assert [run("a"), run("b"), run("a")] == ["A", "B", "A"]
    assert runs == ["a", "b"]  # "a" came from the store the second time
    run("c")  # the store is full: "b" is the least recently used
    assert list(store.items) == ["a", "c"]
    run("b")
    assert runs == ["a", "b", "c", "b"]
    assert list(store.items) == ["c", "b"]
