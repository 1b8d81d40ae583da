"""Question text for option lists and stems: `code` spans styled (no literal backticks),
and options with a hanging indent so a wrapped line starts under the text, not the box."""

from __future__ import annotations

import re

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

_CODE = re.compile(r"`([^`\n]+)`")
CODE_STYLE = "bold"


def inline_text(text: str, style: str = "") -> Text:
    """Plain text with its `code` spans shown in bold, without the backticks."""
    result = Text(style=style)
    last = 0
    for match in _CODE.finditer(text):
        result.append(text[last:match.start()])
        result.append(match.group(1), style=f"{style} {CODE_STYLE}".strip())
        last = match.end()
    result.append(text[last:])
    return result


class Hanging:
    """`lead` (box and letter) in a column of its own; `body` wraps beside it. Reads as
    its plain text (`str`), as a Text prompt would."""

    def __init__(self, lead: Text, body: Text) -> None:
        self.lead = lead
        self.body = body

    def __str__(self) -> str:
        return self.lead.plain + self.body.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        grid = Table.grid(padding=0, expand=True)
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(self.lead, self.body)
        yield grid


def hanging(lead: Text, body: Text) -> Hanging:
    return Hanging(lead, body)
