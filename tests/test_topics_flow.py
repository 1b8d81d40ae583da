"""Pilot tests of the Topics pane, driven with keys as a user would."""

from __future__ import annotations

from textual.widgets import Markdown, Static, Tree

from studytui.cli import make_app
from studytui.ui.pane_tabs import PaneTabs
from studytui.ui.topics import TopicsPane


def reader_text(app) -> str:
    return app.query_one("#reader-body", Markdown).source


async def test_opens_on_first_section_and_navigates_with_vim_keys(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Alpha is the **first** section" in reader_text(app)
        tree = app.query_one("#topic-tree", Tree)
        assert app.focused is tree
        await pilot.press("j", "enter")
        assert app.query_one(TopicsPane).current.id == "alpha-more"
        await pilot.press("j", "enter")  # the beta topic: enter expands it, shows its summary
        assert app.query_one(TopicsPane).current is None
        assert "A second test topic." in reader_text(app)
        await pilot.press("j", "enter")
        assert app.query_one(TopicsPane).current.id == "beta-one"
        await pilot.press("k", "k", "h")  # up to the alpha leaf, h goes to its topic
        assert tree.cursor_node.data.id == "alpha"
        await pilot.press("h")  # collapse
        assert not tree.cursor_node.is_expanded
        await pilot.press("l")
        assert tree.cursor_node.is_expanded


async def test_next_and_previous_cross_topics(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.query_one(TopicsPane)
        await pilot.press("n", "n")
        assert pane.current.id == "beta-one"
        await pilot.press("p")
        assert pane.current.id == "alpha-more"


async def test_mark_read_survives_a_restart(pack_library, private_data_dir):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "enter", "m")
        await app.workers.wait_for_complete()
        title = str(app.query_one("#reader-title", Static).content)
        assert "read" in title
        tree = app.query_one("#topic-tree", Tree)
        assert "1/2" in str(tree.root.children[0].label)

    again = make_app(library=pack_library)
    assert again.read_sections == {"alpha-more"}
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # reopens where we left off
        assert again.query_one(TopicsPane).current.id == "alpha-more"
        await pilot.press("m")  # and unmarks
        await again.workers.wait_for_complete()
    assert make_app(library=pack_library).read_sections == set()


async def test_palette_jumps_to_a_section(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"beta two")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one(TopicsPane).current.id == "beta-two"


async def test_help_opens_and_closes(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HelpScreen"
        body = app.screen.query_one(Markdown).source
        assert body.startswith("## Keys here (Topics)")
        assert "| `m` | Mark read | `topics.toggle_read` |" in body
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ != "HelpScreen"


async def test_too_small_notice_and_recovery(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        assert app.has_class("-too-small")
        assert app.query_one("#too-small").display
        await pilot.resize_terminal(30, 5)
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not app.has_class("-too-small")


async def test_q_quits(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_theme_choice_persists(pack_library, private_data_dir):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "nord"
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert make_app(library=pack_library).settings.theme == "nord"


async def test_the_pane_bar_shows_the_pane_and_opens_one_on_click(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.query_one(PaneTabs)
        assert bar.active == "topics"
        await pilot.press("4")
        await pilot.pause()
        assert bar.active == "calculators" == app.query_one("#panes").current
        text = bar.render().plain
        await pilot.click(PaneTabs, offset=(text.index("3 Quiz") + 1, 0))
        await pilot.pause()
        assert bar.active == "quiz" == app.query_one("#panes").current
        assert app.query_one("#quiz-pane").is_mounted


async def test_every_topic_has_its_sections_once_the_first_frame_is_drawn(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.query_one("#topic-tree", Tree)
        assert [[leaf.data.id for leaf in node.children] for node in tree.root.children] == [
            [s.id for s in topic.sections] for topic in pack_library.topics]


async def test_the_title_shows_beside_the_pane_names_when_there_is_room(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert app.query_one(PaneTabs).render().plain.rstrip().endswith("studytui · DVA-C02")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "studytui" not in app.query_one(PaneTabs).render().plain


async def test_opening_a_section_whose_topic_is_not_filled_yet_fills_it(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.query_one("#topic-tree", Tree)
        beta = next(n for n in tree.root.children if n.data.id == "beta")
        beta.remove_children()  # as it is until the first frame is drawn
        app.query_one(TopicsPane).open_section("beta-one")
        await pilot.pause()
        assert [leaf.data.id for leaf in beta.children] == ["beta-one", "beta-two"]
        assert tree.cursor_node.data.id == "beta-one"
