"""Snapshot tests: each pane as a user sees it. Update with `pytest --snapshot-update`."""

from __future__ import annotations

from studytui.cli import make_app


def test_topics_80x24(snap_compare, pack_library):
    assert snap_compare(make_app(library=pack_library), terminal_size=(80, 24))


def test_topics_120x40_with_a_read_section(snap_compare, pack_library):
    assert snap_compare(make_app(library=pack_library), press=["j", "enter", "m"],
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

    assert snap_compare(make_app(library=pack_library), run_before=answer,
                        terminal_size=(80, 24))
