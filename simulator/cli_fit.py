"""``smm fit share`` and ``smm fit bass``: calibrate the models from a team's own data.

``fit share --file posts.csv`` reads an analytics export (:mod:`simulator.exports`: any of the
common platforms' column names), fits the share loop across all posts and per platform and
format where the file has those columns (:func:`simulator.models.fit_share.fit_share`), and
reports the estimates with 95% intervals and the spread across posts. ``fit bass --file
series.csv --period week`` fits Bass diffusion to an adoption series
(:func:`simulator.models.fit_bass.fit_bass`); the period unit is stated, never guessed,
because p and q are rates per period. Both give the usual payload ``{"model", "params",
"totals", "series"}``: ``params`` says how the file was read, ``totals`` holds each estimate
with ``_low`` and ``_high``, ``series`` one row per post or period (observed and fitted).
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

import numpy as np

from simulator.declarations import CONVERSION_RATE, FANOUT, IMITATION, INNOVATION, MARKET, PERIOD, SHARE_RATE
from simulator.exports import (
    POST_FIELDS,
    SERIES_FIELDS,
    ExportError,
    Field,
    PostsExport,
    SeriesExport,
    read_posts_file,
    read_series_file,
)
from simulator.models.fit_bass import BassFit, fit_bass
from simulator.models.fit_share import ShareFit, fit_share
from simulator.params import Lang, ParameterError, format_number, localize_digits, localize_numbers
from simulator.report import MAX_TABLE_ROWS, aligned_rows, format_value, sample_rows
from simulator.results import quantity

__all__ = [
    "add_bass_flags",
    "add_share_flags",
    "bass_table",
    "fit_bass_payload",
    "fit_bass_result",
    "fit_share_payload",
    "fit_share_result",
    "hits_ratio",
    "run_fit_bass",
    "run_fit_share",
    "share_table",
    "shown_value",
    "tipping_side",
]


_HELP: dict[str, tuple[str, str]] = {
    "file": (
        "the CSV file to fit (UTF-8; comma, semicolon or tab separated)",
        "فایل CSV برای برازش (با کدگذاری UTF-8؛ جداشده با ویرگول، نقطه‌ویرگول یا تب)",
    ),
    "platform-column": (
        "the column that names each post's platform, when its name is not one the reader knows",
        "ستونی که پلتفرم هر پست را می‌گوید، اگر نامش از نام‌های شناخته‌شده نیست",
    ),
    "format-column": (
        "the column that names each post's format (reel, photo...), when its name is not one the reader knows",
        "ستونی که قالب هر پست (ریلز، عکس و...) را می‌گوید، اگر نامش از نام‌های شناخته‌شده نیست",
    ),
    "column": (
        "read a field from a column the reader does not know, as FIELD=NAME (e.g. reach='Organic reach'); "
        "repeat for more. Fields: {fields}",
        "خواندن یک فیلد از ستونی که نامش شناخته‌شده نیست، به شکل FIELD=NAME (مثلاً reach='Organic reach')؛ "
        "برای فیلدهای بیشتر تکرارش کنید. فیلدها: {fields}",
    ),
    "cumulative": (
        "the adopters column is the running total, not new adopters per period",
        "ستون پذیرندگان جمع تجمعی است، نه پذیرندگان تازهٔ هر دوره",
    ),
}


def _help(key: str, lang: Lang, **values: str) -> str:
    en, fa = _HELP[key]
    return (fa if lang == "fa" else en).format(**values).replace("%", "%%")


def _add_file_flags(parser: argparse.ArgumentParser, lang: Lang, fields: Mapping[str, Field]) -> None:
    parser.add_argument("--file", required=True, metavar="PATH", help=_help("file", lang))
    parser.add_argument(
        "--column", action="append", metavar="FIELD=NAME", help=_help("column", lang, fields=", ".join(fields))
    )


def add_share_flags(parser: argparse.ArgumentParser, lang: Lang = "en") -> None:
    """``--file``, ``--platform-column``, ``--format-column``, ``--column``: the flags of ``smm fit share``."""
    _add_file_flags(parser, lang, POST_FIELDS)
    parser.add_argument("--platform-column", metavar="NAME", help=_help("platform-column", lang))
    parser.add_argument("--format-column", metavar="NAME", help=_help("format-column", lang))


def add_bass_flags(parser: argparse.ArgumentParser, lang: Lang = "en") -> None:
    """``--file``, ``--period`` (required), ``--cumulative``, ``--column``: the flags of ``smm fit bass``."""
    _add_file_flags(parser, lang, SERIES_FIELDS)
    parser.add_argument("--period", required=True, choices=PERIOD.choices, help=PERIOD.help(lang).replace("%", "%%"))
    parser.add_argument("--cumulative", action="store_true", help=_help("cumulative", lang))


def _named_columns(given: dict[str, Any]) -> dict[str, str]:
    """``--column FIELD=NAME`` (and ``--platform-column``/``--format-column``) as field -> column name."""
    named: dict[str, str] = {}
    for text in given.pop("column", None) or []:
        field, equals, name = text.partition("=")
        if not equals or not field.strip() or not name.strip():
            raise ParameterError(
                "column",
                text,
                "FIELD=NAME, e.g. reach=Organic reach",
                "is not FIELD=NAME",
                allowed_fa="به شکل FIELD=NAME، مثلاً reach=Organic reach",
                reason_fa="به شکل FIELD=NAME نیست",
                typed=text,
            )
        named[field.strip()] = name.strip()
    for field in ("platform", "format"):
        name = given.pop(f"{field}_column", None)
        if name is not None:
            named[field] = name
    return named


def _read_report(export: PostsExport | SeriesExport) -> dict[str, Any]:
    """How the file was read: the ``params`` of a fit's payload."""
    return {
        "file": export.source,
        "columns": {m.field: m.header for m in export.recognised},
        "ignored_columns": [c.header for c in export.ignored],
        "notes": [{"en": n.en, "fa": n.fa} for n in export.notes],
    }


def _refusal(error: ParameterError, export: PostsExport | SeriesExport) -> ExportError:
    """The engine's refusal of the data (all shares zero, one post...) naming the file and column."""
    field = {"seed_reach": "reach_followers"}.get(error.name, error.name)
    column = next((m.header for m in export.recognised if m.field == field), None)
    return ExportError(
        export.source,
        error.reason,
        localize_numbers(error.reason_fa or error.reason),
        error.allowed,
        localize_numbers(error.allowed_fa or error.allowed),
        name=error.name,
        column=column,
        value=None if error.value is None else str(error.value),
    )


# --- smm fit share -------------------------------------------------------------------------------


def _fit_posts(export: PostsExport, take: np.ndarray | slice) -> ShareFit:
    counts = export.counts
    optional = {"seed_reach": "reach_followers", "conversions": "conversions"}
    return fit_share(
        counts["reach"][take],
        counts["shares"][take],
        **{arg: counts[field][take] for arg, field in optional.items() if field in counts},
    )


def run_fit_share(given: dict[str, Any]) -> dict[str, Any]:
    """``smm fit share``: read the export named by the flags, return :func:`fit_share_payload`."""
    return fit_share_payload(read_posts_file(given["file"], columns=_named_columns(given)))


def fit_share_payload(export: PostsExport) -> dict[str, Any]:
    """Fit a read export across all posts and per group: the payload (also for the app's upload)."""
    return fit_share_result(export)[1]


def fit_share_result(export: PostsExport) -> tuple[ShareFit, dict[str, Any]]:
    """The fit across all posts (what a forecast draws from) and :func:`fit_share_payload`."""
    try:
        fit = _fit_posts(export, slice(None))
    except ParameterError as error:
        raise _refusal(error, export) from None
    groups = []
    for field, label, take in export.groups():
        entry: dict[str, Any] = {"field": field, "group": label, "posts": len(take)}
        try:
            entry.update(_fit_posts(export, take).totals())
        except ParameterError as error:
            refusal = _refusal(error, export)
            entry.update(error=refusal.describe(), error_fa=refusal.describe(lang="fa"))
        groups.append(entry)
    series = []
    for i, row in enumerate(export.rows.tolist()):
        post: dict[str, Any] = {"row": row}
        post.update({name: labels[i] for name, labels in export.labels.items()})
        post.update({name: int(values[i]) for name, values in export.counts.items()})
        post["fitted_shares"] = float(fit.fitted_shares[i])
        series.append(post)
    return fit, {
        "model": "fit-share",
        "params": _read_report(export),
        "totals": fit.totals() | {"groups": groups},
        "series": series,
    }


# --- smm fit bass --------------------------------------------------------------------------------


def run_fit_bass(given: dict[str, Any]) -> dict[str, Any]:
    """``smm fit bass``: read the series named by the flags, return :func:`fit_bass_payload`."""
    named = _named_columns(given)
    path, period, cumulative = given["file"], given["period"], given["cumulative"]
    return fit_bass_payload(read_series_file(path, period=period, cumulative=cumulative, columns=named))


def fit_bass_payload(export: SeriesExport) -> dict[str, Any]:
    """Fit Bass to a read adoption series: the payload (also for the app's upload)."""
    return fit_bass_result(export)[1]


def fit_bass_result(export: SeriesExport) -> tuple[BassFit, dict[str, Any]]:
    """The Bass fit (what a forecast draws from) and :func:`fit_bass_payload`."""
    try:
        fit = fit_bass(export.adopters, cumulative=export.cumulative)
    except ParameterError as error:
        raise _refusal(error, export) from None
    totals = dict(fit.totals())
    totals.update(peak_note=fit.peak_note, peak_note_fa=fit.peak_note_fa)
    new = export.new_adopters()
    series = [
        {
            "period": label,
            "adopters": int(new[i]),
            "cumulative_adopters": int(total),
            "fitted_adopters": float(fit.fitted[i]),
        }
        for i, (label, total) in enumerate(zip(export.labels, np.cumsum(new).tolist(), strict=True))
    ]
    params = _read_report(export) | {"period": export.period, "cumulative": export.cumulative}
    return fit, {"model": "fit-bass", "params": params, "totals": totals, "series": series}


# --- tables --------------------------------------------------------------------------------------

_WORDS: dict[str, tuple[str, str]] = {
    "file": ("File", "فایل"),
    "posts": ("{n} posts", "{n} پست"),
    "periods": ("{n} periods of one {unit}", "{n} دوره، هر دوره یک {unit}"),
    "read": ("Columns read", "ستون‌های خوانده‌شده"),
    "unused": ("Columns not used", "ستون‌هایی که به کار نرفتند"),
    "more": ("and {n} more", "و {n} ستون دیگر"),
    "estimates": ("Estimates (95% interval)", "برآوردها (بازهٔ اطمینان ۹۵٪)"),
    "interval": ("{value}  ({low} to {high})", "{value}  (از {low} تا {high})"),
    "share rate": ("Share rate per person reached", "نرخ اشتراک‌گذاری به ازای هر نفری که پست را دیده"),
    "no fanout": ("— (needs a reach-among-followers column)", "— (ستون دسترسی میان دنبال‌کنندگان لازم است)"),
    "no conversions": ("— (no conversions column)", "— (ستون تبدیل ندارد)"),
    "spread": ("Spread across posts", "پراکندگی میان پست‌ها"),
    "median": (
        "The median post was shared by {p50} of the people it reached; 10% of posts by less than {p10}, "
        "10% by more than {p90}.",
        "پست میانه را {p50} از کسانی که دیدندش بازنشر کردند؛ ۱۰٪ پست‌ها را کمتر از {p10} و ۱۰٪ را بیش از {p90}.",
    ),
    "hits": (
        "The top 10% are shared {ratio} times as often as the median post: plan on the median, not on the hits.",
        "۱۰٪ برتر {ratio} برابر پست میانه بازنشر می‌شوند: برنامه را بر پایهٔ پست میانه بچینید، نه پست‌های پرفروغ.",
    ),
    "below": (
        "Below the tipping point (the whole interval is under 1): each wave of sharing is smaller than the last.",
        "زیر نقطهٔ اوج‌گیری (همهٔ بازه کمتر از ۱ است): هر موج بازنشر از موج قبلی کوچک‌تر است.",
    ),
    "above": (
        "Past the tipping point (the whole interval is over 1): posts like these keep spreading.",
        "بالای نقطهٔ اوج‌گیری (همهٔ بازه بیشتر از ۱ است): پست‌هایی مانند این‌ها پیوسته پخش می‌شوند.",
    ),
    "straddles": (
        "The interval includes 1: the data cannot say on which side of the tipping point these posts are.",
        "بازه عدد ۱ را در بر می‌گیرد: داده‌ها نمی‌گویند این پست‌ها کدام سوی نقطهٔ اوج‌گیری‌اند.",
    ),
    "groups": ("By {field}", "به تفکیک {field}"),
    "not estimated": ("not estimated: {reason}", "برآورد نشد: {reason}"),
    "per": ("per {unit}", "در هر {unit}"),
    "peak": ("Peak of new adopters", "اوج پذیرندگان تازه"),
    "peak at": (
        "{value} {unit}s after the start  (95%: {low} to {high})",
        "{value} {unit} پس از آغاز  (بازهٔ ۹۵٪: از {low} تا {high})",
    ),
    "fitted": ("Observed and fitted", "مشاهده‌شده و برازش‌شده"),
}


def _w(key: str, lang: Lang, **values: Any) -> str:
    en, fa = _WORDS[key]
    return (fa if lang == "fa" else en).format(**values)


def shown_value(value: Any, unit: str, lang: Lang) -> str:
    """A number as the tables (and the app's Calibrate page) show it: by its unit, in the
    language's digits (fractions as %, rates and fan-out to 3 significant digits)."""
    if unit in ("", "per person", "people per share", "per step"):
        return localize_digits(format_number(value, 3), lang)
    return localize_digits(format_value(value, unit, lang), lang)


def _estimate(totals: Mapping[str, Any], name: str, unit: str, lang: Lang, missing: str = "") -> str:
    if totals.get(name) is None:
        return _w(missing, lang) if missing else "—"
    low, value, high = (shown_value(totals[f"{name}{end}"], unit, lang) for end in ("_low", "", "_high"))
    return _w("interval", lang, value=value, low=low, high=high)


def _header(payload: Mapping[str, Any], title: str, size: str, lang: Lang) -> list[str]:
    """Title, file, the columns read (and their notes), the columns not used."""
    params = payload["params"]
    fields = POST_FIELDS | SERIES_FIELDS
    lines = [title, "", f"{_w('file', lang)}: {params['file']} ({size})", "", _w("read", lang)]
    lines += aligned_rows([[f"  {header}", fields[f].label(lang)] for f, header in params["columns"].items()], False)
    lines += [f"  - {note[lang]}" for note in params["notes"]]
    ignored = params["ignored_columns"]
    if ignored:
        shown = ignored[:12] + (
            [_w("more", lang, n=localize_digits(str(len(ignored) - 12), lang))] * (len(ignored) > 12)
        )
        lines += ["", f"{_w('unused', lang)}: " + ("، " if lang == "fa" else ", ").join(shown)]
    return [*lines, ""]


def tipping_side(totals: Mapping[str, Any]) -> str | None:
    """Where the viral coefficient's 95% interval lies against 1: ``below``, ``above`` or
    ``straddles`` (the data cannot say); None without a fan-out."""
    if totals.get("viral_coefficient") is None:
        return None
    if totals["viral_coefficient_high"] < 1:
        return "below"
    if totals["viral_coefficient_low"] > 1:
        return "above"
    return "straddles"


def hits_ratio(totals: Mapping[str, Any]) -> float | None:
    """How many times as often the top 10% of posts are shared as the median post, when that is
    at least 3 (worth a warning: plan on the median); None otherwise."""
    p50, p90 = totals["share_rate_p50"], totals["share_rate_p90"]
    return p90 / p50 if p50 > 0 and p90 >= 3 * p50 else None


def _viral_note(totals: Mapping[str, Any], lang: Lang) -> str | None:
    side = tipping_side(totals)
    return None if side is None else _w(side, lang)


def share_table(payload: Mapping[str, Any], title: str, lang: Lang = "en") -> str:
    """``smm fit share`` as text: columns read, estimates with intervals, spread, groups."""
    totals = payload["totals"]
    posts = localize_digits(format_number(totals["posts"]), lang)
    lines = _header(payload, title, _w("posts", lang, n=posts), lang)
    percent = "fraction"
    lines.append(_w("estimates", lang))
    rows = [
        [_w("share rate", lang), _estimate(totals, "share_rate", percent, lang)],
        [FANOUT.label(lang), _estimate(totals, "fanout", FANOUT.unit, lang, "no fanout")],
        [quantity("viral_coefficient").label(lang), _estimate(totals, "viral_coefficient", "", lang, "no fanout")],
        [CONVERSION_RATE.label(lang), _estimate(totals, "conversion_rate", percent, lang, "no conversions")],
        [quantity("posts").label(lang), posts],
    ]
    lines += aligned_rows(rows, right=False)
    note = _viral_note(totals, lang)
    lines += [f"  {note}"] if note else []
    p10, p50, p90 = (shown_value(totals[f"share_rate_p{q}"], percent, lang) for q in (10, 50, 90))
    lines += ["", _w("spread", lang), "  " + _w("median", lang, p10=p10, p50=p50, p90=p90)]
    hits = hits_ratio(totals)
    if hits is not None:
        lines.append("  " + _w("hits", lang, ratio=localize_digits(format_number(hits, 2), lang)))
    for field in ("platform", "format"):
        groups = [g for g in totals["groups"] if g["field"] == field]
        if not groups:
            continue
        heading = POST_FIELDS[field].label(lang)
        table = [
            [heading, quantity("posts").label(lang), SHARE_RATE.label(lang), quantity("viral_coefficient").label(lang)]
        ]
        for g in groups:
            count = localize_digits(format_number(g["posts"]), lang)
            if "error" in g:
                reason = g["error_fa" if lang == "fa" else "error"]
                table.append([g["group"] or "—", count, _w("not estimated", lang, reason=reason), ""])
            else:
                share = _estimate(g, "share_rate", percent, lang)
                table.append([g["group"] or "—", count, share, _estimate(g, "viral_coefficient", "", lang)])
        lines += ["", _w("groups", lang, field=heading), *aligned_rows(table, right=False)]
    return "\n".join(lines) + "\n"


def bass_table(payload: Mapping[str, Any], title: str, lang: Lang = "en") -> str:
    """``smm fit bass`` as text: columns read, p, q and market with intervals, the peak, the fit."""
    totals, params = payload["totals"], payload["params"]
    unit = PERIOD.choice_label(params["period"], lang)
    periods = localize_digits(format_number(totals["periods"]), lang)
    lines = _header(payload, title, _w("periods", lang, n=periods, unit=unit), lang)
    per = _w("per", lang, unit=unit)
    lines.append(_w("estimates", lang))
    rows = [
        [f"{INNOVATION.label(lang)} ({per})", _estimate(totals, "p", "", lang)],
        [f"{IMITATION.label(lang)} ({per})", _estimate(totals, "q", "", lang)],
        [f"{MARKET.label(lang)} ({MARKET.unit_text(lang)})", _estimate(totals, "market", "people", lang)],
        [quantity("periods").label(lang), periods],
    ]
    lines += aligned_rows(rows, right=False)
    if totals.get("peak_period") is None:
        peak = totals["peak_note_fa" if lang == "fa" else "peak_note"]
    else:
        low, value, high = (shown_value(totals[f"peak_period{end}"], "", lang) for end in ("_low", "", "_high"))
        peak = _w("peak at", lang, unit=unit, value=value, low=low, high=high)
    lines += ["", f"{_w('peak', lang)}: {peak}", "", _w("fitted", lang)]
    picked, _ = sample_rows(payload["series"], MAX_TABLE_ROWS)
    names = ("period", "adopters", "fitted_adopters")
    table = [
        [
            SERIES_FIELDS["period"].label(lang),
            quantity("new_adopters").label(lang),
            quantity("fitted_adopters").label(lang),
        ]
    ]
    for row in picked:
        table.append(
            [localize_digits(str(row["period"]), lang)] + [shown_value(row[n], "people", lang) for n in names[1:]]
        )
    return "\n".join(lines + aligned_rows(table)) + "\n"
