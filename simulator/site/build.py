"""Build-time checks and assets for the playbook site."""

from __future__ import annotations

from simulator import data
from simulator.cli import COMMANDS
from simulator.models.metrics import RATIOS

__all__ = ["check_playbook_data"]


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
    for preset in data.presets():
        if preset.page not in COMMANDS:
            raise data.DataError(
                folder / "presets.yml", preset.id, "page", f"'{preset.page}' is not one of {', '.join(COMMANDS)}"
            )
        data.check_preset_values(preset, COMMANDS[preset.page].params)
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
    if (folder / "questions.yml").exists():
        data.questions()
