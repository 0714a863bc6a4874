"""Build-time checks and assets for the playbook site."""

from __future__ import annotations

from pathlib import Path

from simulator import data
from simulator.models.metrics import RATIOS

__all__ = ["check_onboarding", "check_playbook_data"]


def check_playbook_data() -> None:
    """Load every data file and check what refers across files; raise DataError if wrong.

    Metrics must match the engine's ratios one to one; presets must be valid scenarios of
    their page; strategies must name a known metric; FAQ chapter links must exist.
    """
    folder = data.DATA_DIR
    metric_ids = [m.id for m in data.metrics()]
    extra, missing = sorted(set(metric_ids) - set(RATIOS)), sorted(set(RATIOS) - set(metric_ids))
    if extra:
        raise data.DataError(
            folder / "metrics.yml", extra[0], "id", f"has no formula in the engine ({', '.join(RATIOS)})"
        )
    if missing:
        raise data.DataError(folder / "metrics.yml", None, None, f"metric '{missing[0]}' of the engine has no entry")
    data.presets()  # checks each preset's page, values and basis as it loads
    for strategy in data.strategies():
        if strategy.metric not in RATIOS:
            raise data.DataError(
                folder / "strategies.yml", strategy.id, "metric", f"'{strategy.metric}' is not a metric id"
            )
    docs = folder.parent / "docs"
    for entry in data.faq():
        for lang in data.LANGS:
            if entry.chapter and not (docs / lang / entry.chapter).is_file():
                raise data.DataError(
                    folder / "faq.yml", entry.id, "chapter", f"'{entry.chapter}' is not a page in docs/{lang}"
                )
    for term in data.glossary():
        if not term.match_en or not term.match_fa:
            raise data.DataError(
                folder / "glossary.yml",
                term.id,
                "match_en" if not term.match_en else "match_fa",
                "needs at least one word to show the tooltip on",
            )
    data.ui()
    check_onboarding(docs)


QUESTIONS_PER_CHAPTER = (5, 8)
OPTIONS_PER_QUESTION = (3, 4)


def check_onboarding(docs: Path) -> None:
    """Self-check questions and the learning path: chapters are real pages in both languages,
    each question has 3–4 distinct options (one correct, by the schema's index), each chapter
    5–8 questions, and every chapter with a self-check is on the learning path."""
    folder = data.DATA_DIR
    questions_file, path_file = folder / "questions.yml", folder / "onboarding.yml"
    per_chapter: dict[str, int] = {}
    for q in data.questions():
        _require_page(docs, q.chapter, questions_file, q.id, "chapter")
        low, high = OPTIONS_PER_QUESTION
        if not low <= len(q.options) <= high:
            raise data.DataError(questions_file, q.id, "options", f"has {len(q.options)} options; give {low} to {high}")
        for lang in data.LANGS:
            texts = [" ".join(o(lang).split()).casefold() for o in q.options]
            twice = sorted({t for t in texts if texts.count(t) > 1})
            if twice:
                raise data.DataError(questions_file, q.id, f"options.{lang}", f"option {twice[0]!r} is given twice")
        per_chapter[q.chapter] = per_chapter.get(q.chapter, 0) + 1
    low, high = QUESTIONS_PER_CHAPTER
    for chapter, count in per_chapter.items():
        if not low <= count <= high:
            raise data.DataError(
                questions_file, None, None, f"chapter '{chapter}' has {count} questions; give {low} to {high}"
            )
    on_path = set()
    for step in data.learning_path():
        _require_page(docs, step.id, path_file, step.id, "id")
        on_path.add(step.id)
    off_path = sorted(set(per_chapter) - on_path)
    if off_path:
        raise data.DataError(path_file, None, None, f"chapter '{off_path[0]}' has a self-check but is not on the path")


def _require_page(docs: Path, page: str, file: Path, entry: str, field: str) -> None:
    for lang in data.LANGS:
        if not (docs / lang / page).is_file():
            raise data.DataError(file, entry, field, f"'{page}' is not a page in docs/{lang}")
