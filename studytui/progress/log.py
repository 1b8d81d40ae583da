"""ProgressLog: every read mark and answer, one writer at a time, nothing half-written.

Each operation takes the file lock, opens the TinyDB file fresh (so another process's
writes are seen and TinyDB's cached next id is never stale), does its work and closes.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from filelock import FileLock
from tinydb import Query, TinyDB

from studytui.fileio import clean_stray_temps, move_aside
from studytui.progress.storage import (
    AtomicJSONStorage,
    DamagedFile,
    backup_path,
    parse_document,
)

NOTES_FILE = "notes.json"
STATE_FILE = "questions.json"
ATTEMPTS_DIR = "attempts"
LOCK_TIMEOUT_S = 10.0


class ProgressLog:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.notices: list[str] = []
        self._checked: set[Path] = set()
        self._lock = FileLock(str(self.folder / ".progress.lock"), timeout=LOCK_TIMEOUT_S)
        clean_stray_temps(self.folder)

    # -- safety -------------------------------------------------------------------------
    def _recover(self, path: Path, reason: str) -> None:
        """Keep a damaged file aside, unchanged, and fall back to its last good backup."""
        kept = move_aside(path)
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
        try:
            parse_document(path.read_bytes())
        except DamagedFile as exc:
            self._recover(path, str(exc))

    @contextmanager
    def _open(self, name: str, locked: bool = False) -> Iterator[TinyDB]:
        """A fresh TinyDB on `name`, under the lock (already held when `locked`)."""
        path = self.folder / name
        with nullcontext() if locked else self._lock:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._check_once(path)
            db = TinyDB(path, storage=AtomicJSONStorage)
            try:
                yield db
            except DamagedFile as exc:  # damaged by someone else since we checked
                self._recover(path, str(exc))
                raise
            finally:
                db.close()

    def check_all(self) -> list[str]:
        """Look at every progress file once (recovering damaged ones); return new notices."""
        before = len(self.notices)
        names = [NOTES_FILE, STATE_FILE] + [f"{ATTEMPTS_DIR}/{p.name}"
                                           for p in self.attempt_files()]
        with self._lock:
            for name in names:
                self._check_once(self.folder / name)
        return self.notices[before:]

    # -- notes read ---------------------------------------------------------------------
    def read_sections(self) -> set[str]:
        with self._open(NOTES_FILE) as db:
            return {doc["section"] for doc in db.table("read").all()}

    def set_read(self, section_id: str, read: bool) -> None:
        with self._open(NOTES_FILE) as db:
            table = db.table("read")
            table.remove(Query().section == section_id)
            if read:
                stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
                table.insert({"section": section_id, "at": stamp})

    # -- answers ------------------------------------------------------------------------
    # One file per UTC day keeps each save's cost bounded by one day's answers (TinyDB
    # rewrites the whole file per write), however long the history grows.
    def record_attempt(self, attempt: dict[str, Any]) -> None:
        """Save one answer and the question's running state, as one locked operation.

        `attempt` needs question, at (ISO UTC), answer, correct, seconds, mode; topic
        and domain are kept too so history stays readable if the content changes.
        """
        day = str(attempt["at"])[:10]
        with self._lock:
            with self._open(f"{ATTEMPTS_DIR}/{day}.json", locked=True) as db:
                db.table("attempts").insert(attempt)
            with self._open(STATE_FILE, locked=True) as db:
                table = db.table("state")
                found = table.get(Query().question == attempt["question"])
                state = dict(found) if found else {"question": attempt["question"], "seen": 0,
                                                   "correct": 0}
                state["seen"] += 1
                state["correct"] += 1 if attempt["correct"] else 0
                state["last_at"] = attempt["at"]
                state["last_correct"] = bool(attempt["correct"])
                for key, value in attempt.get("state", {}).items():
                    state[key] = value
                if found:
                    table.update(state, doc_ids=[found.doc_id])
                else:
                    table.insert(state)

    def question_states(self) -> dict[str, dict[str, Any]]:
        with self._open(STATE_FILE) as db:
            return {doc["question"]: dict(doc) for doc in db.table("state").all()}

    def attempt_files(self) -> list[Path]:
        folder = self.folder / ATTEMPTS_DIR
        return sorted(folder.glob("????-??-??.json")) if folder.is_dir() else []

    def attempts(self) -> list[dict[str, Any]]:
        """Every attempt, oldest first."""
        found: list[dict[str, Any]] = []
        for path in self.attempt_files():
            with self._open(f"{ATTEMPTS_DIR}/{path.name}") as db:
                found.extend(dict(doc) for doc in db.table("attempts").all())
        found.sort(key=lambda a: str(a.get("at", "")))
        return found
