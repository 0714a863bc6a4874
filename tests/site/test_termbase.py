"""The Persian termbase: one term per concept, and no rejected variant anywhere a Persian reader
looks (the Persian pages, the Persian texts in playbook_data, the app's strings)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from simulator import data
from simulator.persian import variants_in
from tests.support import DOCS, ROOT

TERMBASE = "termbase.yml"


def _variants() -> dict[str, str]:
    return {variant: term.fa for term in data.termbase() for variant in term.rejected}


def persian_sources() -> list[Path]:
    """Every file with Persian a reader sees: the Persian pages, the data (but the termbase,
    which lists the variants on purpose) and the Python that holds the app's and CLI's strings."""
    pages = sorted((DOCS / "fa").rglob("*.md"))
    texts = sorted(p for p in data.DATA_DIR.glob("*.yml") if p.name != TERMBASE)
    code = sorted((ROOT / "simulator").rglob("*.py"))
    return [*pages, *texts, *code]


def test_the_scan_covers_pages_data_and_app_strings() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in persian_sources()}
    assert {"docs/fa/strategies/viral-marketing.md", "playbook_data/ui.yml", "simulator/declarations.py"} <= names
    assert f"playbook_data/{TERMBASE}" not in names


# A line that reads what users write (a column heading alias in simulator/exports.py) may hold a
# rejected spelling: it is recognised in their files, never shown as ours.
INPUT_SPELLING = "# termbase: input"


def test_no_rejected_variant_in_persian_text() -> None:
    variants = _variants()
    found = []
    for path in persian_sources():
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for line, variant, accepted in variants_in(text, variants):
            if INPUT_SPELLING not in lines[line - 1]:
                found.append(f"{path.relative_to(ROOT)}:{line}: «{variant}» → «{accepted}»")
    assert not found, "rejected variants (playbook_data/termbase.yml):\n" + "\n".join(found)


def test_termbase_settles_the_terms_the_review_named() -> None:
    settled = {term.id: (term.fa, set(term.rejected)) for term in data.termbase()}
    assert settled["vosoughi"] == ("وثوقی", {"وسوقی", "وثوغی"})
    assert settled["sweep"][0] == "حساسیت‌سنجی"
    assert "جاروب" in settled["sweep"][1]
    assert settled["reach"][0] == "دسترسی"
    assert "افراد در دسترس" in settled["reach"][1]
    assert settled["main-tone"][1] == {"نت اصلی"}
    assert "به توان ۱/۶" in settled["power-one-sixth"][1]


# --- the matching rule ----------------------------------------------------------------------------


def test_variants_are_found_as_whole_words_with_their_line() -> None:
    text = "سطر اول\nاز جاروب و جاروب‌ها\nجاروبی نیست؛ نرخ اشتراک‌گذاری درست است، نرخ اشتراک نه.\n"
    variants = {"جاروب": "حساسیت‌سنجی", "نرخ اشتراک": "نرخ اشتراک‌گذاری"}
    assert variants_in(text, variants) == [
        (2, "جاروب", "حساسیت‌سنجی"),
        (2, "جاروب", "حساسیت‌سنجی"),
        (3, "نرخ اشتراک", "نرخ اشتراک‌گذاری"),
    ]


# --- a broken termbase is refused, naming file, entry and field ----------------------------------

GOOD = [
    {"id": "sweep", "en": "sweep", "fa": "حساسیت‌سنجی", "rejected": ["جاروب"]},
    {"id": "share-rate", "en": "share rate", "fa": "نرخ اشتراک‌گذاری", "rejected": ["نرخ بازنشر"]},
]


@pytest.fixture
def termbase_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    def write(entries: list[dict[str, object]]) -> None:
        (tmp_path / TERMBASE).write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")

    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    data._cached.cache_clear()
    yield write
    data._cached.cache_clear()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda e: e[1]["rejected"].append("جاروب"),
            "termbase.yml: entry 'share-rate': field 'rejected[1]': «جاروب» is already rejected by 'sweep'",
        ),
        (
            lambda e: e[0]["rejected"].append("نرخ اشتراک‌گذاری"),
            "termbase.yml: entry 'sweep': field 'rejected[1]': «نرخ اشتراک‌گذاری» would flag the accepted term "
            "«نرخ اشتراک‌گذاری» of 'share-rate'",
        ),
        (lambda e: e[0].update(fa="sweep"), "termbase.yml: entry 'sweep': field 'fa': «sweep» is not a Persian term"),
        # Characters above the Arabic block (an en dash, the zero-width non-joiner) are not Persian letters.
        (
            lambda e: e[0].update(fa="A/B test – v2\u200c"),
            "termbase.yml: entry 'sweep': field 'fa': «A/B test – v2\u200c» is not a Persian term",
        ),
        (
            lambda e: e[1].update(rejected=[]),
            "termbase.yml: entry 'share-rate': field 'rejected': list at least one variant",
        ),
        (lambda e: e[0].pop("rejected"), "termbase.yml: entry 'sweep': field 'rejected': is missing"),
    ],
    ids=[
        "twice",
        "flags an accepted term",
        "not Persian",
        "beyond the Arabic block",
        "nothing rejected",
        "missing field",
    ],
)
def test_broken_termbase_names_file_entry_and_field(termbase_dir, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    entries = [dict(e, rejected=list(e["rejected"])) for e in GOOD]
    termbase_dir(entries)
    assert [t.id for t in data.termbase()] == ["sweep", "share-rate"]
    data._cached.cache_clear()
    edit(entries)
    termbase_dir(entries)
    with pytest.raises(data.DataError, match=re.escape(message)):
        data.termbase()
