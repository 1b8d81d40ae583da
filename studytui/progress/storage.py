"""A TinyDB storage that never leaves a half-written file, and says when it finds one."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from studytui.fileio import TEMP_PREFIX, atomic_write_bytes


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def keep_previous(path: Path) -> None:
    """Make `<name>.bak` the version about to be replaced.

    A hard link, not a copy: the old file is never written again (writes go to a new
    file that replaces it), so the link keeps the last good version for free.
    """
    if not path.exists():
        return
    link = path.with_name(f"{TEMP_PREFIX}{path.name}.bak-link")
    try:
        if link.exists():
            link.unlink()
        os.link(path, link)
        os.replace(link, backup_path(path))
    except OSError:
        pass  # no hard links here (some network or FAT drives): no backup, still safe


class DamagedFile(Exception):
    """The file exists but does not hold a TinyDB document."""


def parse_json(raw: bytes) -> Any:
    """The JSON in `raw`; DamagedFile when it is empty or not JSON."""
    if not raw.strip():
        raise DamagedFile("the file is empty")
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DamagedFile(f"not valid JSON ({exc})") from exc


def is_document(data: Any) -> bool:
    """A TinyDB document: {table: {doc_id: {...}}}."""
    return isinstance(data, dict) and all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in data.values())


def parse_document(raw: bytes) -> dict[str, dict[str, Any]]:
    """Check that `raw` is a TinyDB document."""
    data = parse_json(raw)
    if not is_document(data):
        raise DamagedFile("JSON of the wrong shape")
    return data


Stamp = tuple[int, int, int, int, int]


def _stamp(path: Path) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    # every write replaces the file, so another writer's save shows as a new inode too
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


class WrittenDocuments:
    """The document each file was last written with, reused while the file is unchanged.

    Saving an answer reads and rewrites the same two files every time; parsing them again
    was a fifth of a save with a year of history. An entry is taken out when read and put
    back only after a successful write, so a failed operation never leaves one behind.
    """

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[Stamp, dict[str, dict[str, Any]]]] = {}

    def take(self, path: Path) -> dict[str, dict[str, Any]] | None:
        entry = self._entries.pop(path, None)
        if entry is not None and entry[0] == _stamp(path):
            return entry[1]
        return None

    LIMIT = 4  # the state file and the day's attempts are the ones that matter

    def keep(self, path: Path, document: dict[str, dict[str, Any]]) -> None:
        stamp = _stamp(path)
        if stamp is not None:
            self._entries[path] = (stamp, document)
        while len(self._entries) > self.LIMIT:  # e.g. past days: the oldest kept goes
            del self._entries[next(iter(self._entries))]


def encode_document(data: dict[str, dict[str, Any]]) -> bytes:
    # documents are plain JSON trees, never circular: skipping the check is ~20% faster
    return json.dumps(data, separators=(",", ":"), check_circular=False).encode("utf-8")


class AtomicJSONStorage(Storage):
    """JSON storage written via temp file + fsync + os.replace.

    TinyDB's own JSONStorage overwrites in place, so a killed writer can leave a file
    nobody can read; this one leaves the old or the new document, nothing between.
    """

    def __init__(self, path: str | Path, written: WrittenDocuments | None = None,
                 **_: Any) -> None:
        self.path = Path(path)
        self.written = written
        # ProgressLog opens a storage for one locked operation only, so nobody else can
        # change the file meanwhile: parse it once, not on every TinyDB call.
        self._document: dict[str, dict[str, Any]] | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._document is None and self.written is not None:
            self._document = self.written.take(self.path)
        if self._document is None:
            try:
                raw = self.path.read_bytes()
            except FileNotFoundError:
                return None
            self._document = parse_document(raw)
        return self._document

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        keep_previous(self.path)
        atomic_write_bytes(self.path, encode_document(data))
        self._document = data
        if self.written is not None:
            self.written.keep(self.path, data)

    def close(self) -> None:
        pass
