"""`studytui quiz --plain`, `stats` and `export`: the quiz from the shell."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import TextIO

from studytui.blueprint import domain_label
from studytui.content.text import reflow
from studytui.quiz.engine import LETTERS, QuizFilter, QuizSession, parse_letters, select_questions


def add_quiz_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    quiz = sub.add_parser("quiz", parents=[common], help="practise questions (--plain: "
                                                         "line by line, for screen readers "
                                                         "and scripts)")
    quiz.add_argument("--plain", action="store_true", help="line-oriented quiz on "
                                                           "stdin/stdout")
    quiz.add_argument("--topic", action="append", default=[], metavar="ID")
    quiz.add_argument("--domain", action="append", default=[], type=int, choices=[1, 2, 3, 4])
    quiz.add_argument("--count", type=int, default=10, metavar="N")
    quiz.add_argument("--seed", type=int, metavar="S", help="same seed, same questions "
                                                            "and option order")
    quiz.set_defaults(func=cmd_quiz)

    stats = sub.add_parser("stats", parents=[common], help="attempts and accuracy so far")
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(func=cmd_stats)

    export = sub.add_parser("export", parents=[common], help="the whole attempt history")
    export.add_argument("--format", choices=["csv", "json"], default="csv")
    export.add_argument("--output", metavar="FILE", help="write here instead of stdout")
    export.set_defaults(func=cmd_export)


def _open_log(args: argparse.Namespace):
    from studytui.cli import prepare_data_dir
    from studytui.progress import ProgressLog

    notices: list[str] = []
    log = ProgressLog(prepare_data_dir(args.data_dir, notices))
    return log, notices


def _wrap(text: str, indent: str = "") -> str:
    """Reflow paragraphs (YAML block scalars keep the author's line breaks) to 88 columns."""
    return "\n\n".join(textwrap.fill(p, 88, initial_indent=indent, subsequent_indent=indent)
                       for p in reflow(text).split("\n\n"))


def cmd_quiz(args: argparse.Namespace) -> int:
    if not args.plain:
        from studytui.cli import make_app

        app = make_app(args.data_dir, args.content, start_pane="quiz")
        app.run()
        return app.return_code or 0
    from studytui.bank import load_bank
    from studytui.content.cache import cache_path
    from studytui.locations import content_dirs

    library = load_bank(content_dirs(args.content), cache_path())
    unknown = [t for t in args.topic if t not in library.topic_by_id]
    if unknown:
        print(f"studytui quiz: unknown topic {', '.join(unknown)}; topics: "
              f"{', '.join(t.id for t in library.topics)}", file=sys.stderr)
        return 2
    if args.count < 1:
        print("studytui quiz: --count must be at least 1", file=sys.stderr)
        return 2
    questions = select_questions(library, QuizFilter(
        topics=tuple(args.topic), domains=tuple(args.domain), count=args.count,
        seed=args.seed))
    if not questions:
        print("No questions match those filters.")
        return 0
    log, notices = _open_log(args)
    for notice in notices + log.notices:
        print(f"Note: {notice}")
    from studytui.quiz.schedule import Planner
    from studytui.settings import load_settings

    planner = Planner(load_settings(log.folder, notices).desired_retention)
    return run_plain(QuizSession(questions, mode="plain", seed=args.seed), log, sys.stdin,
                     sys.stdout, library, planner)


def run_plain(session: QuizSession, log, stdin: TextIO, out: TextIO, library,
              planner=None) -> int:
    total = len(session.shown)
    while not session.finished:
        shown = session.current
        question = shown.question
        letters = LETTERS[: len(shown.options)]
        out.write(f"\nQuestion {session.index + 1} of {total}  [{question.topic_id} · "
                  f"{domain_label(question.domain)} · task {question.task} · "
                  f"{question.difficulty}]\n")
        out.write(_wrap(question.stem) + "\n")
        if "(Choose" not in question.stem:
            out.write(f"({shown.instruction()})\n")
        for letter, option in zip(letters, shown.options, strict=True):
            out.write(_wrap(f"{letter}) {option.text}", "  ") + "\n")
        session.begin_question()
        while True:
            hint = "A letter" if question.kind == "single" else "Letters like A,C"
            out.write(f"Answer ({hint}; empty line skips): ")
            out.flush()
            line = stdin.readline()
            if not line:  # end of input: stop cleanly
                out.write("\n")
                return _finish(session, out, library)
            text = line.strip()
            if not text:
                session.skip()
                out.write("Skipped.\n")
                break
            chosen = parse_letters(text, len(shown.options))
            if chosen is None:
                out.write(f"Please answer with letters {letters[0]}-{letters[-1]}.\n")
                continue
            outcome, record = session.answer(chosen)
            log.record_attempt(record, planner)  # saved before the result is printed
            right = ",".join(letters[p] for p in sorted(shown.right_positions))
            out.write(("Right." if outcome.correct else f"Wrong. The answer is {right}.")
                      + "\n")
            out.flush()  # the result is out the moment it is saved
            out.write(_wrap(question.explanation) + "\n")
            for position, option in enumerate(shown.options):
                if position in shown.right_positions or position in chosen:
                    mark = "right" if option.correct else "wrong"
                    out.write(_wrap(f"{letters[position]} ({mark}): {option.why}", "  ") + "\n")
            break
    return _finish(session, out, library)


def _finish(session: QuizSession, out: TextIO, library) -> int:
    summary = session.summary()
    out.write(f"\nScore: {summary.correct}/{summary.answered} "
              f"({summary.percent:.0f}%), {summary.skipped} skipped, "
              f"{summary.seconds:.0f} s.\n")
    if summary.weakest_topics:
        names = [library.topic_by_id[t].title if t in library.topic_by_id else t
                 for t in summary.weakest_topics]
        out.write(f"Weakest topics: {'; '.join(names)}\n")
    out.flush()
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from datetime import datetime

    from studytui.bank import load_bank
    from studytui.content.cache import cache_path
    from studytui.locations import content_dirs
    from studytui.progress.dashboard import build_dashboard
    from studytui.progress.stats import attempt_stats
    from studytui.quiz.schedule import Planner
    from studytui.settings import load_settings

    log, notices = _open_log(args)
    attempts = log.attempts()
    stats = attempt_stats(attempts)
    library = load_bank(content_dirs(args.content), cache_path())
    settings = load_settings(log.folder, notices)
    board = build_dashboard(library, attempts, log.question_states(), log.exams(),
                            log.read_sections(), datetime.now().astimezone(),
                            Planner(settings.desired_retention).retrievability)
    readiness = board.readiness
    stats.update(
        readiness=None if readiness is None else {
            "score": readiness.score, "low": readiness.low, "high": readiness.high,
            "verdict": readiness.verdict, "share": round(readiness.share, 4)},
        due_today=board.due_today, streak_days=board.streak_days, exams=board.exams)
    if args.json:
        print(json.dumps(stats, indent=2))
        return 0
    accuracy = "-" if stats["accuracy"] is None else f"{100 * stats['accuracy']:.0f}%"
    print(f"{stats['attempts']} attempts, {stats['correct']} correct, accuracy {accuracy}")
    print(f"streak {stats['streak_days']} day(s), {stats['due_today']} due now, "
          f"{len(stats['exams'])} exam(s)")
    if readiness is not None:
        print(f"readiness: {readiness.score} (likely {readiness.low}-{readiness.high}), "
              f"{readiness.verdict}")
    for key, title in (("by_domain", "Domain"), ("by_topic", "Topic")):
        for name, row in stats[key].items():
            acc = "-" if row["accuracy"] is None else f"{100 * row['accuracy']:.0f}%"
            label = domain_label(int(name)) if key == "by_domain" and name.isdigit() else name
            print(f"  {title} {label}: {row['correct']}/{row['attempts']} ({acc})")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from studytui.fileio import atomic_write_text
    from studytui.progress.stats import export_attempts

    log, _ = _open_log(args)
    text = export_attempts(log.attempts(), args.format)
    if args.output:
        atomic_write_text(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return 0
