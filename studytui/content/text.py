"""Plain-text helpers for content shown outside Markdown (stems, options)."""

from __future__ import annotations


def reflow(text: str) -> str:
    """Join the author's hard line breaks within paragraphs; keep blank-line breaks."""
    paragraphs = (" ".join(p.split()) for p in text.strip().split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
