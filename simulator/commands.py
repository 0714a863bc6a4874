"""The command registry: every model the ``smm`` command, the site and the tests can run.

One :class:`Command` per simulator page, naming the function that runs it, its title and
summary in both languages, and the notes shown under its table; its parameter class is the
page's in :data:`simulator.pages.PAGE_PARAMS`, which the data loader reads too, so the pages
are declared once and the loader need not import this shell. :data:`COMMANDS` has one command
per page of that map, in its order, or the import fails. The CLI (:mod:`simulator.cli`)
builds its subcommands from :data:`COMMANDS`; the site's markers (:mod:`simulator.site.renderers`)
run models through :func:`run_command` — both read this registry, neither calls the other.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from simulator.cli_fit import (
    add_bass_flags,
    add_share_flags,
    bass_table,
    run_fit_bass,
    run_fit_share,
    share_table,
)
from simulator.cli_labs import add_segment_flags, crisis_notes, run_segments, segments_notes
from simulator.models.bass import bass
from simulator.models.crisis import crisis_payload
from simulator.models.goal import GoalParams, plan_goal
from simulator.models.metrics import RATIOS, MetricsInputs, compute_metrics
from simulator.models.network import network_cascade
from simulator.models.referral import referral_loop
from simulator.models.sample_size import sample_size
from simulator.models.share_loop import share_loop, share_sweep
from simulator.pages import PAGE_PARAMS
from simulator.params import Lang, Parameters, format_number, localize_digits

__all__ = ["COMMANDS", "GROUPS", "Command", "flag_name", "registry", "run_command"]


def flag_name(name: str) -> str:
    """``share_rate -> --share-rate``: how a parameter is named on the command line."""
    if "[" in name:  # a field of a list input ("segments[2].share_rate") already says where it is
        return name
    return "--" + name.replace("_", "-")


@dataclass(frozen=True)
class Command:
    """One simulator page: the function that runs it, and how to show it. Its parameter class
    is the page's in :data:`~simulator.pages.PAGE_PARAMS` (a name not there is refused)."""

    name: str
    run: Callable[[Any], Any]
    title: str
    summary: str
    # Persian title and summary, for `smm --lang fa --help` (keyword-only: every command has them).
    title_fa: str = field(kw_only=True)
    summary_fa: str = field(kw_only=True)
    columns: tuple[str, ...] | None = None
    # What the app's page and the site's offline preview show first: the headline totals, and
    # the series of the page's time chart against ``chart_x`` (none: no time chart).
    headline: tuple[str, ...] = ()
    chart: tuple[str, ...] = ()
    chart_x: str = "day"
    notes: Callable[[dict[str, Any], Lang], list[str]] = field(default=lambda payload, lang: [])
    # For inputs beyond the declarations (e.g. the segment list of `smm segments`): extra
    # flags, and a runner that takes all parsed flags instead of `run(params)`.
    extra_flags: Callable[[argparse.ArgumentParser, Lang], None] | None = None
    execute: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    # A command under a group word (`smm fit share` is "fit-share" in group "fit", see GROUPS),
    # and a table of its own where the generic one (parameters, totals, series) does not fit.
    group: str | None = None
    table: Callable[[dict[str, Any], str, Lang], str] | None = None  # (payload, title, lang) -> text

    def __post_init__(self) -> None:
        if self.name not in PAGE_PARAMS:
            raise TypeError(f"command {self.name!r} is not a simulator page of PAGE_PARAMS ({', '.join(PAGE_PARAMS)})")
        if self.group is not None and not self.name.startswith(f"{self.group}-"):
            raise TypeError(f"command {self.name!r} of group {self.group!r} must be named '{self.group}-...'")

    @property
    def params(self) -> type[Parameters]:
        """The parameter class of this page, from :data:`~simulator.pages.PAGE_PARAMS`."""
        return PAGE_PARAMS[self.name]

    @property
    def words(self) -> tuple[str, ...]:
        """What a person types after ``smm``: ``("share",)``, ``("fit", "share")``."""
        if self.group is None:
            return (self.name,)
        return (self.group, self.name.removeprefix(f"{self.group}-"))

    def title_text(self, lang: Lang = "en") -> str:
        return self.title_fa if lang == "fa" else self.title

    def summary_text(self, lang: Lang = "en") -> str:
        return self.summary_fa if lang == "fa" else self.summary


def _n(value: float, lang: Lang, digits: int = 4) -> str:
    """A number for a note: thousands separators, Persian digits in Persian."""
    return localize_digits(format_number(value, digits), lang)


def _share_notes(payload: dict[str, Any], lang: Lang) -> list[str]:
    r0 = _n(payload["totals"]["viral_coefficient"], lang)
    below = payload["totals"]["viral_coefficient"] < 1
    if lang == "fa":
        if below:
            return [f"ضریب ویروسی {r0} کمتر از ۱ است: هر موج از موج قبلی کوچک‌تر است و دسترسی جایی متوقف می‌شود."]
        return [f"ضریب ویروسی {r0} دست‌کم ۱ است: پست از نقطهٔ اوج‌گیری گذشته و تا اشباع مخاطبان پخش می‌شود."]
    if below:
        return [f"Viral coefficient {r0} < 1: every wave is smaller than the last, so reach levels off."]
    return [f"Viral coefficient {r0} >= 1: past the tipping point, the post spreads until it saturates."]


def _referral_notes(payload: dict[str, Any], lang: Lang) -> list[str]:
    k = payload["totals"]["k_factor"]
    shown = _n(k, lang)
    if k < 1:
        each = _n(1 / (1 - k), lang)
        if lang == "fa":
            return [f"K = {shown} کمتر از ۱ است: رشد خاموش می‌شود؛ هر مشتری اولیه روی‌هم‌رفته {each} مشتری می‌آورد."]
        return [f"K = {shown} < 1: growth dies out; each seed customer brings {each} in all."]
    if lang == "fa":
        return [f"K = {shown} دست‌کم ۱ است: هر چرخه بیش از چرخهٔ قبل مشتری تازه می‌آورد (تا وقتی بازار پر شود)."]
    return [f"K = {shown} >= 1: every cycle brings more new customers than the last (until the market fills)."]


def _goal_notes(payload: dict[str, Any], lang: Lang) -> list[str]:
    t = payload["totals"]
    lever = GoalParams.specs()[t["lever"]].label(lang) if lang == "fa" else t["lever"]
    if t["reachable"]:
        if lang == "fa":
            return [f"«{lever}» دست‌کم باید {_n(t['value'], lang)} باشد؛ سری زمانی زیر همین سناریو است."]
        return [f"Needs {lever} >= {_n(t['value'], lang)}; the series below is that scenario."]
    best, target = _n(t["best_within_bounds"], lang), _n(t["target"], lang)
    if lang == "fa":
        metric = "تبدیل" if t["target_metric"] == "conversions" else "نفر دسترسی"
        return [
            f"دست‌نیافتنی: حتی در بالاترین مقدار مجاز، «{lever}» به {best} {metric} می‌رسد که از هدف {target} "
            "کمتر است. اهرم دیگری را تغییر دهید یا مهلت را بیشتر کنید."
        ]
    return [
        f"Unreachable: even at the top of its range {lever} gives {best} {t['target_metric']}, short of {target}. "
        "Change another lever or the deadline."
    ]


def _metrics_payload(inputs: MetricsInputs) -> dict[str, Any]:
    totals: dict[str, Any] = {}
    for key, value in compute_metrics(inputs).items():
        if key == "goal_progress" and value is not None:
            totals.update({f"goal_{k}": v for k, v in value.as_dict().items()})  # type: ignore[union-attr]
        else:
            totals[key] = value
    return {"model": "metrics", "params": inputs.as_dict(), "totals": totals, "series": []}


def _metrics_notes(payload: dict[str, Any], lang: Lang) -> list[str]:
    missing = [r.id for r in RATIOS.values() if payload["totals"].get(r.id) is None]
    if not missing:
        return []
    if lang == "fa":
        return [f"محاسبه نشد (ورودی‌اش نیامده یا صفر است): {'، '.join(missing)}."]
    return [f"Not computed (inputs missing or zero): {', '.join(missing)}."]


def _network_notes(payload: dict[str, Any], lang: Lang) -> list[str]:
    t = payload["totals"]
    reach, low, high = (_n(round(t[k]), lang) for k in ("reach_mean", "reach_p5", "reach_p95"))
    share = localize_digits(f"{100 * t['reach_fraction']:.3g}", lang)
    shares, runs = _n(round(t["shares_mean"]), lang), _n(t["runs"], lang)
    conv, conv_low, conv_high = (_n(t[k], lang, 3) for k in ("conversions_mean", "conversions_p5", "conversions_p95"))
    r = t["viral_coefficient"]
    if lang == "fa":
        lines = [
            f"میانگین دسترسی {reach} نفر ({share}٪ مخاطبان)، و در ۵ تا ۹۵ درصدِ اجراها از {low} تا {high}؛ "
            f"میانگین بازنشر {shares}؛ میانگین تبدیل {conv} (۵ تا ۹۵ درصد: {conv_low} تا {conv_high})؛ {runs} اجرا.",
            f"ضریب ویروسی شبکه {_n(r, lang, 3)} "
            + ("کمتر از ۱ است: زنجیره‌های بازنشر کوچک می‌مانند." if r < 1 else "دست‌کم ۱ است: از نقطهٔ اوج‌گیری "
               "گذشته‌ایم و زنجیره‌های بزرگ ممکن است."),
        ]  # fmt: skip
        if t["still_spreading"]:
            still = localize_digits(f"{t['still_spreading']:.0%}", lang)
            lines.append(f"{still} اجراها در گام آخر هنوز در حال پخش بودند: --steps را بیشتر کنید.")
        return lines
    lines = [
        f"Mean reach {reach} people ({share}% of the audience), 5–95% of runs {low} to {high}; "
        f"mean shares {shares}; mean conversions {conv} (5–95% {conv_low} to {conv_high}); {runs} runs.",
        f"Network viral coefficient {_n(r, lang, 3)} "
        + ("< 1: cascades stay small." if r < 1 else ">= 1: past the tipping point, large cascades are possible."),
    ]
    if t["still_spreading"]:
        lines.append(f"{t['still_spreading']:.0%} of runs were still spreading at the last step: raise --steps.")
    return lines


GROUPS: dict[str, tuple[str, str, str, str]] = {
    "fit": (
        "calibrate a model from your own data: an analytics export or an adoption series",
        "Fit the share loop to your posts, or Bass diffusion to your adoption series, with 95% intervals.",
        "واسنجی مدل با داده‌های خودتان: خروجی آمار پست‌ها یا سری پذیرش",
        "حلقهٔ اشتراک‌گذاری را با پست‌های شما و مدل باس را با سری پذیرش شما برازش می‌کند، با بازهٔ اطمینان ۹۵٪.",
    ),
}
"""Group words of ``smm`` (``smm fit ...``): summary and title in English, then in Persian."""


def _sample_size_notes(payload: dict[str, Any], lang: Lang) -> list[str]:
    given, t = payload["params"], payload["totals"]
    rate = {
        k: localize_digits(f"{100 * v:.3g}", lang)
        for k, v in (("p1", given["baseline_rate"]), ("p2", t["target_rate"]))
    }
    power, alpha = (localize_digits(f"{100 * given[k]:.3g}", lang) for k in ("power", "alpha"))
    group, both = _n(t["per_group"], lang), _n(t["total_sample"], lang)
    if lang == "fa":
        return [
            f"برای اینکه تفاوت {rate['p1']}٪ با {rate['p2']}٪ با توان {power}٪ و سطح معناداری {alpha}٪ (دوطرفه) "
            f"دیده شود، هر گروه {group} نفر لازم دارد ({both} نفر در هر دو گروه).",
            "این عدد را پیش از شروع آزمون تعیین کنید و تا رسیدن به آن نتیجه را اعلام نکنید.",
        ]
    return [
        f"To tell {rate['p1']}% from {rate['p2']}% with {power}% power at a {alpha}% significance level "
        f"(two-sided), each group needs {group} people ({both} in all).",
        "Fix this number before the test starts and do not call the result before both groups reach it.",
    ]


def registry(commands: list[Command]) -> dict[str, Command]:
    """The commands by name, one per page of :data:`~simulator.pages.PAGE_PARAMS` in its order;
    TypeError naming a page without a command, or a page given two."""
    by_name: dict[str, Command] = {}
    for command in commands:
        if command.name in by_name:
            raise TypeError(f"simulator page {command.name!r} has two commands")
        by_name[command.name] = command
    missing = [page for page in PAGE_PARAMS if page not in by_name]
    if missing:
        raise TypeError(f"simulator page(s) of PAGE_PARAMS without a command: {', '.join(missing)}")
    return {page: by_name[page] for page in PAGE_PARAMS}


COMMANDS: dict[str, Command] = registry(
    [
        Command(
            "share",
            share_loop,
            "Share loop (mean-field): reach, impressions, shares and conversions per step",
            "how far a post spreads when newly reached people share it",
            title_fa="حلقهٔ اشتراک‌گذاری (میدان میانگین): دسترسی، نمایش، بازنشر و تبدیل در هر گام",
            summary_fa="یک پست وقتی مخاطبان تازه‌اش بازنشرش می‌کنند تا کجا می‌رود",
            headline=("reach", "impressions", "shares", "conversions", "viral_coefficient", "reach_fraction", "days"),
            chart=("reach", "impressions"),
            columns=("step", "day", "new_reach", "reach", "impressions", "shares", "conversions"),
            notes=_share_notes,
        ),
        Command(
            "referral",
            referral_loop,
            "Referral loop: customers invite people, some invitations convert",
            "customer growth from invitations (K-factor)",
            title_fa="حلقهٔ معرفی مشتری: مشتریان دعوت می‌فرستند و بخشی از دعوت‌ها مشتری می‌شوند",
            summary_fa="رشد مشتریان از راه دعوت (ضریب K)",
            headline=("customers", "total_acquired", "k_factor", "cycles"),
            chart=("customers", "total_acquired"),
            notes=_referral_notes,
        ),
        Command(
            "bass",
            bass,
            "Bass diffusion: adoption from ads (p) and word of mouth (q)",
            "adoption over time",
            title_fa="پذیرش به روش باس: پذیرش از راه تبلیغ (p) و دهان‌به‌دهان (q)",
            summary_fa="روند پذیرش محصول در طول زمان",
            headline=("adopters", "adoption_fraction", "peak_step", "peak_time"),
            chart=("new_adopters",),
            chart_x="step",
        ),
        Command(
            "sweep",
            share_sweep,
            "Sweep: final reach and conversions over a share-rate x audience grid",
            "the share loop over a whole grid of share rates and audiences",
            title_fa="حساسیت‌سنجی: دسترسی نهایی و تبدیل برای همهٔ ترکیب‌های نرخ اشتراک‌گذاری و اندازهٔ مخاطبان",
            summary_fa="حلقهٔ اشتراک‌گذاری برای یک جدول کامل از نرخ‌های اشتراک‌گذاری و اندازه‌های مخاطب",
            headline=("max_conversions", "best_share_rate", "best_audience", "scenarios"),
        ),
        Command(
            "goal",
            plan_goal,
            "Goal planner: the smallest lever value that meets a target by a deadline",
            "the share rate, seed reach or fan-out needed for a target",
            title_fa="برنامه‌ریز هدف: کوچک‌ترین مقدار اهرم که تا مهلت به هدف می‌رسد",
            summary_fa="نرخ اشتراک‌گذاری، دسترسی اولیه یا گستردگی لازم برای رسیدن به هدف",
            headline=("value", "achieved", "best_within_bounds", "steps"),
            columns=("step", "day", "reach", "conversions", "cumulative_conversions"),
            notes=_goal_notes,
        ),
        Command(
            "metrics",
            _metrics_payload,
            "Metrics: the playbook's KPIs from raw counts",
            "engagement, virality, share of voice, conversion and response metrics",
            title_fa="محاسبه‌گر شاخص‌ها: شاخص‌های کلیدی راهنما از روی شمارش‌های خام",
            summary_fa="شاخص‌های تعامل، ویروسی‌شدن، سهم صدا، تبدیل و پاسخ‌گویی",
            headline=("goal_target", "goal_progress", "goal_expected", "goal_projected"),
            notes=_metrics_notes,
        ),
        Command(
            "crisis",
            crisis_payload,
            "Crisis response: a negative story spreads until you answer; its reach by response time",
            "how far a harmful story spreads, and how much a fast answer saves",
            title_fa="واکنش به بحران: روایت منفی تا وقتی پاسخ ندهید پخش می‌شود؛ دسترسی آن بر حسب زمان پاسخ",
            summary_fa="یک روایت آسیب‌زا تا کجا پخش می‌شود و پاسخ سریع چقدر از آن می‌کاهد",
            headline=("story_reach", "story_reach_no_response", "reach_prevented", "response_reach"),
            chart=("story_reach", "response_reach", "story_only_reach"),
            columns=("step", "hour", "story_new_reach", "story_reach", "response_reach", "story_only_reach"),
            notes=crisis_notes,
        ),
        Command(
            "segments",
            run_segments,
            "Segment targeting: split a paid seeding budget across segments for the most conversions",
            "the budget split across audience segments that converts most",
            title_fa="هدف‌گیری بخش‌های مخاطب: تقسیم بودجهٔ تبلیغ پولی میان بخش‌ها برای بیشترین تبدیل",
            summary_fa="تقسیمی از بودجه میان بخش‌های مخاطب که بیشترین تبدیل را می‌دهد",
            headline=("conversions", "spent", "reach", "cost_per_conversion"),
            columns=("segment", "spend", "seed_reach", "reach", "conversions", "next_unit_conversions"),
            notes=segments_notes,
            extra_flags=add_segment_flags,
            execute=run_segments,
        ),
        Command(
            "fit-share",
            run_fit_share,
            "Share loop fitted to your posts: share rate, fan-out and viral coefficient with 95% intervals",
            "fit the share loop to an analytics export (one row per post)",
            title_fa="واسنجی حلقهٔ اشتراک‌گذاری با پست‌های شما: نرخ اشتراک‌گذاری، گستردگی و ضریب ویروسی با بازهٔ ۹۵٪",
            summary_fa="برازش حلقهٔ اشتراک‌گذاری با خروجی آمار پست‌ها (هر پست یک ردیف)",
            extra_flags=add_share_flags,
            execute=run_fit_share,
            group="fit",
            table=share_table,
        ),
        Command(
            "fit-bass",
            run_fit_bass,
            "Bass diffusion fitted to your adoption series: p, q and market size with 95% intervals",
            "fit Bass diffusion to adopters per period (day, week, month, quarter or year)",
            title_fa="برازش مدل باس با سری پذیرش شما: p، q و اندازهٔ بازار با بازهٔ ۹۵٪",
            summary_fa="برازش مدل باس با پذیرندگان هر دوره (روز، هفته، ماه، فصل یا سال)",
            extra_flags=add_bass_flags,
            execute=run_fit_bass,
            group="fit",
            table=bass_table,
        ),
        Command(
            "sample-size",
            sample_size,
            "A/B test sample size: people per group to detect a lift in a rate (normal approximation)",
            "people needed per group to compare two click or conversion rates",
            title_fa="حجم نمونهٔ آزمون A/B: تعداد افراد هر گروه برای تشخیص رشد یک نرخ (تقریب نرمال)",
            summary_fa="تعداد افراد لازم در هر گروه برای مقایسهٔ دو نرخ کلیک یا تبدیل",
            headline=("per_group", "total_sample", "target_rate", "absolute_difference"),
            columns=("min_detectable_lift", "target_rate", "per_group", "total_sample"),
            notes=_sample_size_notes,
        ),
        Command(
            "network",
            network_cascade,
            "Network cascade: Monte Carlo share cascades on a synthetic audience graph",
            "reach, shares and conversions on a follower network, with a 5-95% band over runs",
            title_fa="انتشار در شبکه: شبیه‌سازی مونت‌کارلوی زنجیرهٔ بازنشر روی شبکه‌ای ساختگی از مخاطبان",
            summary_fa="دسترسی، بازنشر و تبدیل در شبکهٔ دنبال‌کنندگان، با بازهٔ ۵ تا ۹۵ درصدِ اجراها",
            headline=("reach_mean", "reach_p5", "reach_p95", "shares_mean", "conversions_mean", "viral_coefficient"),
            columns=("step", "reach_mean", "reach_p5", "reach_p95", "shares_mean", "conversions_mean"),
            notes=_network_notes,
        ),
    ]
)


def run_command(command: Command, given: dict[str, str]) -> dict[str, Any]:
    """Validate text inputs against the declarations, run the model, return its payload."""
    if command.execute is not None:
        return command.execute(dict(given))
    params = command.params.from_text({k: v for k, v in given.items() if v is not None})
    result = command.run(params)
    return result if isinstance(result, dict) else result.to_dict()
