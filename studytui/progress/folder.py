"""Is the data folder usable for saving? Asked before the first write, never at a read.

Reads work on any folder that can be read (a missing one reads as no history); only a
write needs the folder to exist, to be a folder, and to take new files.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from studytui.fileio import TEMP_PREFIX


class DataFolderError(OSError):
    """The data folder cannot hold progress; the message names the path and why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def refuse_non_folder(folder: Path) -> None:
    """A data path that exists but is not a folder is a mistake to stop at, read or write."""
    if folder.exists() and not folder.is_dir():
        raise DataFolderError(f"the data folder {folder} is a file, not a folder; "
                              f"choose a folder with --data-dir")


def ensure_writable(folder: Path, subfolders: tuple[str, ...] = ()) -> None:
    """Create the folder if needed and prove a file can be made in it (and in each
    existing subfolder); raise DataFolderError saying plainly why progress cannot be saved."""
    refuse_non_folder(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataFolderError(f"progress cannot be saved: the data folder {folder} cannot "
                              f"be created ({exc.strerror or exc})") from exc
    for place in (folder, *(folder / name for name in subfolders)):
        if place != folder and not place.exists():
            continue
        if not place.is_dir():
            raise DataFolderError(f"progress cannot be saved: {place} is a file where "
                                  f"studytui keeps a folder; move it away")
        try:
            fd, probe = tempfile.mkstemp(prefix=TEMP_PREFIX + "probe.", dir=place)
        except OSError as exc:
            raise DataFolderError(f"progress cannot be saved in {place} "
                                  f"({exc.strerror or exc}); your history can still be "
                                  f"read") from exc
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(probe)


def writable(folder: Path) -> bool:
    """True when files can be made in `folder` (which exists); never creates anything."""
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)
