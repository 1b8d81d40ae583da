"""What the learner knows: per domain and topic, readiness, coverage, streak, calendar, due.

Readiness (explained in the help) counts what the learner has not shown as well as what
they have. The bank is cut into areas: a question belongs to the service of the exam
blueprint that names its section, or else to its topic. Each area's mastery is its
recent-weighted accuracy (answers lose half their weight every HALF_LIFE_DAYS days) pulled
towards PRIOR_ACCURACY by PRIOR_WEIGHT imaginary answers; an area never practised counts
at PRIOR_ACCURACY (a guess). Within a domain each area weighs its share of the domain's
questions in the bank; the domains combine with the exam weights into a predicted share
right, turned into a scaled score with the exam's scale (studytui.quiz.exam.scaled_score).
The range is an 80% band for a 50-question exam at that share, widened when there is little
evidence; with less than MIN_PRACTISED_SHARE of the exam practised the verdict is "not
enough evidence" unless even the low end passes.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from studytui.blueprint import DOMAINS
from studytui.content.model import Library, Question
from studytui.content.text import plural
from studytui.quiz.exam import PASS_SCORE, scaled_score
from studytui.quiz.schedule import due_at, due_forecast

if TYPE_CHECKING:
    from studytui.content.services import ServiceMap

HALF_LIFE_DAYS = 14.0
PRIOR_ACCURACY = 0.25  # a guess among four options: what an unpractised area counts at
PRIOR_WEIGHT = 3.0  # imaginary answers at PRIOR_ACCURACY added to every area
MIN_ATTEMPTS_FOR_READINESS = 20
MIN_PRACTISED_SHARE = 0.5  # below this share of the exam practised: not enough evidence
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
    due: int = 0  # questions due for review now
    answers: int = 0  # every answer, counted once each (not weighted)

    @property
    def accuracy(self) -> float | None:
        return self.weighted_right / self.weighted if self.weighted else None

    @property
    def mastery(self) -> float:
        return shrunk(self.weighted_right, self.weighted)

    @property
    def mean_retrievability(self) -> float | None:
        values = self.retrievability
        return sum(values) / len(values) if values else None


def shrunk(right: float, answers: float) -> float:
    """Accuracy pulled towards the prior; no answers at all gives the prior itself."""
    return (right + PRIOR_ACCURACY * PRIOR_WEIGHT) / (answers + PRIOR_WEIGHT)


@dataclass
class Readiness:
    score: int
    low: int
    high: int
    share: float  # predicted share right
    practised: float = 1.0  # exam-weighted share of the bank in areas with an answer

    @property
    def verdict(self) -> str:
        if self.low >= PASS_SCORE:
            return "likely to pass"
        if self.practised < MIN_PRACTISED_SHARE:
            return "not enough evidence"
        if self.high < PASS_SCORE:
            return "not ready yet"
        return "borderline"


@dataclass
class Coverage:
    """How much of the exam the learner has practised at all."""

    topics_practised: int
    topics: int  # topics with questions
    exam_share: float  # exam-weighted share of the bank in practised areas
    services_practised: int | None = None  # None: no blueprint
    in_scope: int | None = None
    services_not_practised: list[str] = field(default_factory=list)


@dataclass
class Area:
    """A readiness unit: a blueprint service's sections, or a topic."""

    per_domain: Counter[int] = field(default_factory=Counter)  # questions in the bank
    weighted: float = 0.0
    weighted_right: float = 0.0


MIN_ANSWERS_TO_JUDGE = 5  # answers a topic needs before it can be called weakest
WEAK_MASTERY = 0.7


@dataclass(frozen=True)
class NextStep:
    kind: str  # review | practise | exam
    text: str
    topics: tuple[str, ...]


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
    coverage: Coverage | None = None

    def weakest_topics(self, count: int = 3) -> list[str]:
        """Topics with enough answers to judge, lowest mastery first; one lucky answer
        (1/1) says too little to call a topic strong or weak."""
        judged = sorted((r for r in self.topics if r.answers >= MIN_ANSWERS_TO_JUDGE),
                        key=lambda r: (r.mastery, r.key))
        return [r.key for r in judged[:count]]

    def unpractised_topics(self) -> list[str]:
        return [r.key for r in self.topics if r.questions and not r.seen]

    def next_step(self) -> NextStep:
        """The one thing to do next, in order: due reviews, the weakest judged topic when
        it is weak, a topic never practised, else an exam simulation."""
        if self.due_today:
            return NextStep("review", f"{plural(self.due_today, 'review')} due now", ())
        weakest = self.weakest_topics(1)
        judged = {r.key: r for r in self.topics}
        if weakest and judged[weakest[0]].mastery < WEAK_MASTERY:
            row = judged[weakest[0]]
            return NextStep("practise", f"practise {row.title} (weakest: "
                                        f"{100 * row.mastery:.0f}% mastery)", (row.key,))
        todo = self.unpractised_topics()
        if todo:
            row = judged[todo[0]]
            return NextStep("practise", f"start on {row.title} (not practised yet; "
                                        f"{plural(len(todo), 'topic')} to go)", (row.key,))
        return NextStep("exam", "take an exam simulation", ())


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


def predict(areas: Mapping[str, Area]) -> tuple[float, float]:
    """(predicted share right, exam-weighted share practised) over the domains."""
    share = practised = 0.0
    for number, domain in DOMAINS.items():
        weight = domain.weight / 100
        total = sum(area.per_domain[number] for area in areas.values())
        if not total:  # the bank has nothing for this domain: nothing shown there
            share += weight * PRIOR_ACCURACY
            continue
        for area in areas.values():
            part = area.per_domain[number] / total
            if part:
                share += weight * part * shrunk(area.weighted_right, area.weighted)
                practised += weight * part * (area.weighted > 0)
    return share, practised


def readiness_from(areas: Mapping[str, Area], evidence: float) -> Readiness:
    """The score, its 80% band and the share practised. `evidence`: recency-weighted
    answers (capped at 50, the exam's scored questions)."""
    share, practised = predict(areas)
    evidence = min(50.0, evidence)
    spread = 1.28 * math.sqrt(share * (1 - share) / 50 + share * (1 - share) /
                              max(evidence, 1.0))
    return Readiness(scaled_score(round(50 * share), 50),
                     scaled_score(max(0, math.floor(50 * (share - spread))), 50),
                     scaled_score(min(50, math.ceil(50 * (share + spread))), 50),
                     share, practised)


def _area_key(question: Question, services: ServiceMap | None) -> str:
    return services.area_of(question) if services else f"topic:{question.topic_id}"


def build_dashboard(library: Library, attempts: Iterable[Mapping[str, Any]],
                    states: Mapping[str, Mapping[str, Any]], exams: list[dict[str, Any]],
                    read_sections: set[str], now: datetime,
                    retrievability: Callable[[Mapping[str, Any], datetime], float],
                    services: ServiceMap | None = None) -> Dashboard:
    """`now` must be timezone-aware, in the learner's zone (days follow their calendar).
    `services`: the exam blueprint resolved against `library` (studytui.content.services);
    without it, readiness areas are topics and coverage counts no services."""
    domains = {d: Row(str(d), f"D{d} {DOMAINS[d].title}", 0) for d in DOMAINS}
    topics = {t.id: Row(t.id, t.title, 0, sections=len(t.sections),
                        read=sum(s.id in read_sections for s in t.sections))
              for t in library.topics}
    areas: dict[str, Area] = {}
    for topic in library.topics:
        for number in topic.domains:
            if number in domains:
                domains[number].sections += len(topic.sections)
                domains[number].read += topics[topic.id].read
    for question in library.questions:
        domains[question.domain].questions += 1
        if question.topic_id in topics:
            topics[question.topic_id].questions += 1
        areas.setdefault(_area_key(question, services), Area()).per_domain[question.domain] += 1

    per_day: Counter[date] = Counter()
    seen_questions: set[str] = set()
    total = 0
    for attempt in attempts:
        moment = _when(attempt)
        if moment is None:
            continue
        total += 1
        per_day[local_day(moment, now)] += 1
        found = library.question_by_id.get(str(attempt.get("question")))
        if found is None:
            continue
        question = found
        age = max(0.0, (now - moment).total_seconds() / 86_400)
        weight = 0.5 ** (age / HALF_LIFE_DAYS)
        right = weight if attempt.get("correct") else 0.0
        for row in (domains[question.domain], topics.get(question.topic_id),
                    areas.get(_area_key(question, services))):
            if row is None:
                continue
            row.weighted += weight
            row.weighted_right += right
            if isinstance(row, Row):
                row.answers += 1
            if isinstance(row, Row) and question.id not in seen_questions:
                row.seen += 1
        seen_questions.add(question.id)

    for qid, state in states.items():
        answered = library.question_by_id.get(qid)
        card = state.get("card")
        if answered is None or not card or not card.get("last_review"):
            continue
        value = retrievability(card, now)
        domains[answered.domain].retrievability.append(value)
        if answered.topic_id in topics:
            topics[answered.topic_id].retrievability.append(value)

    readiness = None
    if total >= MIN_ATTEMPTS_FOR_READINESS:
        readiness = readiness_from(areas, sum(row.weighted for row in domains.values()))
    coverage = Coverage(sum(1 for r in topics.values() if r.seen),
                        sum(1 for r in topics.values() if r.questions),
                        predict(areas)[1])
    if services is not None:
        practised = {name for qid in seen_questions
                     for name in services.services_of(library.question_by_id[qid])}
        coverage.in_scope = len(services.areas)
        coverage.services_practised = sum(a.name in practised for a in services.areas)
        coverage.services_not_practised = [a.name for a in services.areas
                                           if a.name not in practised]

    today = now.date()
    start = today - timedelta(days=HEATMAP_WEEKS * 7 - 1)
    heatmap = [(start + timedelta(days=i), per_day.get(start + timedelta(days=i), 0))
               for i in range(HEATMAP_WEEKS * 7)]
    # only questions in the bank count: a question removed from the content can never be
    # reviewed, so counting it would disagree with what review offers
    known = {qid: state for qid, state in states.items() if qid in library.question_by_id}
    forecast = due_forecast(known, now)
    due_now = 0
    for qid, state in known.items():
        when = due_at(state)
        if when is not None and when <= now:
            due_now += 1
            question = library.question_by_id[qid]
            domains[question.domain].due += 1
            if question.topic_id in topics:
                topics[question.topic_id].due += 1
    return Dashboard(list(domains.values()), list(topics.values()), readiness, total, heatmap,
                     streak(set(per_day), today), due_now, forecast, exams, coverage)
