"""The palette runs app actions by name; Progress ends with one Next step and a key for it."""

from __future__ import annotations

from datetime import datetime, timezone

from textual.widgets import DataTable, Static

from studytui.cli import make_app
from studytui.progress import ProgressLog
from studytui.ui.commands import ActionCommands
from studytui.ui.quiz import QuizPane
from tests.conftest import settle


async def test_palette_lists_app_actions_and_runs_them(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        provider = ActionCommands(app.screen)
        names = [text for text, _action, _help in provider._entries()]
        for wanted in ("Quiz: review what is due", "Exam: start a timed simulation",
                       "Exam: resume the saved exam", "Export: answer history",
                       "Export: Anki deck", "Topics: hide or show the tree",
                       "Calculator: Kinesis"):
            assert any(name.startswith(wanted) for name in names), (wanted, names)
        calculator = next(action for text, action, _ in provider._entries()
                          if text.startswith("Calculator: DynamoDB write"))
        await calculator()
        await pilot.pause()
        assert app.query_one("#panes").current == "calculators"
        tree = next(action for text, action, _ in provider._entries()
                    if text.startswith("Topics: hide"))
        await tree()
        await pilot.pause()
        assert app.query_one("#panes").current == "topics"
        assert not app.query_one("#topic-tree").display


async def test_export_from_the_palette_writes_into_the_data_folder(pack_library,
                                                                   private_data_dir):
    ProgressLog(private_data_dir).record_attempt({
        "question": "alpha-q001", "at": datetime.now(timezone.utc).isoformat(),
        "answer": [0], "correct": True, "seconds": 3.0, "mode": "practice",
        "topic": "alpha", "domain": 1})
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        app.export_history()
        await app.workers.wait_for_complete()
        await pilot.pause()
    (written,) = (private_data_dir / "exports").glob("history-*.csv")
    assert written.read_text().splitlines()[1].split(",")[1] == "alpha-q001"


async def test_progress_next_line_and_enter_start_what_it_says(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = str(app.query_one("#progress-next", Static).content)
        assert "Next[/]: start on Alpha" in text and "enter" in text
        table = app.query_one("#progress-topics", DataTable)
        assert [str(c.label) for c in table.columns.values()][1:4] == [
            "Seen", "Right (recent)", "Due now"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one("#panes").current == "quiz"
        pane = app.query_one(QuizPane)
        assert pane.session is not None
        assert {s.question.topic_id for s in pane.session.shown} == {"alpha"}
