"""The reader's Markdown: code that wraps with a marker instead of being cut at the edge,
tables that stack as "header: value" lines when their columns would not fit, and search
matches marked in reverse video.

Both layouts follow the reader's width as it changes (a resize, the tree hidden or
shown), so nothing here guesses the width when the Markdown is parsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content, Span
from textual.events import Resize
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Markdown, Static
from textual.widgets._markdown import (
    MarkdownBlock,
    MarkdownFence,
    MarkdownTable,
    MarkdownTableCellContents,
    MarkdownTableContent,
)

WRAP_MARK = "↪ "
MARK_STYLE = "$text-accent bold"
MATCH_STYLE = "reverse bold"  # not colour alone: reverse video reads on any theme
CELL_PADDING = 2  # a table cell's left and right padding
COMFORT_WIDTH = 16  # a table column narrower than this reads badly: stack the table
MAX_KEY_WIDTH = 20  # stacked headers wider than this put each value on its own line
BREAK_AFTER = (" ,;", "-/:.")  # a long code line breaks after these, the first kind first
MIN_CODE_WIDTH = 12  # narrower than this, wrapping would help no one: lines stay whole


# -- code ---------------------------------------------------------------------------------
def _fit(text: str, cells: int) -> int:
    """How many characters of `text` fit in `cells` columns (at least one)."""
    used = 0
    for index, char in enumerate(text):
        used += cell_len(char)
        if used > cells:
            return max(index, 1)
    return len(text)


def _break_at(text: str, cells: int) -> int:
    """Where to cut a code line that is wider than `cells`: in the second half of what
    fits, after the last space or comma, else after the last "-", "/", ":" or ".", else
    where it stops fitting."""
    fit = _fit(text, cells)
    for marks in BREAK_AFTER:
        for index in range(fit, fit // 2, -1):
            if text[index - 1] in marks and text[:index].strip():
                return index
    return fit


def wrap_code_line(line: Content, width: int) -> list[Content]:
    """One line of (highlighted) code as rows at most `width` cells wide; each row after
    the first starts, at the line's indent, with "↪ "."""
    if line.cell_length <= width or width < MIN_CODE_WIDTH:
        return [line]
    plain = line.plain
    indent = min(len(plain) - len(plain.lstrip(" ")), width // 2)
    prefix = Content.assemble(" " * indent, (WRAP_MARK, MARK_STYLE))
    rows: list[Content] = []
    rest = line
    room = width
    while rest.cell_length > room:
        cut = _break_at(rest.plain, room)
        rows.append(rest[:cut].rstrip() if rows else rest[:cut])
        rest = rest[cut:]
        rest = rest[len(rest.plain) - len(rest.plain.lstrip(" ")):]
        room = width - prefix.cell_length
    rows.append(rest)
    return [rows[0]] + [prefix + row for row in rows[1:]]


def wrap_code(code: Content, width: int) -> list[Content]:
    """Every line of a code block wrapped to `width` (see wrap_code_line)."""
    return [row for line in code.split("\n", allow_blank=True)
            for row in wrap_code_line(line.expand_tabs(4), width)]


class CodeLines(Widget):
    """A code block's lines, wrapped with a marker to the width it is given."""

    DEFAULT_CSS = """
    CodeLines {
        width: 1fr;
        height: auto;
        padding: 1 1;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def __init__(self, code: Content) -> None:
        super().__init__()
        self.code = code
        self._cache: tuple[int, list[Content]] | None = None

    def set_code(self, code: Content) -> None:
        self.code = code
        self._cache = None
        self.refresh(layout=True)

    def rows(self, width: int) -> list[Content]:
        if self._cache is None or self._cache[0] != width:
            self._cache = (width, wrap_code(self.code, max(width, 1)))
        return self._cache[1]

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.rows(width))

    def render(self) -> Content:
        return Content("\n").join(self.rows(self.content_region.width))


class ReaderFence(MarkdownFence):
    """A fenced code block that wraps long lines (marked "↪") rather than cutting them."""

    DEFAULT_CSS = """
    ReaderFence {
        overflow: hidden hidden;
    }
    """

    def set_content(self, content: Content) -> None:
        self._content = content
        for lines in self.query(CodeLines):
            lines.set_code(content)

    def compose(self) -> ComposeResult:
        yield CodeLines(self._highlighted_code)


# -- tables -------------------------------------------------------------------------------
def _columns(headers: list[Content], rows: list[list[Content]]) -> tuple[list[int], list[int]]:
    """Each column's natural width (its widest cell on one line) and minimal width (its
    longest word)."""
    natural = [h.cell_length for h in headers]
    minimal = [_longest_word(h.plain) for h in headers]
    for row in rows:
        for index, cell in enumerate(row[:len(headers)]):
            natural[index] = max(natural[index], cell.cell_length)
            minimal[index] = max(minimal[index], _longest_word(cell.plain))
    return natural, minimal


def _longest_word(text: str) -> int:
    return max((cell_len(word) for word in text.split()), default=0)


def table_columns(headers: list[Content], rows: list[list[Content]],
                  width: int) -> list[int] | None:
    """Widths (padding included) for the table's columns in `width` cells, or None when
    they cannot all have room: some column would be cut ("La…") or squeezed below
    COMFORT_WIDTH, so the table reads better stacked. Spare room goes to the columns in
    proportion to what they still lack, so a formula never wraps beside an empty column."""
    count = len(headers)
    if not count:
        return None
    natural, minimal = _columns(headers, rows)
    room = width - (count - 1) - count * CELL_PADDING  # gutters between, padding inside
    base = [min(n, max(m, COMFORT_WIDTH)) for n, m in zip(natural, minimal, strict=True)]
    if sum(base) > room:
        return None
    if sum(natural) <= room:
        widths = natural
    else:
        spare = room - sum(base)
        lack = [n - b for n, b in zip(natural, base, strict=True)]
        total = sum(lack)
        widths = [b + spare * want // total for b, want in zip(base, lack, strict=True)]
        left = room - sum(widths)
        for index in sorted(range(count), key=lambda i: -lack[i])[:left]:
            widths[index] += 1
    return [w + CELL_PADDING for w in widths]


def stacked_rows(headers: list[Content], rows: list[list[Content]]) -> Content:
    """A table as plain "Header: value" lines, a blank line between rows (its text)."""
    return Content("\n\n").join(
        Content("\n").join(Content.assemble(h.plain, ": ", cell)
                           for h, cell in zip(headers, row, strict=False))
        for row in rows)


class StackedValue(MarkdownTableCellContents):
    """One value of a stacked table (a table cell underneath, so its links still work)."""


class StackedTable(Vertical):
    """A table as groups of "Header: value" lines, one group a row: what the reader shows
    when the grid's columns would be cut. The values line up in a column and wrap within
    it, unless a header is so long that each value goes on the line below its header."""

    DEFAULT_CSS = """
    StackedTable {
        height: auto;
        & > .stack-row {
            height: auto;
            margin-bottom: 1;
            padding-left: 1;
            border-left: outer $primary 50%;
        }
        & .stack-field {
            height: auto;
        }
        & .stack-key {
            text-style: bold;
            color: $text-primary;
        }
        &.-below .stack-value {
            padding-left: 2;
        }
    }
    StackedTable > .stack-row:last-of-type {
        margin-bottom: 0;
    }
    """

    def __init__(self, headers: list[Content], rows: list[list[Content]]) -> None:
        super().__init__()
        self.headers = headers
        self.rows = rows
        self.key_width = max((h.cell_length for h in headers), default=0) + 2  # ": "
        self.set_class(self.key_width > MAX_KEY_WIDTH, "-below")

    @property
    def text(self) -> str:
        return stacked_rows(self.headers, self.rows).plain

    def compose(self) -> ComposeResult:
        below = self.has_class("-below")
        for row in self.rows:
            with Vertical(classes="stack-row"):
                for header, cell in zip(self.headers, row, strict=False):
                    key = Static(Content.assemble(header, ":"), classes="stack-key")
                    value = StackedValue(cell, classes="stack-value")
                    if below:
                        yield key
                        yield value
                    else:
                        key.styles.width = self.key_width
                        value.styles.width = "1fr"
                        with Horizontal(classes="stack-field"):
                            yield key
                            yield value


class ReaderTable(MarkdownTable):
    """A table that stacks its rows as "Header: value" lines when its columns need more
    room than the reader has, and shows the grid again when they fit."""

    DEFAULT_CSS = """
    ReaderTable > StackedTable {
        display: none;
    }
    ReaderTable.-stacked > StackedTable {
        display: block;
    }
    ReaderTable.-stacked > MarkdownTableContent {
        display: none;
    }
    """

    def compose(self) -> ComposeResult:
        headers, rows = self._get_headers_and_rows()
        self._headers, self._rows = headers, rows
        yield MarkdownTableContent(headers, rows)
        yield StackedTable(headers, rows)

    @property
    def stacked(self) -> bool:
        return self.has_class("-stacked")

    def on_resize(self, event: Resize) -> None:
        self.fit(event.size.width)

    def fit(self, width: int) -> None:
        """Lay the columns out for `width` cells, or stack the rows if they do not fit."""
        columns = table_columns(self._headers, self._rows, width)
        self.set_class(columns is None, "-stacked")
        if columns is not None:
            grid = self.query_one(MarkdownTableContent)
            grid.styles.grid_columns = " ".join(str(c) for c in columns)


# -- the document -------------------------------------------------------------------------
class ReaderMarkdown(Markdown):
    """The reader's Markdown widget: wrapping code, stacking tables, marked matches."""

    BLOCKS = {**Markdown.BLOCKS, "table_open": ReaderTable, "fence": ReaderFence,
              "code_block": ReaderFence}

    def mark_matches(self, pattern: re.Pattern[str] | None) -> int:
        """Show the words `pattern` matches in reverse bold, outside code; the count."""
        if pattern is None:
            return 0
        marked = 0
        for widget in self.query(Static):
            content = widget.content
            if isinstance(widget, ReaderFence) or not isinstance(content, Content):
                continue
            spans = list(_match_spans(content, pattern))
            if spans:
                marked += len(spans)
                new = content.add_spans(spans)
                if isinstance(widget, MarkdownBlock):
                    widget._content = new
                widget.update(new)
        return marked


def _match_spans(content: Content, pattern: re.Pattern[str]) -> Iterable[Span]:
    code = [(s.start, s.end) for s in content.spans if s.style == ".code_inline"]
    for match in pattern.finditer(content.plain):
        start, end = match.span()
        if end > start and not any(a <= start < b for a, b in code):
            yield Span(start, end, MATCH_STYLE)
