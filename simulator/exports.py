"""Reading a team's analytics exports: the CSV a platform gives, mapped to our fields.

Two shapes are read. A **posts export** has one row per post; its columns are found by
name through the declared alias table :data:`POST_ALIASES` (Meta Business Suite for
Facebook and Instagram, X, LinkedIn, Telegram channel statistics, our own names and the
Persian names a Persian team writes), so a file straight from a platform needs no editing.
An **adoption series** (:data:`SERIES_ALIASES`) has one row per period: new adopters, or
the running total with ``cumulative=True``, in a period unit the caller states.

Names match ignoring case, spaces, underscores, hyphens and the zero-width non-joiner
(``Post reach`` = ``post_reach`` = ``POSTREACH``; ``بازنشر‌ها`` = ``بازنشرها``). Files may
be comma, semicolon or tab separated, UTF-8 with or without a byte-order mark; numbers may
carry thousands separators (``"12,300"``, ``۱۲٬۳۰۰``) and Persian digits. Every refusal is an
:class:`ExportError` (a :class:`~simulator.params.ParameterError`) naming the file, the row
as a spreadsheet numbers it (the header is row 1), the column as written in the file, and
the value, in English and Persian. Nothing here imports streamlit: the CLI reads paths
(:func:`read_posts_file`), the app passes the uploaded bytes or pasted text (:func:`read_posts`).
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from simulator.declarations import PERIOD
from simulator.input_files import check_size, read_text_file, text_from_bytes
from simulator.limits import MAX_FILE_BYTES, MAX_FIT_GROUPS, MAX_POST_ROWS, MAX_SERIES_PERIODS
from simulator.params import (
    AmbiguousCommaError,
    Lang,
    ParameterError,
    exact_number,
    localize_digits,
    read_number,
    shown_text,
)

__all__ = [
    "MAX_CELL_COUNT",
    "POST_ALIASES",
    "POST_FIELDS",
    "SERIES_ALIASES",
    "SERIES_FIELDS",
    "Alias",
    "ColumnMatch",
    "ExportError",
    "Field",
    "IgnoredColumn",
    "Note",
    "PostsExport",
    "SeriesExport",
    "header_key",
    "read_posts",
    "read_posts_file",
    "read_series",
    "read_series_file",
]

MAX_CELL_COUNT = 10_000_000_000
"""Largest count one cell may hold (people reached, shares...): more than everyone on Earth,
so a bigger number is a typo or a corrupted cell, never a post."""


@dataclass(frozen=True)
class Note:
    """A sentence for the reader, in both languages (an approximation, blank cells read as 0)."""

    en: str
    fa: str

    def text(self, lang: Lang = "en") -> str:
        return self.fa if lang == "fa" else self.en


@dataclass(frozen=True)
class Field:
    """One of our fields: a count per row (people or actions, whole numbers >= 0) or a text label."""

    name: str
    label_en: str
    label_fa: str
    count: bool = True
    required: bool = False

    def label(self, lang: Lang = "en") -> str:
        return self.label_fa if lang == "fa" else self.label_en


POST_FIELDS: dict[str, Field] = {
    f.name: f
    for f in [
        Field("date", "Date", "تاریخ", count=False),
        Field("reach", "Reach", "دسترسی", required=True),
        Field("shares", "Shares", "بازنشر", required=True),
        Field("reach_followers", "Reach among followers (the seed)", "دسترسی میان دنبال‌کنندگان (دسترسی اولیه)"),
        Field("impressions", "Impressions (views)", "نمایش (بازدید)"),
        Field("engagements", "Engagements", "تعامل"),
        Field("clicks", "Clicks", "کلیک"),
        Field("conversions", "Conversions", "تبدیل"),
        Field("platform", "Platform", "پلتفرم", count=False),
        Field("format", "Format", "قالب", count=False),
    ]
}
"""The fields of a posts export; ``reach`` and ``shares`` are required (reach may come from
impressions, see :data:`VIEWS_AS_REACH`)."""

SERIES_FIELDS: dict[str, Field] = {
    f.name: f
    for f in [
        Field("period", "Period", "دوره", count=False),
        Field("adopters", "Adopters", "پذیرندگان", required=True),
    ]
}
"""The fields of an adoption series (Bass): the period label is optional, adopters required."""

GROUP_FIELDS = ("platform", "format")
"""Text fields that split a posts export into groups, each fitted on its own."""


@dataclass(frozen=True)
class Alias:
    """A column name some export uses for one of our fields; ``source`` says which export."""

    field: str
    header: str
    source: str
    approximation: Note | None = None


_OURS = "our own name"
_PERSIAN = "Persian, as a Persian-speaking team writes it"
_META_FB = "Meta Business Suite, Facebook posts export"
_META_IG = "Meta Business Suite, Instagram posts export"
_FB_LEGACY = "Facebook Page Insights, post data export (before Business Suite)"
_X_LEGACY = "X (Twitter) analytics, tweet activity export"
_X_CONTENT = "X analytics, content export (2024 and later)"
_LINKEDIN = "LinkedIn Page analytics, posts export"
_TELEGRAM = "Telegram channel statistics (API counters views, forwards; the app labels them Views, Shares)"

# Where the names come from (looked up in 2025/2026; the platforms rename columns now and then,
# which is why a column can also be named with --column or in our own words):
# - Meta Business Suite exports (Facebook): Post ID, Page ID, Page name, Title, Description,
#   Duration (sec), Publish time, Permalink, Post type, Date (holds "Lifetime", not a date),
#   Views, Reach, "Reactions, Comments and Shares", Reactions, Comments, Shares, Total clicks,
#   Link clicks. Instagram: ... Publish time, Permalink, Post type, Date, Views, Reach, Likes,
#   Shares, Follows, Comments, Saves; "Profile visits" and "Follows" are the post actions the
#   Instagram Help Center lists (help.instagram.com/788388387972460). Meta replaced
#   "Impressions" with "Views" in 2024-2025; older files still say Impressions.
# - Facebook's legacy post export: Posted, Type, Lifetime Post Total Reach, Lifetime Post Total
#   Impressions, Lifetime Post reach by people who like your Page.
# - X tweet activity export: Tweet id, Tweet permalink, Tweet text, time, impressions,
#   engagements, engagement rate, retweets, replies, likes, user profile clicks, url clicks, ...,
#   follows. X content export: Post id, Date, Post text, Post Link, Impressions, Likes,
#   Engagements, Bookmarks, Shares, New follows, Replies, Reposts, Profile visits, ..., URL Clicks.
#   X gives no reach, only impressions (see VIEWS_AS_REACH).
# - LinkedIn posts export: Post title, Post link, Post type, Campaign name, Posted by, Created
#   date (newer: Date), Audience, Impressions, Views (excluding off-site video views), Off-site
#   views, Clicks, Click through rate (CTR), Likes, Comments, Reposts (older: Shares), Follows,
#   Engagement rate, Content Type. "Members reached"/"Unique impressions" is LinkedIn's reach.
# - Telegram: per-post counters are views and forwards (core.telegram.org/constructor/
#   postInteractionCountersMessage: "forwards: number of forwards to public channels"); no reach.

PROFILE_VISITS_AS_CLICKS = Note(
    "profile visits are read as clicks: they count taps on the account name, not clicks on a link",
    "بازدید از پروفایل به‌جای کلیک خوانده شد: این عدد ضربه روی نام حساب را می‌شمارد، نه کلیک روی پیوند را",
)
FOLLOWS_AS_CONVERSIONS = Note(
    "follows gained from each post are read as conversions; if you track sales or sign-ups, "
    "name that column 'conversions' instead",
    "دنبال‌کنندگانی که هر پست آورده به‌جای تبدیل خوانده شدند؛ اگر فروش یا ثبت‌نام را می‌سنجید، "
    "نام آن ستون را conversions بگذارید",
)
PUBLIC_FORWARDS_ONLY = Note(
    "Telegram's forwards count forwards to public channels only, not to private chats, "
    "so the share rate is understated",
    "فورواردهای تلگرام فقط بازنشر در کانال‌های عمومی را می‌شمارد، نه در گفت‌وگوهای خصوصی را؛ "
    "پس نرخ اشتراک‌گذاری کمتر از واقع برآورد می‌شود",
)


def _aliases(field: str, *pairs: tuple[str, str] | tuple[str, str, Note]) -> list[Alias]:
    return [Alias(field, *pair) for pair in pairs]


POST_ALIASES: tuple[Alias, ...] = tuple(
    # Within a field the first name found in the file wins; the order says which column is
    # meant when an export has two (Meta's "Date" holds "Lifetime", so "Publish time" comes first).
    _aliases(
        "date",
        ("publish time", _META_FB),
        ("posted", _FB_LEGACY),
        ("created date", _LINKEDIN),
        ("time", _X_LEGACY),
        ("date", _OURS),
        ("تاریخ", _PERSIAN),
        ("تاریخ انتشار", _PERSIAN),
        ("زمان انتشار", _PERSIAN),
    )
    + _aliases(
        "reach",
        ("reach", _OURS),
        ("post reach", _META_FB),
        ("lifetime post total reach", _FB_LEGACY),
        ("accounts reached", _META_IG),
        ("members reached", _LINKEDIN),
        ("unique impressions", _LINKEDIN),
        ("دسترسی", _PERSIAN),
        ("دسترسی پست", _PERSIAN),
        ("تعداد دسترسی", _PERSIAN),
    )
    + _aliases(
        "shares",
        # X's content export has both Shares (sent in a message, copied link) and Reposts; the
        # repost is the share that shows the post to the sharer's followers, as the model means.
        ("reposts", _LINKEDIN + "; " + _X_CONTENT),
        ("retweets", _X_LEGACY),
        ("shares", _OURS + "; " + _META_FB + "; " + _META_IG),
        ("forwards", _TELEGRAM, PUBLIC_FORWARDS_ONLY),
        ("بازنشر", _PERSIAN),
        ("بازنشرها", _PERSIAN),
        ("اشتراک‌گذاری", _PERSIAN),
        ("هم‌رسانی", _PERSIAN),
        ("فوروارد", _PERSIAN),
    )
    + _aliases(
        "reach_followers",
        ("reach followers", _OURS),
        ("lifetime post reach by people who like your page", _FB_LEGACY),
        ("reach from followers", _META_FB),
        ("followers reach", _OURS),
        ("دسترسی دنبال‌کنندگان", _PERSIAN),
        ("دسترسی از دنبال‌کنندگان", _PERSIAN),
    )
    + _aliases(
        "impressions",
        ("impressions", _OURS + "; " + _X_LEGACY + "; " + _LINKEDIN),
        ("views", _META_FB + "; " + _META_IG + "; " + _TELEGRAM),
        ("post impressions", _META_FB),
        ("lifetime post total impressions", _FB_LEGACY),
        ("نمایش", _PERSIAN),
        ("ایمپرشن", _PERSIAN),  # termbase: input (a heading users write; read, never shown)
        ("بازدید", _PERSIAN),
    )
    + _aliases(
        "engagements",
        ("engagements", _OURS + "; " + _X_LEGACY),
        ("engagement", _OURS),
        ("reactions, comments and shares", _META_FB),
        ("interactions", _META_IG),
        ("total interactions", _META_IG),
        ("تعامل", _PERSIAN),
        ("تعامل‌ها", _PERSIAN),
    )
    + _aliases(
        "clicks",
        ("clicks", _OURS + "; " + _LINKEDIN),
        ("total clicks", _META_FB),
        ("link clicks", _META_FB),
        ("url clicks", _X_LEGACY + "; " + _X_CONTENT),
        ("profile visits", _META_IG + "; " + _X_CONTENT, PROFILE_VISITS_AS_CLICKS),
        ("user profile clicks", _X_LEGACY, PROFILE_VISITS_AS_CLICKS),
        ("کلیک", _PERSIAN),
        ("کلیک‌ها", _PERSIAN),
    )
    + _aliases(
        "conversions",
        ("conversions", _OURS),
        ("تبدیل", _PERSIAN),
        ("تبدیل‌ها", _PERSIAN),
        ("follows", _META_IG + "; " + _X_LEGACY + "; " + _LINKEDIN, FOLLOWS_AS_CONVERSIONS),
        ("new follows", _X_CONTENT, FOLLOWS_AS_CONVERSIONS),
    )
    + _aliases(
        "platform",
        ("platform", _OURS),
        ("network", _OURS),
        ("channel", _OURS),
        ("social network", _OURS),
        ("پلتفرم", _PERSIAN),
        ("شبکه", _PERSIAN),
        ("شبکهٔ اجتماعی", _PERSIAN),
    )
    + _aliases(
        "format",
        ("format", _OURS),
        ("content type", _LINKEDIN),  # LinkedIn's "Post type" says Organic or Sponsored instead
        ("post type", _META_FB + "; " + _META_IG),
        ("media type", _META_IG),
        ("type", _FB_LEGACY),
        ("قالب", _PERSIAN),
        ("نوع پست", _PERSIAN),
        ("نوع محتوا", _PERSIAN),
    )
)
"""Column names of the common exports, by our field, in order of preference."""

SERIES_ALIASES: tuple[Alias, ...] = tuple(
    _aliases(
        "period",
        ("period", _OURS),
        ("week", _OURS),
        ("month", _OURS),
        ("day", _OURS),
        ("quarter", _OURS),
        ("year", _OURS),
        ("date", _OURS),
        ("دوره", _PERSIAN),
        ("هفته", _PERSIAN),
        ("ماه", _PERSIAN),
        ("روز", _PERSIAN),
        ("فصل", _PERSIAN),
        ("سال", _PERSIAN),
        ("تاریخ", _PERSIAN),
    )
    + _aliases(
        "adopters",
        ("adopters", _OURS),
        ("new adopters", _OURS),
        ("signups", "sign-ups, as product analytics tools name them"),
        ("new users", "app-store and product analytics"),
        ("new customers", _OURS),
        ("installs", "app-store consoles"),
        ("subscribers", "newsletter and channel tools"),
        ("مشترکان", _PERSIAN),
        ("پذیرندگان", _PERSIAN),
        ("پذیرندگان تازه", _PERSIAN),
        ("ثبت‌نام", _PERSIAN),
        ("ثبت‌نام‌ها", _PERSIAN),
        ("کاربران تازه", _PERSIAN),
        ("کاربران جدید", _PERSIAN),
        ("مشتریان تازه", _PERSIAN),
        ("مشتریان جدید", _PERSIAN),
    )
)
"""Column names of an adoption series, by our field, in order of preference."""

VIEWS_AS_REACH = Note(
    "no reach column: '{header}' (views, counting repeat views by the same person) stands in for reach, "
    "so reach is overstated and the share rate per reached person understated",
    "ستون دسترسی ندارد: «{header}» (بازدید، که دیدن دوبارهٔ یک نفر را هم می‌شمارد) به‌جای دسترسی خوانده شد؛ "
    "پس دسترسی بیشتر و نرخ اشتراک‌گذاری به ازای هر نفر کمتر از واقع است",
)
"""X and Telegram give views or impressions per post, not reach: the fit uses them, and says so."""

_KEY_DROPPED = re.compile(r"[\s\u200c\u200f\u200e_\-]+")
_KEY_LETTERS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی", "ة": "ه"})


def header_key(header: str) -> str:
    """A column name as matched: case, spaces, underscores, hyphens, the zero-width non-joiner
    and direction marks ignored; Arabic yeh and kaf read as their Persian forms."""
    return _KEY_DROPPED.sub("", header.casefold().translate(_KEY_LETTERS))


def _check_aliases(aliases: Sequence[Alias], fields: Mapping[str, Field]) -> None:
    """Import-time check: each alias names a field, and no two aliases read alike."""
    seen: dict[str, Alias] = {}
    for alias in aliases:
        if alias.field not in fields:
            raise TypeError(f"alias {alias.header!r} names no field ({alias.field!r})")
        key = header_key(alias.header)
        if key in seen:
            raise TypeError(f"aliases {seen[key].header!r} and {alias.header!r} read alike")
        seen[key] = alias


_check_aliases(POST_ALIASES, POST_FIELDS)
_check_aliases(SERIES_ALIASES, SERIES_FIELDS)


# --- errors ---------------------------------------------------------------------------------


def _fa(value: int | float) -> str:
    """A number in Persian digits and separators."""
    return localize_digits(exact_number(value), "fa")


class ExportError(ParameterError):
    """A refused export: the file, and where known the row (as a spreadsheet numbers it, the
    header being row 1), the column as written in the file and the value as typed.

    ``name`` is our field (``reach``, ``shares``...) or ``file``; the message names the file,
    row and column itself, so :meth:`describe` ignores a CLI flag renaming."""

    def __init__(
        self,
        source: str,
        reason: str,
        reason_fa: str,
        allowed: str,
        allowed_fa: str,
        *,
        name: str = "file",
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
    ) -> None:
        self.source, self.row, self.column = source, row, column
        super().__init__(name, value, allowed, reason, allowed_fa=allowed_fa, reason_fa=reason_fa)

    def describe(self, rename: Callable[[str], str] = str, lang: Lang = "en") -> str:
        fa = lang == "fa"
        row, column, allowed, quote = (
            ("، ردیف ", "، ستون «{}»", "؛ مجاز: ", "«{}»") if fa else (", row ", ", column '{}'", "; allowed: ", "'{}'")
        )
        where = self.source
        if self.row is not None:
            where += row + (_fa(self.row) if fa else exact_number(self.row))
        if self.column is not None:
            where += column.format(self.column)
        reason, allowed_text = (self.reason_fa, self.allowed_fa) if fa else (self.reason, self.allowed)
        if self.value is None:  # the whole file: "posts.csv is empty"; a column: "..., column 'X': ..."
            return f"{where}{'' if self.column is None else ':'} {reason}{allowed}{allowed_text}"
        shown = shown_text(str(self.value)) or ("(خالی)" if fa else "(empty)")
        return f"{where}: {quote.format(shown)} {reason}{allowed}{allowed_text}"


_COUNT_ALLOWED = (
    f"a whole number from 0 to {exact_number(MAX_CELL_COUNT)}",
    f"عدد صحیح از ۰ تا {_fa(MAX_CELL_COUNT)}",
)
_POSTS_SHAPE = (
    "a CSV export with a header row and one row per post (comma, semicolon or tab separated, UTF-8), "
    f"at most {exact_number(MAX_FILE_BYTES)} bytes and {exact_number(MAX_POST_ROWS)} posts",
    "یک فایل CSV با یک ردیف عنوان و یک ردیف برای هر پست (جداشده با ویرگول، نقطه‌ویرگول یا تب، با کدگذاری UTF-8)، "
    f"حداکثر {_fa(MAX_FILE_BYTES)} بایت و {_fa(MAX_POST_ROWS)} پست",
)
_SERIES_SHAPE = (
    "a CSV with a header row and one row per period, in order (comma, semicolon or tab separated, UTF-8), "
    f"at most {exact_number(MAX_FILE_BYTES)} bytes and {exact_number(MAX_SERIES_PERIODS)} periods",
    "یک فایل CSV با یک ردیف عنوان و یک ردیف برای هر دوره، به ترتیب زمان (جداشده با ویرگول، نقطه‌ویرگول یا تب، "
    f"با کدگذاری UTF-8)، حداکثر {_fa(MAX_FILE_BYTES)} بایت و {_fa(MAX_SERIES_PERIODS)} دوره",
)


# --- the result types -------------------------------------------------------------------------


@dataclass(frozen=True)
class ColumnMatch:
    """A column of the file read as one of our fields."""

    field: str
    header: str
    index: int
    source: str
    approximation: Note | None = None


@dataclass(frozen=True)
class IgnoredColumn:
    """A column the reader did not use: unknown, or another column already gives its field."""

    header: str
    duplicate_of: str | None = None


@dataclass(frozen=True)
class _Export:
    """What every read file gives besides its values: its name, each value row's row number in
    the file (the header is row 1, for pointing back at it), the columns read as our fields,
    the columns not used, and notes for the reader (approximations, blank cells read as 0)."""

    source: str
    rows: np.ndarray
    recognised: tuple[ColumnMatch, ...]
    ignored: tuple[IgnoredColumn, ...]
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class PostsExport(_Export):
    """One row per post, as arrays: counts (whole numbers, ``int64``) and text labels.

    ``counts`` always holds ``reach`` and ``shares`` and any other count field the file gave;
    ``labels`` holds the text fields it gave (date, platform, format).
    """

    counts: Mapping[str, np.ndarray]
    labels: Mapping[str, tuple[str, ...]]

    @property
    def posts(self) -> int:
        return len(self.rows)

    def groups(self) -> list[tuple[str, str, np.ndarray]]:
        """``(field, label, post indices)`` for each value of each grouping column the file
        has (platform first, then format), in the order the values first appear."""
        out = []
        for name in GROUP_FIELDS:
            labels = self.labels.get(name)
            if labels is None:
                continue
            order: dict[str, list[int]] = {}
            for index, label in enumerate(labels):
                order.setdefault(label, []).append(index)
            out += [(name, label, np.array(indices)) for label, indices in order.items()]
        return out


@dataclass(frozen=True)
class SeriesExport(_Export):
    """An adoption series: adopters per period (as given: new, or cumulative) in ``period``
    units; ``labels`` are the periods as the file names them (or 1, 2, 3...)."""

    period: str
    cumulative: bool
    adopters: np.ndarray
    labels: tuple[str, ...]

    @property
    def periods(self) -> int:
        return len(self.adopters)

    def new_adopters(self) -> np.ndarray:
        """New adopters per period (the differences of a cumulative series)."""
        return np.diff(self.adopters, prepend=0) if self.cumulative else self.adopters


# --- reading ---------------------------------------------------------------------------------


def _text(data: str | bytes, source: str, shape: tuple[str, str]) -> str:
    """The text of an upload (bytes) or a paste (str), under the file size limit."""
    if isinstance(data, bytes):
        return text_from_bytes("file", source, data, *shape)
    # A character is at least one byte: a longer text is over the limit without encoding it.
    size = None if len(data) > MAX_FILE_BYTES else len(data.encode("utf-8", "surrogatepass"))
    check_size("file", source, size, *shape)
    return data.removeprefix("\ufeff")


def _delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever the header line uses most outside quotes."""
    line = next((line for line in text.splitlines() if line.strip()), "")
    outside = re.sub(r'"[^"]*"', "", line)
    counts = {d: outside.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _records(text: str, source: str, max_rows: int, shape: tuple[str, str], what: tuple[str, str]):
    """The header and the non-blank data rows with their row numbers (header = row 1)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            cells = [cell.strip() for cell in record]
            if not any(cells):
                continue
            if header is None:
                header = cells
            elif len(rows) == max_rows:
                raise ExportError(
                    source,
                    f"is past the limit of {exact_number(max_rows)} {what[0]}",
                    f"از سقف {_fa(max_rows)} {what[1]} فراتر است",
                    *shape,
                    row=number,
                )
            else:
                rows.append((number, cells))
    except csv.Error as error:
        raise ExportError(
            source,
            f"could not be read as CSV ({error})",
            f"به شکل CSV خوانده نشد ({_csv_reason_fa(error)})",
            *shape,
            row=number + 1,
        ) from None
    if header is None:
        raise ExportError(source, "is empty", "خالی است", *shape)
    if not rows:
        raise ExportError(source, f"has a header but no {what[0]}", f"ردیف عنوان دارد اما هیچ {what[1]} ندارد", *shape)
    return header, rows


def _csv_reason_fa(error: csv.Error) -> str:
    """Python's reason for a CSV it cannot read, in Persian: the reader reports only English.

    With ``newline=""`` and the default (non-strict) dialect, a field over the reader's limit
    is the one failure left; any other reason is named without Python's English words.
    """
    if "field larger than field limit" in str(error):
        return f"خانه‌ای از سقف {_fa(csv.field_size_limit())} نویسه بلندتر است"
    return "ساختار فایل با CSV نمی‌خواند"


def _match(
    header: list[str],
    aliases: Sequence[Alias],
    fields: Mapping[str, Field],
    given: Mapping[str, str],
    source: str,
    shape: tuple[str, str],
) -> tuple[dict[str, ColumnMatch], tuple[IgnoredColumn, ...]]:
    """Which column gives which field: named columns (``given``) first, then the aliases in order."""
    keys = [header_key(h) for h in header]
    found: dict[str, ColumnMatch] = {}
    for name, wanted in given.items():
        if name not in fields:
            raise ExportError(
                source,
                f"has no field {name!r} to name a column for",
                f"فیلدی به نام {name!r} ندارد که ستونی برایش نام ببرید",
                "one of " + ", ".join(fields),
                "یکی از " + "، ".join(fields),
                name=name,
            )
        if header_key(wanted) not in keys:
            raise ExportError(
                source,
                f"has no column named '{wanted}' (given for {name})",
                f"ستونی به نام «{wanted}» ندارد (برای {name} داده شده بود)",
                "one of the file's columns: " + ", ".join(header),
                "یکی از ستون‌های فایل: " + "، ".join(header),
                name=name,
            )
        index = keys.index(header_key(wanted))
        found[name] = ColumnMatch(name, header[index], index, "named by you")
    taken = {m.index for m in found.values()}
    duplicates: dict[int, str] = {}
    for alias in aliases:
        key = header_key(alias.header)
        for index, column_key in enumerate(keys):
            if column_key != key or index in taken:
                continue
            if alias.field in found:
                duplicates.setdefault(index, alias.field)
            else:
                found[alias.field] = ColumnMatch(alias.field, header[index], index, alias.source, alias.approximation)
                taken.add(index)
    ignored = tuple(IgnoredColumn(h, duplicates.get(i)) for i, h in enumerate(header) if i not in taken and h)
    return found, ignored


def _missing(field: Field, aliases: Sequence[Alias], header: list[str], source: str) -> ExportError:
    names = [a.header for a in aliases if a.field == field.name]
    return ExportError(
        source,
        f"has no column for {field.label_en.lower()} ({field.name})",
        f"ستونی برای {field.label_fa} ({field.name}) ندارد",
        "a column named " + ", ".join(f"'{n}'" for n in names) + "; the file's columns: " + ", ".join(header),
        "ستونی با یکی از این نام‌ها: " + "، ".join(f"«{n}»" for n in names) + "؛ ستون‌های فایل: " + "، ".join(header),
        name=field.name,
    )


def _count(cell: str, *, source: str, row: int, match: ColumnMatch) -> int | None:
    """A count from one cell (``None`` for a blank cell), or the error naming row and column."""
    if not cell:
        return None

    def refuse(reason: str, reason_fa: str) -> ExportError:
        return ExportError(
            source, reason, reason_fa, *_COUNT_ALLOWED, name=match.field, row=row, column=match.header, value=cell
        )

    try:
        number = read_number(cell)
    except AmbiguousCommaError:
        raise ExportError(
            source,
            "has a comma that is not a thousands separator",
            "ویرگولی دارد که جداکنندهٔ هزارگان نیست",
            "a count such as 12300 or 12,300",
            "شماری مانند ۱۲۳۰۰ یا ۱۲٬۳۰۰",
            name=match.field,
            row=row,
            column=match.header,
            value=cell,
        ) from None
    except ValueError:
        raise refuse("is not a number", "عدد نیست") from None
    if not math.isfinite(number):
        raise refuse("is not a finite number", "عدد متناهی نیست")
    if number < 0:
        raise refuse("is negative", "منفی است")
    if not number.is_integer():
        raise refuse("is not a whole number", "عدد صحیح نیست")
    if number > MAX_CELL_COUNT:
        raise refuse("is too large", "بیش از حد بزرگ است")
    return int(number)


def _blank_note(match: ColumnMatch, blanks: int) -> Note:
    return Note(
        f"{match.header}: {exact_number(blanks)} blank cell{'' if blanks == 1 else 's'} read as 0 "
        "(exports leave a count blank when it is zero)",
        f"{match.header}: {_fa(blanks)} خانهٔ خالی صفر خوانده شد (خروجی‌ها شمار صفر را خالی می‌گذارند)",
    )


def _read_counts(
    rows: list[tuple[int, list[str]]], match: ColumnMatch, source: str, *, blank_is_zero: bool
) -> tuple[np.ndarray, Note | None]:
    values = np.zeros(len(rows), dtype=np.int64)
    blanks = 0
    for i, (row, cells) in enumerate(rows):
        cell = cells[match.index] if match.index < len(cells) else ""
        value = _count(cell, source=source, row=row, match=match)
        if value is None:
            if not blank_is_zero:
                raise ExportError(
                    source,
                    "is empty",
                    "خالی است",
                    *_COUNT_ALLOWED,
                    name=match.field,
                    row=row,
                    column=match.header,
                    value="",
                )
            blanks += 1
            value = 0
        values[i] = value
    return values, (_blank_note(match, blanks) if blanks else None)


def _check_widths(rows: list[tuple[int, list[str]]], header: list[str], source: str, shape: tuple[str, str]) -> None:
    """A row with more non-blank cells than the header has shifted columns (often an unquoted
    ``12,300`` in a comma-separated file): refuse it rather than read the wrong column."""
    for row, cells in rows:
        if len(cells) > len(header) and any(cells[len(header) :]):
            raise ExportError(
                source,
                f"has {exact_number(len(cells))} cells but the header has {exact_number(len(header))} "
                "(a number such as 12,300 needs quotes in a comma-separated file)",
                f"{_fa(len(cells))} خانه دارد اما ردیف عنوان {_fa(len(header))} خانه دارد "
                "(عددی مانند ۱۲٬۳۰۰ در فایل جداشده با ویرگول باید داخل گیومه باشد)",
                *shape,
                row=row,
            )


def _at_most(
    rows: list[tuple[int, list[str]]],
    values: np.ndarray,
    limit: np.ndarray,
    match: ColumnMatch,
    limit_match: ColumnMatch,
    source: str,
) -> None:
    """Each value at most the same row's ``limit`` (shares at most the reach of that post)."""
    over = np.flatnonzero(values > limit)
    if over.size:
        i = int(over[0])
        row, cells = rows[i]
        noun, noun_fa = POST_FIELDS[limit_match.field].label_en.lower(), POST_FIELDS[limit_match.field].label_fa
        raise ExportError(
            source,
            f"is more than that post's {noun} ({exact_number(int(limit[i]))}, column '{limit_match.header}')",
            f"از {noun_fa} همان پست ({_fa(int(limit[i]))}، ستون «{limit_match.header}») بیشتر است",
            f"a whole number from 0 to the post's {noun}",
            f"عدد صحیح از ۰ تا {noun_fa} همان پست",
            name=match.field,
            row=row,
            column=match.header,
            value=cells[match.index],
        )


def _labels(rows: list[tuple[int, list[str]]], match: ColumnMatch) -> tuple[str, ...]:
    return tuple(cells[match.index] if match.index < len(cells) else "" for _, cells in rows)


def read_posts(
    data: str | bytes, *, source: str = "upload.csv", columns: Mapping[str, str] | None = None
) -> PostsExport:
    """Read a posts export from its text (a paste) or bytes (an upload); see the module doc.

    ``columns`` names the column for a field when the alias table does not know it
    (``{"platform": "Network name"}``). Raises :class:`ExportError` (or the size/encoding
    :class:`~simulator.params.ParameterError` of :func:`~simulator.input_files.text_from_bytes`).
    """
    text = _text(data, source, _POSTS_SHAPE)
    header, rows = _records(text, source, MAX_POST_ROWS, _POSTS_SHAPE, ("posts", "پست"))
    found, ignored = _match(header, POST_ALIASES, POST_FIELDS, columns or {}, source, _POSTS_SHAPE)
    notes = [m.approximation for m in found.values() if m.approximation is not None]
    if "reach" not in found and "impressions" in found:
        views = found["impressions"]
        found["reach"] = ColumnMatch("reach", views.header, views.index, views.source, VIEWS_AS_REACH)
        notes.insert(
            0, Note(VIEWS_AS_REACH.en.format(header=views.header), VIEWS_AS_REACH.fa.format(header=views.header))
        )
    for field in POST_FIELDS.values():
        if field.required and field.name not in found:
            raise _missing(field, POST_ALIASES, header, source)
    _check_widths(rows, header, source, _POSTS_SHAPE)
    counts: dict[str, np.ndarray] = {}
    for name, field in POST_FIELDS.items():
        if field.count and name in found:
            values, blank_note = _read_counts(rows, found[name], source, blank_is_zero=name != "reach")
            counts[name] = values
            if blank_note is not None:
                notes.append(blank_note)
    zero = np.flatnonzero(counts["reach"] == 0)
    if zero.size:
        row, cells = rows[int(zero[0])]
        match = found["reach"]
        raise ExportError(
            source,
            "is zero: a post nobody saw says nothing about sharing",
            "صفر است: پستی که کسی ندیده چیزی دربارهٔ بازنشر نمی‌گوید",
            f"a whole number from 1 to {exact_number(MAX_CELL_COUNT)}; remove posts with no reach",
            f"عدد صحیح از ۱ تا {_fa(MAX_CELL_COUNT)}؛ پست‌های بدون دسترسی را حذف کنید",
            name="reach",
            row=row,
            column=match.header,
            value=cells[match.index],
        )
    for name in ("shares", "reach_followers", "conversions"):
        if name in counts:
            _at_most(rows, counts[name], counts["reach"], found[name], found["reach"], source)
    labels = {name: _labels(rows, found[name]) for name, f in POST_FIELDS.items() if not f.count and name in found}
    for name in GROUP_FIELDS:
        if name in labels and len(set(labels[name])) > MAX_FIT_GROUPS:
            raise ExportError(
                source,
                f"has {exact_number(len(set(labels[name])))} different values, too many groups to fit one by one",
                f"{_fa(len(set(labels[name])))} مقدار گوناگون دارد، بیش از آن‌که برای هر گروه جدا برآورد شود",
                f"at most {exact_number(MAX_FIT_GROUPS)} groups; name another column with --{name}-column",
                f"حداکثر {_fa(MAX_FIT_GROUPS)} گروه؛ ستون دیگری را با --{name}-column نام ببرید",
                name=name,
                column=found[name].header,
            )
    return PostsExport(
        source=source,
        counts=counts,
        labels=labels,
        rows=np.array([row for row, _ in rows]),
        recognised=tuple(sorted(found.values(), key=lambda m: m.index)),
        ignored=ignored,
        notes=tuple(notes),
    )


def read_posts_file(path: str, *, columns: Mapping[str, str] | None = None) -> PostsExport:
    """:func:`read_posts` on the file at ``path`` (a bounded, checked read)."""
    return read_posts(read_text_file("file", path, *_POSTS_SHAPE), source=path, columns=columns)


def _check_periods(rows: list[tuple[int, list[str]]], match: ColumnMatch, source: str) -> None:
    """Numbered periods must run 1, 2, 3... without a gap: a missing period would shift the curve."""
    labels = _labels(rows, match)
    try:
        numbers = [read_number(label) for label in labels]
    except ValueError:
        return  # dates or names: taken in file order
    for (row, _), before, now, label in zip(rows[1:], numbers[:-1], numbers[1:], labels[1:], strict=True):
        if now != before + 1:
            raise ExportError(
                source,
                f"does not follow period {exact_number(before)}: periods run one after another",
                f"پس از دورهٔ {_fa(before)} نمی‌آید: دوره‌ها باید پشت سر هم بیایند",
                f"{exact_number(before + 1)}; write 0 adopters for a period with none",
                f"{_fa(before + 1)}؛ برای دوره‌ای بدون پذیرنده، صفر بنویسید",
                name="period",
                row=row,
                column=match.header,
                value=label,
            )


def read_series(
    data: str | bytes,
    *,
    period: str,
    cumulative: bool = False,
    source: str = "upload.csv",
    columns: Mapping[str, str] | None = None,
) -> SeriesExport:
    """Read an adoption series (``period, adopters``) from text or bytes.

    ``period`` is the unit of one row (:data:`~simulator.declarations.PERIOD`: day, week,
    month, quarter, year), stated by the caller, never guessed. ``cumulative``: the adopters
    column is the running total (it must never fall) rather than new adopters per period.
    """
    period = str(PERIOD.check(period))
    text = _text(data, source, _SERIES_SHAPE)
    header, rows = _records(text, source, MAX_SERIES_PERIODS, _SERIES_SHAPE, ("periods", "دوره"))
    found, ignored = _match(header, SERIES_ALIASES, SERIES_FIELDS, columns or {}, source, _SERIES_SHAPE)
    if "adopters" not in found:
        raise _missing(SERIES_FIELDS["adopters"], SERIES_ALIASES, header, source)
    _check_widths(rows, header, source, _SERIES_SHAPE)
    match = found["adopters"]
    adopters, _ = _read_counts(rows, match, source, blank_is_zero=False)
    if cumulative:
        falls = np.flatnonzero(np.diff(adopters) < 0)
        if falls.size:
            i = int(falls[0]) + 1
            row, cells = rows[i]
            raise ExportError(
                source,
                f"is less than the period before ({exact_number(int(adopters[i - 1]))}): a running total never falls",
                f"از دورهٔ قبل ({_fa(int(adopters[i - 1]))}) کمتر است: جمع تجمعی هرگز کم نمی‌شود",
                "a running total at least the previous one; without --cumulative each row is new adopters",
                "جمعی دست‌کم برابر دورهٔ قبل؛ بدون --cumulative هر ردیف پذیرندگان تازهٔ همان دوره است",
                name="adopters",
                row=row,
                column=match.header,
                value=cells[match.index],
            )
    if "period" in found:
        _check_periods(rows, found["period"], source)
        labels = _labels(rows, found["period"])
    else:
        labels = tuple(str(i) for i in range(1, len(rows) + 1))
    return SeriesExport(
        source=source,
        period=period,
        cumulative=cumulative,
        adopters=adopters,
        labels=labels,
        rows=np.array([row for row, _ in rows]),
        recognised=tuple(sorted(found.values(), key=lambda m: m.index)),
        ignored=ignored,
        notes=(),
    )


def read_series_file(
    path: str, *, period: str, cumulative: bool = False, columns: Mapping[str, str] | None = None
) -> SeriesExport:
    """:func:`read_series` on the file at ``path`` (a bounded, checked read)."""
    text = read_text_file("file", path, *_SERIES_SHAPE)
    return read_series(text, period=period, cumulative=cumulative, source=path, columns=columns)
