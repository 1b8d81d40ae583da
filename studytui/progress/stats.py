"""Summaries of the attempt history: totals, by domain, by topic."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

EXPORT_FIELDS = ["at", "question", "topic", "domain", "mode", "answer", "answer_text",
                 "correct", "seconds"]


def _tally(attempts: Iterable[dict[str, Any]]) -> dict[str, Any]:
    total = correct = 0
    for attempt in attempts:
        total += 1
        correct += bool(attempt.get("correct"))
    return {"attempts": total, "correct": correct,
            "accuracy": round(correct / total, 4) if total else None}


def attempt_stats(attempts: list[dict[str, Any]]) -> dict[str, Any]:
    by_domain: dict[str, list] = {}
    by_topic: dict[str, list] = {}
    for attempt in attempts:
        by_domain.setdefault(str(attempt.get("domain")), []).append(attempt)
        by_topic.setdefault(str(attempt.get("topic")), []).append(attempt)
    return {**_tally(attempts),
            "by_domain": {key: _tally(items) for key, items in sorted(by_domain.items())},
            "by_topic": {key: _tally(items) for key, items in sorted(by_topic.items())}}


def export_attempts(attempts: list[dict[str, Any]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(attempts, indent=2) + "\n"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS, extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    for attempt in attempts:
        row = dict(attempt)
        shown = attempt.get("shown")
        if isinstance(shown, str):  # the letters the learner saw and pressed
            row["answer"] = ",".join(shown)
        else:  # records from before 2026-11-29: the content file's order
            row["answer"] = ",".join("ABCDEF"[i] for i in attempt.get("answer", [])
                                     if isinstance(i, int) and 0 <= i < 6)
        chosen = attempt.get("chosen")
        row["answer_text"] = " | ".join(chosen) if isinstance(chosen, list) else ""
        writer.writerow(row)
    return buffer.getvalue()
