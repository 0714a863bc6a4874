"""The onboarding track: self-check data, quizzes on the core chapters, the learning path and
the printable pack, checked in the data, in the page sources and in the real build."""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from simulator import data
from simulator.site import build, pack, search
from simulator.site import quiz as _registers_quiz_markers  # noqa: F401
from simulator.site.markers import MarkerError, PageContext, markers_in, render_markers
from tests.support import DOCS, ROOT, BuiltSite, url_of

CORE_CHAPTERS = [
    "fundamentals.md",
    "action-plan.md",
    "strategies/sticky-content.md",
    "strategies/viral-marketing.md",
    "strategies/earned-media.md",
    "strategies/segmentation.md",
    "strategies/crm.md",
    "strategies/tactics.md",
    "metrics.md",
    "risks/crisis-response.md",
]
LANGS = ("en", "fa")


def nav_pages() -> list[str]:
    """The pages of mkdocs.yml's nav, in reading order."""

    def walk(node: object) -> list[str]:
        if isinstance(node, str):
            return [node]
        if isinstance(node, list):
            return [p for item in node for p in walk(item)]
        if isinstance(node, dict):
            return [p for value in node.values() for p in walk(value)]
        return []

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return walk(config["nav"])


def chapters() -> list[str]:
    """Every chapter a new hire reads: the nav without the home page and the onboarding pages."""
    return [p for p in nav_pages() if p != "index.md" and not p.startswith("onboarding/")]


# --- the data -------------------------------------------------------------------------------


@pytest.mark.parametrize("question", data.questions(), ids=lambda q: q.id)
def test_question_has_one_correct_answer_and_explanations(question: data.Question) -> None:
    assert 3 <= len(question.options) <= 4
    assert 0 <= question.correct < len(question.options)  # exactly one correct: an index
    for lang in LANGS:
        texts = [o(lang).casefold() for o in question.options]
        assert len(set(texts)) == len(texts), f"{lang}: two options are the same"
        assert question.question(lang).strip()
        assert len(question.explanation(lang).split()) >= 25, f"{lang}: the explanation should teach"


def test_every_core_chapter_has_five_to_eight_questions() -> None:
    counts = Counter(q.chapter for q in data.questions())
    assert sorted(counts) == sorted(CORE_CHAPTERS)
    assert all(5 <= n <= 8 for n in counts.values()), counts


def test_correct_answers_are_spread_over_the_positions() -> None:
    # A reader must not learn that the answer is "usually B".
    positions = Counter(q.correct for q in data.questions())
    assert len(positions) >= 3
    assert max(positions.values()) <= 0.4 * len(data.questions())


def _with_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, file: str, edit) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "playbook_data"
    folder.mkdir()
    for source in data.DATA_DIR.glob("*.yml"):
        text = source.read_text(encoding="utf-8")
        (folder / source.name).write_text(edit(text) if source.name == file else text, encoding="utf-8")
    monkeypatch.setattr(data, "DATA_DIR", folder)
    data._cached.cache_clear()


@pytest.fixture
def fresh_cache() -> object:
    yield
    data._cached.cache_clear()


@pytest.mark.usefixtures("fresh_cache")
@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda s: s.replace('- en: "240: 40 × 3 orders × 2 years."', '- en: "120: 40 × 3 × 50% × 2 years."', 1),
            "questions.yml: entry 'crm-lifetime-value': field 'options.en': option '120: 40 × 3 × 50% × 2 years.' is given twice",
        ),
        (
            lambda s: s.replace("chapter: strategies/crm.md", "chapter: strategies/crm-old.md", 1),
            "field 'chapter': 'strategies/crm-old.md' is not a page in docs/en",
        ),
        (lambda s: s.replace("  correct: 1\n", "  correct: 7\n", 1), "field 'correct': must index one of the"),
        (
            lambda s: s.replace("- id: crm-", "- idx: crm-", 1),
            "questions.yml: entry '#",
        ),
    ],
    ids=["duplicate option", "unknown chapter", "correct out of range", "bad field"],
)
def test_broken_questions_are_rejected_naming_the_entry(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, edit, message: str
) -> None:  # type: ignore[no-untyped-def]
    _with_data(monkeypatch, tmp_path, "questions.yml", edit)
    with pytest.raises(data.DataError, match=re.escape(message)):
        build.check_onboarding(DOCS)


@pytest.mark.usefixtures("fresh_cache")
def test_a_chapter_with_too_few_questions_is_rejected(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def keep_four_metrics_questions(text: str) -> str:
        blocks = re.split(r"(?m)^(?=- id: )", text)
        metrics = [i for i, b in enumerate(blocks) if "chapter: metrics.md" in b]
        return "".join(b for i, b in enumerate(blocks) if i not in metrics[4:])

    _with_data(monkeypatch, tmp_path, "questions.yml", keep_four_metrics_questions)
    with pytest.raises(data.DataError, match=re.escape("chapter 'metrics.md' has 4 questions; give 5 to 8")):
        build.check_onboarding(DOCS)


@pytest.mark.usefixtures("fresh_cache")
def test_a_self_checked_chapter_missing_from_the_path_is_rejected(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _with_data(
        monkeypatch, tmp_path, "onboarding.yml", lambda s: re.sub(r"(?ms)^- id: metrics\.md.*?(?=^- id: )", "", s)
    )
    with pytest.raises(data.DataError, match=re.escape("chapter 'metrics.md' has a self-check but is not on the path")):
        build.check_onboarding(DOCS)


# --- the page sources -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("chapter", CORE_CHAPTERS)
def test_core_chapter_ends_with_its_self_check(lang: str, chapter: str) -> None:
    text = (DOCS / lang / chapter).read_text(encoding="utf-8")
    assert ("quiz", {"chapter": chapter}) in markers_in(text)
    headings = re.findall(r"^## .*\{#([a-z0-9-]+)\}\s*$", text, re.M)
    assert "self-check" in headings
    # The self-check comes after the chapter's content, just before the "Try it" box.
    assert headings.index("self-check") >= len(headings) - 2


def test_learning_path_follows_the_nav() -> None:
    assert [step.id for step in data.learning_path()] == chapters()


def test_home_page_links_the_track_in_both_languages() -> None:
    for lang in LANGS:
        assert "](onboarding/index.md)" in (DOCS / lang / "index.md").read_text(encoding="utf-8")


# --- the built site ---------------------------------------------------------------------------


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def _h1(page_html: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", page_html, re.S)
    assert found
    return re.sub(r"¶$", "", _text(found.group(1))).strip()


# How the built pages write numbers and option letters, declared here rather than read from the
# code that writes them.
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
LETTERS = {"en": ("A", "B", "C", "D"), "fa": ("الف", "ب", "ج", "د")}
MINUTES = {"en": ("{n} min", "{h} h", "{h} h {m} min"), "fa": ("{n} دقیقه", "{h} ساعت", "{h} ساعت و {m} دقیقه")}
QUESTIONS = {"en": "{n} questions", "fa": "{n} پرسش"}


def _digits(value: int, lang: str) -> str:
    return str(value).translate(PERSIAN_DIGITS) if lang == "fa" else str(value)


def _minutes(minutes: int, lang: str) -> str:
    hours, rest = divmod(minutes, 60)
    short, whole, mixed = MINUTES[lang]
    if not hours:
        return short.format(n=_digits(minutes, lang))
    return mixed.format(h=_digits(hours, lang), m=_digits(rest, lang)) if rest else whole.format(h=_digits(hours, lang))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("chapter", CORE_CHAPTERS)
def test_built_chapter_has_an_accessible_quiz(built_site: BuiltSite, lang: str, chapter: str) -> None:
    article = built_site.article(lang, chapter)
    questions = [q for q in data.questions() if q.chapter == chapter]
    assert questions
    block = re.search(
        rf'<div class="smm-quiz" data-chapter="{re.escape(chapter)}" data-lang="{lang}"[^>]*>(.*?)</div>', article, re.S
    )
    assert block is not None, "the chapter's own quiz, in the page's language"
    fieldsets = re.findall(
        r'<fieldset class="smm-quiz__question" data-question="([^"]+)"[^>]*>(.*?)</fieldset>', block.group(1), re.S
    )
    assert [found for found, _ in fieldsets] == [q.id for q in questions]
    for number, (q, (_, fieldset)) in enumerate(zip(questions, fieldsets, strict=True), 1):
        legend = re.search(r"<legend>(.*?)</legend>", fieldset, re.S)
        assert legend is not None
        assert _text(legend.group(1)) == f"{_digits(number, lang)}. {q.question(lang)}"
        radios = re.findall(rf'<input type="radio" name="smm-q-{re.escape(q.id)}" value="([^"]*)">', fieldset)
        assert radios == [str(i) for i in range(len(q.options))]
        options = re.findall(r'<span class="smm-quiz__letter">([^<]*)</span> <span>(.*?)</span>', fieldset, re.S)
        assert [(letter, _text(o)) for letter, o in options] == [
            (LETTERS[lang][i], o(lang)) for i, o in enumerate(q.options)
        ]
        assert 'class="smm-quiz__feedback" aria-live="polite"' in fieldset
        # Readable without JavaScript: the answer and why, in a native <details>.
        answer = re.search(r'<details class="smm-quiz__answer">(.*?)</details>', fieldset, re.S)
        assert answer is not None
        paragraphs = [_text(p) for p in re.findall(r"<p>(.*?)</p>", answer.group(1), re.S)]
        assert len(paragraphs) == 2
        assert paragraphs[0].endswith(f" {LETTERS[lang][q.correct]}. {q.options[q.correct](lang)}")
        assert paragraphs[1] == q.explanation(lang)
    assert '<p class="smm-quiz__score" role="status" aria-live="polite"' in block.group(1)
    assert f'<p class="smm-done" data-chapter="{chapter}"' in article
    page = built_site.html(lang, chapter)
    assert "assets/javascripts/quiz.js" in page
    assert "assets/javascripts/progress.js" in page


def test_quiz_scripts_load_only_where_needed(built_site: BuiltSite) -> None:
    for lang in LANGS:
        assert "quiz.js" not in built_site.html(lang, "glossary.md")
        assert "progress.js" not in built_site.html(lang, "glossary.md")
        path = built_site.html(lang, "onboarding/index.md")
        assert "progress.js" in path
        assert "quiz.js" not in path


@pytest.mark.parametrize("lang", LANGS)
def test_learning_path_lists_every_chapter(built_site: BuiltSite, lang: str) -> None:
    # Row by row inside the path's own table: the titles are in the nav and the footer too, and
    # a time or a title in the wrong row would still be "in the page".
    body = re.search(
        r'<div class="smm-path".*?<tbody>(.*?)</tbody>', built_site.article(lang, "onboarding/index.md"), re.S
    )
    assert body is not None
    rows = [re.findall(r"<td>(.*?)</td>", row, re.S) for row in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)]
    counts = Counter(q.chapter for q in data.questions())
    assert sorted(counts) == sorted(CORE_CHAPTERS)
    assert len(rows) == len(chapters())
    for number, (chapter, row) in enumerate(zip(chapters(), rows, strict=True), 1):
        step = next(s for s in data.learning_path() if s.id == chapter)
        assert len(row) == 6, chapter
        assert row[0] == _digits(number, lang)
        link = re.fullmatch(r'<a href="([^"]+)">(.*)</a>', row[1], re.S)
        assert link is not None, row[1]
        assert link.group(1) == "../" + url_of("en", chapter).lstrip("/")
        assert _text(link.group(2)) == step.title(lang)
        assert row[2] == _minutes(step.minutes, lang), chapter
        if chapter in CORE_CHAPTERS:
            count = QUESTIONS[lang].format(n=_digits(counts[chapter], lang))
            assert row[4] == f'<span class="smm-path__quiz" data-chapter="{chapter}">{count}</span>'
        else:
            assert row[4] == "—"
        assert f'class="smm-path__done" data-chapter="{chapter}"' in row[5]


def _pack(built_site: BuiltSite, lang: str) -> str:
    page = built_site.html(lang, "onboarding/print.md")
    return page[page.index('<div class="smm-pack">') :]


def _pack_id(page_name: str) -> str:
    """The pack's anchor of a page, as the pack is meant to name it: 'index.md' -> 'pack-home',
    'strategies/index.md' -> 'pack-strategies', 'strategies/crm.md' -> 'pack-strategies-crm'."""
    stem = page_name.removesuffix(".md").removesuffix("/index")
    return "pack-" + ("home" if stem == "index" else stem.replace("/", "-"))


def _heading_text(fragment: str) -> str:
    return re.sub(r"¶$", "", _text(fragment)).strip()


@pytest.mark.parametrize("lang", LANGS)
def test_print_pack_holds_every_page_in_reading_order(built_site: BuiltSite, lang: str) -> None:
    pack_html = _pack(built_site, lang)
    expected = [p for p in nav_pages() if p != "onboarding/print.md"]
    titles = [_h1(built_site.article(lang, page_name)) for page_name in expected]
    # The contents: one entry per page, in order, with the page's title, linking to its section.
    nav = pack_html[: pack_html.index("</nav>")]
    contents = [(anchor, _text(title)) for anchor, title in re.findall(r'<li><a href="#([^"]+)">(.*?)</a></li>', nav)]
    assert contents == [(_pack_id(p), t) for p, t in zip(expected, titles, strict=True)]
    # Each section: the page, under that anchor, opening with the page's title as its heading.
    sections = re.findall(
        r'<section class="smm-pack__chapter" id="([^"]+)" data-page="([^"]+)">\s*<h2 id="[^"]+">(.*?)</h2>',
        pack_html,
        re.S,
    )
    assert [(anchor, page_name, _heading_text(h)) for anchor, page_name, h in sections] == [
        (_pack_id(p), p, t) for p, t in zip(expected, titles, strict=True)
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_print_pack_shows_every_chart_as_static_svg(built_site: BuiltSite, lang: str) -> None:
    pack_html = _pack(built_site, lang)
    charts = {
        (page_name, chart)
        for page_name in nav_pages()
        for chart in re.findall(r'data-chart="([^"]+)"', built_site.html(lang, page_name))
        if page_name != "onboarding/print.md"
    }
    assert charts
    for page_name, chart in charts:
        figure = re.search(
            rf'<figure class="smm-chart" id="{pack.chapter_id(page_name)}--chart-{chart}".*?</figure>', pack_html, re.S
        )
        assert figure is not None, f"{page_name}: chart {chart} is missing"
        assert '<div class="smm-chart__static"><svg' in figure.group(0)
    # Static only: no live view, no Vega spec, no chart scripts on the pack page.
    assert "smm-chart__spec" not in pack_html
    assert "smm-chart__live" not in pack_html
    assert "vega.min.js" not in built_site.html(lang, "onboarding/print.md")


@pytest.mark.parametrize("lang", LANGS)
def test_print_pack_ids_are_unique_and_its_anchors_resolve(built_site: BuiltSite, lang: str) -> None:
    page = built_site.html(lang, "onboarding/print.md")
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    anchors = set(re.findall(r'href="#([^"]+)"', page))
    assert anchors - set(ids) == set()
    # Links between chapters stay inside the pack; collapsed blocks print open.
    assert 'href="#pack-metrics--share-of-voice"' in page
    assert "<details " not in _pack(built_site, lang).replace("<details open", "")


def test_persian_print_page_is_right_to_left(built_site: BuiltSite) -> None:
    page = built_site.html("fa", "onboarding/print.md")
    assert '<html lang="fa"' in page
    assert '<body dir="rtl"' in page
    assert "مبانی" in _pack(built_site, "fa")


def test_print_pack_is_not_in_the_search_index(built_site: BuiltSite) -> None:
    # The pack repeats every page; search results should lead to the pages themselves.
    for lang in ("en", "fa"):
        index = (built_site.path / search.index_path(lang)).read_text(encoding="utf-8")
        assert "pack-metrics" not in index
        assert '"location":"metrics/"' in index  # the page itself is there


# --- the pack's assembly, on its own ----------------------------------------------------------


def test_assemble_prefixes_ids_rebases_links_and_keeps_static_charts() -> None:
    metrics = pack.PackPage(
        src="metrics.md",
        url="fa/metrics/",
        title="شاخص‌ها",
        html=(
            '<h1 id="metrics">Metrics</h1><h2 id="summary">S</h2><a href="#summary">here</a>'
            '<a href="../strategies/crm/#k">crm</a><a href="../simulator/?lab=share&amp;preset=x">try</a>'
            '<a href="https://example.com/a">out</a><label for="q1">x</label><input id="q1" name="g" type="radio">'
            '<details class="x"><summary>a</summary>b</details>'
            '<figure class="smm-chart" id="chart-c"><div class="smm-chart__static"><svg></svg></div>\n'
            '<div class="smm-chart__live" hidden></div>\n'
            '<script type="application/json" class="smm-chart__spec">{"a":"<\\/x>"}</script>\n</figure>'
        ),
    )
    crm = pack.PackPage(src="strategies/crm.md", url="fa/strategies/crm/", title="CRM", html='<h2 id="k">K</h2>')
    out = pack.assemble([metrics, crm], "fa/onboarding/print/", "فهرست")
    assert '<h2 id="pack-metrics--metrics">' in out
    assert '<h3 id="pack-metrics--summary">' in out
    assert 'href="#pack-metrics--summary"' in out
    assert 'href="#pack-strategies-crm--k"' in out
    assert 'href="../../simulator/?lab=share&amp;preset=x"' in out
    assert 'href="https://example.com/a"' in out
    assert 'for="pack-metrics--q1"' in out
    assert 'name="pack-metrics--g"' in out
    assert "<details open" in out
    assert "smm-chart__spec" not in out
    assert "smm-chart__live" not in out
    assert "<svg></svg>" in out
    assert '<a href="#pack-metrics">شاخص‌ها</a>' in out
    assert '<a href="#pack-strategies-crm">CRM</a>' in out
    assert pack.fill('<p><div class="smm-pack" data-pack="fa"></div></p>', "X") == "<p>X</p>"


def test_exercise_quotes_the_planners_current_answer() -> None:
    """Exercise 6 shows R0 at the share rate the goal planner finds; that rate is written in the
    marker, so it must still be the planner's answer for the preset."""
    from simulator.commands import COMMANDS, run_command

    preset = next(p for p in data.presets() if p.id == "plus-15-percent")
    answer = run_command(COMMANDS["goal"], {k: str(v) for k, v in preset.values.items()})["totals"]["value"]
    for lang in LANGS:
        text = (DOCS / lang / "onboarding/exercises.md").read_text(encoding="utf-8")
        used = re.search(r"preset=plus-15-percent model=share share_rate=([0-9.]+) total=viral_coefficient -->", text)
        assert used is not None
        assert float(used.group(1)) == pytest.approx(answer, abs=5e-5)


# --- done marks on exercises and role-plays ------------------------------------------------------

ROLE_PLAYS = [
    "inbox-angry-dm",
    "inbox-troll",
    "inbox-product-question",
    "inbox-misinformation",
    "post-critique",
    "creator-negotiation",
]
# The two labels of a done mark, declared here rather than read from ui.yml.
DONE_LABELS = {
    "en": ("Mark as done", "Done ✓ (press again to undo)"),
    "fa": ("انجامش دادم", "انجام شد ✓ (برای لغو دوباره بزنید)"),
}
PAGES_WITH_DONE_MARKS = {
    "onboarding/practice.md": ROLE_PLAYS,
    "onboarding/plan-30-60-90.md": ["week-one-access"],
    "onboarding/exercises.md": [
        "exercise-launch-post",
        "exercise-viral-tipping",
        "exercise-sticky-content",
        "exercise-product-launch",
        "exercise-referral-program",
        "exercise-plus-15-percent",
        "exercise-crisis-fast-response",
        "exercise-segment-budget",
        "exercise-monthly-report",
        "exercise-ab-test-story-ad",
    ],
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", sorted(PAGES_WITH_DONE_MARKS))
def test_each_exercise_has_its_own_done_mark(built_site: BuiltSite, lang: str, page: str) -> None:
    """One toggle per exercise, keyed '<page>#<heading id>' so both languages share the mark, with
    the page language's labels, and progress.js on the page to keep it."""
    article = built_site.article(lang, page)
    marks = re.findall(
        r'<p class="smm-done" data-chapter="([^"]+)" data-text-todo="([^"]+)" data-text-done="([^"]+)">', article
    )
    todo, done = DONE_LABELS[lang]
    assert marks == [(f"{page}#{item}", todo, done) for item in PAGES_WITH_DONE_MARKS[page]]
    # Each mark sits under its own exercise: the heading with that id comes before it.
    for item in PAGES_WITH_DONE_MARKS[page]:
        assert article.index(f'id="{item}"') < article.index(f'data-chapter="{page}#{item}"')
    assert "assets/javascripts/progress.js" in built_site.html(lang, page)
    assert "assets/javascripts/quiz.js" not in built_site.html(lang, page)


def test_every_done_item_names_a_heading_of_its_page() -> None:
    for lang in LANGS:
        for page in sorted(
            {*PAGES_WITH_DONE_MARKS, *(p.relative_to(DOCS / lang).as_posix() for p in (DOCS / lang).rglob("*.md"))}
        ):
            text = (DOCS / lang / page).read_text(encoding="utf-8")
            items = [args["item"] for name, args in markers_in(text) if name == "done"]
            headings = re.findall(r"^#{2,3} .*\{#([a-z0-9-]+)\}\s*$", text, re.M)
            assert set(items) <= set(headings), f"{lang}/{page}: {sorted(set(items) - set(headings))}"
            assert items == PAGES_WITH_DONE_MARKS.get(page, []), f"{lang}/{page}"


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ("<!-- smm:done -->", "missing argument(s): item"),
        ("<!-- smm:done item=Angry_DM -->", "item='Angry_DM' must be the heading id of the exercise"),
        ("<!-- smm:done item=troll page=x -->", "unknown argument(s): page"),
    ],
    ids=["no item", "not a heading id", "unknown argument"],
)
def test_a_bad_done_marker_fails_naming_page_and_marker(marker: str, message: str) -> None:
    ctx = PageContext("en", "docs/en/onboarding/practice.md", "../", "../", "http://localhost:8501")
    with pytest.raises(MarkerError, match=re.escape(f"docs/en/onboarding/practice.md: {marker}: {message}")):
        render_markers(marker, ctx)
