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
    "Lang",
    "Param",
    "ParameterError",
    "Parameters",
    "declared",
    "format_number",
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
    ) -> None:
        self.name = name
        self.value = value
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
        shown = (
            format_number(self.value)
            if isinstance(self.value, int | float) and not isinstance(self.value, bool)
            else repr(self.value)
        )
        persian = lang == "fa" and self.allowed_fa is not None and self.reason_fa is not None
        allowed = self.allowed_fa if persian else self.allowed
        for other in self.related:
            allowed = re.sub(rf"\b{re.escape(other)}\b", rename(other), allowed)  # type: ignore[arg-type]
        if persian:
            return localize_digits(f"{rename(self.name)} = {shown} {self.reason_fa}؛ مجاز: {allowed}", "fa")
        return f"{rename(self.name)} = {shown} {self.reason}: {allowed}"


REASONS_FA = {
    "is outside the allowed range": "خارج از بازهٔ مجاز است",
    "is required": "لازم است",
    "is not a valid choice": "گزینهٔ معتبری نیست",
    "is not a number": "عدد نیست",
    "is not a finite number": "عدد متناهی نیست",
    "is not a whole number": "عدد صحیح نیست",
    "is too large": "بیش از حد بزرگ است",
    "is too small": "بیش از حد کوچک است",
}
"""Persian wording of the standard reasons, so every check built on them speaks Persian."""

_PERSIAN_DIGITS = str.maketrans("0123456789.,%-", "۰۱۲۳۴۵۶۷۸۹٫٬٪−")


def localize_digits(text: str, lang: Lang) -> str:
    """Rewrite the digits and separators of English-formatted numbers for ``lang``."""
    return text.translate(_PERSIAN_DIGITS) if lang == "fa" else text


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
        low, high = format_number(self.minimum), format_number(self.maximum)
        if lang == "fa":
            kind = "عدد صحیح " if self.kind is int else ""
            unit = f" {self.unit_fa}" if self.unit_fa and not self.unit.startswith("fraction") else ""
            return f"{kind}از {low} تا {high}{unit}"
        kind = "whole number " if self.kind is int else ""
        unit = f" {self.unit}" if self.unit and self.unit != "fraction" else ""
        return f"{kind}{low} to {high}{unit}"

    def error(self, value: object, reason: str = "is outside the allowed range") -> ParameterError:
        """The error for ``value``, in both languages, from this declaration."""
        return ParameterError(self.name, value, self.allowed(), reason, allowed_fa=self.allowed("fa"))

    def check(self, value: object) -> Value:
        """Return ``value`` as this parameter's kind, or raise :class:`ParameterError`.

        Nothing is clamped: out-of-range values are rejected, never moved to the bound.
        """
        if value is None:
            if self.optional:
                return None
            raise self.error(value, "is required")
        if self.kind is str:
            if value not in self.choices:
                raise self.error(value, "is not a valid choice")
            return str(value)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(value, "is not a number")
        if not math.isfinite(value):
            raise self.error(value, "is not a finite number")
        if self.kind is int:
            if not float(value).is_integer():
                raise self.error(value, "is not a whole number")
            value = int(value)
        else:
            value = float(value)
        assert self.minimum is not None
        assert self.maximum is not None
        if not self.minimum <= value <= self.maximum:
            raise self.error(value)
        return value

    def parse(self, text: str) -> Value:
        """Parse command-line or URL text (``'1e6'``, ``'1,000'``, ``'0.05'``), then :meth:`check`."""
        text = text.strip()
        if self.kind is str:
            return self.check(text)
        try:
            number = float(text.replace(",", "").replace("_", ""))
        except ValueError:
            raise self.error(text, "is not a number") from None
        if self.kind is int and number.is_integer():
            return self.check(int(number))
        return self.check(number)

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
        return cls(**{k: specs[k].parse(v) for k, v in values.items() if k in specs})

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
            f"at most {limit_name} = {format_number(limit)}{unit_text}",
            "is too large",
            related=(limit_name,),
            allowed_fa=f"حداکثر {limit_name} = {format_number(limit)}{unit_text_fa}",
        )


_UNITS_FA = {"people": "نفر", "days": "روز", "steps": "گام", "customers": "مشتری"}
