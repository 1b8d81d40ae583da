"""Topics pane: a tree of topics and sections beside a Markdown reader."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.markup import escape
from textual.message import Message
from textual.widgets import Markdown, Static, Tree
from textual.widgets.tree import TreeNode

from studytui.blueprint import domain_label
from studytui.content.model import Section, Topic
from studytui.search.highlight import first_match_line, highlight_markdown, term_pattern
from studytui.ui.reader import ReaderMarkdown
from studytui.ui.vim_tree import VimTree

if TYPE_CHECKING:
    from studytui.ui.app import StudyApp

READ_MARK = "✓"
TREE_TOGGLE_ID = "topics.toggle_tree"
SCROLL = Binding.Group("Scroll", compact=False)
FOOTER_SCROLL_KEYS_WIDTH = 100
TITLE_DOMAIN_NAMES_WIDTH = 140


def lead_before_table(markdown: str) -> str:
    """The text up to the first table (all of it when there is none)."""
    lines = markdown.splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.lstrip().startswith("|") and number + 1 < len(lines) and \
                lines[number + 1].lstrip().startswith("|"):
            return "".join(lines[:number]).rstrip() + "\n"
    return markdown


class TopicsPane(Vertical):
    """Browse every topic, read a section, mark it read.

    The reader's keys (vim and pager: j/k, space/b, ctrl+d/u, g/G) live here rather than
    on the reader so the help lists them with the pane's; they act only while the reader
    has focus. `z` (or ctrl+b) hides the tree for the rest of the session, or shows it."""

    BINDINGS = [
        Binding("j,down", "reader('down')", "Line down", id="reader.down", group=SCROLL),
        Binding("k,up", "reader('up')", "Line up", id="reader.up", group=SCROLL),
        Binding("space,pagedown", "reader('page_down')", "Page down", id="reader.page_down",
                group=SCROLL),
        Binding("b,pageup", "reader('page_up')", "Page up", id="reader.page_up",
                group=SCROLL),
        Binding("ctrl+d", "reader('half_down')", "Half page down", id="reader.half_down",
                show=False),
        Binding("ctrl+u", "reader('half_up')", "Half page up", id="reader.half_up",
                show=False),
        Binding("g,home", "reader('top')", "Top", id="reader.top", show=False),
        Binding("G,end", "reader('bottom')", "Bottom", id="reader.bottom", show=False),
        Binding("m", "toggle_read", "Mark read", id="topics.toggle_read"),
        Binding("n", "next_section", "Next", id="topics.next"),
        Binding("p", "previous_section", "Prev", id="topics.previous"),
        Binding("z,ctrl+b", "toggle_tree", "Hide tree", id=TREE_TOGGLE_ID),
    ]

    class SectionOpened(Message):
        def __init__(self, section_id: str) -> None:
            super().__init__()
            self.section_id = section_id

    def __init__(self, initial: Section | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.current: Section | None = initial
        self.tree_shown = True  # the pane lives as long as the app: so does this choice

    if TYPE_CHECKING:  # types self.app as the StudyApp it always is; nothing at run time
        app = getters.app(StudyApp)

    def compose(self) -> ComposeResult:
        with Horizontal():
            # a Text label: a str one is read as markup, which loads rich's emoji table
            yield VimTree(Text("Topics"), id="topic-tree")
            # the first section is composed in, not updated after mount: one layout pass
            section = self.current
            first = lead_before_table(section.markdown()) if section else ""
            with Vertical(id="reader-column"):
                yield Static(self._title_markup(section) if section else "", id="reader-title")
                with VerticalScroll(id="reader"):
                    yield ReaderMarkdown(first, id="reader-body", open_links=False)

    def on_mount(self) -> None:
        tree: Tree = self.query_one("#topic-tree", Tree)
        tree.show_root = False
        tree.guide_depth = 2
        # the first frame shows only the open topic's sections: the others' (hidden, in
        # collapsed topics) are added right after it, a tree node costing ~0.1 ms each
        opened = self.current.topic_id if self.current else None
        later = []
        for topic in self.app.library.topics:
            node = tree.root.add(self._topic_label(topic), data=topic)
            if topic.id == opened:
                self._add_sections(node, topic)
            else:
                later.append((node, topic))
        tree.root.expand()
        self.call_after_refresh(self._add_all_sections, later)
        if self.current is not None:
            self._reveal(self.current)
            full = self.current.markdown()
            if lead_before_table(full) != full:
                # tables are the costly part of a first frame: they follow right after it
                self.call_after_refresh(self._show_markdown, full)
        if not self.app.library.topics:
            self.query_one("#reader-title", Static).update("No topics loaded")
            self._show_markdown("No content could be loaded. Run `studytui validate` to see why.")

    def _add_sections(self, node: TreeNode, topic: Topic) -> None:
        for section in topic.sections:
            node.add_leaf(self._section_label(section), data=section)

    def _add_all_sections(self, nodes: list[tuple[TreeNode, Topic]]) -> None:
        for node, topic in nodes:
            if not node.children:
                self._add_sections(node, topic)

    # -- labels -------------------------------------------------------------------------
    # Labels are Rich Text, never markup: a title with "[" in it must show as typed.
    def _topic_label(self, topic: Topic) -> Text:
        read = self.app.read_sections
        done = sum(1 for s in topic.sections if s.id in read)
        # the count first, so a long title cut by a narrow tree never hides it
        return Text.assemble((f"{done}/{len(topic.sections)} ", "dim"), topic.title)

    def _section_label(self, section: Section) -> Text:
        read = section.id in self.app.read_sections
        return Text.assemble((f"{READ_MARK} " if read else "  ", "green"), section.title)

    def _refresh_labels(self, section: Section) -> None:
        tree = self.query_one("#topic-tree", Tree)
        for topic_node in tree.root.children:
            topic = topic_node.data
            if not isinstance(topic, Topic) or topic.id != section.topic_id:
                continue
            topic_node.set_label(self._topic_label(topic))
            for leaf in topic_node.children:
                if isinstance(leaf.data, Section) and leaf.data.id == section.id:
                    leaf.set_label(self._section_label(section))
        self._show_title()

    # -- opening ------------------------------------------------------------------------
    def open_section(self, section_id: str, focus_reader: bool = False,
                     highlight: tuple[str, ...] = ()) -> bool:
        """Show a section in the reader and move the tree cursor to it; with `highlight`,
        mark those words and scroll to the first of them."""
        library = self.app.library
        section = library.section_by_id.get(section_id)
        if section is None:
            return False
        self._reveal(section)
        self.current = section
        self._show_title()
        text = section.markdown()
        if highlight:
            text = highlight_markdown(text, highlight)
        self._show_markdown(text, first_match_line(text, highlight) if highlight else None,
                            marks=term_pattern(highlight) if highlight else None)
        self.query_one("#reader", VerticalScroll).scroll_home(animate=False)
        if focus_reader:
            self.query_one("#reader", VerticalScroll).focus()
        self.post_message(self.SectionOpened(section_id))
        return True

    def _reveal(self, section: Section) -> None:
        """Expand the section's topic and put the tree cursor on it."""
        tree = self.query_one("#topic-tree", Tree)
        for topic_node in tree.root.children:
            topic = topic_node.data
            if not isinstance(topic, Topic) or topic.id != section.topic_id:
                continue
            if not topic_node.children:  # asked for before the first frame filled it
                self._add_sections(topic_node, topic)
            topic_node.expand()
            for leaf in topic_node.children:
                if isinstance(leaf.data, Section) and leaf.data.id == section.id:
                    self._move_cursor(tree, leaf)

    def _move_cursor(self, tree: Tree, leaf) -> None:
        _ = tree.last_line  # a node's line is known only once the tree rebuilds its lines
        tree.move_cursor(leaf, animate=False)
        # before the first layout the tree has no height and scrolls too far: settle after
        self.call_after_refresh(self._settle_scroll, tree, leaf)

    @staticmethod
    def _settle_scroll(tree: Tree, leaf) -> None:
        if 0 <= leaf.line < tree.scrollable_content_region.height:
            tree.scroll_home(animate=False)
        else:
            tree.scroll_to_node(leaf, animate=False)

    def _show_markdown(self, text: str, scroll_to_line: int | None = None,
                       marks: re.Pattern[str] | None = None) -> None:
        """Replace the reader's text; a newer request cancels an older one still mounting.
        With `scroll_to_line`, bring the block holding that source line to the top; with
        `marks`, show the words it matches in reverse bold."""
        async def update() -> None:
            markdown = self.query_one("#reader-body", ReaderMarkdown)
            await markdown.update(text)
            markdown.mark_matches(marks)
            if scroll_to_line is None:
                return
            for block in markdown.children:
                start, end = getattr(block, "source_range", (0, 0))
                if start <= scroll_to_line < max(end, start + 1):
                    self.call_after_refresh(self.query_one("#reader", VerticalScroll)
                                            .scroll_to_widget, block, top=True,
                                            animate=False)
                    break

        self.run_worker(update(), exclusive=True, group="reader")

    def _badges(self, topic: Topic) -> str:
        """The topic's exam domains: named on a wide terminal, numbered on a narrow one
        (where the names took three of the reader's lines)."""
        wide = self.app.size.width >= TITLE_DOMAIN_NAMES_WIDTH
        return "  ".join(f"[reverse] {domain_label(d) if wide else f'D{d}'} [/]"
                         for d in topic.domains)

    def _title_markup(self, section: Section) -> str:
        topic = self.app.library.topic_by_id[section.topic_id]
        badges = self._badges(topic)
        read = "  [$success]✓ read[/]" if section.id in self.app.read_sections else ""
        return (f"[b]{escape(topic.title)}[/] › {escape(section.title)}{read}\n{badges}  "
                f"[dim]tasks {', '.join(topic.tasks)}[/]")

    def _show_title(self) -> None:
        if self.current is not None:
            self.query_one("#reader-title", Static).update(self._title_markup(self.current))

    def _show_topic(self, topic: Topic) -> None:
        self.current = None
        badges = self._badges(topic)
        self.query_one("#reader-title", Static).update(f"[b]{escape(topic.title)}[/]\n{badges}")
        listing = "\n".join(f"- {s.title}" for s in topic.sections)
        self._show_markdown(f"{topic.summary}\n\n**Sections**\n\n{listing}\n")

    @on(Markdown.LinkClicked, "#reader-body")
    def _follow_link(self, event: Markdown.LinkClicked) -> None:
        """`section:ID` links lead to another section; web links open in the browser."""
        scheme, _, target = event.href.partition(":")
        if scheme == "section" and target in self.app.library.section_by_id:
            self.open_section(target, focus_reader=True)
        elif scheme in ("http", "https"):
            self.app.open_url(event.href)
        else:
            self.app.notify(f"No section {target!r} in the loaded content.",
                            severity="warning")

    @on(Tree.NodeSelected, "#topic-tree")
    def _on_node_selected(self, event: Tree.NodeSelected) -> None:
        data = event.node.data
        if isinstance(data, Section):
            self.open_section(data.id)
        elif isinstance(data, Topic):
            self._show_topic(data)

    # -- actions ------------------------------------------------------------------------
    def _target(self) -> Section | None:
        node = self.query_one("#topic-tree", Tree).cursor_node
        if self.focused_in_tree() and node is not None and isinstance(node.data, Section):
            return node.data
        return self.current

    def focused_in_tree(self) -> bool:
        return self.app.focused is self.query_one("#topic-tree", Tree)

    def action_toggle_read(self) -> None:
        section = self._target()
        if section is None:
            self.app.notify("Open a section first (enter).", severity="warning")
            return
        read = section.id not in self.app.read_sections
        self.app.set_read(section.id, read)
        self._refresh_labels(section)

    def _step(self, delta: int) -> None:
        sections = self.app.library.sections
        if not sections:
            return
        current = self.current or self._target()  # the open section, even mid-refresh
        if current is None:
            index = 0 if delta > 0 else len(sections) - 1
        else:
            ids = [s.id for s in sections]
            index = max(0, min(len(sections) - 1, ids.index(current.id) + delta))
        self.open_section(sections[index].id)

    def action_next_section(self) -> None:
        self._step(+1)

    def action_previous_section(self) -> None:
        self._step(-1)

    # -- the reader's keys and the tree toggle -------------------------------------------
    def reader_focused(self) -> bool:
        reader = self.query_one("#reader", VerticalScroll)
        focused = self.app.focused
        return focused is not None and (focused is reader or reader in focused.ancestors)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reader":  # elsewhere (the tree) the key goes on to its usual meaning
            return self.reader_focused()
        return True

    def action_reader(self, how: str) -> None:
        reader = self.query_one("#reader", VerticalScroll)
        half = max(1, reader.scrollable_content_region.height // 2)
        moves = {"down": reader.scroll_down, "up": reader.scroll_up,
                 "page_down": reader.scroll_page_down, "page_up": reader.scroll_page_up,
                 "top": reader.scroll_home, "bottom": reader.scroll_end}
        if how == "half_down":
            reader.scroll_relative(y=half, animate=False)
        elif how == "half_up":
            reader.scroll_relative(y=-half, animate=False)
        else:
            moves[how](animate=False)

    def action_toggle_tree(self) -> None:
        self.show_tree(not self.tree_shown)

    def show_tree(self, show: bool) -> None:
        """Show or hide the topic tree; hidden, the reader has the pane's whole width."""
        tree = self.query_one("#topic-tree", Tree)
        self.tree_shown = show
        tree.display = show
        if show:
            tree.focus()
        elif self.app.focused is None or self.app.focused is tree:
            self.query_one("#reader", VerticalScroll).focus()
        # the footer names what the key will do next
        self._restyle_bindings(lambda b: b.id == TREE_TOGGLE_ID,
                               description="Hide tree" if show else "Show tree")

    def on_resize(self, event: Resize) -> None:
        # the footer has room for the reader's scroll keys only on a wide terminal: below
        # that they would push the help key off it (the help lists them all)
        wide = self.app.size.width >= FOOTER_SCROLL_KEYS_WIDTH
        self._restyle_bindings(lambda b: b.group is SCROLL and b.show != wide, show=wide)
        self._show_title()

    def _restyle_bindings(self, which: Callable[[Binding], bool], **changes: Any) -> None:
        """Change this pane's own copies of some bindings (keeping any remapped keys).

        A new map with new lists: Textual shares the lists of a class's bindings between
        instances, so changing them in place would reach every later app in the process."""
        if not any(which(b) for bs in self._bindings.key_to_bindings.values() for b in bs):
            return
        own = self._bindings.copy()
        own.key_to_bindings = {key: [replace(b, **changes) if which(b) else b for b in bs]
                               for key, bs in self._bindings.key_to_bindings.items()}
        self._bindings = own
        self.refresh_bindings()

    def default_focus(self) -> None:
        """Where focus goes when the pane is shown: the tree, or the reader while the tree
        is hidden."""
        if self.tree_shown:
            self.query_one("#topic-tree", Tree).focus()
        else:
            self.query_one("#reader", VerticalScroll).focus()
