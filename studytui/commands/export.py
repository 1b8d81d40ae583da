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
    from studytui.fileio import NotAFileError

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
        write_binary_output(output, export.to_bytes())
    except NotAFileError as exc:
        fail(f"export: {exc}")
    except OSError as exc:
        fail(f"export: cannot write {output}: {exc.strerror or exc}")
    print(f"Wrote {export.counts_text()} to {output}")
    return 0


def write_binary_output(name: str, data: bytes) -> None:
    """The rules of `fileio.write_output` for bytes: a FIFO or character device is written
    to directly, a regular file or a link's target is replaced atomically (a
    `.studytui-tmp-*` file beside it, then a rename), a folder is refused."""
    import stat
    from pathlib import Path

    from studytui.fileio import NotAFileError, atomic_write_bytes

    path = Path(name)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        with open(path, "wb") as handle:
            handle.write(data)
        return
    if mode is not None and stat.S_ISDIR(mode):
        raise NotAFileError(f"{name} is a folder; give a file name")
    if not path.parent.is_dir():
        raise NotAFileError(f"the folder of {name} does not exist")
    atomic_write_bytes(path, data)
