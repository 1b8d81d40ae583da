"""Command palette providers: jump to any topic or section, or search inside notes.

The app names them through the two functions at the end, so textual.command is imported
when the palette first opens, not at start-up."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from studytui.ui.app import StudyApp


class StudyProvider(Provider):
    @property
    def study(self) -> StudyApp:
        # a Provider's app is the App base class; ours is always a StudyApp
        return cast("StudyApp", self.app)


class TopicCommands(StudyProvider):
    def _entries(self) -> list[tuple[str, str, str]]:
        """(text, section id to open, help) for every topic and section."""
        library = self.study.library
        entries = []
        for topic in library.topics:
            if topic.sections:
                entries.append((f"Topic: {topic.title}", topic.sections[0].id, topic.summary))
            for section in topic.sections:
                entries.append((f"{topic.title} › {section.title}", section.id,
                                ", ".join(section.tags)))
        return entries

    async def discover(self) -> Hits:
        for text, section_id, help_text in self._entries():
            if text.startswith("Topic: "):
                yield DiscoveryHit(text, partial(self.study.open_section, section_id),
                                   help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, section_id, help_text in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text),
                          partial(self.study.open_section, section_id), help=help_text)


class NoteSearchCommands(StudyProvider):
    """The palette also searches inside notes (via the search index, once it is built)."""

    async def search(self, query: str) -> Hits:
        index = self.study.built_search_index  # never build it from the palette
        if index is None or len(query.strip()) < 3:
            return
        from studytui.search.query import SearchSyntaxError

        try:
            result = index.search(query, 8)
        except SearchSyntaxError:
            return
        for rank, hit in enumerate(result.hits):
            if hit.kind != "note":
                continue
            text = f"Search: {hit.topic} › {hit.section}"
            yield Hit(0.5 - rank * 0.01, text,
                      partial(self.study.open_section, hit.id, hit.terms),
                      help=hit.plain_snippet("", ""))



class ActionCommands(StudyProvider):
    """What the keys do, findable by name: practise, review, exams, calculators, export."""

    def _entries(self) -> list[tuple[str, Callable[[], Any], str]]:
        from studytui.calc.forms import CALCULATORS

        study = self.study
        entries: list[tuple[str, Callable[[], Any], str]] = [
            ("Quiz: practise topics or domains", partial(study.run_action, "show_pane('quiz')"),
             "Open the Quiz pane's list (3)"),
            ("Quiz: review what is due (FSRS)", study.review_due,
             "Spaced review: due questions, then today's new ones"),
            ("Exam: start a timed simulation (65 questions, 130 minutes)", study.start_exam,
             "A start screen first; a paused exam is never replaced without asking"),
            ("Exam: resume the saved exam", study.resume_saved_exam,
             "The exam you paused or left, where you left it"),
            ("Export: answer history to a CSV file", study.export_history,
             f"Written into {study.data_dir / 'exports'}"),
            ("Export: Anki deck (.apkg)…", study.export_anki,
             f"Questions and exam tips, a deck per topic, into {study.data_dir / 'exports'}"),
            ("Help: keys and how scores work", study.action_help, "?"),
            ("Topics: hide or show the tree (more room to read)", study.toggle_tree,
             "z or ctrl+b in the Topics pane"),
        ]
        for calculator in CALCULATORS.values():
            entries.append((f"Calculator: {calculator.title}",
                            partial(study.open_calculator, calculator.id, {}),
                            "Shows its working step by step (4)"))
        return entries

    async def discover(self) -> Hits:
        for text, action, help_text in self._entries():
            yield DiscoveryHit(text, action, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, action, help_text in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), action, help=help_text)
