"""The help screen: shipped Markdown plus the keys in force (after any remapping)."""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import files

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Markdown

# keys as a learner types them (Textual's names for them are "slash", "question_mark")
_TYPED = {"enter": "enter", "escape": "escape", "space": "space", "tab": "tab",
          "shift+tab": "shift+tab", "up": "↑", "down": "↓", "left": "←", "right": "→",
          "pageup": "page up", "pagedown": "page down", "home": "home", "end": "end"}


def typed(key: str) -> str:
    """One binding key as typed: '/' not 'slash', '?' not 'question_mark'."""
    key = key.strip()
    if key in _TYPED:
        return _TYPED[key]
    modifiers, _, last = key.rpartition("+")
    shown = _TYPED.get(last) or format_key(last)
    return f"{modifiers}+{shown}" if modifiers else shown


def keys_table(groups: Sequence[tuple[str, Sequence[BindingType]]],
               keymap: dict[str, str]) -> str:
    """One table a group (a heading each), with the keys as typed and the binding ids the
    keymap in settings.json uses."""
    parts = []
    for where, bindings in groups:
        rows = [f"### Keys: {where}", "", "| Key | Does | Id |", "| --- | --- | --- |"]
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            key = keymap.get(binding.id or "", binding.key)
            shown = ", ".join(f"`{typed(k)}`" for k in key.split(","))
            rows.append(f"| {shown} | {binding.description} | `{binding.id or ''}` |")
        parts.append("\n".join(rows))
    return "\n\n".join(parts)


class HelpScreen(ModalScreen[None]):
    """The help, opening at the keys of the place it was asked from; scrolls like the
    reader (j/k, space/b, ctrl+d/u, g/G)."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
        Binding("j,down", "scroll('down')", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll('up')", "Up", show=False, id="help.up"),
        Binding("space,ctrl+d,pagedown", "scroll('page_down')", "Page down",
                id="help.page_down"),
        Binding("b,ctrl+u,pageup", "scroll('page_up')", "Page up", id="help.page_up"),
        Binding("g,home", "scroll('home')", "Top", show=False, id="help.top"),
        Binding("G,end", "scroll('end')", "Bottom", show=False, id="help.bottom"),
    ]

    def __init__(self, here: str, here_keys: str, keys_markdown: str) -> None:
        super().__init__()
        self.here = here
        self.here_keys = here_keys
        self.keys_markdown = keys_markdown

    def compose(self) -> ComposeResult:
        text = files("studytui.ui").joinpath("help.md").read_text(encoding="utf-8")
        first = (f"## Keys here ({self.here})\n\n{self.here_keys}\n\n"
                 f"The rest of the help follows (`space` pages down, `escape` closes).\n\n")
        with VerticalScroll(id="help-body"):
            yield Markdown(first + text.replace("{{KEYS}}", self.keys_markdown))

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_scroll(self, where: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        {"down": body.scroll_down, "up": body.scroll_up, "page_down": body.scroll_page_down,
         "page_up": body.scroll_page_up, "home": body.scroll_home,
         "end": body.scroll_end}[where](animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
