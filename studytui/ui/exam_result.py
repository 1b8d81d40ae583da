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


class ExamResult(VerticalScroll, can_focus=True):
    BINDINGS = [
        Binding("enter", "done", "Done", id="exam.done"),
        Binding("right,n", "page(1)", "Next page", id="exam.review_next"),
        Binding("left,p", "page(-1)", "Prev page", id="exam.review_previous"),
        Binding("w", "wrong_only", "Only wrong", id="exam.review_wrong"),
    ]

    class Done(Message):
        pass

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.exam: Exam | None = None
        self.result: dict = {}
        self.page = 0
        self.wrong_only = False

    def compose(self) -> ComposeResult:
        yield Markdown("", id="exam-result-body")

    def show(self, exam: Exam, result: dict) -> None:
        self.exam, self.result, self.page, self.wrong_only = exam, result, 0, False
        self._show_page()
        self.focus()

    def _positions(self) -> list[int]:
        assert self.exam is not None
        every = range(len(self.exam.shown))
        return [i for i in every if not (self.wrong_only and self.exam.is_right(i))]

    def _show_page(self, at_review: bool = False) -> None:
        """Show the current page; with `at_review`, scrolled to the review (paging), else
        from the top (the score first)."""
        if self.exam is None:
            return
        positions = self._positions()
        pages = max(1, -(-len(positions) // PAGE_SIZE))
        self.page = max(0, min(self.page, pages - 1))
        on_page = positions[self.page * PAGE_SIZE:(self.page + 1) * PAGE_SIZE]
        which = "wrong or unanswered questions" if self.wrong_only else "questions"
        if on_page:
            heading = (f"## Review: {which} {on_page[0] + 1}–{on_page[-1] + 1} "
                       f"(page {self.page + 1} of {pages})")
        else:
            heading = "## Review: every question was answered right"
        keys = ("*n* / *p* (or the arrows): next / previous page · *w*: "
                + ("every question" if self.wrong_only else "only wrong answers")
                + " · *enter*: done")
        summary = summary_markdown(self.result, len(self.exam.unscored))
        heading_line = summary.count("\n") + 2  # the line the review heading starts on
        text = "\n\n".join([summary, heading, keys, review_markdown(self.exam, on_page)])
        body = self.query_one("#exam-result-body", Markdown)

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

    def action_page(self, delta: int) -> None:
        self.page += delta
        self._show_page(at_review=True)

    def action_wrong_only(self) -> None:
        self.wrong_only = not self.wrong_only
        self.page = 0
        self._show_page(at_review=True)

    def action_done(self) -> None:
        self.post_message(self.Done())
