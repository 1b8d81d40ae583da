"""What the learner knows: per domain and topic, readiness, streak, calendar, due cards.

Readiness (explained in the help): per domain, a recent-weighted accuracy (answers lose
half their weight every HALF_LIFE_DAYS days) pulled towards 50% by PRIOR_WEIGHT imaginary
answers, so a handful of lucky answers cannot look like mastery. The four are combined
with the exam weights into a predicted share right, turned into a scaled score with the
exam's scale (studytui.quiz.exam.scaled_score); the range is an 80% band for a 50-question
exam at that share, widened when there is little evidence.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from studytui.blueprint import DOMAINS
from studytui.content.model import Library
from studytui.quiz.exam import PASS_SCORE, scaled_score
from studytui.quiz.schedule import due_at, due_forecast

HALF_LIFE_DAYS = 14.0
PRIOR_WEIGHT = 5.0
MIN_ATTEMPTS_FOR_READINESS = 20
HEATMAP_WEEKS = 12


@dataclass
class Row:
    key: str
    title: str
    questions: int
    seen: int = 0
    weighted: float = 0.0  # recency weight of answers
    weighted_right: float = 0.0
    retrievability: list[float] = field(default_factory=list)
    sections: int = 0
    read: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.weighted_right / self.weighted if self.weighted else None

    @property
    def mastery(self) -> float:
        return (self.weighted_right + 0.5 * PRIOR_WEIGHT) / (self.weighted + PRIOR_WEIGHT)

    @property
    def mean_retrievability(self) -> float | None:
        values = self.retrievability
        return sum(values) / len(values) if values else None


@dataclass
class Readiness:
    score: int
    low: int
    high: int
    share: float

    @property
    def verdict(self) -> str:
        if self.low >= PASS_SCORE:
            return "likely to pass"
        if self.high < PASS_SCORE:
            return "not ready yet"
        return "borderline"


@dataclass
class Dashboard:
    domains: list[Row]
    topics: list[Row]
    readiness: Readiness | None
    attempts: int
    heatmap: list[tuple[date, int]]
    streak_days: int
    due_today: int
    forecast: list[int]
    exams: list[dict[str, Any]]

    def weakest_topics(self, count: int = 3) -> list[str]:
        """Seen topics with the lowest mastery first; unseen topics after them."""
        seen = sorted((r for r in self.topics if r.seen), key=lambda r: (r.mastery, r.key))
        unseen = [r for r in self.topics if not r.seen and r.questions]
        return [r.key for r in (seen + unseen)[:count]]


def _when(attempt: Mapping[str, Any]) -> datetime | None:
    try:
        return datetime.fromisoformat(str(attempt["at"]))
    except (KeyError, ValueError):
        return None


def local_day(moment: datetime, now: datetime) -> date:
    return moment.astimezone(now.tzinfo).date()


def streak(days_active: set[date], today: date) -> int:
    """Days in a row with an answer, ending today (or yesterday, if today has none yet)."""
    day = today if today in days_active else today - timedelta(days=1)
    count = 0
    while day in days_active:
        count += 1
        day -= timedelta(days=1)
    return count


def build_dashboard(library: Library, attempts: Iterable[Mapping[str, Any]],
                    states: Mapping[str, Mapping[str, Any]], exams: list[dict[str, Any]],
                    read_sections: set[str], now: datetime,
                    retrievability: Callable[[Mapping[str, Any], datetime], float]
                    ) -> Dashboard:
    """`now` must be timezone-aware, in the learner's zone (days follow their calendar)."""
    domains = {d: Row(str(d), f"D{d} {DOMAINS[d].title}", 0) for d in DOMAINS}
    topics = {t.id: Row(t.id, t.title, 0, sections=len(t.sections),
                        read=sum(s.id in read_sections for s in t.sections))
              for t in library.topics}
    for topic in library.topics:
        for number in topic.domains:
            if number in domains:
                domains[number].sections += len(topic.sections)
                domains[number].read += topics[topic.id].read
    for question in library.questions:
        domains[question.domain].questions += 1
        if question.topic_id in topics:
            topics[question.topic_id].questions += 1

    per_day: Counter[date] = Counter()
    seen_questions: set[str] = set()
    total = 0
    for attempt in attempts:
        moment = _when(attempt)
        if moment is None:
            continue
        total += 1
        per_day[local_day(moment, now)] += 1
        question = library.question_by_id.get(str(attempt.get("question")))
        if question is None:
            continue
        age = max(0.0, (now - moment).total_seconds() / 86_400)
        weight = 0.5 ** (age / HALF_LIFE_DAYS)
        right = weight if attempt.get("correct") else 0.0
        for row in (domains[question.domain], topics.get(question.topic_id)):
            if row is None:
                continue
            row.weighted += weight
            row.weighted_right += right
            if question.id not in seen_questions:
                row.seen += 1
        seen_questions.add(question.id)

    for qid, state in states.items():
        question = library.question_by_id.get(qid)
        card = state.get("card")
        if question is None or not card or not card.get("last_review"):
            continue
        value = retrievability(card, now)
        domains[question.domain].retrievability.append(value)
        if question.topic_id in topics:
            topics[question.topic_id].retrievability.append(value)

    readiness = None
    if total >= MIN_ATTEMPTS_FOR_READINESS:
        share = sum(DOMAINS[d].weight / 100 * row.mastery for d, row in domains.items())
        evidence = min(50.0, sum(row.weighted for row in domains.values()))
        spread = 1.28 * math.sqrt(share * (1 - share) / 50 + share * (1 - share) /
                                  max(evidence, 1.0))
        readiness = Readiness(scaled_score(round(50 * share), 50),
                              scaled_score(max(0, math.floor(50 * (share - spread))), 50),
                              scaled_score(min(50, math.ceil(50 * (share + spread))), 50),
                              share)

    today = now.date()
    start = today - timedelta(days=HEATMAP_WEEKS * 7 - 1)
    heatmap = [(start + timedelta(days=i), per_day.get(start + timedelta(days=i), 0))
               for i in range(HEATMAP_WEEKS * 7)]
    forecast = due_forecast(states, now)
    due_now = sum(1 for s in states.values() if (d := due_at(s)) is not None and d <= now)
    return Dashboard(list(domains.values()), list(topics.values()), readiness, total, heatmap,
                     streak(set(per_day), today), due_now, forecast, exams)
