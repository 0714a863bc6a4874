"""``smm --lang fa``: help, tables, notes and messages in Persian, with Persian digits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.commands import COMMANDS
from simulator.report import format_value
from tests.support import command_argv, top_level_words
from tests.test_cli_fuzz import run_smm

# Latin text a Persian report keeps on purpose: the command and flag names a reader types,
# the K of the K-factor, and metric ids listed as the CLI names them.
_KEPT = re.compile(r"\(smm \w+( \w+)?\)|--[a-z-]+( csv)?|JSON: 'curve'|\b[a-z]+(_[a-z]+)+\b|K\b")

_SMALL = {
    "network": ["--audience", "2000", "--runs", "5"],
    "goal": ["--target", "100000000"],
    "metrics": ["--engagements", "500", "--reach", "20000"],
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_persian_table_has_no_latin_digits_or_separators(name: str) -> None:
    code, out, err = run_smm([*command_argv(name), *_SMALL.get(name, []), "--lang", "fa"])
    assert (code, err) == (0, "")
    title = COMMANDS[name].title_fa
    assert out.startswith(f"{title}  (smm {' '.join(COMMANDS[name].words)})\n")
    # The file the reader named is shown as given: its path's digits are the reader's, not
    # a number to localize (a checkout at /work/wt-2/ would otherwise fail).
    argv = command_argv(name)
    given = argv[argv.index("--file") + 1] if "--file" in argv else None
    body = _KEPT.sub("", out.replace(given, "") if given else out)
    assert not re.search(r"[0-9%]", body), [line for line in body.splitlines() if re.search(r"[0-9%]", line)]
    assert re.search(r"[۰-۹]", body)


def test_persian_share_table_shows_known_values() -> None:
    _, out, _ = run_smm(["share", "--lang", "fa"])
    lines = [line.strip() for line in out.splitlines()]
    # Defaults: 100,000 people, share rate 0.2%, fan-out 10, so the viral coefficient is 0.002 x 10 = 0.02.
    assert "اندازهٔ مخاطبان    ۱۰۰٬۰۰۰ نفر" in lines
    assert "نرخ اشتراک‌گذاری   ۰٫۲٪" in lines
    assert "ضریب ویروسی ۰٫۰۲ کمتر از ۱ است: هر موج از موج قبلی کوچک‌تر است و دسترسی جایی متوقف می‌شود." in lines
    assert "سری زمانی (هر ۳ ردیف از ۶۱ ردیف؛ برای همه: --format csv)" in lines


def test_persian_referral_note_above_the_tipping_point() -> None:
    # 10 invites (default) x 20% conversion gives K = 2.
    _, out, _ = run_smm(["referral", "--conversion-rate", "0.2", "--lang", "fa"])
    assert "  K = ۲ دست‌کم ۱ است: هر چرخه بیش از چرخهٔ قبل مشتری تازه می‌آورد (تا وقتی بازار پر شود)." in out


def test_persian_referral_note_below_the_tipping_point() -> None:
    # K = 4 x 0.1 = 0.4: each seed customer brings 1 / (1 - 0.4) = 1.667 customers in all.
    _, out, _ = run_smm(["referral", "--invites", "4", "--conversion-rate", "0.1", "--lang", "fa"])
    assert "K = ۰٫۴ کمتر از ۱ است: رشد خاموش می‌شود؛ هر مشتری اولیه روی‌هم‌رفته ۱٫۶۶۷ مشتری می‌آورد." in out


def test_english_notes_stay_english() -> None:
    _, out, _ = run_smm(["referral", "--invites", "4", "--conversion-rate", "0.1"])
    assert "  K = 0.4 < 1: growth dies out; each seed customer brings 1.667 in all." in out
    assert not re.search(r"[\u0600-\u06ff]", out)


def test_persian_error_keeps_flags_latin_and_numbers_persian() -> None:
    code, _, err = run_smm(["network", "--runs", "1001", "--lang", "fa"])
    assert code == 2
    assert err == "smm network: خطا: --runs = ۱۰۰۱ خارج از بازهٔ مجاز است؛ مجاز: عدد صحیح از ۱ تا ۱٬۰۰۰ اجرا\n"


def test_persian_error_keeps_text_that_is_not_a_number_as_typed() -> None:
    code, _, err = run_smm(["share", "--fanout", "1e308", "--lang", "fa"])
    assert code == 2
    assert err.startswith("smm share: خطا: --fanout = 1e308 خارج از بازهٔ مجاز است؛ مجاز: از ۰ تا ۵٬۰۰۰ نفر")


# argparse's own refusals, under --lang fa: written out by hand, the flags and values as typed.
@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["share", "--bogus"], "smm: خطا: این گزینه‌ها شناخته نشدند: --bogus"),
        (
            ["share", "--format", "xml"],
            "smm share: خطا: --format = 'xml' پذیرفته نیست؛ یکی از این‌ها را بنویسید: 'table'، 'json'، 'csv'",
        ),
        (["share", "--fanout"], "smm share: خطا: --fanout یک مقدار می‌خواهد، اما مقداری بعد از آن نیامده است"),
        ([], "smm: خطا: دستوری نوشته نشده است؛ فهرست دستورها را با smm --help --lang fa ببینید"),
        (["serve", "--no-build=1"], "smm serve: خطا: --no-build مقداری نمی‌پذیرد، اما '1' به آن داده شده است"),
    ],
)
def test_argparse_refusals_are_in_persian(argv: list[str], line: str) -> None:
    code, out, err = run_smm([*argv, "--lang", "fa"])
    assert code == 2
    assert out == ""
    assert err == line + "\n"


def test_an_unknown_command_is_named_with_every_command_in_persian() -> None:
    code, _, err = run_smm(["bogus", "--lang", "fa"])
    assert code == 2
    listed = "، ".join(f"'{name}'" for name in top_level_words())
    assert err == f"smm: خطا: دستور 'bogus' وجود ندارد؛ یکی از این‌ها را بنویسید: {listed}\n"


@pytest.mark.parametrize("argv", [["share", "--bogus"], ["share", "--format", "xml"], ["share", "--fanout"]])
def test_argparse_refusals_stay_english_without_lang_fa(argv: list[str]) -> None:
    code, _, err = run_smm(argv)
    assert code == 2
    assert "خطا" not in err
    assert re.search(r"error: (unrecognized arguments|argument --)", err)


def test_uncapped_referral_limit_in_persian() -> None:
    # The same limit as in English (39 whole days for K = 5 on 2-day cycles), in Persian words and digits.
    code, _, err = run_smm(
        ["referral", "--invites", "10", "--conversion-rate", "0.5", "--days", "3650", "--lang", "fa"]
    )
    assert code == 2
    assert err == (
        "smm referral: خطا: --days = ۳۶۵۰ برای رشد بدون سقف بیش از حد طولانی است؛ مجاز: حداکثر ۳۹ روز برای "
        "K = ۵ و دورهای ۲ روزه بدون سقف بازار (مشتریان از ۱٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰ می‌گذرند)؛ "
        "برای سقف بازار، --audience را تعیین کنید\n"
    )


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["share"],
            "--audience AUDIENCE همهٔ کسانی که ممکن است محتوا به دستشان برسد: دنبال‌کنندگان و کسانی که آن‌ها محتوا را "
            "برایشان می‌فرستند. [عدد صحیح از ۱ تا ۱٬۰۰۰٬۰۰۰٬۰۰۰ نفر؛ پیش‌فرض ۱۰۰٬۰۰۰]",
        ),
        # segments' own flags are added by the command, not from the shared declarations
        (["segments"], "--segments-file PATH خواندن بخش‌ها از فهرستی از بخش‌ها در قالب YAML یا JSON"),
    ],
)
def test_persian_help_gives_each_flag_its_persian_help(argv: list[str], expected: str) -> None:
    code, out, _ = run_smm([*argv, "--help", "--lang", "fa"])
    assert code == 0
    assert expected in " ".join(out.split())  # argparse wraps lines where it likes


def test_persian_network_note_says_how_many_runs_were_still_spreading() -> None:
    # Everyone who sees it shares it, and one step is run: every run is still spreading at its end.
    argv = ["network", "--audience", "2000", "--runs", "5", "--steps", "1", "--share-rate", "1", "--visibility", "1"]
    _, out, _ = run_smm([*argv, "--lang", "fa"])
    assert "  ۱۰۰٪ اجراها در گام آخر هنوز در حال پخش بودند: --steps را بیشتر کنید." in out.splitlines()


def test_persian_goal_note_names_the_lever_in_persian() -> None:
    _, out, _ = run_smm(["goal", "--lang", "fa"])  # default lever: share_rate
    (note,) = [line.strip() for line in out.splitlines() if "دست‌کم باید" in line]
    assert note.startswith("«نرخ اشتراک‌گذاری» دست‌کم باید ۰٫")
    assert note.endswith(" باشد؛ سری زمانی زیر همین سناریو است.")
    assert not re.search("[A-Za-z0-9]", note)


def test_yes_and_no_in_each_language() -> None:
    """How a table shows a yes/no value: the metrics goal's "On track", the goal's "Reachable within bounds"."""
    shown = [format_value(value, "", lang) for lang in ("en", "fa") for value in (True, False)]
    assert shown == ["yes", "no", "بله", "خیر"]


def test_persian_top_level_help_lists_the_commands_and_the_hint_in_persian() -> None:
    code, out, _ = run_smm(["--help", "--lang", "fa"])
    text = " ".join(out.split())
    assert code == 0
    assert "share یک پست وقتی مخاطبان تازه‌اش بازنشرش می‌کنند تا کجا می‌رود referral" in text
    assert text.endswith("برای دیدن گزینه‌ها، واحدها و بازه‌های هر دستور، 'smm <command> --help --lang fa' را اجرا کنید.")


def test_persian_refusal_of_a_folder_given_as_the_segments_file(tmp_path: Path) -> None:
    code, _, err = run_smm(["segments", "--segments-file", str(tmp_path), "--lang", "fa"])
    assert code == 2
    assert err.startswith(f"smm segments: خطا: --segments-file = '{tmp_path}' فایل معمولی نیست؛ مجاز: ")


def test_persian_sample_size_table_note_and_refusal() -> None:
    # Defaults: 2% -> 2.4% at alpha 5% and power 80%: 21,109 people per group (tests/models/test_sample_size.py).
    _, out, _ = run_smm(["sample-size", "--lang", "fa"])
    lines = [" ".join(line.split()) for line in out.splitlines()]  # column padding aside
    assert "تعداد افراد هر گروه ۲۱٬۱۰۹ نفر" in lines
    assert "مقدار دقیق، پیش از گرد کردن به بالا ۲۱٬۱۰۸٫۴ نفر در هر گروه" in lines
    assert (
        "برای اینکه تفاوت ۲٪ با ۲٫۴٪ با توان ۸۰٪ و سطح معناداری ۵٪ (دوطرفه) دیده شود، هر گروه ۲۱٬۱۰۹ نفر لازم دارد "
        "(۴۲٬۲۱۸ نفر در هر دو گروه)."
    ) in lines
    code, out, err = run_smm(["sample-size", "--power", "0.999", "--lang", "fa"])
    assert (code, out) == (2, "")
    assert err == "smm sample-size: خطا: --power = ۰٫۹۹۹ خارج از بازهٔ مجاز است؛ مجاز: از ۰٫۵ تا ۰٫۹۹\n"


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        (
            "en",
            "  Unreachable: even at the top of its range share_rate gives 1,999.9 conversions, short of 100,000,000. "
            "Change another lever or the deadline.",
        ),
        (
            "fa",
            "  دست‌نیافتنی: حتی در بالاترین مقدار مجاز، «نرخ اشتراک‌گذاری» به ۱٬۹۹۹٫۹ تبدیل می‌رسد که از هدف "
            "۱۰۰٬۰۰۰٬۰۰۰ کمتر است. اهرم دیگری را تغییر دهید یا مهلت را بیشتر کنید.",
        ),
    ],
    ids=["en", "fa"],
)
def test_an_unreachable_goal_says_so_and_what_to_change(lang: str, note: str) -> None:
    """At most the whole audience (100,000) converting at 2%: under 2,000 conversions whatever
    the share rate, far short of 100,000,000."""
    args = ["--audience", "100000", "--conversion-rate", "0.02", "--lang", lang]
    code, out, _ = run_smm(["goal", "--target", "100000000", *args])
    assert code == 0
    assert note in out.splitlines()
