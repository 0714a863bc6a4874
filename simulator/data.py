"""Load and validate ``playbook_data/*.yml``, the single source of structured playbook content.

Each file is a list of entries (or, for ``ui.yml``, a mapping of keys to texts). Entries
are checked against small frozen dataclasses: every field present and of the right kind,
no unknown fields (typos fail loudly), ids unique, and every text in both languages.
A bad file raises :class:`DataError` naming the file, the entry and the field, so a site
build or an app start stops with a message a writer can act on.
"""

from __future__ import annotations

import functools
import os
import types
import typing
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml

from simulator.params import Lang, ParameterError, Parameters
from simulator.persian import term_pattern

__all__ = [
    "DATA_DIR",
    "Benchmark",
    "DataError",
    "FaqEntry",
    "GlossaryTerm",
    "LearningStep",
    "Metric",
    "Preset",
    "Question",
    "Strategy",
    "Term",
    "Text",
    "faq",
    "glossary",
    "learning_path",
    "load_entries",
    "metrics",
    "presets",
    "questions",
    "strategies",
    "termbase",
    "ui",
]

# Overridable so a test can build the site from a deliberately broken copy of the data.
DATA_DIR = Path(os.environ.get("SMM_DATA_DIR") or Path(__file__).resolve().parent.parent / "playbook_data")

LANGS: tuple[Lang, ...] = ("en", "fa")


class DataError(ValueError):
    """A playbook data file that does not match its schema."""

    def __init__(self, path: Path, entry: str | None, field: str | None, problem: str) -> None:
        where = [str(_shown(path))]
        if entry is not None:
            where.append(f"entry '{entry}'")
        if field is not None:
            where.append(f"field '{field}'")
        super().__init__(f"{': '.join(where)}: {problem}")
        self.path, self.entry, self.field = path, entry, field


def _shown(path: Path) -> Path:
    try:
        return path.relative_to(DATA_DIR.parent)
    except ValueError:
        return path


@dataclass(frozen=True)
class Text:
    """A text in both languages. ``text("fa")`` picks one."""

    en: str
    fa: str

    def __call__(self, lang: Lang = "en") -> str:
        return self.fa if lang == "fa" else self.en


@dataclass(frozen=True)
class Benchmark:
    """A published range for a metric (fractions 0–1 for rates), with its source and year."""

    platform: Text
    low: float
    high: float
    source: str
    year: int
    url: str = ""
    note: Text | None = None


@dataclass(frozen=True)
class Metric:
    """A tracking metric: ``id`` matches a ratio in :mod:`simulator.models.metrics`."""

    id: str
    name: Text
    definition: Text
    measure: Text
    pitfalls: tuple[Text, ...]
    goal_example: Text
    benchmarks: tuple[Benchmark, ...] = ()


@dataclass(frozen=True)
class GlossaryTerm:
    """A term shown in the glossary and as a hover tooltip where it appears in a page.

    ``match`` lists the exact words (per language) that get the tooltip.
    """

    id: str
    term: Text
    definition: Text
    match_en: tuple[str, ...] = ()
    match_fa: tuple[str, ...] = ()


@dataclass(frozen=True)
class FaqEntry:
    id: str
    question: Text
    answer: Text
    chapter: str = ""


@dataclass(frozen=True)
class Strategy:
    id: str
    name: Text
    summary: Text
    when: Text
    steps: tuple[Text, ...]
    metric: str
    risk: Text


@dataclass(frozen=True)
class Preset:
    """A named simulator scenario tied to a playbook chapter; ``values`` are checked against
    the page's parameter class when the app registers its pages."""

    id: str
    page: str
    name: Text
    description: Text
    chapter: str
    values: Mapping[str, Any]


@dataclass(frozen=True)
class Question:
    """A self-check question: one correct option, with an explanation."""

    id: str
    chapter: str
    question: Text
    options: tuple[Text, ...]
    correct: int
    explanation: Text


@dataclass(frozen=True)
class LearningStep:
    """One stop on the onboarding learning path: ``id`` is the page (``strategies/crm.md``),
    ``minutes`` the time to read it and do its self-check, ``outcome`` what the reader can do after."""

    id: str
    title: Text
    minutes: int
    outcome: Text


@dataclass(frozen=True)
class Term:
    """One concept in the Persian termbase: ``fa`` is the one term the playbook uses for ``en``;
    ``rejected`` lists variants (calques, other spellings of a name) that must not appear in
    Persian pages, data or UI strings; ``note`` says why, or how to use the term in prose."""

    id: str
    en: str
    fa: str
    rejected: tuple[str, ...]
    note: Text | None = None


E = TypeVar("E")


def _check_text(value: object, path: Path, entry: str, name: str) -> Text:
    if not isinstance(value, Mapping):
        raise DataError(path, entry, name, "must have an 'en' and an 'fa' text")
    unknown = set(value) - set(LANGS)
    if unknown:
        raise DataError(path, entry, name, f"unknown language(s) {sorted(unknown)}; use 'en' and 'fa'")
    for lang in LANGS:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise DataError(path, entry, f"{name}.{lang}", "is missing or empty: every text needs both languages")
    return Text(en=value["en"].strip(), fa=value["fa"].strip())


def _convert(kind: Any, value: object, path: Path, entry: str, name: str) -> Any:
    """Check ``value`` against a field type and return it in the dataclass's form."""
    origin = typing.get_origin(kind)
    if origin in (types.UnionType, typing.Union):
        options = [k for k in typing.get_args(kind) if k is not type(None)]
        return None if value is None else _convert(options[0], value, path, entry, name)
    if kind is Text:
        return _check_text(value, path, entry, name)
    if origin is tuple:
        item = typing.get_args(kind)[0]
        if not isinstance(value, list):
            raise DataError(path, entry, name, "must be a list")
        return tuple(_convert(item, v, path, entry, f"{name}[{i}]") for i, v in enumerate(value))
    if origin in (Mapping, dict) or kind is Mapping:
        if not isinstance(value, Mapping):
            raise DataError(path, entry, name, "must be a mapping")
        return dict(value)
    if is_dataclass(kind):
        return _build(kind, value, path, entry, prefix=f"{name}.")  # type: ignore[arg-type]
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise DataError(path, entry, name, f"must be a number, got {value!r}")
        return float(value)
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise DataError(path, entry, name, f"must be a whole number, got {value!r}")
        return value
    if kind is str:
        if not isinstance(value, str) or not value.strip():
            raise DataError(path, entry, name, f"must be a non-empty text, got {value!r}")
        return value.strip()
    raise TypeError(f"unsupported field type {kind!r}")  # a schema bug, not a data bug


def _build(cls: type[E], raw: object, path: Path, entry: str, prefix: str = "") -> E:
    if not isinstance(raw, Mapping):
        raise DataError(path, entry, prefix.rstrip(".") or None, "must be a mapping of fields")
    hints = typing.get_type_hints(cls)
    known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(raw) - known)
    if unknown:
        raise DataError(path, entry, prefix + unknown[0], f"is not a known field (known: {', '.join(sorted(known))})")
    values = {}
    for f in fields(cls):  # type: ignore[arg-type]
        if f.name not in raw:
            if f.default is MISSING and f.default_factory is MISSING:
                raise DataError(path, entry, prefix + f.name, "is missing")
            continue
        values[f.name] = _convert(hints[f.name], raw[f.name], path, entry, prefix + f.name)
    return cls(**values)


def read_yaml(path: Path) -> Any:
    """The parsed YAML of ``path``; a DataError naming the file if it cannot be read or parsed."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise DataError(path, None, None, f"is not valid YAML: {error}") from None
    except OSError as error:
        raise DataError(path, None, None, f"cannot be read: {error.strerror}") from None


def load_entries(path: Path, cls: type[E]) -> tuple[E, ...]:
    """Load a list of entries of type ``cls`` from a YAML file, validating each."""
    raw = read_yaml(path)
    if not isinstance(raw, list):
        raise DataError(path, None, None, "must be a list of entries")
    entries: list[E] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        entry = str(item.get("id")) if isinstance(item, Mapping) and item.get("id") else f"#{index + 1}"
        built = _build(cls, item, path, entry)
        if entry in seen:
            raise DataError(path, entry, "id", "is used twice")
        seen.add(entry)
        entries.append(built)
    return tuple(entries)


def load_texts(path: Path) -> dict[str, Text]:
    """Load a mapping of key -> bilingual text (``ui.yml``)."""
    raw = read_yaml(path)
    if not isinstance(raw, Mapping):
        raise DataError(path, None, None, "must be a mapping of key: {en, fa}")
    return {str(key): _check_text(value, path, str(key), "text") for key, value in raw.items()}


def check_preset_values(preset: Preset, params_cls: type[Parameters], path: Path | None = None) -> Parameters:
    """Validate a preset's values against its page's parameter class; DataError if not."""
    where = path or DATA_DIR / "presets.yml"
    unknown = sorted(set(preset.values) - set(params_cls.specs()))
    if unknown:
        raise DataError(where, preset.id, f"values.{unknown[0]}", f"is not a parameter of page '{preset.page}'")
    try:
        return params_cls.from_mapping(preset.values)
    except ParameterError as error:
        raise DataError(where, preset.id, f"values.{error.name}", error.describe()) from None


@functools.cache
def _cached(name: str, cls: type) -> tuple[Any, ...]:
    return load_entries(DATA_DIR / name, cls)


def metrics() -> tuple[Metric, ...]:
    return _cached("metrics.yml", Metric)


def glossary() -> tuple[GlossaryTerm, ...]:
    return _cached("glossary.yml", GlossaryTerm)


def faq() -> tuple[FaqEntry, ...]:
    return _cached("faq.yml", FaqEntry)


def strategies() -> tuple[Strategy, ...]:
    return _cached("strategies.yml", Strategy)


def presets() -> tuple[Preset, ...]:
    return _cached("presets.yml", Preset)


def questions() -> tuple[Question, ...]:
    found = _cached("questions.yml", Question)
    for q in found:
        if not 0 <= q.correct < len(q.options):
            raise DataError(
                DATA_DIR / "questions.yml", q.id, "correct", f"must index one of the {len(q.options)} options"
            )
    return found


def learning_path() -> tuple[LearningStep, ...]:
    found = _cached("onboarding.yml", LearningStep)
    for step in found:
        if not 1 <= step.minutes <= 600:
            raise DataError(DATA_DIR / "onboarding.yml", step.id, "minutes", "must be between 1 and 600")
    return found


def _check_terms(terms: tuple[Term, ...], path: Path) -> None:
    """A rejected variant must not be an accepted term, be listed twice, or occur inside an
    accepted term: the variant scan would then flag the playbook's own vocabulary."""
    owner: dict[str, str] = {}
    for term in terms:
        if not any("\u0600" <= ch <= "\u06ff" for ch in term.fa):
            raise DataError(path, term.id, "fa", f"«{term.fa}» is not a Persian term")
        if not term.rejected:
            raise DataError(path, term.id, "rejected", "list at least one variant to flag")
        for index, variant in enumerate(term.rejected):
            if variant in owner:
                raise DataError(
                    path, term.id, f"rejected[{index}]", f"«{variant}» is already rejected by '{owner[variant]}'"
                )
            owner[variant] = term.id
            pattern = term_pattern(variant)
            for other in terms:
                if pattern.search(other.fa):
                    raise DataError(
                        path,
                        term.id,
                        f"rejected[{index}]",
                        f"«{variant}» would flag the accepted term «{other.fa}» of '{other.id}'",
                    )


def termbase() -> tuple[Term, ...]:
    """The Persian termbase (``playbook_data/termbase.yml``), checked as a whole."""
    found = _cached("termbase.yml", Term)
    _check_terms(found, DATA_DIR / "termbase.yml")
    return found


@functools.cache
def ui() -> dict[str, Text]:
    """UI strings of the app, by key."""
    return load_texts(DATA_DIR / "ui.yml")
