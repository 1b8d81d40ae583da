"""Where things live: the bundled content, user content packs and the data folder."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

DATA_DIR_ENV = "STUDYTUI_DATA_DIR"
CACHE_DIR_ENV = "STUDYTUI_CACHE_DIR"
CONTENT_ENV = "STUDYTUI_CONTENT"


def bundled_content_dir() -> Path:
    """The content shipped with the package (in a wheel), or the repo's `content/`."""
    package = Path(__file__).resolve().parent
    installed = package / "_content"
    if installed.is_dir():
        return installed
    return package.parent / "content"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """--data-dir, then $STUDYTUI_DATA_DIR, then the platform's user data folder."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_data_path  # deferred: only needed without an override

    return user_data_path("studytui", appauthor=False)


def cache_dir() -> Path:
    """$STUDYTUI_CACHE_DIR, else the platform's user cache folder (not the data folder:
    a fresh data folder should not mean parsing every file again)."""
    chosen = os.environ.get(CACHE_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_cache_path  # deferred: only needed without an override

    return user_cache_path("studytui", appauthor=False)


def content_dirs(extra: Sequence[str | os.PathLike] = ()) -> list[Path]:
    """Bundled content first, then $STUDYTUI_CONTENT (a path list), then --content DIRs."""
    folders = [bundled_content_dir()]
    env = os.environ.get(CONTENT_ENV, "")
    folders += [Path(p).expanduser() for p in env.split(os.pathsep) if p.strip()]
    folders += [Path(p).expanduser() for p in extra]
    return folders
