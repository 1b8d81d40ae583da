"""The reader at 80-100 columns (issue #16): vim and pager keys, a tree that hides, code
that wraps with a marker, tables that stack, a line length cap, and search matches marked
in the text."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Tree

from studytui.cli import make_app
from studytui.ui.reader import (
    MATCH_STYLE,
    WRAP_MARK,
    CodeLines,
    ReaderMarkdown,
    ReaderTable,
    StackedTable,
    stacked_rows,
    table_columns,
    wrap_code_line,
)
from studytui.ui.topics import TopicsPane
from tests.conftest import settle

BUCKET_POLICY = "s3-bucket-policies"  # a JSON policy whose Condition line is the point
LB_TYPES = "elb-types"  # a four-column table of prose cells


async def open_in_reader(pilot, section_id: str, **kwargs) -> TopicsPane:
    app = pilot.app
    await pilot.pause()
    pane = app.query_one(TopicsPane)
    pane.open_section(section_id, focus_reader=True, **kwargs)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return pane


def reader(app) -> VerticalScroll:
    return app.query_one("#reader", VerticalScroll)


def footer_text(app) -> str:
    footer = app.screen.query_one(Footer)
    return " ".join(str(key.render()) for key in footer.query("FooterKey"))


# -- keys ---------------------------------------------------------------------------------
async def test_vim_and_pager_keys_scroll_the_reader():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_in_reader(pilot, BUCKET_POLICY)
        body = reader(app)
        assert app.focused is body
        assert body.max_scroll_y > 20, "the section must be longer than the screen"
        page = body.scrollable_content_region.height
        await pilot.press("j", "j")
        assert body.scroll_y == 2
        await pilot.press("k")
        assert body.scroll_y == 1
        await pilot.press("g")
        assert body.scroll_y == 0
        await pilot.press("space")
        assert body.scroll_y == page
        await pilot.press("b")
        assert body.scroll_y == 0
        await pilot.press("ctrl+d")
        assert body.scroll_y == page // 2
        await pilot.press("ctrl+u")
        assert body.scroll_y == 0
        await pilot.press("G")
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        assert body.scroll_y == 0


async def test_reader_keys_leave_the_tree_its_own_keys():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.query_one("#topic-tree", Tree)
        assert app.focused is tree
        line = tree.cursor_line
        await pilot.press("j")
        assert tree.cursor_line == line + 1
        assert reader(app).scroll_y == 0
        await pilot.press("b", "ctrl+d")  # the reader's keys do nothing from the tree
        assert reader(app).scroll_y == 0


async def test_footer_shows_the_scroll_keys_only_where_they_fit():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_in_reader(pilot, BUCKET_POLICY)
        await pilot.pause()
        assert "Scroll" in " ".join(str(label.render()) for label in
                                    app.screen.query("FooterLabel"))
        assert "Help" in footer_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert not app.screen.query("FooterLabel")
        assert "Help" in footer_text(app)  # never pushed off by the reader's keys


# -- the tree -----------------------------------------------------------------------------
async def test_z_hides_the_tree_for_the_session_and_shows_it_again():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)  # the footer and the other topics join after the first frame
        tree = app.query_one("#topic-tree", Tree)
        width = reader(app).size.width
        assert "Hide tree" in footer_text(app)
        await pilot.press("z")
        await pilot.pause()
        assert not tree.display
        assert app.focused is reader(app)
        assert reader(app).size.width > width + 20
        assert "Show tree" in footer_text(app)
        await pilot.press("j")  # the reader has the keys now
        await pilot.pause()
        assert reader(app).scroll_y == 1
        # another pane and back: still hidden, and focus lands in the reader
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        await pilot.pause()
        assert not tree.display
        assert app.focused is reader(app)
        await pilot.press("ctrl+b")  # harlequin's key does the same
        await pilot.pause()
        assert tree.display
        assert app.focused is tree
        assert "Hide tree" in footer_text(app)


# -- code ---------------------------------------------------------------------------------
def test_a_long_code_line_wraps_with_a_marker_at_its_indent():
    line = Content('        "StringNotEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}')
    rows = wrap_code_line(line, 40)
    assert len(rows) > 1
    assert all(row.cell_length <= 40 for row in rows)
    assert all(row.plain.startswith("        " + WRAP_MARK) for row in rows[1:])
    rebuilt = rows[0].plain + "".join(r.plain.removeprefix("        " + WRAP_MARK)
                                      for r in rows[1:])
    assert rebuilt.replace(" ", "") == line.plain.replace(" ", "")
    assert wrap_code_line(Content("short"), 40)[0].plain == "short"


async def test_the_bucket_policy_condition_is_readable_at_80_columns():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_in_reader(pilot, BUCKET_POLICY)
        code = app.query_one(CodeLines)
        width = code.content_region.width
        assert width < 45  # the reader is narrow beside the tree
        rows = code.rows(width)
        assert all(row.cell_length <= width for row in rows)  # nothing past the edge
        text = "".join(row.plain.strip().removeprefix(WRAP_MARK.strip()).strip()
                       for row in rows)
        assert '"Condition":{"StringNotEquals":' in text.replace(" ", "")
        assert '{"s3:x-amz-server-side-encryption":"aws:kms"}' in text.replace(" ", "")
        assert any(WRAP_MARK.strip() in row.plain for row in rows)
        # on screen, too: the value the condition tests is drawn
        reader(app).scroll_to_widget(code, top=True, animate=False)
        await pilot.pause()
        screen = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "aws:kms" in screen


# -- tables -------------------------------------------------------------------------------
def test_table_columns_stack_when_a_column_would_be_cut():
    headers = [Content("Layer"), Content("Protocols")]
    rows = [[Content("7"), Content("HTTP, HTTPS, gRPC, WebSockets")]]
    assert table_columns(headers, rows, 80) == [5 + 2, 29 + 2]  # natural widths fit
    assert table_columns(headers, rows, 20) is None  # "La…": stack instead
    # a squeezed table gives the spare room to the column that lacks it
    wide = [[Content("x"), Content("a formula " * 8)]]
    widths = table_columns([Content("A"), Content("B")], wide, 60)
    assert widths is not None and sum(widths) + 1 == 60 and widths[1] > widths[0]
    assert stacked_rows(headers, rows).plain == "Layer: 7\nProtocols: HTTP, HTTPS, gRPC, WebSockets"


async def test_a_wide_table_stacks_as_header_value_lines_when_narrow():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_in_reader(pilot, LB_TYPES)
        table = app.query_one(ReaderTable)
        assert table.stacked
        stacked = app.query_one(StackedTable)
        assert stacked.display
        assert "Type: Application Load Balancer (ALB)\nLayer: 7\nProtocols:" in stacked.text
        # on screen: each header beside its value, the values wrapped in their own column
        reader(app).scroll_to_widget(stacked, top=True, animate=False)
        await pilot.pause()
        screen = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "Layer:       7" in screen and "Protocols:   HTTP, HTTPS" in screen
        assert "La…" not in screen and "Protoc…" not in screen
        # wide enough (tree hidden, 160 columns): the grid, with no column cut
        await pilot.resize_terminal(160, 40)
        await pilot.press("z")
        await pilot.pause()
        await pilot.pause()
        assert not table.stacked
        grid = table.query_one("MarkdownTableContent")
        assert grid.display
        for cell in grid.query(".cell, .header"):
            longest = max(len(word) for word in str(cell.content).split())
            assert cell.content_region.width >= longest


async def test_a_small_table_keeps_its_grid(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_in_reader(pilot, "alpha-basics")
        assert not app.query_one(ReaderTable).stacked


# -- line length --------------------------------------------------------------------------
async def test_lines_stop_at_a_comfortable_length_on_a_wide_terminal():
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await open_in_reader(pilot, LB_TYPES)
        await pilot.press("z")
        await pilot.pause()
        assert reader(app).size.width > 150
        assert app.query_one(ReaderMarkdown).size.width <= 100


# -- search matches -----------------------------------------------------------------------
def marked_words(app) -> list[str]:
    words = []
    for widget in app.query_one(ReaderMarkdown).query("*"):
        content = getattr(widget, "content", None)
        if isinstance(content, Content):
            words += [content.plain[s.start:s.end] for s in content.spans
                      if s.style == MATCH_STYLE]
    return words


async def test_a_search_hit_opens_with_its_words_marked_in_reverse(pack_library):
    from tests.test_search_pane import wait_for_results

    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"mention tabl")
        await wait_for_results(pilot, app)
        await pilot.press("down", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.query_one(TopicsPane).current.id == "alpha-basics"
        assert sorted(marked_words(app)) == ["mentions", "table"]
        # opening a section without a search clears the marks
        app.query_one(TopicsPane).open_section("alpha-more")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert marked_words(app) == []


@pytest.mark.parametrize("size", [(80, 24), (160, 40)])
async def test_marks_reach_table_cells_but_not_code(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await open_in_reader(pilot, BUCKET_POLICY, highlight=("condition",))
        words = [w.lower() for w in marked_words(app)]
        assert "condition" in words  # the prose: "Because this condition inspects..."
        code = app.query_one(CodeLines)
        assert not any(span.style == MATCH_STYLE for span in code.code.spans)
        await open_in_reader(pilot, LB_TYPES, highlight=("protocols",))
        assert [w.lower() for w in marked_words(app)].count("protocols") >= 2


async def test_a_link_in_a_stacked_table_still_opens_its_section(pack_library):
    from studytui.ui.reader import StackedValue

    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_in_reader(pilot, "alpha-basics")
        value = app.query(StackedValue).first()
        await value.action_link("section:alpha-more")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert pane.current.id == "alpha-more"
