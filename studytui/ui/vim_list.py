"""An OptionList that also answers to vim keys."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList


class VimOptionList(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g", "first", "First", show=False, id="list.first"),
        Binding("G", "last", "Last", show=False, id="list.last"),
    ]


class ToggleList(VimOptionList):
    """Answer options: space toggles the highlighted one (subclasses decide about enter)."""

    BINDINGS = [Binding("space", "toggle_option", "Toggle", show=False, id="options.toggle")]

    class Toggle(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def action_toggle_option(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Toggle(self.highlighted))
