"""Full-text search over notes and questions (pure Python, stdlib sqlite3 FTS5)."""

from studytui.search.index import SearchHit, SearchIndex, SearchResult, SearchSyntaxError

__all__ = ["SearchHit", "SearchIndex", "SearchResult", "SearchSyntaxError"]
