"""Quiz sessions: pick questions by filter, shuffle options reproducibly, grade, time.

The engine never touches disk: `answer()` returns the attempt record and the caller
saves it (in a worker in the TUI; before printing the result in plain mode).
"""

from __future__ import annotations

import random
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from studytui.content.model import Library, Question

LETTERS = "ABCDEF"
COUNT_WORDS = {2: "TWO", 3: "THREE", 4: "FOUR", 5: "FIVE"}


@dataclass(frozen=True)
class QuizFilter:
    topics: tuple[str, ...] = ()
    domains: tuple[int, ...] = ()
    tasks: tuple[str, ...] = ()
    difficulties: tuple[str, ...] = ()
    question_ids: tuple[str, ...] = ()
    count: int | None = 10
    seed: int | None = None

    def matches(self, question: Question) -> bool:
        """Topics and domains widen the choice (any of them); the rest narrow it."""
        in_scope = ((not self.topics and not self.domains) or question.topic_id in self.topics
                    or question.domain in self.domains)
        return (in_scope
                and (not self.tasks or question.task in self.tasks)
                and (not self.difficulties or question.difficulty in self.difficulties)
                and (not self.question_ids or question.id in self.question_ids))


def _rng(seed: int | None) -> random.Random:
    # unseeded sessions draw from the global generator, so a caller (the screenshot
    # script, a test) can make "random" sessions repeatable with random.seed()
    return random.Random(seed if seed is not None else random.getrandbits(64))


def select_questions(library: Library, quiz_filter: QuizFilter) -> list[Question]:
    """The filtered questions, shuffled by the seed, cut to `count`."""
    chosen = [q for q in library.questions if quiz_filter.matches(q)]
    rng = _rng(quiz_filter.seed)
    rng.shuffle(chosen)
    if not quiz_filter.question_ids:
        chosen = one_per_template(chosen)
    return chosen[: quiz_filter.count] if quiz_filter.count else chosen


def answer_fields(shown: Shown, chosen: Iterable[int]) -> dict[str, Any]:
    """An answer as stored: option positions in the content's order (for grading and
    history), and the letters as they were on screen with the options' text (for the
    learner's export: pressing C must read C, whatever the content order)."""
    picked = sorted(set(chosen))
    return {"answer": shown.original(picked),
            "shown": "".join(LETTERS[p] for p in picked),
            "chosen": [shown.options[p].text for p in picked]}


def one_per_template(questions: list[Question]) -> list[Question]:
    """At most one generated question per calculator in a session: three RCU sums that
    differ only in their numbers teach no more than one."""
    seen: set[str] = set()
    kept = []
    for question in questions:
        if question.calculator:
            if question.calculator in seen:
                continue
            seen.add(question.calculator)
        kept.append(question)
    return kept


@dataclass(frozen=True)
class Shown:
    """A question as displayed: `order[i]` is the original index of the option shown at i."""

    question: Question
    order: tuple[int, ...]

    @property
    def options(self):
        return [self.question.options[i] for i in self.order]

    @property
    def right_positions(self) -> frozenset[int]:
        return frozenset(pos for pos, original in enumerate(self.order)
                         if self.question.options[original].correct)

    @property
    def needed(self) -> int:
        """How many options an answer must have (multiple response: more than one)."""
        return len(self.right_positions)

    def instruction(self) -> str:
        if self.question.kind == "multi":
            return f"Choose {COUNT_WORDS.get(len(self.question.answer), len(self.question.answer))}"
        return "Choose ONE"

    def progress_note(self, chosen: Iterable[int]) -> str:
        """'1 of 2 chosen' for a multiple-response question; '' for a single answer."""
        if self.question.kind != "multi":
            return ""
        return f"{len(set(chosen))} of {self.needed} chosen"

    def short_of(self, chosen: Iterable[int]) -> str:
        """Why `chosen` cannot be submitted yet ('' when it can): a multiple-response
        answer needs exactly as many options as there are right ones."""
        count = len(set(chosen))
        if count == 0:
            return "Choose an option first"
        if self.question.kind == "multi" and count != self.needed:
            return f"Choose {self.needed}: {count} chosen so far"
        return ""

    def verdicts(self, chosen: Iterable[int]) -> list[str]:
        """Per option, after answering: 'right' (your pick, right), 'wrong' (your pick,
        wrong), 'missed' (right, not picked) or '' (neither)."""
        picked, right = set(chosen), self.right_positions
        return [("right" if p in right else "wrong") if p in picked
                else ("missed" if p in right else "") for p in range(len(self.order))]

    def original(self, positions: Iterable[int]) -> list[int]:
        return sorted(self.order[p] for p in positions)


def shuffle_options(question: Question, rng: random.Random) -> Shown:
    order = list(range(len(question.options)))
    rng.shuffle(order)
    return Shown(question, tuple(order))


def parse_letters(text: str, option_count: int) -> frozenset[int] | None:
    """'B' or 'A,C' or 'a c' -> positions; None if anything is not a valid letter."""
    cleaned = text.replace(",", " ").replace(";", " ").upper().split()
    letters = "".join(cleaned)
    valid = LETTERS[:option_count]
    if not letters or any(ch not in valid for ch in letters):
        return None
    return frozenset(valid.index(ch) for ch in letters)


@dataclass
class Outcome:
    shown: Shown
    chosen: frozenset[int]
    correct: bool
    seconds: float
    skipped: bool = False


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class QuizSession:
    questions: list[Question]
    mode: str = "practice"
    seed: int | None = None
    clock: Callable[[], float] = time.monotonic
    now: Callable[[], datetime] = utc_now
    shown: list[Shown] = field(init=False)
    outcomes: list[Outcome] = field(init=False, default_factory=list)
    index: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        rng = _rng(self.seed)
        self.shown = [shuffle_options(q, rng) for q in self.questions]
        self.started = self.clock()
        self._question_started = self.started

    @property
    def finished(self) -> bool:
        return self.index >= len(self.shown)

    @property
    def current(self) -> Shown | None:
        return None if self.finished else self.shown[self.index]

    def begin_question(self) -> None:
        """Restart the answer timer (when the question is actually shown)."""
        self._question_started = self.clock()

    def answer(self, positions: Iterable[int]) -> tuple[Outcome, dict[str, Any]]:
        """Grade the current question (no partial credit) and move on.

        Returns the outcome and the attempt record to save.
        """
        shown = self.current
        if shown is None:
            raise IndexError("the quiz is finished")
        chosen = frozenset(positions)
        correct = chosen == shown.right_positions
        seconds = round(max(0.0, self.clock() - self._question_started), 3)
        outcome = Outcome(shown, chosen, correct, seconds)
        self.outcomes.append(outcome)
        self.index += 1
        self._question_started = self.clock()
        question = shown.question
        # the id keeps this answer one answer when histories are merged (studytui import)
        record = {"id": uuid.uuid4().hex, "question": question.id,
                  "at": self.now().isoformat(timespec="seconds"),
                  **answer_fields(shown, chosen), "correct": correct, "seconds": seconds,
                  "mode": self.mode, "topic": question.topic_id, "domain": question.domain}
        return outcome, record

    def skip(self) -> None:
        shown = self.current
        if shown is None:
            return
        self.outcomes.append(Outcome(shown, frozenset(), False, 0.0, skipped=True))
        self.index += 1
        self._question_started = self.clock()

    def summary(self) -> Summary:
        answered = [o for o in self.outcomes if not o.skipped]
        wrong_by_topic = Counter(o.shown.question.topic_id for o in answered if not o.correct)
        seen_by_topic = Counter(o.shown.question.topic_id for o in answered)
        weakest = sorted(wrong_by_topic, key=lambda t: (-wrong_by_topic[t] / seen_by_topic[t],
                                                        -wrong_by_topic[t], t))
        return Summary(
            answered=len(answered), correct=sum(o.correct for o in answered),
            skipped=sum(o.skipped for o in self.outcomes),
            seconds=round(self.clock() - self.started, 1), weakest_topics=weakest[:3],
            wrong_ids=[o.shown.question.id for o in self.outcomes if not o.correct])


@dataclass(frozen=True)
class Summary:
    answered: int
    correct: int
    skipped: int
    seconds: float
    weakest_topics: Sequence[str]
    wrong_ids: Sequence[str]

    @property
    def percent(self) -> float:
        return 100.0 * self.correct / self.answered if self.answered else 0.0
