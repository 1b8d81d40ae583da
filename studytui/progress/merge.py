"""One history from two: merge another data folder or a JSON export into this one.

Records are matched by a stable id, so importing the same history twice adds nothing:
an attempt's `id` (saved with every attempt since 2026-12) or, for older records, a hash
of question, time, answer and mode; an exam result's `id` or its time; a read mark by its
section. The per-question review state is never copied: it is rebuilt from the merged
attempts in time order, through the same rating and FSRS steps as saving an answer
(`next_state`).

Every write goes through ProgressLog.editing: under the data folder's lock, one file at
a time, each an atomic replace. New attempts are written day file by day file before the
state they feed, so a killed import leaves every file as it was or as it should be, and
importing again finishes the job (a state that disagrees with its attempts is rebuilt).
The source is only ever read: a damaged file in it is reported and skipped.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studytui.progress.log import (
    _DAY_FILE,
    ATTEMPTS_DIR,
    EXAMS_FILE,
    NOTES_FILE,
    STATE_FILE,
    next_state,
    refuse_non_file,
    sound_attempt,
)

if TYPE_CHECKING:
    from studytui.progress.log import ProgressLog
    from studytui.quiz.schedule import Planner


# the day file an attempt goes in is named by the first ten characters of its time
_DAY_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T")


class SourceError(Exception):
    """The path given to import is not a history (a mistake the user can fix)."""


def attempt_id(attempt: dict[str, Any]) -> str:
    """The attempt's own id, or one derived from what makes it that attempt."""
    given = attempt.get("id")
    if isinstance(given, str) and given:
        return given
    key = [attempt.get("question"), attempt.get("at"), attempt.get("answer"),
           attempt.get("mode")]
    return hashlib.sha256(json.dumps(key, separators=(",", ":")).encode()).hexdigest()[:32]


def exam_id(exam: dict[str, Any]) -> str:
    given = exam.get("id")
    return given if isinstance(given, str) and given else f"at:{exam.get('at')}"


def sound_exam(doc: Any) -> bool:
    return (isinstance(doc, dict) and isinstance(doc.get("at"), str)
            and isinstance(doc.get("score"), int) and not isinstance(doc.get("score"), bool))


# -- the source: read only ----------------------------------------------------------------
@dataclass
class Part:
    """What one source file holds (sound records only; the rest counted)."""

    attempts: list[dict[str, Any]] = field(default_factory=list)
    read: list[dict[str, Any]] = field(default_factory=list)
    exams: list[dict[str, Any]] = field(default_factory=list)
    unreadable: int = 0


@dataclass
class Source:
    """A history to import: a data folder, a JSON export, or one progress file (e.g. a
    synced folder's conflict copy of a day file). Files are read one at a time."""

    path: Path
    kind: str  # "folder" | "file"
    files: list[Path]
    problems: list[str] = field(default_factory=list)  # damaged files, skipped

    @property
    def all_skipped(self) -> bool:
        return len(self.problems) == len(self.files)

    def parts(self) -> Iterator[Part]:
        for path in self.files:
            try:
                raw = path.read_bytes()
            except OSError as exc:
                self.problems.append(f"skipped {path}: it cannot be read "
                                     f"({exc.strerror or exc})")
                continue
            try:
                yield parse_part(raw, path)
            except SourceError as exc:
                self.problems.append(f"skipped {path}: {exc}; nothing in it was imported")


def parse_part(raw: bytes, path: Path) -> Part:
    from studytui.progress.storage import DamagedFile, is_document, parse_json

    try:
        data = parse_json(raw)
    except DamagedFile as exc:
        raise SourceError(f"it is damaged ({exc})") from exc
    part = Part()
    if isinstance(data, list):  # `studytui export --format json`
        attempts: Any = data
    elif is_document(data):  # a progress file (TinyDB)
        attempts = data.get("attempts", {}).values()
    else:
        raise SourceError("it is damaged (JSON of the wrong shape for a studytui history)")
    for doc in attempts:
        attempt = sound_attempt(doc)
        if attempt is None or not _DAY_TIME.match(attempt["at"]):
            part.unreadable += 1
        else:
            part.attempts.append(attempt)
    if isinstance(data, list):
        return part
    for doc in data.get("read", {}).values():
        if isinstance(doc, dict) and isinstance(doc.get("section"), str):
            part.read.append({"section": doc["section"], "at": doc.get("at")})
        else:
            part.unreadable += 1
    for doc in data.get("exams", {}).values():
        if sound_exam(doc):
            part.exams.append(dict(doc))
        else:
            part.unreadable += 1
    return part


def open_source(path: Path) -> Source:
    """The history at `path`; raises SourceError when there is none to read there."""
    if path.is_file():
        return Source(path, "file", [path])
    if not path.is_dir():
        raise SourceError(f"{path} is neither a file nor a folder")
    attempts = path / ATTEMPTS_DIR
    try:
        days = sorted(p for p in attempts.iterdir() if _DAY_FILE.match(p.name) and p.is_file()) \
            if attempts.is_dir() else []
    except OSError as exc:
        raise SourceError(f"{attempts} cannot be read ({exc.strerror or exc})") from exc
    files = [path / name for name in (NOTES_FILE, EXAMS_FILE) if (path / name).is_file()]
    if not days and not files and not (path / STATE_FILE).is_file():
        raise SourceError(f"{path} is not a studytui data folder (no {ATTEMPTS_DIR}/, "
                          f"{NOTES_FILE} or {EXAMS_FILE} in it)")
    return Source(path, "folder", days + files)


# -- the merge ----------------------------------------------------------------------------
@dataclass
class MergeReport:
    added_attempts: int = 0
    days: set[str] = field(default_factory=set)
    known_attempts: int = 0
    added_read: int = 0
    known_read: int = 0
    added_exams: int = 0
    known_exams: int = 0
    unreadable: int = 0
    rebuilt: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added_attempts or self.added_read or self.added_exams
                    or self.rebuilt)


def merge_into(log: ProgressLog, source: Source, planner: Planner) -> MergeReport:
    """Merge `source` into `log`'s folder; see the module's docstring."""
    report = MergeReport()
    _refuse_non_files(log)
    read: dict[str, dict[str, Any]] = {}
    exams: dict[str, dict[str, Any]] = {}
    questions: set[str] = set()  # every question the source has an attempt of
    changed: set[str] = set()  # ... and those that gained one here
    for part in source.parts():
        report.unreadable += part.unreadable
        by_day: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for attempt in part.attempts:
            by_day[str(attempt["at"])[:10]].append(attempt)
            questions.add(attempt["question"])
        for day, incoming in sorted(by_day.items()):
            added = _merge_day(log, day, incoming, report)
            changed.update(a["question"] for a in added)
        for doc in part.read:
            read.setdefault(doc["section"], doc)
        for doc in part.exams:
            exams.setdefault(exam_id(doc), doc)
    if read:
        with log.editing(NOTES_FILE) as db:
            table = db.table("read")
            have = {doc.get("section") for doc in table.all()}
            new = [doc for section, doc in read.items() if section not in have]
            report.known_read += len(read) - len(new)
            if new:
                table.insert_multiple(new)
                report.added_read += len(new)
    if exams:
        with log.editing(EXAMS_FILE) as db:
            table = db.table("exams")
            have = {exam_id(dict(doc)) for doc in table.all()}
            new = [doc for key, doc in exams.items() if key not in have]
            report.known_exams += len(exams) - len(new)
            if new:
                table.insert_multiple(new)
                report.added_exams += len(new)
    if questions:
        report.rebuilt = rebuild_states(log, questions, changed, planner)
    return report


def _refuse_non_files(log: ProgressLog) -> None:
    """Anything but a file where a progress file goes stops the import before any write."""
    for name in (NOTES_FILE, EXAMS_FILE, STATE_FILE):
        refuse_non_file(log.folder / name)
    folder = log.folder / ATTEMPTS_DIR
    if folder.is_dir():
        for entry in folder.iterdir():
            if _DAY_FILE.match(entry.name):
                refuse_non_file(entry)


def _merge_day(log: ProgressLog, day: str, incoming: list[dict[str, Any]],
               report: MergeReport) -> list[dict[str, Any]]:
    """Add the attempts the day file lacks, in one atomic write; return them."""
    with log.editing(f"{ATTEMPTS_DIR}/{day}.json") as db:
        table = db.table("attempts")
        have = {attempt_id(doc) for doc in table.all()}
        new = []
        for attempt in incoming:
            key = attempt_id(attempt)
            if key in have:
                report.known_attempts += 1
            else:
                have.add(key)
                new.append(attempt)
        if new:
            table.insert_multiple(new)
            report.added_attempts += len(new)
            report.days.add(day)
    return new


# (utc time, saved time, id, correct, seconds, rating): what rebuilding a state needs
Step = tuple[datetime, str, str, bool, float, Any]


def rebuild_states(log: ProgressLog, questions: set[str], changed: set[str],
                   planner: Planner) -> int:
    """Rebuild the state of each question in `changed`, and of any in `questions` whose
    state disagrees with its attempts (an import killed before it wrote the state), from
    all its attempts in time order; one locked operation, one write. Returns how many."""
    with log.editing(STATE_FILE) as state_db:  # the lock is held until the state is written
        steps: dict[str, list[Step]] = defaultdict(list)
        for path in log.attempt_files():
            with log.editing(f"{ATTEMPTS_DIR}/{path.name}") as db:
                for doc in db.table("attempts").all():
                    if doc.get("question") not in questions:
                        continue
                    attempt = sound_attempt(doc)
                    if attempt is None:
                        continue
                    when = datetime.fromisoformat(attempt["at"]).astimezone(timezone.utc)
                    steps[attempt["question"]].append(
                        (when, attempt["at"], attempt_id(attempt), attempt["correct"],
                         attempt.get("seconds", 0), attempt.get("rating")))
        document = state_db.storage.read() or {}
        table = document.setdefault("state", {})
        doc_ids = {doc.get("question"): key for key, doc in table.items()}
        next_id = max((int(k) for k in table if k.isdigit()), default=0) + 1
        rebuilt = 0
        for question in sorted(questions):
            history = sorted(steps.get(question, []), key=lambda s: s[:3])
            if not history:
                continue
            key = doc_ids.get(question)
            current = table.get(key) if key is not None else None
            if question not in changed and not _stale(current, history):
                continue
            state = _replay(question, history, planner)
            if state == current:
                continue
            if key is None:
                key, next_id = str(next_id), next_id + 1
            table[key] = state
            rebuilt += 1
        if rebuilt:
            state_db.storage.write(document)
    return rebuilt


def _stale(state: dict[str, Any] | None, history: list[Step]) -> bool:
    return (state is None or state.get("seen") != len(history)
            or state.get("last_at") != history[-1][1])


def _replay(question: str, history: list[Step], planner: Planner) -> dict[str, Any]:
    state = None
    for _when, at, _id, correct, seconds, rating in history:
        attempt = {"question": question, "at": at, "correct": correct, "seconds": seconds}
        if rating in (1, 2, 3, 4) and not isinstance(rating, bool):
            attempt["rating"] = rating  # the learner's own rating, or the one given then
        state, _ = next_state(state, attempt, planner)
    assert state is not None
    return state
