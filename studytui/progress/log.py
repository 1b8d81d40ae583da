"""ProgressLog: every read mark and answer, one writer at a time, nothing half-written.

Each operation takes the file lock, opens the TinyDB file fresh (so another process's
writes are seen and TinyDB's cached next id is never stale), does its work and closes.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock
from tinydb import Query, TinyDB

from studytui.fileio import atomic_write_bytes, clean_stray_temps, move_aside
from studytui.progress.storage import AtomicJSONStorage, DamagedFile, parse_document

NOTES_FILE = "notes.json"
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
        backup = path.with_name(path.name + ".bak")
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
            return
        # A backup per session: the newest state that was read back intact.
        atomic_write_bytes(path.with_name(path.name + ".bak"), path.read_bytes())

    @contextmanager
    def _open(self, name: str) -> Iterator[TinyDB]:
        path = self.folder / name
        with self._lock:
            self._check_once(path)
            db = TinyDB(path, storage=AtomicJSONStorage)
            try:
                yield db
            except DamagedFile as exc:  # damaged by someone else since we checked
                self._recover(path, str(exc))
                raise
            finally:
                db.close()

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
