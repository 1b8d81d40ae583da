"""The shell front end: one parser, one module per subcommand.

Each module under `studytui.commands` has `add_parser(sub)` and the functions it sets as
`func`; shared pieces live in `common`. Modules are imported only when the parser is
built, so `studytui` alone (opening the app) pays for none of them.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING

from studytui import __version__
from studytui.commands.common import (
    PROG,
    UsageError,
    add_global_options,
    merge_global_options,
)

if TYPE_CHECKING:
    import argparse

APP_OPTIONS = ("--data-dir", "--content")
# argparse reads "-1e3" or "-.5" after an option as another option: such a value is
# joined to its option ("--per-second=-1e3") so the calculator can say what is wrong
_NEGATIVE_VALUE = re.compile(r"^-(\d|\.\d|inf|nan)", re.IGNORECASE)


def app_options(argv: Sequence[str]) -> SimpleNamespace | None:
    """The folders chosen, when the arguments only choose folders for the app (the
    everyday launch): then no parser is built and argparse is not even imported. None
    for anything else, argparse's to read (and to report, e.g. a missing value)."""
    chosen = SimpleNamespace(data_dir=None, content=[])
    i = 0
    while i < len(argv):
        option, has_value, value = argv[i].partition("=")
        if option not in APP_OPTIONS:
            return None
        if not has_value:
            if i + 1 == len(argv) or argv[i + 1].startswith("-"):
                return None  # argparse says the value is missing
            value = argv[i + 1]
        i += 1 if has_value else 2
        if option == "--data-dir":
            chosen.data_dir = value
        else:
            chosen.content.append(value)
    return chosen


def join_negative_values(argv: Sequence[str]) -> list[str]:
    joined: list[str] = []
    for word in argv:
        if (joined and _NEGATIVE_VALUE.match(word) and joined[-1].startswith("--")
                and "=" not in joined[-1]):
            joined[-1] = f"{joined[-1]}={word}"
        else:
            joined.append(word)
    return joined


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from studytui.commands.run import run_app

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Offline terminal study dashboard for AWS Certified Developer - "
                    "Associate (DVA-C02). Run without a command to open the app.",
        epilog="--data-dir and --content work before or after any command.")
    add_global_options(parser, top=True)
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.set_defaults(func=run_app)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    from studytui.commands import calc, export, import_history, quiz, search, stats, validate

    for module in (validate, calc, quiz, stats, export, import_history, search):
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = join_negative_values(sys.argv[1:] if argv is None else argv)
    quick = app_options(arguments)
    args: argparse.Namespace | SimpleNamespace
    if quick is None:
        args = build_parser().parse_args(arguments)
        merge_global_options(args)
    else:
        from studytui.commands.run import run_app

        quick.func = run_app
        args = quick
    from studytui.progress.folder import DataFolderError

    try:
        return int(args.func(args) or 0)
    except (UsageError, DataFolderError) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: no traceback reaches a user
        print(f"{PROG}: unexpected error ({exc.__class__.__name__}: {exc}); nothing was "
              f"lost that was already saved. Please report it.", file=sys.stderr)
        return 1
