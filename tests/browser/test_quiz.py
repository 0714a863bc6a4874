"""Self-checks, progress and the printable pack in Chromium, on the built site with no backend.

Uses the shared fixtures of tests/browser/conftest.py: ``context`` (a fresh browser context,
so a fresh localStorage, per test; skipped with the reason printed when Chromium is missing,
a failure under CI=true) and ``site_url`` (the built site on a local static server).
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from simulator import data
from simulator.params import localize_digits
from tests.browser.conftest import WAIT_MS, open_page
from tests.support import url_of

pytestmark = pytest.mark.browser

CHAPTER = "strategies/crm.md"
LETTERS = {"en": "ABCD", "fa": ("الف", "ب", "ج", "د")}


def text(key: str, lang: str, **values: int) -> str:
    """A UI text as the page shows it: placeholders filled, digits in the page's language."""
    template = data.ui()[key](lang)
    for name, value in values.items():
        template = template.replace("{" + name + "}", localize_digits(str(value), lang))
    return template


def questions(chapter: str = CHAPTER) -> list[data.Question]:
    return [q for q in data.questions() if q.chapter == chapter]


def answer(question: object, index: int) -> None:
    question.locator(f'input[value="{index}"]').check()  # type: ignore[attr-defined]
    question.locator(".smm-quiz__check").click()  # type: ignore[attr-defined]


def stored(page: object, chapter: str) -> dict:
    raw = page.evaluate("key => localStorage.getItem(key)", f"smm.progress.{chapter}")  # type: ignore[attr-defined]
    return json.loads(raw) if raw else {}


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_answering_shows_feedback_and_the_score(context: object, site_url: str, lang: str) -> None:
    page, log = open_page(context, site_url + url_of(lang, CHAPTER))
    quiz = page.locator(".smm-quiz")  # type: ignore[attr-defined]
    asked = questions()
    total = len(asked)
    score = quiz.locator(".smm-quiz__score")
    expect(score).to_have_text(text("quiz.score", lang, correct=0, answered=0, total=total), timeout=WAIT_MS)
    items = quiz.locator(".smm-quiz__question")

    first = items.nth(0)
    first.locator(".smm-quiz__check").click()
    expect(first.locator(".smm-quiz__feedback")).to_have_text(text("quiz.choose", lang))

    answer(first, asked[0].correct)
    expect(first.locator(".smm-quiz__feedback")).to_have_text(text("quiz.correct", lang))
    expect(first.locator("details.smm-quiz__answer")).to_have_attribute("open", "")
    expect(first.locator(".smm-quiz__check")).to_be_hidden()
    expect(score).to_have_text(text("quiz.score", lang, correct=1, answered=1, total=total))

    second = items.nth(1)
    wrong = (asked[1].correct + 1) % len(asked[1].options)
    answer(second, wrong)
    letter = LETTERS[lang][asked[1].correct]
    expect(second.locator(".smm-quiz__feedback")).to_have_text(text("quiz.wrong", lang).replace("{answer}", letter))
    expect(second.locator("label.is-wrong input")).to_have_value(str(wrong))
    expect(second.locator("label.is-correct input")).to_have_value(str(asked[1].correct))
    expect(second.locator("details.smm-quiz__answer")).to_contain_text(asked[1].explanation(lang)[:40])
    expect(score).to_have_text(text("quiz.score", lang, correct=1, answered=2, total=total))
    assert stored(page, CHAPTER) == {}  # nothing is saved until every question is answered

    for i, q in enumerate(asked[2:], 2):
        answer(items.nth(i), q.correct)
    expect(score).to_have_text(text("quiz.complete", lang, correct=total - 1, total=total))
    assert stored(page, CHAPTER) == {"quiz": {"correct": total - 1, "total": total}}

    quiz.locator(".smm-quiz__reset").click()
    expect(score).to_contain_text(text("quiz.score", lang, correct=0, answered=0, total=total))
    expect(score).to_contain_text(text("quiz.previous", lang, correct=total - 1, total=total))
    expect(first.locator("input").first).to_be_enabled()
    assert log.errors == []
    assert log.external == []


def test_quiz_is_right_to_left_in_persian(context: object, site_url: str) -> None:
    page, log = open_page(context, site_url + url_of("fa", CHAPTER))
    quiz = page.locator(".smm-quiz")  # type: ignore[attr-defined]
    expect(quiz.locator(".smm-quiz__check").first).to_be_visible(timeout=WAIT_MS)
    assert quiz.evaluate("el => getComputedStyle(el).direction") == "rtl"
    first = quiz.locator(".smm-quiz__question").first
    expect(first.locator("legend")).to_have_text(f"۱. {questions()[0].question('fa')}")
    option = first.locator(".smm-quiz__option").first
    radio = option.locator("input").bounding_box()
    words = option.locator("span").last.bounding_box()
    assert radio is not None
    assert words is not None
    assert radio["x"] > words["x"]  # the radio button sits on the right, where Persian starts
    assert log.errors == []


def test_done_marks_and_scores_show_on_the_learning_path(context: object, site_url: str) -> None:
    # Done and scored in English...
    page, log = open_page(context, site_url + url_of("en", CHAPTER))
    toggle = page.locator(".smm-done__toggle")  # type: ignore[attr-defined]
    expect(toggle).to_have_text(text("quiz.mark-done", "en"), timeout=WAIT_MS)
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(toggle).to_have_text(text("quiz.marked-done", "en"))
    items = page.locator(".smm-quiz__question")  # type: ignore[attr-defined]
    for i, q in enumerate(questions()):
        answer(items.nth(i), q.correct)
    total = len(questions())
    assert stored(page, CHAPTER) == {"done": True, "quiz": {"correct": total, "total": total}}

    # ...shows on the Persian learning path: progress is shared across languages.
    path, path_log = open_page(context, site_url + url_of("fa", "onboarding/index.md"))
    box = path.locator(f'.smm-path__done[data-chapter="{CHAPTER}"]')  # type: ignore[attr-defined]
    expect(box).to_be_enabled(timeout=WAIT_MS)
    expect(box).to_be_checked()
    expect(path.locator(f'.smm-path__quiz[data-chapter="{CHAPTER}"]')).to_have_text(  # type: ignore[attr-defined]
        text("onboarding.score", "fa", correct=total, total=total)
    )
    steps = len(data.learning_path())
    quizzes = len({q.chapter for q in data.questions()})
    summary = path.locator(".smm-path__summary")  # type: ignore[attr-defined]
    expected = text("onboarding.summary", "fa", done=1, total=steps, quizzes=1, quizTotal=quizzes)
    expect(summary).to_have_text(expected)
    # The first chapter not yet done is offered next.
    expect(path.locator(".smm-path__next a")).to_have_attribute("href", "../fundamentals/")  # type: ignore[attr-defined]

    # Marking from the path page works too, and the chapter page follows.
    first = path.locator('.smm-path__done[data-chapter="fundamentals.md"]')  # type: ignore[attr-defined]
    first.check()
    expect(summary).to_have_text(text("onboarding.summary", "fa", done=2, total=steps, quizzes=1, quizTotal=quizzes))
    assert stored(path, "fundamentals.md") == {"done": True}
    box.uncheck()
    assert stored(path, CHAPTER)["done"] is False
    assert log.errors == []
    assert path_log.errors == []


def test_quiz_reads_without_javascript(browser: object, site_url: str) -> None:
    ctx = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    try:
        page = ctx.new_page()
        page.goto(site_url + url_of("en", CHAPTER))
        first = page.locator(".smm-quiz__question").first
        expect(first.locator("legend")).to_have_text(f"1. {questions()[0].question('en')}")
        expect(first.locator(".smm-quiz__check")).to_be_hidden()
        expect(page.locator(".smm-done__toggle")).to_be_hidden()
        explanation = first.locator("details.smm-quiz__answer p").last
        expect(explanation).to_be_hidden()
        first.locator("details.smm-quiz__answer summary").click()  # native <details>, no script
        expect(explanation).to_be_visible()
    finally:
        ctx.close()


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_print_pack_prints_chapters_on_their_own_pages(context: object, site_url: str, lang: str) -> None:
    page, log = open_page(context, site_url + url_of(lang, "onboarding/print.md"))
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    expect(page.locator(".md-header")).to_be_hidden()  # type: ignore[attr-defined]
    expect(page.locator(".smm-print-hint")).to_be_hidden()  # type: ignore[attr-defined]
    sections = page.locator(".smm-pack__chapter")  # type: ignore[attr-defined]
    # the chapters, the home page and 4 onboarding pages (index, plan, exercises, practice)
    assert sections.count() == len(data.learning_path()) + 5
    assert sections.nth(3).evaluate("el => getComputedStyle(el).breakBefore") == "page"
    expect(page.locator(".smm-pack .smm-chart__static svg").first).to_be_visible()  # type: ignore[attr-defined]
    expect(page.locator(".smm-pack details.smm-quiz__answer p").first).to_be_visible()  # type: ignore[attr-defined]
    direction = page.locator(".smm-pack").evaluate("el => getComputedStyle(el).direction")  # type: ignore[attr-defined]
    assert direction == ("rtl" if lang == "fa" else "ltr")
    assert log.errors == []
    assert log.external == []
