"""Pilot tests of the Search pane: type, see hits, open the right section or question."""

from __future__ import annotations

from textual.widgets import Input, Markdown, OptionList, Static

from studytui.cli import make_app
from studytui.ui.quiz import QuizPane
from studytui.ui.topics import TopicsPane


async def wait_for_results(pilot, app) -> None:
    for _ in range(20):
        await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        if app.query_one("#search-pane").hits:
            return


async def test_type_a_query_and_open_the_note(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert app.focused is app.query_one("#search-input", Input)
        await pilot.press(*"mention tabl")
        await wait_for_results(pilot, app)
        pane = app.query_one("#search-pane")
        assert pane.hits[0].section_id == "alpha-basics"
        assert "1 result ·" in str(app.query_one("#search-status", Static).content)
        await pilot.press("down", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.query_one("#panes").current == "topics"
        assert app.query_one(TopicsPane).current.id == "alpha-basics"
        source = app.query_one("#reader-body", Markdown).source
        assert "It **mentions**" in source and "a **table**" in source


async def test_question_hit_opens_single_question_practice(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press(*"instance profile type:question")
        await wait_for_results(pilot, app)
        await pilot.press("enter")  # enter in the box opens the first hit
        await pilot.pause()
        assert app.query_one("#panes").current == "quiz"
        quiz = app.query_one(QuizPane)
        assert [s.question.id for s in quiz.session.shown] == ["beta-q001"]


async def test_empty_bad_and_no_result_states(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        status = app.query_one("#search-status", Static)
        assert "Try:" in str(status.content)
        await pilot.press(*"type:video x")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "type:video" in str(status.content)
        app.query_one("#search-input", Input).value = "zzqqxxyy"
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "No results" in str(status.content)
        assert app.query_one("#search-results", OptionList).option_count == 0


async def test_escape_leaves_the_query_for_the_results_and_comes_back(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"mention")
        await wait_for_results(pilot, app)
        await pilot.press("escape")
        assert app.focused is app.query_one("#search-results", OptionList)
        await pilot.press("escape")
        assert app.focused is app.query_one("#search-input", Input)
        await pilot.press("escape", "1")  # out of the text field, pane keys work again
        await pilot.pause()
        assert app.query_one("#panes").current == "topics"


async def test_slash_always_lands_in_the_query_with_it_selected(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"mention")
        await wait_for_results(pilot, app)
        query = app.query_one("#search-input", Input)
        await pilot.press("slash")  # in the query: no slash typed, the query selected
        assert query.value == "mention" and query.selected_text == "mention"
        await pilot.press(*"alpha")
        assert query.value == "alpha"
        await pilot.press("escape", "3", "slash")  # from another pane, too
        await pilot.pause()
        assert app.focused is query and query.selected_text == "alpha"


async def test_escape_leaves_an_empty_query_so_pane_keys_work(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press("escape", "4")
        await pilot.pause()
        assert app.query_one("#panes").current == "calculators"
        assert app.query_one("#search-input", Input).value == ""
