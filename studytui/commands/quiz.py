"""`studytui quiz [--plain]`: the quiz from the shell, line by line."""

from __future__ import annotations

import argparse
import sys
import textwrap
from typing import BinaryIO, TextIO

from studytui.blueprint import domain_label
from studytui.commands.common import add_command, fail, load_content, open_log, report_notices
from studytui.content.text import reflow
from studytui.quiz.engine import LETTERS, QuizFilter, QuizSession, parse_letters, select_questions


def add_parser(sub: argparse._SubParsersAction) -> None:
    quiz = add_command(sub, "quiz", "practise questions (--plain: line by line, for screen "
                                    "readers and scripts)")
    quiz.add_argument("--plain", action="store_true", help="line-oriented quiz on "
                                                           "stdin/stdout")
    quiz.add_argument("--topic", action="append", default=[], metavar="ID")
    quiz.add_argument("--domain", action="append", default=[], type=int, choices=[1, 2, 3, 4])
    quiz.add_argument("--count", type=int, default=10, metavar="N",
                      help="how many questions (at least 1; default 10)")
    quiz.add_argument("--seed", type=int, metavar="S", help="same seed, same questions "
                                                            "and option order")
    quiz.set_defaults(func=cmd_quiz)


def _wrap(text: str, indent: str = "") -> str:
    """Reflow paragraphs (YAML block scalars keep the author's line breaks) to 88 columns."""
    return "\n\n".join(textwrap.fill(p, 88, initial_indent=indent, subsequent_indent=indent)
                       for p in reflow(text).split("\n\n"))


MAX_LINE_BYTES = 4096  # an answer is a few letters: a longer line is refused, not read


def cmd_quiz(args: argparse.Namespace) -> int:
    if not args.plain:
        from studytui.commands.run import run_app

        return run_app(args, start_pane="quiz")
    if args.count < 1:
        fail(f"quiz: --count must be at least 1, not {args.count}")
    library = load_content(args)
    unknown = [t for t in args.topic if t not in library.topic_by_id]
    if unknown:
        fail(f"quiz: unknown topic {', '.join(unknown)}; topics: "
             f"{', '.join(t.id for t in library.topics)}")
    questions = select_questions(library, QuizFilter(
        topics=tuple(args.topic), domains=tuple(args.domain), count=args.count,
        seed=args.seed))
    if not questions:
        print("No questions match those filters.")
        return 0
    log = open_log(args, for_writing=True)  # exit 2 before the first question if it can't
    from studytui.quiz.schedule import Planner
    from studytui.settings import load_settings

    notices: list[str] = []
    planner = Planner(load_settings(log.folder, notices).desired_retention)
    report_notices(notices)
    stdin = getattr(sys.stdin, "buffer", sys.stdin)
    return run_plain(QuizSession(questions, mode="plain", seed=args.seed), log, stdin,
                     sys.stdout, library, planner)


def _ends_line(chunk: bytes | str) -> bool:
    return chunk.endswith(b"\n") if isinstance(chunk, bytes) else chunk.endswith("\n")


def read_answer_line(stream: BinaryIO | TextIO) -> tuple[str | None, str | None]:
    """(text, None) for a line, (None, None) at end of input, (None, why) for a line that
    cannot be an answer: too long (read no further than the cap) or not UTF-8."""
    raw: bytes | str = stream.readline(MAX_LINE_BYTES + 1)
    if not raw:
        return None, None
    if len(raw) > MAX_LINE_BYTES and not _ends_line(raw):
        while True:  # skip the rest of the line in pieces, never holding it whole
            rest: bytes | str = stream.readline(65536)
            if not rest or _ends_line(rest):
                break
        return None, "That line is far too long for an answer."
    if isinstance(raw, bytes):
        try:
            return raw.decode("utf-8"), None
        except UnicodeDecodeError:
            return None, "That line is not readable text (not UTF-8)."
    return raw, None


def answer_problem(chosen: frozenset[int] | None, needed: int, letters: str) -> str | None:
    """Why an answer has the wrong shape, or None when it can be graded."""
    if chosen is None:
        return f"Please answer with letters {letters[0]}-{letters[-1]}."
    if needed == 1 and len(chosen) != 1:
        return "This question takes ONE letter."
    if needed > 1 and len(chosen) != needed:
        return f"Choose exactly {needed} letters ({len(chosen)} given)."
    return None


def run_plain(session: QuizSession, log, stdin: BinaryIO | TextIO, out: TextIO, library,
              planner=None) -> int:
    total = len(session.shown)
    while not session.finished:
        shown = session.current
        if shown is None:
            break
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
            line, unreadable = read_answer_line(stdin)
            if unreadable:
                out.write(f"{unreadable} Answer again.\n")
                continue
            if line is None:  # end of input: stop cleanly
                out.write("\n")
                return _finish(session, out, library)
            text = line.strip()
            if not text:
                session.skip()
                out.write("Skipped.\n")
                break
            chosen = parse_letters(text, len(shown.options))
            problem = answer_problem(chosen, len(shown.right_positions), letters)
            if problem or chosen is None:
                out.write(f"{problem} Answer again.\n")
                continue
            outcome, record = session.answer(chosen)
            seen = len(log.notices)
            log.record_attempt(record, planner)  # saved before the result is printed
            report_notices(log.notices[seen:])
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
