"""The help screen: shipped Markdown plus the keys in force (after any remapping)."""

from __future__ import annotations

from importlib.resources import files

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown


def keys_table(groups: list[tuple[str, list[Binding]]], keymap: dict[str, str]) -> str:
    rows = ["| Where | Key | Does |", "| --- | --- | --- |"]
    for where, bindings in groups:
        for binding in bindings:
            if not binding.description:
                continue
            key = keymap.get(binding.id or "", binding.key)
            shown = ", ".join(k.strip() for k in key.split(","))
            rows.append(f"| {where} | `{shown}` | {binding.description} |")
    return "\n".join(rows)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")]

    def __init__(self, keys_markdown: str) -> None:
        super().__init__()
        self.keys_markdown = keys_markdown

    def compose(self) -> ComposeResult:
        text = files("studytui.ui").joinpath("help.md").read_text(encoding="utf-8")
        with VerticalScroll(id="help-body"):
            yield Markdown(text.replace("{{KEYS}}", self.keys_markdown))

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
