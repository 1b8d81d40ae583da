"""`studytui export`: the whole attempt history as CSV or JSON (reads only), or the
questions and exam tips as an Anki package (`--format apkg`)."""

from __future__ import annotations

import argparse
import sys

from studytui.commands.common import (
    add_command,
    fail,
    load_content,
    open_log,
    report_notices,
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    export = add_command(sub, "export", "the attempt history (csv, json) or an Anki deck (apkg)")
    export.add_argument("--format", choices=["csv", "json", "apkg"], default="csv",
                        help="csv or json: the attempt history; apkg: an Anki package of "
                             "the questions and exam tips, one deck per topic")
    export.add_argument("--output", metavar="FILE",
                        help="write here instead of stdout ('-' is stdout); a regular file "
                             "is replaced atomically, a link's target is replaced, a FIFO "
                             "or device is written to; apkg: default studytui-dva-c02.apkg "
                             "in the current folder, never stdout")
    export.add_argument("--topic", action="append", default=[], metavar="ID",
                        help="apkg: only this topic (repeatable)")
    export.add_argument("--domain", action="append", default=[], type=int,
                        choices=[1, 2, 3, 4], help="apkg: only this exam domain (repeatable)")
    export.add_argument("--kind", choices=["questions", "notes", "all"], default=None,
                        help="apkg: question cards, exam-tip cards from the notes, or all "
                             "(default)")
    export.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.format == "apkg":
        return run_apkg(args)
    if args.topic or args.domain or args.kind:
        fail("export: --topic, --domain and --kind only apply to --format apkg")
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


def run_apkg(args: argparse.Namespace) -> int:
    from studytui.anki import DEFAULT_FILENAME, build_export
    from studytui.fileio import NotAFileError, write_output

    output = args.output or DEFAULT_FILENAME
    if output == "-":
        fail("export: an Anki package is binary and cannot go to stdout; give --output "
             f"FILE (default {DEFAULT_FILENAME})")
    library = load_content(args)
    unknown = [t for t in args.topic if t not in library.topic_by_id]
    if unknown:
        fail(f"export: unknown topic {', '.join(unknown)}; topics: "
             f"{', '.join(t.id for t in library.topics)}")
    export = build_export(library, args.topic, args.domain, args.kind or "all")
    if not export.cards:
        fail("export: no cards match the chosen topics, domains and kind")
    try:
        write_output(output, export.to_bytes())
    except NotAFileError as exc:
        fail(f"export: {exc}")
    except OSError as exc:
        fail(f"export: cannot write {output}: {exc.strerror or exc}")
    print(f"Wrote {export.counts_text()} to {output}")
    return 0


