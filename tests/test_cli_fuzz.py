"""``smm`` driven with hostile input: every command, every flag, numbers, files and help.

The property: whatever the argument list, ``smm`` exits 0 (the run's output holds no NaN
or infinity) or 2 (one line naming the flag), never with a traceback. Accepted values
are drawn small, so accepted runs stay cheap; hostile values (NaN, infinities, huge,
negative, empty, other scripts' digits, hex, commas, junk) are drawn across every flag.
Before issue #14's fixes this found: ``--help`` crashing on a ``%`` (ValueError), a
non-UTF-8 segment file (UnicodeDecodeError), ``1,5`` read as 15 (the comma rule below).
The network work cap is held by the model-level properties at the end of this file.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.cli import main
from simulator.commands import COMMANDS, flag_name
from simulator.declarations import NETWORK_MAX_WORK
from simulator.limits import MAX_SEGMENTS_FILE_BYTES
from simulator.models.network import NetworkParams, build_graph, influencers, network_cascade
from simulator.params import Param, ParameterError
from tests.support import SAMPLES, top_level_words

HOSTILE_NUMBERS = [
    "nan", "NaN", "-nan", "inf", "-inf", "Infinity", "1e308", "-1e308", "1e309", "1e-320", "", " ", "-0",
    "0x10", "0b101", "1,5", "1,000,5", "12,34,567", ",", "1,", "٫", "٬", "1e", "e5", "--1", "+-1", "1..2",
    "10**6", "1/2", "5%", "99999999999999999999999", "1" * 400, "-5", "-1e-9", "1_000_", "__1",
    "۱۲۳", "١٢٣", "۲٫۵", "۱۰٬۰۰۰", "１２", "१२", "½", "Ⅻ", "null", "None", "true", "🙂", "\u200c", "\x00",
]  # fmt: skip
"""Text no number parameter should take at face value (some are valid, e.g. ۱۲۳ = 123)."""

_FILES = Path(tempfile.mkdtemp(prefix="smm-fuzz-"))
HOSTILE_FILES = []
for _name, _bytes in {
    "latin1.yml": "- name: Café\n  size: 100\n".encode("latin-1"),
    "binary.yml": bytes(range(256)) * 8,
    "oversize.yml": b"- {name: A}\n" + b"#" * 70_000,
    "deep.json": b"[" * 5_000 + b"]" * 5_000,
    "bomb.yml": b"a: &a [x, x, x]\nb: &b [*a, *a, *a]\nsegments: [*b, *b, *b]\n",
    "utf16.yml": "- name: A\n".encode("utf-16"),
}.items():
    (_FILES / _name).write_bytes(_bytes)
    HOSTILE_FILES.append(str(_FILES / _name))
"""Files no command should choke on: other encodings, binary, oversize, deep nesting, aliases."""

SAMPLE_FILES = sorted(str(path) for path in SAMPLES.glob("*.csv"))
"""The synthetic exports: a fit command given one of them (or the wrong one) must still exit 0 or 2."""

HOSTILE_WORDS = ["", "RANDOM", "scale free", "influencer", "yes please", "\x00", "🙂", "x" * 300, "None"]


def _small_valid(spec: Param) -> st.SearchStrategy[str]:
    """A valid value near the bottom of the range: accepted runs stay cheap."""
    if spec.kind is str:
        return st.sampled_from(spec.choices)
    low = float(spec.minimum)  # type: ignore[arg-type]
    high = min(float(spec.maximum), low * 10 + 20)  # type: ignore[arg-type]
    if spec.kind is int:
        return st.integers(math.ceil(low), int(high)).map(str)
    return st.floats(low, high, allow_nan=False).map(lambda x: f"{x:.6g}")


def _value(spec: Param) -> st.SearchStrategy[str]:
    hostile = HOSTILE_WORDS if spec.kind is str else HOSTILE_NUMBERS
    return st.one_of(_small_valid(spec), st.sampled_from(hostile))


# The network's defaults (100,000 people, 50 runs) are fine for a reader but slow in a fuzz
# run: its size flags are always given, small or hostile.
_ALWAYS = {"network": ("audience", "runs", "steps"), "sweep": ("steps",)}


@st.composite
def argv_strategy(draw: st.DrawFn) -> list[str]:
    if draw(st.integers(0, 19)) == 0:  # the top level: no command, or help, or junk
        return draw(st.sampled_from([[], ["--help"], ["-h", "--lang", "fa"], ["--lang"], ["nosuch"], ["--version"]]))
    name = draw(st.sampled_from(sorted(COMMANDS)))
    specs = COMMANDS[name].params.specs()
    chosen = draw(st.lists(st.sampled_from(sorted(specs)), unique=True, max_size=len(specs))) if specs else []
    chosen = sorted(set(chosen) | set(_ALWAYS.get(name, ())))
    argv = list(COMMANDS[name].words)
    for param in chosen:
        argv += [flag_name(param), draw(_value(specs[param]))]
    extra = draw(
        st.sampled_from(
            [
                [],
                [],
                ["--format", draw(st.sampled_from(["json", "csv", "table", "xml", ""]))],
                ["--lang", draw(st.sampled_from(["en", "fa", "de", ""]))],
                ["--no-such-flag", "1"],
                ["--help"],
                ["-h", "--lang", "fa"],
                ["--audience"],  # a flag without its value
                ["stray"],
            ]
        )
    )
    if name == "segments":
        extra += draw(
            st.sampled_from(
                [
                    [],
                    ["--segment", draw(st.sampled_from(["name=A,size=100", "size=1,5", "share_rate=nan", "=", ",,,"]))],
                    ["--segments-file", draw(st.sampled_from(["/dev/zero", "/", "/nonexistent", "", *HOSTILE_FILES]))],
                ]
            )
        )
    if COMMANDS[name].group == "fit":
        extra += draw(
            st.sampled_from(
                [
                    [],
                    [
                        "--file",
                        draw(st.sampled_from(["/dev/zero", "/", "/nonexistent", "", *HOSTILE_FILES, *SAMPLE_FILES])),
                    ],
                ]
            )
        )
        if name == "fit-bass":
            extra += draw(
                st.sampled_from(
                    [[], ["--period", draw(st.sampled_from(["week", "month", "fortnight", ""]))], ["--cumulative"]]
                )
            )
        else:
            extra += draw(
                st.sampled_from(
                    [
                        [],
                        ["--platform-column", "format"],
                        ["--column", draw(st.sampled_from(["reach=views", "x", "=", "bogus=reach"]))],
                    ]
                )
            )
    return argv + extra


def run_smm(argv: list[str]) -> tuple[int, str, str]:
    """``smm`` in-process: exit code, stdout, stderr. Any other exception escapes (a traceback)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:  # argparse: --help (0), usage errors (2)
            code = exit_.code if isinstance(exit_.code, int) else 1
    return code, out.getvalue(), err.getvalue()


_NOT_FINITE = re.compile(r"\b(nan|NaN|inf|Infinity)\b")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argv_strategy())
def test_smm_exits_0_or_2_whatever_the_arguments(argv: list[str]) -> None:
    code, out, err = run_smm(argv)
    assert code in (0, 2), (argv, code, err)
    assert "Traceback" not in out + err
    if code == 2:
        lines = err.strip().splitlines()
        assert lines, argv  # a refusal always says why
        assert lines[-1].startswith(("smm", "usage")), lines
    else:
        assert not _NOT_FINITE.search(out), (argv, out[:500])
        if "--format" in argv and argv[argv.index("--format") + 1] == "json":
            json.loads(out, parse_constant=lambda token: pytest.fail(f"{token} in JSON output of {argv}"))


# --- help, in both languages ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize(
    "command", [None, *sorted(COMMANDS), "serve", *sorted({c.group for c in COMMANDS.values() if c.group})]
)
def test_every_help_text_renders(command: str | None, lang: str) -> None:
    words = [] if command is None else list(COMMANDS[command].words) if command in COMMANDS else [command]
    argv = [*words, "--help"] + (["--lang", "fa"] if lang == "fa" else [])
    code, out, err = run_smm(argv)
    assert (code, err) == (0, "")
    usage = "کاربرد: smm" if lang == "fa" else "usage: smm"
    assert out.startswith(usage), out[:80]
    if command in COMMANDS:
        title = COMMANDS[command].title_text(lang)  # type: ignore[arg-type]
        assert " ".join(title.split()[:3]) in " ".join(out.split())
        for spec in COMMANDS[command].params.specs().values():
            assert flag_name(spec.name) in out
    if lang == "fa":
        assert "گزینه‌ها:" in out
        assert "options:" not in out
        assert not re.search(r"\[(whole number |)\d", out), "English ranges in the Persian help"


def test_top_level_help_lists_every_command_with_its_percent_sign_intact() -> None:
    code, out, _ = run_smm(["-h"])
    assert code == 0
    for name in top_level_words():
        assert re.search(rf"^\s+{name}\s", out, re.MULTILINE), name
    assert "5-95% band" in out  # the % that used to crash argparse's formatting, shown once


def test_python_dash_m_help_works_in_a_real_process() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "simulator", "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: smm")


# --- numbers as people write them ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.5", 1.5),
        ("1,500", 1500.0),
        ("1,234.25", 1234.25),
        ("1_000", 1000.0),
        ("۱٫۵", 1.5),  # Persian digits, Persian decimal separator
        ("۱٬۵۰۰", 1500.0),  # Persian thousands separator, as simulator.locale writes it
        ("١٬٥٠٠٫٥", 1500.5),  # Arabic-Indic digits
        ("−۳", None),  # the minus sign the Persian formatter writes: read, then refused as negative
    ],
)
def test_numbers_as_written_in_either_language(text: str, value: float | None) -> None:
    from simulator.declarations import FANOUT

    if value is None:
        with pytest.raises(ParameterError, match=r"^fanout = −۳ is outside the allowed range"):
            FANOUT.parse(text)
    else:
        assert FANOUT.parse(text) == value


@pytest.mark.parametrize("text", ["1,5", "12,34", "1,5000", "1,000,5", ",5", "۱٬۵", "1،5"])
def test_a_comma_that_is_not_a_thousands_separator_is_refused(text: str) -> None:
    code, out, err = run_smm(["share", "--fanout", text])
    assert code == 2
    assert out == ""
    assert err == (
        f"smm share: error: --fanout = '{text}' has a comma that is not a thousands separator: "
        "write 1.5 for one and a half, and 1,000 or 1000 for a thousand\n"
    )


def test_persian_comma_message() -> None:
    code, _, err = run_smm(["share", "--fanout", "1,5", "--lang", "fa"])
    assert code == 2
    assert err == (
        "smm share: خطا: --fanout = '1,5' ویرگولی دارد که جداکنندهٔ هزارگان نیست؛ "
        "مجاز: برای یک و نیم بنویسید ۱٫۵ و برای هزار بنویسید ۱٬۰۰۰ یا ۱۰۰۰\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        # The value as typed (shortened), the limit exactly: not 309 digits, not "20 is too large: at most 20".
        (["share", "--fanout", "1e308"], "--fanout = 1e308 is outside the allowed range: 0 to 5,000 people per share"),
        (
            ["share", "--fanout", "5000.001"],
            "--fanout = 5000.001 is outside the allowed range: 0 to 5,000 people per share",
        ),
        (
            ["share", "--fanout", "1" * 400],
            "--fanout = 1111111111111111… (400 characters) is not a finite number: 0 to 5,000 people per share",
        ),
        (
            ["share", "--decay", "1.0000001"],
            "--decay = 1.0000001 is outside the allowed range: 0 to 1 fraction per step",
        ),
        (
            ["network", "--audience", "20", "--avg-degree", "20.001"],
            "--avg-degree = 20.001 is too large: below --audience = 20 people",
        ),
        (["share", "--steps", "3650.5"], "--steps = 3650.5 is not a whole number: whole number 1 to 3,650 steps"),
        # 10 customers, K = 1,000: about 10 x 1000**(n + 1) / 999 customers after n cycles, which
        # passes 1e15 once n + 1 > 5.67, so at most 4 cycles: 0.4 days at 0.1 a cycle, less than the
        # one whole day --days allows, so the message names the other inputs instead of a number
        # nobody can type; the cap is the whole number it is (it once ended in a stray ".0").
        (
            ["referral", "--invites", "1000", "--conversion-rate", "1", "--days", "3650", "--cycle-days", "0.1"],
            "--days = 3650 is too long for uncapped growth: not even 1 day fits K = 1,000 and 0.1 days a cycle "
            "without a market cap (customers would pass 1,000,000,000,000,000); set --audience to cap the market, "
            "lower --invites or --conversion-rate, or lengthen --cycle-days",
        ),
        # K = 10 x 0.5 = 5 from 10 customers: 10 x 5**(n + 1) / 4 passes 1e15 once n + 1 > 20.89, so
        # at most 19 cycles of 2 days: 39 days (day 40 starts cycle 20).
        (
            ["referral", "--invites", "10", "--conversion-rate", "0.5", "--days", "3650"],
            "--days = 3650 is too long for uncapped growth: at most 39 days for K = 5 and 2 days a cycle "
            "without a market cap (customers would pass 1,000,000,000,000,000); set --audience to cap the market",
        ),
    ],
)
def test_messages_show_the_value_as_typed_and_the_limit_exactly(argv: list[str], message: str) -> None:
    code, _, err = run_smm(argv)
    assert code == 2
    assert err == f"smm {argv[0]}: error: {message}\n"


def test_the_uncapped_referral_limit_is_the_last_accepted_day() -> None:
    assert run_smm(["referral", "--invites", "10", "--conversion-rate", "0.5", "--days", "39"])[0] == 0
    assert run_smm(["referral", "--invites", "10", "--conversion-rate", "0.5", "--days", "40"])[0] == 2


# --- files ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (
            lambda path: path.write_bytes(b"\xff\xfe\x00 not utf-8 \xc3\x28"),
            "is not UTF-8 text (byte 1 is not valid); save it as UTF-8",
        ),
        (
            lambda path: path.write_bytes(b"- name: A\n  size: \xe9\n"),
            "is not UTF-8 text (byte 19 is not valid); save it as UTF-8",
        ),
        (
            lambda path: path.write_bytes(b"#" * (MAX_SEGMENTS_FILE_BYTES + 1)),
            f"is {MAX_SEGMENTS_FILE_BYTES + 1:,} bytes, more than the {MAX_SEGMENTS_FILE_BYTES:,}-byte limit",
        ),
        (lambda path: path.write_text("[" * 60_000, encoding="utf-8"), "is not valid YAML or JSON"),
        (lambda path: path.write_text("[" * 30_000 + "]" * 30_000, encoding="utf-8"), "is not valid YAML or JSON"),
        (lambda path: path.write_text("segments: 5", encoding="utf-8"), "does not hold a list of segments"),
        (lambda path: path.write_text("", encoding="utf-8"), "does not hold a list of segments"),
        (lambda path: path.mkdir(), "is not a regular file"),
        (lambda path: None, "could not be read (No such file or directory)"),
    ],
)
def test_bad_segment_files_are_refused_naming_the_file(tmp_path: Path, make: object, reason: str) -> None:
    path = tmp_path / "segments.yml"
    make(path)  # type: ignore[operator]
    code, out, err = run_smm(["segments", "--segments-file", str(path)])
    assert (code, out) == (2, "")
    assert err.startswith(f"smm segments: error: --segments-file = '{path}' {reason}: "), err
    assert err.count("\n") == 1


def test_an_endless_device_is_refused_without_reading_it() -> None:
    assert os.path.exists("/dev/zero")
    code, _, err = run_smm(["segments", "--segments-file", "/dev/zero"])
    assert code == 2
    assert "--segments-file = '/dev/zero' is not a regular file" in err


def test_a_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "segments.yml"
    body = '- {name: "A", size: 1000}\n'
    path.write_text(body + "#" * (MAX_SEGMENTS_FILE_BYTES - len(body) - 1) + "\n", encoding="utf-8")
    assert path.stat().st_size == MAX_SEGMENTS_FILE_BYTES
    code, out, err = run_smm(["segments", "--segments-file", str(path), "--format", "json"])
    assert (code, err) == (0, "")
    assert [row["segment"] for row in json.loads(out)["series"]] == ["A"]


# --- the network work cap: the declared bound is an upper bound of the real work ---------------


@settings(max_examples=60, deadline=None)
@given(
    audience=st.integers(12, 400),
    degree=st.integers(1, 10),
    seed_fraction=st.floats(0.0, 1.0),
    share_rate=st.floats(0.0, 1.0),
    visibility=st.floats(0.0, 1.0),
    runs=st.integers(1, 20),
)
def test_declared_work_bounds_the_work_a_run_really_does(
    audience: int, degree: int, seed_fraction: float, share_rate: float, visibility: float, runs: int
) -> None:
    """On a regular graph every sharer has exactly ``k`` contacts, so the work a run did is
    known from its result: people reached, plus sharers, plus ``v k`` contacts seen per
    sharer. The declared ``work`` must bound it (seeds, who always share, included)."""
    audience += audience * degree % 2  # a regular graph needs an even number of link ends
    seeds = max(1, round(seed_fraction * audience))
    params = NetworkParams(
        graph="regular",
        audience=audience,
        avg_degree=degree,
        seeds=seeds,
        share_rate=share_rate,
        visibility=visibility,
        runs=runs,
        steps=2_000,
        rng_seed=7,
    )
    result = network_cascade(params)
    reached = result.totals["reach_mean"] * runs
    sharers = result.totals["shares_mean"] * runs
    expected_work = reached + sharers + visibility * degree * sharers
    assert expected_work <= params.work


def test_the_hostile_request_of_issue_14_is_refused_naming_the_limit() -> None:
    argv = [
        "network", "--graph", "random", "--audience", "200000", "--avg-degree", "100", "--seeds", "100000",
        "--share-rate", "0", "--visibility", "1", "--runs", "1000",
    ]  # fmt: skip
    code, out, err = run_smm(argv)
    assert (code, out) == (2, "")
    # Its real work, worked out by hand: 1,000 runs x (200,000 people + 100,000 seeds + 1 x 100,000 x 100 contacts).
    assert 50 * NETWORK_MAX_WORK < 1_000 * (200_000 + 100_000 + 100_000 * 100)
    assert err.startswith("smm network: error: --runs = 1000 is too large: at most 19 for --audience = 200,000")
    assert "at most 200,000,000)" in err


@pytest.mark.parametrize(
    ("graph", "audience", "degree"),
    [
        *[
            (g, n, k)
            for g in ("scale-free", "random", "small-world")
            for n, k in ((2_000, 2), (2_000, 20), (50_000, 10))
        ],
        ("random", 200_000, 100),  # the most contacts allowed, where the Poisson tail bound is tightest
        ("small-world", 200_000, 100),
    ],
)
def test_influencer_contacts_bound_holds_on_built_graphs(graph: str, audience: int, degree: int) -> None:
    params = NetworkParams(graph=graph, audience=audience, avg_degree=degree, seeding="influencers", rewire=1.0, runs=1)
    g = build_graph(params)
    for seeds in (1, 10, 300, audience // 4):
        with_seeds = params.replace(seeds=seeds)
        actual = int(g.degrees()[influencers(g, seeds)].sum())
        assert actual <= with_seeds.seed_contacts(), seeds
        assert with_seeds.seed_contacts() <= audience * degree  # never more than every contact there is
