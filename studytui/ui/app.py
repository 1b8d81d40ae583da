"""The studytui Textual application: the shell that holds the panes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

from studytui.content.model import Library
from studytui.progress import ProgressLog
from studytui.settings import Settings, save_settings
from studytui.ui.calculators import CalculatorsPane
from studytui.ui.commands import TopicCommands
from studytui.ui.help import HelpScreen, keys_table
from studytui.ui.topics import TopicsPane
from studytui.ui.vim_tree import VimTree

MIN_WIDTH, MIN_HEIGHT = 60, 20
PANES = [("topics", "Topics")]


class StudyApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "studytui"
    SUB_TITLE = "AWS Developer Associate (DVA-C02)"
    COMMANDS = App.COMMANDS | {TopicCommands}
    BINDINGS = [
        Binding("1", "show_pane('topics')", "Topics", id="pane.topics", show=False),
        Binding("4", "show_pane('calculators')", "Calculators", id="pane.calculators",
                show=False),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, library: Library, progress: ProgressLog, settings: Settings,
                 data_dir: Path, notices: list[str] | None = None,
                 read_sections: set[str] | None = None) -> None:
        super().__init__()
        self.library = library
        self.progress = progress
        self.settings = settings
        self.data_dir = data_dir
        self.notices = list(notices or [])
        self.read_sections: set[str] = set(read_sections or ())
        if settings.keymap:
            self.set_keymap(settings.keymap)

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="panes"):
            with TabPane("1 Topics", id="topics"):
                yield TopicsPane(id="topics-pane")
            with TabPane("4 Calculators", id="calculators"):
                yield CalculatorsPane(id="calculators-pane")
        yield Static("Terminal too small: studytui needs at least 60 columns x 20 rows.\n"
                     "Enlarge the window, or press ctrl+q to quit.", id="too-small")
        yield Footer()

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        pane = self.query_one(TopicsPane)
        last = self.settings.last_section
        if not (last and pane.open_section(last)) and self.library.sections:
            pane.open_section(self.library.sections[0].id)
        self.query_one(VimTree).focus()
        self._apply_size(self.size.width, self.size.height)
        for notice in self.notices + self.progress.notices:
            self.notify(notice, severity="warning", timeout=15)
        if self.library.problems:
            self.notify(f"{len(self.library.problems)} content problem(s): the files with "
                        "problems were skipped. Run `studytui validate` for details.",
                        severity="warning", timeout=10)

    # -- size ---------------------------------------------------------------------------
    def on_resize(self, event: Resize) -> None:
        self._apply_size(event.size.width, event.size.height)

    def _apply_size(self, width: int, height: int) -> None:
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "-too-small")

    # -- actions ------------------------------------------------------------------------
    def action_show_pane(self, pane_id: str) -> None:
        tabs = self.query_one("#panes", TabbedContent)
        tabs.active = pane_id
        self.call_after_refresh(self._focus_pane, pane_id)

    def _focus_pane(self, pane_id: str) -> None:
        for widget in self.query_one(f"#{pane_id}", TabPane).query("*"):
            if widget.focusable:
                widget.focus()
                return

    def action_help(self) -> None:
        groups = [("Anywhere", self.BINDINGS), ("Topics", TopicsPane.BINDINGS),
                  ("Calculators", CalculatorsPane.BINDINGS),
                  ("Lists and trees", VimTree.BINDINGS)]
        self.push_screen(HelpScreen(keys_table(groups, self.settings.keymap)))

    def open_section(self, section_id: str) -> None:
        """Show a section in the Topics pane (used by the palette and other panes)."""
        self.action_show_pane("topics")
        self.query_one(TopicsPane).open_section(section_id, focus_reader=True)

    # -- persistence (always off the UI thread) -----------------------------------------
    def set_read(self, section_id: str, read: bool) -> None:
        if read:
            self.read_sections.add(section_id)
        else:
            self.read_sections.discard(section_id)
        self._in_background(self.progress.set_read, section_id, read)

    @on(TopicsPane.SectionOpened)
    def _remember_section(self, event: TopicsPane.SectionOpened) -> None:
        if self.settings.last_section != event.section_id:
            self.settings.last_section = event.section_id
            self._save_settings()

    def _remember_theme(self, _theme: object) -> None:
        if self.settings.theme != self.theme:
            self.settings.theme = self.theme
            self._save_settings()

    def _save_settings(self) -> None:
        self._in_background(save_settings, self.data_dir, self.settings)

    def _in_background(self, function: Callable[..., object], *args: object) -> None:
        def run() -> None:
            try:
                function(*args)
            except Exception as exc:  # a disk problem must reach the user, not end the app
                self.call_from_thread(self.notify, f"Could not save: {exc}",
                                      severity="error", timeout=15)

        self.run_worker(run, thread=True, group="disk", exit_on_error=False)
