"""``python -m scripts.make_samples``: the synthetic sample exports in ``playbook_data/samples/``.

Every file is made by the engine's own stochastic processes (``simulate_posts`` for the share
loop, ``simulate_bass`` for adoption), with fixed seeds, so this script rewrites them byte for
byte (``tests/test_samples.py`` checks that). The inputs are realistic, not viral: a share
rate per reached person of 0.2–0.8% and a fan-out of tens (the playbook's own example month
gives 260 shares from 120,000 people reached, about 0.2%); they are house assumptions chosen
for illustration, labelled so in the README beside the files. No sample is real data.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

from simulator.models.fit_bass import simulate_bass
from simulator.models.fit_share import simulate_posts

__all__ = ["SAMPLES", "SAMPLES_DIR", "main"]

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "playbook_data" / "samples"


def _csv(header: list[str], rows: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _dates(start: dt.date, count: int, rng: np.random.Generator, every_days: float) -> list[dt.datetime]:
    """Publish times: about one post every ``every_days`` days, at a working-hours time."""
    gaps = np.maximum(1, rng.poisson(every_days, count)).cumsum()
    hours = rng.integers(8, 21, count)
    return [
        dt.datetime.combine(start + dt.timedelta(days=int(g)), dt.time(int(h), 0))
        for g, h in zip(gaps, hours, strict=True)
    ]


def _seed_reach(rng: np.random.Generator, median: float, count: int) -> np.ndarray:
    """Followers reached per post: log-normal around ``median`` (posts vary about 2x either way)."""
    return np.maximum(1, np.round(rng.lognormal(np.log(median), 0.5, count))).astype(np.int64)


def instagram_posts() -> str:
    """An Instagram account's Meta Business Suite export (its real column names): 120 posts,
    share rate 0.4% per reached person, fan-out 20; Follows stand in for conversions (0.1%)."""
    rng = np.random.default_rng(20260101)
    count = 120
    posts = simulate_posts(
        posts=count,
        share_rate=0.004,
        fanout=20.0,
        overdispersion=0.01,
        seed_reach=_seed_reach(rng, 2_500, count),
        conversion_rate=0.001,
        rng=rng,
    )
    kinds = rng.choice(["IG image", "IG carousel", "IG reel"], count, p=[0.4, 0.3, 0.3])
    views = np.round(posts["reach"] * rng.lognormal(np.log(1.3), 0.1, count)).astype(int)
    rows = []
    for i, when in enumerate(_dates(dt.date(2025, 9, 1), count, rng, 1.5)):
        reach = int(posts["reach"][i])
        rows.append([
            f"1801{i:05d}", "178400", "synthetic.shop", "Synthetic Shop", f"Synthetic post {i + 1}", 0,
            when.strftime("%m/%d/%Y %H:%M"), f"https://example.com/p/{i + 1}", kinds[i], "", "Lifetime",
            f"{int(views[i]):,}", reach, int(rng.binomial(reach, 0.03)), int(posts["shares"][i]),
            int(posts["conversions"][i]), int(rng.binomial(reach, 0.002)), int(rng.binomial(reach, 0.004)),
        ])  # fmt: skip
    header = ["Post ID", "Account ID", "Account username", "Account name", "Description", "Duration (sec)",
              "Publish time", "Permalink", "Post type", "Data comment", "Date", "Views", "Reach", "Likes",
              "Shares", "Follows", "Comments", "Saves"]  # fmt: skip
    return _csv(header, rows)


def meta_posts() -> str:
    """A team's combined Facebook and Instagram sheet in our own column names, with platform and
    format columns and the reach among followers (so the fan-out is estimable): reels are
    shared more (0.8%) than photos (0.3%) and links (0.2%); fan-out 15 on Facebook, 25 on Instagram."""
    rng = np.random.default_rng(20260102)
    plan = [  # platform, format, posts, share rate, fan-out, followers reached (median)
        ("facebook", "photo", 50, 0.003, 15.0, 4_000),
        ("facebook", "link", 30, 0.002, 15.0, 3_500),
        ("facebook", "reel", 20, 0.008, 15.0, 5_000),
        ("instagram", "photo", 40, 0.003, 25.0, 2_500),
        ("instagram", "reel", 40, 0.008, 25.0, 3_000),
    ]
    rows = []
    for platform, kind, count, share_rate, fanout, median in plan:
        posts = simulate_posts(
            posts=count,
            share_rate=share_rate,
            fanout=fanout,
            overdispersion=0.005,
            seed_reach=_seed_reach(rng, median, count),
            conversion_rate=0.002,
            rng=rng,
        )
        dates = _dates(dt.date(2025, 7, 1), count, rng, 3.5)
        for i in range(count):
            reach = int(posts["reach"][i])
            impressions = round(reach * rng.lognormal(np.log(1.4), 0.1))
            shares = int(posts["shares"][i])
            engagements = shares + int(rng.binomial(reach, 0.03))
            rows.append([
                dates[i].date().isoformat(), platform, kind, reach, int(posts["seed_reach"][i]), shares,
                impressions, engagements, int(rng.binomial(reach, 0.01)), int(posts["conversions"][i]),
            ])  # fmt: skip
    rows.sort(key=lambda row: (row[0], row[1], row[2]))
    header = ["date", "platform", "format", "reach", "reach_followers", "shares", "impressions", "engagements",
              "clicks", "conversions"]  # fmt: skip
    return _csv(header, rows)


def telegram_channel() -> str:
    """A Telegram channel's post counters (views, forwards, reactions), 90 posts: no reach, so
    views stand in for it; forwards counted to public channels only (share rate 0.3%, fan-out 30)."""
    rng = np.random.default_rng(20260103)
    count = 90
    posts = simulate_posts(
        posts=count, share_rate=0.003, fanout=30.0, overdispersion=0.01, seed_reach=_seed_reach(rng, 6_000, count),
        rng=rng,
    )  # fmt: skip
    views = np.round(posts["reach"] * rng.lognormal(np.log(1.1), 0.05, count)).astype(int)
    rows = [
        [500 + i, when.date().isoformat(), int(views[i]), int(posts["shares"][i]), int(rng.binomial(views[i], 0.01))]
        for i, when in enumerate(_dates(dt.date(2025, 10, 1), count, rng, 1.0))
    ]
    return _csv(["msg_id", "date", "views", "forwards", "reactions"], rows)


def app_signups_weekly() -> str:
    """Weekly sign-ups of an app over its first year: Bass with weekly p = 0.01, q = 0.12 and a
    market of 50,000 people, so the peak (about week 19) lies inside the data."""
    new = simulate_bass(p=0.01, q=0.12, market=50_000, periods=52, rng=np.random.default_rng(20260104))
    return _csv(["week", "signups"], [[week, int(n)] for week, n in enumerate(new, start=1)])


def newsletter_monthly_cumulative() -> str:
    """A newsletter's subscribers, as a running total at each month's end, 10 months after
    launch: Bass with monthly p = 0.005, q = 0.08 and a market of 200,000, whose peak (month
    ~32) lies beyond the data: the fit must say it cannot place the peak."""
    new = simulate_bass(p=0.005, q=0.08, market=200_000, periods=10, rng=np.random.default_rng(20260105))
    return _csv(["month", "subscribers"], [[m, int(t)] for m, t in enumerate(np.cumsum(new), start=1)])


SAMPLES: dict[str, Callable[[], str]] = {
    "synthetic-instagram-posts.csv": instagram_posts,
    "synthetic-meta-posts.csv": meta_posts,
    "synthetic-telegram-channel.csv": telegram_channel,
    "synthetic-app-signups-weekly.csv": app_signups_weekly,
    "synthetic-newsletter-subscribers-monthly-cumulative.csv": newsletter_monthly_cumulative,
}
"""Each sample's file name and the function that makes its text."""


def main() -> int:
    SAMPLES_DIR.mkdir(parents=True, exist_ok=True)
    for name, make in SAMPLES.items():
        (SAMPLES_DIR / name).write_text(make(), encoding="utf-8", newline="")
        print(SAMPLES_DIR / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
