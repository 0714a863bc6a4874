"""``smm:value model=fit-share|fit-bass file=...``: a number in the prose is the fit of a file,
rendered as ``smm fit`` prints it, so the metrics chapter's worked example cannot drift from the
engine; a bad marker fails the build naming what is wrong."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.commands import COMMANDS
from simulator.site.markers import MarkerError, PageContext, render_markers
from simulator.site.renderers import fit_flags, fit_totals
from tests.support import DOCS, ROOT, SAMPLES
from tests.test_cli_fuzz import run_smm

WEEKLY = "playbook_data/samples/synthetic-app-signups-weekly.csv"
NEWSLETTER = "playbook_data/samples/synthetic-newsletter-subscribers-monthly-cumulative.csv"
META = "playbook_data/samples/synthetic-meta-posts.csv"


def _render(marker: str, lang: str = "en") -> str:
    return render_markers(marker, PageContext(lang, f"{lang}/metrics.md", "", "", "http://localhost:8501"))  # type: ignore[arg-type]


@pytest.fixture
def even_posts(tmp_path: Path) -> str:
    """Two posts that both reach 0.5% sharers (no spread: the fit is the pooled binomial one) and
    earn 100 + 200 people from 5 + 10 shares: fan-out 300 / 15 = 20, viral coefficient 0.1."""
    path = tmp_path / "posts.csv"
    path.write_text("date,reach,reach_followers,shares\n1,1000,900,5\n2,2000,1800,10\n")
    return str(path)


@pytest.fixture
def two_formats(tmp_path: Path) -> str:
    """Reels as in ``even_posts``; photos shared by 0.2% and earning 30 + 60 people from 2 + 4
    shares (fan-out 15); all four posts: fan-out 390 / 21 = 18.57."""
    path = tmp_path / "formats.csv"
    rows = ["1000,900,5,reel", "2000,1800,10,reel", "1000,970,2,photo", "2000,1940,4,photo"]
    path.write_text("reach,reach_followers,shares,format\n" + "\n".join(rows) + "\n")
    return str(path)


@pytest.mark.parametrize(
    ("total", "en", "fa"),
    [
        ("share_rate", "0.5%", "۰٫۵٪"),
        ("fanout", "20", "۲۰"),
        ("viral_coefficient", "0.1", "۰٫۱"),
        ("share_rate_p50", "0.5%", "۰٫۵٪"),
        ("posts", "2", "۲"),
    ],
)
def test_an_estimate_of_a_file_is_rendered_in_the_page_language(even_posts: str, total: str, en: str, fa: str) -> None:
    marker = f"<!-- smm:value model=fit-share file={even_posts} total={total} -->"
    assert (_render(marker, "en"), _render(marker, "fa")) == (en, fa)


def test_a_group_estimate_comes_from_that_group_alone(two_formats: str) -> None:
    fanout = "<!-- smm:value model=fit-share file={} {}total=fanout -->"
    assert _render(fanout.format(two_formats, "")) == "18.6"
    assert _render(fanout.format(two_formats, "group=reel ")) == "20"
    assert _render(fanout.format(two_formats, "group=photo "), "fa") == "۱۵"
    assert _render(f"<!-- smm:value model=fit-share file={two_formats} group=photo total=share_rate -->") == "0.2%"
    with pytest.raises(MarkerError, match=r"group='story' is not one of the file's groups \(reel, photo\)"):
        _render(fanout.format(two_formats, "group=story "))


def test_a_group_too_small_to_fit_fails_the_marker_with_the_fits_reason(tmp_path: Path) -> None:
    path = tmp_path / "one-photo.csv"
    path.write_text("reach,reach_followers,shares,format\n1000,900,5,reel\n2000,1800,10,reel\n1000,970,0,photo\n")
    marker = f"<!-- smm:value model=fit-share file={path} group=photo total=share_rate -->"
    with pytest.raises(MarkerError, match=re.escape(f"group='photo' was not estimated: {path}, column 'reach': ")):
        _render(marker)
    assert _render(marker.replace("group=photo", "group=reel"), "fa") == "۰٫۵٪"  # 15 shares of 3,000 people


def test_a_sample_path_is_read_from_the_repository_and_matches_the_cli_table() -> None:
    code, table, _ = run_smm(["fit", "bass", "--file", str(SAMPLES / WEEKLY.rsplit("/", 1)[1]), "--period", "week"])
    assert code == 0
    peak, low, market = (
        _render(f"<!-- smm:value model=fit-bass file={WEEKLY} period=week total={t} -->")
        for t in ("peak_period", "peak_period_low", "market")
    )
    assert f"Peak of new adopters: {peak} weeks after the start  (95%: {low} to " in table
    assert f"Market potential (people)            {market}  (" in table
    code, table, _ = run_smm(["--lang", "fa", "fit", "share", "--file", str(SAMPLES / META.rsplit("/", 1)[1])])
    rate = _render(f"<!-- smm:value model=fit-share file={META} total=share_rate -->", "fa")
    high = _render(f"<!-- smm:value model=fit-share file={META} total=share_rate_high -->", "fa")
    assert f"{rate}  (از " in table
    assert f"تا {high})" in table


def test_the_peak_note_is_the_fits_own_sentence_in_the_page_language() -> None:
    marker = f"<!-- smm:value model=fit-bass file={NEWSLETTER} period=month cumulative=true total=peak_note -->"
    assert _render(marker, "en").startswith("The data end at period 10, before new adopters turn down")
    assert _render(marker, "fa").startswith("داده‌ها در دورهٔ ۱۰ تمام می‌شوند")
    with pytest.raises(MarkerError, match="there is no note"):
        _render(f"<!-- smm:value model=fit-bass file={WEEKLY} period=week total=peak_note -->")
    with pytest.raises(MarkerError, match="total='peak_period' is not estimable"):
        _render(f"<!-- smm:value model=fit-bass file={NEWSLETTER} period=month cumulative=true total=peak_period -->")


@pytest.mark.parametrize(
    ("model", "args", "message"),
    [
        ("fit-bass", f"file={WEEKLY} total=p", "the following arguments are required: --period"),
        ("fit-bass", f"file={WEEKLY} period=fortnight total=p", "invalid choice: 'fortnight'"),
        ("fit-share", f"file={META} colour=red total=share_rate", "unrecognized arguments: --colour red"),
        # The marker's own parser has no --help: the build fails instead of printing help and exiting.
        ("fit-share", f"file={META} help=true total=share_rate", "unrecognized arguments: --help"),
        ("fit-share", f"file={META} total=groups", "total='groups' is not one of share_rate, share_rate_low"),
        ("fit-share", "file=playbook_data/samples/missing.csv total=share_rate", "missing.csv"),
    ],
)
def test_a_bad_fit_marker_fails_naming_the_problem(model: str, args: str, message: str) -> None:
    with pytest.raises(MarkerError, match=re.escape(message)):
        _render(f"<!-- smm:value model={model} {args} -->")


def test_a_fit_markers_arguments_are_the_commands_flags_with_the_file_in_the_repository() -> None:
    """``file=`` is relative to the repository, not to wherever the build runs; ``true`` is a switch."""
    args = {"file": NEWSLETTER, "period": "month", "cumulative": "true"}
    assert fit_flags(COMMANDS["fit-bass"], args) == {
        "file": str(ROOT / NEWSLETTER),
        "column": None,
        "period": "month",
        "cumulative": True,
    }


COMMAND_BLOCK = re.compile(r"```text\n\$ smm (?P<argv>[^\n]+)\n(?P<output>.*?)\n```", re.S)


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_metrics_chapter_shows_what_smm_fit_prints(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command blocks of "Calibrate with your own numbers" are the commands' real output."""
    page = (DOCS / lang / "metrics.md").read_text(encoding="utf-8")
    blocks = list(COMMAND_BLOCK.finditer(page))
    assert [b["argv"].split()[:2] for b in blocks] == [["fit", "share"], ["fit", "bass"]]
    monkeypatch.chdir(ROOT)
    for block in blocks:
        code, out, _ = run_smm(block["argv"].split())
        assert code == 0
        assert out.rstrip("\n") == block["output"], f"rerun `smm {block['argv']}` and paste its output"


def test_what_the_chapter_says_about_the_samples_holds() -> None:
    """The prose reads the sample fits: reels and photos do not overlap, the viral coefficient's
    interval is far below 1, the median post is below the mean, the weekly series identifies its
    peak and the newsletter's does not."""
    totals = fit_totals("fit-share", (("file", META),))
    groups = {g["group"]: g for g in totals["groups"]}
    assert groups["reel"]["share_rate_low"] > groups["photo"]["share_rate_high"]
    assert totals["viral_coefficient_high"] < 0.5
    assert totals["share_rate_p50"] < totals["share_rate"]
    assert fit_totals("fit-bass", (("file", WEEKLY), ("period", "week")))["peak_period"] is not None
    newsletter = (("cumulative", "true"), ("file", NEWSLETTER), ("period", "month"))
    assert fit_totals("fit-bass", newsletter)["peak_period"] is None
