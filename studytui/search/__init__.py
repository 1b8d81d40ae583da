"""Full-text search over notes and questions (pure Python, stdlib sqlite3 FTS5).

Names are resolved on first use, so importing a light helper (studytui.search.highlight)
does not load the index, sqlite3 or the YAML parser.
"""

from __future__ import annotations

from typing import Any

__all__ = ["SearchHit", "SearchIndex", "SearchResult", "SearchSyntaxError"]

# hits one search returns at most; a larger limit is clamped to this (here, not in the
# index module, so that the `search` command's --help can say so without loading it)
MAX_LIMIT = 1000


def __getattr__(name: str) -> Any:
    if name in __all__:
        from studytui.search import index

        return getattr(index, name)
    raise AttributeError(name)
