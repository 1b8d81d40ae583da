"""The exam simulation view, its navigator, the submit check and the results."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from studytui.content.text import reflow
from studytui.quiz.engine import LETTERS
from studytui.quiz.exam import EXAM_MINUTES, EXAM_QUESTIONS, EXAM_UNSCORED, Exam
from studytui.ui.inline import hanging, inline_text
from studytui.ui.pane_tabs import PaneTabs
from studytui.ui.vim_list import ToggleList, VimOptionList

if TYPE_CHECKING:
    from studytui.ui.app import StudyApp

EXAM_OPTION_KEYS = "abcde"  # f flags; a sixth option is chosen with space


def clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def short_clock(seconds: float) -> str:
    """'2:09' (hours and minutes), or '4 min' under an hour: for lists and dialogs,
    where seconds would only flicker."""
    hours, minutes = divmod(int(seconds) // 60, 60)
    return f"{hours}:{minutes:02d}" if hours else f"{minutes} min"


def exam_label(exam: Exam, now: datetime) -> str:
    """'11/65, 2:09 left' (', paused' when its clock stands still)."""
    paused = ", paused" if exam.paused_at is not None else ""
    return (f"{len(exam.answered())}/{len(exam.shown)}, "
            f"{short_clock(exam.seconds_left(now))} left{paused}")


def set_tabs_timer(widget, text: str) -> None:
    """The countdown on the top line, seen from every pane while an exam runs."""
    tabs = widget.app.query(PaneTabs)
    if tabs:
        tabs.first().timer = text


class ExamOptions(ToggleList):
    """Exam answer options: enter (select) toggles too, so nothing submits by accident."""


class ExamView(Vertical, can_focus=True):
    """One exam question at a time, with the countdown always in the header."""

    BINDINGS = [
        *[Binding(k, f"choose({i})", f"Option {k.upper()}", show=False, id=f"exam.choose_{k}")
          for i, k in enumerate(EXAM_OPTION_KEYS)],
        Binding("f", "flag", "Flag", id="exam.flag"),
        Binding("n,right", "move(1)", "Next", id="exam.next"),
        Binding("p,left", "move(-1)", "Prev", id="exam.previous"),
        Binding("v", "navigator", "All", id="exam.navigator"),
        Binding("s", "submit", "Submit", id="exam.submit"),
        Binding("escape", "leave", "Pause/leave", id="exam.leave"),
    ]

    class Finished(Message):
        def __init__(self, exam: Exam, result: dict, auto: bool = False) -> None:
            super().__init__()
            self.exam = exam
            self.result = result
            self.auto = auto  # the time ran out

    class Left(Message):
        """The learner left the exam: `how` is 'paused' (saved) or 'abandoned' (gone)."""

        def __init__(self, exam: Exam, how: str) -> None:
            super().__init__()
            self.exam = exam
            self.how = how

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.exam: Exam | None = None

    if TYPE_CHECKING:  # types self.app as the StudyApp it always is; nothing at run time
        app = getters.app(StudyApp)

    def compose(self) -> ComposeResult:
        yield Static("", id="exam-header")
        with VerticalScroll(id="exam-scroll"):
            yield Static("", id="exam-stem")
            yield ExamOptions(id="exam-options")

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)

    def begin(self, exam: Exam) -> None:
        self.exam = exam
        exam.unpause(datetime.now(timezone.utc))
        self._show()

    # -- display ------------------------------------------------------------------------
    def _show(self) -> None:
        exam = self.exam
        if exam is None:
            return
        shown = exam.shown[exam.current]
        self.query_one("#exam-stem", Static).update(inline_text(reflow(shown.question.stem)))
        self._render_options()
        options = self.query_one("#exam-options", ExamOptions)
        options.highlighted = 0
        options.focus()
        self.query_one("#exam-scroll", VerticalScroll).scroll_home(animate=False)
        self._tick()

    def _render_options(self) -> None:
        exam = self.exam
        if exam is None:
            return
        shown = exam.shown[exam.current]
        chosen = set(exam.answers.get(exam.current, ()))
        multi = shown.question.kind == "multi"
        options = self.query_one("#exam-options", ExamOptions)
        keep = options.highlighted
        options.clear_options()
        for position, option in enumerate(shown.options):
            on_ = position in chosen
            box = ("[x]" if on_ else "[ ]") if multi else ("(•)" if on_ else "( )")
            options.add_option(Option(hanging(
                Text(f"{box} {LETTERS[position]}) ", "bold" if on_ else ""),
                inline_text(reflow(option.text)))))
        options.highlighted = keep if keep is not None else 0

    @property
    def running(self) -> bool:
        exam = self.exam
        return exam is not None and exam.submitted_at is None and exam.paused_at is None

    def _tick(self) -> None:
        if not self.running:
            return
        exam = self.exam
        assert exam is not None
        now = datetime.now(timezone.utc)
        left = exam.seconds_left(now)
        if left <= 0:
            self.submit(auto=True)
            return
        shown = exam.shown[exam.current]
        chosen = exam.answers.get(exam.current, ())
        flag = "  [b $warning]⚑ flagged[/]" if exam.current in exam.flagged else ""
        warn = "$error" if left < 300 else "$accent"
        six = "  [dim](F: space)[/]" if len(shown.options) > 5 else ""
        note = shown.progress_note(chosen)
        if note:
            style = "$text-success" if len(chosen) == shown.needed else "$text-warning"
            note = f" · [b {style}]{note}[/]"
        self.query_one("#exam-header", Static).update(
            f"[b]Exam[/]  question {exam.current + 1} of {len(exam.shown)}{flag}   "
            f"answered {len(exam.answered())}   [b {warn}]⏱ {clock(left)}[/] left\n"
            f"[$accent]{shown.instruction()}[/]{note}{six}  [dim]a-e choose · f flag · "
            f"n/p move · v all · esc pause[/]")
        set_tabs_timer(self, f"Exam ⏱ {clock(left)}")

    # -- actions ------------------------------------------------------------------------
    def _save(self) -> None:
        if self.exam is not None and self.exam.submitted_at is None:
            self.app._in_background(self.app.progress.save_running_exam,
                                      self.exam.to_dict())

    def action_choose(self, index: int) -> None:
        exam = self.exam
        if exam is None:
            return
        shown = exam.shown[exam.current]
        if index >= len(shown.options):
            return
        chosen = set(exam.answers.get(exam.current, ()))
        chosen = chosen ^ {index} if shown.question.kind == "multi" else {index}
        exam.answer(exam.current, sorted(chosen))
        self.query_one("#exam-options", ExamOptions).highlighted = index
        self._render_options()
        self._tick()
        self._save()

    @on(ExamOptions.Toggle)
    def _toggle(self, event: ExamOptions.Toggle) -> None:
        self.action_choose(event.index)

    @on(OptionList.OptionSelected, "#exam-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.action_choose(event.option_index)

    def action_flag(self) -> None:
        if self.exam is not None:
            self.exam.toggle_flag(self.exam.current)
            self._tick()
            self._save()

    def action_move(self, step: int) -> None:
        self.jump((self.exam.current + step) if self.exam else 0)

    def jump(self, position: int) -> None:
        exam = self.exam
        if exam is None:
            return
        exam.current = max(0, min(len(exam.shown) - 1, position))
        self._show()
        self._save()

    def action_navigator(self) -> None:
        if self.exam is not None:
            self.app.push_screen(NavigatorScreen(self.exam), self._navigated)

    def _navigated(self, position: int | None) -> None:
        if position is not None:
            self.jump(position)

    def action_submit(self) -> None:
        if self.exam is not None:
            self.app.push_screen(SubmitScreen(self.exam), self._confirmed)

    def _confirmed(self, submit: bool | None) -> None:
        if submit:
            self.submit(auto=False)

    def action_leave(self) -> None:
        if self.running and self.exam is not None:
            self.app.push_screen(PauseScreen(self.exam), self._left)

    def _left(self, choice: str | None) -> None:
        exam = self.exam
        if exam is None or not self.running:
            return
        if choice == "submit":
            self.action_submit()
        elif choice == "pause":
            exam.pause(datetime.now(timezone.utc))
            self._save()
            self._stop()
            self.post_message(self.Left(exam, "paused"))
        elif choice == "abandon":
            exam.submitted_at = datetime.now(timezone.utc)  # over: no tick, no save
            self.app._in_background(self.app.progress.clear_running_exam)
            self._stop()
            self.post_message(self.Left(exam, "abandoned"))

    def _stop(self) -> None:
        set_tabs_timer(self, "")

    def submit(self, auto: bool = False) -> None:
        """Submit the exam now (auto: because its time ran out)."""
        exam = self.exam
        if exam is None or exam.submitted_at is not None:
            return
        now = datetime.now(timezone.utc)
        exam.submitted_at = now
        result = exam.result(now)
        self._stop()
        # no toast: the result view says the time ran out, where a toast would cover it
        self.post_message(self.Finished(exam, result, auto=auto))


class NavigatorScreen(ModalScreen[int | None]):
    """Every question with its state; enter jumps to it."""

    BINDINGS = [Binding("escape,v,q", "dismiss_none", "Close", id="navigator.close")]

    def __init__(self, exam: Exam) -> None:
        super().__init__()
        self.exam = exam

    def compose(self) -> ComposeResult:
        exam = self.exam
        items = []
        for i, shown in enumerate(exam.shown):
            if exam.is_complete(i):
                mark = "●"
            elif i in exam.answers:  # a 'Choose TWO' with one pick is not an answer yet
                mark = "◐"
            else:
                mark = "○"
            flag = "⚑" if i in exam.flagged else " "
            note = shown.progress_note(exam.answers.get(i, ()))
            note = f"({note}) " if note and mark == "◐" else ""
            items.append(Option(hanging(Text(f"{mark}{flag} {i + 1:>2}. "),
                                        inline_text(f"{note}"
                                                    f"{reflow(shown.question.stem)[:60]}…"))))
        with Vertical(id="navigator-box"):
            yield Static(f"[b]All questions[/]  ● answered {len(exam.answered())}  "
                         f"◐ incomplete {len(exam.incomplete())}  ○ blank "
                         f"{len(exam.blanks())}  ⚑ flagged {len(exam.flagged)}"
                         f"   [dim]enter: go to · escape: back[/]")
            yield VimOptionList(*items, id="navigator-list")
        yield Footer()

    def on_mount(self) -> None:
        listing = self.query_one("#navigator-list", OptionList)
        listing.highlighted = self.exam.current
        listing.focus()

    @on(OptionList.OptionSelected)
    def _go(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


R = TypeVar("R")


class TextDialog(ModalScreen[R]):
    """A dialog that is one text and its keys: each key binds `choose(value)`, which
    closes the dialog with that value. Subclasses write `text()`."""

    BINDINGS = []  # each dialog lists its own keys, each with an id
    BOX_ID = "submit-box"
    TEXT_ID: str | None = None

    def text(self) -> str:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(id=self.BOX_ID):
            yield Static(self.text(), id=self.TEXT_ID)
        yield Footer()

    def action_choose(self, value: R) -> None:
        self.dismiss(value)


class SubmitScreen(TextDialog[bool]):
    BINDINGS = [Binding("y", "choose(True)", "Submit", id="submit.yes"),
                Binding("n,escape", "choose(False)", "Keep going", id="submit.no")]

    def __init__(self, exam: Exam) -> None:
        super().__init__()
        self.exam = exam

    def text(self) -> str:
        def listed(positions: list[int]) -> str:
            return (", ".join(str(i + 1) for i in positions[:30])
                    + ("…" if len(positions) > 30 else ""))

        blanks, short = self.exam.blanks(), self.exam.incomplete()
        warning = (f"[b $warning]{len(blanks)} unanswered[/] (they count as wrong): "
                   f"{listed(blanks)}" if blanks else "Every question has an answer.")
        if short:
            warning += (f"\n[b $warning]{len(short)} incomplete[/] (too few or too many "
                        f"options chosen: wrong): {listed(short)}")
        flagged = (f"\n{len(self.exam.flagged)} still flagged for review."
                   if self.exam.flagged else "")
        return (f"[b]Submit the exam?[/]\n\n{warning}{flagged}\n\n"
                f"[b]y[/] submit now · [b]n[/] keep going")


class ResumeScreen(TextDialog[str]):
    """An exam was running when the app closed: resume it, submit it, or decide later."""

    BINDINGS = [Binding("r", "choose('resume')", "Resume", id="resume.resume"),
                Binding("s", "choose('submit')", "Submit now", id="resume.submit"),
                Binding("l,escape", "choose('later')", "Later", id="resume.later")]

    def __init__(self, seconds_left: float, answered: int, total: int,
                 paused: bool = False) -> None:
        super().__init__()
        self.seconds_left = seconds_left
        self.answered = answered
        self.total = total
        self.paused = paused

    def text(self) -> str:
        how = ("paused: its clock stands still" if self.paused else
               "the clock kept running while the app was closed")
        return (f"[b]An exam is in progress[/]\n\n{self.answered} of {self.total} "
                f"answered, {clock(self.seconds_left)} left ({how})."
                f"\n\n[b]r[/] resume · [b]s[/] "
                f"submit now · [b]l[/] later: it stays saved, to resume from the "
                f"Quiz pane's list or the command palette (ctrl+p)")


class ExamStartScreen(TextDialog[bool]):
    """What an exam is, before its clock starts: begin or cancel."""

    BINDINGS = [Binding("enter,b", "choose(True)", "Begin", id="exam_start.begin"),
                Binding("escape,c", "choose(False)", "Cancel", id="exam_start.cancel")]
    BOX_ID = "exam-start-box"
    TEXT_ID = "exam-start-text"

    def __init__(self, questions: int = EXAM_QUESTIONS, unscored: int = EXAM_UNSCORED,
                 minutes: int = EXAM_MINUTES, replaces: str = "") -> None:
        super().__init__()
        self.questions, self.unscored, self.minutes = questions, unscored, minutes
        self.replaces = replaces

    def text(self) -> str:
        replaces = (f"\n\n[b $warning]Beginning discards your saved exam[/] "
                    f"({self.replaces}); it is not scored." if self.replaces else "")
        return (f"[b]Exam simulation (DVA-C02)[/]\n\n"
                f"[b]{self.questions} questions[/] ({self.questions - self.unscored} scored, "
                f"{self.unscored} unscored and not marked, as on the real exam) in "
                f"[b]{self.minutes} minutes[/]. Pass mark 720 of 1000; blanks and partly "
                f"right answers count as wrong.\n\n"
                f"The clock starts when you begin. [b]escape[/] in the exam pauses it or "
                f"lets you leave; closing the app keeps the exam, and its clock runs."
                f"{replaces}\n\n[b]enter[/] begin · [b]escape[/] cancel")


class ReplaceExamScreen(TextDialog[str]):
    """A new exam would replace the saved one: resume it, discard it, or cancel."""

    BINDINGS = [Binding("r", "choose('resume')", "Resume it", id="replace_exam.resume"),
                Binding("d", "choose('discard')", "Discard, start new",
                        id="replace_exam.discard"),
                Binding("escape,c", "choose('cancel')", "Cancel", id="replace_exam.cancel")]

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label

    def text(self) -> str:
        return (f"[b]You have a saved exam[/] ({self.label}).\n\nA new exam would "
                f"replace it: its answers would be lost, unscored.\n\n"
                f"[b]r[/] resume it · [b]d[/] discard it and start a new one · "
                f"[b]escape[/] cancel")


class PauseScreen(TextDialog[str]):
    """escape inside an exam: resume, pause and leave, abandon unscored, or submit."""

    BINDINGS = [Binding("r,escape", "choose('resume')", "Resume", id="pause.resume"),
                Binding("p", "choose('pause')", "Pause and leave", id="pause.leave"),
                Binding("s", "choose('submit')", "Submit", id="pause.submit"),
                Binding("a", "abandon", "Abandon", id="pause.abandon")]

    def __init__(self, exam: Exam) -> None:
        super().__init__()
        self.exam = exam
        self.armed = False  # abandoning takes a second a

    TEXT_ID = "pause-text"

    def text(self) -> str:
        label = exam_label(self.exam, datetime.now(timezone.utc))
        if self.armed:
            return (f"[b $error]Abandon the exam?[/] ({label})\n\nIt is not scored and "
                    f"not kept: nothing goes into your history.\n\n[b]a[/] abandon it · "
                    f"[b]escape[/] back to the exam")
        return (f"[b]Leave the exam?[/] ({label})\n\n"
                f"[b]r[/] resume\n"
                f"[b]p[/] pause and leave: the exam is saved and its clock stops; resume "
                f"it from the Quiz pane's list\n"
                f"[b]s[/] submit for scoring · [b]a[/] abandon without scoring")

    def action_abandon(self) -> None:
        if self.armed:
            self.dismiss("abandon")
            return
        self.armed = True
        self.query_one("#pause-text", Static).update(self.text())
