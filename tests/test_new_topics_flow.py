"""The exam's new topics (SQS, SNS, Kinesis, ...) through the app, as a learner meets them."""

from __future__ import annotations

from textual.widgets import Markdown

from studytui.cli import make_app
from studytui.progress import ProgressLog
from studytui.quiz.engine import QuizFilter
from studytui.ui.quiz import QuizPane
from studytui.ui.topics import TopicsPane
from tests.conftest import settle
from tests.test_quiz_pane import answer_right


async def test_open_an_sqs_section_follow_its_link_and_answer_an_sqs_question(
        private_data_dir):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        topics = app.query_one(TopicsPane)
        section = next(s for s in app.library.sections
                       if s.topic_id == "sqs" and "](section:" in s.body)
        await app.open_section(section.id)
        await pilot.pause()
        assert topics.current is not None and topics.current.id == section.id
        target = section.body.split("](section:", 1)[1].split(")", 1)[0]
        reader = app.query_one("#reader-body", Markdown)
        reader.post_message(Markdown.LinkClicked(reader, f"section:{target}"))
        await pilot.pause()
        await pilot.pause()
        assert topics.current.id == target  # the link led to the other topic's section

        question = next(q for q in app.library.questions
                        if q.topic_id == "sqs" and q.kind == "single")
        await pilot.press("3")
        await pilot.pause()
        pane = app.query_one(QuizPane)
        pane.start(QuizFilter(question_ids=(question.id,), count=None))
        await pilot.pause()
        await answer_right(pilot, pane)
        await pilot.pause()
        assert "**Right.**" in app.query_one("#quiz-feedback", Markdown).source
        await app.workers.wait_for_complete()
    attempts = ProgressLog(private_data_dir).attempts()
    assert [(a["question"], a["topic"], a["correct"]) for a in attempts] == [
        (question.id, "sqs", True)]
