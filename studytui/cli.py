"""Command line entry point and the one app factory shared by the CLI and the tests."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from studytui import __version__
from studytui.bank import load_bank
from studytui.content import Library
from studytui.locations import content_dirs, data_dir

if TYPE_CHECKING:
    from studytui.ui.app import StudyApp


def prepare_data_dir(override: str | None, notices: list[str]) -> Path:
    """The data folder, created if needed; a temporary one (with a notice) if it cannot be."""
    folder = data_dir(override)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
        return folder
    except OSError as exc:
        import tempfile

        fallback = Path(tempfile.mkdtemp(prefix="studytui-"))
        notices.append(f"Cannot use data folder {folder} ({exc.strerror or exc}); progress "
                       f"is kept in {fallback} for this session only.")
        return fallback


def make_app(data_dir_override: str | None = None, content: Sequence[str] = (),
             library: Library | None = None, start_pane: str | None = None) -> StudyApp:
    """Build the app exactly as `studytui` runs it; tests call this too."""
    from studytui.progress import ProgressLog
    from studytui.settings import load_settings
    from studytui.ui.app import StudyApp

    notices: list[str] = []
    folder = prepare_data_dir(data_dir_override, notices)
    settings = load_settings(folder, notices)
    progress = ProgressLog(folder)
    try:
        read = progress.read_marks_fast()
    except Exception as exc:  # never refuse to start over a progress problem
        notices.append(f"Could not read your notes progress: {exc}")
        read = set()
    if library is None:
        from studytui.content.cache import cache_path

        library = load_bank(content_dirs(content), cache_path())
    return StudyApp(library, progress, settings, folder, notices, read, start_pane)


# -- subcommands -------------------------------------------------------------------------
def cmd_run(args: argparse.Namespace) -> int:
    import gc

    # Start-up allocates a great many objects and none of them is garbage yet: the cyclic
    # collector only costs time until the first frame is on screen (the app turns it back
    # on after its first refresh; see StudyApp.on_mount).
    gc.disable()
    try:
        app = make_app(args.data_dir, args.content)
        app.run()
    finally:
        gc.enable()
    return app.return_code or 0


def cmd_validate(args: argparse.Namespace) -> int:
    folders = content_dirs([*args.content, *args.folders])
    library = load_bank(folders)
    from studytui.search.synonyms import load_synonyms

    for folder in folders:
        library.problems.extend(load_synonyms(folder / "synonyms.yaml")[1])
    by_domain = Counter(q.domain for q in library.questions)
    if args.json:
        print(json.dumps({
            "ok": not library.problems,
            "files": library.files,
            "topics": len(library.topics),
            "sections": len(library.sections),
            "questions": len(library.questions),
            "questions_by_domain": {str(d): by_domain.get(d, 0) for d in (1, 2, 3, 4)},
            "errors": [{"file": p.file, "line": p.line, "message": p.message}
                       for p in library.problems],
        }, indent=2))
    else:
        for problem in library.problems:
            print(problem)
        state = "OK" if not library.problems else f"{len(library.problems)} problem(s)"
        print(f"{state}: {len(library.topics)} topics, {len(library.sections)} sections, "
              f"{len(library.questions)} questions in {library.files} files",
              file=sys.stdout if not library.problems else sys.stderr)
    return 0 if not library.problems else 1


APP_OPTIONS = ("--data-dir", "--content")


def opens_app(argv: Sequence[str]) -> bool:
    """True when the arguments only choose folders for the app (the everyday launch):
    then the subcommands' parsers, and the modules behind them, need not be built."""
    i = 0
    while i < len(argv):
        option, has_value, _ = argv[i].partition("=")
        if option not in APP_OPTIONS:
            return False
        i += 1 if has_value else 2
    return i == len(argv)


def build_parser(subcommands: bool = True) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR",
                        help="where progress and settings live (default: the platform's user "
                             "data folder; or $STUDYTUI_DATA_DIR)")
    common.add_argument("--content", metavar="DIR", action="append", default=[],
                        help="add a content pack folder (topics/, questions/); repeatable; "
                             "also $STUDYTUI_CONTENT")
    parser = argparse.ArgumentParser(
        prog="studytui", parents=[common],
        description="Offline terminal study dashboard for AWS Certified Developer - "
                    "Associate (DVA-C02). Run without a command to open the app.")
    parser.add_argument("--version", action="version", version=f"studytui {__version__}")
    parser.set_defaults(func=cmd_run)
    if not subcommands:
        return parser
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    validate = sub.add_parser("validate", parents=[common],
                              help="check the bundled content and any given folders")
    validate.add_argument("folders", nargs="*", metavar="DIR", help="extra content folders")
    validate.add_argument("--json", action="store_true", help="print one JSON object")
    validate.set_defaults(func=cmd_validate)

    from studytui.calc_cli import add_calc_parser
    from studytui.quiz_cli import add_quiz_parsers
    from studytui.search_cli import add_search_parser

    add_calc_parser(sub, common)
    add_quiz_parsers(sub, common)
    add_search_parser(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(subcommands=not opens_app(arguments)).parse_args(arguments)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: no traceback reaches a user
        print(f"studytui: error: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
