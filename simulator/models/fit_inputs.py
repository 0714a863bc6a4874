"""The fits' inputs: checks on the count arrays they read (one post or period per element),
and their parameter class, which declares nothing.

The fits take plain arrays (people per post, adopters per period) from a CSV reader or
a test. Each check raises :class:`~simulator.params.ParameterError` naming the field, the
offending value and what is allowed, in English and Persian; an error about one element
also says which (``post 3``, ``period 7``, counted from 1) and carries its 0-based
position as ``error.index`` so a file reader can point at the row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from simulator.params import ParameterError, Parameters, exact_number

__all__ = [
    "COUNT_MAX",
    "PERIOD",
    "POST",
    "FileInputs",
    "Item",
    "count_array",
    "require_at_most_each",
    "require_same_length",
]

COUNT_MAX = 10_000_000_000
"""Largest count accepted in any one post or period (people): above the world's population,
so a real export never meets it, while 1e308 from a broken file is refused."""


@dataclass(frozen=True)
class FileInputs(Parameters):
    """The parameter class of the fit pages (``fit-share``, ``fit-bass``): no declared parameters,
    since a fit's inputs are a file and the flags that say how to read it (a shell's concern,
    :mod:`simulator.cli_fit`), not numbers a person types."""

    model = "fit"


@dataclass(frozen=True)
class Item:
    """What one array element is: English, Persian, and the Persian form before a number
    (``دوره`` but ``در دورهٔ ۳``)."""

    en: str
    fa: str
    fa_before_number: str

    def at(self, index: int | None) -> tuple[str, str]:
        """`` at post 3`` and its Persian, or nothing when no element is meant."""
        if index is None:
            return "", ""
        number = exact_number(index + 1)
        return f" (at {self.en} {number})", f" (در {self.fa_before_number} {number})"


POST = Item("post", "پست", "پست")
PERIOD = Item("period", "دوره", "دورهٔ")


def _error(
    name: str,
    value: object,
    allowed: str,
    allowed_fa: str,
    reason: str,
    item: Item,
    index: int | None = None,
    reason_fa: str | None = None,
    related: tuple[str, ...] = (),
) -> ParameterError:
    where, where_fa = item.at(index)
    error = ParameterError(
        name, value, allowed + where, reason, related, allowed_fa=allowed_fa + where_fa, reason_fa=reason_fa
    )
    error.index = index  # type: ignore[attr-defined]
    return error


def _number(x: float) -> int | float:
    """An element as the message shows it: whole numbers without ``.0``."""
    return int(x) if np.isfinite(x) and float(x).is_integer() and abs(x) <= 2**53 else float(x)


def count_array(name: str, values: ArrayLike, item: Item, *, minimum: int = 0) -> np.ndarray:
    """``values`` as a 1-D float array of whole numbers from ``minimum`` to :data:`COUNT_MAX` people.

    Refuses text, nested lists, NaN, infinities, fractions and out-of-range counts, each
    with the first offending element named.
    """
    allowed = f"whole numbers from {exact_number(minimum)} to {exact_number(COUNT_MAX)} people, one per {item.en}"
    allowed_fa = f"عدد صحیح از {exact_number(minimum)} تا {exact_number(COUNT_MAX)} نفر، یکی برای هر {item.fa}"
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise _error(name, str(values), allowed, allowed_fa, "is not a number", item) from None
    if array.ndim != 1:
        raise _error(name, f"{array.ndim}-D array", allowed, allowed_fa, "is not a list of numbers", item,
                     reason_fa="فهرستی از عددها نیست")  # fmt: skip
    checks = (
        (~np.isfinite(array), "is not a finite number"),
        ((array < minimum) | (array > COUNT_MAX), "is outside the allowed range"),
        (array != np.floor(array), "is not a whole number"),
    )
    for bad, reason in checks:
        if bad.any():
            index = int(np.argmax(bad))
            raise _error(name, _number(array[index]), allowed, allowed_fa, reason, item, index)
    return array


def require_same_length(first: str, length: int, name: str, array: np.ndarray, item: Item) -> None:
    """``array`` (field ``name``) must have one element per element of ``first``."""
    if array.size != length:
        raise _error(
            name,
            array.size,
            f"as many values as {first} ({exact_number(length)} {item.en}s)",
            f"به همان تعداد مقدارهای {first} ({exact_number(length)} {item.fa})",
            "has the wrong number of values",
            item,
            reason_fa="تعداد مقدارهایش درست نیست",
            related=(first,),
        )


def require_at_most_each(name: str, array: np.ndarray, limit_name: str, limit: np.ndarray, item: Item) -> None:
    """Element by element, ``array`` (people) must not exceed ``limit`` (e.g. shares <= reach)."""
    bad = array > limit
    if bad.any():
        index = int(np.argmax(bad))
        number = exact_number(_number(limit[index]))
        raise _error(
            name,
            _number(array[index]),
            f"at most {limit_name} = {number} people",
            f"حداکثر {limit_name} = {number} نفر",
            "is too large",
            item,
            index,
            related=(limit_name,),
        )
