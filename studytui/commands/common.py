"""What every subcommand shares: the global options, messages, the library, the log.

Commands import this module, never the dispatcher (`studytui.commands`), so no import
cycle can form.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from studytui.content.text import plural

if TYPE_CHECKING:  # argparse itself is imported where a parser is built: the app's
    import argparse  # everyday launch never needs it (see studytui.commands.app_options)

    from studytui.content import Library
    from studytui.progress import ProgressLog

PROG = "studytui"


class UsageError(Exception):
    """A mistake the user can fix: printed as one line, exit status 2."""


def fail(message: str) -> NoReturn:
    raise UsageError(message)


def add_global_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """--data-dir and --content, declared once. The top parser holds the real defaults;
    each subcommand's copy has no default (SUPPRESS) so that an option given before the
    subcommand is never overwritten by the subcommand's default."""
    import argparse

    parser.add_argument("--data-dir", metavar="DIR",
                        default=None if top else argparse.SUPPRESS,
                        help="where progress and settings live (default: the platform's "
                             "user data folder; or $STUDYTUI_DATA_DIR)")
    parser.add_argument("--content", metavar="DIR", action="append",
                        dest="content" if top else "content_after_command",
                        default=[] if top else argparse.SUPPRESS,
                        help="add a content pack folder (topics/, questions/); "
                             "repeatable; also $STUDYTUI_CONTENT")


def merge_global_options(args: argparse.Namespace) -> None:
    """--content given on both sides of the subcommand adds up, in the order typed."""
    args.content = [*args.content, *getattr(args, "content_after_command", [])]


def warn(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def load_content(args: argparse.Namespace, *, generated: bool = True) -> Library:
    """The bundled content plus packs; skipped files are reported on stderr, as the app
    would show them in a notice."""
    from studytui.bank import load_bank
    from studytui.locations import cache_dir, content_dirs

    library = load_bank(content_dirs(args.content), cache_dir(), generated=generated)
    if library.problems:
        warn(f"{plural(len(library.problems), 'content problem')}; the files or folders with "
             f"problems were skipped (details: studytui validate)")
    return library


def data_folder(args: argparse.Namespace) -> Path:
    from studytui.locations import data_dir
    from studytui.progress.folder import refuse_non_folder

    folder = data_dir(args.data_dir)
    refuse_non_folder(folder)
    return folder


def open_log(args: argparse.Namespace, *, for_writing: bool) -> ProgressLog:
    """The progress log. Commands that only read never create the folder; those that
    write prove first that they can (exit 2 naming the folder when not)."""
    from studytui.progress import ProgressLog

    log = ProgressLog(data_folder(args))
    if for_writing:
        log.prepare_to_write()
    return log


def report_notices(notices: list[str]) -> None:
    """Damaged files set aside, records skipped, settings dropped: said on stderr."""
    for notice in notices:
        warn(notice)


def add_command(sub: argparse._SubParsersAction, name: str, help: str,
                **kwargs: Any) -> argparse.ArgumentParser:
    """A subcommand parser that also takes the global options after its name."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help, **kwargs)
    add_global_options(parser, top=False)
    return parser
