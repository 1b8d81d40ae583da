"""Marking search matches inside a note's Markdown, and finding the first one."""

from __future__ import annotations

import re
from collections.abc import Sequence


def _pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    cleaned = sorted({t for t in terms if t}, key=len, reverse=True)
    if not cleaned:
        return None
    return re.compile(r"(?<![\w*])(" + "|".join(re.escape(t) for t in cleaned) + r")(\w*)",
                      re.IGNORECASE)


def highlight_markdown(text: str, terms: Sequence[str]) -> str:
    """Wrap words that start with a search term in bold, outside code and link targets."""
    pattern = _pattern(terms)
    if pattern is None:
        return text
    out, fenced = [], False
    for line in text.splitlines(keepends=True):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            out.append(line)
            continue
        if fenced:
            out.append(line)
            continue
        pieces = re.split(r"(`[^`]*`|\]\([^)]*\))", line)  # code spans and link targets
        out.append("".join(piece if i % 2 else pattern.sub(r"**\1\2**", piece)
                           for i, piece in enumerate(pieces)))
    return "".join(out)


def first_match_line(text: str, terms: Sequence[str]) -> int | None:
    """0-based line of the first match, or None."""
    pattern = _pattern(terms)
    if pattern is None:
        return None
    for number, line in enumerate(text.splitlines()):
        if pattern.search(line):
            return number
    return None
