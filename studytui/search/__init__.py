"""Full-text search over notes and questions (pure Python, stdlib sqlite3 FTS5).

Names are resolved on first use, so importing a light helper (studytui.search.highlight)
does not load the index, sqlite3 or the YAML parser.
"""

from __future__ import annotations

from typing import Any

__all__ = ["SearchHit", "SearchIndex", "SearchResult", "SearchSyntaxError"]

from studytui.search.limits import MAX_LIMIT

__all__ += ["MAX_LIMIT"]


def __getattr__(name: str) -> Any:
    if name in ("SearchHit", "SearchIndex", "SearchResult", "SearchSyntaxError"):
        from studytui.search import index

        return getattr(index, name)
    raise AttributeError(name)
