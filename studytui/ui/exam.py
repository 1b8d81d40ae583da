"""The exam simulation view, its navigator, the submit check and the results."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from studytui.content.text import reflow
from studytui.quiz.engine import LETTERS
from studytui.quiz.exam import Exam
from studytui.ui.vim_list import ToggleList, VimOptionList

if TYPE_CHECKING:
    from studytui.ui.app import StudyApp

EXAM_OPTION_KEYS = "abcde"  # f flags; a sixth option is chosen with space


def clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


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
        Binding("v", "navigator", "All questions", id="exam.navigator"),
        Binding("s", "submit", "Submit exam", id="exam.submit"),
    ]

    class Finished(Message):
        def __init__(self, exam: Exam, result: dict) -> None:
            super().__init__()
            self.exam = exam
            self.result = result

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.exam: Exam | None = None

    @property
    def study(self) -> StudyApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static("", id="exam-header")
        with VerticalScroll(id="exam-scroll"):
            yield Static("", id="exam-stem")
            yield ExamOptions(id="exam-options")

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)

    def begin(self, exam: Exam) -> None:
        self.exam = exam
        self._show()

    # -- display ------------------------------------------------------------------------
    def _show(self) -> None:
        exam = self.exam
        if exam is None:
            return
        shown = exam.shown[exam.current]
        self.query_one("#exam-stem", Static).update(Text(reflow(shown.question.stem)))
        self._render_options()
        options = self.query_one("#exam-options", ExamOptions)
        options.highlighted = 0
        options.focus()
        self.query_one("#exam-scroll", VerticalScroll).scroll_home(animate=False)
        self._tick()

    def _render_options(self) -> None:
        exam = self.exam
        shown = exam.shown[exam.current]
        chosen = set(exam.answers.get(exam.current, ()))
        multi = shown.question.kind == "multi"
        options = self.query_one("#exam-options", ExamOptions)
        keep = options.highlighted
        options.clear_options()
        for position, option in enumerate(shown.options):
            on_ = position in chosen
            box = ("[x]" if on_ else "[ ]") if multi else ("(•)" if on_ else "( )")
            options.add_option(Option(Text.assemble((f"{box} {LETTERS[position]}) ",
                                                     "bold" if on_ else ""),
                                                    reflow(option.text))))
        options.highlighted = keep if keep is not None else 0

    def _tick(self) -> None:
        exam = self.exam
        if exam is None or exam.submitted_at is not None:
            return
        now = datetime.now(timezone.utc)
        left = exam.seconds_left(now)
        if left <= 0:
            self._finish(auto=True)
            return
        shown = exam.shown[exam.current]
        flag = "  [b $warning]⚑ flagged[/]" if exam.current in exam.flagged else ""
        warn = "$error" if left < 300 else "$accent"
        six = "  [dim](F: space)[/]" if len(shown.options) > 5 else ""
        self.query_one("#exam-header", Static).update(
            f"[b]Exam[/]  question {exam.current + 1} of {len(exam.shown)}{flag}   "
            f"answered {len(exam.answers)}   [b {warn}]⏱ {clock(left)}[/] left\n"
            f"[$accent]{shown.instruction()}[/]{six}  [dim]a-e choose · f flag · n/p move · "
            f"v all questions · s submit[/]")

    # -- actions ------------------------------------------------------------------------
    def _save(self) -> None:
        if self.exam is not None:
            self.study._in_background(self.study.progress.save_running_exam,
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
            self._finish(auto=False)

    def _finish(self, auto: bool) -> None:
        exam = self.exam
        if exam is None or exam.submitted_at is not None:
            return
        now = datetime.now(timezone.utc)
        exam.submitted_at = now
        result = exam.result(now)
        if auto:
            self.app.notify("Time is up: the exam was submitted.", severity="warning",
                            timeout=8)
        self.post_message(self.Finished(exam, result))


class NavigatorScreen(ModalScreen[int | None]):
    """Every question with its state; enter jumps to it."""

    BINDINGS = [Binding("escape,v,q", "dismiss_none", "Close", id="navigator.close")]

    def __init__(self, exam: Exam) -> None:
        super().__init__()
        self.exam = exam

    def compose(self) -> ComposeResult:
        exam = self.exam
        marks = {"answered": "●", "flagged": "⚑", "blank": "○"}
        items = [Option(f"{marks[exam.status(i)]} {i + 1:>2}. "
                        f"{reflow(s.question.stem)[:60]}…")
                 for i, s in enumerate(exam.shown)]
        with Vertical(id="navigator-box"):
            yield Static(f"[b]All questions[/]  ● answered {len(exam.answers)}  "
                         f"⚑ flagged {len(exam.flagged)}  ○ blank {len(exam.blanks())}"
                         f"   [dim]enter: go to · escape: back[/]")
            yield VimOptionList(*items, id="navigator-list")

    def on_mount(self) -> None:
        listing = self.query_one("#navigator-list", OptionList)
        listing.highlighted = self.exam.current
        listing.focus()

    @on(OptionList.OptionSelected)
    def _go(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class SubmitScreen(ModalScreen[bool]):
    BINDINGS = [Binding("y", "answer(True)", "Submit", id="submit.yes"),
                Binding("n,escape", "answer(False)", "Keep going", id="submit.no")]

    def __init__(self, exam: Exam) -> None:
        super().__init__()
        self.exam = exam

    def compose(self) -> ComposeResult:
        blanks = self.exam.blanks()
        listed = ", ".join(str(i + 1) for i in blanks[:30]) + ("…" if len(blanks) > 30 else "")
        warning = (f"[b $warning]{len(blanks)} unanswered[/] (they count as wrong): {listed}"
                   if blanks else "Every question has an answer.")
        flagged = (f"\n{len(self.exam.flagged)} still flagged for review."
                   if self.exam.flagged else "")
        with Vertical(id="submit-box"):
            yield Static(f"[b]Submit the exam?[/]\n\n{warning}{flagged}\n\n"
                         f"[b]y[/] submit now · [b]n[/] keep going")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class ResumeScreen(ModalScreen[str]):
    """An exam was running when the app closed: resume it, submit it, or decide later."""

    BINDINGS = [Binding("r", "choose('resume')", "Resume", id="resume.resume"),
                Binding("s", "choose('submit')", "Submit now", id="resume.submit"),
                Binding("l,escape", "choose('later')", "Later", id="resume.later")]

    def __init__(self, seconds_left: float, answered: int, total: int) -> None:
        super().__init__()
        self.seconds_left = seconds_left
        self.answered = answered
        self.total = total

    def compose(self) -> ComposeResult:
        with Vertical(id="submit-box"):
            yield Static(f"[b]An exam is in progress[/]\n\n{self.answered} of {self.total} "
                         f"answered, {clock(self.seconds_left)} left (the clock kept "
                         f"running while the app was closed).\n\n[b]r[/] resume · [b]s[/] "
                         f"submit now · [b]l[/] later")

    def action_choose(self, value: str) -> None:
        self.dismiss(value)
