"""A JSON cache of content files that already passed validation, keyed by size and mtime."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from studytui.fileio import atomic_write_text

VERSION = 1


class ContentCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.dirty = False
        self.entries: dict[str, dict[str, Any]] = {}
        self.used: set[str] = set()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # no cache or a bad one: it is only a cache, build it again
        if not isinstance(raw, dict) or raw.get("version") != VERSION:
            return
        files = raw.get("files")
        if not isinstance(files, dict):
            return
        # any entry of the wrong shape is dropped (and rebuilt): the cache costs time,
        # never a failure
        self.entries = {name: entry for name, entry in files.items()
                        if isinstance(entry, dict) and isinstance(entry.get("stamp"), list)
                        and "data" in entry}

    @staticmethod
    def _key(path: Path) -> tuple[str, list[int]]:
        stat = path.stat()
        return str(path.resolve()), [stat.st_size, stat.st_mtime_ns]

    def get(self, path: Path) -> Any | None:
        try:
            name, stamp = self._key(path)
        except OSError:
            return None
        entry = self.entries.get(name)
        if entry and entry.get("stamp") == stamp:
            self.used.add(name)
            return entry.get("data")
        return None

    def drop(self, path: Path) -> None:
        with contextlib.suppress(OSError):
            self.entries.pop(self._key(path)[0], None)
            self.dirty = True

    def put(self, path: Path, data: Any) -> None:
        try:
            name, stamp = self._key(path)
        except OSError:
            return
        self.entries[name] = {"stamp": stamp, "data": data}
        self.used.add(name)
        self.dirty = True

    def save(self) -> None:
        """Write the entries of the files read this time, and only those: files of another
        checkout or an old install would otherwise be parsed at every start, for nothing."""
        stale = self.entries.keys() - self.used
        if stale:
            self.entries = {name: self.entries[name] for name in self.used
                            if name in self.entries}
            self.dirty = True
        if not self.dirty:
            return
        try:
            atomic_write_text(self.path, json.dumps({"version": VERSION, "files": self.entries},
                                                    separators=(",", ":"), default=str),
                              make_parents=True)
        except OSError:
            pass  # a read-only data folder only costs speed
        self.dirty = False

    def __len__(self) -> int:
        return len(self.entries)


def cache_path() -> Path:
    """The content cache in the cache folder (studytui.locations.cache_dir)."""
    from studytui.locations import cache_dir

    return cache_dir() / f"content-v{VERSION}.json"
