"""The shared parameter vocabulary: every model argument, declared once.

The same name means the same thing in every model, CLI flag (``--share-rate``), widget
key and URL parameter (``?share_rate=``). Where a model needs other bounds for the same
idea (the network model caps the audience lower, because it holds every person in
memory) it derives them with :meth:`Param.with_bounds` from the declaration here.
"""

from __future__ import annotations

from simulator.params import Param, localize_digits

# --- People and reach -------------------------------------------------------------

AUDIENCE = Param(
    "audience",
    int,
    default=100_000,
    minimum=1,
    maximum=1_000_000_000,
    step=1_000,
    unit="people",
    unit_fa="نفر",
    label_en="Audience size",
    label_fa="اندازهٔ مخاطبان",
    help_en="People who could ever see the content: followers plus the people they can pass it to.",
    help_fa="همهٔ کسانی که ممکن است محتوا به دستشان برسد: دنبال‌کنندگان و کسانی که آن‌ها محتوا را برایشان می‌فرستند.",
    log_scale=True,
)

SEED_REACH = Param(
    "seed_reach",
    int,
    default=1_000,
    minimum=1,
    maximum=1_000_000_000,
    step=100,
    unit="people",
    unit_fa="نفر",
    label_en="Seed reach",
    label_fa="دسترسی اولیه",
    help_en="People reached at step 0 by the post itself or by paid promotion, before anyone shares.",
    help_fa="تعداد کسانی که پیش از هر اشتراک‌گذاری، با خود پست یا تبلیغ پولی، محتوا را می‌بینند.",
    log_scale=True,
)

SHARE_RATE = Param(
    "share_rate",
    float,
    # A typical post: 0.2% is the playbook's example month (260 shares from 120,000 reached);
    # typical posts share at 0.05–0.6% of reach (benchmarks.yml, share-rate-per-reach).
    default=0.002,
    minimum=0.0,
    maximum=1.0,
    # Fine enough for typical posts, which share at 0.05–0.6% of reach (benchmarks.yml).
    step=0.0005,
    unit="fraction",
    unit_fa="کسر",
    label_en="Share rate",
    label_fa="نرخ اشتراک‌گذاری",
    help_en="Fraction (0–1) of newly reached people who share the content once.",
    help_fa="سهمی (بین ۰ و ۱) از مخاطبان تازه که محتوا را یک بار بازنشر می‌کنند.",
)

FANOUT = Param(
    "fanout",
    float,
    # Typical of Instagram brand posts, where most shares are private sends (fanout-mixed: 3–30).
    default=10.0,
    minimum=0.0,
    maximum=5_000.0,
    step=1.0,
    unit="people per share",
    unit_fa="نفر برای هر اشتراک",
    label_en="Fan-out",
    label_fa="گستردگی هر اشتراک",
    help_en="People who see each share in their feed, on average.",
    help_fa="میانگین تعداد کسانی که هر بازنشر را در فید خود می‌بینند.",
)

CONVERSION_RATE = Param(
    "conversion_rate",
    float,
    # Per person reached: the example month's 87 conversions from 120,000 reached is 0.07%
    # (conversion-per-reach: 0.01–0.2%).
    default=0.001,
    minimum=0.0,
    maximum=1.0,
    step=0.001,
    unit="fraction",
    unit_fa="کسر",
    label_en="Conversion rate",
    label_fa="نرخ تبدیل",
    help_en="Fraction (0–1) of reached people who convert (buy, sign up).",
    help_fa="سهمی (بین ۰ و ۱) از افراد دیده‌شده که به مشتری یا ثبت‌نام‌کننده تبدیل می‌شوند.",
)

DECAY = Param(
    "decay",
    float,
    default=0.0,
    minimum=0.0,
    maximum=1.0,
    step=0.01,
    unit="fraction per step",
    unit_fa="کسر در هر گام",
    label_en="Content decay",
    label_fa="افت جذابیت محتوا",
    help_en="Content ageing: the share rate is multiplied by (1 − decay) at every step. 0 = never ages.",
    help_fa="کهنه شدن محتوا: نرخ اشتراک‌گذاری در هر گام در (۱ − افت) ضرب می‌شود. صفر یعنی محتوا کهنه نمی‌شود.",
)

STEPS = Param(
    "steps",
    int,
    default=60,
    minimum=1,
    maximum=3_650,
    step=1,
    unit="steps",
    unit_fa="گام",
    label_en="Steps",
    label_fa="تعداد گام‌ها",
    help_en="Share cycles to simulate; one step is one round of people seeing and sharing.",
    help_fa="تعداد چرخه‌های اشتراک که شبیه‌سازی می‌شود؛ هر گام یک دور دیدن و بازنشر است.",
)

CYCLE_DAYS = Param(
    "cycle_days",
    float,
    default=1.0,
    minimum=0.1,
    maximum=365.0,
    step=0.5,
    unit="days",
    unit_fa="روز",
    label_en="Days per cycle",
    label_fa="طول هر چرخه",
    help_en="Days one share (or invite) cycle takes; turns steps into calendar days.",
    help_fa="مدت یک چرخهٔ بازنشر یا دعوت بر حسب روز؛ گام‌ها را به روز تقویمی تبدیل می‌کند.",
)

DAYS = Param(
    "days",
    int,
    default=30,
    minimum=1,
    maximum=3_650,
    step=1,
    unit="days",
    unit_fa="روز",
    label_en="Days",
    label_fa="تعداد روزها",
    help_en="Calendar days to look ahead.",
    help_fa="بازهٔ زمانی پیش رو بر حسب روز.",
)

# --- Referral loop ------------------------------------------------------------------

SEED_CUSTOMERS = Param(
    "seed_customers",
    int,
    default=10,
    minimum=1,
    maximum=1_000_000_000,
    step=1,
    unit="customers",
    unit_fa="مشتری",
    label_en="Seed customers",
    label_fa="مشتریان اولیه",
    help_en="Customers you start with; each new customer sends invites once.",
    help_fa="مشتریانی که کار را با آن‌ها شروع می‌کنید؛ هر مشتری تازه یک بار دعوت‌نامه می‌فرستد.",
)

INVITES = Param(
    "invites",
    float,
    default=10.0,
    minimum=0.0,
    maximum=1_000.0,
    step=0.5,
    unit="invites per customer",
    unit_fa="دعوت برای هر مشتری",
    label_en="Invites per new customer",
    label_fa="دعوت‌ها برای هر مشتری تازه",
    help_en="Invitations each new customer sends, on average.",
    help_fa="میانگین دعوت‌نامه‌هایی که هر مشتری تازه برای دیگران می‌فرستد.",
)

INVITE_CONVERSION = CONVERSION_RATE.with_bounds(
    # One invitation in twenty accepted (invite-acceptance: 2–15%); ten invites each give K = 0.5.
    default=0.05,
    label_en="Invite conversion rate",
    label_fa="نرخ تبدیل دعوت",
    help_en="Fraction (0–1) of invitations that turn into a new customer.",
    help_fa="سهمی (بین ۰ و ۱) از دعوت‌نامه‌ها که به مشتری تازه تبدیل می‌شوند.",
)

REFERRAL_CYCLE_DAYS = CYCLE_DAYS.with_bounds(default=2.0)

REFERRAL_DAYS = DAYS.with_bounds(default=20)

MARKET_CAP = AUDIENCE.with_bounds(
    default=None,
    optional=True,
    label_en="Market size (cap)",
    label_fa="اندازهٔ بازار (سقف)",
    help_en="People who could ever become customers; leave empty for unlimited growth.",
    help_fa="بیشترین تعداد کسانی که می‌توانند مشتری شوند؛ برای رشد بی‌سقف خالی بگذارید.",
)

CHURN = Param(
    "churn",
    float,
    default=0.0,
    minimum=0.0,
    maximum=1.0,
    step=0.01,
    unit="fraction per cycle",
    unit_fa="کسر در هر چرخه",
    label_en="Churn",
    label_fa="ریزش مشتری",
    help_en="Fraction (0–1) of customers lost in every cycle.",
    help_fa="سهمی (بین ۰ و ۱) از مشتریان که در هر چرخه از دست می‌روند.",
)

# --- Bass diffusion ----------------------------------------------------------------

MARKET = Param(
    "market",
    int,
    default=100_000,
    minimum=1,
    maximum=10_000_000_000,
    step=1_000,
    unit="people",
    unit_fa="نفر",
    label_en="Market potential",
    label_fa="ظرفیت بازار",
    help_en="People who will eventually adopt (m in the Bass model).",
    help_fa="تعداد کسانی که در نهایت محصول را می‌پذیرند (m در مدل باس).",
    log_scale=True,
)

INNOVATION = Param(
    "p",
    float,
    default=0.03,
    minimum=0.0001,
    maximum=1.0,
    # Fine enough for weekly rates: the yearly average 0.03 is about 0.0006 per week.
    step=0.0001,
    unit="per step",
    unit_fa="در هر گام",
    label_en="Innovation coefficient p",
    label_fa="ضریب نوآوری p",
    help_en="Adoption driven from outside the network: ads, press, earned media.",
    help_fa="پذیرشی که از بیرون شبکه می‌آید: تبلیغات، رسانه‌ها و رسانهٔ کسب‌شده.",
)

IMITATION = Param(
    "q",
    float,
    default=0.38,
    minimum=0.0,
    maximum=2.0,
    step=0.0001,  # weekly q: 0.38 per year is about 0.0073 per week
    unit="per step",
    unit_fa="در هر گام",
    label_en="Imitation coefficient q",
    label_fa="ضریب تقلید q",
    help_en="Adoption driven by people who already adopted: word of mouth.",
    help_fa="پذیرشی که از پذیرندگان قبلی سرچشمه می‌گیرد: تبلیغ دهان‌به‌دهان.",
)


# --- Sweep (share rate x audience grid) --------------------------------------------

SHARE_RATE_MIN = SHARE_RATE.with_bounds(
    name="share_rate_min",
    default=0.0005,  # the bottom of the typical range
    label_en="Lowest share rate",
    label_fa="کمترین نرخ اشتراک‌گذاری",
    help_en="Share rate at the first row of the grid.",
    help_fa="نرخ اشتراک‌گذاری در نخستین ردیف جدول.",
)
SHARE_RATE_MAX = SHARE_RATE.with_bounds(
    name="share_rate_max",
    default=0.03,  # a viral case (playbook_data/defaults.yml): the map reaches past the tipping point
    label_en="Highest share rate",
    label_fa="بیشترین نرخ اشتراک‌گذاری",
    help_en="Share rate at the last row of the grid.",
    help_fa="نرخ اشتراک‌گذاری در آخرین ردیف جدول.",
)
SWEEP_MAX_CELL_STEPS = 150_000_000
"""Largest sweep: grid cells x steps (each a few array operations per cell and step; the
worst accepted grid stays within limits.REQUEST_SECONDS, bench/results/worst_case.md)."""
GRID_POINTS_HELP = ("Grid points along this axis.", "تعداد نقطه‌ها در این محور.")
SHARE_RATE_POINTS = Param(
    "share_rate_points",
    int,
    default=20,
    minimum=2,
    maximum=400,
    step=1,
    unit="points",
    unit_fa="نقطه",
    label_en="Share-rate points",
    label_fa="تعداد نقطه‌های نرخ اشتراک‌گذاری",
    help_en=GRID_POINTS_HELP[0],
    help_fa=GRID_POINTS_HELP[1],
)
SWEEP_FANOUT = FANOUT.with_bounds(
    default=50.0,  # public shares (fanout-feed: 30–100), so the top rows pass the tipping point 1/50 = 2%
)
AUDIENCE_MIN = AUDIENCE.with_bounds(
    name="audience_min",
    default=10_000,
    label_en="Smallest audience",
    label_fa="کوچک‌ترین مخاطب",
    help_en="Audience at the first column of the grid (columns are spaced evenly on a log scale).",
    help_fa="اندازهٔ مخاطبان در نخستین ستون (ستون‌ها روی مقیاس لگاریتمی با فاصلهٔ برابر چیده می‌شوند).",
)
AUDIENCE_MAX = AUDIENCE.with_bounds(
    name="audience_max",
    default=1_000_000,
    label_en="Largest audience",
    label_fa="بزرگ‌ترین مخاطب",
    help_en="Audience at the last column of the grid.",
    help_fa="اندازهٔ مخاطبان در آخرین ستون.",
)
AUDIENCE_POINTS = SHARE_RATE_POINTS.with_bounds(
    name="audience_points",
    label_en="Audience points",
    label_fa="تعداد نقطه‌های مخاطب",
)

# --- Goal planner --------------------------------------------------------------------

LEVER = Param(
    "lever",
    str,
    default="share_rate",
    choices=("share_rate", "seed_reach", "fanout"),
    choice_labels={
        "share_rate": ("Share rate", "نرخ اشتراک‌گذاری"),
        "seed_reach": ("Seed reach", "دسترسی اولیه"),
        "fanout": ("Fan-out", "گستردگی هر اشتراک"),
    },
    label_en="Lever to solve for",
    label_fa="اهرمی که باید پیدا شود",
    help_en="Which input the planner searches for; the others stay as set.",
    help_fa="ورودی‌ای که برنامه‌ریز مقدار لازمش را پیدا می‌کند؛ بقیه همان‌طور که تنظیم شده‌اند می‌مانند.",
)

TARGET_METRIC = Param(
    "target_metric",
    str,
    default="conversions",
    choices=("conversions", "reach"),
    choice_labels={"conversions": ("Conversions", "تبدیل‌ها"), "reach": ("Reach", "دسترسی")},
    label_en="Target metric",
    label_fa="شاخص هدف",
    help_en="Count the target in conversions or in people reached.",
    help_fa="هدف بر حسب تبدیل شمرده شود یا بر حسب افراد دیده‌شده.",
)

TARGET = Param(
    "target",
    float,
    default=50.0,  # reachable on the default audience: 50 conversions at 0.1% need 50,000 people reached
    minimum=1.0,
    maximum=1_000_000_000.0,
    step=10.0,
    unit="people",
    unit_fa="نفر",
    label_en="Target",
    label_fa="هدف",
    help_en="Conversions (or people reached) wanted by the deadline.",
    help_fa="تعداد تبدیل (یا افراد دیده‌شده) که تا پایان مهلت می‌خواهید.",
)

GOAL_DAYS = DAYS.with_bounds(
    label_en="Deadline",
    label_fa="مهلت",
    help_en="Days from launch until the target must be met.",
    help_fa="تعداد روز از شروع کمپین تا زمانی که باید به هدف رسید.",
)


# --- Metrics calculator (raw counts; each metric needs only some of them) -----------


def _count(name: str, label_en: str, label_fa: str, help_en: str, help_fa: str, unit: str = "") -> Param:
    return Param(
        name,
        int,
        default=None,
        optional=True,
        minimum=0,
        maximum=1_000_000_000_000,
        step=1,
        unit=unit,
        unit_fa={"": "", "people": "نفر", "minutes": "دقیقه", "sessions": "جلسه"}[unit],
        label_en=label_en,
        label_fa=label_fa,
        help_en=help_en,
        help_fa=help_fa,
    )


ENGAGEMENTS = _count(
    "engagements",
    "Engagements",
    "تعامل‌ها",
    "Likes, comments, shares, saves and clicks on the posts, summed.",
    "مجموع پسندها، دیدگاه‌ها، بازنشرها، ذخیره‌ها و کلیک‌های پست‌ها.",
)
REACH = _count(
    "reach",
    "Reach",
    "دسترسی",
    "Unique people who saw the posts.",
    "تعداد افراد یکتایی که پست‌ها را دیده‌اند.",
    unit="people",
)
IMPRESSIONS = _count(
    "impressions",
    "Impressions",
    "نمایش‌ها",
    "Times the posts were shown, counting repeats.",
    "تعداد دفعاتی که پست‌ها نمایش داده شده‌اند، با احتساب نمایش تکراری.",
)
SHARES = _count(
    "shares",
    "Shares",
    "بازنشرها",
    "Shares, reposts and forwards of the posts.",
    "تعداد بازنشر، ریپست و ارسال پست‌ها برای دیگران.",
)
FOLLOWERS = _count(
    "followers",
    "Followers",
    "دنبال‌کنندگان",
    "Followers of the account at the end of the period.",
    "تعداد دنبال‌کنندگان حساب در پایان دوره.",
    unit="people",
)
BRAND_MENTIONS = _count(
    "brand_mentions",
    "Brand mentions",
    "اشاره‌ها به برند شما",
    "Posts and comments that mention your brand.",
    "پست‌ها و دیدگاه‌هایی که نام برند شما را آورده‌اند.",
)
TOTAL_MENTIONS = _count(
    "total_mentions",
    "All mentions in the category",
    "همهٔ اشاره‌ها در حوزهٔ کاری",
    "Mentions of your brand plus every competitor you track.",
    "اشاره به برند شما به‌علاوهٔ همهٔ رقیبانی که زیر نظر دارید.",
)
SOCIAL_SESSIONS = _count(
    "social_sessions",
    "Sessions from social",
    "بازدیدهای آمده از شبکه‌های اجتماعی",
    "Website sessions that arrived from social networks.",
    "جلسه‌های وب‌سایت که از شبکه‌های اجتماعی وارد شده‌اند.",
    unit="sessions",
)
TOTAL_SESSIONS = _count(
    "total_sessions",
    "All sessions",
    "همهٔ بازدیدها",
    "All website sessions in the same period, from every source.",
    "همهٔ جلسه‌های وب‌سایت در همان دوره، از هر منبعی.",
    unit="sessions",
)
CLICKS = _count(
    "clicks",
    "Clicks",
    "کلیک‌ها",
    "Clicks from social posts to your site or offer.",
    "کلیک‌هایی که از پست‌ها به سایت یا پیشنهاد شما رسیده‌اند.",
)
CONVERSIONS = _count(
    "conversions",
    "Conversions",
    "تبدیل‌ها",
    "Purchases or sign-ups that came from those clicks.",
    "خریدها یا ثبت‌نام‌هایی که از همان کلیک‌ها به دست آمده‌اند.",
)
MESSAGES = _count(
    "messages",
    "Messages received",
    "پیام‌های دریافتی",
    "Questions, comments and direct messages that needed an answer.",
    "پرسش‌ها، دیدگاه‌ها و پیام‌های مستقیمی که پاسخ لازم داشتند.",
)
RESPONSES = _count(
    "responses",
    "Messages answered",
    "پیام‌های پاسخ‌داده‌شده",
    "How many of those messages got an answer.",
    "چه تعداد از آن پیام‌ها پاسخ گرفته‌اند.",
)
RESPONSE_MINUTES = _count(
    "response_minutes",
    "Total minutes to answer",
    "مجموع زمان پاسخ‌گویی",
    "Minutes from each message to its answer, summed over the answered messages.",
    "مجموع دقیقه‌های میان هر پیام و پاسخش، برای همهٔ پیام‌های پاسخ‌داده‌شده.",
    unit="minutes",
)
BASELINE = _count(
    "baseline",
    "Baseline",
    "مقدار پایه",
    "The metric's value in the period before the goal (e.g. conversions last quarter).",
    "مقدار شاخص در دورهٔ پیش از تعیین هدف (مثلاً تبدیل‌های فصل گذشته).",
)
ACTUAL = _count(
    "actual",
    "Actual so far",
    "مقدار فعلی",
    "The metric's value so far in the goal period.",
    "مقدار شاخص از آغاز دورهٔ هدف تا امروز.",
)
TARGET_LIFT = Param(
    "target_lift",
    float,
    default=None,
    optional=True,
    minimum=-1.0,
    maximum=100.0,
    step=0.01,
    unit="fraction",
    unit_fa="کسر",
    label_en="Target lift",
    label_fa="رشد هدف",
    help_en="Wanted change over the baseline as a fraction: 0.15 = +15%.",
    help_fa="تغییر مورد انتظار نسبت به مقدار پایه، به صورت کسر: ۰٫۱۵ یعنی ۱۵٪ رشد.",
)
DAYS_ELAPSED = Param(
    "days_elapsed",
    int,
    default=None,
    optional=True,
    minimum=0,
    maximum=3_650,
    step=1,
    unit="days",
    unit_fa="روز",
    label_en="Days elapsed",
    label_fa="روزهای سپری‌شده",
    help_en="Days since the goal period started.",
    help_fa="روزهایی که از آغاز دورهٔ هدف گذشته است.",
)
PERIOD_DAYS = DAYS_ELAPSED.with_bounds(
    name="period_days",
    minimum=1,
    label_en="Goal period",
    label_fa="دورهٔ هدف",
    help_en="Length of the goal period in days (three months ≈ 90).",
    help_fa="طول دورهٔ هدف بر حسب روز (سه ماه حدود ۹۰ روز).",
)


# --- Strategy labs: crisis response (simulator/models/crisis.py) ----------------------
# The negative story reuses the share-loop vocabulary with crisis-sized defaults: stories
# spread in hours, so one share cycle defaults to 6 hours and response times are in hours.

CRISIS_AUDIENCE = AUDIENCE.with_bounds(
    default=1_000_000,
    help_en="People who could ever see the story: your followers, your customers and the people they talk to.",
    help_fa="همهٔ کسانی که ممکن است خبر به دستشان برسد: دنبال‌کنندگان، مشتریان و کسانی که با آن‌ها در ارتباط‌اند.",
)

CRISIS_SEED_REACH = SEED_REACH.with_bounds(
    default=2_000,
    label_en="Story seed reach",
    label_fa="دسترسی اولیهٔ خبر منفی",
    help_en="People who see the negative story at step 0: the first post and its first viewers.",
    help_fa="تعداد کسانی که خبر منفی را در گام صفر می‌بینند: نخستین پست و اولین بینندگانش.",
)

CRISIS_SHARE_RATE = SHARE_RATE.with_bounds(
    # A viral case (playbook_data/defaults.yml): a story becomes a crisis by spreading.
    default=0.03,
    label_en="Story share rate",
    label_fa="نرخ اشتراک‌گذاری خبر منفی",
    help_en="Fraction (0–1) of people newly reached by the story who share it, before any answer.",
    help_fa="سهمی (بین ۰ و ۱) از مخاطبان تازهٔ خبر منفی که پیش از هر پاسخی آن را بازنشر می‌کنند.",
)

CRISIS_FANOUT = FANOUT.with_bounds(
    default=50.0,  # public reposts of a complaint (fanout-feed: 30–100)
    label_en="Story fan-out",
    label_fa="گستردگی بازنشر خبر منفی",
    help_en="People who see each share of the story in their feed, on average.",
    help_fa="میانگین تعداد کسانی که هر بازنشر خبر منفی را در فید خود می‌بینند.",
)

CRISIS_DECAY = DECAY.with_bounds(default=0.05)

CRISIS_STEPS = STEPS.with_bounds(default=40)

CRISIS_CYCLE_DAYS = CYCLE_DAYS.with_bounds(
    default=0.25,
    step=0.05,
    help_en="Days one share cycle takes (0.25 = 6 hours). A response after h hours comes h ÷ (24 × days per cycle) "
    "cycles after the story starts, not rounded.",
    help_fa="مدت یک چرخهٔ بازنشر بر حسب روز (۰٫۲۵ یعنی ۶ ساعت). پاسخی که h ساعت بعد منتشر شود، "
    "h ÷ (۲۴ × طول هر چرخه) چرخه پس از شروع خبر می‌رسد، بدون گرد کردن.",
)

RESPOND = Param(
    "respond",
    str,
    default="yes",
    choices=("yes", "no"),
    choice_labels={"yes": ("Answer the story", "به خبر پاسخ می‌دهیم"), "no": ("No response", "بدون پاسخ")},
    label_en="Respond",
    label_fa="پاسخ‌گویی",
    help_en="Whether the business answers the story publicly. 'no' is the plain share loop of the story.",
    help_fa="آیا کسب‌وکار به خبر منفی پاسخ عمومی می‌دهد؟ «بدون پاسخ» همان حلقهٔ سادهٔ بازنشر خبر است.",
)

RESPONSE_HOURS = Param(
    "response_hours",
    float,
    default=6.0,
    minimum=0.0,
    maximum=720.0,
    step=0.5,
    unit="hours",
    unit_fa="ساعت",
    label_en="Response time",
    label_fa="زمان پاسخ‌گویی",
    help_en="Hours from the story's first post to your public answer. Used as given: an answer halfway "
    "through a share cycle cuts the second half of that cycle's shares.",
    help_fa="چند ساعت پس از نخستین پست خبر، پاسخ عمومی شما منتشر می‌شود. این عدد گرد نمی‌شود: "
    "پاسخی که در میانهٔ یک چرخه برسد، بازنشرهای نیمهٔ دوم همان چرخه را کم می‌کند.",
)

RESPONSE_EFFECTIVENESS = Param(
    "response_effectiveness",
    float,
    default=0.6,
    minimum=0.0,
    maximum=1.0,
    step=0.05,
    unit="fraction",
    unit_fa="کسر",
    label_en="Response effectiveness",
    label_fa="اثربخشی پاسخ",
    help_en="How much your answer cuts the story's share rate from then on: 0 = no effect, "
    "1 = nobody shares the story any more.",
    help_fa="پاسخ شما از لحظهٔ انتشار، نرخ اشتراک‌گذاری خبر را چقدر کم می‌کند: صفر یعنی بی‌اثر، "
    "۱ یعنی دیگر هیچ‌کس خبر را بازنشر نمی‌کند.",
)

RESPONSE_REACH = Param(
    "response_reach",
    int,
    default=10_000,
    minimum=0,
    maximum=1_000_000_000,
    step=1_000,
    unit="people",
    unit_fa="نفر",
    label_en="Answer seed reach",
    label_fa="دسترسی اولیهٔ پاسخ",
    help_en="People who see your answer when it goes out: followers, a pinned post, paid promotion. "
    "0 = the answer only cuts sharing and is not itself shared.",
    help_fa="تعداد کسانی که پاسخ شما را همان لحظهٔ انتشار می‌بینند: دنبال‌کنندگان، پست سنجاق‌شده یا تبلیغ پولی. "
    "صفر یعنی پاسخ فقط بازنشر خبر را کم می‌کند و خودش دست‌به‌دست نمی‌شود.",
)

RESPONSE_SHARE_RATE = SHARE_RATE.with_bounds(
    name="response_share_rate",
    default=0.005,  # an answer is shared like an ordinary good post (share-rate-per-reach)
    label_en="Answer share rate",
    label_fa="نرخ اشتراک‌گذاری پاسخ",
    help_en="Fraction (0–1) of people newly reached by your answer who share it.",
    help_fa="سهمی (بین ۰ و ۱) از مخاطبان تازهٔ پاسخ شما که آن را بازنشر می‌کنند.",
)

RESPONSE_FANOUT = FANOUT.with_bounds(
    name="response_fanout",
    default=50.0,
    label_en="Answer fan-out",
    label_fa="گستردگی بازنشر پاسخ",
    help_en="People who see each share of your answer, on average.",
    help_fa="میانگین تعداد کسانی که هر بازنشر پاسخ شما را می‌بینند.",
)

# --- Strategy labs: segment targeting (simulator/models/segments.py) -----------------
# Budget-level parameters, then the fields of one segment (a segment list is data, not a
# flag: see simulator.models.segments.Segment).

BUDGET = Param(
    "budget",
    float,
    default=1_000.0,
    minimum=0.0,
    maximum=1_000_000_000.0,
    step=100.0,
    unit="currency units",
    unit_fa="واحد پول",
    label_en="Paid seeding budget",
    label_fa="بودجهٔ تبلیغ پولی",
    help_en="Money to spend on paid reach across the segments, in your own currency.",
    help_fa="مبلغی که برای دسترسی پولی میان بخش‌های مخاطبان خرج می‌کنید، به واحد پول خودتان.",
)

BUDGET_UNITS = Param(
    "budget_units",
    int,
    default=100,
    minimum=1,
    maximum=1_000,
    step=10,
    unit="slices",
    unit_fa="سهم",
    label_en="Budget slices",
    label_fa="تعداد سهم‌های بودجه",
    help_en="The budget is split into this many equal slices; each slice goes to the segment where it adds "
    "the most conversions. More slices give a finer split.",
    help_fa="بودجه به این تعداد سهم برابر تقسیم می‌شود و هر سهم به بخشی می‌رسد که بیشترین تبدیل را اضافه کند. "
    "سهم‌های بیشتر یعنی تقسیم دقیق‌تر.",
)

SEGMENT_COUNT = Param(
    "segments",
    int,
    default=3,
    minimum=1,
    maximum=20,
    step=1,
    unit="segments",
    unit_fa="بخش",
    label_en="Segments",
    label_fa="بخش‌های مخاطبان",
    help_en="Audience segments to split the budget across.",
    help_fa="بخش‌هایی از مخاطبان که بودجه میانشان تقسیم می‌شود.",
)

SEGMENT_SIZE = Param(
    "size",
    int,
    default=100_000,
    minimum=1,
    maximum=1_000_000_000,
    step=1_000,
    unit="people",
    unit_fa="نفر",
    label_en="Segment size",
    label_fa="اندازهٔ بخش",
    help_en="People in the segment: everyone paid promotion or their shares can reach.",
    help_fa="تعداد افراد این بخش: همهٔ کسانی که تبلیغ پولی یا بازنشرهای اعضای بخش می‌تواند به آن‌ها برسد.",
    log_scale=True,
)

SEGMENT_SHARE_RATE = SHARE_RATE.with_bounds(
    default=0.03,
    help_en="Fraction (0–1) of newly reached people in the segment who share; their shares stay in the segment.",
    help_fa="سهمی (بین ۰ و ۱) از مخاطبان تازهٔ این بخش که محتوا را بازنشر می‌کنند؛ بازنشرها در همین بخش می‌مانند.",
)

SEGMENT_FANOUT = FANOUT.with_bounds(
    help_en="People in the same segment who see each share, on average.",
    help_fa="میانگین تعداد افراد همین بخش که هر بازنشر را می‌بینند.",
)

SEGMENT_CONVERSION_RATE = CONVERSION_RATE.with_bounds(default=0.01)

COST_PER_REACH = Param(
    "cost_per_reach",
    float,
    default=0.01,
    minimum=0.0001,
    maximum=1_000.0,
    step=0.001,
    unit="currency units per person",
    unit_fa="واحد پول برای هر نفر",
    label_en="Cost per person reached",
    label_fa="هزینهٔ دسترسی به هر نفر",
    help_en="What paid promotion costs for each person it reaches in this segment "
    "(a CPM of 10 is 0.01 per person if each sees the ad once).",
    help_fa="هزینهٔ تبلیغ پولی برای رسیدن به هر نفر در این بخش "
    "(اگر هر نفر آگهی را یک بار ببیند، CPM برابر ۱۰ یعنی ۰٫۰۱ برای هر نفر).",
    log_scale=True,
)


# --- Network cascade (simulator/models/network.py) -------------------------------------
# Monte Carlo on a synthetic audience graph. The model holds every person and every run's
# state in memory, so the audience, the contacts and the runs have hard caps; the
# products below are enforced together in NetworkParams.check_together.

NETWORK_MAX_CONTACTS = 20_000_000
"""Largest graph: audience x contacts per person (about 100 MB of CSR arrays)."""

NETWORK_MAX_WORK = 200_000_000
"""Largest request, in work units (NetworkParams.work_of): per run, the people who may be
reached, the seeds, and the contacts of the people who share that see it (the seeds'
contacts included: they always share); plus a fixed cost per step of each batch of runs.
Sized so that the worst accepted request stays within limits.REQUEST_SECONDS
(bench/results/worst_case.md)."""

NETWORK_STEP_WORK = 2_000
"""Work units of one step of one batch of runs whatever its size (~25 numpy calls, ~100 µs)."""

GRAPH = Param(
    "graph",
    str,
    default="scale-free",
    choices=("random", "scale-free", "small-world", "regular"),
    choice_labels={
        "random": ("Random (Erdős–Rényi)", "تصادفی (اردوش–رنی)"),
        "scale-free": ("Scale-free, a few big hubs (Barabási–Albert)", "بی‌مقیاس، با چند قطب پرمخاطب (باراباشی–آلبرت)"),
        "small-world": (
            "Small world, close circles plus shortcuts (Watts–Strogatz)",
            "جهان کوچک، حلقه‌های نزدیک با چند میان‌بر (واتس–استروگاتز)",
        ),
        "regular": ("Regular, everyone equally connected", "منظم، همه با تعداد مخاطب برابر"),
    },
    label_en="Audience network",
    label_fa="شبکهٔ مخاطبان",
    help_en="Shape of the synthetic network of who sees whose posts: random; scale-free, where a few people "
    "(influencers) have very many contacts; small world, tight circles linked by a few shortcuts; or regular, "
    "where everyone has the same number of contacts.",
    help_fa="شکل شبکهٔ ساختگیِ «چه کسی پست چه کسی را می‌بیند»: تصادفی؛ بی‌مقیاس، که در آن چند نفر "
    "(تأثیرگذاران) مخاطبان بسیار زیادی دارند؛ جهان کوچک، یعنی حلقه‌های نزدیک که با چند میان‌بر به هم وصل‌اند؛ "
    "یا منظم، که در آن همه به یک اندازه مخاطب دارند.",
)

NETWORK_AUDIENCE = AUDIENCE.with_bounds(
    minimum=10,
    maximum=1_000_000,
    help_en="People in the network. At most 1,000,000: every person is simulated one by one in every run.",
    help_fa="تعداد افراد شبکه. حداکثر ۱٬۰۰۰٬۰۰۰ نفر، چون در هر اجرا تک‌تک افراد شبیه‌سازی می‌شوند.",
)

AVG_DEGREE = Param(
    "avg_degree",
    float,
    default=10.0,
    minimum=1.0,
    maximum=100.0,
    step=1.0,
    unit="contacts per person",
    unit_fa="مخاطب برای هر نفر",
    label_en="Contacts per person",
    label_fa="میانگین مخاطبان هر نفر",
    help_en="Average number of people who can see a person's shares (friends, followers). Below the audience; "
    "audience × contacts at most 20,000,000. Regular networks need a whole number.",
    help_fa="میانگین تعداد کسانی که می‌توانند بازنشرهای هر نفر را ببینند (دوستان، دنبال‌کنندگان). کمتر از اندازهٔ "
    "مخاطبان، و حاصل‌ضرب مخاطبان در این عدد حداکثر ۲۰٬۰۰۰٬۰۰۰؛ در شبکهٔ منظم باید عدد صحیح باشد.",
)

REWIRE = Param(
    "rewire",
    float,
    default=0.1,
    minimum=0.0,
    maximum=1.0,
    step=0.01,
    unit="fraction",
    unit_fa="کسر",
    label_en="Shortcuts (small world)",
    label_fa="سهم میان‌برها (جهان کوچک)",
    help_en="Small-world network only: fraction (0–1) of links moved from a close neighbour to a random person "
    "anywhere. 0 = close circles only; 1 = almost a random network.",
    help_fa="فقط برای شبکهٔ جهان کوچک: سهمی (بین ۰ و ۱) از پیوندها که از همسایهٔ نزدیک به فردی تصادفی در هر جای "
    "شبکه منتقل می‌شود. صفر یعنی فقط حلقه‌های نزدیک؛ یک یعنی شبکه‌ای تقریباً تصادفی.",
)

SEEDS = Param(
    "seeds",
    int,
    default=20,
    minimum=1,
    maximum=100_000,
    step=1,
    unit="people",
    unit_fa="نفر",
    label_en="People who post first",
    label_fa="آغازگران انتشار",
    help_en="People who publish the content at step 0 (your account, paid creators); each of them shares it "
    "for sure. At most the audience.",
    help_fa="کسانی که محتوا را در گام صفر منتشر می‌کنند (حساب خودتان یا تولیدکنندگان محتوای پولی)؛ هر یک از آن‌ها "
    "حتماً آن را برای مخاطبانش منتشر می‌کند. حداکثر به اندازهٔ مخاطبان.",
    log_scale=True,
)

SEEDING = Param(
    "seeding",
    str,
    default="random",
    choices=("random", "influencers"),
    choice_labels={
        "random": ("Random people", "افراد تصادفی"),
        "influencers": ("Influencers (most contacts)", "تأثیرگذاران (پرمخاطب‌ترین افراد)"),
    },
    label_en="Who posts first",
    label_fa="چه کسانی اول منتشر می‌کنند",
    help_en="Random: new random people in every run. Influencers: the people with the most contacts "
    "(ties go to the lower id), the same in every run.",
    help_fa="تصادفی: در هر اجرا افراد تصادفیِ تازه‌ای انتخاب می‌شوند. تأثیرگذاران: کسانی که بیشترین مخاطب را دارند "
    "(در صورت تساوی، شمارهٔ کوچک‌تر)، در همهٔ اجراها همان افراد.",
)

VISIBILITY = Param(
    "visibility",
    float,
    default=0.2,
    minimum=0.0,
    maximum=1.0,
    step=0.01,
    unit="fraction",
    unit_fa="کسر",
    label_en="Feed visibility",
    label_fa="احتمال دیده‌شدن در فید",
    help_en="Chance (0–1) that a contact of someone who shares actually sees the share in their feed; "
    "decided separately for every contact.",
    help_fa="احتمال (بین ۰ و ۱) اینکه هر یک از مخاطبانِ فردِ بازنشرکننده واقعاً آن بازنشر را در فید خود ببیند؛ "
    "برای هر مخاطب جداگانه تعیین می‌شود.",
)

RUNS = Param(
    "runs",
    int,
    default=50,
    minimum=1,
    maximum=1_000,
    step=10,
    unit="runs",
    unit_fa="اجرا",
    label_en="Simulation runs",
    label_fa="تعداد اجراهای شبیه‌سازی",
    help_en="Independent random runs behind the mean and the 5–95% band; more runs, steadier numbers. "
    "At most 1,000, and fewer on big networks: a request's work, about runs × (audience + seeds + visibility × "
    f"contacts of the people who share), is capped at {NETWORK_MAX_WORK:,} so that it stays within seconds.",
    help_fa="تعداد اجراهای تصادفیِ مستقل که میانگین و بازهٔ ۵ تا ۹۵ درصد از آن‌ها به دست می‌آید؛ هرچه بیشتر، "
    "عددها پایدارتر. حداکثر ۱٬۰۰۰، و در شبکه‌های بزرگ کمتر: کار هر درخواست، تقریباً اجراها × (مخاطبان + "
    "آغازگران + احتمال دیده‌شدن × مخاطبانِ کسانی که بازنشر می‌کنند)، حداکثر "
    + localize_digits(f"{NETWORK_MAX_WORK:,}", "fa")
    + " است تا در چند ثانیه تمام شود.",
)

NETWORK_STEPS = STEPS.with_bounds(
    default=200,
    maximum=2_000,
    label_en="Steps (at most)",
    label_fa="حداکثر گام‌ها",
    help_en="Share cycles to simulate at most; the series ends earlier once every run has stopped spreading.",
    help_fa="حداکثر تعداد چرخه‌های بازنشر؛ اگر انتشار در همهٔ اجراها زودتر متوقف شود، سری زمانی همان‌جا تمام می‌شود.",
)

RNG_SEED = Param(
    "rng_seed",
    int,
    default=1,
    minimum=0,
    maximum=4_294_967_295,
    step=1,
    label_en="Random seed",
    label_fa="بذر تصادفی",
    help_en="The same seed gives the same network and the same runs; change it to see another roll of the dice.",
    help_fa="با بذر یکسان، همان شبکه و همان اجراها دوباره به دست می‌آید؛ برای دیدن قرعهٔ دیگری از شانس، آن را عوض کنید.",
)

# --- Calibration: fitting the models to a team's own history (smm fit, the Calibrate page) ---

PERIOD = Param(
    "period",
    str,
    default="week",
    choices=("day", "week", "month", "quarter", "year"),
    choice_labels={
        "day": ("day", "روز"),
        "week": ("week", "هفته"),
        "month": ("month", "ماه"),
        "quarter": ("quarter", "فصل"),
        "year": ("year", "سال"),
    },
    label_en="Period unit",
    label_fa="واحد دوره",
    help_en="How long one row of the adoption series is. The fitted p and q are rates per this period, "
    "so weekly data gives weekly rates: state it, it is never guessed.",
    help_fa="هر ردیف از سری پذیرش چه مدتی را می‌پوشاند. p و q برآوردشده نرخ‌هایی برای همین دوره‌اند، "
    "پس دادهٔ هفتگی نرخ هفتگی می‌دهد: واحد را بنویسید، حدس زده نمی‌شود.",
)

# --- Bass diffusion: the time one step stands for ----------------------------------
# Declared after PERIOD, whose choices it shares: p and q are rates per this period.

BASS_PERIOD = PERIOD.with_bounds(
    default="year",
    label_en="Length of one step",
    label_fa="طول هر گام",
    help_en="The time one step stands for. p and q are rates per this period: the classic averages "
    "(p about 0.03, q about 0.38) are per year; for weekly steps divide yearly rates by 52.",
    help_fa="مدت زمانی که هر گام نشان می‌دهد. p و q نرخ در همین دوره‌اند: میانگین‌های شناخته‌شده "
    "(p حدود ۰٫۰۳ و q حدود ۰٫۳۸) سالانه‌اند؛ برای گام‌های هفتگی، نرخ سالانه را بر ۵۲ تقسیم کنید.",
)

BASS_STEPS = STEPS.with_bounds(default=30, maximum=1_000)

# --- Experiments: sample size for an A/B test of two rates (simulator/models/sample_size.py) --

BASELINE_RATE = Param(
    "baseline_rate",
    float,
    default=0.02,
    minimum=0.0001,
    maximum=0.99,
    step=0.0001,
    unit="fraction",
    unit_fa="کسر",
    label_en="Baseline rate",
    label_fa="نرخ پایه",
    help_en="The rate the control version gets today (click-through or conversion rate), as a fraction: 0.02 = 2%.",
    help_fa="نرخی که نسخهٔ فعلی (گروه کنترل) امروز می‌گیرد، مثل نرخ کلیک یا نرخ تبدیل، به صورت کسر: ۰٫۰۲ یعنی ۲٪.",
)

MIN_DETECTABLE_LIFT = Param(
    "min_detectable_lift",
    float,
    default=0.2,
    minimum=0.001,
    maximum=10.0,
    step=0.001,
    unit="fraction",
    unit_fa="کسر",
    label_en="Minimum detectable lift (relative)",
    label_fa="کمترین رشد قابل تشخیص (نسبی)",
    help_en="The smallest relative change worth finding: 0.2 = the variant's rate is 20% above the baseline "
    "(2% -> 2.4%). Smaller lifts need many more people. The variant's rate must stay below 100%.",
    help_fa="کوچک‌ترین تغییر نسبی که ارزش پیدا کردن دارد: ۰٫۲ یعنی نرخ نسخهٔ جدید ۲۰٪ بالاتر از نرخ پایه است "
    "(از ۲٪ به ۲٫۴٪). رشدهای کوچک‌تر افراد بسیار بیشتری لازم دارند. نرخ نسخهٔ جدید باید زیر ۱۰۰٪ بماند.",
)

ALPHA = Param(
    "alpha",
    float,
    default=0.05,
    minimum=0.001,
    maximum=0.2,
    step=0.001,
    unit="fraction",
    unit_fa="کسر",
    label_en="Significance level α (two-sided)",
    label_fa="سطح معناداری α (دوطرفه)",
    help_en="Chance of declaring a difference when there is none (a false positive); 0.05 is the usual choice.",
    help_fa="احتمال اینکه تفاوتی اعلام شود در حالی که تفاوتی وجود ندارد (مثبت کاذب)؛ معمولاً ۰٫۰۵ انتخاب می‌شود.",
)

POWER = Param(
    "power",
    float,
    default=0.8,
    minimum=0.5,
    maximum=0.99,
    step=0.01,
    unit="fraction",
    unit_fa="کسر",
    label_en="Statistical power",
    label_fa="توان آزمون",
    help_en="Chance of detecting the lift if it is really there; 0.8 is the usual choice, 0.9 for costly decisions.",
    help_fa="احتمال اینکه اگر رشد واقعاً وجود داشته باشد، آزمون آن را تشخیص دهد؛ معمولاً ۰٫۸ و برای تصمیم‌های پرهزینه ۰٫۹.",
)
