"""Quiz pane: choose what to practise, answer one question at a time, see why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.message import Message
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widgets import ContentSwitcher, Footer, Input, Label, Markdown, SelectionList, Static
from textual.widgets.option_list import Option

from studytui.blueprint import DOMAINS, domain_label
from studytui.content.text import reflow
from studytui.quiz.engine import (
    LETTERS,
    Outcome,
    QuizFilter,
    QuizSession,
    answer_fields,
    select_questions,
)
from studytui.quiz.exam import EXAM_MINUTES, EXAM_QUESTIONS, EXAM_UNSCORED, Exam
from studytui.ui.exam import ExamStartScreen, ExamView, ReplaceExamScreen, exam_label
from studytui.ui.exam_result import ExamResult
from studytui.ui.inline import hanging, inline_text
from studytui.ui.vim_list import ToggleList

if TYPE_CHECKING:
    from studytui.ui.app import StudyApp

ANSWER_KEYS = "abcdef"
MAX_SESSION = 200  # a session, not the bank: the exam simulation is the long run
# after answering, each option says what it was: in words and signs, not colour alone
VERDICTS = {"right": ("✓", "your pick, right", "green"),
            "wrong": ("✗", "your pick, wrong", "red"),
            "missed": ("✓", "missed", "yellow"),
            "": (" ", "", "dim")}


def humanize_until(when, now) -> str:
    seconds = (when - now).total_seconds()
    if seconds < 90:
        return "in about a minute"
    if seconds < 3600:
        return f"in {round(seconds / 60)} minutes"
    if seconds < 36 * 3600:
        return f"in {round(seconds / 3600)} hours"
    return f"in {round(seconds / 86400)} days"


class AnswerList(ToggleList):
    """The lettered options; space toggles, enter submits (not 'select')."""

    BINDINGS = [Binding("enter", "submit", "Submit / next", id="answers.submit")]

    class Submit(Message):
        pass

    def action_submit(self) -> None:
        self.post_message(self.Submit())


class ScopeList(SelectionList[str]):
    """Topics and domains to practise: space marks several, enter starts."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="scopes.down"),
        Binding("k", "cursor_up", "Up", show=False, id="scopes.up"),
        Binding("space", "select", "Mark", id="scopes.mark"),
        Binding("enter", "start", "Start", id="scopes.start"),
    ]

    class Start(Message):
        pass

    def action_start(self) -> None:
        self.post_message(self.Start())

    def render_line(self, y: int) -> Strip:
        """'[x]' or '[ ]' in text, not a box that differs only by colour."""
        strip = super().render_line(y)
        segments = list(strip)
        index = self.scroll_offset.y + y
        if len(segments) < 4 or index >= self.option_count:
            return strip
        marked = self.get_option_at_index(index).value in self._selected
        box = segments[1].style
        segments[0:3] = [Segment("[", box), Segment("x" if marked else " ", box),
                         Segment("]", box)]
        return Strip(segments)


class QuizPane(Vertical, can_focus=True):
    BINDINGS = [
        Binding("enter", "start", "Start", id="quiz.start"),
        *[Binding(k, f"choose({i})", f"Option {k.upper()}", show=False, id=f"quiz.choose_{k}")
          for i, k in enumerate(ANSWER_KEYS)],
        Binding("enter", "submit", "Submit / next", id="quiz.submit", priority=False),
        Binding("s", "skip", "Skip", id="quiz.skip"),
        Binding("o", "open_note", "Open note", id="quiz.open_note"),
        Binding("c", "open_calculator", "Calculator", id="quiz.calculator"),
        Binding("r", "retry_wrong", "Retry wrong", id="quiz.retry"),
        # not 1-4: those switch panes everywhere, and a re-rating must never happen by
        # a key meant for something else
        Binding("t", "choose_rating", "Rate recall", id="quiz.rate"),
        Binding("escape", "end", "End quiz", id="quiz.end"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session: QuizSession | None = None
        self.chosen: set[int] = set()
        self.outcome: Outcome | None = None
        self.schedule_note = ""
        self.saved: Exam | None = None  # the exam saved on disk, as last read or written

    if TYPE_CHECKING:  # types self.app as the StudyApp it always is; nothing at run time
        app = getters.app(StudyApp)

    # -- layout -------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="quiz-setup", id="quiz-switcher"):
            with Vertical(id="quiz-setup"):
                yield Static("[b]Practice[/]: mark topics or domains with space (none "
                             "marked: the one under the cursor), then press enter.",
                             id="quiz-setup-title")
                with Horizontal(id="quiz-count-row"):
                    yield Label(f"Questions per session (1-{MAX_SESSION}) ",
                                classes="calc-label")
                    yield Input("10", id="quiz-count", compact=True, restrict=r"\d{0,3}")
                yield ScopeList(*self._scopes(), id="quiz-scopes")
            with Vertical(id="quiz-question"):
                yield Static("", id="quiz-header")
                # the question stays in view above the feedback, which scrolls on its own
                with VerticalScroll(id="quiz-scroll"):
                    yield Static("", id="quiz-stem")
                    yield AnswerList(id="quiz-options")
                with VerticalScroll(id="quiz-feedback-scroll"):
                    yield Markdown("", id="quiz-feedback")
            with VerticalScroll(id="quiz-summary"):
                yield Static("", id="quiz-summary-text")
            yield ExamView(id="quiz-exam")
            yield ExamResult(id="quiz-exam-result")

    def _resume_prompt(self) -> str:
        from datetime import datetime, timezone

        if self.saved is None:
            return ""
        return f"▶ Resume exam ({exam_label(self.saved, datetime.now(timezone.utc))})"

    def _scopes(self) -> list[tuple[str, str]]:
        library = self.app.library
        total = len(library.questions)
        scopes = [(self._resume_prompt(), "resume")] if self.saved is not None else []
        scopes += [("★ Review due: spaced repetition (FSRS)", "review"),
                  ("★ Exam simulation: 65 questions, 130 minutes", "exam"),
                  (f"All topics  ({total} questions)", "all")]
        for number in DOMAINS:
            count = sum(1 for q in library.questions if q.domain == number)
            scopes.append((f"{domain_label(number)}  ({count})", f"domain:{number}"))
        for topic in library.topics:
            count = sum(1 for q in library.questions if q.topic_id == topic.id)
            if count:
                scopes.append((f"{topic.title}  ({count})", f"topic:{topic.id}"))
        return scopes

    @property
    def exam_running(self) -> bool:
        return self.view == "quiz-exam"

    def default_focus(self) -> None:
        if self.view == "quiz-exam":
            self.query_one("#exam-options").focus()
        elif self.view == "quiz-exam-result":
            self.query_one(ExamResult).focus()
        elif self.view == "quiz-question":
            self.query_one("#quiz-options").focus()
        elif self.view == "quiz-setup":
            self.query_one("#quiz-scopes").focus()
        else:
            self.focus()

    def on_mount(self) -> None:
        self.query_one("#quiz-scopes", ScopeList).highlighted = 0
        self.query_one("#quiz-feedback-scroll").display = False
        self.refresh_saved()
        self.set_interval(10, self._refresh_resume_prompt)

    # -- the saved exam, in the list ----------------------------------------------------
    def refresh_saved(self, then=None) -> None:
        """Read the saved exam off the UI thread, show it in the list, then call
        `then(exam or None)`."""
        progress, library = self.app.progress, self.app.library

        def load() -> tuple:
            data = progress.load_running_exam()
            return (Exam.from_dict(data, library) if data else None,)

        def loaded(found: tuple) -> None:
            exam = found[0]
            running = self.query_one(ExamView).exam if self.exam_running else None
            if running is not None and exam is not None and exam.same_exam(running.to_dict()):
                exam = None  # the one on disk is the one running here
            self._set_saved(exam)
            if then is not None:
                then(exam)

        self.app.run_in_background(load, loaded)

    def _set_saved(self, exam: Exam | None) -> None:
        if exam is self.saved:
            return
        appeared = self.saved is None and exam is not None
        self.saved = exam
        scopes = self.query_one("#quiz-scopes", ScopeList)
        at_top = scopes.highlighted in (None, 0)
        self._rebuild_scopes()
        if appeared and at_top:  # the cursor on it: enter resumes
            scopes.highlighted = 0

    def _rebuild_scopes(self) -> None:
        scopes = self.query_one("#quiz-scopes", ScopeList)
        selected = set(scopes.selected)
        index = scopes.highlighted
        at = scopes.get_option_at_index(index).value if index is not None else None
        items = self._scopes()
        scopes.clear_options()
        scopes.add_options([(prompt, value, value in selected) for prompt, value in items])
        values = [value for _prompt, value in items]
        scopes.highlighted = values.index(at) if at in values else 0

    def _refresh_resume_prompt(self) -> None:
        """The time left in the list's resume entry (it runs unless the exam is paused)."""
        if self.saved is None or self.view != "quiz-setup":
            return
        scopes = self.query_one("#quiz-scopes", ScopeList)
        first = scopes.get_option_at_index(0)
        if str(first.prompt) != self._resume_prompt():
            self._rebuild_scopes()

    # -- which keys apply now -----------------------------------------------------------
    @property
    def view(self) -> str:
        return self.query_one("#quiz-switcher", ContentSwitcher).current or "quiz-setup"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        view = self.view
        answering = view == "quiz-question" and self.outcome is None
        if action == "start":
            return view in ("quiz-setup", "quiz-summary")
        if action in ("choose", "skip"):
            return answering
        if action == "submit":
            return view == "quiz-question"
        if action == "open_note":
            return view == "quiz-question"
        if action == "open_calculator":
            shown = self.session.current if self.session else None
            question = self.outcome.shown.question if self.outcome else (
                shown.question if shown else None)
            return (view == "quiz-question" and self.outcome is not None
                    and bool(question and question.calculator))
        if action == "retry_wrong":
            return view == "quiz-summary" and bool(
                self.session and self.session.summary().wrong_ids)
        if action == "end":
            return view == "quiz-question"
        if action == "choose_rating":  # after the feedback, once the answer is saved
            return view == "quiz-question" and self.outcome is not None
        return True

    def _switch(self, view: str) -> None:
        self.query_one("#quiz-switcher", ContentSwitcher).current = view
        self.refresh_bindings()

    # -- starting -----------------------------------------------------------------------
    def action_start(self) -> None:
        if self.view == "quiz-summary":  # back to choosing what to practise
            self._switch("quiz-setup")
            self.query_one("#quiz-scopes").focus()
            return
        scopes = self.query_one("#quiz-scopes", ScopeList)
        chosen = list(scopes.selected)
        if not chosen:
            index = scopes.highlighted or 0
            chosen = [scopes.get_option_at_index(index).value]
        if "resume" in chosen:
            self.resume_saved()
            return
        if "exam" in chosen:
            self.request_exam()
            return
        raw = self.query_one("#quiz-count", Input).value.strip()
        count = int(raw) if raw.isdigit() else 0
        if not 1 <= count <= MAX_SESSION:
            self.app.notify(f"Questions per session: a whole number from 1 to {MAX_SESSION}"
                            f" (not {raw or 'empty'}).", severity="warning")
            self.query_one("#quiz-count", Input).focus()
            return
        if "review" in chosen:
            self.start_review(count)
            return
        topics: tuple[str, ...] = ()
        domains: tuple[int, ...] = ()
        if "all" not in chosen:
            topics = tuple(v.split(":")[1] for v in chosen if v.startswith("topic:"))
            domains = tuple(int(v.split(":")[1]) for v in chosen if v.startswith("domain:"))
        self.start(QuizFilter(topics=topics, domains=domains, count=count))

    @on(ScopeList.Start)
    @on(Input.Submitted, "#quiz-count")
    def _scope_chosen(self) -> None:
        self.action_start()

    def start(self, quiz_filter: QuizFilter, mode: str = "practice") -> None:
        questions = select_questions(self.app.library, quiz_filter)
        if not questions:
            self.app.notify("No questions match that choice.", severity="warning")
            return
        self.session = QuizSession(questions, mode=mode, seed=quiz_filter.seed)
        self._switch("quiz-question")
        self._show_question()

    def start_review(self, count: int) -> None:
        """Due questions first, then new ones up to the daily limit (read off the UI thread)."""
        study = self.app
        ids = [q.id for q in study.library.questions]

        def queue() -> list[str]:
            from datetime import datetime, timezone

            from studytui.quiz.schedule import review_queue

            states = study.progress.question_states()
            now = datetime.now(timezone.utc)
            today = now.date().isoformat()
            new_today = sum(1 for s in states.values() if str(s.get("first_at", ""))[:10]
                            == today)
            return review_queue(ids, states, now, study.settings.daily_new_limit,
                                new_today)[:count]

        def begin(chosen: list[str]) -> None:
            if not chosen:
                self.app.notify("Nothing is due and today's new questions are done. "
                                "Come back later, or practise a topic.", timeout=6)
                return
            order = {qid: i for i, qid in enumerate(chosen)}
            questions = sorted((study.library.question_by_id[q] for q in chosen),
                               key=lambda q: order[q.id])
            self.session = QuizSession(questions, mode="review")
            self._switch("quiz-question")
            self._show_question()

        study.run_in_background(queue, begin)

    # -- exam simulation ----------------------------------------------------------------
    def request_exam(self, questions: int = EXAM_QUESTIONS, unscored: int = EXAM_UNSCORED,
                     minutes: int = EXAM_MINUTES, seed: int | None = None) -> None:
        """Start an exam the safe way: a saved exam is never replaced without asking
        (resume it / discard it and start new / cancel), and a start screen says what
        the exam is before its clock starts."""
        if self.exam_running:
            self.app.notify("An exam is already running: escape in it to pause or leave.",
                            timeout=4)
            return

        def confirm_start(replaces: str) -> None:
            def begin(go: bool | None) -> None:
                if go:
                    self.start_exam(questions, unscored, minutes, seed)

            self.app.push_screen(ExamStartScreen(questions, unscored, minutes, replaces),
                                 begin)

        def checked(saved: Exam | None) -> None:
            if self.exam_running:  # resumed meanwhile
                return
            if saved is None:
                confirm_start("")
                return
            from datetime import datetime, timezone

            label = exam_label(saved, datetime.now(timezone.utc))

            def replace(choice: str | None) -> None:
                if choice == "resume":
                    self.resume_exam(saved)
                elif choice == "discard":
                    confirm_start(label)

            self.app.push_screen(ReplaceExamScreen(label), replace)

        self.refresh_saved(then=checked)  # what is on disk now, not what was once read

    def resume_saved(self) -> None:
        """Resume the exam saved on disk; say so when there is none."""
        if self.exam_running:
            self.default_focus()
            return

        def found(saved: Exam | None) -> None:
            if saved is None:
                self.app.notify("No saved exam to resume.", timeout=4)
            elif not self.exam_running:
                self.resume_exam(saved)

        self.refresh_saved(then=found)

    def start_exam(self, questions: int = EXAM_QUESTIONS, unscored: int = EXAM_UNSCORED,
                   minutes: int = EXAM_MINUTES, seed: int | None = None) -> None:
        """Begin a new exam now (no questions asked: `request_exam` asks)."""
        exam = Exam.new(self.app.library, seed=seed, questions=questions,
                        unscored=unscored, minutes=minutes)
        self.resume_exam(exam)

    def resume_exam(self, exam: Exam) -> None:
        self._switch("quiz-exam")
        view = self.query_one(ExamView)
        view.begin(exam)
        view._save()
        self._set_saved(None)  # running now, not waiting in the list

    @on(ExamView.Finished)
    def _exam_finished(self, event: ExamView.Finished) -> None:
        save_exam_result(self.app, event.exam, event.result, notify=False)
        self._switch("quiz-exam-result")
        self.query_one(ExamResult).show(event.exam, event.result, timed_out=event.auto)

    @on(ExamView.Left)
    def _exam_left(self, event: ExamView.Left) -> None:
        if event.how == "paused":
            self._set_saved(event.exam)
            self.query_one("#quiz-scopes", ScopeList).highlighted = 0
        else:
            self._set_saved(None)
            self.app.notify("Exam abandoned: not scored, not kept.", timeout=4)
        self._switch("quiz-setup")
        self.query_one("#quiz-scopes").focus()

    @on(ExamResult.Done)
    def _exam_done(self) -> None:
        self._switch("quiz-setup")
        self.query_one("#quiz-scopes").focus()

    @on(ExamResult.Practise)
    def _practise_from_review(self, event: ExamResult.Practise) -> None:
        self.start(QuizFilter(question_ids=tuple(event.question_ids), count=None))

    @on(ExamResult.OpenNote)
    async def _note_from_review(self, event: ExamResult.OpenNote) -> None:
        await self.app.open_section(event.section_id)

    # -- one question -------------------------------------------------------------------
    def _show_question(self) -> None:
        session = self.session
        if session is None or session.finished:
            self._show_summary()
            return
        shown = session.current
        if shown is None:
            return
        question = shown.question
        self.chosen = set()
        self.outcome = None
        self._update_header()
        self.query_one("#quiz-stem", Static).update(inline_text(reflow(question.stem)))
        self._render_options()
        self.query_one("#quiz-feedback-scroll").display = False
        self.remove_class("-answered")
        answers = self.query_one("#quiz-options", AnswerList)
        answers.highlighted = 0
        answers.focus()
        self.query_one("#quiz-scroll", VerticalScroll).scroll_home(animate=False)
        session.begin_question()
        self.refresh_bindings()

    def _update_header(self) -> None:
        if self.session is None:
            return
        shown = self.session.current if self.outcome is None else self.outcome.shown
        if shown is None:
            return
        question = shown.question
        # answering moves the session on: the feedback is about the one before
        number = self.session.index + (1 if self.outcome is None else 0)
        topic = self.app.library.topic_by_id.get(question.topic_id)
        chosen = self.chosen if self.outcome is None else self.outcome.chosen
        note = shown.progress_note(chosen)
        if note:
            style = "$text-success" if len(chosen) == shown.needed else "$text-warning"
            note = f" · [b {style}]{note}[/]"
        hint = ("a-f or space to choose, enter to submit" if self.outcome is None else
                "enter: next question")
        self.query_one("#quiz-header", Static).update(
            f"[b]Question {number} of {len(self.session.shown)}[/]  "
            f"{escape(topic.title if topic else question.topic_id)} · "
            f"{domain_label(question.domain)} · task {question.task} · {question.difficulty}"
            f"\n[$accent]{shown.instruction()}[/]{note}  [dim]{hint}[/]")

    def _render_options(self) -> None:
        shown = (self.session.current if self.outcome is None and self.session
                 else self.outcome.shown if self.outcome else None)
        if shown is None:
            return
        answers = self.query_one("#quiz-options", AnswerList)
        keep = answers.highlighted
        answers.clear_options()
        multi = shown.question.kind == "multi"
        verdicts = shown.verdicts(self.outcome.chosen) if self.outcome else []
        for position, option in enumerate(shown.options):
            letter = f"{LETTERS[position]}) "
            if self.outcome is None:
                on_ = position in self.chosen
                box = ("[x]" if on_ else "[ ]") if multi else ("(•)" if on_ else "( )")
                style = "bold" if on_ else ""
                prompt = hanging(Text(f"{box} {letter}", style),
                                 inline_text(reflow(option.text), style))
            else:
                sign, words, style = VERDICTS[verdicts[position]]
                body = inline_text(reflow(option.text), "" if words else "dim")
                if words:
                    body.append(f"  {sign} {words}", style=f"bold {style}")
                prompt = hanging(Text(f" {sign}  {letter}", f"bold {style}"), body)
            answers.add_option(Option(prompt))
        answers.highlighted = keep if keep is not None else 0

    def action_choose(self, index: int) -> None:
        shown = self.session.current if self.session else None
        if shown is None or index >= len(shown.options):
            return
        if shown.question.kind == "multi":
            self.chosen ^= {index}
        else:
            self.chosen = {index}
        self.query_one("#quiz-options", AnswerList).highlighted = index
        self._render_options()
        self._update_header()

    @on(AnswerList.Toggle)
    def _toggle(self, event: AnswerList.Toggle) -> None:
        self.action_choose(event.index)

    @on(AnswerList.Submit)
    def _submit_from_list(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        if self.view != "quiz-question" or self.session is None:
            return
        if self.outcome is not None:  # feedback is showing: enter moves on
            self._show_question()
            return
        short = self.session.current.short_of(self.chosen) if self.session.current else ""
        if short:  # a 'Choose TWO' with one pick is not an answer yet: nothing is graded
            self.app.notify(f"{short} (a-f, or space), or press s to skip.",
                            severity="warning", timeout=3)
            return
        outcome, record = self.session.answer(self.chosen)
        self.outcome = outcome
        self.schedule_note = "saving…"
        self.app.save_attempt(record, on_saved=self._scheduled)
        self._show_feedback()

    def _scheduled(self, state: dict) -> None:
        from datetime import datetime, timezone

        from studytui.quiz.schedule import RATING_NAMES, due_at

        due = due_at(state)
        rating = RATING_NAMES.get(int(state.get("rating", 0)), "?")
        if due is None:
            self.schedule_note = ""
        else:
            self.schedule_note = (f"rated **{rating}**, next review "
                                  f"{humanize_until(due, datetime.now(timezone.utc))}")
        if self.outcome is not None and self.outcome.shown.question.id == state["question"]:
            self._show_feedback()

    def action_choose_rating(self) -> None:
        """Ask for the learner's own rating; the choice is shown and can be changed the
        same way (t again)."""
        if self.outcome is None:
            return
        question_id = self.outcome.shown.question.id

        def chosen(rating: int | None) -> None:
            if rating is not None and self.outcome is not None \
                    and self.outcome.shown.question.id == question_id:
                self.action_rate(rating)

        self.app.push_screen(RateScreen(), chosen)

    def action_rate(self, rating: int) -> None:
        from studytui.quiz.schedule import RATING_NAMES

        if self.outcome is None:
            return
        self.schedule_note = f"saving your rating ({RATING_NAMES[rating]})…"
        self.app.rerate(self.outcome.shown.question.id, rating, on_saved=self._scheduled)
        self._show_feedback()

    def _show_feedback(self) -> None:
        outcome = self.outcome
        if outcome is None:
            return
        shown = outcome.shown
        right = ", ".join(LETTERS[p] for p in sorted(shown.right_positions))
        verdict = "**Right.**" if outcome.correct else f"**Wrong.** The answer is **{right}**."
        lines = [verdict, "", shown.question.explanation, ""]
        for position, option in enumerate(shown.options):
            mark = "✓" if option.correct else "✗"
            lines.append(f"- {mark} **{LETTERS[position]}**: {option.why}")
        # the schedule arrives once the answer is saved: it has a line of its own (a hard
        # break) from the start, so the text does not grow and the view does not jump
        lines += ["", f"Schedule: {self.schedule_note or 'not scheduled'}\\",
                  "*t*: rate your recall yourself (Again / Hard / Good / Easy)", "",
                  # a-f choose options while answering, so c means "calculator" only here
                  "*enter*: next question · *o*: open the note"
                  + (" · *c*: open the calculator" if shown.question.calculator else "")]
        feedback = self.query_one("#quiz-feedback", Markdown)
        holder = self.query_one("#quiz-feedback-scroll", VerticalScroll)
        first = not holder.display
        holder.display = True
        self.add_class("-answered")
        self._render_options()
        self._update_header()
        self.refresh_bindings()
        if first:  # the question stays at the top; the explanation scrolls below it
            self.query_one("#quiz-scroll", VerticalScroll).scroll_home(animate=False)
            holder.scroll_home(animate=False)
            if self.query_one("#quiz-options").has_focus:
                holder.focus()  # arrows and page keys now scroll the explanation

        async def show() -> None:
            await feedback.update("\n".join(lines))

        self.call_later(show)

    def action_skip(self) -> None:
        if self.session and self.outcome is None:
            self.session.skip()
            self._show_question()

    def _question_in_view(self):
        if self.outcome is not None:
            return self.outcome.shown.question
        shown = self.session.current if self.session else None
        return shown.question if shown else None

    async def action_open_note(self) -> None:
        question = self._question_in_view()
        if question:
            await self.app.open_section(question.section_id)
            self.app.notify("Your quiz waits where you left it: press 3 to go back.",
                            timeout=5)

    async def action_open_calculator(self) -> None:
        question = self._question_in_view()
        if question and question.calculator:
            await self.app.open_calculator(question.calculator, dict(question.calc_values))

    def action_end(self) -> None:
        self._show_summary()

    # -- summary ------------------------------------------------------------------------
    def _show_summary(self) -> None:
        if self.session is None:
            return
        self.remove_class("-answered")
        summary = self.session.summary()
        library = self.app.library
        weakest = ", ".join(escape(library.topic_by_id[t].title) for t in summary.weakest_topics
                            if t in library.topic_by_id) or "none: well done"
        minutes, seconds = divmod(int(summary.seconds), 60)
        retry = ("[b]r[/] retry the wrong ones · " if summary.wrong_ids else "")
        self.query_one("#quiz-summary-text", Static).update(
            f"[b]Session done[/]\n\n"
            f"Score: [b]{summary.correct}/{summary.answered}[/] ({summary.percent:.0f}%)"
            f", {summary.skipped} skipped\nTime: {minutes} min {seconds} s\n"
            f"Weakest topics: {weakest}\n\n{retry}[b]enter[/] choose what to practise next")
        self.outcome = None
        self._switch("quiz-summary")
        self.focus()

    def action_retry_wrong(self) -> None:
        if self.session is None:
            return
        wrong = tuple(self.session.summary().wrong_ids)
        if wrong:
            self.start(QuizFilter(question_ids=wrong, count=None), mode=self.session.mode)


def save_exam_result(study: StudyApp, exam: Exam, result: dict, notify: bool = True) -> None:
    """Log the exam and each answered question (mode "exam") off the UI thread; with
    `notify`, say so in a toast (not over the result view: it shows the score itself)."""
    import uuid  # ids keep each record one record when histories merge (studytui import)

    answered = sorted(exam.answers)
    per_question = round(result["seconds_used"] / max(1, len(answered)), 1)
    records = []
    for position in answered:
        shown = exam.shown[position]
        question = shown.question
        records.append({"id": uuid.uuid4().hex, "question": question.id, "at": result["at"],
                        **answer_fields(shown, exam.answers[position]),
                        "correct": exam.is_right(position), "seconds": per_question,
                        "mode": "exam", "topic": question.topic_id,
                        "domain": question.domain})
    progress, planner = study.progress, study.planner

    def save() -> bool:
        for record in records:
            progress.record_attempt(record, planner)
        progress.record_exam({"id": uuid.uuid4().hex, **result})
        return True

    def saved(_: bool) -> None:
        if notify:
            study.notify(f"Exam saved: {result['score']} "
                         f"({'pass' if result['passed'] else 'fail'}).")

    study.run_in_background(save, saved)


class RateScreen(ModalScreen[int | None]):
    """How well did you recall it? Overrides the rating studytui gave the answer."""

    BINDINGS = [*[Binding(str(n), f"pick({n})", name, id=f"rate.{name.lower()}")
                  for n, name in ((1, "Again"), (2, "Hard"), (3, "Good"), (4, "Easy"))],
                Binding("escape", "pick(0)", "Keep", id="rate.keep")]

    def compose(self) -> ComposeResult:
        with Vertical(id="submit-box"):
            yield Static("[b]Rate your recall[/]\n\nstudytui rated this answer from whether "
                         "it was right and how long it took. Your own rating decides when "
                         "the question comes back:\n\n[b]1[/] Again · [b]2[/] Hard · "
                         "[b]3[/] Good · [b]4[/] Easy · [b]escape[/] keep the rating")
        yield Footer()

    def action_pick(self, rating: int) -> None:
        self.dismiss(rating or None)
