"""Snapshot tests: each pane as a user sees it. Update with `pytest --snapshot-update`."""

from __future__ import annotations

import pytest

from studytui.cli import make_app


def test_topics_80x24(snap_compare, pack_library):
    assert snap_compare(make_app(library=pack_library), terminal_size=(80, 24))


async def _settle(pilot) -> None:
    """Let workers (Markdown rendering, saves) finish, and stop text cursors blinking, so
    the picture never depends on how fast the machine is or on the moment it is taken."""
    from textual.widgets import Input

    await pilot.app.workers.wait_for_complete()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def test_topics_120x40_with_a_read_section(snap_compare, pack_library):
    async def read(pilot):
        await pilot.press("j", "enter", "m")
        await _settle(pilot)

    assert snap_compare(make_app(library=pack_library), run_before=read,
                        terminal_size=(120, 40))


def test_help_screen(snap_compare, pack_library):
    assert snap_compare(make_app(library=pack_library), press=["question_mark"],
                        terminal_size=(80, 24))


def test_too_small_notice(snap_compare, pack_library):
    assert snap_compare(make_app(library=pack_library), terminal_size=(50, 15))


def test_calculators_80x24(snap_compare, pack_library):
    assert snap_compare(make_app(library=pack_library), press=["4"], terminal_size=(80, 24))


def test_calculators_bad_input_80x24(snap_compare, pack_library):
    async def type_junk(pilot):
        await pilot.press("4", "j", "j", "j", "enter", "tab", *"abc")
        await _settle(pilot)

    assert snap_compare(make_app(library=pack_library), run_before=type_junk,
                        terminal_size=(80, 24))


def test_quiz_setup_80x24(snap_compare, pack_library):
    assert snap_compare(make_app(library=pack_library), press=["3"], terminal_size=(80, 24))


def test_quiz_feedback_80x24(snap_compare, pack_library):
    from studytui.quiz.engine import QuizFilter

    async def answer(pilot):
        await pilot.press("3")
        await pilot.pause()
        pilot.app.query_one("#quiz-pane").start(
            QuizFilter(question_ids=("alpha-q001",), count=None, seed=1))
        await pilot.pause()
        await pilot.press("b", "enter")
        await _settle(pilot)  # the schedule line appears once the attempt is saved

    assert snap_compare(make_app(library=pack_library), run_before=answer,
                        terminal_size=(80, 24))


def _pinned(app):
    from datetime import datetime, timezone

    app.clock = lambda: datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)
    return app


def test_progress_empty_80x24(snap_compare, pack_library):
    async def show(pilot):
        await pilot.press("5")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(_pinned(make_app(library=pack_library)), run_before=show,
                        terminal_size=(80, 24))


def test_progress_with_history_120x40(snap_compare, pack_library, private_data_dir):
    from tests.test_exam_progress_panes import seed_history

    seed_history(private_data_dir, pack_library)

    async def show(pilot):
        await pilot.press("5")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(_pinned(make_app(library=pack_library)), run_before=show,
                        terminal_size=(120, 40))


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
def test_progress_with_history(snap_compare, pack_library, private_data_dir, size):
    """The Next line, the due counts and the tables, at the sizes a learner studies at."""
    from tests.test_exam_progress_panes import seed_history

    seed_history(private_data_dir, pack_library)

    async def show(pilot):
        await pilot.press("5")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(_pinned(make_app(library=pack_library)), run_before=show,
                        terminal_size=size)


def test_exam_question_80x24(snap_compare, pack_library, monkeypatch):
    from datetime import datetime, timezone

    import studytui.ui.exam as exam_module
    from studytui.quiz.exam import Exam

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)

    monkeypatch.setattr(exam_module, "datetime", Frozen)

    async def start(pilot):
        await pilot.press("3")
        await pilot.pause()
        exam = Exam.new(pilot.app.library, seed=1, questions=3, unscored=0,
                        now=Frozen.now() - __import__("datetime").timedelta(minutes=10))
        pilot.app.query_one("#quiz-pane").resume_exam(exam)
        await pilot.pause()
        await pilot.press("b", "f")
        await _settle(pilot)

    assert snap_compare(make_app(library=pack_library), run_before=start,
                        terminal_size=(80, 24))


def test_search_80x24(snap_compare, pack_library):
    async def search(pilot):
        await pilot.press("slash", *"alpha")
        for _ in range(10):  # the search is debounced: wait past it, then for the worker
            await pilot.pause(0.05)
            await pilot.app.workers.wait_for_complete()
        await _settle(pilot)

    assert snap_compare(make_app(library=pack_library), run_before=search,
                        terminal_size=(80, 24))


def test_exam_start_screen_80x24(snap_compare, pack_library):
    async def ask(pilot):
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("j", "enter")  # the exam row: a start screen, not the clock
        await pilot.app.workers.wait_for_complete()  # the check for a saved exam
        await pilot.pause()
        await _settle(pilot)

    assert snap_compare(make_app(library=pack_library), run_before=ask,
                        terminal_size=(80, 24))


def test_quiz_feedback_multiple_response_80x24(snap_compare, pack_library):
    """Choose TWO, answered with one right and one wrong pick: each option says what it
    was (your pick right / your pick wrong / missed / neither), the stem stays above."""
    from studytui.quiz.engine import QuizFilter

    async def answer(pilot):
        await pilot.press("3")
        await pilot.pause()
        pane = pilot.app.query_one("#quiz-pane")
        pane.start(QuizFilter(question_ids=("alpha-q002",), count=None, seed=1))
        await pilot.pause()
        shown = pane.session.current
        right = min(shown.right_positions)
        wrong = min(set(range(len(shown.options))) - set(shown.right_positions))
        await pilot.press("abcdef"[right], "abcdef"[wrong], "enter")
        await _settle(pilot)

    assert snap_compare(make_app(library=pack_library), run_before=answer,
                        terminal_size=(80, 24))
