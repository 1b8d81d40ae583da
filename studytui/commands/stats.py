"""`studytui stats`: attempts, accuracy and readiness so far (reads only)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from studytui.blueprint import domain_label
from studytui.commands.common import add_command, load_content, open_log, report_notices
from studytui.content.text import plural

if TYPE_CHECKING:
    from studytui.progress.dashboard import Coverage


def add_parser(sub: argparse._SubParsersAction) -> None:
    stats = add_command(sub, "stats", "attempts and accuracy so far")
    stats.add_argument("--json", action="store_true", help="print one JSON object")
    stats.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from datetime import datetime

    from studytui.content.services import load_services
    from studytui.progress.dashboard import build_dashboard
    from studytui.progress.stats import attempt_stats
    from studytui.quiz.schedule import Planner
    from studytui.settings import load_settings

    log = open_log(args, for_writing=False)
    if not log.folder.exists():
        report_notices([f"no history yet at {log.folder}"])
    attempts = log.attempts()
    stats = attempt_stats(attempts)
    library = load_content(args)
    notices: list[str] = []
    settings = load_settings(log.folder, notices)
    services, blueprint_problems = load_services(library)
    if blueprint_problems:
        notices.append(f"{plural(len(blueprint_problems), 'problem')} in the exam blueprint; "
                       f"coverage may be incomplete (details: studytui validate)")
    board = build_dashboard(library, attempts, log.question_states(), log.exams(),
                            log.read_sections(), datetime.now().astimezone(),
                            Planner(settings.desired_retention).retrievability, services)
    report_notices(notices + log.notices)
    readiness = board.readiness
    coverage = board.coverage
    stats.update(
        readiness=None if readiness is None else {
            "score": readiness.score, "low": readiness.low, "high": readiness.high,
            "verdict": readiness.verdict, "share": round(readiness.share, 4),
            "practised": round(readiness.practised, 4)},
        coverage=None if coverage is None else {
            "services_practised": coverage.services_practised,
            "in_scope": coverage.in_scope,
            "topics_practised": coverage.topics_practised, "topics": coverage.topics,
            "exam_share": round(coverage.exam_share, 4)},
        due_today=board.due_today, streak_days=board.streak_days, exams=board.exams)
    if args.json:
        print(json.dumps(stats, indent=2))
        return 0
    accuracy = "-" if stats["accuracy"] is None else f"{100 * stats['accuracy']:.0f}%"
    print(f"{stats['attempts']} attempts, {stats['correct']} correct, accuracy {accuracy}")
    print(f"streak {plural(stats['streak_days'], 'day')}, {stats['due_today']} due now, "
          f"{plural(len(stats['exams']), 'exam')}")
    if readiness is not None:
        print(f"readiness: {readiness.score} (likely {readiness.low}-{readiness.high}), "
              f"{readiness.verdict}")
    if coverage is not None:
        print(f"coverage: {coverage_line(coverage)}")
    for key, title in (("by_domain", "Domain"), ("by_topic", "Topic")):
        for name, row in stats[key].items():
            acc = "-" if row["accuracy"] is None else f"{100 * row['accuracy']:.0f}%"
            label = domain_label(int(name)) if key == "by_domain" and name.isdigit() else name
            print(f"  {title} {label}: {row['correct']}/{row['attempts']} ({acc})")
    return 0


def coverage_line(coverage: Coverage) -> str:
    services = ("" if coverage.in_scope is None else
                f"{coverage.services_practised} of {coverage.in_scope} in-scope services, ")
    return (f"{services}{coverage.topics_practised} of {coverage.topics} topics practised "
            f"({100 * coverage.exam_share:.0f}% of the exam)")
