"""Command palette providers: jump to any topic or section, or search inside notes.

The app names them through the two functions at the end, so textual.command is imported
when the palette first opens, not at start-up."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class TopicCommands(Provider):
    def _entries(self) -> list[tuple[str, str, str]]:
        """(text, section id to open, help) for every topic and section."""
        library = self.app.library  # type: ignore[attr-defined]
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
                yield DiscoveryHit(text, partial(self.app.open_section, section_id),
                                   help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, section_id, help_text in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text),
                          partial(self.app.open_section, section_id), help=help_text)


class NoteSearchCommands(Provider):
    """The palette also searches inside notes (via the search index, once it is built)."""

    async def search(self, query: str) -> Hits:
        index = getattr(self.app, "_search_index", None)
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
                      partial(self.app.open_section, hit.id, hit.terms),
                      help=hit.plain_snippet("", ""))

