"""Pilot tests of the Search pane: type, see hits, open the right section or question."""

from __future__ import annotations

import time

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
        await pilot.press("escape")  # escape only backs out: it stays on the results
        assert app.focused is app.query_one("#search-results", OptionList)
        await pilot.press("slash")  # / goes back into the query
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


async def test_cheap_searches_run_at_every_key_slow_ones_after_a_pause(pack_library,
                                                                       monkeypatch):
    from studytui.ui import search

    monkeypatch.setattr(search, "DEBOUNCE_S", 0.5)  # longer than this machine's key gaps
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await app.workers.wait_for_complete()
        index = app.search_index()
        searched: list[str] = []
        original = index.search

        def counted(query, limit=20):
            searched.append(query)
            if query.startswith("menti"):  # slow from here on: debounced again
                time.sleep(search.CHEAP_S * 2)
            return original(query, limit)

        index.search = counted
        pane = app.query_one("#search-pane")
        await pilot.press(*"ment")
        await wait_for_results(pilot, app)
        assert searched == ["m", "me", "men", "ment"]  # no debounce: results as you type
        pane.last_cost = 1.0  # as after a slow search: a burst of keys runs one search
        searched.clear()
        await pilot.press(*"ion")
        await pilot.pause(search.DEBOUNCE_S + 0.2)
        await app.workers.wait_for_complete()
        assert searched == ["mention"] and pane.last_cost > search.CHEAP_S


async def test_a_screenful_of_rows_first_then_the_rest():
    from studytui.ui.search import FIRST_ROWS

    app = make_app()  # the bundled content: more hits than a screen shows
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", *"lambda")
        await wait_for_results(pilot, app)
        await pilot.pause()
        pane = app.query_one("#search-pane")
        results = app.query_one("#search-results", OptionList)
        assert len(pane.hits) > FIRST_ROWS and results.option_count == len(pane.hits)
        assert results.highlighted == 0
        pane._list(pane.hits[:3])  # the rest of older results never lands in newer ones
        pane._list_rest(pane.hits + pane.hits)
        assert results.option_count == 3
