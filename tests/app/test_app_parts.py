"""The app's shared parts, each with the exact thing a user sees: a refused link value with
no default, inputs of optional and choice parameters, the right-to-left styles, the header
row, a later run that lost an input's state, and the shared store of network runs."""

from __future__ import annotations

import pytest
from streamlit.proto.Block_pb2 import Block
from streamlit.testing.v1 import AppTest

from simulator.app.layout import PLAYBOOK_URL
from simulator.app.runs import _Store
from tests.app.conftest import TIMEOUT, open_lab, widget
from tests.app.test_overview import MAIN


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


# The overview's links: each page's title and its icon, declared here (registry.py declares them too).
OVERVIEW = [
    ("share", "Share loop", ":material/share:"),
    ("network", None, ":material/hub:"),
    ("sweep", None, ":material/grid_on:"),
    ("goal", None, ":material/flag:"),
    ("metrics", None, ":material/calculate:"),
    ("bass", None, ":material/trending_up:"),
    ("referral", None, ":material/group_add:"),
    ("sample-size", None, ":material/science:"),
    ("crisis", None, ":material/campaign:"),
    ("segments", None, ":material/pie_chart:"),
    ("calibrate", None, ":material/tune:"),
]


def test_overview_links_each_page_with_its_icon_under_a_centred_header() -> None:
    at = AppTest.from_file(str(MAIN), default_timeout=TIMEOUT).run()
    assert not at.exception, [e.value for e in at.exception]
    links = [(link.proto.page, link.proto.icon) for link in at.get("page_link")]
    assert links == [(page, icon) for page, _, icon in OVERVIEW]
    assert at.get("page_link")[0].proto.label == OVERVIEW[0][1]
    title, switch = at.columns[:2]
    assert title.proto.vertical_alignment == switch.proto.vertical_alignment == Block.Column.CENTER


def test_headline_is_a_grid_of_four_columns() -> None:
    at = open_lab("share")
    (block,) = [h.proto.body for h in at.get("html") if 'class="smm-headline"' in h.proto.body]
    assert block.startswith('<dl class="smm-headline" style="grid-template-columns: repeat(4, minmax(0, 1fr))">')


@pytest.mark.parametrize(
    ("link", "kept"),
    [
        # a default value, an unknown key and a changed value: only the change stays; the
        # embedding keys of Streamlit stay as they are
        (
            {"share_rate": "0.002", "colour": "red", "fanout": "12", "embed": "true"},
            {"fanout": "12.0", "embed": "true"},
        ),  # fan-out is a float
        ({"lang": "fa", "steps": "60"}, {"lang": "fa"}),
    ],
)
def test_the_link_keeps_only_what_differs_from_the_defaults(link: dict[str, str], kept: dict[str, str]) -> None:
    at = open_lab("share", link)
    assert not at.exception, [e.value for e in at.exception]
    assert {key: at.query_params[key] for key in at.query_params} == {
        key: [value] if isinstance(at.query_params[key], list) else value for key, value in kept.items()
    }


@pytest.mark.parametrize(
    ("lang", "link"),
    [
        ("en", "[Read the chapter in the playbook →]({site}/strategies/viral-marketing/)"),
        ("fa", "[فصل مربوط را در راهنما بخوانید →]({site}/fa/strategies/viral-marketing/)"),
    ],
)
def test_the_intro_links_the_chapter_in_the_pages_language(lang: str, link: str) -> None:
    intro = open_lab("share", {"lang": lang}).markdown[0].value
    assert intro.endswith(" " + link.format(site=PLAYBOOK_URL))


@pytest.mark.parametrize(
    ("lang", "notice"),
    [
        (
            "en",
            "This link's values do not fit together: Seed reach = 1,000 is too large: at most Audience size = 100 "
            "people. The page opens on its starting values instead.",
        ),
        (
            "fa",
            "مقدارهای این پیوند با هم جور درنمی‌آیند: دسترسی اولیه = ۱٬۰۰۰ بیش از حد بزرگ است؛ مجاز: حداکثر اندازهٔ "
            "مخاطبان = ۱۰۰ نفر. به جای آن، صفحه با مقدارهای آغازین باز شد.",
        ),
    ],
)
def test_link_values_that_clash_are_named_in_the_pages_language(lang: str, notice: str) -> None:
    # An audience of 100 with the default seed reach of 1,000: each valid alone, not together.
    at = open_lab("share", {"audience": "100", "lang": lang})
    assert [(w.value, w.proto.icon) for w in at.warning] == [(notice, "⚠️")]
    assert widget(at, "share.audience").value == 100_000  # back to the declared default
