"""`studytui export`: the whole attempt history as CSV or JSON (reads only)."""

from __future__ import annotations

import argparse
import sys

from studytui.commands.common import add_command, fail, open_log, report_notices


def add_parser(sub: argparse._SubParsersAction) -> None:
    export = add_command(sub, "export", "the whole attempt history")
    export.add_argument("--format", choices=["csv", "json"], default="csv")
    export.add_argument("--output", metavar="FILE",
                        help="write here instead of stdout ('-' is stdout); a regular file "
                             "is replaced atomically, a link's target is replaced, a FIFO "
                             "or device is written to")
    export.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from studytui.fileio import NotAFileError, write_output
    from studytui.progress.stats import export_attempts

    log = open_log(args, for_writing=False)
    if not log.folder.exists():
        report_notices([f"no history yet at {log.folder}"])
    text = export_attempts(log.attempts(), args.format)
    report_notices(log.notices)
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return 0
    try:
        write_output(args.output, text)
    except NotAFileError as exc:
        fail(f"export: {exc}")
    except OSError as exc:
        fail(f"export: cannot write {args.output}: {exc.strerror or exc}")
    return 0
