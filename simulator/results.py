"""One result shape for every model: the per-step series first, the totals beside.

EoN's habit (every simulator returns ``t, S, I, R``) made concrete: a :class:`ModelResult`
holds named columns of equal length and a mapping of totals. The CLI, the CSV download,
the charts and the docs hooks all read this one shape. :data:`QUANTITIES` gives each
column and total its unit and both languages' labels, declared once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from simulator.params import Lang, Parameters

__all__ = ["QUANTITIES", "ModelResult", "Quantity", "quantity"]


@dataclass(frozen=True)
class Quantity:
    """A named output quantity with its unit and labels."""

    name: str
    unit: str
    unit_fa: str
    label_en: str
    label_fa: str

    def label(self, lang: Lang = "en") -> str:
        return self.label_fa if lang == "fa" else self.label_en

    def unit_text(self, lang: Lang = "en") -> str:
        return self.unit_fa if lang == "fa" else self.unit


def _q(name: str, unit: str, unit_fa: str, en: str, fa: str) -> Quantity:
    return Quantity(name, unit, unit_fa, en, fa)


QUANTITIES: dict[str, Quantity] = {
    q.name: q
    for q in [
        _q("step", "step", "گام", "Step", "گام"),
        _q("day", "days", "روز", "Day", "روز"),
        _q("new_reach", "people", "نفر", "Newly reached", "مخاطبان تازه"),
        _q("reach", "people", "نفر", "Reach (cumulative)", "دسترسی تجمعی"),
        _q("earned_reach", "people", "نفر", "Earned reach (through shares)", "دسترسی کسب‌شده (از بازنشر)"),
        _q("impressions", "views", "نمایش", "Impressions", "نمایش‌ها"),
        _q("shares", "shares", "بازنشر", "Shares", "بازنشرها"),
        _q("conversions", "people", "نفر", "Conversions", "تبدیل‌ها"),
        _q("cumulative_conversions", "people", "نفر", "Conversions (cumulative)", "تبدیل‌های تجمعی"),
        _q("viral_coefficient", "per person", "برای هر نفر", "Viral coefficient", "ضریب ویروسی"),
        _q("reach_fraction", "fraction", "کسر", "Share of audience reached", "سهم مخاطبان دیده‌شده"),
        _q("new_customers", "customers", "مشتری", "New customers", "مشتریان تازه"),
        _q("customers", "customers", "مشتری", "Customers", "مشتریان"),
        _q("total_acquired", "customers", "مشتری", "Customers ever acquired", "همهٔ مشتریان جذب‌شده"),
        _q("k_factor", "per customer", "برای هر مشتری", "K-factor", "ضریب K"),
        _q("new_adopters", "people", "نفر", "New adopters", "پذیرندگان تازه"),
        _q("adopters", "people", "نفر", "Adopters (cumulative)", "پذیرندگان تجمعی"),
        _q("adoption_fraction", "fraction", "کسر", "Share of market adopted", "سهم بازار پذیرفته"),
        _q("peak_step", "steps", "گام", "Peak step", "گام اوج"),
        _q("peak_time", "steps", "گام", "Peak time (exact)", "زمان اوج (دقیق)"),
        _q("share_rate", "fraction", "کسر", "Share rate", "نرخ اشتراک‌گذاری"),
        _q("audience", "people", "نفر", "Audience size", "اندازهٔ مخاطبان"),
        _q("days", "days", "روز", "Days simulated", "روزهای شبیه‌سازی‌شده"),
        _q("cycles", "cycles", "چرخه", "Whole cycles", "چرخه‌های کامل"),
        _q("steps", "steps", "گام", "Steps before the deadline", "گام‌ها تا پایان مهلت"),
        _q("scenarios", "scenarios", "سناریو", "Scenarios", "سناریوها"),
        _q("max_conversions", "people", "نفر", "Most conversions", "بیشترین تبدیل"),
        _q("max_reach", "people", "نفر", "Most reach", "بیشترین دسترسی"),
        _q("best_share_rate", "fraction", "کسر", "Share rate at most conversions", "نرخ اشتراک‌گذاری در بهترین حالت"),
        _q("best_audience", "people", "نفر", "Audience at most conversions", "مخاطبان در بهترین حالت"),
        _q("lever", "", "", "Lever", "اهرم"),
        _q("reachable", "", "", "Reachable within bounds", "دست‌یافتنی در محدودهٔ مجاز"),
        _q("value", "", "", "Smallest value that meets the target", "کمترین مقدار لازم برای رسیدن به هدف"),
        _q("target", "people", "نفر", "Target", "هدف"),
        _q("target_metric", "", "", "Target metric", "شاخص هدف"),
        _q("achieved", "people", "نفر", "Achieved at that value", "نتیجه با همین مقدار"),
        _q("best_within_bounds", "people", "نفر", "Best within bounds", "بهترین نتیجهٔ ممکن"),
        _q("goal_target", "count", "", "Goal target", "هدف دوره"),
        _q("goal_progress", "fraction", "کسر", "Progress toward the goal", "پیشرفت به سوی هدف"),
        _q(
            "goal_expected",
            "count",
            "",
            "Expected by now at a steady pace",
            "مقدار مورد انتظار تا امروز با آهنگ یکنواخت",
        ),
        _q("goal_projected", "count", "", "Projected at the current pace", "پیش‌بینی پایان دوره با آهنگ فعلی"),
        _q("goal_on_track", "", "", "On track", "در مسیر هدف"),
        # Strategy labs: crisis response (models/crisis.py) and segment targeting (models/segments.py).
        _q("hour", "hours", "ساعت", "Hour", "ساعت"),
        _q("story_new_reach", "people", "نفر", "Newly reached by the story", "مخاطبان تازهٔ خبر منفی"),
        _q("story_reach", "people", "نفر", "Reached by the story", "افرادی که خبر منفی را دیده‌اند"),
        _q("story_impressions", "views", "نمایش", "Story impressions", "نمایش‌های خبر منفی"),
        _q("story_shares", "shares", "بازنشر", "Shares of the story", "بازنشرهای خبر منفی"),
        _q("response_reach", "people", "نفر", "Reached by your answer", "افرادی که پاسخ شما را دیده‌اند"),
        _q("story_only_reach", "people", "نفر", "Saw the story, not the answer", "خبر را دیده‌اند، پاسخ را نه"),
        _q("story_reach_no_response", "people", "نفر", "Story reach with no response", "دسترسی خبر بدون پاسخ‌گویی"),
        _q("reach_prevented", "people", "نفر", "Story reach prevented by the answer", "کاهش دسترسی خبر به لطف پاسخ"),
        _q(
            "viral_coefficient_after_response",
            "per person",
            "برای هر نفر",
            "Story viral coefficient after the answer",
            "ضریب ویروسی خبر پس از پاسخ",
        ),
        _q("response_step", "steps", "گام", "Answer arrives at step", "گام رسیدن پاسخ"),
        _q("response_hours", "hours", "ساعت", "Response time", "زمان پاسخ‌گویی"),
        _q("segment", "", "", "Segment", "بخش مخاطبان"),
        _q("segment_fa", "", "", "Segment (Persian name)", "نام فارسی بخش"),
        _q("size", "people", "نفر", "Segment size", "اندازهٔ بخش"),
        _q("fanout", "people per share", "نفر برای هر اشتراک", "Fan-out", "گستردگی هر اشتراک"),
        _q("conversion_rate", "fraction", "کسر", "Conversion rate", "نرخ تبدیل"),
        _q(
            "cost_per_reach",
            "currency units per person",
            "واحد پول برای هر نفر",
            "Cost per person reached",
            "هزینهٔ دسترسی به هر نفر",
        ),
        _q("spend", "currency units", "واحد پول", "Spend", "بودجهٔ تخصیص‌یافته"),
        _q("seed_reach", "people", "نفر", "Paid seed reach", "دسترسی اولیهٔ پولی"),
        _q("next_unit_conversions", "people", "نفر", "Conversions from one more slice", "تبدیل اضافی با یک سهم دیگر"),
        _q("budget", "currency units", "واحد پول", "Budget", "بودجه"),
        _q("spent", "currency units", "واحد پول", "Spent", "خرج‌شده"),
        _q("unspent", "currency units", "واحد پول", "Left unspent", "خرج‌نشده"),
        _q("cost_per_conversion", "currency units", "واحد پول", "Cost per conversion", "هزینهٔ هر تبدیل"),
        _q("budget_units", "slices", "سهم", "Budget slices", "تعداد سهم‌های بودجه"),
        # A/B test sample size (models/sample_size.py).
        _q("per_group", "people", "نفر", "People per group", "تعداد افراد هر گروه"),
        _q("total_sample", "people", "نفر", "People in both groups", "تعداد افراد هر دو گروه"),
        _q(
            "per_group_exact",
            "people per group",
            "نفر در هر گروه",
            "Exact value, before rounding up",
            "مقدار دقیق، پیش از گرد کردن به بالا",
        ),
        _q("target_rate", "fraction", "کسر", "Variant's rate to detect", "نرخ نسخهٔ جدید که باید تشخیص داده شود"),
        _q("absolute_difference", "fraction", "کسر", "Difference in rate (points)", "اختلاف دو نرخ (واحد درصد)"),
        _q("min_detectable_lift", "fraction", "کسر", "Detectable lift (relative)", "رشد قابل تشخیص (نسبی)"),
        # Network cascade (models/network.py): Monte Carlo mean and 5–95% band across runs.
        _q("reach_mean", "people", "نفر", "Mean reach", "میانگین دسترسی"),
        _q("reach_p5", "people", "نفر", "Reach, 5th percentile", "دسترسی (صدک ۵)"),
        _q("reach_p95", "people", "نفر", "Reach, 95th percentile", "دسترسی (صدک ۹۵)"),
        _q("reach_se", "people", "نفر", "Standard error of mean reach", "خطای معیار میانگین دسترسی"),
        _q("shares_mean", "shares", "بازنشر", "Mean shares", "میانگین بازنشرها"),
        _q("shares_p5", "shares", "بازنشر", "Shares, 5th percentile", "بازنشرها (صدک ۵)"),
        _q("shares_p95", "shares", "بازنشر", "Shares, 95th percentile", "بازنشرها (صدک ۹۵)"),
        _q("conversions_mean", "people", "نفر", "Mean conversions", "میانگین تبدیل‌ها"),
        _q("conversions_p5", "people", "نفر", "Conversions, 5th percentile", "تبدیل‌ها (صدک ۵)"),
        _q("conversions_p95", "people", "نفر", "Conversions, 95th percentile", "تبدیل‌ها (صدک ۹۵)"),
        _q("final_reach", "people", "نفر", "Final reach of a run", "دسترسی نهایی هر اجرا"),
        _q("runs", "runs", "اجرا", "Simulation runs", "اجراهای شبیه‌سازی"),
        _q("mean_degree", "contacts per person", "مخاطب برای هر نفر", "Contacts per person", "میانگین مخاطبان هر نفر"),
        # Calibration (smm fit, the Calibrate page): fits of the share loop and of Bass to a team's data.
        _q("posts", "posts", "پست", "Posts", "پست‌ها"),
        _q("periods", "periods", "دوره", "Periods", "دوره‌ها"),
        _q("peak_period", "periods", "دوره", "Peak period", "دورهٔ اوج"),
        _q("market", "people", "نفر", "Market potential", "ظرفیت بازار"),
        _q("fitted_shares", "shares", "بازنشر", "Fitted shares", "بازنشر برازش‌شده"),
        _q("fitted_adopters", "people", "نفر", "Fitted new adopters", "پذیرندگان تازهٔ برازش‌شده"),
        _q(
            "overdispersion",
            "",
            "",
            "Spread between posts (0 = every post alike)",
            "پراکندگی میان پست‌ها (صفر یعنی همهٔ پست‌ها یکسان)",
        ),
        _q(
            "still_spreading",
            "fraction",
            "کسر",
            "Runs still spreading at the last step",
            "اجراهایی که در گام آخر هنوز در حال انتشارند",
        ),
    ]
}


def quantity(name: str) -> Quantity:
    """The declared quantity, or a plain one named after the column."""
    return QUANTITIES.get(name) or Quantity(name, "", "", name.replace("_", " ").capitalize(), name)


@dataclass(frozen=True)
class ModelResult:
    """Per-step series (columns of equal length, ``step`` first) and totals.

    ``series`` maps column name to a 1-D array; ``totals`` maps a total's name to a
    number. ``params`` is the validated parameter object that produced the result.
    """

    model: str
    params: Parameters
    series: Mapping[str, np.ndarray]
    totals: Mapping[str, float]
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        lengths = {len(v) for v in self.series.values()}
        if len(lengths) > 1:
            raise ValueError(f"series columns differ in length: {lengths}")

    @property
    def columns(self) -> list[str]:
        return list(self.series)

    def rows(self) -> Iterator[dict[str, float]]:
        """Rows as plain dicts of Python numbers (JSON/CSV ready)."""
        names = self.columns
        arrays = [np.asarray(self.series[n]).tolist() for n in names]
        for values in zip(*arrays, strict=True):
            yield dict(zip(names, values, strict=True))

    def to_dict(self) -> dict[str, Any]:
        """``{"model", "params", "totals", "series": [...]}`` – the CLI's JSON shape."""
        return {
            "model": self.model,
            "params": self.params.as_dict(),
            "totals": {k: _plain(v) for k, v in self.totals.items()},
            "series": list(self.rows()),
        }


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    return value
