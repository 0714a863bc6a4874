"""What the playbook data says across files, checked before the site is built
(``simulator.site.build``): a copy of the real data with one bad entry added or changed,
and the exact message naming the file, the entry, the field and the value."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator import data
from simulator.site import build

UseData = Callable[[dict[str, str]], Path]

ENGINE_METRICS = (
    "engagement_rate_reach, engagement_rate_impressions, engagement_rate_followers, amplification_rate, "
    "virality_rate, click_through_rate, share_of_voice, referral_share, conversion_rate, response_rate, response_time"
)
PAGES = "share, referral, bass, sweep, goal, metrics, crisis, segments, fit-share, fit-bass, sample-size, network"

TEXT = "{en: X, fa: ایکس}"


def changed(name: str, edit: Callable[[str], str]) -> dict[str, str]:
    return {name: edit((data.DATA_DIR / name).read_text(encoding="utf-8"))}


def appended(name: str, entry: str) -> dict[str, str]:
    return changed(name, lambda text: text.rstrip("\n") + "\n\n" + entry.strip("\n") + "\n")


def without_entry(name: str, entry_id: str) -> dict[str, str]:
    def drop(text: str) -> str:
        blocks = re.split(r"(?m)^(?=- id: )", text)
        kept = [b for b in blocks if not b.startswith(f"- id: {entry_id}\n")]
        assert len(kept) == len(blocks) - 1, entry_id
        return "".join(kept)

    return changed(name, drop)


def preset(page: str, values: str) -> str:
    return f"""
- id: broken
  page: {page}
  name: {TEXT}
  description: {TEXT}
  chapter: strategies/crm.md
  values: {values}
"""


def question(qid: str, chapter: str, options: list[str], correct: int = 0) -> str:
    listed = "".join(f"\n    - {{en: {o}, fa: گزینهٔ {i + 1}}}" for i, o in enumerate(options))
    return f"""
- id: {qid}
  chapter: {chapter}
  question: {TEXT}
  options:{listed}
  correct: {correct}
  explanation: {TEXT}
"""


CASES = {
    "metric without a formula": (
        appended(
            "metrics.yml",
            f"- id: reach_rate\n  name: {TEXT}\n  definition: {TEXT}\n  measure: {TEXT}\n"
            f"  pitfalls: [{TEXT}]\n  goal_example: {TEXT}",
        ),
        f"playbook_data/metrics.yml: entry 'reach_rate': field 'id': has no formula in the engine ({ENGINE_METRICS})",
    ),
    "engine metric without an entry": (
        without_entry("metrics.yml", "share_of_voice"),
        "playbook_data/metrics.yml: metric 'share_of_voice' of the engine has no entry",
    ),
    "preset on an unknown page": (
        appended("presets.yml", preset("reach", "{seed_reach: 10}")),
        f"playbook_data/presets.yml: entry 'broken': field 'page': 'reach' is not a simulator page ({PAGES})",
    ),
    "preset value that is no parameter": (
        appended("presets.yml", preset("bass", "{market: 1000, colour: 2}")),
        "playbook_data/presets.yml: entry 'broken': field 'values.colour': is not a parameter of page 'bass'",
    ),
    "preset value out of range": (
        appended("presets.yml", preset("bass", "{q: 2.5}")),
        "playbook_data/presets.yml: entry 'broken': field 'values.q': q = 2.5 is outside the allowed range: 0 to 2 per step",
    ),
    "strategy with an unknown metric": (
        appended(
            "strategies.yml",
            f"- id: broken\n  name: {TEXT}\n  summary: {TEXT}\n  when: {TEXT}\n  steps: [{TEXT}]\n"
            f"  metric: reach_rate\n  risk: {TEXT}",
        ),
        "playbook_data/strategies.yml: entry 'broken': field 'metric': 'reach_rate' is not a metric id",
    ),
    "FAQ chapter that is no page": (
        appended("faq.yml", f"- id: broken\n  question: {TEXT}\n  answer: {TEXT}\n  chapter: strategies/old.md"),
        "playbook_data/faq.yml: entry 'broken': field 'chapter': 'strategies/old.md' is not a page in docs/en",
    ),
    "glossary term with no English word": (
        appended("glossary.yml", f"- id: broken\n  term: {TEXT}\n  definition: {TEXT}\n  match_fa: [ایکس]"),
        "playbook_data/glossary.yml: entry 'broken': field 'match_en': needs at least one word to show the tooltip on",
    ),
    "glossary term with no Persian word": (
        appended("glossary.yml", f"- id: broken\n  term: {TEXT}\n  definition: {TEXT}\n  match_en: [x]"),
        "playbook_data/glossary.yml: entry 'broken': field 'match_fa': needs at least one word to show the tooltip on",
    ),
    "UI text without Persian": (
        changed("ui.yml", lambda text: text.rstrip("\n") + "\nsite.broken:\n  en: Broken\n"),
        "playbook_data/ui.yml: entry 'site.broken': field 'text.fa': is missing or empty: every text needs both "
        "languages",
    ),
    "question with two options": (
        appended("questions.yml", question("broken", "metrics.md", ["A", "B"])),
        "playbook_data/questions.yml: entry 'broken': field 'options': has 2 options; give 3 to 4",
    ),
    "question with five options": (
        appended("questions.yml", question("broken", "metrics.md", ["A", "B", "C", "D", "E"])),
        "playbook_data/questions.yml: entry 'broken': field 'options': has 5 options; give 3 to 4",
    ),
    "question on a page that does not exist": (
        appended("questions.yml", question("broken", "strategies/old.md", ["A", "B", "C"])),
        "playbook_data/questions.yml: entry 'broken': field 'chapter': 'strategies/old.md' is not a page in docs/en",
    ),
    "chapter with nine questions": (
        appended(
            "questions.yml",
            question("eighth", "strategies/crm.md", ["A", "B", "C"])
            + question("ninth", "strategies/crm.md", ["A", "B", "C"]),
        ),
        "playbook_data/questions.yml: chapter 'strategies/crm.md' has 9 questions; give 5 to 8",
    ),
    "question whose answer is no option": (
        appended("questions.yml", question("broken", "metrics.md", ["A", "B", "C"], correct=3)),
        "playbook_data/questions.yml: entry 'broken': field 'correct': must index one of the 3 options",
    ),
    "question whose answer is a negative index": (
        appended("questions.yml", question("broken", "metrics.md", ["A", "B", "C"], correct=-1)),
        "playbook_data/questions.yml: entry 'broken': field 'correct': must index one of the 3 options",
    ),
    "learning step that is no page": (
        appended("onboarding.yml", f"- id: strategies/old.md\n  title: {TEXT}\n  minutes: 10\n  outcome: {TEXT}"),
        "playbook_data/onboarding.yml: entry 'strategies/old.md': field 'id': 'strategies/old.md' is not a page "
        "in docs/en",
    ),
    "learning step of no minutes": (
        appended("onboarding.yml", f"- id: index.md\n  title: {TEXT}\n  minutes: 0\n  outcome: {TEXT}"),
        "playbook_data/onboarding.yml: entry 'index.md': field 'minutes': must be between 1 and 600",
    ),
    "learning step longer than ten hours": (
        appended("onboarding.yml", f"- id: index.md\n  title: {TEXT}\n  minutes: 601\n  outcome: {TEXT}"),
        "playbook_data/onboarding.yml: entry 'index.md': field 'minutes': must be between 1 and 600",
    ),
}


def test_the_real_data_passes(data_copy: UseData) -> None:
    data_copy({})
    build.check_playbook_data()


@pytest.mark.parametrize("case", CASES)
def test_one_bad_entry_is_named(data_copy: UseData, case: str) -> None:
    files, message = CASES[case]
    data_copy(files)
    with pytest.raises(data.DataError) as caught:
        build.check_playbook_data()
    assert str(caught.value) == message


def test_a_faq_chapter_missing_from_the_persian_pages_is_named(data_copy: UseData) -> None:
    folder = data_copy(appended("faq.yml", f"- id: broken\n  question: {TEXT}\n  answer: {TEXT}\n  chapter: new.md"))
    (folder.parent / "docs" / "en" / "new.md").write_text("# New\n", encoding="utf-8")
    with pytest.raises(data.DataError) as caught:
        build.check_playbook_data()
    assert str(caught.value) == (
        "playbook_data/faq.yml: entry 'broken': field 'chapter': 'new.md' is not a page in docs/fa"
    )


@pytest.mark.parametrize("minutes", [1, 600])
def test_a_learning_step_of_one_minute_to_ten_hours_is_accepted(data_copy: UseData, minutes: int) -> None:
    data_copy(appended("onboarding.yml", f"- id: index.md\n  title: {TEXT}\n  minutes: {minutes}\n  outcome: {TEXT}"))
    assert data.learning_path()[-1] == data.LearningStep(
        "index.md", data.Text("X", "ایکس"), minutes, data.Text("X", "ایکس")
    )


@pytest.mark.parametrize("count", [3, 4])
def test_three_or_four_options_are_accepted(data_copy: UseData, count: int) -> None:
    # action-plan.md has six questions: a seventh is still within five to eight.
    options = ["A", "B", "C", "D"][:count]
    data_copy(appended("questions.yml", question("fine", "action-plan.md", options, correct=count - 1)))
    build.check_onboarding(data.DATA_DIR.parent / "docs")
    assert [o("en") for o in data.questions()[-1].options] == options


def test_a_chapter_of_eight_questions_is_accepted(data_copy: UseData) -> None:
    # strategies/crm.md has seven questions: an eighth is the most a chapter may have.
    data_copy(appended("questions.yml", question("eighth", "strategies/crm.md", ["A", "B", "C"])))
    build.check_onboarding(data.DATA_DIR.parent / "docs")
    assert sum(q.chapter == "strategies/crm.md" for q in data.questions()) == 8
