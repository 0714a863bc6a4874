"""The ``smm`` command: every model from the terminal, in English or Persian.

Subcommands come from the command registry (:mod:`simulator.commands`) and their flags
from the parameter declarations (``share_rate`` -> ``--share-rate``, with its unit,
range and default in ``--help``), so the CLI cannot drift from the engine. ``--lang fa``
gives Persian help, table labels and error messages. Bad input prints one line naming
the flag, the value as typed and the allowed range, and exits with code 2.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from simulator.commands import COMMANDS, GROUPS, Command, flag_name, run_command
from simulator.params import Lang, Param, ParameterError, Parameters, exact_number, localize_digits
from simulator.report import to_csv, to_json, to_table
from simulator.serve import ServeParams, serve

__all__ = ["EXIT_USAGE", "build_parser", "main"]

EXIT_USAGE = 2

_TEXT: dict[str, tuple[str, str]] = {
    "description": (
        "SMM Playbook simulator: viral-spread and marketing models from the terminal.",
        "شبیه‌ساز راهنمای بازاریابی شبکه‌های اجتماعی: مدل‌های انتشار ویروسی و بازاریابی در خط فرمان.",
    ),
    "epilog": (
        "Run 'smm <command> --help' for each command's flags, units and ranges; add '--lang fa' for Persian.",
        "برای دیدن گزینه‌ها، واحدها و بازه‌های هر دستور، 'smm <command> --help --lang fa' را اجرا کنید.",
    ),
    "usage": ("usage: ", "کاربرد: "),
    "options": ("options", "گزینه‌ها"),
    "commands": ("commands", "دستورها"),
    "help": ("show this help message and exit", "نمایش همین راهنما و خروج"),
    "format": ("output format (default table)", "قالب خروجی (پیش‌فرض: table، یعنی جدول)"),
    "lang": (
        "language of help, tables, notes and messages (default en)",
        "زبان راهنما، جدول‌ها، توضیح‌ها و پیام‌ها (پیش‌فرض: en)",
    ),
    "one of": ("one of", "یکی از"),
    "default": ("default", "پیش‌فرض"),
    "none": ("none", "ندارد"),
    "serve.help": (
        "build the playbook and run it with the simulator app (what `make run` does)",
        "ساخت راهنما و اجرای آن همراه با شبیه‌ساز (همان کاری که make run می‌کند)",
    ),
    "serve.title": (
        "Build the playbook site, start the Streamlit simulator and a static server, print both URLs.",
        "سایت راهنما را می‌سازد، شبیه‌ساز Streamlit و یک سرور فایل را راه می‌اندازد و نشانی هر دو را چاپ می‌کند.",
    ),
    "no-build": (
        "serve the existing site/ folder without rebuilding",
        "پوشهٔ site/ موجود را بدون ساختن دوباره ارائه می‌کند",
    ),
    "error": ("error", "خطا"),
}
"""The CLI's own words (argparse's framework text included), in English and Persian."""


def _t(key: str, lang: Lang) -> str:
    en, fa = _TEXT[key]
    return fa if lang == "fa" else en


def _help_text(text: str) -> str:
    """argparse %-formats help strings: a literal % (as in "5–95% band") must be doubled."""
    return text.replace("%", "%%")


def _language_of(argv: Sequence[str]) -> Lang:
    """``fa`` when the arguments ask for Persian (``--lang fa`` / ``--lang=fa``), read before
    parsing so that ``--help`` is already in that language."""
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--lang=fa" or (arg == "--lang" and i + 1 < len(args) and args[i + 1] == "fa"):
            return "fa"
    return "en"


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (exit 2, like the range errors) and help in the CLI's language."""

    def __init__(self, *args: object, lang: Lang = "en", **kwargs: object) -> None:
        self.lang: Lang = lang
        kwargs.setdefault("add_help", False)
        # A prefix is not a flag: `--fa` would silently read as `--fanout` (or `--fan 5` as a
        # fan-out) where the user most likely meant `--lang fa`; a refusal names what was typed.
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._optionals.title = _t("options", lang)
        self.add_argument("-h", "--help", action="help", help=_help_text(_t("help", lang)))

    def format_usage(self) -> str:
        return super().format_usage().replace("usage: ", _t("usage", self.lang), 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage: ", _t("usage", self.lang), 1)

    def error(self, message: str) -> NoReturn:
        shown = _argparse_message_fa(message) if self.lang == "fa" else message
        self.exit(EXIT_USAGE, f"{self.prog}: {_t('error', self.lang)}: {shown}\n")


# argparse's own messages (Python 3.11+ wording), as a Persian speaker would write them. The
# pattern captures flags, values and choices, which stay as typed; the first match wins.
_ARGPARSE_FA: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), persian)
    for pattern, persian in (
        (
            r"argument command: invalid choice: (.*) \(choose from (.*)\)",
            r"دستور \1 وجود ندارد؛ یکی از این‌ها را بنویسید: \2",
        ),
        (
            r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)",
            r"\1 = \2 پذیرفته نیست؛ یکی از این‌ها را بنویسید: \3",
        ),
        (r"argument (\S+): expected one argument", r"\1 یک مقدار می‌خواهد، اما مقداری بعد از آن نیامده است"),
        (r"argument (\S+): ignored explicit argument (.*)", r"\1 مقداری نمی‌پذیرد، اما \2 به آن داده شده است"),
        (
            r"the following arguments are required: command",
            "دستوری نوشته نشده است؛ فهرست دستورها را با smm --help --lang fa ببینید",
        ),
        (r"the following arguments are required: (.*)", r"این مورد لازم است و نیامده است: \1"),
        (r"unrecognized arguments: (.*)", r"این گزینه‌ها شناخته نشدند: \1"),
        (r"ambiguous option: (\S+) could match (.*)", r"\1 مبهم است و می‌تواند هر یک از این‌ها باشد: \2"),
        (r"argument (\S+): (.*)", r"\1: \2"),
    )
)


def _argparse_message_fa(message: str) -> str:
    """argparse's error in Persian; lists take the Persian comma. An unknown wording stays as
    argparse wrote it rather than being guessed at."""
    for pattern, persian in _ARGPARSE_FA:
        found = pattern.fullmatch(message)
        if found:
            return found.expand(persian).replace(", ", "، ")
    return message


def _flag_help(spec: Param, lang: Lang) -> str:
    if spec.kind is str:
        allowed = f"{_t('one of', lang)}: " + ("، " if lang == "fa" else ", ").join(spec.choices)
        default = str(spec.default)
    else:
        allowed = localize_digits(spec.allowed(lang), lang)
        default = _t("none", lang) if spec.default is None else localize_digits(exact_number(spec.default), lang)  # type: ignore[arg-type]
    separator = "؛ " if lang == "fa" else "; "
    return _help_text(f"{spec.help(lang)} [{allowed}{separator}{_t('default', lang)} {default}]")


def add_declared_flags(parser: argparse.ArgumentParser, params: type[Parameters], lang: Lang = "en") -> None:
    """One flag per declared parameter, with its help, unit, range and default."""
    for spec in params.specs().values():
        parser.add_argument(
            flag_name(spec.name),
            dest=spec.name,
            metavar=spec.name.upper() if spec.kind is not str else "{" + ",".join(spec.choices) + "}",
            help=_flag_help(spec, lang),
        )


def _add_command(commands: argparse._SubParsersAction, command: Command, lang: Lang) -> None:
    sub = commands.add_parser(
        command.words[-1],
        help=_help_text(command.summary_text(lang)),
        description=command.title_text(lang),  # not %-formatted by argparse (unlike help)
        lang=lang,
    )
    if command.extra_flags is not None:
        command.extra_flags(sub, lang)
    add_declared_flags(sub, command.params, lang)
    sub.add_argument("--format", choices=("table", "json", "csv"), default="table", help=_t("format", lang))
    sub.add_argument("--lang", choices=("en", "fa"), default=lang, help=_help_text(_t("lang", lang)))


def build_parser(lang: Lang = "en") -> argparse.ArgumentParser:
    """The ``smm`` parser, its help in ``lang``."""
    parser = _Parser(prog="smm", description=_t("description", lang), epilog=_t("epilog", lang), lang=lang)
    parser.add_argument("--lang", choices=("en", "fa"), default=lang, help=_help_text(_t("lang", lang)))
    commands = parser.add_subparsers(
        dest="command", metavar="command", required=True, parser_class=_Parser, title=_t("commands", lang)
    )
    groups: dict[str, argparse._SubParsersAction] = {}
    for command in COMMANDS.values():
        if command.group is not None and command.group not in groups:
            summary, title, summary_fa, title_fa = GROUPS[command.group]
            group = commands.add_parser(
                command.group,
                help=_help_text(summary_fa if lang == "fa" else summary),
                description=title_fa if lang == "fa" else title,  # not %-formatted by argparse (unlike help)
                lang=lang,
            )
            groups[command.group] = group.add_subparsers(
                dest=f"{command.group}_command",
                metavar="command",
                required=True,
                parser_class=_Parser,
                title=_t("commands", lang),
            )
        _add_command(groups.get(command.group, commands), command, lang)  # type: ignore[arg-type]
    serve_parser = commands.add_parser(
        "serve", help=_help_text(_t("serve.help", lang)), description=_t("serve.title", lang), lang=lang
    )
    add_declared_flags(serve_parser, ServeParams, lang)
    serve_parser.add_argument("--no-build", action="store_true", help=_t("no-build", lang))
    return parser


def _usage_error(command: str, error: ParameterError, lang: Lang) -> int:
    print(f"smm {command}: {_t('error', lang)}: {error.describe(flag_name, lang)}", file=sys.stderr)
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = _language_of(argv)
    args = vars(build_parser(lang).parse_args(argv))
    name, lang = args.pop("command"), args.pop("lang")
    if name == "serve":
        build = not args.pop("no_build")
        try:
            params = ServeParams.from_text({k: v for k, v in args.items() if v is not None})
        except ParameterError as error:
            return _usage_error(name, error, lang)
        return serve(params, build=build)
    if name in GROUPS:
        name = f"{name}-{args.pop(f'{name}_command')}"
    command = COMMANDS[name]
    fmt = args.pop("format")
    try:
        payload = run_command(command, args)
    except ParameterError as error:
        return _usage_error(" ".join(command.words), error, lang)
    if fmt == "json":
        sys.stdout.write(to_json(payload) + "\n")
    elif fmt == "csv":
        sys.stdout.write(to_csv(payload))
    elif command.table is not None:
        sys.stdout.write(command.table(payload, f"{command.title_text(lang)}  (smm {' '.join(command.words)})", lang))
    else:
        title = f"{command.title_text(lang)}  (smm {command.name})"
        sys.stdout.write(
            to_table(payload, command.params.specs(), title, lang, command.notes(payload, lang), command.columns)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
