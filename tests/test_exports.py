"""Reading analytics exports (simulator/exports.py): which columns are recognised, how numbers
are read, and every refusal naming the file, row, column and value in both languages."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.exports import (
    MAX_CELL_COUNT,
    POST_ALIASES,
    ExportError,
    _csv_reason_fa,
    header_key,
    read_posts,
    read_posts_file,
    read_series,
    read_series_file,
)
from simulator.limits import MAX_FILE_BYTES, MAX_POST_ROWS, MAX_SERIES_PERIODS
from simulator.params import ParameterError

# --- recognition: each export with its real header (two posts each) --------------------------

META_FACEBOOK = (
    "Post ID,Page ID,Page name,Title,Description,Duration (sec),Publish time,Caption type,Permalink,"
    "Is crosspost,Is share,Post type,Languages,Custom labels,Funded content status,Data comment,Date,"
    'Views,Reach,"Reactions, Comments and Shares",Reactions,Comments,Shares,Total clicks,Link clicks\n'
    '1,9,Shop,,"Spring sale, 20% off",,04/01/2026 09:00,,https://fb.com/1,No,No,Photos,,,,,Lifetime,'
    '"12,300","9,800",240,180,25,35,410,120\n'
    "2,9,Shop,,Behind the scenes,31,04/03/2026 18:30,,https://fb.com/2,No,No,Reels,,,,,Lifetime,"
    "5200,4100,61,50,3,8,90,22\n"
)
META_INSTAGRAM = (
    "Post ID,Account ID,Account username,Account name,Description,Duration (sec),Publish time,Permalink,"
    "Post type,Data comment,Date,Views,Reach,Likes,Shares,Follows,Comments,Saves,Profile visits\n"
    '18011,1784,shop,Shop,"Chair test, part 2",44,10/03/2026 08:31,https://instagram.com/reel/a/,IG reel,,'
    'Lifetime,"12,400",9100,610,88,41,57,230,140\n'
    "18012,1784,shop,Shop,Carousel,0,10/05/2026 12:00,https://instagram.com/p/b/,IG carousel,,Lifetime,"
    "3000,2500,120,,3,9,40,25\n"
)
X_TWEET_ACTIVITY = (
    "Tweet id,Tweet permalink,Tweet text,time,impressions,engagements,engagement rate,retweets,replies,"
    "likes,user profile clicks,url clicks,hashtag clicks,detail expands,permalink clicks,app opens,"
    "app installs,follows,email tweet,dial phone,media views,media engagements\n"
    '1001,https://x.com/s/1001,"Launch day, finally",2026-08-01 10:00 +0000,5000,120,0.024,15,40,60,'
    "9,25,0,10,1,0,0,2,0,0,0,0\n"
    "1002,https://x.com/s/1002,Settings page,2026-08-02 10:00 +0000,800,4,0.005,0,0,4,0,1,0,0,0,0,0,0,0,0,0,0\n"
)
X_CONTENT = (
    "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Replies,"
    "Reposts,Profile visits,Detail Expands,URL Clicks,Hashtag Clicks,Permalink Clicks\n"
    '2000,"Sun, Dec 14, 2025",Breaking,https://x.com/s/2000,655,2,13,1,4,0,1,3,2,4,1,0,0\n'
    '2001,"Mon, Dec 15, 2025",Follow-up,https://x.com/s/2001,"1,210",9,30,2,1,1,3,7,5,6,4,0,1\n'
)
LINKEDIN = (
    "Post title,Post link,Post type,Campaign name,Posted by,Created date,Campaign start date,"
    "Campaign end date,Audience,Impressions,Views (excluding off-site video views),Off-site views,"
    "Clicks,Click through rate (CTR),Likes,Comments,Reposts,Follows,Engagement rate,Content Type\n"
    "Hiring,https://linkedin.com/1,Organic,,Ana,09/01/2026,,,All followers,4200,,,96,0.0229,80,6,5,2,0.0445,Image\n"
    "Report,https://linkedin.com/2,Sponsored,Q3,Ana,09/08/2026,,,All followers,9100,,,210,0.0231,150,12,9,4,"
    "0.0417,Document\n"
)
TELEGRAM = "msg_id,date,views,forwards,reactions\n501,2026-05-01,8400,37,120\n502,2026-05-02,7900,12,95\n"
OURS = "date,platform,format,reach,reach_followers,shares,impressions,engagements,clicks,conversions\n" \
    "2026-01-05,instagram,reel,1200,800,6,1500,90,14,2\n2026-01-06,facebook,photo,900,700,2,1000,30,5,0\n"  # fmt: skip
PERSIAN = "تاریخ,شبکه,نوع پست,دسترسی,بازنشر,کلیک‌ها,تبدیل\n۱۴۰۴/۱۰/۱۵,اینستاگرام,ریلز,۱۲٬۳۰۰,۴۵,۱۲۰,۶\n۱۴۰۴/۱۰/۱۶,تلگرام,متن,۹۸۰۰,۳۰,۸۰,۲\n"


def _fields(text: str) -> dict[str, str]:
    """Our field -> the column header it was read from."""
    return {m.field: m.header for m in read_posts(text, source="t.csv").recognised}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            META_FACEBOOK,
            {
                "date": "Publish time",  # not "Date", which holds "Lifetime" in Meta's exports
                "format": "Post type",
                "impressions": "Views",
                "reach": "Reach",
                "engagements": "Reactions, Comments and Shares",
                "shares": "Shares",
                "clicks": "Total clicks",
            },
        ),
        (
            META_INSTAGRAM,
            {
                "date": "Publish time",
                "format": "Post type",
                "impressions": "Views",
                "reach": "Reach",
                "shares": "Shares",
                "conversions": "Follows",
                "clicks": "Profile visits",
            },
        ),
        (
            X_TWEET_ACTIVITY,
            {
                "date": "time",
                "impressions": "impressions",
                "reach": "impressions",
                "engagements": "engagements",
                "shares": "retweets",
                "clicks": "url clicks",
                "conversions": "follows",
            },
        ),
        (
            X_CONTENT,
            {
                "date": "Date",
                "impressions": "Impressions",
                "reach": "Impressions",
                "engagements": "Engagements",
                "shares": "Reposts",  # not "Shares" (sent in a message): the repost is what the model means
                "conversions": "New follows",
                "clicks": "URL Clicks",
            },
        ),
        (
            LINKEDIN,
            {
                "format": "Content Type",  # LinkedIn's "Post type" says Organic/Sponsored
                "date": "Created date",
                "impressions": "Impressions",
                "reach": "Impressions",
                "clicks": "Clicks",
                "shares": "Reposts",
                "conversions": "Follows",
            },
        ),
        (TELEGRAM, {"date": "date", "impressions": "views", "reach": "views", "shares": "forwards"}),
        (
            OURS,
            {
                "date": "date",
                "platform": "platform",
                "format": "format",
                "reach": "reach",
                "reach_followers": "reach_followers",
                "shares": "shares",
                "impressions": "impressions",
                "engagements": "engagements",
                "clicks": "clicks",
                "conversions": "conversions",
            },
        ),
        (
            PERSIAN,
            {
                "date": "تاریخ",
                "platform": "شبکه",
                "format": "نوع پست",
                "reach": "دسترسی",
                "shares": "بازنشر",
                "clicks": "کلیک‌ها",
                "conversions": "تبدیل",
            },
        ),
    ],
    ids=["meta-facebook", "meta-instagram", "x-tweet-activity", "x-content", "linkedin", "telegram", "ours", "persian"],
)
def test_each_export_is_recognised_by_its_real_header(text: str, expected: dict[str, str]) -> None:
    assert _fields(text) == expected


def test_values_are_read_with_thousands_separators_persian_digits_and_blank_zeros() -> None:
    facebook = read_posts(META_FACEBOOK, source="fb.csv")
    assert facebook.counts["reach"].tolist() == [9800, 4100]
    assert facebook.counts["impressions"].tolist() == [12300, 5200]
    assert facebook.labels["date"] == ("04/01/2026 09:00", "04/03/2026 18:30")
    assert facebook.rows.tolist() == [2, 3]
    persian = read_posts(PERSIAN, source="fa.csv")
    assert persian.counts["reach"].tolist() == [12300, 9800]
    assert persian.labels["platform"] == ("اینستاگرام", "تلگرام")
    instagram = read_posts(META_INSTAGRAM, source="ig.csv")
    assert instagram.counts["shares"].tolist() == [88, 0]  # the blank cell of the second post
    assert [n.en for n in instagram.notes] == [
        "profile visits are read as clicks: they count taps on the account name, not clicks on a link",
        "follows gained from each post are read as conversions; if you track sales or sign-ups, "
        "name that column 'conversions' instead",
        "Shares: 1 blank cell read as 0 (exports leave a count blank when it is zero)",
    ]


def test_reach_from_views_is_flagged_as_an_approximation_in_both_languages() -> None:
    telegram = read_posts(TELEGRAM, source="tg.csv")
    assert telegram.counts["reach"].tolist() == [8400, 7900]
    assert telegram.notes[0].en == (
        "no reach column: 'views' (views, counting repeat views by the same person) stands in for reach, "
        "so reach is overstated and the share rate per reached person understated"
    )
    assert telegram.notes[0].fa.startswith("ستون دسترسی ندارد: «views» (بازدید،")
    assert telegram.notes[1].en.startswith("Telegram's forwards count forwards to public channels only")
    # A file with a reach column keeps it: views are impressions, not reach.
    assert read_posts(META_FACEBOOK, source="fb.csv").notes == ()


def test_ignored_columns_are_listed_and_a_second_column_for_a_field_says_which() -> None:
    x = read_posts(X_CONTENT, source="x.csv")
    ignored = {c.header: c.duplicate_of for c in x.ignored}
    assert ignored["Shares"] == "shares"  # Reposts gives the shares
    assert ignored["Profile visits"] == "clicks"  # URL Clicks gives the clicks
    assert ignored["Likes"] is None
    assert "Reposts" not in ignored


@pytest.mark.parametrize("header", ["REACH", " Reach ", "reach_", "Re-ach", "r e a c h", "Rea\u200cch"])
def test_names_match_ignoring_case_spaces_underscores_hyphens_and_zwnj(header: str) -> None:
    assert _fields(f"{header},shares\n10,1\n20,2\n")["reach"] == header.strip()


def test_persian_names_match_with_or_without_zwnj_and_with_arabic_letters() -> None:
    assert header_key("بازنشر‌ها") == header_key("بازنشرها")
    assert header_key("كليك") == header_key("کلیک")  # Arabic kaf and yeh
    assert _fields("دسترسي,بازنشرها\n10,1\n20,2\n") == {"reach": "دسترسي", "shares": "بازنشرها"}


def test_no_two_aliases_read_alike_and_each_field_has_names() -> None:
    keys = [header_key(a.header) for a in POST_ALIASES]
    assert len(keys) == len(set(keys))
    assert {a.field for a in POST_ALIASES} == {
        "date", "reach", "shares", "reach_followers", "impressions", "engagements", "clicks", "conversions",
        "platform", "format",
    }  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "reach;shares\n10;1\n20;2\n",
        "reach\tshares\n10\t1\n20\t2\n",
        "\ufeffreach,shares\n10,1\n20,2\n",
        "reach,shares\r\n10,1\r\n20,2\r\n",
        "\n\nreach,shares\n10,1\n\n20,2\n\n",
    ],
    ids=["semicolon", "tab", "bom", "crlf", "blank-lines"],
)
def test_separators_bom_and_line_endings(text: str) -> None:
    posts = read_posts(text, source="t.csv")
    assert posts.counts["reach"].tolist() == [10, 20]
    assert posts.counts["shares"].tolist() == [1, 2]


def test_a_dot_is_a_decimal_point_never_a_thousands_separator() -> None:
    """12.300 is 12.3 (refused: not a whole count), not twelve thousand three hundred as in German."""
    assert read_posts('reach;shares\n"12,300";4\n', source="t.csv").counts["reach"].tolist() == [12300]
    with pytest.raises(ExportError, match=r"row 2, column 'reach': '12.300' is not a whole number"):
        read_posts("reach;shares\n12.300;4\n", source="t.csv")


def test_bytes_with_bom_are_read_like_text() -> None:
    data = "\ufeffreach,shares\n10,1\n20,2\n".encode()
    assert read_posts(data, source="up.csv").counts["reach"].tolist() == [10, 20]


def test_groups_by_platform_then_format_in_first_seen_order() -> None:
    text = "platform,format,reach,shares\nig,reel,10,1\nfb,photo,20,2\nig,photo,30,3\n"
    groups = [(f, label, idx.tolist()) for f, label, idx in read_posts(text, source="t.csv").groups()]
    assert groups == [
        ("platform", "ig", [0, 2]),
        ("platform", "fb", [1]),
        ("format", "reel", [0]),
        ("format", "photo", [1, 2]),
    ]


def test_a_named_column_overrides_the_aliases() -> None:
    text = "Network name,Reach,Shares,Post type\nig,10,1,reel\nfb,20,2,photo\n"
    posts = read_posts(text, source="t.csv", columns={"platform": "network NAME"})
    assert posts.labels["platform"] == ("ig", "fb")
    assert {m.field: m.source for m in posts.recognised}["platform"] == "named by you"


# --- refusals: file, row, column and value, in both languages -------------------------------


def _refusal(text: str | bytes, **kwargs: object) -> ExportError:
    with pytest.raises(ExportError) as caught:
        read_posts(text, source="posts.csv", **kwargs)  # type: ignore[arg-type]
    return caught.value


@pytest.mark.parametrize(
    ("text", "en", "fa"),
    [
        (
            "date,reach,shares\nmon,1200,6\ntue,lots,3\n",
            "posts.csv, row 3, column 'reach': 'lots' is not a number; allowed: a whole number from 0 to 10,000,000,000",
            "posts.csv، ردیف ۳، ستون «reach»: «lots» عدد نیست؛ مجاز: عدد صحیح از ۰ تا ۱۰٬۰۰۰٬۰۰۰٬۰۰۰",
        ),
        (
            "Reach,Shares\n1200,-6\n",
            "posts.csv, row 2, column 'Shares': '-6' is negative; allowed: a whole number from 0 to 10,000,000,000",
            "posts.csv، ردیف ۲، ستون «Shares»: «-6» منفی است؛ مجاز: عدد صحیح از ۰ تا ۱۰٬۰۰۰٬۰۰۰٬۰۰۰",
        ),
        (
            "Reach,Shares\n1200,6\n600,900\n",
            "posts.csv, row 3, column 'Shares': '900' is more than that post's reach (600, column 'Reach'); "
            "allowed: a whole number from 0 to the post's reach",
            "posts.csv، ردیف ۳، ستون «Shares»: «900» از دسترسی همان پست (۶۰۰، ستون «Reach») بیشتر است؛ "
            "مجاز: عدد صحیح از ۰ تا دسترسی همان پست",
        ),
        (
            "Reach,Shares\n1200,6\n,3\n",
            "posts.csv, row 3, column 'Reach': '(empty)' is empty; allowed: a whole number from 0 to 10,000,000,000",
            "posts.csv، ردیف ۳، ستون «Reach»: «(خالی)» خالی است؛ مجاز: عدد صحیح از ۰ تا ۱۰٬۰۰۰٬۰۰۰٬۰۰۰",
        ),
        (
            "Reach,Shares\n1200,6\n0,0\n",
            "posts.csv, row 3, column 'Reach': '0' is zero: a post nobody saw says nothing about sharing; "
            "allowed: a whole number from 1 to 10,000,000,000; remove posts with no reach",
            "posts.csv، ردیف ۳، ستون «Reach»: «0» صفر است: پستی که کسی ندیده چیزی دربارهٔ بازنشر نمی‌گوید؛ "
            "مجاز: عدد صحیح از ۱ تا ۱۰٬۰۰۰٬۰۰۰٬۰۰۰؛ پست‌های بدون دسترسی را حذف کنید",
        ),
        (
            "Reach,Shares\n1200,6\n12.5,1\n",
            "posts.csv, row 3, column 'Reach': '12.5' is not a whole number; allowed: a whole number from 0 to "
            "10,000,000,000",
            "posts.csv، ردیف ۳، ستون «Reach»: «12.5» عدد صحیح نیست؛ مجاز: عدد صحیح از ۰ تا ۱۰٬۰۰۰٬۰۰۰٬۰۰۰",
        ),
        (
            "Reach;Shares\n1200;6\n1,5;1\n",
            "posts.csv, row 3, column 'Reach': '1,5' has a comma that is not a thousands separator; "
            "allowed: a count such as 12300 or 12,300",
            "posts.csv، ردیف ۳، ستون «Reach»: «1,5» ویرگولی دارد که جداکنندهٔ هزارگان نیست؛ "
            "مجاز: شماری مانند ۱۲۳۰۰ یا ۱۲٬۳۰۰",
        ),
        (
            "Reach,Shares\n1200,6\nnan,1\n",
            "posts.csv, row 3, column 'Reach': 'nan' is not a finite number; allowed: a whole number from 0 to "
            "10,000,000,000",
            "posts.csv، ردیف ۳، ستون «Reach»: «nan» عدد متناهی نیست؛ مجاز: عدد صحیح از ۰ تا ۱۰٬۰۰۰٬۰۰۰٬۰۰۰",
        ),
        (
            "Reach,Shares\n1200,6\n1e11,1\n",
            "posts.csv, row 3, column 'Reach': '1e11' is too large; allowed: a whole number from 0 to 10,000,000,000",
            "posts.csv، ردیف ۳، ستون «Reach»: «1e11» بیش از حد بزرگ است؛ مجاز: عدد صحیح از ۰ تا ۱۰٬۰۰۰٬۰۰۰٬۰۰۰",
        ),
    ],
    ids=["not-a-number", "negative", "shares-over-reach", "empty-cell", "zero-reach", "fraction", "comma", "nan",
         "huge"],
)  # fmt: skip
def test_a_bad_cell_is_named_by_row_column_and_value(text: str, en: str, fa: str) -> None:
    error = _refusal(text)
    assert isinstance(error, ParameterError)
    assert (error.describe(), error.describe(lang="fa")) == (en, fa)
    assert str(error) == en


def test_an_unquoted_thousands_separator_shifts_the_row_and_is_refused() -> None:
    error = _refusal("Reach,Shares\n1200,6\n12,300,4\n")
    assert error.describe() == (
        "posts.csv, row 3 has 3 cells but the header has 2 (a number such as 12,300 needs quotes in a "
        "comma-separated file); allowed: " + error.allowed
    )
    assert error.describe(lang="fa").startswith("posts.csv، ردیف ۳ ۳ خانه دارد اما ردیف عنوان ۲ خانه دارد")


def test_a_missing_required_column_lists_its_names_and_the_files_columns() -> None:
    error = _refusal("Reach,Likes\n1200,60\n")
    assert error.describe().startswith(
        "posts.csv has no column for shares (shares); allowed: a column named 'reposts', 'retweets', 'shares', "
        "'forwards', 'بازنشر'"
    )
    assert error.describe().endswith("; the file's columns: Reach, Likes")
    assert error.describe(lang="fa").startswith("posts.csv ستونی برای بازنشر (shares) ندارد؛ مجاز: ستونی با یکی")


@pytest.mark.parametrize(
    ("text", "en", "fa"),
    [
        ("", "posts.csv is empty", "posts.csv خالی است"),
        ("\n \n;;\n", "posts.csv is empty", "posts.csv خالی است"),
        ("Reach,Shares\n", "posts.csv has a header but no posts", "posts.csv ردیف عنوان دارد اما هیچ پست ندارد"),
    ],
    ids=["nothing", "blank", "header-only"],
)
def test_an_empty_file_is_refused_in_both_languages(text: str, en: str, fa: str) -> None:
    error = _refusal(text)
    assert error.describe().startswith(en + "; allowed: a CSV export with a header row")
    assert error.describe(lang="fa").startswith(fa + "؛ مجاز: یک فایل CSV")


def test_twenty_groups_are_fitted_and_twenty_one_refused_in_both_languages() -> None:
    """At most 20 groups (platforms or formats) are fitted one by one, written out here."""
    header = "reach,shares,platform\n"
    assert read_posts(header + "".join(f"100,1,p{i}\n" for i in range(20)), source="posts.csv").posts == 20
    error = _refusal(header + "".join(f"100,1,p{i}\n" for i in range(21)))
    assert (error.describe(), error.describe(lang="fa")) == (
        "posts.csv, column 'platform': has 21 different values, too many groups to fit one by one; allowed: at "
        "most 20 groups; name another column with --platform-column",
        "posts.csv، ستون «platform»: ۲۱ مقدار گوناگون دارد، بیش از آن‌که برای هر گروه جدا برآورد شود؛ مجاز: "
        "حداکثر ۲۰ گروه؛ ستون دیگری را با --platform-column نام ببرید",
    )


def test_a_cell_too_long_for_the_csv_reader_is_refused_naming_its_row() -> None:
    """Python's csv module stops at a field over 131,072 characters, well inside the byte cap."""
    error = _refusal('reach,shares\n100,1\n"' + "x" * 140_000 + '",2\n')
    assert error.describe().startswith(
        "posts.csv, row 3 could not be read as CSV (field larger than field limit (131072)); allowed: a CSV export"
    )
    # The Persian message names the limit in Persian, not Python's English reason.
    assert error.describe(lang="fa").startswith(
        "posts.csv، ردیف ۳ به شکل CSV خوانده نشد (خانه‌ای از سقف ۱۳۱٬۰۷۲ نویسه بلندتر است)؛ "
    )


def test_a_csv_reason_python_gives_only_in_english_is_not_quoted_in_persian() -> None:
    """Any other reader failure (none is reachable with the default dialect today) is named in Persian."""
    assert _csv_reason_fa(csv.Error("',' expected after '\"'")) == "ساختار فایل با CSV نمی‌خواند"


def test_the_row_cap_holds_at_its_limit_and_refuses_one_more() -> None:
    rows = "".join(f"{100 + i % 7},{i % 3}\n" for i in range(MAX_POST_ROWS))
    assert read_posts("reach,shares\n" + rows, source="posts.csv").posts == MAX_POST_ROWS
    error = _refusal("reach,shares\n" + rows + "50,1\n")
    assert error.describe().startswith("posts.csv, row 20,002 is past the limit of 20,000 posts; allowed:")
    assert error.describe(lang="fa").startswith("posts.csv، ردیف ۲۰٬۰۰۲ از سقف ۲۰٬۰۰۰ پست فراتر است؛ مجاز:")


def _file_of(size: int) -> bytes:
    """A valid posts file of exactly ``size`` bytes (a padding column the reader ignores)."""
    head = b"reach,shares,note\n"
    row = b"1000,3,"
    lines, left = [head], size - len(head)
    per_row = left // 2000
    for i in range(2000):
        width = per_row if i < 1999 else left - per_row * 1999
        lines.append(row + b"x" * (width - len(row) - 1) + b"\n")
    data = b"".join(lines)
    assert len(data) == size
    return data


def test_the_byte_cap_holds_for_bytes_text_and_paths(tmp_path: Path) -> None:
    at_limit = _file_of(MAX_FILE_BYTES)
    assert read_posts(at_limit, source="up.csv").posts == 2000
    over = _file_of(MAX_FILE_BYTES + 1)
    with pytest.raises(ParameterError) as caught:
        read_posts(over, source="up.csv")
    assert caught.value.describe().startswith(
        "file = 'up.csv' is 1,000,001 bytes, more than the 1,000,000-byte limit: a CSV export"
    )
    assert read_posts(at_limit.decode(), source="paste").posts == 2000  # a paste: the same limit, in UTF-8 bytes
    for text in (over.decode(), at_limit.decode()[:-10] + "۱۲۳۴۵\n"):  # 5 Persian digits are 10 bytes
        with pytest.raises(ParameterError) as caught:
            read_posts(text, source="paste")
        assert "more than the 1,000,000-byte limit" in caught.value.describe()
    path = tmp_path / "big.csv"
    path.write_bytes(over)
    with pytest.raises(ParameterError) as caught:
        read_posts_file(str(path))
    assert caught.value.describe(lang="fa").startswith(f"file = '{path}' ۱٬۰۰۰٬۰۰۱ بایت است، بیش از سقف ۱٬۰۰۰٬۰۰۰ بایت")
    # The file on disk is refused by its size before it is read, with the same allowed shape.
    assert caught.value.describe().startswith(
        f"file = '{path}' is 1,000,001 bytes, more than the 1,000,000-byte limit: a CSV export"
    )
    path.write_bytes(at_limit)
    assert read_posts_file(str(path)).source == str(path)


def test_bytes_that_are_not_utf8_are_refused() -> None:
    with pytest.raises(ParameterError, match=r"is not UTF-8 text \(byte 19 is not valid\)"):
        read_posts("reach,shares\n1,Café\n".encode("latin-1"), source="up.csv")


def test_a_named_column_that_is_not_in_the_file_is_refused() -> None:
    error = _refusal("Reach,Shares\n10,1\n", columns={"platform": "Network"})
    assert error.describe() == (
        "posts.csv has no column named 'Network' (given for platform); allowed: one of the file's columns: Reach, Shares"
    )


# --- adoption series ------------------------------------------------------------------------


def test_a_weekly_series_new_or_cumulative() -> None:
    new = read_series("week,signups\n1,10\n2,25\n3,40\n", period="week", source="s.csv")
    assert (new.period, new.adopters.tolist(), new.labels) == ("week", [10, 25, 40], ("1", "2", "3"))
    total = read_series("هفته,پذیرندگان\n۱,۱۰\n۲,۳۵\n۳,۷۵\n", period="week", cumulative=True, source="s.csv")
    assert total.new_adopters().tolist() == [10, 25, 40]
    no_labels = read_series("adopters\n5\n6\n", period="month", source="s.csv")
    assert no_labels.labels == ("1", "2")


@pytest.mark.parametrize(
    ("text", "cumulative", "en", "fa"),
    [
        (
            "week,adopters\n1,10\n2,35\n3,30\n",
            True,
            "s.csv, row 4, column 'adopters': '30' is less than the period before (35): a running total never falls; "
            "allowed: a running total at least the previous one; without --cumulative each row is new adopters",
            "s.csv، ردیف ۴، ستون «adopters»: «30» از دورهٔ قبل (۳۵) کمتر است: جمع تجمعی هرگز کم نمی‌شود؛ "
            "مجاز: جمعی دست‌کم برابر دورهٔ قبل؛ بدون --cumulative هر ردیف پذیرندگان تازهٔ همان دوره است",
        ),
        (
            "week,adopters\n1,10\n2,35\n4,30\n",
            False,
            "s.csv, row 4, column 'week': '4' does not follow period 2: periods run one after another; "
            "allowed: 3; write 0 adopters for a period with none",
            "s.csv، ردیف ۴، ستون «week»: «4» پس از دورهٔ ۲ نمی‌آید: دوره‌ها باید پشت سر هم بیایند؛ "
            "مجاز: ۳؛ برای دوره‌ای بدون پذیرنده، صفر بنویسید",
        ),
        (
            "week,adopters\n1,10\n2,\n",
            False,
            "s.csv, row 3, column 'adopters': '(empty)' is empty; allowed: a whole number from 0 to 10,000,000,000",
            "s.csv، ردیف ۳، ستون «adopters»: «(خالی)» خالی است؛ مجاز: عدد صحیح از ۰ تا ۱۰٬۰۰۰٬۰۰۰٬۰۰۰",
        ),
    ],
    ids=["cumulative-falls", "period-gap", "empty-cell"],
)
def test_a_bad_series_is_named_by_row_column_and_value(text: str, cumulative: bool, en: str, fa: str) -> None:
    with pytest.raises(ExportError) as caught:
        read_series(text, period="week", cumulative=cumulative, source="s.csv")
    assert (caught.value.describe(), caught.value.describe(lang="fa")) == (en, fa)


def test_the_period_unit_is_one_of_the_declared_units() -> None:
    with pytest.raises(ParameterError, match="period = 'fortnight' is not a valid choice: one of day, week, month"):
        read_series("adopters\n1\n2\n", period="fortnight")


def test_the_series_caps(tmp_path: Path) -> None:
    rows = "".join(f"{i % 50}\n" for i in range(MAX_SERIES_PERIODS))
    assert read_series("adopters\n" + rows, period="day").periods == MAX_SERIES_PERIODS
    with pytest.raises(ExportError, match=r"row 1,002 is past the limit of 1,000 periods"):
        read_series("adopters\n" + rows + "1\n", period="day")
    path = tmp_path / "s.csv"
    path.write_text("adopters\n" + rows)
    assert read_series_file(str(path), period="day").periods == MAX_SERIES_PERIODS


# --- hostile text: a clean result or a ParameterError, nothing else ---------------------------

_CELLS = st.one_of(
    st.sampled_from(["", "0", "1", "12", "-3", "nan", "inf", "1e400", "1e9", "9" * 40, "1,5", "12,300", "۱۲٬۳۰۰",
                     "reach", "shares", "Views", "بازنشر", '"', '""', "\x00", "\r", "x;y", "\t", "1.5", "١٢"]),
    st.text(max_size=6),
)  # fmt: skip


@st.composite
def _hostile_csv(draw: st.DrawFn) -> str | bytes:
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=300))
    header = draw(st.lists(st.sampled_from(["reach", "shares", "Views", "platform", "x", "", "forwards"]), max_size=5))
    rows = draw(st.lists(st.lists(_CELLS, max_size=6), max_size=8))
    sep = draw(st.sampled_from([",", ";", "\t"]))
    return "\n".join(sep.join(row) for row in [header, *rows])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_hostile_csv())
def test_hostile_text_gives_a_clean_result_or_a_parameter_error(data: str | bytes) -> None:
    try:
        posts = read_posts(data, source="h.csv")
    except ParameterError as error:
        messages = (error.describe(), error.describe(lang="fa"))
    else:
        reach, shares = posts.counts["reach"], posts.counts["shares"]
        assert len(reach) == len(shares) == posts.posts >= 1
        assert np.all(reach >= 1)
        assert np.all(shares <= reach)
        assert np.all(reach <= MAX_CELL_COUNT)
        return
    assert all(messages), messages


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_hostile_csv(), st.booleans())
def test_hostile_series_gives_a_clean_result_or_a_parameter_error(data: str | bytes, cumulative: bool) -> None:
    if isinstance(data, str):
        data = data.replace("reach", "adopters")
    try:
        series = read_series(data, period="week", cumulative=cumulative, source="h.csv")
    except ParameterError:
        return
    assert np.all(series.new_adopters() >= 0)


def test_shares_equal_to_reach_are_allowed_and_one_more_is_not() -> None:
    assert read_posts("Reach,Shares\n600,600\n10,0\n", source="t.csv").counts["shares"].tolist() == [600, 0]
    with pytest.raises(ExportError, match=r"row 2, column 'Shares': '601' is more than that post's reach \(600"):
        read_posts("Reach,Shares\n600,601\n10,0\n", source="t.csv")
    with pytest.raises(ExportError, match=r"row 3, column 'conversions': '11' is more than that post's reach \(10"):
        read_posts("Reach,Shares,conversions\n600,6,1\n10,0,11\n", source="t.csv")
