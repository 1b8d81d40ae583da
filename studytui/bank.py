"""The whole question bank: authored content plus questions generated from calculators."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from studytui.content import Library, load_library


def load_bank(folders: Sequence[Path], cache_file: Path | None = None,
              generated: bool = True) -> Library:
    library = load_library(folders, cache_file)
    if generated:
        from studytui.quiz.generated import generated_questions

        known = set(library.section_by_id)
        # generated questions link to bundled sections; a pack without them goes without
        library.questions.extend(q for q in generated_questions() if q.section_id in known)
        library.reindex()
    return library
