"""The framework's floor: a bare Textual app with a Tree, a Markdown and an Input."""

from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Markdown, Tree


class FloorApp(App):
    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Tree("Topics")
            yield Markdown("Floor marker: the bare app is on screen.")
        yield Input()


if __name__ == "__main__":
    FloorApp().run()
