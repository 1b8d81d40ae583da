"""A JSON cache of content files that already passed validation, keyed by what they hold.

An entry's key is the SHA-256 of the file's bytes, so an entry is right wherever the file
lies: the wheel ships a cache of the bundled content built when it was built (`SHIPPED`,
see `studytui.content.prebuilt`), and the first start after an install parses nothing.
A cache file also names the checks its data passed (`checks_fingerprint`): data that an
older or newer validator passed is never served.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from studytui.fileio import atomic_write_text

VERSION = 2
# the caches a wheel ships, named as the user's cache files they stand in for
SHIPPED = Path(__file__).resolve().parent.parent / "_prebuilt"
# what decides whether a file passes: a change to any of them makes every cache stale
_CHECKS = ("content/schema.py", "content/yamlfile.py", "blueprint.py")


@lru_cache(maxsize=1)
def checks_fingerprint() -> str:
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(str(VERSION).encode())
    for name in _CHECKS:
        try:
            digest.update((package / name).read_bytes())
        except OSError:
            digest.update(b"missing")
    return digest.hexdigest()


def file_digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _read_entries(path: Path) -> dict[str, Any]:
    """The files of a cache document; empty for a missing, damaged, foreign or stale one
    (it is only a cache: it costs time, never a failure)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict) or raw.get("version") != VERSION \
            or raw.get("checks") != checks_fingerprint():
        return {}
    files = raw.get("files")
    return files if isinstance(files, dict) else {}


class ContentCache:
    """`get` and `put` take a file's digest (`file_digest` of the bytes that were parsed:
    an entry never pairs one version's key with another's data)."""

    def __init__(self, path: Path, shipped: bool = True) -> None:
        self.path = path
        self.dirty = False
        self.entries = _read_entries(path)
        # read-only: an install's own files, never written or trimmed
        self.shipped = _read_entries(SHIPPED / path.name) if shipped else {}
        self.used: set[str] = set()

    def get(self, digest: str) -> Any | None:
        if digest in self.entries:
            self.used.add(digest)
            return self.entries[digest]
        return self.shipped.get(digest)

    def drop(self, digest: str) -> None:
        """Forget data that no longer builds (a tampered or hand-edited cache)."""
        if self.entries.pop(digest, None) is not None:
            self.dirty = True
        self.shipped.pop(digest, None)

    def put(self, digest: str, data: Any) -> None:
        self.entries[digest] = data
        self.used.add(digest)
        self.dirty = True

    def save(self) -> None:
        """Write the entries of the files read this time, and only those: another
        checkout's or an old version's files would otherwise be read at every start."""
        if self.entries.keys() - self.used:
            self.entries = {digest: self.entries[digest] for digest in self.used
                            if digest in self.entries}
            self.dirty = True
        if not self.dirty:
            return
        document = {"version": VERSION, "checks": checks_fingerprint(), "files": self.entries}
        try:
            atomic_write_text(self.path, json.dumps(document, separators=(",", ":"),
                                                    default=str), make_parents=True)
        except OSError:
            pass  # a read-only cache folder only costs speed
        self.dirty = False


def cache_file(folder: Path, kind: str) -> Path:
    """The cache of one kind of file ("topics", "questions", "pricing") in `folder`
    (studytui.locations.cache_dir() for the app and the commands)."""
    return folder / f"{kind}-v{VERSION}.json"
