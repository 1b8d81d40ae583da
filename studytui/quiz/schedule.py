"""Spaced review with FSRS: how an answer becomes a rating, and what is due.

Rating rule (documented in the help):
- wrong answer                         -> Again
- right, in under FAST_S seconds, and the question was already known
  (answered right the last time it was seen)                 -> Easy
- right, but slower than SLOW_S seconds                      -> Hard
- any other right answer                                     -> Good
The learner can override the rating with 1-4 after the feedback.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

FAST_S = 20.0
SLOW_S = 90.0  # the exam allows 120 s a question: 90 s is a struggle
RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


def rating_for(correct: bool, seconds: float, state: Mapping[str, Any] | None) -> int:
    if not correct:
        return 1
    known = bool(state and state.get("seen", 0) > 0 and state.get("last_correct"))
    if seconds < FAST_S and known:
        return 4
    if seconds > SLOW_S:
        return 2
    return 3


@dataclass(frozen=True)
class Review:
    card: dict[str, Any]
    log: dict[str, Any]
    rating: int

    @property
    def due(self) -> datetime:
        return datetime.fromisoformat(self.card["due"])


class Planner:
    """FSRS scheduling over the per-question state kept in the progress log."""

    def __init__(self, desired_retention: float = 0.9) -> None:
        from fsrs import Scheduler  # deferred: only needed once a question is answered

        self.scheduler = Scheduler(desired_retention=desired_retention)

    def review(self, card: Mapping[str, Any] | None, rating: int,
               when: datetime) -> Review:
        from fsrs import Card, Rating

        # fsrs types its dicts as TypedDicts; ours are plain JSON from the progress log
        current = Card.from_dict(cast(Any, dict(card))) if card else Card()
        updated, log = self.scheduler.review_card(current, Rating(rating), when)
        return Review(dict(updated.to_dict()), dict(log.to_dict()), rating)

    def retrievability(self, card: Mapping[str, Any], now: datetime) -> float:
        from fsrs import Card

        return float(self.scheduler.get_card_retrievability(
            Card.from_dict(cast(Any, dict(card))), now))


def due_at(state: Mapping[str, Any]) -> datetime | None:
    card = state.get("card")
    if not card or not card.get("due"):
        return None
    return datetime.fromisoformat(card["due"])


def review_queue(question_ids: Iterable[str], states: Mapping[str, Mapping[str, Any]],
                 now: datetime, new_limit: int, new_today: int = 0) -> list[str]:
    """Due questions (oldest due first), then never-seen ones up to today's new limit."""
    ids = list(question_ids)
    due = sorted((d, q) for q in ids if (d := due_at(states.get(q, {}))) and d <= now)
    room = max(0, new_limit - new_today)
    fresh = [q for q in ids if q not in states][:room]
    return [q for _, q in due] + fresh


def due_forecast(states: Mapping[str, Mapping[str, Any]], now: datetime,
                 days: int = 7) -> list[int]:
    """How many cards fall due on each of the next `days` days (day 0: due by end of today,
    overdue included)."""
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)  # the learner's day
    counts = [0] * days
    for state in states.values():
        when = due_at(state)
        if when is None:
            continue
        index = max(0, (when - start) // timedelta(days=1))
        if index < days:
            counts[int(index)] += 1
    return counts
