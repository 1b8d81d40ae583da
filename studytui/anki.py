"""Anki export: the question bank and the notes' exam tips as an Anki package (.apkg).

One deck per topic under the parent deck "AWS DVA-C02 (studytui)" (Anki's "Parent::Child"
names); one card per question and one per exam tip.

Re-importing must update, never duplicate, so every identifier is fixed:

- Note GUIDs come from our ids, never from the text: `guid_for("studytui", question.id)`
  and `guid_for("studytui-tip", section.id, index)` (index = the tip's place in its
  section). Editing a question's wording keeps its GUID, so Anki updates the note and
  keeps its review history. Inserting a tip before others shifts the later tips' GUIDs
  (their notes are updated to the new text): append new tips to keep histories apt.
- Model (note type) ids are constants: `stable_id(name)` of the names below, written out
  as literals so they cannot drift (a test checks the derivation). Change a model's
  fields or templates only together with a new name and id.
- Deck ids are `stable_id("studytui/dva-c02/deck/<topic id>")`: derived from the topic
  id, not its title, so retitling a topic keeps the deck id.
- `stable_id` is the first 8 bytes of SHA-256 of the name, folded into [2**30, 2**31), the
  range genanki recommends.
- Notes are written with the current time as their modification time, so Anki's default
  "update notes if newer" applies the new text.

Generated numeric questions (ids "gen-...") are exported too: they have stems, options
and whys like the rest, and their ids are stable (fixed seeds).

Markdown becomes plain HTML through markdown-it-py (CommonMark plus tables, raw HTML in
the content escaped, not passed through); `section:` links become plain text (Anki cannot
follow them) and images become their alt text, so the package holds no media.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import io
import itertools
import os
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import genanki

from studytui.content import Library, Question, Section, Topic

PARENT_DECK = "AWS DVA-C02 (studytui)"
DEFAULT_FILENAME = "studytui-dva-c02.apkg"
KINDS = ("questions", "notes", "all")

QUESTION_MODEL_NAME = "studytui/dva-c02/model/question/v1"
TIP_MODEL_NAME = "studytui/dva-c02/model/exam-tip/v1"
PARENT_DECK_NAME = "studytui/dva-c02/deck"
QUESTION_MODEL_ID = 1500484568  # stable_id(QUESTION_MODEL_NAME)
TIP_MODEL_ID = 2064099107  # stable_id(TIP_MODEL_NAME)


def stable_id(name: str) -> int:
    """A fixed integer in [2**30, 2**31) for a name: the same on every machine and run."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def deck_id(topic_id: str) -> int:
    return stable_id(f"{PARENT_DECK_NAME}/{topic_id}")


def question_guid(question_id: str) -> str:
    return genanki.guid_for("studytui", question_id)


def tip_guid(section_id: str, index: int) -> str:
    return genanki.guid_for("studytui-tip", section_id, index)


# -- Markdown to HTML -------------------------------------------------------------------

def _plain_links_and_images(state) -> None:  # a markdown-it core rule
    """`section:` links become a span (Anki cannot follow them); images their alt text."""
    for block in state.tokens:
        in_section_link = False
        for token in block.children or ():
            href = str(token.attrGet("href") or "")
            if token.type == "link_open" and href.startswith("section:"):
                token.tag, token.attrs, in_section_link = "span", {"class": "see"}, True
            elif token.type == "link_close" and in_section_link:
                token.tag, in_section_link = "span", False
            elif token.type == "image":
                token.type, token.tag, token.children = "text", "", None
                token.content = token.content or "image"


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.core.ruler.push("studytui_plain_links", _plain_links_and_images)
    return md


def block_html(text: str) -> str:
    """Markdown (paragraphs, lists, tables, code) as HTML."""
    return _markdown().render(text.strip()).strip()


def inline_html(text: str) -> str:
    """One line of Markdown (bold, inline code, links) as HTML, no paragraph around it."""
    return _markdown().renderInline(" ".join(text.split()))


# -- note types -------------------------------------------------------------------------

CSS = """\
.card { font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  font-size: 18px; line-height: 1.45; text-align: left; color: #1d1d1f; background: #fff;
  max-width: 46em; margin: 0 auto; padding: 0 .5em; }
.nightMode.card, .night_mode .card { color: #e6e6e6; background: #1e1e1e; }
.topic { font-size: 14px; opacity: .7; margin-bottom: .6em; }
.option { margin: .35em 0; padding-left: 1.8em; text-indent: -1.8em; }
.letter { display: inline-block; width: 1.8em; text-indent: 0; font-weight: bold; }
.answer { font-size: 20px; font-weight: bold; margin: .6em 0; }
.why-item { margin: .5em 0; }
.why-text { margin-left: 1.4em; opacity: .85; }
.why-item.right .mark { color: #1a7f37; } .why-item.wrong .mark { color: #c62828; }
.study, .source { font-size: 14px; opacity: .75; margin-top: 1em; }
.see { font-style: italic; }
code { font-family: Menlo, Consolas, monospace; font-size: .9em; padding: 0 .2em;
  background: rgba(127, 127, 127, .15); border-radius: 3px; }
pre { background: rgba(127, 127, 127, .12); padding: .6em; border-radius: 4px;
  overflow-x: auto; white-space: pre-wrap; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; margin: .6em 0; font-size: .9em; display: block;
  overflow-x: auto; }
th, td { border: 1px solid rgba(127, 127, 127, .5); padding: .25em .5em; vertical-align: top; }
th { background: rgba(127, 127, 127, .12); }
"""

QUESTION_MODEL = genanki.Model(
    QUESTION_MODEL_ID,
    "studytui DVA-C02 question",
    fields=[{"name": name} for name in
            ("Question", "Options", "Answer", "Explanation", "Why", "Study", "Topic", "Id")],
    templates=[{
        "name": "Question",
        "qfmt": '<div class="topic">{{Topic}}</div>\n<div class="stem">{{Question}}</div>\n'
                '<div class="options">{{Options}}</div>',
        "afmt": '{{FrontSide}}\n<hr id="answer">\n<div class="answer">Answer: {{Answer}}</div>\n'
                '<div class="explanation">{{Explanation}}</div>\n<div class="why">{{Why}}</div>\n'
                '<div class="study">Study: {{Study}}</div>',
    }],
    css=CSS,
)

TIP_MODEL = genanki.Model(
    TIP_MODEL_ID,
    "studytui DVA-C02 exam tip",
    fields=[{"name": name} for name in ("Prompt", "Tip", "Topic", "Section", "Id")],
    templates=[{
        "name": "Exam tip",
        "qfmt": '<div class="topic">{{Topic}} · exam tip</div>\n'
                '<div class="prompt">{{Prompt}}</div>',
        "afmt": '{{FrontSide}}\n<hr id="answer">\n<div class="tip">{{Tip}}</div>\n'
                '<div class="source">From: {{Section}}</div>',
    }],
    css=CSS,
)


# -- cards ------------------------------------------------------------------------------

def letter(index: int) -> str:
    return chr(ord("A") + index)


def _tag(text: str) -> str:
    return "_".join(text.split())  # Anki tags cannot hold spaces


def question_tags(question: Question) -> list[str]:
    return [_tag(question.topic_id), f"D{question.domain}", _tag(f"task-{question.task}"),
            _tag(question.difficulty)]


def tip_tags(topic: Topic) -> list[str]:
    return [_tag(topic.id), *(f"D{d}" for d in topic.domains),
            *(_tag(f"task-{t}") for t in topic.tasks), "exam-tip"]


def question_fields(question: Question, library: Library) -> list[str]:
    topic = library.topic_by_id.get(question.topic_id)
    section = library.section_by_id.get(question.section_id)
    topic_title = topic.title if topic else question.topic_id
    options = "\n".join(
        f'<div class="option"><span class="letter">{letter(i)}.</span>'
        f"{inline_html(option.text)}</div>" for i, option in enumerate(question.options))
    answer = ", ".join(letter(i) for i in sorted(question.answer))
    why = "\n".join(
        f'<div class="why-item {"right" if option.correct else "wrong"}">'
        f'<span class="mark">{"✔" if option.correct else "✘"}</span> '
        f"<b>{letter(i)}.</b> {inline_html(option.text)}"
        f'<div class="why-text">{inline_html(option.why)}</div></div>'
        for i, option in enumerate(question.options))
    study = html.escape(topic_title)
    if section:
        study += f" › {html.escape(section.title)}"
    return [block_html(question.stem), options, answer, block_html(question.explanation), why,
            study, html.escape(topic_title), html.escape(question.id)]


def _split_outside_code(text: str, separator: str) -> tuple[str, str] | None:
    """Split at the first separator that is not inside `inline code`."""
    start = 0
    while (at := text.find(separator, start)) != -1:
        if text.count("`", 0, at) % 2 == 0:
            return text[:at], text[at + len(separator):]
        start = at + 1
    return None


def tip_prompt(tip: str) -> str:
    """The front of a tip's card, as Markdown.

    Most tips read "scenario = answer" (or "->", "→", ":"): the prompt is the scenario
    with the answer asked for. Any other tip is cut after half its words ("…"), never
    inside inline code or bold, to be completed from memory.
    """
    tip = " ".join(tip.split())
    for separator in (" = ", " -> ", " → ", ": "):
        parts = _split_outside_code(tip, separator)
        if parts and parts[1].strip() and len(parts[0].split()) >= 2:
            return f"{parts[0]}{separator.rstrip()} **?**"
    words = tip.split(" ")
    keep = max(1, len(words) // 2)
    while keep < len(words) and any(" ".join(words[:keep]).count(mark) % 2
                                    for mark in ("`", "**")):
        keep += 1
    if keep >= len(words):  # a tip too short to cut: ask for it by its first word
        keep = 1
    return " ".join(words[:keep]).rstrip(",;:") + " …"


def tip_fields(topic: Topic, section: Section, index: int, tip: str) -> list[str]:
    return [inline_html(tip_prompt(tip)), inline_html(tip), html.escape(topic.title),
            html.escape(section.title), html.escape(f"{section.id}#tip-{index + 1}")]


# -- the package ------------------------------------------------------------------------

@dataclass
class AnkiExport:
    package: genanki.Package
    question_cards: int
    tip_cards: int
    decks: int  # topic decks holding cards (the parent deck not counted)

    @property
    def cards(self) -> int:
        return self.question_cards + self.tip_cards

    def counts_text(self) -> str:
        return (f"{self.cards} cards ({self.question_cards} question cards, "
                f"{self.tip_cards} tip cards) in {self.decks} deck{'' if self.decks == 1 else 's'}")

    def to_bytes(self, timestamp: float | None = None) -> bytes:
        """The .apkg file's bytes (a zip holding `collection.anki2` and an empty media
        map). Built in memory: genanki's own write_to_file leaves its temporary SQLite
        file behind in the system temp folder and stores the zip uncompressed."""
        if timestamp is None:
            timestamp = time.time()
        with contextlib.ExitStack() as stack:
            if hasattr(sqlite3.Connection, "serialize"):  # Python 3.11+
                where = ":memory:"
            else:
                where = os.path.join(stack.enter_context(tempfile.TemporaryDirectory()),
                                     "collection.anki2")
            connection = sqlite3.connect(where)
            stack.callback(connection.close)
            self.package.write_to_db(connection.cursor(), timestamp,
                                     itertools.count(int(timestamp * 1000)))
            connection.commit()
            if where == ":memory:":
                database = connection.serialize()
            else:
                connection.close()
                with open(where, "rb") as handle:
                    database = handle.read()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("collection.anki2", database)
            archive.writestr("media", "{}")
        return buffer.getvalue()


def build_export(library: Library, topics: Iterable[str] = (), domains: Iterable[int] = (),
                 kind: str = "all") -> AnkiExport:
    """Cards for the chosen topics and domains (none chosen: all). A tip belongs to every
    domain of its topic. `kind` is "questions", "notes" (exam tips) or "all"."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    wanted_topics, wanted_domains = set(topics), set(domains)

    def wanted(topic_id: str, topic_domains: Iterable[int]) -> bool:
        return ((not wanted_topics or topic_id in wanted_topics)
                and (not wanted_domains or bool(wanted_domains.intersection(topic_domains))))

    decks: dict[str, genanki.Deck] = {}
    order = [t.id for t in library.topics]

    def deck_for(topic_id: str) -> genanki.Deck:
        if topic_id not in decks:
            topic = library.topic_by_id.get(topic_id)
            title = topic.title if topic else topic_id
            decks[topic_id] = genanki.Deck(
                deck_id(topic_id), f"{PARENT_DECK}::{title.replace('::', ':')}",
                description=inline_html(topic.summary) if topic else "")
        return decks[topic_id]

    due = itertools.count()  # new cards come up in the bank's order
    question_cards = tip_cards = 0
    if kind in ("questions", "all"):
        for question in library.questions:
            if not question.stem.strip() or not wanted(question.topic_id, (question.domain,)):
                continue
            deck_for(question.topic_id).add_note(genanki.Note(
                QUESTION_MODEL, question_fields(question, library),
                tags=question_tags(question), guid=question_guid(question.id),
                due=next(due)))
            question_cards += 1
    if kind in ("notes", "all"):
        for topic in library.topics:
            if not wanted(topic.id, topic.domains):
                continue
            for section in topic.sections:
                for index, tip in enumerate(section.exam_tips):
                    if not tip.strip():
                        continue
                    deck_for(topic.id).add_note(genanki.Note(
                        TIP_MODEL, tip_fields(topic, section, index, tip),
                        tags=tip_tags(topic), guid=tip_guid(section.id, index),
                        due=next(due)))
                    tip_cards += 1

    rank = {topic_id: i for i, topic_id in enumerate(order)}
    topic_decks = [decks[t] for t in sorted(decks, key=lambda t: (rank.get(t, len(rank)), t))]
    parent = genanki.Deck(stable_id(PARENT_DECK_NAME), PARENT_DECK,
                          description="AWS Certified Developer – Associate (DVA-C02): "
                                      "questions and exam tips exported by studytui")
    return AnkiExport(genanki.Package([parent, *topic_decks]), question_cards, tip_cards,
                      len(topic_decks))
