"""Self-checks that cannot be passed without reading: neither the length of an option nor its
position may point to the answer (issue 17, "Onboarding that teaches the job").

Read through :func:`simulator.data.questions`, so a question added later is checked too. Each
check is a pure function over a list of questions, tested here on a deliberately biased copy as
well, so a check that stopped checking would fail.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter
from collections.abc import Sequence

import pytest

from simulator import data

LANGS = ("en", "fa")

# A guesser who picks the longest (or the shortest) option should do little better than chance:
# 1 in 4 or 1 in 3 with our 4- and 3-option questions.
MAX_LONGEST_CORRECT = 0.35
MAX_SHORTEST_CORRECT = 0.35
# "Usually the second-longest" is a tell too.
MAX_ONE_LENGTH_RANK = 0.50
# Chance is 1/4 and 1/3; these leave room for a short chapter, not for a habit.
MAX_ONE_POSITION = {4: 0.40, 3: 0.50}
MAX_SAME_AS_PREVIOUS = 0.40


def _lengths(question: data.Question, lang: str) -> list[int]:
    return [len(option(lang)) for option in question.options]


def longest_correct(questions: Sequence[data.Question], lang: str) -> float:
    """Share of questions whose correct option is the longest, by characters; a tie for longest counts."""
    hits = [_lengths(q, lang)[q.correct] == max(_lengths(q, lang)) for q in questions]
    return sum(hits) / len(hits)


def shortest_correct(questions: Sequence[data.Question], lang: str) -> float:
    """Share of questions whose correct option is the shortest; a tie for shortest counts."""
    hits = [_lengths(q, lang)[q.correct] == min(_lengths(q, lang)) for q in questions]
    return sum(hits) / len(hits)


def length_ranks(questions: Sequence[data.Question], lang: str) -> Counter[int]:
    """How many correct options are the longest (0), the second longest (1) and so on."""
    ranks: Counter[int] = Counter()
    for q in questions:
        lengths = _lengths(q, lang)
        ranks[sum(length > lengths[q.correct] for length in lengths)] += 1
    return ranks


def positions(questions: Sequence[data.Question], n_options: int) -> Counter[int]:
    """Where the correct option sits, over the questions with ``n_options`` options."""
    return Counter(q.correct for q in questions if len(q.options) == n_options)


def same_as_previous(questions: Sequence[data.Question]) -> float:
    """Share of consecutive pairs in one chapter's quiz whose answers sit in the same position."""
    pairs = [(a, b) for a, b in itertools.pairwise(questions) if a.chapter == b.chapter]
    return sum(a.correct == b.correct for a, b in pairs) / len(pairs)


def problems(questions: Sequence[data.Question]) -> list[str]:
    """Every way the answers can be guessed without reading, each with its numbers; empty if none."""
    found = []
    for lang in LANGS:
        share = longest_correct(questions, lang)
        if share > MAX_LONGEST_CORRECT:
            found.append(f"{lang}: the longest option is correct in {share:.0%}, above {MAX_LONGEST_CORRECT:.0%}")
        share = shortest_correct(questions, lang)
        if share > MAX_SHORTEST_CORRECT:
            found.append(f"{lang}: the shortest option is correct in {share:.0%}, above {MAX_SHORTEST_CORRECT:.0%}")
        for rank, count in sorted(length_ranks(questions, lang).items()):
            if count / len(questions) > MAX_ONE_LENGTH_RANK:
                found.append(
                    f"{lang}: the correct option has {rank} longer options in {count / len(questions):.0%},"
                    f" above {MAX_ONE_LENGTH_RANK:.0%}"
                )
    for n_options, bound in MAX_ONE_POSITION.items():
        counted = positions(questions, n_options)
        total = sum(counted.values())
        for position, count in sorted(counted.items()):
            if count / total > bound:
                found.append(
                    f"{n_options}-option questions: position {position} holds {count} of {total} answers"
                    f" ({count / total:.0%}), above {bound:.0%}"
                )
    share = same_as_previous(questions)
    if share > MAX_SAME_AS_PREVIOUS:
        found.append(
            f"the answer repeats the previous question's position in {share:.0%}, above {MAX_SAME_AS_PREVIOUS:.0%}"
        )
    return found


def test_option_length_and_position_give_nothing_away() -> None:
    assert problems(data.questions()) == []


def test_every_position_is_used_in_each_chapter() -> None:
    # A chapter of 5 to 8 questions that never puts the answer in some position teaches that habit.
    by_chapter: dict[str, set[int]] = {}
    for q in data.questions():
        by_chapter.setdefault(q.chapter, set()).add(q.correct)
    assert {chapter: len(used) for chapter, used in by_chapter.items() if len(used) < 3} == {}


# --- the checks themselves, on biased copies ---------------------------------------------------


def _move_answer(question: data.Question, to: int) -> data.Question:
    options = list(question.options)
    options.insert(to, options.pop(question.correct))
    return dataclasses.replace(question, options=tuple(options), correct=to)


def _answer_padded(question: data.Question) -> data.Question:
    """The same question with its correct option made the longest in both languages."""
    longest = {lang: max(_lengths(question, lang)) for lang in LANGS}
    options = list(question.options)
    right = options[question.correct]
    options[question.correct] = data.Text(
        en=right.en + " " * (longest["en"] - len(right.en) + 1),
        fa=right.fa + " " * (longest["fa"] - len(right.fa) + 1),
    )
    return dataclasses.replace(question, options=tuple(options))


def test_a_set_where_the_longest_option_wins_is_caught() -> None:
    found = problems([_answer_padded(q) for q in data.questions()])
    assert any(p.startswith("en: the longest option is correct in 100%") for p in found), found
    assert any(p.startswith("fa: the longest option is correct in 100%") for p in found), found


@pytest.mark.parametrize("n_options", [3, 4])
def test_a_set_where_the_answer_is_always_first_is_caught(n_options: int) -> None:
    found = problems([_move_answer(q, 0) for q in data.questions()])
    assert f"{n_options}-option questions: position 0 holds" in " ".join(found)
    assert any(p.startswith("the answer repeats the previous question's position in 100%") for p in found)
