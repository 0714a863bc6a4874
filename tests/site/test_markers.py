"""Marker parsing and the errors a writer sees: each names the page, the marker and the problem."""

from __future__ import annotations

import pytest

from simulator.site import renderers  # noqa: F401  (registers every marker)
from simulator.site.markers import RENDERERS, MarkerError, PageContext, markers_in, parse_args, render_markers

CTX = PageContext("fa", "docs/fa/faq.md", "", "../", "http://localhost:8501")

# Every marker the playbook knows, written out here: a new one must be added on purpose.
KNOWN = (
    "app, benchmarks, chart, done, faq, glossary, learning-path, metric, metric-summary, metrics, params, print-pack, quiz, "
    "strategies, try, value"
)


def test_arguments_are_words_and_quoted_texts() -> None:
    assert parse_args(' model=share  row="Existing customers" ids=a,b empty=') == {
        "model": "share",
        "row": "Existing customers",
        "ids": "a,b",
        "empty": "",
    }


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("model", "argument 'model' is not key=value"),
        ("Model=share", "argument 'Model=share' is not key=value"),
        ("row-2=1", "argument 'row-2=1' is not key=value"),
        ("model=share model=bass", "argument 'model' is given twice"),
    ],
)
def test_a_bad_argument_is_named(text: str, problem: str) -> None:
    with pytest.raises(MarkerError) as caught:
        parse_args(text)
    assert str(caught.value) == problem


def test_markers_of_a_page_in_order() -> None:
    page = "# T\n<!-- smm:value model=share total=reach -->\ntext <!--smm:glossary-->\n<!-- a comment -->"
    assert markers_in(page) == [("value", {"model": "share", "total": "reach"}), ("glossary", {})]


def test_every_known_marker_is_registered() -> None:
    assert ", ".join(sorted(RENDERERS)) == KNOWN


def test_an_unknown_marker_names_the_page_and_the_known_ones() -> None:
    with pytest.raises(MarkerError) as caught:
        render_markers("text\n<!-- smm:nonsense a=1 -->\n", CTX)
    assert (
        str(caught.value)
        == f"docs/fa/faq.md: <!-- smm:nonsense a=1 -->: unknown marker 'smm:nonsense' (known: {KNOWN})"
    )


def test_a_renderers_error_is_prefixed_with_the_page_and_the_whole_marker() -> None:
    with pytest.raises(MarkerError) as caught:
        render_markers("<!-- smm:glossary x=1 -->", CTX)
    assert str(caught.value) == "docs/fa/faq.md: <!-- smm:glossary x=1 -->: unknown argument(s): x"
    with pytest.raises(MarkerError) as caught:
        render_markers("<!-- smm:glossary x -->", CTX)
    assert str(caught.value) == "docs/fa/faq.md: <!-- smm:glossary x -->: argument 'x' is not key=value"


@pytest.mark.parametrize(
    ("page", "line", "near"),
    [
        ("one\ntwo <!-- smm:Value model=share -->\n", 2, "<!-- smm:Value model=share -->\n"),
        ("one\n\n\n<!-- smm value -->", 4, "<!-- smm value -->"),
        ("<!--smm:-->", 1, "<!--smm:-->"),
    ],
)
def test_a_malformed_marker_is_named_by_its_line(page: str, line: int, near: str) -> None:
    with pytest.raises(MarkerError) as caught:
        render_markers(page, CTX)
    assert str(caught.value) == f"docs/fa/faq.md: line {line}: malformed marker near {near!r}"


def test_a_page_without_markers_is_left_as_it_is() -> None:
    page = "# عنوان\n\n<!-- a comment -->\nمتن ۱۲۳.\n"
    assert render_markers(page, CTX) == page


def test_markers_are_replaced_in_place() -> None:
    page = 'a <!-- smm:value model=segments column=size row="Existing customers" --> b <!-- smm:print-pack --> c'
    assert render_markers(page, CTX) == 'a ۲۰٬۰۰۰ b \n\n<div class="smm-pack" data-pack="fa"></div>\n\n c'
