"""Issue #16: a learner's exam is never replaced without asking; exits, multiple
response, the top-line timer, the review's filters; the question stays in view after
answering, and each option says what it was."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from textual.content import Content
from textual.widgets import Markdown, Static

from studytui.cli import make_app
from studytui.progress import ProgressLog
from studytui.quiz.engine import QuizFilter, Shown
from studytui.quiz.exam import Exam
from studytui.ui.exam import (
    ExamStartScreen,
    ExamView,
    NavigatorScreen,
    PauseScreen,
    ReplaceExamScreen,
    ResumeScreen,
    SubmitScreen,
)
from studytui.ui.pane_tabs import PaneTabs
from studytui.ui.quiz import QuizPane
from tests.conftest import settle

RUNNING = "exam-in-progress.json"


def save_exam(folder, library, minutes: int = 60) -> Exam:
    exam = Exam.new(library, seed=2, questions=3, unscored=0, minutes=minutes)
    exam.answer(1, [0])
    exam.current = 1
    ProgressLog(folder).save_running_exam(exam.to_dict())
    return exam


def plain(static: Static) -> str:
    return Content.from_markup(str(static.content)).plain


def scope_prompts(app) -> list[str]:
    scopes = app.query_one("#quiz-scopes")
    return [str(scopes.get_option_at_index(i).prompt) for i in range(scopes.option_count)]


def multi_exam(library) -> Exam:
    """Two questions, the first 'Choose TWO' (options in their written order)."""
    multi = library.question_by_id["alpha-q002"]
    single = library.question_by_id["beta-q001"]
    return Exam([Shown(multi, tuple(range(len(multi.options)))),
                 Shown(single, tuple(range(len(single.options))))], set(),
                datetime.now(timezone.utc), minutes=30)


async def open_quiz(pilot) -> QuizPane:
    await pilot.press("3")
    await pilot.pause()
    await settle(pilot)
    return pilot.app.query_one(QuizPane)


# -- 1. the saved exam is safe ------------------------------------------------------------
async def test_later_then_starting_an_exam_never_replaces_the_saved_one(
        pack_library, private_data_dir):
    saved = save_exam(private_data_dir, pack_library)
    on_disk = (private_data_dir / RUNNING).read_bytes()
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("l")  # later
        await pilot.pause()
        pane = await open_quiz(pilot)
        prompts = scope_prompts(app)
        assert prompts[0].startswith(f"▶ Resume exam ({len(saved.answered())}/2, 59 min left")
        exam_row = next(i for i, p in enumerate(prompts) if p.startswith("★ Exam"))
        await pilot.press(*["j"] * exam_row, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReplaceExamScreen)  # asked, not replaced
        assert (private_data_dir / RUNNING).read_bytes() == on_disk
        await pilot.press("escape")  # cancel
        await settle(pilot)
        assert pane.view == "quiz-setup"
        assert (private_data_dir / RUNNING).read_bytes() == on_disk
        await pilot.press("enter", "d")  # discard it and start new: the start screen first
        await settle(pilot)
        assert isinstance(app.screen, ExamStartScreen)
        assert "discards your saved exam" in plain(app.screen.query_one(Static))
        await pilot.press("escape")  # changed my mind
        await settle(pilot)
        assert (private_data_dir / RUNNING).read_bytes() == on_disk
        assert ProgressLog(private_data_dir).exams() == []
        await pilot.press("enter", "d", "enter")  # now for real
        await settle(pilot)
        assert pane.view == "quiz-exam"
        fresh = ProgressLog(private_data_dir).load_running_exam()
        assert fresh is not None and not saved.same_exam(fresh)
        assert not scope_prompts(app)[0].startswith("▶")  # no longer offered


async def test_the_saved_exam_can_be_resumed_from_the_list_or_the_app(pack_library,
                                                                     private_data_dir):
    save_exam(private_data_dir, pack_library)
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        pane = await open_quiz(pilot)
        await pilot.press("enter")  # the resume entry is first, under the cursor
        await settle(pilot)
        view = app.query_one(ExamView)
        assert pane.view == "quiz-exam" and view.exam.answers == {1: [0]}
        await pilot.press("escape", "p")  # pause and leave
        await settle(pilot)
        assert pane.view == "quiz-setup"
        assert scope_prompts(app)[0].endswith("left, paused)")
        await pilot.press("1")  # elsewhere, then back by the palette's method
        await pilot.pause()
        await app.resume_saved_exam()
        await settle(pilot)
        assert app.query_one("#panes").current == "quiz" and pane.view == "quiz-exam"
        assert view.exam.answers == {1: [0]} and view.exam.paused_at is None


async def test_resume_saved_exam_says_when_there_is_none(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.resume_saved_exam()
        await settle(pilot)
        assert any("No saved exam" in n.message for n in app._notifications)
        assert app.query_one(QuizPane).view == "quiz-setup"


async def test_an_exam_has_a_start_screen(pack_library, private_data_dir):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_quiz(pilot)
        await pilot.press("j", "enter")  # the cursor on the exam row: a start screen
        await settle(pilot)
        assert isinstance(app.screen, ExamStartScreen)
        text = plain(app.screen.query_one(Static))
        assert "65 questions" in text and "130 minutes" in text
        await pilot.press("escape")
        await settle(pilot)
        assert pane.view == "quiz-setup" and not (private_data_dir / RUNNING).exists()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")  # begin
        await settle(pilot)
        assert pane.view == "quiz-exam" and (private_data_dir / RUNNING).exists()


async def test_escape_in_an_exam_pauses_abandons_or_submits(pack_library, private_data_dir):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_quiz(pilot)
        pane.start_exam(questions=3, unscored=0, minutes=5, seed=1)
        await settle(pilot)
        view = app.query_one(ExamView)
        await pilot.press("a", "escape")
        await pilot.pause()
        assert isinstance(app.screen, PauseScreen)
        await pilot.press("r")  # resume
        await pilot.pause()
        assert pane.view == "quiz-exam" and view.running
        await pilot.press("escape", "s")  # submit, from the dialog: the usual check
        await pilot.pause()
        assert isinstance(app.screen, SubmitScreen)
        await pilot.press("n", "escape", "a")  # abandon asks once more
        await pilot.pause()
        assert isinstance(app.screen, PauseScreen)
        assert "Abandon the exam?" in plain(app.screen.query_one("#pause-text", Static))
        await pilot.press("a")
        await settle(pilot)
        assert pane.view == "quiz-setup"
        assert not (private_data_dir / RUNNING).exists()
        assert ProgressLog(private_data_dir).exams() == []  # not scored
        assert ProgressLog(private_data_dir).attempts() == []
        assert app.query_one(PaneTabs).timer == ""


async def test_a_paused_exam_keeps_its_time(pack_library, private_data_dir):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_quiz(pilot)
        pane.start_exam(questions=3, unscored=0, minutes=5, seed=1)
        await settle(pilot)
        await pilot.press("escape", "p")
        await settle(pilot)
        data = ProgressLog(private_data_dir).load_running_exam()
        assert data["paused_at"] is not None
    back = Exam.from_dict(data, pack_library)
    later = datetime.now(timezone.utc) + timedelta(hours=3)
    assert back.seconds_left(later) > 4 * 60  # the clock stood still while paused
    back.unpause(later)
    assert 4 * 60 < back.seconds_left(later) <= 5 * 60


# -- multiple response --------------------------------------------------------------------
async def test_choose_two_in_an_exam_is_not_an_answer_with_one_pick(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await open_quiz(pilot)
        pane.resume_exam(multi_exam(pack_library))
        await settle(pilot)
        view = app.query_one(ExamView)
        await pilot.press("a")  # one of two
        await pilot.pause()
        header = plain(app.query_one("#exam-header", Static))
        assert "1 of 2 chosen" in header and "answered 0" in header
        assert view.exam.incomplete() == [0] and view.exam.answered() == []
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, NavigatorScreen)
        first = str(app.screen.query_one("#navigator-list").get_option_at_index(0).prompt)
        assert first.startswith("◐") and "(1 of 2 chosen)" in first
        await pilot.press("escape", "b")  # the second pick completes it
        await pilot.pause()
        assert "2 of 2 chosen" in plain(app.query_one("#exam-header", Static))
        assert view.exam.answered() == [0]
        await pilot.press("b", "s")
        await pilot.pause()
        text = plain(app.screen.query_one(Static))
        assert "1 incomplete" in text and "1 unanswered" in text


# -- the timer on the top line ------------------------------------------------------------
async def test_the_timer_shows_in_every_pane_while_an_exam_runs(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_quiz(pilot)
        tabs = app.query_one(PaneTabs)
        assert tabs.timer == ""
        pane.start_exam(questions=3, unscored=0, minutes=5, seed=1)
        await pilot.pause()
        for pane_id in ("topics", "search", "calculators", "progress", "quiz"):
            await app.run_action(f"show_pane('{pane_id}')")  # (keys would type in Search)
            await pilot.pause(1.1)
            assert tabs.timer.startswith("Exam ⏱ 0:04:")
            assert "⏱ 0:04:" in tabs.render().plain
        assert "⏱" in app.export_screenshot()
        assert app.focused.id == "exam-options"
        await pilot.press("escape", "p")
        await pilot.pause()
        assert tabs.timer == "" and "⏱" not in tabs.render().plain


# -- the review ---------------------------------------------------------------------------
async def test_review_filters_open_the_note_and_practise(pack_library, private_data_dir):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_quiz(pilot)
        exam = multi_exam(pack_library)
        pane.resume_exam(exam)
        await settle(pilot)
        view = app.query_one(ExamView)
        await pilot.press("a", "f", "n")  # question 1: one of two picks (wrong), flagged
        view.submit(auto=True)  # question 2 blank; the time ran out
        await settle(pilot)
        body = app.query_one("#exam-result-body", Markdown)
        assert "Time ran out" in body.source
        assert not app._notifications  # nothing over the review's first lines
        await pilot.press("w")
        await settle(pilot)
        assert "wrong answers, 1" in body.source and "**1. ✗**" in body.source
        assert "**2." not in body.source
        await pilot.press("b")
        await settle(pilot)
        assert "unanswered questions, 1" in body.source and "**1." not in body.source
        await pilot.press("f")
        await settle(pilot)
        assert "flagged questions, 1" in body.source and "**2." not in body.source
        await pilot.press("o")  # the note of the question at the top
        await settle(pilot)
        assert app.query_one("#panes").current == "topics"
        assert app.query_one("#topics-pane").current.id == "alpha-more"
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("r")  # practise these (the flagged one)
        await settle(pilot)
        assert pane.view == "quiz-question"
        assert [s.question.id for s in pane.session.shown] == ["alpha-q002"]


# -- 3. after answering -------------------------------------------------------------------
async def test_the_question_stays_in_view_and_picks_are_marked(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_quiz(pilot)
        pane.start(QuizFilter(question_ids=("alpha-q002",), count=None, seed=1))
        await pilot.pause()
        shown = pane.session.current
        right = sorted(shown.right_positions)
        wrong = sorted(set(range(len(shown.options))) - set(right))
        await pilot.press("abcdef"[right[0]], "abcdef"[wrong[0]], "enter")
        await settle(pilot)
        stem = app.query_one("#quiz-stem", Static)
        screen_text = app.export_screenshot().replace("&#160;", " ")
        assert "Which headers can tell" in screen_text  # the stem is still on screen
        assert "X-Forwarded-For" in screen_text  # and so are the options
        assert app.screen.find_widget(stem).region.height > 0
        assert app.query_one("#quiz-scroll").scroll_y == 0
        options = app.query_one("#quiz-options")
        prompts = [str(options.get_option_at_index(i).prompt)
                   for i in range(options.option_count)]
        assert prompts[right[0]].endswith("✓ your pick, right")
        assert prompts[wrong[0]].endswith("✗ your pick, wrong")
        assert prompts[right[1]].endswith("✓ missed")
        assert not any(w in prompts[wrong[1]] for w in ("pick", "missed"))
        assert app.query_one("#quiz-feedback-scroll").region.height > 2
        assert "**Wrong.**" in app.query_one("#quiz-feedback", Markdown).source
