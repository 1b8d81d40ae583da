"""Immutable records for topics, note sections and questions."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ContentProblem:
    """One thing wrong with a content file, pointing at the line to fix."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        # line 0: a problem with a folder or a whole file, not a line in it
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Section:
    id: str
    topic_id: str
    title: str
    body: str
    tags: tuple[str, ...] = ()
    exam_tips: tuple[str, ...] = ()

    def markdown(self) -> str:
        """The section as one Markdown document, exam tips last."""
        text = self.body.rstrip()
        if self.exam_tips:
            tips = "\n".join(f"- {tip}" for tip in self.exam_tips)
            text += f"\n\n### Exam tips\n\n{tips}"
        return text + "\n"


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    order: int
    domains: tuple[int, ...]
    tasks: tuple[str, ...]
    summary: str
    sections: tuple[Section, ...]
    sources: tuple[str, ...] = ()
    path: Path | None = None


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    why: str


@dataclass(frozen=True)
class Question:
    id: str
    topic_id: str
    section_id: str
    domain: int
    task: str
    difficulty: str
    kind: str  # "single" or "multi"
    stem: str
    options: tuple[Option, ...]
    explanation: str
    # generated numeric questions name the calculator (and inputs) that solves them
    calculator: str | None = None
    calc_values: tuple[tuple[str, object], ...] = ()

    @property
    def answer(self) -> frozenset[int]:
        return frozenset(i for i, option in enumerate(self.options) if option.correct)


@dataclass
class PackSummary:
    """What one content folder gave: counted as read, so `validate` never says OK for a
    folder it did not read."""

    folder: str
    files: int = 0
    topics: int = 0
    sections: int = 0
    questions: int = 0
    problems: int = 0


class Library:
    """Everything that loaded, plus every problem found on the way.

    The questions can be read later than the topics (`defer`): the app draws its first
    screen from the topics alone and reads the questions just after. Asking for them
    (`questions`, `question_by_id`) or calling `complete()` finishes that work first, from
    any thread, once; until then `problems` and the counts cover the topics only.
    """

    def __init__(self, topics: Sequence[Topic] = (), questions: Sequence[Question] = (),
                 problems: Sequence[ContentProblem] = (), files: int = 0,
                 packs: Sequence[PackSummary] = ()) -> None:
        self.topics = list(topics)
        self._questions = list(questions)
        self.problems = list(problems)
        self.files = files
        self.packs = list(packs)  # one per folder, in load order
        self._deferred: list[Callable[[], None]] = []
        self._done = True
        self._completing = False
        self._lock = threading.RLock()
        self.reindex()

    def defer(self, step: Callable[[], None]) -> None:
        """Run `step` (it adds to this library) when the library is completed."""
        self._deferred.append(step)
        self._done = False

    def complete(self) -> None:
        """Finish the deferred work, if any is left."""
        if self._done:
            return
        with self._lock:  # another thread may be completing it: wait for that
            if self._done or self._completing:
                return  # (completing: a deferred step of this thread reads the library)
            self._completing = True
            try:
                while self._deferred:
                    self._deferred.pop(0)()
            finally:
                self._completing = False
                self._done = not self._deferred

    @property
    def questions(self) -> list[Question]:
        self.complete()
        return self._questions

    @property
    def question_by_id(self) -> dict[str, Question]:
        self.complete()
        return self._question_by_id

    def reindex(self) -> None:
        self.topics.sort(key=lambda t: (t.order, t.title))
        self.topic_by_id = {t.id: t for t in self.topics}
        self.section_by_id = {s.id: s for t in self.topics for s in t.sections}
        self.index_questions()

    def index_questions(self) -> None:
        """After questions were added. Leaves the topics alone: a deferred step runs in a
        worker while the UI reads them, and a list being sorted reads as empty."""
        self._question_by_id = {q.id: q for q in self._questions}

    @property
    def sections(self) -> list[Section]:
        return [s for t in self.topics for s in t.sections]

    def topic_of(self, section_id: str) -> Topic | None:
        section = self.section_by_id.get(section_id)
        return self.topic_by_id.get(section.topic_id) if section else None
