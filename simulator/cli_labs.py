"""The strategy-lab subcommands of ``smm``: ``crisis`` and ``segments``.

Kept beside :mod:`simulator.cli` so that the shared command module only registers them.
``segments`` takes a segment list besides its declared flags: repeated
``--segment "name=Loyal,size=20000,share_rate=0.08,fanout=12,conversion_rate=0.05,cost_per_reach=0.02"``
and/or ``--segments-file PATH`` (YAML or JSON: a list of segment mappings, or a mapping
with a ``segments`` list). File segments come first, then the flags, numbered from 1
in error messages; with neither, the three default segments are used.
"""

from __future__ import annotations

import argparse
from typing import Any

import yaml

from simulator.input_files import read_text_file
from simulator.limits import MAX_SEGMENTS_FILE_BYTES
from simulator.models.segments import SEGMENT_FIELDS, SegmentsParams, allocate_budget, segment_from_text
from simulator.params import Lang, ParameterError, exact_number, format_number, localize_digits

__all__ = ["add_segment_flags", "crisis_notes", "read_segments_file", "run_segments", "segments_notes"]

_FILE_SHAPE = (
    f"a YAML or JSON list of segments (or a mapping with a 'segments' list), UTF-8, "
    f"at most {exact_number(MAX_SEGMENTS_FILE_BYTES)} bytes"
)
_FILE_SHAPE_FA = (
    f"فهرستی از بخش‌ها در قالب YAML یا JSON (یا نگاشتی با فهرست segments)، با کدگذاری UTF-8 و "
    f"حداکثر {localize_digits(exact_number(MAX_SEGMENTS_FILE_BYTES), 'fa')} بایت"
)


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML has it: ~6x faster, and it caps nesting depth."""


def add_segment_flags(parser: argparse.ArgumentParser, lang: Lang = "en") -> None:
    """``--segment`` (repeatable) and ``--segments-file``: the segment list of ``smm segments``."""
    fields = ", ".join(["name", "name_fa", *SEGMENT_FIELDS])
    if lang == "fa":
        segment_help = (
            f"یک بخش به صورت جفت‌های key=value که با ویرگول از هم جدا می‌شوند ({fields})؛ برای بخش‌های بیشتر "
            "تکرارش کنید. هر فیلدی که نیاید مقدار پیش‌فرضش را می‌گیرد. [پیش‌فرض: سه بخش نمونه]"
        )
        file_help = f"خواندن بخش‌ها از {_FILE_SHAPE_FA}"
    else:
        segment_help = (
            f"one segment as key=value pairs separated by commas ({fields}); repeat for more segments. "
            "Missing fields take their defaults. [default: three example segments]"
        )
        file_help = f"read segments from {_FILE_SHAPE}"
    parser.add_argument("--segment", action="append", metavar="FIELDS", help=segment_help)
    parser.add_argument("--segments-file", metavar="PATH", help=file_help)


def read_segments_file(path: str) -> list[Any]:
    """The list of segment mappings in a YAML/JSON file; :class:`ParameterError` if unreadable."""
    text = read_text_file("segments_file", path, _FILE_SHAPE, _FILE_SHAPE_FA, MAX_SEGMENTS_FILE_BYTES)
    try:
        data = yaml.load(text, Loader=_SAFE_LOADER)
    except (yaml.YAMLError, RecursionError):  # RecursionError: nesting deeper than the parser's stack
        raise ParameterError(
            "segments_file",
            path,
            _FILE_SHAPE,
            "is not valid YAML or JSON",
            allowed_fa=_FILE_SHAPE_FA,
            reason_fa="YAML یا JSON معتبر نیست",
            whole=True,
        ) from None
    if isinstance(data, dict) and "segments" in data:
        data = data["segments"]
    if not isinstance(data, list):
        raise ParameterError(
            "segments_file",
            path,
            _FILE_SHAPE,
            "does not hold a list of segments",
            allowed_fa=_FILE_SHAPE_FA,
            reason_fa="فهرستی از بخش‌ها ندارد",
            whole=True,
        )
    return data


def run_segments(given: dict[str, Any]) -> dict[str, Any]:
    """Validate the flags and segments, allocate the budget, return the payload."""
    texts = given.pop("segment", None) or []
    path = given.pop("segments_file", None)
    params = SegmentsParams.from_text({k: v for k, v in given.items() if v is not None})
    items: list[Any] = read_segments_file(path) if path else []
    items += [segment_from_text(text, index) for index, text in enumerate(texts, start=len(items) + 1)]
    return allocate_budget(params, items or None).to_dict()


def crisis_notes(payload: dict[str, Any], lang: Lang) -> list[str]:
    """The headline in words and the response-time curve (``curve`` in JSON) as a small table."""
    t, p = payload["totals"], payload["params"]

    def n(value: float) -> str:
        return localize_digits(format_number(value), lang)

    story, baseline = n(round(t["story_reach"])), n(round(t["story_reach_no_response"]))
    fa = lang == "fa"
    if t["response_step"] is None:
        lines = [
            f"بدون پاسخ: روایت همان حلقهٔ اشتراک‌گذاری ساده است و به {baseline} نفر می‌رسد."
            if fa
            else f"No response: the story is the plain share loop and reaches {baseline} people."
        ]
    else:
        after, hours = t["viral_coefficient_after_response"], n(p["response_hours"])
        if fa:
            lines = [
                f"پاسخ پس از {hours} ساعت، روایت را به {story} نفر محدود می‌کند (بدون پاسخ: {baseline}).",
                f"پس از پاسخ، ضریب ویروسی روایت {n(after)} است"
                + ("؛ کمتر از ۱: هر موج از موج قبلی کوچک‌تر است." if after < 1 else "؛ دست‌کم ۱: همچنان پخش می‌شود."),
            ]
        else:
            lines = [
                f"Answering after {hours} h keeps the story to {story} people (no answer: {baseline}).",
                f"After the answer the story's viral coefficient is {n(after)}"
                + (" < 1: every wave is smaller than the last." if after < 1 else " >= 1: it keeps spreading."),
            ]
    lines += ["", "دسترسی نهایی روایت بر حسب زمان پاسخ (در JSON: 'curve'):" if fa else
              "Final story reach by response time (JSON: 'curve'):"]  # fmt: skip
    for row in payload.get("curve", []):
        hours = row["response_hours"]
        if fa:
            shown = "هرگز" if hours is None else f"{n(hours)} ساعت"
            lines.append(f"  {shown:>8}  {n(round(row['story_reach'])):>12} نفر")
        else:
            shown = "never" if hours is None else f"{n(hours)} h"
            lines.append(f"  {shown:>8}  {n(round(row['story_reach'])):>12} people")
    return lines


def segments_notes(payload: dict[str, Any], lang: Lang) -> list[str]:
    t = payload["totals"]
    units = localize_digits(format_number(t["budget_units"]), lang)
    slice_ = localize_digits(format_number(t["budget"] / t["budget_units"]), lang)
    unspent = localize_digits(format_number(t["unspent"]), lang)
    if lang == "fa":
        lines = [
            f"هر یک از {units} برشِ {slice_} واحدی به بخشی رسید که بیشترین تبدیل را به آن می‌افزود؛",
            "وقتی بازده هر بخش با پر شدنش کم می‌شود، همین تقسیم گام‌به‌گام بهترین تقسیم ممکن است.",
        ]
        if t["unspent"] > 0:
            lines.append(f"{unspent} خرج نشد: هیچ بخشی از آن سودی نمی‌برد.")
        return lines
    lines = [
        f"Each of {units} slices of {slice_} went to the segment where it added the most conversions;",
        "with returns that flatten as a segment fills up, this greedy split is the best possible one.",
    ]
    if t["unspent"] > 0:
        lines.append(f"{unspent} left unspent: no segment would gain from it.")
    return lines
