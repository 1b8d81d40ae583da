"""Make a data folder holding N past attempts, as a year of daily use would leave it."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

DAYS = 365


def make_history(folder: Path, attempts: int, questions: int = 350, seed: int = 1) -> date:
    """Write `attempts` spread evenly over the last DAYS days (today included).

    Returns today's date as used for the files.
    """
    rng = random.Random(seed)
    today = date.today()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "attempts").mkdir(exist_ok=True)
    per_day = attempts // DAYS if attempts else 0
    extra = attempts - per_day * DAYS
    states: dict[str, dict] = {}
    for offset in range(DAYS):
        count = per_day + (1 if offset < extra else 0)
        if not count:
            continue
        day = today - timedelta(days=offset)
        docs = {}
        for i in range(count):
            question = f"q{rng.randrange(questions)}"
            correct = rng.random() < 0.7
            stamp = f"{day.isoformat()}T{10 + i // 3600 % 12:02d}:{i // 60 % 60:02d}:" \
                    f"{i % 60:02d}+00:00"
            docs[str(i + 1)] = {"question": question, "at": stamp, "answer": [0],
                                "correct": correct, "seconds": 12.5, "mode": "practice",
                                "topic": "dynamodb", "domain": 1}
            state = states.setdefault(question, {"question": question, "seen": 0,
                                                 "correct": 0})
            state["seen"] += 1
            state["correct"] += correct
            state["last_at"] = stamp
        (folder / "attempts" / f"{day.isoformat()}.json").write_text(
            json.dumps({"attempts": docs}, separators=(",", ":")))
    (folder / "questions.json").write_text(json.dumps(
        {"state": {str(i + 1): s for i, s in enumerate(states.values())}},
        separators=(",", ":")))
    return today
