"""The result of a submitted exam: the score, and a paged review of every question.

Paged because a 65-question review in one Markdown document is several hundred blocks:
Textual took seconds to mount and lay it out, and the app froze meanwhile.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Markdown

from studytui.blueprint import DOMAINS
from studytui.content.text import reflow
from studytui.quiz.engine import LETTERS
from studytui.quiz.exam import Exam

PAGE_SIZE = 5


def summary_markdown(result: dict, unscored: int) -> str:
    verdict = "PASS" if result["passed"] else "FAIL"
    minutes = result["seconds_used"] // 60
    lines = [f"# Exam result: {result['score']} / 1000, {verdict}",
             "",
             f"{result['correct']} of {result['scored']} scored questions right · pass mark "
             f"720 · time used {minutes} min · {result['answered']} of "
             f"{result['questions']} answered",
             "",
             "| Domain | Score |", "| --- | --- |"]
    for number, percent in result["per_domain"].items():
        lines.append(f"| D{number} {DOMAINS[int(number)].title} | {percent}% |")
    lines += ["", f"*How the scale works: see Help (?). {unscored} questions were unscored, "
              "as on the real exam; they are marked in the review.*"]
    return "\n".join(lines)


def review_markdown(exam: Exam, positions: list[int]) -> str:
    """The review of the questions at `positions` (indexes into exam.shown)."""
    lines: list[str] = []
    for i in positions:
        shown = exam.shown[i]
        chosen = exam.answers.get(i, [])
        right = ", ".join(LETTERS[p] for p in sorted(shown.right_positions))
        given = ", ".join(LETTERS[p] for p in chosen) or "no answer"
        mark = "✓" if exam.is_right(i) else "✗"
        unscored = " (unscored)" if i in exam.unscored else ""
        lines.append(f"**{i + 1}. {mark}{unscored}** {reflow(shown.question.stem)}")
        lines.append("")
        for p, option in enumerate(shown.options):
            tick = "✓" if option.correct else " "
            lines.append(f"- {tick} {LETTERS[p]}) {reflow(option.text)}")
        lines += ["", f"Your answer: {given} · right: {right}", "",
                  reflow(shown.question.explanation), ""]
    return "\n".join(lines)


FILTERS = {  # name: (what the heading calls them, which positions)
    "all": ("questions", lambda exam: list(range(len(exam.shown)))),
    "wrong": ("wrong answers", lambda exam: exam.wrong()),
    "blank": ("unanswered questions", lambda exam: exam.blanks()),
    "flagged": ("flagged questions", lambda exam: sorted(exam.flagged)),
}


class ExamResult(VerticalScroll, can_focus=True):
    BINDINGS = [  # in the footer's order: at 80 columns the paging keys come last
        Binding("enter", "done", "Done", id="exam.done"),
        Binding("w", "only('wrong')", "Wrong", id="exam.review_wrong"),
        Binding("b", "only('blank')", "Blank", id="exam.review_blank"),
        Binding("f", "only('flagged')", "Flagged", id="exam.review_flagged"),
        Binding("a", "only('all')", "All", id="exam.review_all"),
        Binding("o", "open_note", "Note", id="exam.review_note"),
        Binding("r", "practise", "Practise", id="exam.review_practise"),
        Binding("n", "page(1)", "Next", id="exam.review_next"),
        Binding("p", "page(-1)", "Prev", id="exam.review_previous"),
        # the arrows too, out of the footer (a scroll view's own arrow keys would put
        # them first there)
        Binding("right", "page(1)", "Next", show=False, id="exam.review_next_arrow"),
        Binding("left", "page(-1)", "Prev", show=False, id="exam.review_previous_arrow"),
    ]

    class Done(Message):
        pass

    class Practise(Message):
        """Practise these questions (the review's filter) in a practice session."""

        def __init__(self, question_ids: list[str]) -> None:
            super().__init__()
            self.question_ids = question_ids

    class OpenNote(Message):
        def __init__(self, section_id: str) -> None:
            super().__init__()
            self.section_id = section_id

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.exam: Exam | None = None
        self.result: dict = {}
        self.page = 0
        self.filter = "all"
        self.timed_out = False
        self._starts: list[tuple[int, int]] = []  # (markdown line, exam position) on page

    @property
    def wrong_only(self) -> bool:  # the filter before there were several
        return self.filter == "wrong"

    def compose(self) -> ComposeResult:
        yield Markdown("", id="exam-result-body")

    def show(self, exam: Exam, result: dict, timed_out: bool = False) -> None:
        self.exam, self.result, self.page, self.filter = exam, result, 0, "all"
        self.timed_out = timed_out
        self._show_page()
        self.focus()

    def _positions(self) -> list[int]:
        assert self.exam is not None
        return FILTERS[self.filter][1](self.exam)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "practise":
            return self.exam is not None and bool(self._positions())
        return True

    def _show_page(self, at_review: bool = False) -> None:
        """Show the current page; with `at_review`, scrolled to the review (paging), else
        from the top (the score first)."""
        if self.exam is None:
            return
        positions = self._positions()
        pages = max(1, -(-len(positions) // PAGE_SIZE))
        self.page = max(0, min(self.page, pages - 1))
        on_page = positions[self.page * PAGE_SIZE:(self.page + 1) * PAGE_SIZE]
        which = FILTERS[self.filter][0]
        if on_page:
            heading = (f"## Review: {which}, {len(positions)} · "
                       f"{on_page[0] + 1}–{on_page[-1] + 1} (page {self.page + 1} of {pages})")
        elif self.filter == "all":
            heading = "## Review: no questions"
        else:
            heading = f"## Review: no {which}"
        keys = (f"Showing **{self.filter}** · *w* wrong · *b* blank · *f* flagged · *a* all"
                " · *n* / *p*: page · *o*: the note of the question at the top · "
                "*r*: practise these · *enter*: done")
        summary = summary_markdown(self.result, len(self.exam.unscored))
        if self.timed_out:
            summary = ("**Time ran out: the exam was submitted automatically.**\n\n"
                       + summary)
        heading_line = summary.count("\n") + 2  # the line the review heading starts on
        text = "\n\n".join([summary, heading, keys, review_markdown(self.exam, on_page)])
        lines = text.split("\n")
        self._starts = [(n, i) for i in on_page for n, line in enumerate(lines)
                        if line.startswith(f"**{i + 1}. ")][:len(on_page)]
        self._starts.sort()
        body = self.query_one("#exam-result-body", Markdown)
        self.refresh_bindings()

        async def show() -> None:
            await body.update(text)
            review = next((b for b in body.children
                           if getattr(b, "source_range", (0, 0))[0] >= heading_line), None)
            if at_review and review is not None:
                self.call_after_refresh(self.scroll_to_widget, review, top=True,
                                        animate=False)
            else:
                self.scroll_home(animate=False)

        self.call_later(show)

    def question_at_top(self) -> int | None:
        """The exam position of the question at the top of the view (the page's first
        while the score is showing)."""
        if not self._starts:
            return None
        body = self.query_one("#exam-result-body", Markdown)
        current = self._starts[0][1]
        for block in body.children:
            line = getattr(block, "source_range", None)
            if line is None:
                continue
            y = body.virtual_region.y + block.virtual_region.y
            if y > self.scroll_y + 1:
                break
            for start, position in self._starts:
                if line[0] >= start:
                    current = position
        return current

    def action_page(self, delta: int) -> None:
        self.page += delta
        self._show_page(at_review=True)

    def action_only(self, which: str) -> None:
        """Show only these questions; the same key again shows them all."""
        self.filter = "all" if self.filter == which else which
        self.page = 0
        self._show_page(at_review=True)

    def action_wrong_only(self) -> None:
        self.action_only("wrong")

    def action_open_note(self) -> None:
        position = self.question_at_top()
        if self.exam is not None and position is not None:
            self.post_message(self.OpenNote(self.exam.shown[position].question.section_id))

    def action_practise(self) -> None:
        if self.exam is None:
            return
        ids = list(dict.fromkeys(self.exam.shown[i].question.id for i in self._positions()))
        if ids:
            self.post_message(self.Practise(ids))

    def action_done(self) -> None:
        self.post_message(self.Done())
