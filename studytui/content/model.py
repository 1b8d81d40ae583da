"""Immutable records for topics, note sections and questions."""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass
class Library:
    """Everything that loaded, plus every problem found on the way."""

    topics: list[Topic] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    problems: list[ContentProblem] = field(default_factory=list)
    files: int = 0
    packs: list[PackSummary] = field(default_factory=list)  # one per folder, in load order

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        self.topics.sort(key=lambda t: (t.order, t.title))
        self.topic_by_id = {t.id: t for t in self.topics}
        self.section_by_id = {s.id: s for t in self.topics for s in t.sections}
        self.question_by_id = {q.id: q for q in self.questions}

    @property
    def sections(self) -> list[Section]:
        return [s for t in self.topics for s in t.sections]

    def topic_of(self, section_id: str) -> Topic | None:
        section = self.section_by_id.get(section_id)
        return self.topic_by_id.get(section.topic_id) if section else None
