"""``smm fit share`` and ``smm fit bass`` on every sample, in both languages and all formats; the
JSON shape of issue #16; refusals of bad files with exit 2 naming the row and column."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from simulator.exports import read_posts_file, read_series_file
from simulator.models.fit_bass import fit_bass
from simulator.models.fit_share import fit_share
from tests.support import SAMPLES
from tests.test_cli_fuzz import run_smm

POSTS = {
    "synthetic-instagram-posts.csv": [],
    "synthetic-meta-posts.csv": [],
    "synthetic-telegram-channel.csv": [],
}
SERIES = {
    "synthetic-app-signups-weekly.csv": ["--period", "week"],
    "synthetic-newsletter-subscribers-monthly-cumulative.csv": ["--period", "month", "--cumulative"],
}
SHARE_TOTALS = {
    f"{name}{end}"
    for name in ("share_rate", "fanout", "viral_coefficient", "conversion_rate")
    for end in ("", "_low", "_high")
} | {"posts"}
BASS_TOTALS = {f"{name}{end}" for name in ("p", "q", "market") for end in ("", "_low", "_high")} | {"periods"}

# Latin a Persian table keeps: the command, flags, file paths and the file's own column names.
_KEPT = re.compile(r"\(smm fit \w+\)|--[a-z-]+|\S+\.csv|[A-Za-z][A-Za-z _()]*")


def _fit(kind: str, name: str, *extra: str) -> tuple[int, str, str]:
    args = POSTS.get(name, []) if kind == "share" else SERIES[name]
    return run_smm(["fit", kind, "--file", str(SAMPLES / name), *args, *extra])


def _json(kind: str, name: str) -> dict[str, Any]:
    code, out, err = _fit(kind, name, "--format", "json")
    assert (code, err) == (0, "")
    return json.loads(out, parse_constant=lambda token: pytest.fail(f"{token} in JSON"))


@pytest.mark.parametrize("name", sorted(POSTS))
def test_share_json_has_the_issue_shape_and_the_engines_estimates(name: str) -> None:
    payload = _json("share", name)
    assert set(payload) == {"model", "params", "totals", "series"}
    assert payload["model"] == "fit-share"
    assert set(payload["totals"]) >= SHARE_TOTALS
    export = read_posts_file(str(SAMPLES / name))
    counts = export.counts
    fit = fit_share(
        counts["reach"],
        counts["shares"],
        seed_reach=counts.get("reach_followers"),
        conversions=counts.get("conversions"),
    )
    assert {k: payload["totals"][k] for k in fit.totals()} == pytest.approx(fit.totals())
    assert payload["params"]["columns"] == {m.field: m.header for m in export.recognised}
    assert len(payload["series"]) == payload["totals"]["posts"] == export.posts
    assert payload["series"][0]["row"] == 2


def test_each_sample_gives_the_estimates_its_columns_allow() -> None:
    instagram = _json("share", "synthetic-instagram-posts.csv")["totals"]
    assert instagram["fanout"] is None  # no reach among followers
    assert instagram["conversion_rate"] is not None  # Follows
    telegram = _json("share", "synthetic-telegram-channel.csv")["totals"]
    assert (telegram["fanout"], telegram["conversion_rate"]) == (None, None)
    meta = _json("share", "synthetic-meta-posts.csv")["totals"]
    assert meta["fanout_low"] < meta["fanout"] < meta["fanout_high"]
    groups = [(g["field"], g["group"], g["posts"]) for g in meta["groups"]]
    assert sorted(groups) == [
        ("format", "link", 30),
        ("format", "photo", 90),
        ("format", "reel", 60),
        ("platform", "facebook", 100),
        ("platform", "instagram", 80),
    ]
    reel, link = (next(g for g in meta["groups"] if g["group"] == kind) for kind in ("reel", "link"))
    assert reel["share_rate_low"] > link["share_rate_high"]  # made with 0.8% and 0.2%: the fit tells them apart


@pytest.mark.parametrize("name", sorted(SERIES))
def test_bass_json_has_the_issue_shape_and_the_engines_estimates(name: str) -> None:
    payload = _json("bass", name)
    assert set(payload) == {"model", "params", "totals", "series"}
    assert payload["model"] == "fit-bass"
    assert set(payload["totals"]) >= BASS_TOTALS
    cumulative = "--cumulative" in SERIES[name]
    series = read_series_file(str(SAMPLES / name), period=SERIES[name][1], cumulative=cumulative)
    fit = fit_bass(series.adopters, cumulative=cumulative)
    assert {k: payload["totals"][k] for k in fit.totals()} == pytest.approx(fit.totals())
    assert (payload["params"]["period"], payload["params"]["cumulative"]) == (SERIES[name][1], cumulative)
    assert [row["adopters"] for row in payload["series"]] == series.new_adopters().tolist()


def test_the_weekly_sample_places_its_peak_and_the_short_monthly_one_says_why_not() -> None:
    weekly = _json("bass", "synthetic-app-signups-weekly.csv")["totals"]
    made_with = math.log(0.12 / 0.01) / (0.01 + 0.12)  # t* = ln(q/p) / (p + q) = 19.11 weeks
    assert weekly["peak_period_low"] < made_with < weekly["peak_period_high"]
    monthly = _json("bass", "synthetic-newsletter-subscribers-monthly-cumulative.csv")["totals"]
    assert monthly["peak_period"] is None
    _, out, _ = _fit("bass", "synthetic-newsletter-subscribers-monthly-cumulative.csv")
    assert f"Peak of new adopters: {monthly['peak_note']}\n" in out
    _, out, _ = _fit("bass", "synthetic-newsletter-subscribers-monthly-cumulative.csv", "--lang", "fa")
    assert f"اوج پذیرندگان تازه: {monthly['peak_note_fa']}\n" in out
    _, out, _ = _fit("bass", "synthetic-app-signups-weekly.csv")
    assert re.search(r"^Peak of new adopters: [\d.]+ weeks after the start  \(95%: [\d.]+ to [\d.]+\)$", out, re.M)


def _sig(value: float) -> str:
    """Three significant digits, as the tables write a rate or a coefficient."""
    return f"{value:.3g}"


def _pct(value: float) -> str:
    return f"{100 * value:.3g}%"


def test_the_share_tables_estimates_are_the_fits_numbers() -> None:
    """Each estimate row of the text table is the JSON's estimate and interval; the viral
    coefficient is share rate x fan-out (0.00436 x 20.7 = 0.0902), worked out from the others."""
    t = _json("share", "synthetic-meta-posts.csv")["totals"]
    assert t["viral_coefficient"] == pytest.approx(t["share_rate"] * t["fanout"])
    _, out, _ = _fit("share", "synthetic-meta-posts.csv")
    rows = {line[:33].strip(): line[33:] for line in out.splitlines() if line.startswith("  ")}

    def shown(name: str, write: Any) -> str:
        return f"{write(t[name])}  ({write(t[name + '_low'])} to {write(t[name + '_high'])})"

    assert rows["Share rate per person reached"] == shown("share_rate", _pct)
    assert rows["Fan-out"] == shown("fanout", _sig)
    assert rows["Viral coefficient"] == shown("viral_coefficient", _sig)
    assert rows["Conversion rate"] == shown("conversion_rate", _pct)


def test_the_bass_tables_estimates_and_peak_are_the_fits_numbers() -> None:
    """p, q and the peak as the JSON gives them; the peak is ln(q/p) / (p + q) of those p and q
    (ln(0.121 / 0.00978) / 0.131 = 19.2 weeks)."""
    t = _json("bass", "synthetic-app-signups-weekly.csv")["totals"]
    assert t["peak_period"] == pytest.approx(math.log(t["q"] / t["p"]) / (t["p"] + t["q"]))
    _, out, _ = _fit("bass", "synthetic-app-signups-weekly.csv")
    lines = out.splitlines()
    for label, name in (("Innovation coefficient p (per week)", "p"), ("Imitation coefficient q (per week)", "q")):
        (row,) = [line for line in lines if line.startswith(f"  {label}")]
        assert row.split()[-4:] == [_sig(t[name]), f"({_sig(t[name + '_low'])}", "to", f"{_sig(t[name + '_high'])})"]
    peak = f"{_sig(t['peak_period'])} weeks after the start  (95%: {_sig(t['peak_period_low'])} to "
    at = lines.index(f"Peak of new adopters: {peak}{_sig(t['peak_period_high'])})")
    assert lines[at - 1 : at + 3] == ["", lines[at], "", "Observed and fitted"]  # a paragraph of its own


@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize(
    ("kind", "name"), [("share", n) for n in sorted(POSTS)] + [("bass", n) for n in sorted(SERIES)]
)
def test_tables_in_both_languages(kind: str, name: str, lang: str) -> None:
    code, out, err = _fit(kind, name, "--lang", lang)
    assert (code, err) == (0, "")
    if lang == "fa":
        assert out.startswith(("واسنجی حلقهٔ اشتراک‌گذاری با پست‌های شما", "برازش مدل باس با سری پذیرش شما"))
        assert f"(smm fit {kind})\n" in out.splitlines(keepends=True)[0]
        assert "ستون‌های خوانده‌شده" in out
        assert "برآوردها (بازهٔ اطمینان ۹۵٪)" in out
        body = _KEPT.sub("", out)
        assert not re.search(r"[0-9%]", body), [line for line in body.splitlines() if re.search(r"[0-9%]", line)]
        assert "Estimates" not in out
    else:
        assert out.startswith(("Share loop fitted to your posts", "Bass diffusion fitted to your adoption series"))
        assert "Columns read" in out
        assert "Estimates (95% interval)" in out
        assert not re.search(r"[\u0600-\u06ff]", out)


def test_the_share_table_names_the_columns_the_approximations_and_the_spread() -> None:
    _, out, _ = _fit("share", "synthetic-telegram-channel.csv")
    lines = out.splitlines()
    assert lines[2] == f"File: {SAMPLES / 'synthetic-telegram-channel.csv'} (90 posts)"
    assert lines[4:9] == [
        "Columns read",
        "    date      Date",
        "    views     Impressions (views)",
        "    views     Reach",
        "    forwards  Shares",
    ]
    assert "  - no reach column: 'views' (views, counting repeat views by the same person) stands in for reach" in out
    assert "Columns not used: msg_id, reactions" in out
    assert "  Fan-out                        — (needs a reach-among-followers column)\n" in out
    assert "  Conversion rate                — (no conversions column)\n" in out
    assert re.search(r"^  The median post was shared by [\d.]+% of the people it reached; 10% of posts", out, re.M)
    hits = r"^  The top 10% are shared [\d.]+ times as often as the median post: plan on the median, not on the hits\.$"
    assert re.search(hits, out, re.M)
    _, out, _ = _fit("share", "synthetic-telegram-channel.csv", "--lang", "fa")
    assert "ستون‌هایی که به کار نرفتند: msg_id، reactions" in out
    assert "  - ستون دسترسی ندارد: «views» (بازدید، که دیدن دوبارهٔ یک نفر را هم می‌شمارد)" in out


def test_the_grouped_table_has_a_row_per_platform_and_format() -> None:
    _, out, _ = _fit("share", "synthetic-meta-posts.csv")
    by_platform = out[out.index("By Platform") :].splitlines()
    assert by_platform[1].split() == ["Platform", "Posts", "Share", "rate", "Viral", "coefficient"]
    _, persian, _ = _fit("share", "synthetic-meta-posts.csv", "--lang", "fa")
    header = persian[persian.index("به تفکیک پلتفرم") :].splitlines()[1]
    assert header.split() == ["پلتفرم", "پست‌ها", "نرخ", "اشتراک‌گذاری", "ضریب", "ویروسی"]
    assert [line.split()[:2] for line in by_platform[2:4]] == [
        ["instagram", "80"],
        ["facebook", "100"],
    ]  # first seen first
    assert "By Format" in out
    assert (
        "  Below the tipping point (the whole interval is under 1): each wave of sharing is smaller than the last.\n"
        in out
    )


@pytest.mark.parametrize(
    ("kind", "name"), [("share", n) for n in sorted(POSTS)] + [("bass", n) for n in sorted(SERIES)]
)
def test_csv_has_a_row_per_post_or_period(kind: str, name: str) -> None:
    code, out, _ = _fit(kind, name, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    payload = _json(kind, name)
    assert len(rows) == len(payload["series"]) == (payload["totals"]["posts" if kind == "share" else "periods"])
    first = "row" if kind == "share" else "period"
    assert out.startswith(first + ",")
    assert all(math.isfinite(float(row["fitted_shares" if kind == "share" else "fitted_adopters"])) for row in rows)


def test_named_columns_change_what_is_read() -> None:
    path = str(SAMPLES / "synthetic-instagram-posts.csv")
    code, out, _ = run_smm(
        ["fit", "share", "--file", path, "--platform-column", "Account username", "--format", "json"]
    )
    assert code == 0
    groups = [(g["field"], g["group"]) for g in json.loads(out)["totals"]["groups"] if g["field"] == "platform"]
    assert groups == [("platform", "synthetic.shop")]
    code, out, _ = run_smm(["fit", "share", "--file", path, "--column", "reach=Views", "--format", "json"])
    assert json.loads(out)["params"]["columns"]["reach"] == "Views"


def test_a_named_column_is_read_for_a_series_too(tmp_path: Path) -> None:
    """An adoption series whose heading no alias knows is read once ``--column adopters=`` names it."""
    sample = (SAMPLES / "synthetic-app-signups-weekly.csv").read_text(encoding="utf-8")
    renamed = tmp_path / "store.csv"
    renamed.write_text(sample.replace("week,signups", "week,store installs", 1), encoding="utf-8")
    code, _, err = run_smm(["fit", "bass", "--file", str(renamed), "--period", "week"])
    assert code == 2
    assert "has no column for adopters" in err
    argv = ["fit", "bass", "--period", "week", "--format", "json"]
    code, out, _ = run_smm([*argv, "--file", str(renamed), "--column", "adopters=store installs"])
    assert code == 0
    _, same, _ = run_smm([*argv, "--file", str(SAMPLES / "synthetic-app-signups-weekly.csv")])
    assert json.loads(out)["totals"] == json.loads(same)["totals"]
    assert json.loads(out)["params"]["columns"]["adopters"] == "store installs"


# --- refusals -------------------------------------------------------------------------------------


def _bad(tmp_path: Path, text: str, *argv: str, kind: str = "share") -> tuple[int, str, str]:
    path = tmp_path / "posts.csv"
    path.write_text(text, encoding="utf-8")
    return run_smm(["fit", kind, "--file", str(path), *argv])


@pytest.mark.parametrize(
    ("text", "en", "fa"),
    [
        (
            "reach,shares\n1200,6\n600,900\n",
            "row 3, column 'shares': '900' is more than that post's reach (600, column 'reach')",
            "ردیف ۳، ستون «shares»: «900» از دسترسی همان پست (۶۰۰، ستون «reach») بیشتر است",
        ),
        (
            "reach,shares\n1200,6\n-5,1\n",
            "row 3, column 'reach': '-5' is negative",
            "ردیف ۳، ستون «reach»: «-5» منفی است",
        ),
        ("reach,likes\n1200,6\n", "has no column for shares (shares)", "ستونی برای بازنشر (shares) ندارد"),
        ("", "is empty", "خالی است"),
    ],
    ids=["shares-over-reach", "negative", "missing-column", "empty"],
)
def test_a_bad_file_exits_2_naming_row_and_column(tmp_path: Path, text: str, en: str, fa: str) -> None:
    path = tmp_path / "posts.csv"
    code, out, err = _bad(tmp_path, text)
    assert (code, out) == (2, "")
    assert err.startswith(f"smm fit share: error: {path}")
    assert en in err
    assert len(err.strip().splitlines()) == 1
    code, _, err = _bad(tmp_path, text, "--lang", "fa")
    assert code == 2
    assert err.startswith(f"smm fit share: خطا: {path}")
    assert fa in err


def test_data_the_engine_cannot_fit_exits_2_naming_the_file_and_column(tmp_path: Path) -> None:
    code, _, err = _bad(tmp_path, "reach,shares\n1200,0\n900,0\n")
    assert code == 2
    assert err.startswith(f"smm fit share: error: {tmp_path / 'posts.csv'}, column 'shares': ")


def test_a_bad_series_and_a_bad_period_exit_2(tmp_path: Path) -> None:
    code, _, err = _bad(tmp_path, "week,adopters\n1,10\n2,8\n", "--period", "week", "--cumulative", kind="bass")
    assert code == 2
    assert "row 3, column 'adopters': '8' is less than the period before (10)" in err
    code, _, err = _bad(tmp_path, "week,adopters\n1,10\n2,8\n", "--period", "fortnight", kind="bass")
    assert code == 2
    assert "argument --period: invalid choice: 'fortnight'" in err
    code, _, err = _bad(tmp_path, "week,adopters\n1,10\n2,8\n", kind="bass")
    assert (code, err.strip().splitlines()[-1]) == (
        2,
        "smm fit bass: error: the following arguments are required: --period",
    )


def test_a_column_flag_without_an_equals_sign_exits_2(tmp_path: Path) -> None:
    code, _, err = _bad(tmp_path, "reach,shares\n10,1\n", "--column", "reach")
    assert code == 2
    assert err == "smm fit share: error: --column = 'reach' is not FIELD=NAME: FIELD=NAME, e.g. reach=Organic reach\n"


def test_python_dash_m_simulator_fit_runs_in_a_real_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "simulator", "fit", "share", "--file", str(SAMPLES / "synthetic-meta-posts.csv"),
         "--format", "json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["model"] == "fit-share"


def test_the_bass_table_shows_observed_against_fitted_from_the_first_period() -> None:
    payload = _json("bass", "synthetic-app-signups-weekly.csv")
    _, out, _ = _fit("bass", "synthetic-app-signups-weekly.csv")
    lines = out.splitlines()
    header = lines.index("Observed and fitted")
    assert lines[header + 1].split() == ["Period", "New", "adopters", "Fitted", "new", "adopters"]
    first = payload["series"][0]
    assert lines[header + 2].split() == ["1", f"{first['adopters']:,}", f"{first['fitted_adopters']:,.0f}"]
    assert lines[-1].split()[0] == "52"  # every third week, ending on the last
