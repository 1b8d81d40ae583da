"""Reading a content file's bytes, with the size limit, before anything parses them.

Apart from the YAML parser so that a start served from the cache never imports it.
"""

from __future__ import annotations

from pathlib import Path

MAX_FILE_BYTES = 1_000_000


class YamlFileError(Exception):
    """A file that cannot be read as YAML at all; carries the 1-based line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def read_content_file(path: Path) -> bytes:
    """The file's bytes. Raises YamlFileError for an unreadable or huge file."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlFileError(1, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        return path.read_bytes()
    except OSError as exc:
        raise YamlFileError(1, f"cannot read file: {exc.strerror or exc}") from exc
