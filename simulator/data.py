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
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml

from simulator.models.metrics import RATIOS
from simulator.pages import PAGE_PARAMS
from simulator.params import Lang, ParameterError, Parameters
from simulator.persian import term_pattern

__all__ = [
    "DATA_DIR",
    "PERIODS_PER_YEAR",
    "Basis",
    "Benchmark",
    "DataError",
    "Example",
    "FaqEntry",
    "GlossaryTerm",
    "LearningStep",
    "Metric",
    "PageDefaults",
    "ParameterBenchmark",
    "Position",
    "Preset",
    "Question",
    "Scenario",
    "Source",
    "Strategy",
    "Term",
    "Text",
    "benchmark",
    "benchmarks",
    "benchmarks_for",
    "check_defaults",
    "examples",
    "faq",
    "glossary",
    "learning_path",
    "load_entries",
    "metrics",
    "page_defaults",
    "presets",
    "questions",
    "scenario",
    "scenario_inputs",
    "scenario_values",
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


PERIODS_PER_YEAR: dict[str, float] = {"year": 1.0, "quarter": 4.0, "month": 12.0, "week": 52.0, "day": 365.0}
"""Periods in a year, for rates per period (Bass p and q): in the continuous model a rate
per week is the rate per year ÷ 52."""

Position = Literal["below", "typical", "high", "exceptional"]
"""Where a value sits against a benchmark: under its typical range, in it, above it, or at
or past its exceptional threshold."""


@dataclass(frozen=True)
class Source:
    """A published source: who (author or organisation), what, and when."""

    author: str
    title: str
    year: int
    url: str = ""


@dataclass(frozen=True)
class ParameterBenchmark:
    """A range for a simulator input or a metric (``playbook_data/benchmarks.yml``).

    ``parameter`` is the declared parameter (``share_rate``, ``fanout``, ``p``) or metric
    ratio (``engagement_rate_reach``) it bounds, on the simulator ``pages`` where the name
    means this quantity (``conversion_rate`` is per reached person in the share loop, per
    invite in the referral loop, per click in the metrics). ``low``–``high`` is the typical
    range and ``exceptional`` the threshold of rare values, in ``unit`` (fractions 0–1 for
    rates), per ``time_unit`` when the value is a rate per period. Either ``sources`` back
    it, or it is a ``house_assumption`` whose text gives the reason or derivation (sources
    it is derived from may be listed too).
    """

    id: str
    parameter: str
    pages: tuple[str, ...]
    platform: Text
    unit: Text
    low: float
    high: float
    exceptional: float
    note: Text
    sources: tuple[Source, ...] = ()
    house_assumption: Text | None = None
    time_unit: str = ""

    def in_own_unit(self, value: float, time_unit: str = "") -> float:
        """``value``, a rate per ``time_unit``, as a rate per this benchmark's time unit
        (continuous-time rates scale with the period: 0.01 per week = 0.52 per year)."""
        if not self.time_unit or not time_unit or time_unit == self.time_unit:
            return value
        return value * PERIODS_PER_YEAR[time_unit] / PERIODS_PER_YEAR[self.time_unit]

    def position(self, value: float, time_unit: str = "") -> Position:
        """Where ``value`` (per ``time_unit``, if a rate per period) sits: below, typical
        (low ≤ value ≤ high), high (above high, under exceptional) or exceptional."""
        own = self.in_own_unit(value, time_unit)
        if own >= self.exceptional:
            return "exceptional"
        if own > self.high:
            return "high"
        return "below" if own < self.low else "typical"


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
    the page's parameter class when the app registers its pages. ``basis`` says where each
    benchmarked input comes from (see :class:`Basis`); ``period`` is the time one step stands
    for where the page's rates are per period (Bass: ``year``, ``week``...)."""

    id: str
    page: str
    name: Text
    description: Text
    chapter: str
    values: Mapping[str, Any]
    basis: Mapping[str, Any] = field(default_factory=dict)
    period: str = ""


@dataclass(frozen=True)
class Example:
    """A worked example of a chapter that is not an app preset: the inputs a page's value
    markers run (``<!-- smm:value preset=<id> ... -->``), declared once, with their basis."""

    id: str
    page: str
    chapter: str
    values: Mapping[str, Any]
    basis: Mapping[str, Any] = field(default_factory=dict)
    period: str = ""


Scenario = Preset | Example


@dataclass(frozen=True)
class PageDefaults:
    """The basis of a simulator page's default inputs (``defaults.yml``): ``id`` is the page,
    ``basis`` as a preset's (:class:`Basis`), for the inputs its declarations default."""

    id: str
    basis: Mapping[str, Any] = field(default_factory=dict)


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


@functools.cache
def presets() -> tuple[Preset, ...]:
    """The app's presets, each with its values and their basis checked."""
    found: tuple[Preset, ...] = _cached("presets.yml", Preset)
    _check_scenarios(found, "presets.yml")
    return found


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


# --- benchmarks, and the basis of every preset and worked example --------------------------

BENCHMARKED_AS: dict[str, str] = {
    "response_share_rate": "share_rate",
    "response_fanout": "fanout",
    "share_rate_min": "share_rate",
    "share_rate_max": "share_rate",
}
"""Parameters that carry the same quantity as another under their own name: the crisis
answer's share rate and fan-out are a share rate and a fan-out, a sweep's ends are share rates."""

METRIC_SHARE_RATE = ("shares", "reach")
"""On the metrics page, ``share_rate`` is shares per person reached, from the counts."""


def benchmarked_as(name: str) -> str:
    """The quantity a parameter carries, as ``benchmarks.yml`` names it."""
    return BENCHMARKED_AS.get(name, name)


def _page_quantities(page: str) -> set[str]:
    """What a benchmark may bound on a simulator page: its parameters (as benchmarked), or
    on the metrics page its ratios and the share rate per reached person."""
    if page == "metrics":
        return {*RATIOS, "share_rate"}
    return {benchmarked_as(name) for name in PAGE_PARAMS[page].specs()}


def _check_page(page: str, path: Path, entry: str, name: str) -> None:
    """DataError unless ``page`` (field ``name`` of ``entry``) is a simulator page."""
    if page not in PAGE_PARAMS:
        raise DataError(path, entry, name, f"{page!r} is not a simulator page ({', '.join(PAGE_PARAMS)})")


def _check_benchmark(b: ParameterBenchmark, path: Path) -> None:
    if not 0 <= b.low <= b.high <= b.exceptional:
        raise DataError(
            path, b.id, "exceptional", f"needs 0 ≤ low ≤ high ≤ exceptional, got {b.low}, {b.high}, {b.exceptional}"
        )
    if not b.sources and b.house_assumption is None:
        raise DataError(path, b.id, "sources", "are missing: name a source, or give the house assumption and why")
    if b.time_unit and b.time_unit not in PERIODS_PER_YEAR:
        raise DataError(path, b.id, "time_unit", f"must be one of {', '.join(PERIODS_PER_YEAR)}, got {b.time_unit!r}")
    if not b.pages:
        raise DataError(path, b.id, "pages", "must name at least one simulator page")
    for index, page in enumerate(b.pages):
        _check_page(page, path, b.id, f"pages[{index}]")
        if b.parameter not in _page_quantities(page):
            raise DataError(path, b.id, "parameter", f"{b.parameter!r} is not an input of page {page!r}")


def load_benchmarks(path: Path) -> tuple[ParameterBenchmark, ...]:
    """The benchmarks of a YAML file, each checked: entries and fields as the schema says,
    0 ≤ low ≤ high ≤ exceptional, a source or a house assumption, known pages and parameters."""
    found = load_entries(path, ParameterBenchmark)
    for b in found:
        _check_benchmark(b, path)
    return found


@functools.cache
def benchmarks() -> tuple[ParameterBenchmark, ...]:
    """Every entry of ``benchmarks.yml``, validated."""
    return load_benchmarks(DATA_DIR / "benchmarks.yml")


def benchmark(benchmark_id: str) -> ParameterBenchmark:
    """One benchmark by id; KeyError naming the known ids if there is none."""
    found = {b.id: b for b in benchmarks()}
    if benchmark_id not in found:
        raise KeyError(f"{benchmark_id!r} is not in benchmarks.yml ({', '.join(found)})")
    return found[benchmark_id]


def benchmarks_for(parameter: str, page: str) -> tuple[ParameterBenchmark, ...]:
    """The benchmarks of a parameter (by its declared name) on a simulator page, e.g. to
    say where a value sits: ``benchmarks_for("share_rate", "share")[0].position(0.004)``."""
    quantity = benchmarked_as(parameter)
    return tuple(b for b in benchmarks() if b.parameter == quantity and page in b.pages)


BasisKind = Literal["benchmark", "viral case", "house assumption"]


@dataclass(frozen=True)
class Basis:
    """Where one input of a scenario comes from.

    - ``benchmark``: the value sits in the typical range of ``benchmark`` (an id).
    - ``viral case``: the value is deliberately above that range (a post built to spread),
      and ``reason`` says why the example needs it.
    - ``house assumption``: no published range fits; ``reason`` says where it comes from.
    """

    kind: BasisKind
    benchmark: str = ""
    reason: Text | None = None


def _parse_basis(raw: object, path: Path, entry: str, name: str) -> Basis:
    """``<benchmark id>``, ``{viral case: <id>, why: {en, fa}}`` or ``{house assumption: {en, fa}}``."""
    if isinstance(raw, str) and raw.strip():
        return Basis("benchmark", benchmark=raw.strip())
    if isinstance(raw, Mapping) and set(raw) == {"viral case", "why"} and isinstance(raw["viral case"], str):
        return Basis(
            "viral case", benchmark=raw["viral case"], reason=_check_text(raw["why"], path, entry, f"{name}.why")
        )
    if isinstance(raw, Mapping) and set(raw) == {"house assumption"}:
        return Basis(
            "house assumption", reason=_check_text(raw["house assumption"], path, entry, f"{name}.house assumption")
        )
    raise DataError(
        path,
        entry,
        name,
        "must be a benchmark id, {viral case: <benchmark id>, why: {en, fa}} or {house assumption: {en, fa}}",
    )


def _input_value(values: Mapping[str, Any], key: str, page: str) -> float | None:
    """A scenario's value of ``key``; on the metrics page a ratio of its counts (None if undefined)."""
    if page != "metrics":
        return _number(values.get(key))
    num, den = METRIC_SHARE_RATE if key == "share_rate" else (RATIOS[key].numerator.name, RATIOS[key].denominator.name)
    numerator, denominator = _number(values.get(num)), _number(values.get(den))
    return None if numerator is None or not denominator else numerator / denominator


def _number(value: object) -> float | None:
    """A value as a number: markers pass their overrides as text ("0.006")."""
    try:
        return None if value is None or isinstance(value, bool) else float(value)  # type: ignore[arg-type]
    except ValueError:
        return None


def _required_basis(values: Mapping[str, Any], page: str) -> list[str]:
    """Inputs that need a basis: every given value some benchmark bounds on the page (the
    metrics page takes counts, so there only the ratios a scenario declares are checked)."""
    if page == "metrics":
        return []
    return [key for key in values if benchmarks_for(key, page)]


def check_basis(
    values: Mapping[str, Any], basis: Mapping[str, Any], page: str, period: str, path: Path, entry: str
) -> dict[str, Basis]:
    """Check a scenario's inputs against their declared basis; DataError naming the input,
    its value and the range it left. Returns the parsed basis by input."""
    if period and period not in PERIODS_PER_YEAR:
        raise DataError(path, entry, "period", f"must be one of {', '.join(PERIODS_PER_YEAR)}, got {period!r}")
    missing = [key for key in _required_basis(values, page) if key not in basis]
    if missing:
        raise DataError(
            path, entry, f"basis.{missing[0]}", "is missing: name a benchmark id, a viral case or a house assumption"
        )
    parsed: dict[str, Basis] = {}
    known = _page_quantities(page) if page == "metrics" else set(values)
    for key, raw in basis.items():
        where = f"basis.{key}"
        if key not in known:
            raise DataError(path, entry, where, f"is not an input of this {page!r} scenario")
        parsed[key] = found = _parse_basis(raw, path, entry, where)
        if found.kind == "house assumption":
            continue
        try:
            b = benchmark(found.benchmark)
        except KeyError as error:
            raise DataError(path, entry, where, str(error.args[0])) from None
        if b.parameter != benchmarked_as(key) or page not in b.pages:
            raise DataError(path, entry, where, f"benchmark {b.id!r} bounds {b.parameter!r} on {', '.join(b.pages)}")
        if b.time_unit and not period:
            raise DataError(path, entry, "period", f"is missing: benchmark {b.id!r} is a rate per {b.time_unit}")
        value = _input_value(values, key, page)
        if value is None:
            raise DataError(path, entry, where, f"{key} cannot be computed from this scenario's values")
        place = b.position(value, period)
        wanted = ("typical",) if found.kind == "benchmark" else ("high", "exceptional")
        if place not in wanted:
            per = f" per {period}" if period else ""
            raise DataError(
                path,
                entry,
                where,
                f"{key} = {value:g}{per} sits {place} against {b.id!r} (typical {b.low:g}–{b.high:g}, "
                f"exceptional from {b.exceptional:g}{f' per {b.time_unit}' if b.time_unit else ''}); "
                + (
                    "a value above the typical range is a viral case"
                    if found.kind == "benchmark"
                    else "a viral case must sit above the typical range"
                ),
            )
    return parsed


def _check_scenarios(found: tuple[Any, ...], name: str) -> None:
    path = DATA_DIR / name
    for s in found:
        _check_page(s.page, path, s.id, "page")
        if "period" in s.values:
            raise DataError(path, s.id, "values.period", "is the scenario's `period` field: give the time unit there")
        check_preset_values(s, PAGE_PARAMS[s.page], path)
        check_basis(s.values, s.basis, s.page, s.period, path, s.id)


@functools.cache
def examples() -> tuple[Example, ...]:
    """The chapters' worked examples (``examples.yml``), checked like presets; their ids
    share one namespace with the presets, since value markers name either."""
    found: tuple[Example, ...] = _cached("examples.yml", Example)
    _check_scenarios(found, "examples.yml")
    preset_ids = {p.id for p in presets()}
    for e in found:
        if e.id in preset_ids:
            raise DataError(DATA_DIR / "examples.yml", e.id, "id", "is also a preset id in presets.yml")
    return found


@functools.cache
def page_defaults() -> dict[str, PageDefaults]:
    """The declared basis of each page's defaults (``defaults.yml``), by page."""
    path = DATA_DIR / "defaults.yml"
    found: tuple[PageDefaults, ...] = _cached("defaults.yml", PageDefaults)
    for entry in found:
        _check_page(entry.id, path, entry.id, "id")
    return {entry.id: entry for entry in found}


def check_defaults(page: str, values: Mapping[str, Any]) -> dict[str, Basis]:
    """Check a page's default inputs ``values`` (every input the page shows, with its declared
    default) against the basis ``defaults.yml`` gives them; DataError naming the input, its
    value and the range it left, or the input that has no basis. Rates per period are read
    per the page's own ``period`` input (the Bass page)."""
    entry = page_defaults().get(page, PageDefaults(page))
    period = str(values.get("period") or "")
    return check_basis(values, entry.basis, page, period, DATA_DIR / "defaults.yml", page)


def scenario_values(found: Scenario) -> dict[str, Any]:
    """A scenario's inputs as its page takes them: its values, and its ``period`` where the
    page has a period input (the Bass page's p and q are rates per that period)."""
    takes_period = found.period and "period" in PAGE_PARAMS[found.page].specs()
    return {**found.values, **({"period": found.period} if takes_period else {})}


def scenario(scenario_id: str) -> Scenario:
    """A preset or worked example by id; KeyError naming the known ids if there is none."""
    found: dict[str, Scenario] = {s.id: s for s in (*presets(), *examples())}
    if scenario_id not in found:
        raise KeyError(f"{scenario_id!r} is neither in presets.yml nor in examples.yml")
    return found[scenario_id]


def scenario_inputs(found: Scenario, params: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """The inputs a value marker runs: the scenario's values that the model (with parameter
    declarations ``params``) takes, with the marker's ``overrides`` on top. The overridden
    scenario must still fit its basis (ValueError naming the input otherwise): an override
    may not leave the range of its input's basis, nor set a benchmarked input without one."""
    merged = {**found.values, **overrides}
    where = DATA_DIR / ("presets.yml" if isinstance(found, Preset) else "examples.yml")
    try:
        check_basis(merged, found.basis, found.page, found.period, where, found.id)
    except DataError as error:
        raise ValueError(f"with the marker's overrides, {error}") from None
    return {k: v for k, v in merged.items() if k in params}
