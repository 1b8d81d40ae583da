"""The whole question bank: authored content plus questions generated from calculators."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from studytui.content import Library, load_library


def load_bank(folders: Sequence[Path], cache_dir: Path | None = None,
              generated: bool = True, *, defer_questions: bool = False) -> Library:
    """`load_library` (see there for `cache_dir` and `defer_questions`), then the
    calculators' questions, which are deferred with the authored ones."""
    library = load_library(folders, cache_dir, defer_questions=True)
    if generated:
        library.defer(lambda: _add_generated(library))
    if not defer_questions:
        library.complete()
    return library


def _add_generated(library: Library) -> None:
    from studytui.quiz.generated import generated_questions

    known = set(library.section_by_id)
    # generated questions link to bundled sections; a pack without them goes without
    library.questions.extend(q for q in generated_questions() if q.section_id in known)
    library.index_questions()
