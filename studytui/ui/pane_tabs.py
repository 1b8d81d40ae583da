"""The top line: the pane names (which one is showing; a click opens one) and the title."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


class PaneTabs(Widget):
    """One line of text rather than Textual's Header and Tabs (a widget per tab, an
    animated underline): start-up took about 100 ms longer with TabbedContent alone.
    Panes are switched with their number keys; this bar shows where you are and takes
    clicks. The command palette is on ctrl+p, shown in the footer."""

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
    timer: reactive[str] = reactive("", layout=False)  # a running exam's countdown

    def __init__(self, panes: Sequence[tuple[str, str]], active: str, title: str = "", *,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.panes = list(panes)
        self.title = title
        self.set_reactive(PaneTabs.active, active)

    def render(self) -> Content:
        width = self.size.width
        names = sum(len(title) + 2 for _pane_id, title in self.panes)
        gap = "  " if names + 2 * len(self.panes) <= width else ""  # all five fit at 60
        parts = []
        for pane_id, title in self.panes:
            if pane_id == self.active:  # already showing: not a link, so its own colours hold
                markup = "[bold $text on $accent 40%] $title [/]"
            else:
                markup = f"[@click=app.show_pane('{pane_id}')] $title [/]"
            parts.append(Content.from_markup(markup, title=title))
        bar = Content(gap).join(parts)
        if self.timer:  # an exam is running: its clock replaces the title, in any pane
            time = self.timer.split()[-1]  # narrow: just the time, then without seconds
            for text in (f" {self.timer} ", time, time.rsplit(":", 1)[0]):
                right = Content.from_markup("[bold $text on $warning 30%]$timer[/]",
                                            timer=text)
                if width - bar.cell_length - right.cell_length >= 1:
                    break
            room = width - bar.cell_length - right.cell_length
            return Content.assemble(bar, " " * max(0, room), right)
        room = width - bar.cell_length - len(self.title) - 1
        if self.title and room >= 2:  # the app's name at the right, when there is room
            bar = Content.assemble(bar, " " * room, (self.title, "bold"), " ")
        return bar
