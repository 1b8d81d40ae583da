"""A Tree that also answers to vim keys."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Tree


class VimTree(Tree):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="tree.down"),
        Binding("k", "cursor_up", "Up", show=False, id="tree.up"),
        Binding("h,left", "collapse_or_parent", "Collapse", show=False,
                id="tree.collapse"),
        Binding("l,right", "expand_or_child", "Expand", show=False, id="tree.expand"),
        Binding("g,home", "scroll_home", "Top", show=False, id="tree.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="tree.bottom"),
    ]

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def action_expand_or_child(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            node.expand()
        elif node.children:
            self.move_cursor(node.children[0])

    def action_scroll_home(self) -> None:
        self.move_cursor_to_line(0)

    def action_scroll_end(self) -> None:
        self.move_cursor_to_line(max(self.last_line, 0))
