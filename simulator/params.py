"""Parameter declarations: the one place where a parameter's bounds, default and labels live.

Every model argument is a :class:`Param`. Validation, the ``smm`` flags, the Streamlit
widgets and the docs tables all read these declarations, so a bound is written once and
the error message is built from the same numbers the check uses (networkx habit: the
message comes from the check).

Model parameter objects are frozen dataclasses whose fields are made with
:func:`declared`; :class:`Parameters` validates every field on construction.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, Self

__all__ = [
    "AmbiguousCommaError",
    "Lang",
    "Param",
    "ParameterError",
    "Parameters",
    "declared",
    "format_number",
    "link_text",
    "localize_numbers",
    "read_number",
]

Lang = Literal["en", "fa"]

Number = int | float
Value = int | float | str | None


def format_number(value: float | int, digits: int = 4) -> str:
    """Readable number: thousands separators, no trailing zeros, at most ``digits`` significant
    decimals for fractions (``1000000 -> '1,000,000'``, ``0.05 -> '0.05'``)."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or (math.isfinite(value) and float(value).is_integer() and abs(value) >= 1):
        return f"{int(value):,}"
    if not math.isfinite(value):
        return str(value)
    if abs(value) >= 1000:
        return f"{value:,.1f}"
    text = f"{value:.{digits}g}" if abs(value) < 1 else f"{value:,.{digits}g}"
    if "e" in text:
        text = f"{value:.{digits + 6}f}".rstrip("0").rstrip(".")
    return text


def link_text(value: Value) -> str:
    """A value as the app's shareable links write it: text as is, a float exactly (``repr``, read
    back to the same float by :meth:`Param.parse`), a whole number plainly."""
    return value if isinstance(value, str) else repr(value) if isinstance(value, float) else str(value)


def exact_number(value: float | int) -> str:
    """A number shown exactly as it is held, with thousands separators (``5000.001 ->
    '5,000.001'``, ``1e308 -> '1e+308'``): for limits and rejected values, where
    :func:`format_number`'s rounding would say "20 is too large: at most 20"."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        digits = str(abs(value))
        if len(digits) > 18:  # a huge integer from the API: its size, not all its digits
            return f"{'-' if value < 0 else ''}{digits[:6]}… ({len(digits)} digits)"
        return f"{value:,}"
    if math.isfinite(value):
        value = float(f"{value:.15g}")  # a computed limit (3650 x 0.1) without its last-bit noise
        # Every whole float up to 2**53 is exact, so it prints as the integer it is
        # (1e15 -> "1,000,000,000,000,000", not "...000.0"); beyond that, its exponent.
        if value.is_integer() and abs(value) <= 2**53:
            return f"{int(value):,}"
    return f"{value:,}"


SHOWN_CHARS = 24
"""Longest typed value echoed whole in a message; a longer one is cut with an ellipsis."""


def shown_text(text: str) -> str:
    """``text`` as typed, cut to :data:`SHOWN_CHARS` (a 309-digit number is not echoed whole)."""
    text = text.strip()
    if len(text) <= SHOWN_CHARS:
        return text
    return f"{text[: SHOWN_CHARS - 8]}… ({len(text):,} characters)"


class ParameterError(ValueError):
    """A parameter value outside its declared range (or of the wrong kind).

    ``name`` is the parameter name, ``value`` the rejected value and ``allowed`` a short
    description of what is allowed, built from the declaration. :meth:`describe` renders
    the message with another display name (a CLI flag, a widget label).
    """

    def __init__(
        self,
        name: str,
        value: object,
        allowed: str,
        reason: str = "is outside the allowed range",
        related: tuple[str, ...] = (),
        allowed_fa: str | None = None,
        reason_fa: str | None = None,
        typed: str | None = None,
        whole: bool = False,
    ) -> None:
        self.name = name
        self.value = value
        self.typed = typed
        self.whole = whole  # show the value uncut (a file path names the file only whole)
        self.allowed = allowed
        self.reason = reason
        self.related = related
        self.allowed_fa = allowed_fa
        self.reason_fa = reason_fa or REASONS_FA.get(reason)
        super().__init__(self.describe())

    def describe(self, rename: Callable[[str], str] = str, lang: Lang = "en") -> str:
        """The message, with parameter names shown through ``rename`` (e.g. as CLI flags).

        ``related`` names other parameters the allowed range refers to (``at most
        audience = 1,000``); they are renamed too. In Persian the message uses the
        Persian wording where the check provided one, and Persian digits.
        """
        if self.whole:
            shown = repr(self.value)
        elif self.typed is not None:  # what the user typed, not our reading of it
            shown = shown_text(self.typed) or "(empty)"
            if not isinstance(self.value, int | float):  # text that is not a number reads as text
                shown = repr(shown)
        elif isinstance(self.value, int | float) and not isinstance(self.value, bool):
            shown = exact_number(self.value)
        elif isinstance(self.value, str):
            shown = repr(shown_text(self.value))
        else:
            shown = repr(self.value)
        persian = lang == "fa" and self.allowed_fa is not None and self.reason_fa is not None
        allowed = self.allowed_fa if persian else self.allowed
        if persian:  # Persian digits in our numbers; names, flags, paths and typed text stay as they are
            allowed = localize_numbers(allowed)  # type: ignore[arg-type]
            if isinstance(self.value, int | float):  # a number, typed or not, in Persian digits
                shown = localize_numbers(shown)
        for other in self.related:
            allowed = re.sub(rf"\b{re.escape(other)}\b", rename(other), allowed)  # type: ignore[arg-type]
        if persian:
            return f"{rename(self.name)} = {shown} {localize_numbers(self.reason_fa)}؛ مجاز: {allowed}"  # type: ignore[arg-type]
        return f"{rename(self.name)} = {shown} {self.reason}: {allowed}"


_NUMBER = re.compile(r"(?<![\w.\-/\\])-?\d+(?:[.,]\d+)*%?(?![\w\-])")
"""A number standing alone in a message (not part of a name such as UTF-8 or share_rate_2)."""


def localize_numbers(text: str) -> str:
    """Every number standing alone in ``text`` in Persian digits; names such as UTF-8 keep theirs."""
    return _NUMBER.sub(lambda m: localize_digits(m.group(0), "fa"), text)


REASONS_FA = {
    "is outside the allowed range": "خارج از بازهٔ مجاز است",
    "is required": "لازم است",
    "is not a valid choice": "گزینهٔ معتبری نیست",
    "is not a number": "عدد نیست",
    "is not a finite number": "عدد متناهی نیست",
    "is not a whole number": "عدد صحیح نیست",
    "is too large": "بیش از حد بزرگ است",
    "is too small": "بیش از حد کوچک است",
    "has a comma that is not a thousands separator": "ویرگولی دارد که جداکنندهٔ هزارگان نیست",
}
"""Persian wording of the standard reasons, so every check built on them speaks Persian."""

_PERSIAN_DIGITS = str.maketrans("0123456789.,%-", "۰۱۲۳۴۵۶۷۸۹٫٬٪−")


def localize_digits(text: str, lang: Lang) -> str:
    """Rewrite the digits and separators of English-formatted numbers for ``lang``."""
    return text.translate(_PERSIAN_DIGITS) if lang == "fa" else text


_NUMBER_TEXT = str.maketrans(
    {"٫": ".", "٬": ",", "،": ",", "−": "-", "_": "", "\u200c": ""}
    | {chr(0x06F0 + d): str(d) for d in range(10)}
    | {chr(0x0660 + d): str(d) for d in range(10)}
)
"""Persian/Arabic-Indic digits, the Persian decimal (٫) and thousands (٬) separators, the
Persian comma, the minus sign, and ``_`` grouping -> the plain text :func:`float` reads."""

_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?([eE][+-]?\d+)?")
"""A number whose commas are all thousands separators: ``1,000``, ``12,345.6``."""


class AmbiguousCommaError(ValueError):
    """A comma that is not a thousands separator (``1,5``): 1.5 in much of the world, 15 to Python."""


def read_number(text: str) -> float:
    """The number in ``text`` as people write it: ``1e6``, ``0.05``, ``1,000,000``, ``1_000``,
    Persian or Arabic-Indic digits with the Persian separators (``۲٫۵``, ``۱۰٬۰۰۰``) and the
    minus sign. Raises :class:`AmbiguousCommaError` for a comma that does not separate
    thousands, and :class:`ValueError` for text that is not a number. ``nan`` and ``inf``
    are read as such: the caller decides whether they are allowed."""
    plain = text.strip().translate(_NUMBER_TEXT)
    if "," in plain and not _GROUPED.fullmatch(plain):
        raise AmbiguousCommaError(text)
    return float(plain.replace(",", ""))


@dataclass(frozen=True)
class Param:
    """One declared parameter.

    ``kind`` is ``int`` (whole numbers, e.g. people), ``float`` (fractions, means,
    days) or ``str`` (a choice among ``choices``). ``unit`` is the English unit shown
    after numbers; ``unit_fa`` its Persian form. ``optional`` parameters may be ``None``
    (used by the metrics calculator, where each metric needs only some counts).
    """

    name: str
    kind: type
    default: Value
    label_en: str
    label_fa: str
    help_en: str
    help_fa: str
    minimum: Number | None = None
    maximum: Number | None = None
    step: Number | None = None
    unit: str = ""
    unit_fa: str = ""
    choices: tuple[str, ...] = ()
    choice_labels: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    optional: bool = False
    log_scale: bool = False

    def __post_init__(self) -> None:
        if self.kind is str:
            if not self.choices or self.default not in self.choices:
                raise TypeError(f"choice parameter {self.name} needs choices that include its default")
        elif self.minimum is None or self.maximum is None or not self.minimum <= self.maximum:
            raise TypeError(f"numeric parameter {self.name} needs minimum <= maximum")
        if self.default is not None and self.kind is not str:
            self.check(self.default)

    @property
    def flag(self) -> str:
        """The CLI flag: ``share_rate -> --share-rate``."""
        return "--" + self.name.replace("_", "-")

    def label(self, lang: Lang = "en") -> str:
        return self.label_fa if lang == "fa" else self.label_en

    def help(self, lang: Lang = "en") -> str:
        return self.help_fa if lang == "fa" else self.help_en

    def unit_text(self, lang: Lang = "en") -> str:
        return self.unit_fa if lang == "fa" else self.unit

    def choice_label(self, choice: str, lang: Lang = "en") -> str:
        en, fa = self.choice_labels.get(choice, (choice, choice))
        return fa if lang == "fa" else en

    def allowed(self, lang: Lang = "en") -> str:
        """What values are allowed, in words, from the declaration."""
        if self.kind is str:
            if lang == "fa":
                return "یکی از " + "، ".join(self.choice_label(c, "fa") for c in self.choices)
            return "one of " + ", ".join(self.choices)
        assert self.minimum is not None
        assert self.maximum is not None
        low, high = exact_number(self.minimum), exact_number(self.maximum)
        if lang == "fa":
            kind = "عدد صحیح " if self.kind is int else ""
            unit = f" {self.unit_fa}" if self.unit_fa and not self.unit.startswith("fraction") else ""
            return f"{kind}از {low} تا {high}{unit}"
        kind = "whole number " if self.kind is int else ""
        unit = f" {self.unit}" if self.unit and self.unit != "fraction" else ""
        return f"{kind}{low} to {high}{unit}"

    def error(
        self, value: object, reason: str = "is outside the allowed range", typed: str | None = None
    ) -> ParameterError:
        """The error for ``value`` (``typed``: the text it was read from), in both languages."""
        return ParameterError(self.name, value, self.allowed(), reason, allowed_fa=self.allowed("fa"), typed=typed)

    def check(self, value: object, typed: str | None = None) -> Value:
        """Return ``value`` as this parameter's kind, or raise :class:`ParameterError`.

        Nothing is clamped: out-of-range values are rejected, never moved to the bound.
        ``typed`` is the text the value was read from, echoed in the message as typed.
        """
        if value is None:
            if self.optional:
                return None
            raise self.error(value, "is required")
        if self.kind is str:
            if value not in self.choices:
                raise self.error(value, "is not a valid choice", typed)
            return str(value)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(value, "is not a number", typed)
        if not math.isfinite(value):
            raise self.error(value, "is not a finite number", typed)
        if self.kind is int:
            if not float(value).is_integer():
                raise self.error(value, "is not a whole number", typed)
            value = int(value)
        else:
            value = float(value)
        assert self.minimum is not None
        assert self.maximum is not None
        if not self.minimum <= value <= self.maximum:
            raise self.error(value, typed=typed)
        return value

    def parse(self, text: str) -> Value:
        """Parse command-line or URL text, then :meth:`check`.

        Accepts ``1e6``, ``0.05``, ``1,000,000`` and ``1_000``, Persian or Arabic-Indic
        digits with the Persian decimal and thousands separators (``۲٫۵``, ``۱۰٬۰۰۰``, as
        :func:`localize_digits` writes them, so a number copied from a Persian page pastes
        back in) and the minus sign. A comma that does not separate thousands (``1,5``)
        is refused rather than guessed: it means 1.5 in much of the world, 15 to Python.
        """
        text = text.strip()
        if self.kind is str:
            return self.check(text, typed=text)
        try:
            number = read_number(text)
        except AmbiguousCommaError:
            raise ParameterError(
                self.name,
                text,
                "write 1.5 for one and a half, and 1,000 or 1000 for a thousand",
                "has a comma that is not a thousands separator",
                allowed_fa="برای یک و نیم بنویسید ۱٫۵ و برای هزار بنویسید ۱٬۰۰۰ یا ۱۰۰۰",
                typed=text,
            ) from None
        except ValueError:
            raise self.error(text, "is not a number", text) from None
        if self.kind is int and number.is_integer():
            return self.check(int(number), text)
        return self.check(number, text)

    def with_bounds(self, **changes: Any) -> Param:
        """A copy with other bounds/default (e.g. the network model's smaller audience cap)."""
        return dataclasses.replace(self, **changes)


def declared(spec: Param) -> Any:
    """A dataclass field whose default and validation come from ``spec``."""
    return field(default=spec.default, metadata={"param": spec})


@dataclass(frozen=True)
class Parameters:
    """Base for immutable, validated model parameters.

    Subclasses are ``@dataclass(frozen=True)`` with every field made by :func:`declared`.
    Each value is checked against its declaration; :meth:`check_together` adds rules that
    involve two parameters (e.g. seed reach cannot exceed the audience).
    """

    model: ClassVar[str] = ""

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            object.__setattr__(self, f.name, f.metadata["param"].check(getattr(self, f.name)))
        self.check_together()

    def check_together(self) -> None:
        """Cross-parameter rules; raise :class:`ParameterError` naming the offending one."""

    @classmethod
    def specs(cls) -> dict[str, Param]:
        """The declarations of this model's parameters, in field order."""
        return {f.name: f.metadata["param"] for f in dataclasses.fields(cls)}

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> Self:
        """Build from a mapping, ignoring keys that are not parameters of this model."""
        names = cls.specs()
        return cls(**{k: v for k, v in values.items() if k in names})

    @classmethod
    def from_text(cls, values: Mapping[str, str]) -> Self:
        """Build from text values (URL query, CLI), parsing each with its declaration."""
        specs = cls.specs()
        parsed = {k: specs[k].parse(v) for k, v in values.items() if k in specs}
        try:
            return cls(**parsed)
        except ParameterError as error:  # a joint rule: still echo the value as it was typed
            if error.typed is None and isinstance(values.get(error.name), str):
                error.typed = values[error.name]
                error.args = (error.describe(),)
            raise

    def as_dict(self) -> dict[str, Value]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    def replace(self, **changes: Any) -> Self:
        return dataclasses.replace(self, **changes)


def require_at_most(
    name: str, value: Number, limit_name: str, limit: Number, unit: str = "", unit_fa: str = ""
) -> None:
    """Cross-parameter rule: ``value`` must not exceed another parameter's value."""
    if value > limit:
        unit_text = f" {unit}" if unit else ""
        unit_text_fa = f" {unit_fa or _UNITS_FA.get(unit, unit)}" if unit else ""
        raise ParameterError(
            name,
            value,
            f"at most {limit_name} = {exact_number(limit)}{unit_text}",
            "is too large",
            related=(limit_name,),
            allowed_fa=f"حداکثر {limit_name} = {exact_number(limit)}{unit_text_fa}",
        )


_UNITS_FA = {"people": "نفر", "days": "روز", "steps": "گام", "customers": "مشتری"}
