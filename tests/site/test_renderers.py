"""The playbook's marker renderers, called directly: exact Markdown and HTML, in English and
in Persian (Persian digits, ٬ ٫ ٪, Persian commas), from a small data set written here.

These run in milliseconds; the site build (tests/site/test_build.py) runs the same
renderers through MkDocs in minutes. Every expected text below is written out by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.site import renderers
from simulator.site.markers import MarkerError, PageContext, render_markers
from simulator.site.preview import preset_preview

GLOSSARY = """
- id: virality
  term: {en: Virality, fa: ویروسی بودن}
  definition: {en: How far a post travels by sharing., fa: اینکه پست با بازنشر تا کجا می‌رود.}
  match_en: [virality]
  match_fa: [ویروسی]
- id: reach
  term: {en: Reach, fa: دسترسی}
  definition:
    en: 'People who saw a post "at least once".'
    fa: کسانی که پست را دست‌کم یک بار دیده‌اند.
  match_en: [reach]
  match_fa: [دسترسی]
- id: churn
  term: {en: Churn, fa: ریزش}
  definition: {en: People who left., fa: کسانی که رفته‌اند.}
  match_en: [churn]
  match_fa: [ریزش]
- id: like
  term: {en: Like, fa: پسند}
  definition: {en: A tap of approval., fa: یک تأیید با یک لمس.}
  match_en: [like]
  match_fa: [پسند]
"""

FAQ = """
- id: budget
  question: {en: 'How much do we spend "at first"?', fa: در آغاز چقدر خرج کنیم؟}
  answer: {en: "Start small.\\n\\nThen grow.", fa: "کم شروع کنید.\\n\\nبعد بیشتر کنید."}
  chapter: strategies/crm.md
- id: timing
  question: {en: 'When do we post?', fa: کی پست بگذاریم؟}
  answer: {en: Mornings., fa: صبح‌ها.}
"""

METRICS = """
- id: conversion_rate
  name: {en: Conversion rate, fa: نرخ تبدیل}
  definition: {en: Share of clicks that buy., fa: سهم کلیک‌هایی که به خرید می‌رسند.}
  measure: {en: Count orders from tagged links., fa: سفارش‌های لینک‌های برچسب‌دار را بشمارید.}
  pitfalls:
    - {en: Tags get lost., fa: برچسب‌ها گم می‌شوند.}
    - {en: Returns count too., fa: مرجوعی‌ها هم شمرده می‌شوند.}
  goal_example: {en: "From 2% to 3%.", fa: "از ۲٪ به ۳٪."}
  benchmarks:
    - platform: {en: Instagram, fa: اینستاگرام}
      low: 0.01
      high: 0.04
      source: Src A
      url: https://example.org/a
      year: 2024
      note: {en: Retail only., fa: فقط خرده‌فروشی.}
    - platform: {en: Facebook, fa: فیس‌بوک}
      low: 0.02
      high: 0.02
      source: Src B
      year: 2023
- id: response_time
  name: {en: Response time, fa: زمان پاسخ}
  definition: {en: Minutes to answer., fa: دقیقه‌های تا پاسخ.}
  measure: {en: From the inbox., fa: از صندوق پیام.}
  pitfalls: [{en: Nights count., fa: شب‌ها هم حساب می‌شوند.}]
  goal_example: {en: Under an hour., fa: زیر یک ساعت.}
  benchmarks:
    - platform: {en: All, fa: همه}
      low: 60
      high: 240
      source: Src C
      year: 2022
- id: click_through_rate
  name: {en: Click-through rate, fa: نرخ کلیک}
  definition: {en: Clicks per view., fa: کلیک به ازای نمایش.}
  measure: {en: From the ad manager., fa: از مدیریت تبلیغات.}
  pitfalls: [{en: Bots click., fa: ربات‌ها کلیک می‌کنند.}]
  goal_example: {en: Double it., fa: دو برابرش کنید.}
"""

STRATEGIES = """
- id: referral-program
  name: {en: Referral program, fa: برنامهٔ معرفی}
  summary: {en: Customers bring friends., fa: مشتریان دوستانشان را می‌آورند.}
  when: {en: You have happy customers., fa: مشتریان راضی دارید.}
  steps:
    - {en: Pick a reward., fa: پاداشی انتخاب کنید.}
    - {en: Tell customers., fa: به مشتریان بگویید.}
  metric: conversion_rate
  risk: {en: "Rewards attract\\nbargain hunters.", fa: "پاداش\\nشکارچیان تخفیف را می‌آورد."}
"""

HOUSE = "{house assumption: {en: A round number to check by hand., fa: عددی گرد برای وارسی دستی.}}"

PRESETS = f"""
- id: small-quick
  page: share
  name: {{en: Small & quick, fa: کوچک و سریع}}
  description: {{en: A short run., fa: یک اجرای کوتاه.}}
  chapter: strategies/viral-marketing.md
  values: {{share_rate: 0.1}}
  basis: {{share_rate: {HOUSE}}}
"""

# Worked examples the value markers below run (`preset=<id>`), with round numbers.
EXAMPLES = f"""
- id: by-hand
  page: share
  chapter: strategies/crm.md
  values: {{seed_reach: 20000, share_rate: 0.05, fanout: 4, conversion_rate: 0.02}}
  basis: {{share_rate: {HOUSE}, fanout: {HOUSE}, conversion_rate: {HOUSE}}}
- id: by-hand-metrics
  page: metrics
  chapter: metrics.md
  values: {{engagements: 123, reach: 1000, conversions: 40, clicks: 100, responses: 4, response_minutes: 90}}
"""

SMALL_DATA = {
    "glossary.yml": GLOSSARY,
    "faq.yml": FAQ,
    "metrics.yml": METRICS,
    "strategies.yml": STRATEGIES,
    "presets.yml": PRESETS,
    "examples.yml": EXAMPLES,
}


def ctx(lang: str, src: str = "strategies/crm.md") -> PageContext:
    """A chapter one folder deep, as the hook makes it: ``docs/<lang>/strategies/crm.md``."""
    return PageContext(lang, f"docs/{lang}/{src}", "../", "../../", "http://localhost:8501")  # type: ignore[arg-type]


@pytest.fixture
def small_data(data_copy: Callable[[dict[str, str]], Path]) -> None:
    data_copy(SMALL_DATA)


# --- numbers from the engine --------------------------------------------------------------

# marker arguments -> (English, Persian). Worked out by hand from the share loop's first
# step (new reach = seed reach, shares = seed reach × share rate), its viral coefficient
# (share rate × fan-out), a metric ratio (engagements ÷ reach) and the default segments.
VALUES = [
    ("preset=by-hand column=new_reach row=0 seed_reach=20470", "20,470", "۲۰٬۴۷۰"),
    ("preset=by-hand column=shares row=0", "1,000", "۱٬۰۰۰"),  # 20,000 × 0.05
    ("preset=by-hand total=viral_coefficient share_rate=0.1", "0.4", "۰٫۴"),  # 0.1 × 4
    ("preset=by-hand total=viral_coefficient share_rate=0.25 fanout=6", "1.5", "۱٫۵"),
    ("preset=by-hand-metrics total=engagement_rate_reach", "12.3%", "۱۲٫۳٪"),  # 123 ÷ 1,000
    ("preset=by-hand-metrics total=conversion_rate", "40%", "۴۰٪"),  # 40 ÷ 100
    ("preset=by-hand-metrics total=response_time", "22.5", "۲۲٫۵"),  # 90 minutes ÷ 4
    ('model=segments column=size row="Existing customers"', "20,000", "۲۰٬۰۰۰"),
]


@pytest.mark.usefixtures("small_data")
@pytest.mark.parametrize(("args", "en", "fa"), VALUES)
def test_value_marker_writes_the_engines_number_in_each_language(args: str, en: str, fa: str) -> None:
    for lang, expected in (("en", en), ("fa", fa)):
        page = f"a <!-- smm:value {args} --> b"
        assert render_markers(page, ctx(lang)) == f"a {expected} b", lang


def test_a_segment_row_is_found_by_its_persian_label_too() -> None:
    page = '<!-- smm:value model=segments column=size row="مشتریان فعلی" -->'
    assert render_markers(page, ctx("fa")) == "۲۰٬۰۰۰"


def test_the_goal_answer_is_in_the_unit_of_the_lever_solved_for() -> None:
    # Solving for the share rate gives a rate (a percentage); for the seed reach, people.
    rate = render_markers("<!-- smm:value model=goal total=value lever=share_rate -->", ctx("fa"))
    people = render_markers("<!-- smm:value model=goal total=value lever=seed_reach -->", ctx("en"))
    assert rate.endswith("٪")
    assert rate[:-1].replace("٫", "").isdigit()
    assert not rate.isascii()
    assert "%" not in people
    assert "," in people


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        ("total=reach", "missing argument(s): model (or preset)"),
        (
            "model=share total=reach share_rate=0.1",
            "share_rate needs a basis: run a preset or example (preset=<id>) that declares one",
        ),
        ("model=share", "missing argument(s): total"),
        (
            "model=nope total=reach",
            "model='nope' is not one of bass, crisis, fit-bass, fit-share, goal, metrics, network, referral, sample-size, "
            "segments, share, sweep",
        ),
        ("model=share total=reach colour=red", "colour is not a parameter of model 'share'"),
        ("model=share column=reach", "column= needs row= (a step number or a row label)"),
        (
            "model=share total=nope",
            "total='nope' is not one of reach, earned_reach, impressions, shares, "
            "conversions, viral_coefficient, reach_fraction, days",
        ),
        (
            "model=share column=nope row=0",
            "column='nope' is not one of step, day, new_reach, reach, impressions, "
            "shares, conversions, cumulative_conversions",
        ),
        ("model=share column=reach row=31 steps=30", "row='31' is neither a row number below 31 nor a row label"),
        ("model=segments column=size row=Nobody", "row='Nobody' is neither a row number below 3 nor a row label"),
        ("preset=by-hand total=reach steps=0", "steps = 0 is outside the allowed range: whole number 1 to 3,650 steps"),
    ],
)
@pytest.mark.usefixtures("small_data")
def test_a_bad_value_marker_names_the_page_the_marker_and_the_problem(args: str, problem: str) -> None:
    marker = f"<!-- smm:value {args} -->"
    with pytest.raises(MarkerError) as caught:
        render_markers(f"text\n{marker}\n", ctx("en"))
    assert str(caught.value).startswith(f"docs/en/strategies/crm.md: {marker}: {problem}")


# --- parameter tables -----------------------------------------------------------------------

BASS_TABLE = {
    "en": [
        "| Parameter | CLI flag and URL key | Unit | Allowed range | Default | Meaning |",
        "| --- | --- | --- | --- | --- | --- |",
        "| Market potential | `--market` / `market` | people | 1 – 10,000,000,000 | 100,000 |",
        "| Innovation coefficient p | `--p` / `p` | per step | 0.0001 – 1 | 0.03 |",
        "| Imitation coefficient q | `--q` / `q` | per step | 0 – 2 | 0.38 |",
        "| Steps | `--steps` / `steps` | steps | 1 – 1,000 | 30 |",
        "| Length of one step | `--period` / `period` | — | day, week, month, quarter, year | year |",
    ],
    "fa": [
        "| پارامتر | گزینهٔ خط فرمان و کلید نشانی | واحد | بازهٔ مجاز | پیش‌فرض | معنا |",
        "| --- | --- | --- | --- | --- | --- |",
        "| ظرفیت بازار | `--market` / `market` | نفر | ۱ – ۱۰٬۰۰۰٬۰۰۰٬۰۰۰ | ۱۰۰٬۰۰۰ |",
        "| ضریب نوآوری p | `--p` / `p` | در هر گام | ۰٫۰۰۰۱ – ۱ | ۰٫۰۳ |",
        "| ضریب تقلید q | `--q` / `q` | در هر گام | ۰ – ۲ | ۰٫۳۸ |",
        "| تعداد گام‌ها | `--steps` / `steps` | گام | ۱ – ۱٬۰۰۰ | ۳۰ |",
        "| طول هر گام | `--period` / `period` | — | روز، هفته، ماه، فصل، سال | سال |",
    ],
}


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_params_table_shows_each_bound_and_default_in_the_pages_digits(lang: str) -> None:
    table = renderers.params(ctx(lang), {"model": "bass"})
    assert table.startswith("\n\n")
    assert table.endswith("\n\n")
    lines = table.strip("\n").split("\n")
    assert len(lines) == len(BASS_TABLE[lang])
    for line, expected in zip(lines, BASS_TABLE[lang], strict=True):
        assert line.startswith(expected), (line, expected)
    # The last cell is the help text, in the page's language.
    assert all(line.endswith(" |") for line in lines)
    assert ("cycles" in lines[-2]) is (lang == "en")
    assert ("p and q are rates per this period" in lines[-1]) is (lang == "en")


@pytest.mark.parametrize(
    ("lang", "allowed", "default"),
    [
        ("en", "random, scale-free, small-world, regular", "Scale-free, a few big hubs (Barabási–Albert)"),
        (
            "fa",
            "تصادفی (اردوش–رنی)، بی‌مقیاس، با چند قطب پرمخاطب (باراباشی–آلبرت)، جهان کوچک، حلقه‌های نزدیک با چند"
            " میان‌بر (واتس–استروگاتز)، منظم، همه با تعداد مخاطب برابر",
            "بی‌مقیاس، با چند قطب پرمخاطب (باراباشی–آلبرت)",
        ),
    ],
)
def test_params_table_lists_a_choices_words_in_english_and_labels_in_persian(
    lang: str, allowed: str, default: str
) -> None:
    rows = renderers.params(ctx(lang), {"model": "network"}).strip("\n").split("\n")
    graph = next(r for r in rows if "`--graph`" in r).split(" | ")
    assert graph[2:5] == ["—", allowed, default]


def test_params_marker_refuses_unknown_arguments() -> None:
    with pytest.raises(
        MarkerError,
        match=r"^docs/fa/strategies/crm\.md: <!-- smm:params model=bass x=1 -->: "
        r"unknown argument\(s\): x$",
    ):
        render_markers("<!-- smm:params model=bass x=1 -->", ctx("fa"))


# --- links to the simulator -------------------------------------------------------------------


@pytest.mark.usefixtures("small_data")
def test_try_box_links_the_preset_on_its_page() -> None:
    link = (
        '<a class="md-button md-button--primary smm-try" href="../../simulator/?lab=share&amp;preset=small-quick"'
        ' data-app-url="http://localhost:8501">'
    )
    # The offline note and the preview (simulator/site/preview.py) follow, hidden until the page
    # finds no simulator answering.
    assert renderers.try_it(ctx("en"), {"preset": "small-quick"}) == (
        '\n\n!!! tip "Try it in the simulator"\n\n'
        "    **Small & quick** – A short run.\n\n"
        f"    {link}Open this scenario in the simulator</a>\n\n"
        '    <p class="smm-try__offline" hidden>The live simulator is not connected to this site, so the button opens'
        " this scenario without its controls. Here are its results as the engine computed them when the site was"
        f" built:</p>\n\n    {preset_preview('small-quick', 'en')}\n\n"
    )
    persian = renderers.try_it(ctx("fa"), {"preset": "small-quick"})
    assert persian.startswith(
        '\n\n!!! tip "در شبیه‌ساز امتحان کنید"\n\n'
        "    **کوچک و سریع** – یک اجرای کوتاه.\n\n"
        f"    {link}این سناریو را در شبیه‌ساز باز کنید</a>\n\n"
        '    <p class="smm-try__offline" hidden>شبیه‌ساز زنده به این سایت وصل نیست'
    )
    assert persian.endswith(f"    {preset_preview('small-quick', 'fa')}\n\n")


@pytest.mark.usefixtures("small_data")
def test_try_box_names_an_unknown_preset_and_the_known_ones() -> None:
    with pytest.raises(MarkerError, match=r"preset='nope' is not in playbook_data/presets\.yml \(small-quick\)$"):
        renderers.try_it(ctx("en"), {"preset": "nope"})


def test_simulator_link_without_a_preset_opens_the_page() -> None:
    assert renderers.simulator_link(ctx("en"), "bass") == "../../simulator/?lab=bass"


@pytest.mark.usefixtures("small_data")
def test_app_embed_in_each_language() -> None:
    english = renderers.app(ctx("en"), {})
    persian = renderers.app(ctx("fa"), {})
    assert english == (
        '\n\n<div class="smm-app" data-app-url="http://localhost:8501" data-lang="en">\n'
        '<iframe class="smm-app__frame" title="The simulator" hidden></iframe>\n'
        '<div class="smm-app__fallback admonition warning"><p class="admonition-title">The live simulator is not'
        " connected</p><p>This copy of the playbook has no simulator running beside it, so its inputs cannot be"
        " changed here. A scenario opened from a chapter is shown below as the engine computed it when the site"
        " was built. To change the inputs, start the simulator with <code>make run</code> (or <code>make"
        " serve-prod</code>) from the project folder and reload this page. Everything else in the playbook works"
        f" without it.</p></div>\n{preset_preview('small-quick', 'en')}\n"
        '<p><a class="smm-app__open" href="http://localhost:8501/?lang=en" target="_blank" rel="noopener">'
        "Open the simulator in a new tab</a></p>\n</div>\n\n"
    )
    assert persian.startswith('\n\n<div class="smm-app" data-app-url="http://localhost:8501" data-lang="fa">\n')
    assert '<iframe class="smm-app__frame" title="شبیه‌ساز" hidden></iframe>' in persian
    assert "با دستور <code>make run</code> (یا <code>make serve-prod</code>) در پوشهٔ پروژه" in persian
    assert f"</div>\n{preset_preview('small-quick', 'fa')}\n<p>" in persian
    assert persian.endswith(
        '<p><a class="smm-app__open" href="http://localhost:8501/?lang=fa" target="_blank" rel="noopener">'
        "شبیه‌ساز را در زبانهٔ تازه باز کنید</a></p>\n</div>\n\n"
    )


def test_unknown_chart_is_named_with_the_known_ones() -> None:
    with pytest.raises(MarkerError, match=r"^id='nope' is not one of "):
        renderers.chart(ctx("en"), {"id": "nope"})


# --- data pages -------------------------------------------------------------------------------

CONVERSION_CARD = {
    "en": """### Conversion rate {#conversion-rate}

**Formula:** Conversions ÷ Clicks × 100%

Share of clicks that buy.

**How to measure it:** Count orders from tagged links.

**Pitfalls:**

- Tags get lost.
- Returns count too.

!!! example "A goal tied to this metric"

    From 2% to 3%.

**Published benchmarks:**

| Platform | Range | Source |
| --- | --- | --- |
| Instagram | 1% – 4% | [Src A](https://example.org/a), 2024. Retail only. |
| Facebook | 2% | Src B, 2023. |
""",
    "fa": """### نرخ تبدیل {#conversion-rate}

**فرمول:** تبدیل‌ها ÷ کلیک‌ها × ۱۰۰٪

سهم کلیک‌هایی که به خرید می‌رسند.

**چطور اندازه بگیریم:** سفارش‌های لینک‌های برچسب‌دار را بشمارید.

**دام‌های رایج:**

- برچسب‌ها گم می‌شوند.
- مرجوعی‌ها هم شمرده می‌شوند.

!!! example "هدفی که به این شاخص گره می‌خورد"

    از ۲٪ به ۳٪.

**معیارهای منتشرشده:**

| پلتفرم | بازه | منبع |
| --- | --- | --- |
| اینستاگرام | ۱٪ – ۴٪ | \u2068[Src A](https://example.org/a)\u2069، ۲۰۲۴. فقط خرده‌فروشی. |
| فیس‌بوک | ۲٪ | \u2068Src B\u2069، ۲۰۲۳. |
""",
}


@pytest.mark.usefixtures("small_data")
@pytest.mark.parametrize("lang", ["en", "fa"])
def test_metric_card_in_each_language(lang: str) -> None:
    assert renderers.metric(ctx(lang), {"id": "conversion_rate"}) == "\n\n" + CONVERSION_CARD[lang] + "\n\n"


@pytest.mark.usefixtures("small_data")
def test_a_time_metrics_range_carries_its_unit_and_a_card_without_benchmarks_has_no_table() -> None:
    assert "| All | 60.0 – 240.0 minutes | Src C, 2022. |" in renderers.metric(ctx("en"), {"id": "response_time"})
    assert "| همه | ۶۰٫۰ – ۲۴۰٫۰ دقیقه | \u2068Src C\u2069، ۲۰۲۲. |" in renderers.metric(
        ctx("fa"), {"id": "response_time"}
    )
    card = renderers.metric(ctx("en"), {"id": "click_through_rate"})
    assert card.endswith("    Double it.\n\n\n")
    assert "Published benchmarks" not in card


@pytest.mark.usefixtures("small_data")
def test_metrics_page_holds_every_card_in_file_order() -> None:
    page = renderers.metrics(ctx("en"), {})
    assert [line for line in page.split("\n") if line.startswith("### ")] == [
        "### Conversion rate {#conversion-rate}",
        "### Response time {#response-time}",
        "### Click-through rate {#click-through-rate}",
    ]
    assert page.startswith("\n\n" + CONVERSION_CARD["en"] + "\n\n### Response time")


@pytest.mark.usefixtures("small_data")
def test_unknown_metric_is_named() -> None:
    with pytest.raises(MarkerError, match=r"^id='reach' is not in playbook_data/metrics\.yml$"):
        renderers.metric(ctx("en"), {"id": "reach"})


@pytest.mark.usefixtures("small_data")
@pytest.mark.parametrize(
    ("lang", "rows"),
    [
        (
            "en",
            [
                "| Metric | Formula | Benchmark |",
                "| --- | --- | --- |",
                # the midpoint of each range: (1% + 4%) / 2 and (60 + 240) / 2 minutes
                "| [Conversion rate](#conversion-rate) | Conversions ÷ Clicks × 100% | Instagram 2.5%, Facebook 2% |",
                "| [Response time](#response-time) | Total minutes to answer ÷ Messages answered | All 150.0 minutes |",
                "| [Click-through rate](#click-through-rate) | Clicks ÷ Impressions × 100% "
                "| no published benchmark we trust |",
            ],
        ),
        (
            "fa",
            [
                "| شاخص | فرمول | معیار |",
                "| --- | --- | --- |",
                "| [نرخ تبدیل](#conversion-rate) | تبدیل‌ها ÷ کلیک‌ها × ۱۰۰٪ | اینستاگرام ۲٫۵٪، فیس‌بوک ۲٪ |",
                "| [زمان پاسخ](#response-time) | مجموع زمان پاسخ‌گویی ÷ پیام‌های پاسخ‌داده‌شده | همه ۱۵۰٫۰ دقیقه |",
                "| [نرخ کلیک](#click-through-rate) | کلیک‌ها ÷ نمایش‌ها × ۱۰۰٪ | معیار معتبری منتشر نشده است |",
            ],
        ),
    ],
)
def test_metric_summary_shows_each_benchmarks_midpoint(lang: str, rows: list[str]) -> None:
    assert renderers.metric_summary(ctx(lang), {}) == "\n\n" + "\n".join(rows) + "\n\n"


@pytest.mark.usefixtures("small_data")
def test_glossary_is_sorted_in_each_languages_alphabet() -> None:
    # Persian order puts پ after ب and before ت (Unicode puts it after ی).
    assert renderers.glossary(ctx("fa"), {}) == (
        "\n\n### پسند {#like}\n\nیک تأیید با یک لمس."
        "\n\n### دسترسی {#reach}\n\nکسانی که پست را دست‌کم یک بار دیده‌اند."
        "\n\n### ریزش {#churn}\n\nکسانی که رفته‌اند."
        "\n\n### ویروسی بودن {#virality}\n\nاینکه پست با بازنشر تا کجا می‌رود.\n\n"
    )
    assert renderers.glossary(ctx("en"), {}) == (
        "\n\n### Churn {#churn}\n\nPeople who left."
        "\n\n### Like {#like}\n\nA tap of approval."
        '\n\n### Reach {#reach}\n\nPeople who saw a post "at least once".'
        "\n\n### Virality {#virality}\n\nHow far a post travels by sharing.\n\n"
    )


@pytest.mark.usefixtures("small_data")
def test_faq_lists_every_entry_with_its_chapter_link() -> None:
    assert renderers.faq(ctx("en"), {}) == (
        '\n\n??? question "How much do we spend &quot;at first&quot;?"\n\n'
        "    Start small.\n\n    Then grow.\n\n    [Read more →](../strategies/crm.md)"
        '\n\n??? question "When do we post?"\n\n    Mornings.\n\n'
    )
    assert renderers.faq(ctx("fa"), {}) == (
        '\n\n??? question "در آغاز چقدر خرج کنیم؟"\n\n'
        "    کم شروع کنید.\n\n    بعد بیشتر کنید.\n\n    [بیشتر بخوانید →](../strategies/crm.md)"
        '\n\n??? question "کی پست بگذاریم؟"\n\n    صبح‌ها.\n\n'
    )


@pytest.mark.usefixtures("small_data")
def test_faq_with_ids_keeps_their_order_and_drops_the_chapter_links() -> None:
    assert renderers.faq(ctx("en"), {"ids": "timing,budget"}) == (
        '\n\n??? question "When do we post?"\n\n    Mornings.'
        '\n\n??? question "How much do we spend &quot;at first&quot;?"\n\n    Start small.\n\n    Then grow.\n\n'
    )
    with pytest.raises(MarkerError, match=r"^ids \['nope'\] are not in playbook_data/faq\.yml$"):
        renderers.faq(ctx("en"), {"ids": "timing,nope"})


@pytest.mark.usefixtures("small_data")
@pytest.mark.parametrize(
    ("lang", "card"),
    [
        (
            "en",
            "### Referral program {#referral-program}\n\nCustomers bring friends.\n\n"
            "**When to use it:** You have happy customers.\n\n**How to run it:**\n\n"
            "1. Pick a reward.\n2. Tell customers.\n\n"
            "**Measure it with:** [Conversion rate](../metrics.md#conversion-rate)\n\n"
            '!!! warning "Watch out"\n\n    Rewards attract\n    bargain hunters.',
        ),
        (
            "fa",
            "### برنامهٔ معرفی {#referral-program}\n\nمشتریان دوستانشان را می‌آورند.\n\n"
            "**چه زمانی به کار می‌آید:** مشتریان راضی دارید.\n\n**گام‌های اجرا:**\n\n"
            "1. پاداشی انتخاب کنید.\n2. به مشتریان بگویید.\n\n"
            "**سنجش با:** [نرخ تبدیل](../metrics.md#conversion-rate)\n\n"
            '!!! warning "مراقب باشید"\n\n    پاداش\n    شکارچیان تخفیف را می‌آورد.',
        ),
    ],
)
def test_strategy_card_in_each_language(lang: str, card: str) -> None:
    assert renderers.strategies(ctx(lang), {}) == "\n\n" + card + "\n\n"


# --- glossary tooltips ------------------------------------------------------------------------

REACH_TIP = '<abbr title="People who saw a post &quot;at least once&quot;.">'


@pytest.mark.usefixtures("small_data")
def test_tooltip_on_the_first_mention_outside_links_code_and_headings() -> None:
    page = (
        '<h2 id="x">reach</h2><p>The virality of a post needs reach: <a href="#x">reach</a> <code>reach</code></p>'
        '<p>more reach, reaches, reach-out</p><p>Line<svg class="icon"/>churns here</p>'
    )
    assert renderers.glossary_tooltips(page, "en") == (
        '<h2 id="x">reach</h2><p>The <abbr title="How far a post travels by sharing.">virality</abbr> of a post '
        f'needs {REACH_TIP}reach</abbr>: <a href="#x">reach</a> <code>reach</code></p>'
        '<p>more reach, reaches, reach-out</p><p>Line<svg class="icon"/><abbr title="People who left.">churns</abbr>'
        " here</p>"
    )


@pytest.mark.usefixtures("small_data")
def test_an_english_plural_stays_inside_its_tooltip() -> None:
    assert (
        renderers.glossary_tooltips("<p>reaches and reach</p>", "en") == f"<p>{REACH_TIP}reaches</abbr> and reach</p>"
    )


@pytest.mark.usefixtures("small_data")
def test_a_persian_suffix_stays_inside_its_tooltip_and_english_words_get_none() -> None:
    page = "<p>reach و دسترسیها و دسترسی‌های ما؛ ریزش</p>"
    assert renderers.glossary_tooltips(page, "fa") == (
        "<p>reach و دسترسیها و "
        '<abbr title="کسانی که پست را دست‌کم یک بار دیده‌اند.">دسترسی‌های</abbr> ما؛ '
        '<abbr title="کسانی که رفته‌اند.">ریزش</abbr></p>'
    )


@pytest.mark.usefixtures("small_data")
def test_the_persian_ezafe_stays_inside_its_tooltip() -> None:
    assert renderers.glossary_tooltips("<p>پسندٔ او</p>", "fa") == (
        '<p><abbr title="یک تأیید با یک لمس.">پسندٔ</abbr> او</p>'
    )


def test_an_empty_glossary_leaves_the_page_as_it_was(data_copy: Callable[[dict[str, str]], Path]) -> None:
    data_copy({"glossary.yml": "[]\n"})
    page = "<p>دسترسی، و reach.</p>"  # between two non-letters an empty word list would match
    assert renderers.glossary_tooltips(page, "fa") == page
