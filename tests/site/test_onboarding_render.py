"""The self-check, the learning path, the print pack and the search helpers, rendered
directly from a small data set written here: exact HTML and Markdown in both languages."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator import data
from simulator.site import pack, quiz, search
from simulator.site.markers import MarkerError, PageContext

QUESTIONS = """
- id: crm-a
  chapter: strategies/crm.md
  question:
    en: Which list is yours?
    fa: کدام فهرست مال شماست؟
  options:
    - {en: The CRM list, fa: فهرست CRM}
    - {en: A rented list, fa: فهرست اجاره‌ای}
    - {en: Both <lists> & more, fa: هر دو}
  correct: 0
  explanation:
    en: You own it & keep it.
    fa: مال شماست و نگهش می‌دارید.
- id: m-a
  chapter: metrics.md
  question:
    en: Which rate?
    fa: کدام نرخ؟
  options:
    - {en: One, fa: یک}
    - {en: Two, fa: دو}
    - {en: Three, fa: سه}
  correct: 1
  explanation:
    en: Two.
    fa: دو.
- id: crm-b
  chapter: strategies/crm.md
  question:
    en: Who opts in?
    fa: چه کسی رضایت می‌دهد؟
  options:
    - {en: Nobody, fa: هیچ‌کس}
    - {en: Some, fa: برخی}
    - {en: The subscriber, fa: مشترک}
  correct: 2
  explanation:
    en: Consent is theirs.
    fa: رضایت با خودشان است.
"""

PATH = """
- id: fundamentals.md
  title: {en: Basics, fa: مبانی}
  minutes: 45
  outcome: {en: explain reach | impressions, fa: دسترسی و نمایش را توضیح دهید}
- id: strategies/crm.md
  title: {en: CRM, fa: مدیریت ارتباط با مشتری}
  minutes: 60
  outcome: {en: keep customers, fa: مشتریان را نگه دارید}
- id: metrics.md
  title: {en: Metrics, fa: شاخص‌ها}
  minutes: 90
  outcome: {en: pick a metric, fa: شاخصی انتخاب کنید}
"""


@pytest.fixture(autouse=True)
def small_data(data_copy: Callable[[dict[str, str]], Path]) -> None:
    data_copy({"questions.yml": QUESTIONS, "onboarding.yml": PATH})


def ctx(lang: str, page: str) -> PageContext:
    root = "../" * page.count("/")
    return PageContext(lang, f"docs/{lang}/{page}", root, "../" + root, "http://localhost:8501")  # type: ignore[arg-type]


def texts(lang: str, keys: dict[str, str]) -> str:
    """``data-text-*`` attributes: the scripts' texts, from ui.yml."""
    return "".join(f' data-text-{name}="{html.escape(data.ui()[key](lang))}"' for name, key in keys.items())


QUIZ_TEXTS = {
    "correct": "quiz.correct",
    "wrong": "quiz.wrong",
    "choose": "quiz.choose",
    "score": "quiz.score",
    "complete": "quiz.complete",
    "previous": "quiz.previous",
}


def option(question: str, index: int, letter: str, text: str) -> str:
    return (
        f'<li><label class="smm-quiz__option"><input type="radio" name="smm-q-{question}" value="{index}"> '
        f'<span class="smm-quiz__letter">{letter}</span> <span>{text}</span></label></li>'
    )


def question(qid: str, correct: int, legend: str, options: str, check: str, answer: str, explanation: str) -> str:
    return (
        f'<fieldset class="smm-quiz__question" data-question="{qid}" data-correct="{correct}">'
        f'<legend><span class="smm-quiz__number">{legend}</legend><ol class="smm-quiz__options">{options}</ol>'
        f'<p class="smm-quiz__actions"><button type="button" class="md-button smm-quiz__check" hidden>{check}'
        '</button></p><p class="smm-quiz__feedback" aria-live="polite" tabindex="-1"></p>'
        f'<details class="smm-quiz__answer"><summary>{answer}<p>{explanation}</p></details></fieldset>'
    )


PERSIAN_QUIZ = (
    f'\n\n<div class="smm-quiz" data-chapter="strategies/crm.md" data-lang="fa" data-total="2"{texts("fa", QUIZ_TEXTS)}>'
    '<p class="smm-quiz__intro">با ۲ پرسش خودتان را بسنجید. گزینه‌ای را انتخاب کنید، بررسی‌اش کنید و دلیلش را'
    " بخوانید؛ هر پاسخ توضیح خودش را دارد.</p>"
    + question(
        "crm-a",
        0,
        "۱.</span> کدام فهرست مال شماست؟",
        option("crm-a", 0, "الف", "فهرست CRM")
        + option("crm-a", 1, "ب", "فهرست اجاره‌ای")
        + option("crm-a", 2, "ج", "هر دو"),
        "بررسی",
        "پاسخ و توضیح</summary><p><strong>پاسخ:</strong> الف. فهرست CRM</p>",
        "مال شماست و نگهش می‌دارید.",
    )
    + question(
        "crm-b",
        2,
        "۲.</span> چه کسی رضایت می‌دهد؟",
        option("crm-b", 0, "الف", "هیچ‌کس") + option("crm-b", 1, "ب", "برخی") + option("crm-b", 2, "ج", "مشترک"),
        "بررسی",
        "پاسخ و توضیح</summary><p><strong>پاسخ:</strong> ج. مشترک</p>",
        "رضایت با خودشان است.",
    )
    + '<p class="smm-quiz__score" role="status" aria-live="polite" hidden></p>'
    '<p class="smm-quiz__controls"><button type="button" class="md-button smm-quiz__reset" hidden>از نو شروع کنید'
    "</button></p></div>\n\n"
    '<p class="smm-done" data-chapter="strategies/crm.md" data-text-todo="این فصل را تمام کردم"'
    ' data-text-done="این فصل تمام شده ✓ (برای لغو دوباره بزنید)">'
    '<button type="button" class="md-button md-button--primary smm-done__toggle" aria-pressed="false" hidden>'
    "این فصل را تمام کردم</button></p>\n\n"
)


def test_persian_self_check() -> None:
    assert quiz.quiz_html("strategies/crm.md", "fa") == PERSIAN_QUIZ


def test_english_self_check() -> None:
    found = quiz.quiz_html("strategies/crm.md", "en")
    assert found.startswith(
        f'\n\n<div class="smm-quiz" data-chapter="strategies/crm.md" data-lang="en" data-total="2"'
        f'{texts("en", QUIZ_TEXTS)}><p class="smm-quiz__intro">Check yourself with 2 questions. '
    )
    assert '<legend><span class="smm-quiz__number">1.</span> Which list is yours?</legend>' in found
    assert option("crm-a", 2, "C", "Both &lt;lists&gt; &amp; more") in found
    assert "<p><strong>Answer:</strong> A. The CRM list</p><p>You own it &amp; keep it.</p>" in found
    assert '<legend><span class="smm-quiz__number">2.</span> Who opts in?</legend>' in found
    assert "<p><strong>Answer:</strong> C. The subscriber</p>" in found
    assert found.endswith(
        '<p class="smm-done" data-chapter="strategies/crm.md" data-text-todo="Mark this chapter as done"'
        ' data-text-done="Chapter done ✓ (press again to undo)"><button type="button"'
        ' class="md-button md-button--primary smm-done__toggle" aria-pressed="false" hidden>'
        "Mark this chapter as done</button></p>\n\n"
    )
    assert "Which rate?" not in found  # another chapter's question


def test_quiz_marker_renders_its_own_chapter() -> None:
    assert quiz.quiz(ctx("fa", "strategies/crm.md"), {"chapter": "strategies/crm.md"}) == PERSIAN_QUIZ
    top = quiz.quiz(ctx("en", "metrics.md"), {"chapter": "metrics.md"})
    assert '<legend><span class="smm-quiz__number">1.</span> Which rate?</legend>' in top


@pytest.mark.parametrize(
    ("page", "args", "problem"),
    [
        ("metrics.md", {}, "missing argument(s): chapter"),
        ("metrics.md", {"chapter": "metrics.md", "x": "1"}, "unknown argument(s): x"),
        (
            "metrics.md",
            {"chapter": "strategies/crm.md"},
            "chapter='strategies/crm.md' does not match this page ('metrics.md'); a self-check belongs on its chapter",
        ),
        (
            "fundamentals.md",
            {"chapter": "fundamentals.md"},
            "chapter='fundamentals.md' has no questions in playbook_data/questions.yml",
        ),
    ],
)
def test_a_bad_quiz_marker_is_named(page: str, args: dict[str, str], problem: str) -> None:
    with pytest.raises(MarkerError) as caught:
        quiz.quiz(ctx("en", page), dict(args))
    assert str(caught.value) == problem


@pytest.mark.parametrize(
    ("lang", "todo", "done"),
    [
        ("en", "Mark as done", "Done ✓ (press again to undo)"),
        ("fa", "انجامش دادم", "انجام شد ✓ (برای لغو دوباره بزنید)"),
    ],
    ids=["en", "fa"],
)
def test_an_exercises_done_mark_is_kept_under_page_and_heading(lang: str, todo: str, done: str) -> None:
    """The exercise labels (not the chapter's), in the page's language; both languages share the key."""
    assert quiz.done(ctx(lang, "onboarding/exercises.md"), {"item": "exercise-launch-post"}) == (
        f'\n\n<p class="smm-done" data-chapter="onboarding/exercises.md#exercise-launch-post" data-text-todo="{todo}"'
        f' data-text-done="{done}"><button type="button"'
        ' class="md-button md-button--primary smm-done__toggle" aria-pressed="false" hidden>'
        f"{todo}</button></p>\n\n"
    )


def test_a_page_outside_docs_is_its_own_chapter() -> None:
    outside = PageContext("en", "metrics.md", "", "", "")
    assert quiz.quiz(outside, {"chapter": "metrics.md"}) == quiz.quiz_html("metrics.md", "en")


PATH_TEXTS = {
    "summary": "onboarding.summary",
    "next": "onboarding.next",
    "finished": "onboarding.finished",
    "score": "onboarding.score",
}


def done(chapter: str, label: str) -> str:
    return f'<input type="checkbox" class="smm-path__done" data-chapter="{chapter}" aria-label="{label}" disabled>'


def questions(chapter: str, text: str) -> str:
    return f'<span class="smm-path__quiz" data-chapter="{chapter}">{text}</span>'


LEARNING_PATH = {
    "en": (
        "3 steps, about 3 h 15 min in all: reading, the worked example and the self-check of each chapter.",
        [
            "| Step | Chapter | Time | Afterwards you can | Self-check | Done |",
            "| --- | --- | --- | --- | --- | --- |",
            "| 1 | [Basics](../fundamentals.md) | 45 min | explain reach \\| impressions | — | "
            + done("fundamentals.md", "Mark “Basics” as done")
            + " |",
            f"| 2 | [CRM](../strategies/crm.md) | 1 h | keep customers | {questions('strategies/crm.md', '2 questions')}"
            f" | {done('strategies/crm.md', 'Mark “CRM” as done')} |",
            f"| 3 | [Metrics](../metrics.md) | 1 h 30 min | pick a metric | {questions('metrics.md', '1 questions')}"
            f" | {done('metrics.md', 'Mark “Metrics” as done')} |",
        ],
        "Clear my progress",
    ),
    "fa": (
        "۳ گام، روی هم حدود ۳ ساعت و ۱۵ دقیقه: خواندن، مثال عددی و خودسنجی هر فصل.",
        [
            "| گام | فصل | زمان | پس از آن می‌توانید | خودسنجی | تمام‌شده |",
            "| --- | --- | --- | --- | --- | --- |",
            "| ۱ | [مبانی](../fundamentals.md) | ۴۵ دقیقه | دسترسی و نمایش را توضیح دهید | — | "
            + done("fundamentals.md", "«مبانی» را تمام کردم")
            + " |",
            "| ۲ | [مدیریت ارتباط با مشتری](../strategies/crm.md) | ۱ ساعت | مشتریان را نگه دارید | "
            + questions("strategies/crm.md", "۲ پرسش")
            + " | "
            + done("strategies/crm.md", "«مدیریت ارتباط با مشتری» را تمام کردم")
            + " |",
            f"| ۳ | [شاخص‌ها](../metrics.md) | ۱ ساعت و ۳۰ دقیقه | شاخصی انتخاب کنید | {questions('metrics.md', '۱ پرسش')}"
            f" | {done('metrics.md', '«شاخص‌ها» را تمام کردم')} |",
        ],
        "پاک کردن پیشرفت من",
    ),
}


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_learning_path_table(lang: str) -> None:
    total, rows, reset = LEARNING_PATH[lang]
    expected = (
        f'\n\n<div class="smm-path" data-lang="{lang}" data-total="3" data-quizzes="2"{texts(lang, PATH_TEXTS)}'
        f" markdown>\n\n{total}\n\n"
        '<p class="smm-path__summary" role="status" aria-live="polite" hidden></p>\n'
        '<p class="smm-path__next" hidden></p>\n\n' + "\n".join(rows) + "\n\n"
        f'<p class="smm-path__controls"><button type="button" class="md-button smm-path__reset" hidden>{reset}'
        "</button></p>\n\n</div>\n\n"
    )
    assert quiz.learning_path_marker(ctx(lang, "onboarding/index.md"), {}) == expected


def test_learning_path_marker_takes_no_arguments() -> None:
    with pytest.raises(MarkerError, match=r"^unknown argument\(s\): a, b$"):
        quiz.learning_path_marker(ctx("en", "onboarding/index.md"), {"b": "1", "a": "2"})


def test_option_letters_of_each_language() -> None:
    # Persian quizzes letter their options with the alphabet's names: الف، ب، ج، د، ه
    assert [quiz._option_letter(i, "fa") for i in range(5)] == ["الف", "ب", "ج", "د", "ه"]
    assert [quiz._option_letter(i, "en") for i in range(5)] == ["A", "B", "C", "D", "E"]


@pytest.mark.parametrize(
    ("minutes", "en", "fa"),
    [
        (1, "1 min", "۱ دقیقه"),
        (59, "59 min", "۵۹ دقیقه"),
        (60, "1 h", "۱ ساعت"),
        (120, "2 h", "۲ ساعت"),
        (125, "2 h 5 min", "۲ ساعت و ۵ دقیقه"),
        (600, "10 h", "۱۰ ساعت"),
    ],
)
def test_reading_times(minutes: int, en: str, fa: str) -> None:
    assert (quiz._minutes_text(minutes, "en"), quiz._minutes_text(minutes, "fa")) == (en, fa)


# --- the print pack ---------------------------------------------------------------------------


def test_print_pack_marker_is_a_placeholder_for_its_language() -> None:
    assert pack.print_pack(ctx("fa", "onboarding/print.md"), {}) == (
        '\n\n<div class="smm-pack" data-pack="fa"></div>\n\n'
    )
    with pytest.raises(MarkerError, match=r"^unknown argument\(s\): x$"):
        pack.print_pack(ctx("fa", "onboarding/print.md"), {"x": "1"})


def test_pack_is_contents_then_one_section_per_page() -> None:
    pages = [
        pack.PackPage("index.md", "fa/", "خانه", "<p>a</p>"),
        pack.PackPage("strategies/crm.md", "fa/strategies/crm/", 'CRM & "more"', "<p>b</p>"),
    ]
    assert pack.assemble(pages, "fa/onboarding/print/", "فهرست مطالب") == (
        '<div class="smm-pack">\n<nav class="smm-pack__contents" aria-label="فهرست مطالب"><h2>فهرست مطالب</h2><ol>'
        '<li><a href="#pack-home">خانه</a></li><li><a href="#pack-strategies-crm">CRM &amp; &quot;more&quot;</a></li>'
        '</ol></nav>\n<section class="smm-pack__chapter" id="pack-home" data-page="index.md">\n<p>a</p>\n</section>\n'
        '<section class="smm-pack__chapter" id="pack-strategies-crm" data-page="strategies/crm.md">\n<p>b</p>\n'
        "</section>\n</div>"
    )


@pytest.mark.parametrize(
    ("href", "rebased"),
    [
        ("", ""),
        ("#", "#"),
        ("#top", "#pack-metrics--top"),
        ("mailto:a@b.c", "mailto:a@b.c"),
        ("//cdn.example/x.js", "//cdn.example/x.js"),
        ("https://example.com/a?b=1&c=2", "https://example.com/a?b=1&amp;c=2"),
        ("../strategies/crm/", "#pack-strategies-crm"),
        ("../strategies/crm/#k", "#pack-strategies-crm--k"),
        ("/fa/strategies/crm/", "#pack-strategies-crm"),  # a site-absolute link to a chapter
        ("../strategies/crm/?x=1", "../../strategies/crm/?x=1"),  # with a query it is not the chapter
        ("../assets/a.png", "../../assets/a.png"),
        ("../glossary/#reach", "../../glossary/#reach"),
        ('../q/?a="b"', "../../q/?a=&quot;b&quot;"),
    ],
)
def test_links_are_rebased_from_the_chapter_to_the_pack(href: str, rebased: str) -> None:
    pages = [
        pack.PackPage("metrics.md", "fa/metrics/", "M", f'<a href="{html.escape(href)}">x</a>'),
        pack.PackPage("strategies/crm.md", "fa/strategies/crm/", "C", ""),
    ]
    out = pack.assemble(pages, "fa/onboarding/print/", "T")
    assert f'<a href="{rebased}">x</a>' in out


def test_svg_references_to_an_id_follow_its_new_name() -> None:
    page = pack.PackPage("metrics.md", "fa/metrics/", "M", '<rect id="g" style="fill:url(#g)" mask="url(#m)"/>')
    assert pack.assemble([page], "fa/onboarding/print/", "T").split("\n")[3] == (
        '<rect id="pack-metrics--g" style="fill:url(#pack-metrics--g)" mask="url(#pack-metrics--m)"/>'
    )


def test_fill_replaces_the_one_placeholder_and_refuses_a_page_without_one() -> None:
    placeholder = '<div class="smm-pack" data-pack="en"></div>'
    assert pack.fill(f"<main>{placeholder}</main><p>{placeholder}</p>", "P") == f"<main>P</main><p>{placeholder}</p>"
    with pytest.raises(ValueError, match=r"^the print page has no pack placeholder$"):
        pack.fill("<main></main>", "P")


# --- search -------------------------------------------------------------------------------------


def test_an_entry_of_a_language_not_built_is_dropped_and_every_language_gets_an_index() -> None:
    merged = {
        "config": {"fields": {"title": {"boost": 1}}},
        "docs": [{"location": "de/x/", "title": "X"}, {"location": "x/", "title": "Y"}],
    }
    parts = search.split_index(merged, ("en", "fa"))
    assert parts["en"]["docs"] == [{"location": "de/x/", "title": "X"}, {"location": "x/", "title": "Y"}]
    assert parts["fa"] == {
        "config": {
            "lang": ["fa"],
            "separator": search.SEARCH_SETTINGS["fa"].separator,
            "pipeline": ["trimmer", "stopWordFilter", "stemmer"],
            "fields": {"title": {"boost": 1}},
        },
        "docs": [],
    }
    # The English entry between two Persian ones is dropped; the entry after it is still kept.
    persian_docs = [{"location": "fa/x/"}, {"location": "y/"}, {"location": "fa/z/"}]
    only_persian = search.split_index({**merged, "docs": persian_docs}, ("fa",))
    assert only_persian == {
        "fa": {"config": only_persian["fa"]["config"], "docs": [{"location": "x/"}, {"location": "z/"}]}
    }


@pytest.mark.parametrize(
    ("location", "lang"), [("fa/metrics/#x", "fa"), ("fa", "fa"), ("faq/", "en"), ("", "en"), ("en/x", "en")]
)
def test_language_of_an_index_entry(location: str, lang: str) -> None:
    assert search.lang_of_location(location, ("en", "fa")) == lang


def test_rebase_escapes_like_jinja_and_leaves_a_page_without_config() -> None:
    page = '<script id="__config" type="application/json">{"base": "..", "t": "<a&b>"}</script><p>x</p>'
    assert search.rebase_page(page, "fa/metrics/", "fa") == (
        '<script id="__config" type="application/json">{"base": "../", "t": "\\u003ca\\u0026b\\u003e"}</script><p>x</p>'
    )
    bare = "<p>no config</p>"
    assert search.rebase_page(bare, "fa/", "fa") == bare


def test_each_language_index_has_its_own_path_and_english_pages_keep_the_root_base() -> None:
    assert (search.index_path("en"), search.index_path("fa")) == (
        "search/search_index.json",
        "fa/search/search_index.json",
    )
    page = '<script id="__config" type="application/json">{"base": ".."}</script>'
    assert search.rebase_page(page, "metrics/", "en") == page


@pytest.mark.parametrize(
    ("page_url", "base"), [("fa/metrics/", "../"), ("fa/strategies/crm/", "../../"), ("fa/", "./"), ("fa", "fa/")]
)
def test_rebase_points_a_persian_page_at_the_persian_root(page_url: str, base: str) -> None:
    """Relative to the page's folder: ``fa`` (no slash) sits in the site root, so ``fa/`` is below it."""
    page = '<script id="__config" type="application/json">{"base": ".."}</script>'
    assert (
        search.rebase_page(page, page_url, "fa")
        == f'<script id="__config" type="application/json">{{"base": "{base}"}}</script>'
    )
