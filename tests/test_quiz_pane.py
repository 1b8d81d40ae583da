"""Pilot tests of practice mode in the Quiz pane."""

from __future__ import annotations

from textual.widgets import Markdown, Static

from studytui.cli import make_app
from studytui.progress import ProgressLog
from studytui.quiz.engine import QuizFilter
from studytui.quiz.generated import generated_questions
from studytui.ui.quiz import QuizPane


async def answer_right(pilot, pane: QuizPane) -> None:
    for position in sorted(pane.session.current.right_positions):
        await pilot.press("abcdef"[position])
    await pilot.press("enter")


async def test_full_practice_session_is_logged(pack_library, private_data_dir):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        pane = app.query_one(QuizPane)
        await pilot.press("j", "j", "enter")  # past Review and Exam to "All topics"
        await pilot.pause()
        assert pane.view == "quiz-question" and len(pane.session.shown) == 3
        await answer_right(pilot, pane)
        await pilot.pause()
        feedback = app.query_one("#quiz-feedback", Markdown)
        assert feedback.display and "**Right.**" in feedback.source
        await pilot.press("enter")  # next
        await pilot.press("s")  # skip the second
        await pilot.pause()
        current = pane.session.current
        # a full answer (as many picks as the question needs) that is wrong
        wrong = sorted(set(range(len(current.options))) - set(current.right_positions))
        picks = wrong[:1] + sorted(current.right_positions)[: current.needed - 1]
        await pilot.press(*("abcdef"[p] for p in picks), "enter")
        await pilot.pause()
        assert "**Wrong.**" in app.query_one("#quiz-feedback", Markdown).source
        await pilot.press("enter")
        await pilot.pause()
        assert pane.view == "quiz-summary"
        text = str(app.query_one("#quiz-summary-text", Static).content)
        assert "1/2" in text and "1 skipped" in text
        await app.workers.wait_for_complete()
        retry_ids = list(pane.session.summary().wrong_ids)
        await pilot.press("r")
        await pilot.pause()
        assert sorted(s.question.id for s in pane.session.shown) == sorted(retry_ids)
    attempts = ProgressLog(private_data_dir).attempts()
    assert [a["correct"] for a in attempts] == [True, False]
    assert all(a["mode"] == "practice" for a in attempts)


async def test_multi_response_needs_every_right_option(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        pane = app.query_one(QuizPane)
        pane.start(QuizFilter(question_ids=("alpha-q002",), count=None))
        await pilot.pause()
        right = sorted(pane.session.current.right_positions)
        wrong = min(set(range(len(pane.session.current.options))) - set(right))
        await pilot.press("abcdef"[right[0]], "enter")  # one of two: not an answer yet
        await pilot.pause()
        assert pane.outcome is None and pane.session.index == 0
        assert "1 of 2 chosen" in str(app.query_one("#quiz-header", Static).content)
        assert any("Choose 2" in n.message for n in app._notifications)
        await pilot.press("abcdef"[wrong], "enter")  # two, one of them wrong: graded
        await pilot.pause()
        assert pane.outcome is not None and not pane.outcome.correct


async def test_open_note_and_calculator_from_a_question(pack_library):
    generated = [q for q in generated_questions() if q.calculator == "lambda"][:1]
    pack_library.questions.extend(generated)
    pack_library.reindex()
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        pane = app.query_one(QuizPane)
        pane.start(QuizFilter(question_ids=(generated[0].id,), count=None))
        await pilot.pause()
        await pilot.press("c")  # while answering, c is option C
        assert pane.chosen == {2}
        await pilot.press("enter", "c")  # after the feedback, c opens the calculator
        await pilot.pause()
        await pilot.pause()
        assert app.query_one("#panes").current == "calculators"
        result = str(app.query_one("#result-lambda", Static).content)
        right = next(o.text for o in generated[0].options if o.correct)
        assert right in result
        await pilot.press("3")
        await pilot.pause()
        pane.start(QuizFilter(question_ids=("beta-q001",), count=None))
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert app.query_one("#panes").current == "topics"
        assert app.query_one("#topics-pane").current.id == "beta-one"


async def test_marking_several_scopes(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        pane = app.query_one(QuizPane)
        await pilot.press(*["j"] * 8, "space", "enter")  # only the beta topic
        await pilot.pause()
        assert [s.question.id for s in pane.session.shown] == ["beta-q001"]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # practise again
        await pilot.pause()
        assert pane.view == "quiz-setup" and app.focused.id == "quiz-scopes"


async def test_rating_is_its_own_key_and_pane_keys_keep_their_meaning(pack_library,
                                                                      private_data_dir):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        pane = app.query_one(QuizPane)
        pane.start(QuizFilter(question_ids=("beta-q001",), count=None))
        await pilot.pause()
        await answer_right(pilot, pane)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("2")  # Search, as everywhere: no silent re-rating
        await pilot.pause()
        assert app.query_one("#panes").current == "search"
        await pilot.press("escape", "3", "t")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "RateScreen"
        await pilot.press("2")  # here 2 means Hard, as the dialog says
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Hard" in pane.schedule_note
    states = ProgressLog(private_data_dir).question_states()
    assert states["beta-q001"]["rating"] == 2


async def test_scope_marks_are_text_and_the_session_size_is_checked(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        scopes = app.query_one("#quiz-scopes")
        lines = lambda: [s.text for s in (scopes.render_line(i) for i in range(3))]  # noqa
        assert all(line.startswith("[ ]") for line in lines())
        await pilot.press("j", "j", "space")
        await pilot.pause()
        assert lines()[2].startswith("[x]")
        app.query_one("#quiz-count").value = "0"
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(QuizPane).view == "quiz-setup"
        assert any("1 to 200" in str(n.message) for n in app._notifications)
