"""Crash-safe file writes and keeping damaged files aside."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

TEMP_PREFIX = ".tmp-"


def fsync_dir(folder: Path) -> None:
    # On POSIX a rename is only durable once the folder entry is flushed too.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a reader sees the old or the new file, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX + path.name + ".", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def move_aside(path: Path) -> Path:
    """Rename a damaged file to `<name>.damaged-<UTC timestamp>`, unchanged; return the new path."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    os.replace(path, target)
    return target


def clean_stray_temps(folder: Path, older_than_s: float = 60.0) -> int:
    """Remove temp files left by writers that were killed mid-write.

    Only old ones: a fresh temp file may belong to another process writing right now.
    """
    removed = 0
    if not folder.is_dir():
        return 0
    now = time.time()
    for stray in folder.rglob(TEMP_PREFIX + "*"):
        with contextlib.suppress(OSError):
            if now - stray.stat().st_mtime >= older_than_s:
                stray.unlink()
                removed += 1
    return removed
