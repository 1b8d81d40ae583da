"""`studytui import PATH`: merge another history (a data folder, a JSON export, or one
progress file such as a synced folder's conflict copy) into this one."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from studytui.commands.common import add_command, fail, open_log, report_notices, warn


def add_parser(sub: argparse._SubParsersAction) -> None:
    command = add_command(
        sub, "import", "merge another history into this one (a data folder, an `export "
                       "--format json` file, or a progress file's conflict copy)",
        description="Merge another studytui history into this data folder. Answers and "
                    "exam results already here are skipped, so importing twice changes "
                    "nothing; read marks are joined; the review schedule of each question "
                    "is rebuilt from all its answers in time order. PATH is only read.")
    command.add_argument("path", metavar="PATH",
                         help="another data folder, a file from `studytui export --format "
                              "json`, or one progress file (e.g. attempts/DAY.json's "
                              "conflict copy)")
    command.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from studytui.progress.merge import SourceError, merge_into, open_source
    from studytui.quiz.schedule import Planner
    from studytui.settings import load_settings

    # a target that cannot take files says so (exit 2, naming it) before anything is read
    log = open_log(args, for_writing=True)
    source_path = Path(args.path).expanduser()
    if not source_path.exists():
        fail(f"import: {source_path} does not exist")
    if source_path.is_dir() and _same(source_path, log.folder):
        fail(f"import: {source_path} is the data folder being imported into; give another "
             f"history (or choose the target with --data-dir)")
    try:
        source = open_source(source_path)
    except SourceError as exc:
        fail(f"import: {exc}")
    notices: list[str] = []
    planner = Planner(load_settings(log.folder, notices).desired_retention)
    report = merge_into(log, source, planner)
    report_notices(notices + log.notices)
    for problem in source.problems:
        warn(f"import: {problem}")
    if source.all_skipped:
        print(f"Nothing imported from {source_path}: it could not be read (see above); "
              f"{log.folder} is as it was.")
        return 1
    print(f"Imported {source_path} into {log.folder}:")
    print(f"  added {_count(report.added_attempts, 'attempt')}"
          + (f" (on {_count(len(report.days), 'day')})" if report.days else "")
          + f", {_count(report.added_read, 'read mark')}, "
            f"{_count(report.added_exams, 'exam result')}")
    print(f"  skipped (already here) {_count(report.known_attempts, 'attempt')}, "
          f"{_count(report.known_read, 'read mark')}, "
          f"{_count(report.known_exams, 'exam result')}")
    if report.unreadable:
        print(f"  skipped (could not be read) {_count(report.unreadable, 'record')}")
    if source.problems:
        print(f"  skipped (damaged or unreadable) {_count(len(source.problems), 'file')}: "
              f"see the messages above")
    if report.rebuilt:
        print(f"  rebuilt the review schedule of {_count(report.rebuilt, 'question')}")
    if not report.changed:
        print("  nothing new: this history already holds everything there")
    return 1 if source.problems else 0


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
