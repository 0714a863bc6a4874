"""Onboarding markers: a chapter's self-check (``smm:quiz``), the learning path (``smm:learning-path``)
and a done mark for one exercise or task on a page (``smm:done item=<heading id>``).

The quiz is plain HTML that reads well without JavaScript: a fieldset per question with
radio buttons and a legend, and the answer with its explanation in a ``<details>``.
``docs/assets/javascripts/quiz.js`` adds the Check buttons, the feedback and the score;
``progress.js`` keeps "done" marks and self-check scores in the browser (localStorage, one
key per chapter id, or per ``<chapter id>#<heading id>`` for an exercise, shared by both languages). Every text comes from ``playbook_data``.
"""

from __future__ import annotations

import html
import re

from simulator import data
from simulator.params import Lang, localize_digits
from simulator.site.markers import MarkerError, PageContext, marker

__all__ = ["STORAGE_PREFIX", "chapter_questions", "done_html", "learning_path", "quiz_html"]

# Keys in the reader's browser: "smm.progress.<chapter id>", e.g. "smm.progress.strategies/crm.md".
STORAGE_PREFIX = "smm.progress."


def _t(key: str, lang: Lang) -> str:
    return data.ui()[key](lang)


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def chapter_questions(chapter: str) -> list[data.Question]:
    return [q for q in data.questions() if q.chapter == chapter]


def _option_letter(index: int, lang: Lang) -> str:
    return ("الف", "ب", "ج", "د", "ه")[index] if lang == "fa" else "ABCDE"[index]


def _question_html(number: int, q: data.Question, lang: Lang) -> str:
    name = f"smm-q-{q.id}"
    options = "".join(
        f'<li><label class="smm-quiz__option"><input type="radio" name="{name}" value="{i}"> '
        f'<span class="smm-quiz__letter">{_option_letter(i, lang)}</span> '
        f"<span>{html.escape(o(lang))}</span></label></li>"
        for i, o in enumerate(q.options)
    )
    answer = q.options[q.correct](lang)
    return (
        f'<fieldset class="smm-quiz__question" data-question="{_attr(q.id)}" data-correct="{q.correct}">'
        f'<legend><span class="smm-quiz__number">{localize_digits(str(number), lang)}.</span> '
        f"{html.escape(q.question(lang))}</legend>"
        f'<ol class="smm-quiz__options">{options}</ol>'
        f'<p class="smm-quiz__actions"><button type="button" class="md-button smm-quiz__check" hidden>'
        f"{html.escape(_t('quiz.check', lang))}</button></p>"
        f'<p class="smm-quiz__feedback" aria-live="polite" tabindex="-1"></p>'
        f'<details class="smm-quiz__answer"><summary>{html.escape(_t("quiz.show-answer", lang))}</summary>'
        f"<p><strong>{html.escape(_t('quiz.answer', lang))}</strong> "
        f"{_option_letter(q.correct, lang)}. {html.escape(answer)}</p>"
        f"<p>{html.escape(q.explanation(lang))}</p></details>"
        f"</fieldset>"
    )


def quiz_html(chapter: str, lang: Lang) -> str:
    """The self-check of ``chapter`` (a page id such as ``strategies/crm.md``) in ``lang``."""
    questions = chapter_questions(chapter)
    if not questions:
        raise MarkerError(f"chapter={chapter!r} has no questions in playbook_data/questions.yml")
    texts = {
        "correct": "quiz.correct",
        "wrong": "quiz.wrong",
        "choose": "quiz.choose",
        "score": "quiz.score",
        "complete": "quiz.complete",
        "previous": "quiz.previous",
    }
    data_texts = "".join(f' data-text-{k}="{_attr(_t(key, lang))}"' for k, key in texts.items())
    total = localize_digits(str(len(questions)), lang)
    body = "".join(_question_html(i, q, lang) for i, q in enumerate(questions, 1))
    return (
        f'\n\n<div class="smm-quiz" data-chapter="{_attr(chapter)}" data-lang="{lang}"'
        f' data-total="{len(questions)}"{data_texts}>'
        f'<p class="smm-quiz__intro">{html.escape(_t("quiz.intro", lang).format(total=total))}</p>'
        f"{body}"
        f'<p class="smm-quiz__score" role="status" aria-live="polite" hidden></p>'
        f'<p class="smm-quiz__controls"><button type="button" class="md-button smm-quiz__reset" hidden>'
        f"{html.escape(_t('quiz.reset', lang))}</button></p>"
        f"</div>\n\n" + done_html(chapter, lang, "quiz.mark-done", "quiz.marked-done")
    )


def done_html(key: str, lang: Lang, todo: str = "onboarding.item-todo", done: str = "onboarding.item-done") -> str:
    """A "mark as done" toggle that progress.js keeps under ``smm.progress.<key>``; ``todo`` and
    ``done`` are the ui.yml keys of its two labels. Hidden until the script runs."""
    return (
        f'<p class="smm-done" data-chapter="{_attr(key)}" data-text-todo="{_attr(_t(todo, lang))}"'
        f' data-text-done="{_attr(_t(done, lang))}">'
        f'<button type="button" class="md-button md-button--primary smm-done__toggle" aria-pressed="false" hidden>'
        f"{html.escape(_t(todo, lang))}</button></p>\n\n"
    )


def _chapter_of(ctx: PageContext) -> str:
    """The page id of the page being rendered: ``docs/fa/strategies/crm.md`` -> ``strategies/crm.md``."""
    parts = ctx.src.split("/")
    return "/".join(parts[2:]) if len(parts) > 2 and parts[0] == "docs" else ctx.src


@marker("quiz")
def quiz(ctx: PageContext, args: dict[str, str]) -> str:
    chapter = args.pop("chapter", None)
    if chapter is None:
        raise MarkerError("missing argument(s): chapter")
    if args:
        raise MarkerError(f"unknown argument(s): {', '.join(sorted(args))}")
    here = _chapter_of(ctx)
    if chapter != here:
        raise MarkerError(
            f"chapter={chapter!r} does not match this page ({here!r}); a self-check belongs on its chapter"
        )
    return quiz_html(chapter, ctx.lang)


HEADING_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@marker("done")
def done(ctx: PageContext, args: dict[str, str]) -> str:
    """``<!-- smm:done item=inbox-angry-dm -->``: the done mark of the exercise under heading
    ``{#inbox-angry-dm}``, kept as ``<page id>#<item>`` so both languages share it."""
    item = args.pop("item", None)
    if item is None:
        raise MarkerError("missing argument(s): item")
    if args:
        raise MarkerError(f"unknown argument(s): {', '.join(sorted(args))}")
    if not HEADING_ID.fullmatch(item):
        raise MarkerError(f"item={item!r} must be the heading id of the exercise (a-z, 0-9 and -)")
    return "\n\n" + done_html(f"{_chapter_of(ctx)}#{item}", ctx.lang)


def _minutes_text(minutes: int, lang: Lang) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _t("onboarding.minutes", lang).format(n=localize_digits(str(minutes), lang))
    if not rest:
        return _t("onboarding.hours", lang).format(n=localize_digits(str(hours), lang))
    h, m = (localize_digits(str(v), lang) for v in (hours, rest))
    return _t("onboarding.hours-minutes", lang).format(h=h, m=m)


def learning_path(ctx: PageContext) -> str:
    lang = ctx.lang
    steps = data.learning_path()
    counts = {}
    for q in data.questions():
        counts[q.chapter] = counts.get(q.chapter, 0) + 1
    head = [_t(f"onboarding.col-{c}", lang) for c in ("step", "chapter", "time", "outcome", "self-check", "done")]
    rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for number, step in enumerate(steps, 1):
        title = step.title(lang)
        questions = counts.get(step.id, 0)
        if questions:
            quiz_state = (
                f'<span class="smm-path__quiz" data-chapter="{_attr(step.id)}">'
                f"{html.escape(_t('onboarding.questions', lang).format(n=localize_digits(str(questions), lang)))}</span>"
            )
        else:
            quiz_state = "—"
        done = (
            f'<input type="checkbox" class="smm-path__done" data-chapter="{_attr(step.id)}" '
            f'aria-label="{_attr(_t("onboarding.done-label", lang).format(title=title))}" disabled>'
        )
        cells = [
            localize_digits(str(number), lang),
            f"[{title}]({ctx.root}{step.id})",
            _minutes_text(step.minutes, lang),
            step.outcome(lang),
            quiz_state,
            done,
        ]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    total = _minutes_text(sum(s.minutes for s in steps), lang)
    quizzes = sum(1 for s in steps if counts.get(s.id))
    texts = {
        "summary": "onboarding.summary",
        "next": "onboarding.next",
        "finished": "onboarding.finished",
        "score": "onboarding.score",
    }
    data_texts = "".join(f' data-text-{k}="{_attr(_t(key, lang))}"' for k, key in texts.items())
    return (
        f'\n\n<div class="smm-path" data-lang="{lang}" data-total="{len(steps)}" data-quizzes="{quizzes}"{data_texts} markdown>\n\n'
        f"{_t('onboarding.total', lang).format(total=total, n=localize_digits(str(len(steps)), lang))}\n\n"
        f'<p class="smm-path__summary" role="status" aria-live="polite" hidden></p>\n'
        f'<p class="smm-path__next" hidden></p>\n\n' + "\n".join(rows) + "\n\n"
        f'<p class="smm-path__controls"><button type="button" class="md-button smm-path__reset" hidden>'
        f"{html.escape(_t('onboarding.reset', lang))}</button></p>\n\n"
        f"</div>\n\n"
    )


@marker("learning-path")
def learning_path_marker(ctx: PageContext, args: dict[str, str]) -> str:
    if args:
        raise MarkerError(f"unknown argument(s): {', '.join(sorted(args))}")
    return learning_path(ctx)
