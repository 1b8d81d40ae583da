"""ProgressLog: every read mark and answer, one writer at a time, nothing half-written.

Each operation takes the file lock, opens the TinyDB file fresh (so another process's
writes are seen and TinyDB's cached next id is never stale), does its work and closes.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studytui.content.text import plural
from studytui.fileio import TEMP_PREFIX, atomic_write_text, clean_stray_temps, move_aside
from studytui.quiz.schedule import Planner, rating_for

if TYPE_CHECKING:
    from filelock import FileLock
    from tinydb import TinyDB

    from studytui.progress.storage import WrittenDocuments

# TinyDB and filelock are imported on first use (they cost ~40 ms), so reading the read
# marks at start-up, a plain JSON read, does not wait for them.

NOTES_FILE = "notes.json"
STATE_FILE = "questions.json"
ATTEMPTS_DIR = "attempts"
EXAMS_FILE = "exams.json"
RUNNING_EXAM_FILE = "exam-in-progress.json"
LOCK_TIMEOUT_S = 10.0


class ProgressLog:
    def __init__(self, folder: Path) -> None:
        # Nothing is created here: reading a history never makes a folder, and the first
        # write proves the folder can take files (see _writing).
        self.folder = Path(folder)
        self.notices: list[str] = []
        self._checked: set[Path] = set()
        self._file_lock: FileLock | None = None
        self._ready_to_write = False
        # for saving answers; made on the first save, as its module imports TinyDB
        self._written: WrittenDocuments | None = None

    @property
    def _lock(self) -> FileLock:
        if self._file_lock is None:
            from filelock import FileLock

            self._file_lock = FileLock(str(self.folder / ".progress.lock"),
                                       timeout=LOCK_TIMEOUT_S)
        return self._file_lock

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """The lock for a write, after proving (once) that the folder takes files; raises
        DataFolderError naming the folder when it cannot."""
        self.prepare_to_write()
        with self._lock:
            yield

    def prepare_to_write(self) -> None:
        """Prove once that progress can be saved here: the folder takes files and none of
        the files an answer is saved in is a folder or device. Raises DataFolderError
        naming the path; a front end can call it before the learner answers anything."""
        if self._ready_to_write:
            return
        from studytui.progress.folder import ensure_writable

        ensure_writable(self.folder, subfolders=(ATTEMPTS_DIR,))
        today = datetime.now(timezone.utc).date().isoformat()
        for name in (NOTES_FILE, STATE_FILE, EXAMS_FILE, RUNNING_EXAM_FILE,
                     f"{ATTEMPTS_DIR}/{today}.json"):
            refuse_non_file(self.folder / name)
        clean_stray_temps([self.folder, self.folder / ATTEMPTS_DIR])
        self._ready_to_write = True

    def _reading(self) -> AbstractContextManager[object]:
        """The lock for a read where taking it is possible; a read-only or missing folder
        is read without it (every write is an atomic rename, so a read sees whole files)."""
        from studytui.progress.folder import writable

        return self._lock if self._ready_to_write or writable(self.folder) else nullcontext()

    # -- safety -------------------------------------------------------------------------
    def _recover(self, path: Path, reason: str) -> None:
        """Keep a damaged file aside, unchanged, and fall back to its last good backup."""
        from studytui.progress.storage import DamagedFile, backup_path, parse_document

        try:
            kept = move_aside(path)
        except OSError:  # a read-only folder: leave it exactly as it is, read nothing
            self.notices.append(f"{path} is damaged ({reason}) and could not be set aside; "
                                f"it was left as it is and read as empty.")
            raise
        backup = backup_path(path)
        restored = False
        if backup.exists():
            try:
                parse_document(backup.read_bytes())
                shutil.copyfile(backup, path)
                restored = True
            except (DamagedFile, OSError):
                pass
        then = "restored the last good backup" if restored else "started it afresh"
        self.notices.append(f"{path.name} was damaged ({reason}); it is kept as {kept} and "
                            f"studytui {then}.")

    def _check_once(self, path: Path) -> None:
        if path in self._checked:
            return
        self._checked.add(path)
        if not path.exists():
            return
        from studytui.progress.storage import DamagedFile, parse_document

        try:
            parse_document(path.read_bytes())
        except DamagedFile as exc:
            self._recover(path, str(exc))
        except OSError as exc:
            self.notices.append(f"{path} cannot be read ({exc.strerror or exc}).")
            raise

    @contextmanager
    def _open(self, name: str, locked: bool = False,
              written: WrittenDocuments | None = None) -> Iterator[TinyDB]:
        """A fresh TinyDB on `name`, under the lock (already held when `locked`); with
        `written`, a document this log last wrote is reused while the file is unchanged."""
        from tinydb import TinyDB

        from studytui.progress.storage import AtomicJSONStorage, DamagedFile

        path = self.folder / name
        with nullcontext() if locked else self._reading():
            if locked:  # a write, in a folder _writing proved can take files
                path.parent.mkdir(exist_ok=True)
                refuse_non_file(path)
            try:
                self._check_once(path)
            except OSError:
                if locked:  # a write must not go ahead on a file it could not read
                    raise
                yield _EMPTY_DB  # unreadable or damaged where it cannot be set aside
                return
            db = TinyDB(path, storage=AtomicJSONStorage, written=written)
            try:
                yield db
            except DamagedFile as exc:  # damaged by someone else since we checked
                self._recover(path, str(exc))
                raise
            finally:
                db.close()

    @contextmanager
    def editing(self, name: str) -> Iterator[TinyDB]:
        """One locked operation on the progress file `name` (e.g. "attempts/<day>.json"),
        as every save is done: under the lock (reentrant: nest them to hold it across
        files), a damaged file set aside first, each write an atomic replace."""
        with self._writing(), self._open(name, locked=True) as db:
            yield db

    def check_all(self) -> list[str]:
        """Look at every progress file once (recovering damaged ones); return new notices."""
        before = len(self.notices)
        names = [NOTES_FILE, STATE_FILE, EXAMS_FILE] + [f"{ATTEMPTS_DIR}/{p.name}"
                                           for p in self.attempt_files()]
        with self._reading():
            for name in names:
                with contextlib.suppress(OSError):  # said in a notice
                    self._check_once(self.folder / name)
        return self.notices[before:]

    # -- notes read ---------------------------------------------------------------------
    def read_sections(self) -> set[str]:
        with self._open(NOTES_FILE) as db:
            return {doc["section"] for doc in db.table("read").all()}

    def read_marks_fast(self) -> set[str]:
        """The read marks by a plain JSON read, for start-up (writes are atomic renames,
        so no lock is needed to read a whole file); anything odd takes the careful path."""
        path = self.folder / NOTES_FILE
        try:
            data = json.loads(path.read_bytes())
            return {doc["section"] for doc in data.get("read", {}).values()}
        except FileNotFoundError:
            return set()
        except (ValueError, TypeError, KeyError, AttributeError, OSError):
            return self.read_sections()

    def set_read(self, section_id: str, read: bool) -> None:
        from tinydb import Query

        with self._writing(), self._open(NOTES_FILE, locked=True) as db:
            table = db.table("read")
            table.remove(Query().section == section_id)
            if read:
                stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
                table.insert({"section": section_id, "at": stamp})

    # -- answers ------------------------------------------------------------------------
    # One file per UTC day keeps each save's cost bounded by one day's answers (TinyDB
    # rewrites the whole file per write), however long the history grows.
    def record_attempt(self, attempt: dict[str, Any],
                       planner: Planner | None = None) -> dict[str, Any]:
        """Save one answer and the question's running state, as one locked operation.

        `attempt` needs question, at (ISO UTC), answer, correct, seconds, mode; topic
        and domain are kept too so history stays readable if the content changes. With a
        `planner` the question is also rescheduled (FSRS) and the rating and review log
        are stored with the attempt. Returns the question's new state.
        """
        from tinydb import Query

        from studytui.progress.storage import WrittenDocuments

        day = str(attempt["at"])[:10]
        if self._written is None:
            self._written = WrittenDocuments()
        with self._writing():
            # both files are checked before either is written: never half a save
            for name in (STATE_FILE, f"{ATTEMPTS_DIR}/{day}.json"):
                refuse_non_file(self.folder / name)
            with self._open(STATE_FILE, locked=True, written=self._written) as db:
                table = db.table("state")
                found = table.get(Query().question == attempt["question"])
                state, attempt = next_state(found, attempt, planner)
                # the attempt first: if we are killed between the two writes, the answer
                # is kept and only the derived state lags
                with self._open(f"{ATTEMPTS_DIR}/{day}.json", locked=True,
                                written=self._written) as attempts_db:
                    attempts_db.table("attempts").insert(attempt)
                if found:
                    table.update(state, doc_ids=[found.doc_id])
                else:
                    table.insert(state)
        return state

    def rerate(self, question_id: str, rating: int, planner: Planner) -> dict[str, Any] | None:
        """Replace the last rating of a question (the learner's 1-4 override)."""
        from tinydb import Query

        with self._writing():
            with self._open(STATE_FILE, locked=True) as db:
                table = db.table("state")
                found = table.get(Query().question == question_id)
                if not found or "reviewed_at" not in found:
                    return None
                state = dict(found)
                when = datetime.fromisoformat(state["reviewed_at"])
                review = planner.review(state.get("card_before"), rating, when)
                state.update(card=review.card, rating=rating)
                table.update(state, doc_ids=[found.doc_id])
            day = state["reviewed_at"][:10]
            with self._open(f"{ATTEMPTS_DIR}/{day}.json", locked=True) as db:
                match = (Query().question == question_id) & (Query().at == state["reviewed_at"])
                db.table("attempts").update({"rating": rating, "review_log": review.log}, match)
        return state

    def question_states(self) -> dict[str, dict[str, Any]]:
        with self._open(STATE_FILE) as db:
            return {doc["question"]: dict(doc) for doc in db.table("state").all()
                    if isinstance(doc.get("question"), str)}

    def attempt_files(self) -> list[Path]:
        """The day files; anything else in the attempts folder is named in a notice (once)
        and left alone: it is not ours to read or remove."""
        folder = self.folder / ATTEMPTS_DIR
        try:
            entries = sorted(folder.iterdir()) if folder.is_dir() else []
        except OSError as exc:
            self._notice_once(f"{folder} cannot be read ({exc.strerror or exc}).")
            return []
        days, strays = [], []
        for entry in entries:
            if _DAY_FILE.match(entry.name) and entry.is_file():
                days.append(entry)
            elif not _OURS.search(entry.name) and not entry.name.startswith(TEMP_PREFIX):
                strays.append(entry.name)
        if strays:
            self._notice_once(f"Ignored {len(strays)} entr{'y' if len(strays) == 1 else 'ies'} "
                              f"in {folder} that studytui did not make: "
                              f"{', '.join(strays[:3])}{' ...' if len(strays) > 3 else ''}")
        return days

    def attempts(self) -> list[dict[str, Any]]:
        """Every sound attempt, oldest first; odd records are skipped and counted."""
        found: list[dict[str, Any]] = []
        skipped = 0
        for path in self.attempt_files():
            with self._open(f"{ATTEMPTS_DIR}/{path.name}") as db:
                for doc in db.table("attempts").all():
                    attempt = sound_attempt(doc)
                    if attempt is None:
                        skipped += 1
                    else:
                        found.append(attempt)
        if skipped:
            where = self.folder / ATTEMPTS_DIR
            self._notice_once(f"Skipped {plural(skipped, 'attempt record')} in {where} that could "
                              f"not be read (the rest of your history is shown).")
        found.sort(key=lambda a: a["at"])
        return found

    def _notice_once(self, notice: str) -> None:
        if notice not in self.notices:
            self.notices.append(notice)

    # -- exams --------------------------------------------------------------------------
    def save_running_exam(self, data: dict[str, Any]) -> None:
        with self._writing():
            atomic_write_text(self.folder / RUNNING_EXAM_FILE, json.dumps(data))

    def load_running_exam(self) -> dict[str, Any] | None:
        path = self.folder / RUNNING_EXAM_FILE
        with self._reading():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                return None
            except (OSError, ValueError):
                data = None
            if not isinstance(data, dict):
                try:
                    kept = move_aside(path)
                except OSError:
                    self.notices.append(f"The saved exam {path} could not be read.")
                else:
                    self.notices.append(f"The saved exam could not be read; it is kept as "
                                        f"{kept}.")
                return None
            return data

    def clear_running_exam(self) -> None:
        with self._writing():
            (self.folder / RUNNING_EXAM_FILE).unlink(missing_ok=True)

    def record_exam(self, result: dict[str, Any]) -> None:
        """Keep an exam result and end the running exam, in one locked step."""
        with self._writing():
            with self._open(EXAMS_FILE, locked=True) as db:
                db.table("exams").insert(result)
            (self.folder / RUNNING_EXAM_FILE).unlink(missing_ok=True)

    def exams(self) -> list[dict[str, Any]]:
        with self._open(EXAMS_FILE) as db:
            results = [dict(d) for d in db.table("exams").all()
                       if isinstance(d.get("at"), str) and isinstance(d.get("score"), int)]
        return sorted(results, key=lambda e: e["at"])


def next_state(found: Mapping[str, Any] | None, attempt: dict[str, Any],
               planner: Planner | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """A question's state after one more attempt, and the attempt as it is saved (with its
    rating and review log when a `planner` schedules it). Saving an answer and rebuilding a
    merged history (studytui.progress.merge) both go through here."""
    state = dict(found) if found else {"question": attempt["question"], "seen": 0,
                                       "correct": 0, "first_at": attempt["at"]}
    if planner is not None:
        rating = attempt.get("rating") or rating_for(
            attempt["correct"], attempt.get("seconds", 0), state)
        # FSRS takes UTC only; a time saved with another offset is the same moment
        when = datetime.fromisoformat(attempt["at"]).astimezone(timezone.utc)
        review = planner.review(state.get("card"), rating, when)
        state.update(card_before=state.get("card"), card=review.card,
                     rating=rating, reviewed_at=attempt["at"])
        attempt = {**attempt, "rating": rating, "review_log": review.log}
    state["seen"] += 1
    state["correct"] += 1 if attempt["correct"] else 0
    state["last_at"] = attempt["at"]
    state["last_correct"] = bool(attempt["correct"])
    return state, attempt


def refuse_non_file(path: Path) -> None:
    """A folder (or FIFO, device) where studytui keeps a file is the user's: say so and
    write nothing, rather than fail half-way or replace it."""
    from studytui.progress.folder import DataFolderError

    if path.exists() and not path.is_file():
        raise DataFolderError(f"progress cannot be saved: {path} is not a file (a folder or "
                              f"something else is there); move it away")


_DAY_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")
_OURS = re.compile(r"^\d{4}-\d{2}-\d{2}\.json(\.bak|\.damaged-\w+)$")


class _EmptyTable:
    def all(self) -> list[dict[str, Any]]:
        return []


class _EmptyDB:
    """What an unreadable file reads as: nothing (the notice says why)."""

    def table(self, _name: str) -> _EmptyTable:
        return _EmptyTable()


_EMPTY_DB: Any = _EmptyDB()


def sound_attempt(doc: Any) -> dict[str, Any] | None:
    """The attempt if it has what every reader relies on, else None.

    A time without a zone, an answer that is not a list of option positions, or a missing
    question cannot be placed or graded: such a record is skipped, not guessed at.
    """
    if not isinstance(doc, dict):
        return None
    question, at, answer = doc.get("question"), doc.get("at"), doc.get("answer", [])
    if not isinstance(question, str) or not isinstance(at, str):
        return None
    try:
        when = datetime.fromisoformat(at)
    except ValueError:
        return None
    if when.tzinfo is None:
        return None
    if not isinstance(answer, list) or not all(
            isinstance(i, int) and not isinstance(i, bool) and 0 <= i < 6 for i in answer):
        return None
    if not isinstance(doc.get("correct"), bool):
        return None
    seconds = doc.get("seconds", 0)
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
        return None
    return dict(doc)
