"""A TinyDB storage that never leaves a half-written file, and says when it finds one."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from studytui.fileio import atomic_write_bytes


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def keep_previous(path: Path) -> None:
    """Make `<name>.bak` the version about to be replaced.

    A hard link, not a copy: the old file is never written again (writes go to a new
    file that replaces it), so the link keeps the last good version for free.
    """
    if not path.exists():
        return
    link = path.with_name(f".tmp-{path.name}.bak-link")
    try:
        if link.exists():
            link.unlink()
        os.link(path, link)
        os.replace(link, backup_path(path))
    except OSError:
        pass  # no hard links here (some network or FAT drives): no backup, still safe


class DamagedFile(Exception):
    """The file exists but does not hold a TinyDB document."""


def parse_document(raw: bytes) -> dict[str, dict[str, Any]]:
    """Check that `raw` is a TinyDB document: {table: {doc_id: {...}}}."""
    if not raw.strip():
        raise DamagedFile("the file is empty")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DamagedFile(f"not valid JSON ({exc})") from exc
    if not isinstance(data, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in data.values()
    ):
        raise DamagedFile("JSON of the wrong shape")
    return data


class AtomicJSONStorage(Storage):
    """JSON storage written via temp file + fsync + os.replace.

    TinyDB's own JSONStorage overwrites in place, so a killed writer can leave a file
    nobody can read; this one leaves the old or the new document, nothing between.
    """

    def __init__(self, path: str | Path, **_: Any) -> None:
        self.path = Path(path)
        # ProgressLog opens a storage for one locked operation only, so nobody else can
        # change the file meanwhile: parse it once, not on every TinyDB call.
        self._document: dict[str, dict[str, Any]] | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._document is None:
            try:
                raw = self.path.read_bytes()
            except FileNotFoundError:
                return None
            self._document = parse_document(raw)
        return self._document

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        keep_previous(self.path)
        atomic_write_bytes(self.path, json.dumps(data, separators=(",", ":")).encode("utf-8"))
        self._document = data

    def close(self) -> None:
        pass
