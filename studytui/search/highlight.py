"""Marking search matches inside a note's Markdown, and finding the first one.

The rule, shared with the snippets of search results: a term of two or more letters marks
the words it starts (the learner may still be typing: "stick" marks "sticky"); a term of
one letter marks only that letter standing as a word of its own ("s" marks the "S" of
"S-3", never every word that starts with s).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

PREFIX_MIN = 2  # shorter terms match whole words only


def term_pattern(terms: Sequence[str], *, after_markup: bool = True) -> re.Pattern[str] | None:
    """One pattern for every term, longest first, matching the whole word it marks.

    With `after_markup` False a word right after `*` does not match (it is already bold
    in Markdown); None when there is nothing to mark.
    """
    cleaned = sorted({t for t in terms if t}, key=lambda t: (-len(t), t))
    if not cleaned:
        return None
    alternatives = [re.escape(t) + (r"\w*" if len(t) >= PREFIX_MIN else r"(?!\w)")
                    for t in cleaned]
    before = r"(?<!\w)" if after_markup else r"(?<![\w*])"
    return re.compile(before + "(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


def _pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    return term_pattern(terms, after_markup=False)


def highlight_markdown(text: str, terms: Sequence[str]) -> str:
    """Wrap the words the terms match in bold, outside code and link targets."""
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
        out.append("".join(piece if i % 2 else pattern.sub(r"**\g<0>**", piece)
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
