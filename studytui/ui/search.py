"""Search pane: results as you type, in a worker; enter opens the hit."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from studytui.search.index import MARK_CLOSE, MARK_OPEN, SearchHit, SearchResult
from studytui.search.query import SearchSyntaxError
from studytui.ui.vim_list import VimOptionList

if TYPE_CHECKING:
    from studytui.ui.app import StudyApp

DEBOUNCE_S = 0.06  # between keys, while searches are slow
CHEAP_S = 0.015  # a search that took less runs at every key
FIRST_ROWS = 10  # more than a 100x30 (or 80x50) terminal shows
EMPTY_HINT = ('Type to search every note and question. Try: sticky sessions · '
              '"X-Forwarded-For" · ALB · topic:dynamodb throttling · type:question kms')


def snippet_text(snippet: str) -> Text:
    """The snippet with the matched words highlighted."""
    text = Text()
    highlighted = False
    for chunk in snippet.replace(MARK_CLOSE, MARK_OPEN).split(MARK_OPEN):
        if chunk:
            text.append(chunk, style="bold reverse" if highlighted else "")
        highlighted = not highlighted
    return text


def hit_label(hit: SearchHit) -> Text:
    label = Text()
    if hit.kind == "question":
        label.append(" question ", style="reverse")
        label.append(" ")
    label.append(f"{hit.topic} › {hit.section}", style="bold")
    label.append("\n  ")
    label.append_text(snippet_text(" ".join(hit.snippet.split())))
    return label


class QueryInput(Input):
    """The search box: `/` selects the whole query instead of typing a slash, so `/`
    always means 'a new search' wherever the learner is."""

    BINDINGS = [Binding("slash", "select_all", "New query", show=False, priority=True,
                        id="search.select_query")]


class SearchPane(Vertical):
    BINDINGS = [
        Binding("escape", "leave_query", "Leave query", id="search.edit"),
        Binding("down", "to_results", "Results", show=False, id="search.to_results"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.hits: list[SearchHit] = []
        self.latest = ""
        self.last_cost = 0.0  # seconds the last search took
        self.status_text = EMPTY_HINT

    if TYPE_CHECKING:  # types self.app as the StudyApp it always is; nothing at run time
        app = getters.app(StudyApp)

    def compose(self) -> ComposeResult:
        yield QueryInput(placeholder="Search notes and questions", id="search-input")
        yield Static(EMPTY_HINT, id="search-status")
        yield VimOptionList(id="search-results")

    def default_focus(self) -> None:
        search = self.query_one("#search-input", Input)
        search.focus()
        search.select_all()  # typing replaces the last query; arrows keep it

    def action_leave_query(self) -> None:
        """Out of the query to the results (where 1-5 and q work again), even when there
        are none yet. Escape only ever backs out: `/` goes back into the query."""
        results = self.query_one("#search-results", OptionList)
        results.focus()
        if self.hits and results.highlighted is None:
            results.highlighted = 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_query":  # shown, and bound, only while typing the query
            return self.query_one("#search-input", Input).has_focus
        return True

    def action_to_results(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if self.hits:
            results.focus()
            if results.highlighted is None:
                results.highlighted = 0

    # -- typing -------------------------------------------------------------------------
    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        self.latest = event.value
        if self.last_cost < CHEAP_S:  # results as you type
            self._search(event.value)
        else:  # debounced: a burst of keys runs one search, the last one
            self.set_timer(DEBOUNCE_S, lambda value=event.value: self._maybe_search(value))

    def _maybe_search(self, value: str) -> None:
        if value == self.latest:
            self._search(value)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str) -> None:
        index = self.app.search_index()
        worker = get_current_worker()
        start = time.perf_counter()
        try:
            result: SearchResult | str = index.search(query, 50)
        except SearchSyntaxError as exc:
            result = str(exc)
        self.last_cost = time.perf_counter() - start
        if not worker.is_cancelled and query == self.latest:  # stale answers are dropped
            self.app.call_from_thread(self._show, query, result)

    def _show(self, query: str, result: SearchResult | str) -> None:
        if query != self.latest:
            return
        if isinstance(result, str):
            self._list([])
            self._status(f"[$warning]{result}[/]")
            return
        self._list(result.hits)
        if not query.strip():
            self._status(EMPTY_HINT)
        elif not result.hits:
            maybe = (f"Did you mean “{escape(result.suggestion)}”? " if result.suggestion
                     else "")
            self._status(f"No results. {maybe}Try fewer words, the start of a word "
                         f"(prefixes match), or drop a filter.")
        else:
            fixed = (f"[b]No results for “{escape(result.query)}”; showing results for "
                     f"“{escape(result.corrected_query)}”.[/] " if result.corrected_query
                     else "")
            count = len(result.hits)
            self._status(f"{fixed}{count} result{'' if count == 1 else 's'} · ↓ then j/k "
                         f"to move, enter to open")

    def _status(self, text: str) -> None:
        # the same line again (typing on, 50 results) costs nothing: an update would lay
        # the screen out again
        if text != self.status_text:
            self.status_text = text
            self.query_one("#search-status", Static).update(text)

    def _list(self, hits: list[SearchHit]) -> None:
        """A screenful of rows now, the rest after that frame: what is on screen first is
        what a keystroke waits for."""
        self.hits = hits
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        results.add_options(Option(hit_label(hit)) for hit in hits[:FIRST_ROWS])
        if hits:
            results.highlighted = 0
        if len(hits) > FIRST_ROWS:
            self.call_after_refresh(self._list_rest, hits)

    def _list_rest(self, hits: list[SearchHit]) -> None:
        if hits is self.hits:  # not replaced meanwhile
            self.query_one("#search-results", OptionList).add_options(
                Option(hit_label(hit)) for hit in hits[FIRST_ROWS:])

    # -- opening ------------------------------------------------------------------------
    @on(Input.Submitted, "#search-input")
    async def _submitted(self) -> None:
        if self.hits:
            await self.open_hit(self.hits[0])

    @on(OptionList.OptionSelected, "#search-results")
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        if 0 <= event.option_index < len(self.hits):
            await self.open_hit(self.hits[event.option_index])

    async def open_hit(self, hit: SearchHit) -> None:
        if hit.kind == "note":
            await self.app.open_section(hit.id, highlight=hit.terms)
        else:
            await self.app.open_question(hit.id)
