"""Renderers for the playbook's markers: small pure functions from data to Markdown/HTML.

Each takes the page context (language, paths, app URL) and the marker's arguments.
Numbers come from the engine, texts from ``playbook_data``; nothing is typed by hand.
"""

from __future__ import annotations

import argparse
import functools
import html
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from simulator import data
from simulator.cli_fit import shown_value
from simulator.commands import COMMANDS, Command, flag_name, run_command
from simulator.locale import citation, join_list, localize_digits, number_text
from simulator.models.fit_inputs import FileInputs
from simulator.models.metrics import RATIOS
from simulator.params import Lang, Param, format_number
from simulator.persian import sort_key
from simulator.results import quantity
from simulator.site import pack, quiz  # noqa: F401  (registers smm:quiz, smm:learning-path, smm:print-pack)
from simulator.site.markers import MarkerError, PageContext, marker
from simulator.site.preview import preset_preview, total_text, unit_of

__all__ = [
    "benchmark_item",
    "chart_html",
    "fit_flags",
    "fit_totals",
    "fit_value",
    "glossary_tooltips",
    "simulator_link",
    "value_inputs",
]


def t(key: str, lang: Lang) -> str:
    return data.ui()[key](lang)


def _require(args: dict[str, str], *names: str) -> list[str]:
    missing = [n for n in names if n not in args]
    if missing:
        raise MarkerError(f"missing argument(s): {', '.join(missing)}")
    return [args.pop(n) for n in names]


def _no_more(args: dict[str, str]) -> None:
    if args:
        raise MarkerError(f"unknown argument(s): {', '.join(sorted(args))}")


@functools.lru_cache(maxsize=256)
def _totals(model: str, frozen_args: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """Run a model once per distinct argument set (both languages share the run)."""
    return run_command(COMMANDS[model], dict(frozen_args))["totals"]


# --- numbers and parameters ----------------------------------------------------------


@functools.lru_cache(maxsize=256)
def _rows(model: str, frozen_args: tuple[tuple[str, str], ...]) -> list[dict[str, Any]]:
    return run_command(COMMANDS[model], dict(frozen_args))["series"]


def _series_value(model: str, args: dict[str, str], column: str, row: str) -> tuple[Any, str]:
    """One cell of a model's series: ``row`` is a step (index) or a row label (a segment)."""
    rows = _rows(model, tuple(sorted(args.items())))
    if not rows or column not in rows[0]:
        raise MarkerError(f"column={column!r} is not one of {', '.join(rows[0]) if rows else 'no columns'}")
    if row.isdigit() and int(row) < len(rows):
        chosen = rows[int(row)]
    else:
        labelled = [r for r in rows if row in (r.get("segment"), r.get("segment_fa"))]
        if not labelled:
            raise MarkerError(f"row={row!r} is neither a row number below {len(rows)} nor a row label")
        chosen = labelled[0]
    return chosen[column], quantity(column).unit


def value_inputs(marker_args: Mapping[str, str], shown: str) -> tuple[str, dict[str, str]]:
    """The model and inputs of a value marker.

    ``preset=<id>`` runs a preset or worked example declared once (``presets.yml``,
    ``examples.yml``) on its own page, or on ``model=`` if given (with the inputs that model
    takes); the marker's other arguments override single inputs, and must keep them inside
    the scenario's basis. Without ``preset=``, the marker names its ``model=`` and every
    input, and may neither set an input a benchmark bounds nor show a benchmarked metric
    (``shown``, e.g. an engagement rate): such numbers need a declared basis.
    """
    args = dict(marker_args)  # the caller's arguments stay as they were
    scenario_id, model = args.pop("preset", None), args.pop("model", None)
    found = None
    if scenario_id is not None:
        try:
            found = data.scenario(scenario_id)
        except KeyError as error:
            raise MarkerError(str(error.args[0])) from None
        model = model or found.page
    if model is None:
        raise MarkerError("missing argument(s): model (or preset)")
    if model not in COMMANDS:
        raise MarkerError(f"model={model!r} is not one of {', '.join(sorted(COMMANDS))}")
    specs = COMMANDS[model].params.specs()
    unknown = sorted(set(args) - set(specs))
    if unknown:
        raise MarkerError(f"{unknown[0]} is not a parameter of model {model!r}")
    if found is None:
        based = [k for k in (*args, shown) if data.benchmarks_for(k, model)]
        if based:
            raise MarkerError(f"{based[0]} needs a basis: run a preset or example (preset=<id>) that declares one")
        return model, args
    try:
        inputs = data.scenario_inputs(found, specs, args)
    except ValueError as error:
        raise MarkerError(str(error)) from None
    return model, {k: str(v) for k, v in inputs.items()}


# --- numbers from a fit of a file (smm fit share / smm fit bass) ------------------------------

REPO_ROOT = Path(__file__).resolve().parents[2]
"""A fit marker's ``file=`` is read from here (``playbook_data/samples/...``), wherever the build runs."""

_ESTIMATE_END = re.compile(r"_(low|high|p10|p50|p90)$")


class _MarkerFlags(argparse.ArgumentParser):
    """A command's own flags, read from a marker's arguments: a bad one fails the build."""

    def error(self, message: str) -> Any:  # argparse would print and exit
        raise MarkerError(message)


def fit_flags(command: Command, args: dict[str, str]) -> dict[str, Any]:
    """A fit marker's arguments as the command's parsed flags, exactly as ``smm`` parses them:
    ``file=`` (relative to the repository), ``period=``, ``cumulative=true``, ``column=``..."""
    parser = _MarkerFlags(prog=f"smm:value model={command.name}", add_help=False)
    assert command.extra_flags is not None
    command.extra_flags(parser, "en")
    argv = []
    for name, text in args.items():
        if name == "file":
            text = str(REPO_ROOT / text)
        argv += [flag_name(name)] if text == "true" else [flag_name(name), text]
    return vars(parser.parse_args(argv))


@functools.lru_cache(maxsize=32)
def fit_totals(model: str, frozen_args: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """Fit a file once per distinct marker (both languages share the fit)."""
    command = COMMANDS[model]
    return run_command(command, fit_flags(command, dict(frozen_args)))["totals"]


def fit_value(model: str, args: dict[str, str], total: str, lang: Lang) -> str:
    """One estimate of ``smm fit share``/``smm fit bass`` on a file, as its table shows it.

    ``total=`` is a key of the fit's totals (``share_rate``, ``fanout_high``, ``share_rate_p50``,
    ``peak_period``; ``peak_note`` gives the fit's own sentence, in the page's language);
    ``group=<label>`` takes it from the fit of one platform or format (``group=reel``).
    """
    group = args.pop("group", None)
    totals = fit_totals(model, tuple(sorted(args.items())))
    if group is not None:
        found = [g for g in totals.get("groups", []) if g["group"] == group]
        if not found:
            labels = ", ".join(g["group"] for g in totals.get("groups", [])) or "none"
            raise MarkerError(f"group={group!r} is not one of the file's groups ({labels})")
        totals = found[0]
        if "error" in totals:
            raise MarkerError(f"group={group!r} was not estimated: {totals['error']}")
    if total == "peak_note" and "peak_note" in totals:
        note = totals["peak_note_fa" if lang == "fa" else "peak_note"]
        if note is None:
            raise MarkerError("total='peak_note': the fit identifies the peak, so there is no note")
        return note
    if total not in totals or isinstance(totals[total], (list, str)):
        numbers = ", ".join(k for k, v in totals.items() if not isinstance(v, (list, str)))
        raise MarkerError(f"total={total!r} is not one of {numbers}")
    if totals[total] is None:
        raise MarkerError(f"total={total!r} is not estimable from this file (the fit gives none)")
    return shown_value(totals[total], quantity(_ESTIMATE_END.sub("", total)).unit, lang)


@marker("value")
def value(ctx: PageContext, args: dict[str, str]) -> str:
    """A total (``total=``), or a cell of the series (``column=`` and ``row=``), of a model run;
    for a fit command (``model=fit-share``, ``model=fit-bass``), an estimate of a fit of ``file=``."""
    fitted = COMMANDS.get(args.get("model", ""))
    if fitted is not None and issubclass(fitted.params, FileInputs):
        args.pop("model")
        (total,) = _require(args, "total")
        return fit_value(fitted.name, args, total, ctx.lang)
    column, row = args.pop("column", None), args.pop("row", None)
    total = None if column else _require(args, "total")[0]
    model, args = value_inputs(args, column or total or "")
    if column:
        if row is None:
            raise MarkerError("column= needs row= (a step number or a row label)")
        cell, unit = _series_value(model, args, column, row)
        return number_text(cell, unit, ctx.lang)
    assert total is not None
    totals = _totals(model, tuple(sorted(args.items())))
    if total not in totals:
        raise MarkerError(f"total={total!r} is not one of {', '.join(totals)}")
    return total_text(model, totals, total, ctx.lang)


def _range_text(spec: Param, lang: Lang) -> str:
    if spec.kind is str:
        return join_list([spec.choice_label(c, lang) if lang == "fa" else c for c in spec.choices], lang)
    low, high = (localize_digits(format_number(v), lang) for v in (spec.minimum, spec.maximum))  # type: ignore[arg-type]
    return f"{low} – {high}"


@marker("params")
def params(ctx: PageContext, args: dict[str, str]) -> str:
    (model,) = _require(args, "model")
    _no_more(args)
    lang = ctx.lang
    head = [
        t(k, lang) for k in ("site.param", "site.flag", "site.unit", "site.allowed", "site.default", "site.meaning")
    ]
    rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for spec in COMMANDS[model].params.specs().values():
        default = (
            "—"
            if spec.default is None
            else (
                spec.choice_label(str(spec.default), lang)
                if spec.kind is str
                else localize_digits(format_number(spec.default), lang)  # type: ignore[arg-type]
            )
        )
        cells = [
            spec.label(lang),
            f"`{flag_name(spec.name)}` / `{spec.name}`",
            spec.unit_text(lang) or "—",
            _range_text(spec, lang),
            default,
            spec.help(lang),
        ]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n\n" + "\n".join(rows) + "\n\n"


# --- charts ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def chart_html(chart_id: str, lang: Lang) -> str:
    """A chart as static SVG (print, no-JS) plus its compiled Vega spec for the live view."""
    import vl_convert

    from simulator.charts import PLAYBOOK_CHARTS, playbook_chart_spec

    if chart_id not in PLAYBOOK_CHARTS:
        raise MarkerError(f"id={chart_id!r} is not one of {', '.join(PLAYBOOK_CHARTS)}")
    spec = playbook_chart_spec(chart_id, lang)
    static = {**spec, "width": 640}
    svg = vl_convert.vegalite_to_svg(static)
    svg = re.sub(
        r"^<svg ", '<svg role="img" aria-label="' + html.escape(t(f"chart.{chart_id}.title", lang)) + '" ', svg
    )
    vega = json.dumps(vl_convert.vegalite_to_vega(spec), separators=(",", ":")).replace("</", "<\\/")
    caption = html.escape(t(f"chart.{chart_id}.caption", lang))
    return (
        f'\n\n<figure class="smm-chart" id="chart-{chart_id}" data-chart="{chart_id}">\n'
        f'<div class="smm-chart__static">{svg}</div>\n'
        f'<div class="smm-chart__live" hidden></div>\n'
        f'<script type="application/json" class="smm-chart__spec">{vega}</script>\n'
        f"<figcaption>{caption}</figcaption>\n</figure>\n\n"
    )


@marker("chart")
def chart(ctx: PageContext, args: dict[str, str]) -> str:
    (chart_id,) = _require(args, "id")
    _no_more(args)
    return chart_html(chart_id, ctx.lang)


# --- simulator links and embedding -------------------------------------------------------


def simulator_link(ctx: PageContext, page: str, preset: str | None = None) -> str:
    """Link to the playbook's simulator page, which opens the embedded app on ``page``/``preset``."""
    query = {"lab": page, **({"preset": preset} if preset else {})}
    return f"{ctx.url_root}simulator/?{urlencode(query)}"


@marker("try")
def try_it(ctx: PageContext, args: dict[str, str]) -> str:
    (preset_id,) = _require(args, "preset")
    _no_more(args)
    found = {p.id: p for p in data.presets()}
    preset = found.get(preset_id)
    if preset is None:
        raise MarkerError(f"preset={preset_id!r} is not in playbook_data/presets.yml ({', '.join(found)})")
    lang = ctx.lang
    href = html.escape(simulator_link(ctx, preset.page, preset.id))
    # Hidden unless the page finds no simulator answering (embed.js): then the box says so and
    # shows the scenario as built.
    return (
        f'\n\n!!! tip "{t("site.try-it", lang)}"\n\n'
        f"    **{preset.name(lang)}** – {preset.description(lang)}\n\n"
        f'    <a class="md-button md-button--primary smm-try" href="{href}" data-app-url="{html.escape(ctx.app_url)}">'
        f"{t('site.open-simulator', lang)}</a>\n\n"
        f'    <p class="smm-try__offline" hidden>{html.escape(t("site.try-offline", lang))}</p>\n\n'
        f"    {preset_preview(preset.id, lang)}\n\n"
    )


@marker("app")
def app(ctx: PageContext, args: dict[str, str]) -> str:
    _no_more(args)
    lang = ctx.lang
    fallback = re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(t("site.app-fallback", lang)))
    # Every preset as built, hidden; with no simulator answering, embed.js shows the link's preset.
    previews = "".join(preset_preview(p.id, lang) + "\n" for p in data.presets())
    return (
        f'\n\n<div class="smm-app" data-app-url="{html.escape(ctx.app_url)}" data-lang="{lang}">\n'
        f'<iframe class="smm-app__frame" title="{html.escape(t("site.app-title", lang))}" hidden></iframe>\n'
        f'<div class="smm-app__fallback admonition warning"><p class="admonition-title">{html.escape(t("site.app-fallback-title", lang))}</p>'
        f"<p>{fallback}</p></div>\n"
        f"{previews}"
        f'<p><a class="smm-app__open" href="{html.escape(ctx.app_url)}/?lang={lang}" target="_blank" rel="noopener">'
        f"{html.escape(t('site.app-open', lang))}</a></p>\n</div>\n\n"
    )


# --- data pages ------------------------------------------------------------------------------


def _indent(text: str, spaces: int = 4) -> str:
    return "\n".join((" " * spaces + line) if line else "" for line in text.splitlines())


def _timed(text: str, metric_id: str, lang: Lang) -> str:
    """A benchmark of a time metric with its unit ("240.0 minutes"); rates carry their %."""
    ratio = RATIOS[metric_id]
    return f"{text} {ratio.numerator.unit_text(lang)}" if ratio.shown_as == "minutes" else text


def _benchmark_rows(metric: data.Metric, lang: Lang) -> list[str]:
    rows = []
    for b in metric.benchmarks:
        low, high = (number_text(v, unit_of(metric.id), lang) for v in (b.low, b.high))
        span = _timed(low if b.low == b.high else f"{low} – {high}", metric.id, lang)
        source = f"[{b.source}]({b.url})" if b.url else b.source
        note = f" {b.note(lang)}" if b.note else ""
        rows.append(f"| {b.platform(lang)} | {span} | {citation(source, b.year, lang)}.{note} |")
    return rows


def metric_card(metric: data.Metric, lang: Lang) -> str:
    ratio = RATIOS[metric.id]
    parts = [
        f"### {metric.name(lang)} {{#{metric.id.replace('_', '-')}}}",
        "",
        f"**{t('site.formula', lang)}:** {ratio.formula(lang)}",
        "",
        metric.definition(lang),
        "",
        f"**{t('site.measure', lang)}:** {metric.measure(lang)}",
        "",
        f"**{t('site.pitfalls', lang)}:**",
        "",
        *[f"- {p(lang)}" for p in metric.pitfalls],
        "",
        f'!!! example "{t("site.goal-example", lang)}"',
        "",
        _indent(metric.goal_example(lang)),
        "",
    ]
    if metric.benchmarks:
        head = f"| {t('site.platform', lang)} | {t('site.range', lang)} | {t('site.source', lang)} |"
        parts += [
            f"**{t('site.benchmarks', lang)}:**",
            "",
            head,
            "| --- | --- | --- |",
            *_benchmark_rows(metric, lang),
            "",
        ]
    return "\n".join(parts)


def _metric(metric_id: str) -> data.Metric:
    found = {m.id: m for m in data.metrics()}
    if metric_id not in found:
        raise MarkerError(f"id={metric_id!r} is not in playbook_data/metrics.yml")
    return found[metric_id]


@marker("metrics")
def metrics(ctx: PageContext, args: dict[str, str]) -> str:
    _no_more(args)
    return "\n\n" + "\n\n".join(metric_card(m, ctx.lang) for m in data.metrics()) + "\n\n"


@marker("metric")
def metric(ctx: PageContext, args: dict[str, str]) -> str:
    (metric_id,) = _require(args, "id")
    _no_more(args)
    return "\n\n" + metric_card(_metric(metric_id), ctx.lang) + "\n\n"


@marker("metric-summary")
def metric_summary(ctx: PageContext, args: dict[str, str]) -> str:
    _no_more(args)
    lang = ctx.lang
    rows = [
        f"| {t('site.metric', lang)} | {t('site.formula', lang)} | {t('site.benchmark', lang)} |",
        "| --- | --- | --- |",
    ]
    for m in data.metrics():
        anchor = m.id.replace("_", "-")
        if m.benchmarks:
            ranges = [
                f"{b.platform(lang)} {_timed(number_text((b.low + b.high) / 2, unit_of(m.id), lang), m.id, lang)}"
                for b in m.benchmarks
            ]
            bench = join_list(ranges, lang)
        else:
            bench = t("site.none", lang)
        rows.append(f"| [{m.name(lang)}](#{anchor}) | {RATIOS[m.id].formula(lang)} | {bench} |")
    return "\n\n" + "\n".join(rows) + "\n\n"


def _benchmark_label(b: data.ParameterBenchmark, lang: Lang) -> tuple[str, str]:
    """The name of the input a benchmark bounds, and the unit its numbers are shown in."""
    page = next((p for p in b.pages if p != "metrics"), None)
    if page is None:
        return _metric(b.parameter).name(lang), "fraction"
    spec = next(s for s in COMMANDS[page].params.specs().values() if data.benchmarked_as(s.name) == b.parameter)
    return spec.label(lang), spec.unit if spec.unit.startswith("fraction") else ""


def benchmark_item(b: data.ParameterBenchmark, lang: Lang) -> str:
    """One benchmark as a list item: input, platform, typical range, exceptional threshold,
    note, sources and, for a house assumption, its reason."""
    label, unit = _benchmark_label(b, lang)
    low, high, exceptional = (number_text(v, unit, lang) for v in (b.low, b.high, b.exceptional))
    per = f" {t(f'site.per-{b.time_unit}', lang)}" if b.time_unit else ""
    sources = join_list([citation(f"{s.author}, *{s.title}*", s.year, lang) for s in b.sources], lang, strong=True)
    where = join_list([b.platform(lang), f"`{b.id}`"], lang)
    ranges = join_list(
        [f"{t('site.typical', lang)} {low} – {high}{per}", f"{t('site.exceptional-from', lang)} {exceptional}{per}"],
        lang,
        strong=True,
    )
    parts = [f"- **{label}** ({where}): {ranges}. {b.note(lang)}"]
    if sources:
        parts.append(f"  *{t('site.sources', lang)}:* {sources}.")
    if b.house_assumption is not None:
        parts.append(f"  *{t('site.house-assumption', lang)}:* {b.house_assumption(lang)}")
    return "\n".join(parts)


@marker("benchmarks")
def benchmarks(ctx: PageContext, args: dict[str, str]) -> str:
    """Every input benchmark (``benchmarks.yml``), the basis the presets and examples name."""
    _no_more(args)
    return "\n\n" + "\n".join(benchmark_item(b, ctx.lang) for b in data.benchmarks()) + "\n\n"


@marker("glossary")
def glossary(ctx: PageContext, args: dict[str, str]) -> str:
    _no_more(args)
    lang = ctx.lang
    terms = sorted(data.glossary(), key=lambda g: sort_key(g.term(lang)))
    return "\n\n" + "\n\n".join(f"### {g.term(lang)} {{#{g.id}}}\n\n{g.definition(lang)}" for g in terms) + "\n\n"


@marker("faq")
def faq(ctx: PageContext, args: dict[str, str]) -> str:
    ids = [i for i in args.pop("ids", "").split(",") if i]
    _no_more(args)
    entries = {f.id: f for f in data.faq()}
    missing = [i for i in ids if i not in entries]
    if missing:
        raise MarkerError(f"ids {missing} are not in playbook_data/faq.yml")
    chosen = [entries[i] for i in ids] if ids else list(entries.values())
    blocks = []
    for f in chosen:
        more = f"\n\n    [{t('site.chapter', ctx.lang)} →]({ctx.root}{f.chapter})" if f.chapter and not ids else ""
        # A straight quote would end the admonition title early.
        title = f.question(ctx.lang).replace('"', "&quot;")
        blocks.append(f'??? question "{title}"\n\n{_indent(f.answer(ctx.lang))}{more}')
    return "\n\n" + "\n\n".join(blocks) + "\n\n"


@marker("strategies")
def strategies(ctx: PageContext, args: dict[str, str]) -> str:
    _no_more(args)
    lang = ctx.lang
    metric_names = {m.id: m.name(lang) for m in data.metrics()}
    cards = []
    for s in data.strategies():
        steps = "\n".join(f"{i}. {step(lang)}" for i, step in enumerate(s.steps, 1))
        measure = metric_names.get(s.metric, s.metric)
        cards.append(
            f"### {s.name(lang)} {{#{s.id}}}\n\n{s.summary(lang)}\n\n"
            f"**{t('site.when', lang)}:** {s.when(lang)}\n\n**{t('site.steps', lang)}:**\n\n{steps}\n\n"
            f"**{t('site.measure-with', lang)}:** [{measure}]({ctx.root}metrics.md#{s.metric.replace('_', '-')})\n\n"
            f'!!! warning "{t("site.risk", lang)}"\n\n{_indent(s.risk(lang))}'
        )
    return "\n\n" + "\n\n".join(cards) + "\n\n"


# --- glossary tooltips ---------------------------------------------------------------------

# Text inside these elements never gets a tooltip: code, links, headings, existing tooltips,
# charts, scripts and form controls.
_NO_TOOLTIP = {
    "code",
    "pre",
    "a",
    "abbr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "script",
    "style",
    "svg",
    "button",
    "label",
    "title",
    "figcaption",
    "summary",
}
_TAG = re.compile(r"(<[^>]+>)")
_TAG_NAME = re.compile(r"</?([a-zA-Z0-9]+)")


@functools.lru_cache(maxsize=2)
def _term_pattern(lang: Lang) -> tuple[re.Pattern[str], dict[str, str]]:
    tips: dict[str, str] = {}
    for term in data.glossary():
        for word in term.match_fa if lang == "fa" else term.match_en:
            tips.setdefault(word, term.definition(lang))
    words = "|".join(re.escape(w) for w in sorted(tips, key=len, reverse=True))
    if lang == "fa":
        # A Persian word may carry the ezafe (ٔ) or a joined suffix (‌ها، ‌های): keep them
        # inside the tooltip so the letters stay connected.
        pattern = rf"(?<![\w\u200c])({words})((?:\u0654|\u200c[\u0600-\u06ff]+)?)(?![\w\u200c])"
    else:
        pattern = rf"(?<![\w-])({words})((?:e?s)?)(?![\w-])"
    return re.compile(pattern), tips


def glossary_tooltips(html_text: str, lang: Lang) -> str:
    """Wrap the first mention of each glossary word in page text in ``<abbr title>``;
    Material shows it as a tooltip (``content.tooltips``). Works on the rendered HTML, so
    it can keep Persian ezafe and suffixes inside the tooltip and skip code and headings."""
    pattern, tips = _term_pattern(lang)
    if not tips:
        return html_text
    done: set[str] = set()
    skip_depth = 0
    parts = _TAG.split(html_text)
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            found = _TAG_NAME.match(part)
            if found and found.group(1).lower() in _NO_TOOLTIP and not part.endswith("/>"):
                skip_depth += -1 if part.startswith("</") else 1
            continue
        if skip_depth or not part.strip():
            continue

        def wrap(match: re.Match[str]) -> str:
            word = match.group(1)
            if word in done:
                return match.group(0)
            done.add(word)
            title = html.escape(tips[word], quote=True)
            return f'<abbr title="{title}">{match.group(0)}</abbr>'

        parts[i] = pattern.sub(wrap, part)
    return "".join(parts)
