"""Pilot tests: a short exam to its results, the resume offer, the Progress dashboard."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from textual.widgets import DataTable, Markdown, Static

from studytui.cli import make_app
from studytui.progress import ProgressLog
from studytui.quiz.exam import Exam
from studytui.ui.exam import ExamView, NavigatorScreen, ResumeScreen, SubmitScreen
from studytui.ui.quiz import QuizPane
from tests.conftest import settle

FIXED = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)


async def start_short_exam(pilot) -> tuple[QuizPane, ExamView]:
    """Open the Quiz pane and start a 5-minute exam on the test pack (two questions)."""
    await pilot.press("3")
    await pilot.pause()
    pane = pilot.app.query_one(QuizPane)
    pane.start_exam(questions=3, unscored=0, minutes=5, seed=1)
    await pilot.pause()
    return pane, pilot.app.query_one(ExamView)


async def test_short_exam_to_results(pack_library, private_data_dir):
    app = make_app(library=pack_library)
    async with app.run_test(size=(100, 30)) as pilot:
        pane, view = await start_short_exam(pilot)
        exam = view.exam
        assert len(exam.shown) == 2  # the pack has no D3/D4 questions: the draw says so
        assert "⏱ 0:04:5" in str(app.query_one("#exam-header", Static).content)
        right = sorted(exam.shown[0].right_positions)
        await pilot.press(*["abcde"[p] for p in right])
        await pilot.press("f", "n")  # flag the first, move on
        assert exam.answers[0] == right and 0 in exam.flagged and exam.current == 1
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, NavigatorScreen)
        await pilot.press("k", "enter")  # jump back to question 1
        await pilot.pause()
        assert exam.current == 0
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SubmitScreen)
        assert "1 unanswered" in str(app.screen.query_one(Static).content)
        await pilot.press("y")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert pane.view == "quiz-exam-result"
        body = app.query_one("#exam-result-body", Markdown).source
        assert "Exam result:" in body and "1 of 2 scored questions right" in body
    log = ProgressLog(private_data_dir)
    assert len(log.exams()) == 1 and log.load_running_exam() is None
    assert [a["mode"] for a in log.attempts()] == ["exam"]


async def test_running_exam_is_offered_on_restart(pack_library, private_data_dir):
    exam = Exam.new(pack_library, seed=2, questions=3, unscored=0, minutes=60)
    exam.answer(1, [0])
    exam.current = 1
    ProgressLog(private_data_dir).save_running_exam(exam.to_dict())
    app = make_app(library=pack_library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("r")
        await pilot.pause()
        await pilot.pause()
        view = app.query_one(ExamView)
        assert view.exam.current == 1 and view.exam.answers == {1: [0]}
        assert app.query_one("#panes").current == "quiz"


async def test_expired_exam_is_submitted_on_restart(pack_library, private_data_dir):
    exam = Exam.new(pack_library, seed=2, questions=3, unscored=0, minutes=1,
                    now=datetime.now(timezone.utc) - timedelta(minutes=5))
    ProgressLog(private_data_dir).save_running_exam(exam.to_dict())
    app = make_app(library=pack_library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("time ran out" in m for m in messages)
    assert ProgressLog(private_data_dir).exams()[0]["score"] == 100


def seed_history(folder, library, days: int = 7) -> None:
    log = ProgressLog(folder)
    from studytui.quiz.schedule import Planner

    planner = Planner()
    for day in range(days):
        when = FIXED - timedelta(days=day)
        for question in library.questions:
            log.record_attempt({"question": question.id, "at": when.isoformat(),
                                "answer": [0], "correct": question.topic_id == "alpha",
                                "seconds": 30.0, "mode": "practice",
                                "topic": question.topic_id, "domain": question.domain},
                               planner)


async def test_dashboard_with_a_seeded_history(pack_library, private_data_dir):
    seed_history(private_data_dir, pack_library)
    app = make_app(library=pack_library)
    app.clock = lambda: FIXED
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        readiness = str(app.query_one("#progress-readiness", Static).content)
        calendar = str(app.query_one("#progress-calendar", Static).content)
        assert "Streak: 7 days" in calendar
        assert "predicted score" in readiness and "21 answers" in readiness
        topics = app.query_one("#progress-topics", DataTable)
        first = topics.get_row_at(0)
        assert first[0].startswith("Alpha") and first[1] == "2/2" and first[2] == "100%"
        await pilot.press("w")
        await pilot.pause()
        assert app.query_one("#panes").current == "quiz"
        pane = app.query_one(QuizPane)
        assert {s.question.topic_id for s in pane.session.shown} <= {"beta", "alpha"}
        assert pane.session.shown[0].question.topic_id in ("beta", "alpha")


async def test_exam_review_is_paged_and_can_show_only_wrong_answers(pack_library,
                                                                    private_data_dir,
                                                                    monkeypatch):
    import studytui.ui.exam_result as exam_result

    monkeypatch.setattr(exam_result, "PAGE_SIZE", 1)
    app = make_app(library=pack_library)
    async with app.run_test(size=(100, 30)) as pilot:
        pane, view = await start_short_exam(pilot)
        exam = view.exam
        exam.answer(0, sorted(exam.shown[0].right_positions))  # 1 right, 2 unanswered
        view.submit(auto=False)
        await settle(pilot)
        body = app.query_one("#exam-result-body", Markdown)
        assert "page 1 of 2" in body.source and "**1. ✓**" in body.source
        await pilot.press("n")
        await settle(pilot)
        assert "page 2 of 2" in body.source and "**2. ✗**" in body.source
        review = app.query_one("#quiz-exam-result")
        assert review.scroll_y > 0  # paging lands on the review, past the score
        await pilot.press("b")  # only the blanks: question 2
        await settle(pilot)
        assert "page 1 of 1" in body.source and "**1." not in body.source
        assert "**2. ✗**" in body.source
        await pilot.press("enter")
        await settle(pilot)
        assert pane.view != "quiz-exam-result"


async def test_an_exam_started_before_the_saved_one_is_checked_is_not_offered_again(
        pack_library, private_data_dir):
    app = make_app(library=pack_library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        started = Exam.new(pack_library, seed=1, questions=3, unscored=0, minutes=60)
        app.query_one("#quiz-pane").resume_exam(started)
        await pilot.pause()
        # the start-up check for a saved exam finds the one just begun: it must not be
        # offered back as if it were left from an earlier session
        app._offer_resume(started.to_dict())
        await settle(pilot)
        assert not isinstance(app.screen, ResumeScreen)
        assert app.query_one("#quiz-pane").view == "quiz-exam"
    assert ProgressLog(private_data_dir).exams() == []


async def test_progress_shows_exam_coverage_next_to_readiness(private_data_dir):
    """Sixty right answers on IAM alone: a low readiness, and coverage says how little."""
    from textual.content import Content

    from studytui.bank import load_bank
    from studytui.locations import content_dirs
    from studytui.quiz.schedule import Planner

    library = load_bank(content_dirs())
    iam = [q for q in library.questions if q.topic_id == "iam"]
    log, planner = ProgressLog(private_data_dir), Planner()
    for day in range(3):
        for question in iam:
            log.record_attempt({"question": question.id,
                                "at": (FIXED - timedelta(days=day)).isoformat(),
                                "answer": sorted(question.answer), "correct": True,
                                "seconds": 20.0, "mode": "practice", "topic": "iam",
                                "domain": question.domain}, planner)
    topics = sum(1 for t in library.topics if any(q.topic_id == t.id
                                                  for q in library.questions))
    app = make_app(library=library)
    app.clock = lambda: FIXED
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        head = Content.from_markup(str(app.query_one("#progress-readiness", Static).content)
                                   ).plain
        assert "not enough evidence" in head and "likely to pass" not in head
        assert "counts as a guess (25%)" in head
        assert (f"Exam coverage: 1 of 58 in-scope services, 1 of {topics} topics practised"
                in head)
        assert "Not practised yet: Amazon Athena, Amazon Kinesis," in head
