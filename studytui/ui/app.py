"""The studytui Textual application: the shell that holds the panes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Footer, Static

from studytui.content.model import Library, Section
from studytui.content.text import plural
from studytui.progress import ProgressLog
from studytui.settings import Settings, drop_unknown_keymap_ids, save_settings
from studytui.ui import start_up
from studytui.ui.pane_tabs import PaneTabs
from studytui.ui.topics import TopicsPane
from studytui.ui.vim_tree import VimTree

if TYPE_CHECKING:
    from studytui.quiz.schedule import Planner
    from studytui.search import SearchIndex

MIN_WIDTH, MIN_HEIGHT = 60, 20
WARM_UP_DELAY_S = 0.3
PANES = [("topics", "1 Topics"), ("search", "2 Search"), ("quiz", "3 Quiz"),
         ("calculators", "4 Calculators"), ("progress", "5 Progress")]


def topic_commands() -> type:
    # palette providers import textual.command: named lazily so start-up skips it
    from studytui.ui.commands import TopicCommands

    return TopicCommands


def action_commands() -> type:
    from studytui.ui.commands import ActionCommands

    return ActionCommands


def note_search_commands() -> type:
    from studytui.ui.commands import NoteSearchCommands

    return NoteSearchCommands


def _build_pane(pane_id: str) -> Widget:
    if pane_id == "quiz":
        from studytui.ui.quiz import QuizPane

        return QuizPane(id="quiz-pane")
    if pane_id == "search":
        from studytui.ui.search import SearchPane

        return SearchPane(id="search-pane")
    if pane_id == "progress":
        from studytui.ui.progress import ProgressPane

        return ProgressPane(id="progress-pane")
    if pane_id == "calculators":
        from studytui.ui.calculators import CalculatorsPane

        return CalculatorsPane(id="calculators-pane")
    raise KeyError(pane_id)


def all_binding_ids() -> set[str]:
    """Every binding id of the app's widgets and screens (asked only when a keymap is set:
    it imports every pane)."""
    import importlib
    import inspect

    from textual.dom import DOMNode

    ids: set[str] = set()
    for name in ("app", "calculators", "exam", "exam_result", "help", "progress", "quiz",
                 "search", "topics", "vim_list", "vim_tree"):
        module = importlib.import_module(f"studytui.ui.{name}")
        for value in vars(module).values():
            if (inspect.isclass(value) and issubclass(value, DOMNode)
                    and value.__module__ == module.__name__):
                ids.update(b.id for b in value.BINDINGS if isinstance(b, Binding) and b.id)
    return ids


class StudyApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "studytui"
    SUB_TITLE = "AWS Developer Associate (DVA-C02)"
    COMMANDS = App.COMMANDS | {action_commands, topic_commands, note_search_commands}
    AUTO_FOCUS = "#topic-tree"
    BINDINGS = [
        Binding("1", "show_pane('topics')", "Topics", id="pane.topics", show=False),
        Binding("2", "show_pane('search')", "Search", id="pane.search", show=False),
        Binding("slash", "show_pane('search')", "Search", id="app.search"),
        Binding("3", "show_pane('quiz')", "Quiz", id="pane.quiz", show=False),
        Binding("4", "show_pane('calculators')", "Calculators", id="pane.calculators",
                show=False),
        Binding("5", "show_pane('progress')", "Progress", id="pane.progress", show=False),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, library: Library, progress: ProgressLog, settings: Settings,
                 data_dir: Path, notices: list[str] | None = None,
                 read_sections: set[str] | None = None,
                 start_pane: str | None = None) -> None:
        super().__init__()
        self.library = library
        self.progress = progress
        self.settings = settings
        self.data_dir = data_dir
        self.notices = list(notices or [])
        self.read_sections: set[str] = set(read_sections or ())
        self.start_pane = start_pane
        self._planner: Planner | None = None
        self._search_index: SearchIndex | None = None
        self._index_lock = threading.Lock()
        self._full_css = False
        # the learner's local time; tests and screenshots pin it
        self.clock: Callable[[], datetime] = lambda: datetime.now().astimezone()
        if settings.keymap:
            drop_unknown_keymap_ids(settings, all_binding_ids(), self.notices)
            self.set_keymap(settings.keymap)

    def compose(self) -> ComposeResult:
        first = PANES[0][0]  # Topics: the only pane built at start-up
        yield PaneTabs(PANES, first, f"{self.TITLE} · DVA-C02", id="pane-tabs")
        with ContentSwitcher(id="panes", initial=first):
            with Container(id=first):
                yield TopicsPane(self._initial_section(), id="topics-pane")
            # the other panes are built on first visit: start-up pays for Topics only
            for pane_id, _title in PANES[1:]:
                yield Container(id=pane_id)
        yield Static("Terminal too small: studytui needs at least 60 columns x 20 rows.\n"
                     "Enlarge the window, or press ctrl+q to quit.", id="too-small")

    def on_mount(self) -> None:
        self.call_after_refresh(self._mount_footer)
        self.call_after_refresh(start_up.end)  # what `studytui` tuned for the first frame
        # every theme change restyles the whole DOM: only set one that differs
        if self.settings.theme not in self.available_themes:
            self.notices.append(f"settings.json: theme '{self.settings.theme}' is not a "
                                f"theme studytui knows; the default is used (ctrl+p, theme).")
            self.settings.theme = self.theme
        elif self.theme != self.settings.theme:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._apply_size(self.size.width, self.size.height)
        if self.start_pane:
            self.call_after_refresh(self.run_action, f"show_pane('{self.start_pane}')")
        for notice in self.notices + self.progress.notices:
            self.notify(notice, severity="warning", timeout=15)
        # Background work waits for the first screen: a worker thread holding the GIL
        # while the first frame is composed would only delay what the learner sees.
        self.set_timer(WARM_UP_DELAY_S, self._after_first_paint)

    async def _mount_footer(self) -> None:
        # the footer (a widget per key, each styled) joins one frame after the first: the
        # notes are what a learner opens the app for
        if self.is_running and self.screen.is_mounted and not self.query(Footer):
            await self.screen.mount(Footer())
            self.screen.refresh_bindings()  # a footer fills itself on this signal

    def _after_first_paint(self) -> None:
        self.ensure_full_css()
        # the questions (and their files' problems) are read now; a pane that needs them
        # sooner reads them itself (Library.complete)
        self.run_in_background(self._complete_library, self._report_content_problems)
        # the answer history is checked off the UI thread; damage is reported when found
        self._in_background(self.progress.check_all)
        self.run_in_background(self.progress.load_running_exam, self._offer_resume)
        self.run_in_background(self.search_index, lambda _index: None)  # warm it up

    def _complete_library(self) -> int:
        self.library.complete()
        return len(self.library.problems)

    def _report_content_problems(self, count: int) -> None:
        if count:
            self.notify(f"{plural(count, 'content problem')}: the files with problems were "
                        "skipped. Run `studytui validate` for details.",
                        severity="warning", timeout=10)

    def _initial_section(self) -> Section | None:
        """Where the learner left off, else the first section."""
        last = self.library.section_by_id.get(self.settings.last_section or "")
        return last or next(iter(self.library.sections), None)

    # -- if something breaks ------------------------------------------------------------
    def _print_error_renderables(self) -> None:
        """A crash is written to a log in the data folder; the user gets one plain line.

        (Textual would print a full traceback on the terminal.)"""
        if not self._exit_renderables:
            return
        from datetime import datetime, timezone

        from rich.console import Console

        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        log = self.data_dir / f"crash-{stamp}.log"
        try:
            with open(log, "w", encoding="utf-8") as handle:
                console = Console(file=handle, width=100, color_system=None)
                for renderable in self._exit_renderables:
                    console.print(renderable)
            where = f"details are in {log}"
        except OSError:
            where = "details could not be saved"
        self._exit_renderables.clear()
        self.error_console.print(f"studytui stopped after an unexpected error; your progress "
                                 f"is saved, {where}. Please report it.", markup=False,
                                 highlight=False)

    # -- size ---------------------------------------------------------------------------
    def on_resize(self, event: Resize) -> None:
        self._apply_size(event.size.width, event.size.height)

    def _apply_size(self, width: int, height: int) -> None:
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        if small != self.has_class("-too-small"):  # a class change restyles everything
            self.set_class(small, "-too-small")

    # -- actions ------------------------------------------------------------------------
    async def action_show_pane(self, pane_id: str, focus: bool = True) -> None:
        await self.ensure_pane(pane_id)
        self.query_one("#panes", ContentSwitcher).current = pane_id
        self.query_one(PaneTabs).active = pane_id
        if focus:
            self.call_after_refresh(self._focus_pane, pane_id)

    def ensure_full_css(self) -> None:
        """Read panes.tcss (the CSS of every pane but Topics, and of the dialogs) once: 0.3 s
        after start, or sooner when a pane or the help opens first. Other dialogs open
        from panes, so it is read by then."""
        if self._full_css:
            return
        self._full_css = True
        self.stylesheet.read(Path(__file__).with_name("panes.tcss"))
        self.stylesheet.update(self)

    async def ensure_pane(self, pane_id: str) -> Widget:
        """The pane's widget, built and mounted now if this is its first visit."""
        holder = self.query_one(f"#panes > #{pane_id}", Container)
        if holder.children:
            return holder.children[0]
        self.ensure_full_css()
        pane = _build_pane(pane_id)
        await holder.mount(pane)
        return pane

    def _focus_pane(self, pane_id: str) -> None:
        holder = self.query_one(f"#panes > #{pane_id}", Container)
        pane = holder.children[0] if holder.children else None
        if pane is not None and hasattr(pane, "default_focus"):
            pane.default_focus()
            return
        for widget in holder.query("*"):
            if widget.focusable:
                widget.focus()
                return

    def action_help(self) -> None:
        from studytui.ui.calculators import CalculatorsPane
        from studytui.ui.exam import ExamView
        from studytui.ui.exam_result import ExamResult
        from studytui.ui.help import HelpScreen, keys_table
        from studytui.ui.progress import ProgressPane
        from studytui.ui.quiz import QuizPane
        from studytui.ui.search import SearchPane

        groups = [("Anywhere", self.BINDINGS), ("Topics", TopicsPane.BINDINGS),
                  ("Search", SearchPane.BINDINGS),
                  ("Quiz", QuizPane.BINDINGS), ("Exam", ExamView.BINDINGS),
                  ("Exam review", ExamResult.BINDINGS),
                  ("Calculators", CalculatorsPane.BINDINGS),
                  ("Progress", ProgressPane.BINDINGS),
                  ("Lists and trees", VimTree.BINDINGS)]
        here = self._help_place()
        keymap = self.settings.keymap
        self.ensure_full_css()  # ? can come before the rest of the CSS is read
        self.push_screen(HelpScreen(here, keys_table([g for g in groups if g[0] == here]
                                                     + [groups[0]], keymap),
                                    keys_table(groups, keymap)))

    def _help_place(self) -> str:
        """Which group of keys the help opens at: the pane showing (the exam or its review
        when one is on screen in the Quiz pane)."""
        pane = self.query_one("#panes", ContentSwitcher).current or "topics"
        if pane == "quiz":
            view = self.query("#quiz-switcher")
            current = view.first(ContentSwitcher).current if view else None
            return {"quiz-exam": "Exam", "quiz-exam-result": "Exam review"}.get(
                current or "", "Quiz")
        return dict(PANES).get(pane, "1 Topics").split(" ", 1)[1]

    async def open_section(self, section_id: str, highlight: tuple[str, ...] = ()) -> None:
        """Show a section in the Topics pane (used by the palette and other panes)."""
        await self.action_show_pane("topics", focus=False)
        self.query_one(TopicsPane).open_section(section_id, focus_reader=True,
                                                highlight=highlight)

    async def open_question(self, question_id: str) -> None:
        """Show one question in a single-question practice session."""
        from studytui.quiz.engine import QuizFilter
        from studytui.ui.quiz import QuizPane

        await self.action_show_pane("quiz", focus=False)
        self.query_one(QuizPane).start(QuizFilter(question_ids=(question_id,), count=None))

    @property
    def built_search_index(self) -> SearchIndex | None:
        """The index if a worker has built it already (the palette never waits for it)."""
        return self._search_index

    def search_index(self) -> SearchIndex:
        """The notes index, built on first use; call from a worker, never the UI thread."""
        with self._index_lock:
            if self._search_index is None:
                from studytui.locations import content_dirs
                from studytui.search import SearchIndex as Index
                from studytui.search.synonyms import load_synonyms

                groups, _ = load_synonyms(content_dirs()[0] / "synonyms.yaml")
                self._search_index = Index(self.library, groups)
            return self._search_index

    def _offer_resume(self, data: dict) -> None:
        """A saved exam: offer to resume it, or submit it if its time ran out."""
        from datetime import datetime, timezone

        from studytui.quiz.exam import Exam
        from studytui.ui.exam import ExamView, ResumeScreen
        from studytui.ui.quiz import QuizPane

        quiz = self.query(QuizPane)  # built on first visit: it may not exist yet
        if quiz and quiz.first().exam_running:
            return  # the saved exam is the one already running in this session

        exam = Exam.from_dict(data, self.library)
        if exam is None:
            self.notify("The saved exam uses questions that no longer exist; it was "
                        "discarded.", severity="warning", timeout=10)
            self._in_background(self.progress.clear_running_exam)
            return
        now = datetime.now(timezone.utc)
        left = exam.seconds_left(now)
        if left <= 0:
            from studytui.ui.quiz import save_exam_result

            result = exam.result(now)
            save_exam_result(self, exam, result, notify=False)  # one toast, this one
            self.notify(f"Your exam's time ran out while the app was closed, so it was "
                        f"submitted: {result['score']} "
                        f"({'pass' if result['passed'] else 'fail'}). See Progress (5).",
                        severity="warning", timeout=15)
            return

        async def chosen(choice: str | None) -> None:
            if choice in ("resume", "submit"):
                await self.action_show_pane("quiz", focus=False)
                pane = self.query_one(QuizPane)
                pane.resume_exam(exam)
                if choice == "submit":
                    pane.query_one(ExamView).submit()
                self.call_after_refresh(self._focus_pane, "quiz")
            else:  # later: it stays on disk, untouched, and the Quiz pane lists it
                for pane in self.query(QuizPane):
                    pane.refresh_saved()

        self.push_screen(ResumeScreen(left, len(exam.answered()), len(exam.shown),
                                      paused=exam.paused_at is not None), chosen)

    async def resume_saved_exam(self) -> None:
        """Resume the saved exam from anywhere (the palette); says so if there is none."""
        from studytui.ui.quiz import QuizPane

        await self.action_show_pane("quiz", focus=False)
        self.query_one(QuizPane).resume_saved()

    async def toggle_tree(self) -> None:
        """Hide or show the topic tree from anywhere (the palette)."""
        await self.action_show_pane("topics")
        self.query_one(TopicsPane).action_toggle_tree()

    async def review_due(self) -> None:
        """Start spaced review from anywhere (the palette)."""
        from studytui.ui.quiz import QuizPane

        await self.action_show_pane("quiz", focus=False)
        self.query_one(QuizPane).start_review(self.settings.daily_new_limit or 20)

    async def start_exam(self) -> None:
        """Ask for an exam from anywhere (the palette): the Quiz pane's start screen."""
        from studytui.ui.quiz import QuizPane

        await self.action_show_pane("quiz", focus=False)
        self.query_one(QuizPane).request_exam()

    def export_history(self) -> None:
        """Write the answer history as CSV into the data folder's exports/, off the UI
        thread, and say where it went."""
        from datetime import datetime

        folder = self.data_dir / "exports"
        target = folder / f"history-{datetime.now():%Y%m%d-%H%M%S}.csv"

        def write() -> tuple[str, int]:
            from studytui.fileio import atomic_write_text
            from studytui.progress.folder import ensure_writable
            from studytui.progress.stats import export_attempts

            attempts = self.progress.attempts()
            ensure_writable(folder)
            atomic_write_text(target, export_attempts(attempts, "csv"))
            return str(target), len(attempts)

        self.run_in_background(write, lambda done: self.notify(
            f"Exported {done[1]} answers to {done[0]}", timeout=10))

    def export_anki(self) -> None:
        """Write every question and exam tip as an Anki package into the data folder's
        exports/, off the UI thread, and say where it went and how many cards. The name
        is the same each time: importing it again updates the cards in Anki."""
        folder = self.data_dir / "exports"
        library = self.library

        def write() -> tuple[str, str]:
            from studytui.anki import DEFAULT_FILENAME, build_export
            from studytui.fileio import atomic_write_bytes
            from studytui.progress.folder import ensure_writable

            export = build_export(library)
            ensure_writable(folder)
            target = folder / DEFAULT_FILENAME
            atomic_write_bytes(target, export.to_bytes())
            return str(target), export.counts_text()

        self.run_in_background(write, lambda done: self.notify(
            f"Exported {done[1]} to {done[0]}", timeout=10))

    async def open_calculator(self, calculator_id: str, values: dict) -> None:
        """Show a calculator prefilled with a question's numbers."""
        from studytui.ui.calculators import CalculatorsPane

        await self.action_show_pane("calculators", focus=False)
        await self.query_one(CalculatorsPane).show(calculator_id, values)

    # -- persistence (always off the UI thread) -----------------------------------------
    @property
    def planner(self) -> Planner:
        if self._planner is None:
            from studytui.quiz.schedule import Planner  # fsrs: not needed for the first frame

            self._planner = Planner(self.settings.desired_retention)
        return self._planner

    def save_attempt(self, record: dict,
                     on_saved: Callable[[dict], None] | None = None) -> None:
        """Save (and schedule) an answer off the UI thread; on_saved gets the new state."""
        self._in_background(self.progress.record_attempt, record, self.planner,
                            on_done=on_saved)

    def rerate(self, question_id: str, rating: int,
               on_saved: Callable[[dict], None] | None = None) -> None:
        self._in_background(self.progress.rerate, question_id, rating, self.planner,
                            on_done=on_saved)

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

    def run_in_background(self, function: Callable[[], Any],
                          on_done: Callable[[Any], None]) -> None:
        """Run a disk-bound function (a read or a save) in a worker and hand its result
        to on_done."""
        self._in_background(function, on_done=on_done)

    def _in_background(self, function: Callable[..., object], *args: object,
                       on_done: Callable[[Any], None] | None = None) -> None:
        def run() -> None:
            seen = len(self.progress.notices)
            try:
                result = function(*args)
            except Exception as exc:  # a disk problem must reach the user, not end the app
                self.call_from_thread(self.notify, f"Could not read or save: {exc}",
                                      severity="error", timeout=15)
            else:
                if on_done is not None and result is not None:
                    self.call_from_thread(on_done, result)
            for notice in self.progress.notices[seen:]:  # e.g. a damaged file set aside
                self.call_from_thread(self.notify, notice, severity="warning", timeout=20)

        self.run_worker(run, thread=True, group="disk", exit_on_error=False)
