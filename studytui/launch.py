"""The one app factory, shared by `studytui`, `studytui quiz` and the tests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from studytui.bank import load_bank
from studytui.content import Library
from studytui.locations import cache_dir, content_dirs, data_dir

if TYPE_CHECKING:
    from studytui.ui.app import StudyApp


def make_app(data_dir_override: str | None = None, content: Sequence[str] = (),
             library: Library | None = None, start_pane: str | None = None) -> StudyApp:
    """Build the app exactly as `studytui` runs it; tests call this too.

    Raises DataFolderError when the data path is a file (nothing sensible to show). A
    folder that cannot be written opens all the same: the history reads, and the app says
    that progress cannot be saved there.
    """
    from studytui.progress import ProgressLog
    from studytui.progress.folder import DataFolderError, refuse_non_folder
    from studytui.settings import load_settings
    from studytui.ui.app import StudyApp

    notices: list[str] = []
    folder = data_dir(data_dir_override)
    refuse_non_folder(folder)
    progress = ProgressLog(folder)
    try:
        progress.prepare_to_write()
    except DataFolderError as exc:
        notices.append(f"{str(exc)[0].upper()}{str(exc)[1:]}.")
    settings = load_settings(folder, notices)
    try:
        read = progress.read_marks_fast()
    except Exception as exc:  # never refuse to start over a progress problem
        notices.append(f"Could not read your notes progress: {exc}")
        read = set()
    if library is None:
        # the first screen needs the topics only: the questions are read just after it
        library = load_bank(content_dirs(content), cache_dir(), defer_questions=True)
    return StudyApp(library, progress, settings, folder, notices, read, start_pane)
