"""The row of pane names above the panes: which one is showing, and a click opens one."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


class PaneTabs(Widget):
    """One line of text rather than Textual's Tabs (a widget per tab and an animated
    underline): start-up took about 100 ms longer with TabbedContent. Panes are switched
    with their number keys; this bar only shows where you are and takes clicks."""

    DEFAULT_CSS = """
    PaneTabs {
        height: 1;
        width: 1fr;
        background: $panel;
        color: $text-muted;
        link-color: $text-muted;
        link-style: none;
        link-background-hover: $boost;
        link-style-hover: bold;
    }
    """

    active: reactive[str] = reactive("", layout=False)

    def __init__(self, panes: Sequence[tuple[str, str]], active: str, *,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.panes = list(panes)
        self.set_reactive(PaneTabs.active, active)

    def render(self) -> Content:
        names = sum(len(title) + 2 for _pane_id, title in self.panes)
        gap = "  " if names + 2 * len(self.panes) <= self.size.width else ""  # 60 columns
        parts = []
        for pane_id, title in self.panes:
            if pane_id == self.active:  # already showing: not a link, so its own colours hold
                markup = "[bold $text on $accent 40%] $title [/]"
            else:
                markup = f"[@click=app.show_pane('{pane_id}')] $title [/]"
            parts.append(Content.from_markup(markup, title=title))
        return Content(gap).join(parts)
