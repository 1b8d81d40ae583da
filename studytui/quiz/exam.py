"""The exam simulation: a DVA-C02-shaped draw, a countdown, a scaled score.

Shape (AWS exam guide): 65 questions, 50 scored and 15 unscored (not marked), drawn here
to the domain weights 32/26/24/18; 130 minutes; no partial credit; blanks are wrong.

Scaled score: AWS reports 100-1000 with 720 to pass but does not publish the raw cut.
We assume the pass line sits at 72% of the scored questions (36 of 50) and map the raw
fraction p linearly on each side of it:
    p <= 0.72:  score = 100 + 620 * p / 0.72
    p >  0.72:  score = 720 + 280 * (p - 0.72) / 0.28
so none right = 100, 36/50 = 720 (pass), all right = 1000.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from studytui.blueprint import DOMAINS
from studytui.content.model import Library, Question
from studytui.quiz.engine import Shown, shuffle_options

EXAM_QUESTIONS = 65
EXAM_UNSCORED = 15
EXAM_MINUTES = 130
PASS_FRACTION = 0.72
PASS_SCORE = 720


def scaled_score(correct: int, scored: int) -> int:
    if scored <= 0:
        return 100
    p = correct / scored
    if p <= PASS_FRACTION:
        return round(100 + 620 * p / PASS_FRACTION)
    return round(PASS_SCORE + 280 * (p - PASS_FRACTION) / (1 - PASS_FRACTION))


def split_by_weight(total: int) -> dict[int, int]:
    """`total` questions over the domains by weight (largest remainder)."""
    raw = {d: total * domain.weight / 100 for d, domain in DOMAINS.items()}
    counts = {d: math.floor(v) for d, v in raw.items()}
    for d in sorted(raw, key=lambda d: raw[d] - counts[d], reverse=True)[: total -
                                                                         sum(counts.values())]:
        counts[d] += 1
    return counts


def draw_exam(library: Library, seed: int | None = None, questions: int = EXAM_QUESTIONS,
              unscored: int = EXAM_UNSCORED) -> tuple[list[Question], set[int]]:
    """The questions in exam order and the positions of the unscored ones."""
    rng = random.Random(seed)
    scored = questions - unscored
    wanted = {d: split_by_weight(scored)[d] + split_by_weight(unscored)[d] for d in DOMAINS}
    pools = {d: [q for q in library.questions if q.domain == d] for d in DOMAINS}
    chosen: list[Question] = []
    for d, count in wanted.items():
        pool = pools[d]
        chosen += rng.sample(pool, min(count, len(pool)))
    rng.shuffle(chosen)
    # unscored questions follow the same weights, so pick them domain by domain
    unscored_positions: set[int] = set()
    by_domain: dict[int, list[int]] = {}
    for position, question in enumerate(chosen):
        by_domain.setdefault(question.domain, []).append(position)
    for d, count in split_by_weight(unscored).items():
        positions = by_domain.get(d, [])
        unscored_positions.update(rng.sample(positions, min(count, len(positions))))
    return chosen, unscored_positions


@dataclass
class Exam:
    shown: list[Shown]
    unscored: set[int]
    started: datetime
    minutes: int = EXAM_MINUTES
    answers: dict[int, list[int]] = field(default_factory=dict)  # position -> shown options
    flagged: set[int] = field(default_factory=set)
    current: int = 0
    submitted_at: datetime | None = None
    paused_seconds: float = 0.0  # time spent paused, added to the deadline
    paused_at: datetime | None = None  # paused now (the clock stands still)

    @classmethod
    def new(cls, library: Library, seed: int | None = None, now: datetime | None = None,
            questions: int = EXAM_QUESTIONS, unscored: int = EXAM_UNSCORED,
            minutes: int = EXAM_MINUTES) -> Exam:
        if seed is None:  # from the global generator, so random.seed() makes it repeatable
            seed = random.getrandbits(64)
        drawn, hidden = draw_exam(library, seed, questions, unscored)
        rng = random.Random(seed)
        return cls([shuffle_options(q, rng) for q in drawn], hidden,
                    now or datetime.now(timezone.utc), minutes)

    @property
    def deadline(self) -> datetime:
        return self.started + timedelta(minutes=self.minutes, seconds=self.paused_seconds)

    def seconds_left(self, now: datetime) -> float:
        return max(0.0, (self.deadline - (self.paused_at or now)).total_seconds())

    def pause(self, now: datetime) -> None:
        """Stop the clock (the learner left the exam on purpose; see `unpause`)."""
        if self.paused_at is None:
            self.paused_at = now

    def unpause(self, now: datetime) -> None:
        if self.paused_at is not None:
            self.paused_seconds += max(0.0, (now - self.paused_at).total_seconds())
            self.paused_at = None

    def same_exam(self, data: Mapping[str, Any]) -> bool:
        """Is `data` (a saved exam) this exam, perhaps at another moment?"""
        return (data.get("started") == self.started.isoformat()
                and data.get("questions") == [s.question.id for s in self.shown])

    def answer(self, position: int, chosen: Sequence[int]) -> None:
        if chosen:
            self.answers[position] = sorted(set(chosen))
        else:
            self.answers.pop(position, None)

    def toggle_flag(self, position: int) -> None:
        self.flagged ^= {position}

    def is_complete(self, position: int) -> bool:
        """Answered with as many options as the question asks for."""
        return len(self.answers.get(position, ())) == self.shown[position].needed

    def status(self, position: int) -> str:
        if position in self.flagged:
            return "flagged"
        if position not in self.answers:
            return "blank"
        return "answered" if self.is_complete(position) else "incomplete"

    def answered(self) -> list[int]:
        """Positions with a complete answer (a 'Choose TWO' with one pick is not one)."""
        return [i for i in range(len(self.shown)) if self.is_complete(i)]

    def blanks(self) -> list[int]:
        return [i for i in range(len(self.shown)) if i not in self.answers]

    def incomplete(self) -> list[int]:
        """Started but short (or over) of the options the question asks for."""
        return [i for i in sorted(self.answers) if not self.is_complete(i)]

    def wrong(self) -> list[int]:
        """Answered (even partly) and not right: the real mistakes, not the blanks."""
        return [i for i in sorted(self.answers) if not self.is_right(i)]

    def is_right(self, position: int) -> bool:
        return frozenset(self.answers.get(position, ())) == self.shown[position].right_positions

    def result(self, now: datetime) -> dict[str, Any]:
        """Score the scored questions only; blanks are wrong; no partial credit."""
        scored = [i for i in range(len(self.shown)) if i not in self.unscored]
        correct = sum(self.is_right(i) for i in scored)
        per_domain: dict[str, dict[str, int]] = {}
        for i in scored:
            row = per_domain.setdefault(str(self.shown[i].question.domain),
                                        {"correct": 0, "total": 0})
            row["total"] += 1
            row["correct"] += self.is_right(i)
        score = scaled_score(correct, len(scored))
        end = min(self.paused_at or now, self.deadline)
        used = (end - self.started).total_seconds() - self.paused_seconds
        return {
            "at": now.isoformat(timespec="seconds"), "score": score,
            "passed": score >= PASS_SCORE, "correct": correct, "scored": len(scored),
            "answered": len(self.answered()), "questions": len(self.shown),
            "seconds_used": round(max(0.0, used)),
            "per_domain": {d: round(100 * r["correct"] / r["total"]) for d, r in
                           sorted(per_domain.items())},
        }

    # -- surviving a restart ------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {"questions": [s.question.id for s in self.shown],
                "orders": [list(s.order) for s in self.shown],
                "unscored": sorted(self.unscored), "started": self.started.isoformat(),
                "minutes": self.minutes,
                "answers": {str(k): v for k, v in self.answers.items()},
                "flagged": sorted(self.flagged), "current": self.current,
                "paused_seconds": self.paused_seconds,
                "paused_at": self.paused_at.isoformat() if self.paused_at else None}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], library: Library) -> Exam | None:
        """Rebuild a saved exam; None if its questions no longer exist or it is malformed."""
        try:
            shown = []
            for qid, order in zip(data["questions"], data["orders"], strict=True):
                question = library.question_by_id[qid]
                if sorted(order) != list(range(len(question.options))):
                    return None
                shown.append(Shown(question, tuple(order)))
            paused_at = data.get("paused_at")
            return cls(shown, set(data["unscored"]), datetime.fromisoformat(data["started"]),
                       int(data["minutes"]),
                       {int(k): list(v) for k, v in data["answers"].items()},
                       set(data["flagged"]), int(data.get("current", 0)),
                       paused_seconds=float(data.get("paused_seconds", 0.0)),
                       paused_at=datetime.fromisoformat(paused_at) if paused_at else None)
        except (KeyError, TypeError, ValueError):
            return None
