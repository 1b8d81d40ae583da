"""Plain-text helpers for content shown outside Markdown (stems, options)."""

from __future__ import annotations


def reflow(text: str) -> str:
    """Join the author's hard line breaks within paragraphs; keep blank-line breaks."""
    paragraphs = (" ".join(p.split()) for p in text.strip().split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 review', '3 reviews' (or the irregular `many`): never 'review(s)'."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"
