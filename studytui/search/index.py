"""The search index: every note section and question in an in-memory SQLite FTS5 table.

Ranking is BM25 with titles weighted above tags and tags above bodies. A plain scan
serves when this Python's sqlite3 lacks FTS5.
"""

from __future__ import annotations

import gc
import itertools
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from studytui.content.model import Library
from studytui.search import MAX_LIMIT
from studytui.search.highlight import term_pattern
from studytui.search.query import ParsedQuery, Part, SearchSyntaxError, expression, parse
from studytui.search.synonyms import words

__all__ = ["SearchHit", "SearchIndex", "SearchResult", "SearchSyntaxError"]

WEIGHTS = (10.0, 4.0, 1.0)  # title, tags, body
NOTE_BOOST = 1.5
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"
_WORD = re.compile(r"[a-z0-9]+")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_TABLE_RULE = re.compile(r":?-{3,}:?")
_MARKUP = str.maketrans({c: " " for c in "*_`#>|[]!"})
_CODE = re.compile(r"```[\w-]*\n?(.*?)```|`([^`\n]*)`", re.DOTALL)


class Doc(NamedTuple):  # a tuple: 50,000 of them build ~10x faster than a frozen dataclass
    ref: str
    kind: str  # "note" or "question"
    topic_id: str
    section_id: str
    title: str
    tags: str
    body: str
    domains: str  # ",1,2," for filtering


@dataclass(frozen=True)
class SearchHit:
    id: str
    kind: str
    topic_id: str
    topic: str
    section_id: str
    section: str
    score: float
    snippet: str  # matched words wrapped in MARK_OPEN / MARK_CLOSE
    terms: tuple[str, ...]  # the words that matched, for highlighting elsewhere

    def plain_snippet(self, left: str = "«", right: str = "»") -> str:
        return self.snippet.replace(MARK_OPEN, left).replace(MARK_CLOSE, right)


@dataclass(frozen=True)
class SearchResult:
    query: str
    corrected_query: str | None
    hits: list[SearchHit]
    # a guess too far from what was typed to run on its own ("developer" for "envelope")
    suggestion: str | None = None


def plain(markdown: str) -> str:
    """Markdown without its markup (translate runs in C: this is on the index build path)."""
    if "](" in markdown:
        markdown = _LINK_TARGET.sub(" ", markdown)
    if "---" in markdown:  # a table's header rule is not text
        markdown = _TABLE_RULE.sub(" ", markdown)
    if "`" not in markdown:
        return " ".join(markdown.translate(_MARKUP).split())
    # inside code (fenced blocks and `spans`), * and _ are text ("Principal": "*",
    # MAX_RECORD_SIZE): keep them; the fence's language word is not text
    parts, last = [], 0
    for match in _CODE.finditer(markdown):
        parts.append(markdown[last:match.start()].translate(_MARKUP))
        parts.append(match.group(1) if match.group(1) is not None else match.group(2))
        last = match.end()
    parts.append(markdown[last:].translate(_MARKUP))
    return " ".join("".join(parts).split())


def _indexable(markdown: str) -> str:
    """What the tokenizer reads: it already treats markup characters as separators, so only
    link targets (URLs) are dropped; tidying for display happens per snippet."""
    return _LINK_TARGET.sub(" ", markdown) if "](" in markdown else markdown


def document_count(library: Library) -> int:
    return sum(len(t.sections) for t in library.topics) + len(library.questions)


def iter_documents(library: Library) -> Iterator[Doc]:
    """Every note section, then every question, one document each (made as they are read,
    so a large index can start tokenizing the first batch while the rest are made)."""
    for topic in library.topics:
        domains = "," + ",".join(str(d) for d in topic.domains) + ","
        for section in topic.sections:
            tips = " ".join(section.exam_tips)
            # the topic's title with the tags: "cloudformation intrinsic" must find the
            # intrinsic functions section even where its text never names the service
            tags = " ".join([*section.tags, topic.title])
            yield Doc(section.id, "note", topic.id, section.id, section.title, tags,
                      _indexable(f"{section.body} {tips}"), domains)
    for question in library.questions:
        options = " ".join(o.text for o in question.options)
        yield Doc(question.id, "question", question.topic_id, question.section_id,
                  " ".join(question.stem[:120].split())[:100],
                  f"{question.topic_id} {question.task}",
                  _indexable(f"{question.stem} {options} {question.explanation}"),
                  f",{question.domain},")


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Bulk building makes tens of thousands of acyclic objects; the cyclic collector would
    walk the whole library again and again meanwhile (about 13% of a 100x build)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def fts5_available() -> bool:
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        return True
    except sqlite3.OperationalError:
        return False


HASH_BYTES = 32 * 1024 * 1024
SHARD_MIN_DOCS = 5_000  # below this one table is quickest; above, build shards in parallel
BATCH_DOCS = 6_400  # staged at a time: the shards start early, few statements in all
FACETS_WEIGHT = 0.0


def _batches(items: Iterator[Doc], size: int) -> Iterator[list[Doc]]:
    while batch := list(itertools.islice(items, size)):
        yield batch


def _facets(doc: Doc) -> str:
    """Filter tokens, indexed but never ranked: kind, topic and domains."""
    return _facet_tokens(doc.kind, doc.topic_id, doc.domains)


@lru_cache(maxsize=4096)  # a few values repeat across every document
def _facet_tokens(kind: str, topic_id: str, domains: str) -> str:
    domain_tokens = " ".join(f"d{d}" for d in domains.strip(",").split(",") if d)
    return f"k{kind} t{''.join(words(topic_id))} {domain_tokens}"


def _new_shard() -> sqlite3.Connection:
    # contentless: the text stays in Python (self.docs); snippets are made there too.
    # Opened as a URI so that it may ATTACH a staged batch by its memdb URI.
    db = sqlite3.connect("file::memory:", uri=True, check_same_thread=False)
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(title, tags, body, facets, "
               "tokenize='porter unicode61 remove_diacritics 2', content='', columnsize=0)")
    db.execute("INSERT INTO docs(docs, rank) VALUES('automerge', 0)")  # bulk load
    # flush terms to the index in few large segments rather than many 1 MB ones: a 100x
    # corpus builds about a third faster (benchmarks/run.py)
    db.execute(f"INSERT INTO docs(docs, rank) VALUES('hashsize', {HASH_BYTES})")
    return db


def _insert(shard: sqlite3.Connection, rows: Iterable[tuple]) -> None:
    with shard:
        shard.executemany("INSERT INTO docs(rowid, title, tags, body, facets) "
                          "VALUES (?, ?, ?, ?, ?)", rows)


_stage_names = itertools.count()


def _stage(rows: Iterable[tuple]) -> tuple[str, sqlite3.Connection]:
    """Rows copied into an in-memory database that a shard's connection can attach.

    The shard then tokenizes a whole batch in one statement, the GIL released throughout.
    Fed row by row from two threads, each row hands the GIL back and forth: the 100x
    build took ~40% longer that way (benchmarks/run.py).
    """
    name = f"/studytui-stage-{os.getpid()}-{next(_stage_names)}"
    stage = sqlite3.connect(f"file:{name}?vfs=memdb", uri=True, check_same_thread=False)
    stage.execute("CREATE TABLE rows(id INTEGER PRIMARY KEY, title, tags, body, facets)")
    with stage:
        stage.executemany("INSERT INTO rows VALUES (?, ?, ?, ?, ?)", rows)
    return name, stage


def _load_stage(shard: sqlite3.Connection, name: str, stage: sqlite3.Connection) -> None:
    try:
        shard.execute("ATTACH ? AS stage", (f"file:{name}?vfs=memdb",))
        with shard:
            shard.execute("INSERT INTO docs(rowid, title, tags, body, facets) "
                          "SELECT id, title, tags, body, facets FROM stage.rows")
        shard.execute("DETACH stage")
    finally:
        stage.close()  # the last connection to a memdb frees it


@lru_cache(maxsize=1)
def memdb_available() -> bool:
    """Whether this SQLite can stage batches in shared memory databases (3.36 and later)."""
    try:
        db = sqlite3.connect("file::memory:", uri=True)
        db.execute("ATTACH 'file:/studytui-probe?vfs=memdb' AS probe")
        db.close()
        return True
    except sqlite3.Error:
        return False


class SearchIndex:
    def __init__(self, library: Library, synonym_groups: Sequence[Sequence[tuple[str, ...]]]
                 = (), use_fts: bool | None = None) -> None:
        self.library = library
        self.synonyms = {tokens: list(group) for group in synonym_groups for tokens in group}
        self._vocabulary: list[str] | None = None
        self.fts = fts5_available() if use_fts is None else use_fts
        self.shards: list[sqlite3.Connection] = []
        self.docs: list[Doc] = []
        with _collector_paused():
            if self.fts:
                self._build(iter_documents(library), document_count(library))
            else:
                self.docs = list(iter_documents(library))
            self.by_ref = {d.ref: d for d in self.docs}

    @property
    def vocabulary(self) -> list[str]:
        """Every word of the index, for typo correction (made at the first miss)."""
        if self._vocabulary is None:
            found: set[str] = set()
            for start in range(0, len(self.docs), 2000):  # in slices: bounded memory
                chunk = " ".join(f"{d.title} {d.tags} {d.body}"
                                 for d in self.docs[start:start + 2000])
                found.update(_WORD.findall(chunk.lower()))
            self._vocabulary = sorted(w for w in found if len(w) > 2 and not w.isdigit())
        return self._vocabulary

    def _build(self, documents: Iterator[Doc], count: int) -> None:
        shards = (1 if count < SHARD_MIN_DOCS or not memdb_available()
                  else max(1, min(4, os.cpu_count() or 1)))
        if shards == 1:
            self.docs = list(documents)
            self.shards = [_new_shard()]
            _insert(self.shards[0], self._rows(0, len(self.docs)))
            return
        # sqlite3 releases the GIL while it tokenizes: each shard loads its batches on a
        # thread of its own while this thread makes and stages the next batch
        self._pool = ThreadPoolExecutor(shards, thread_name_prefix="search-shard")
        self.shards = [_new_shard() for _ in range(shards)]
        lanes = [ThreadPoolExecutor(1, thread_name_prefix="search-build")
                 for _ in self.shards]
        loads = []
        try:
            for n, batch in enumerate(_batches(documents, BATCH_DOCS)):
                start = len(self.docs)
                self.docs.extend(batch)
                name, stage = _stage(self._rows(start, len(self.docs)))
                loads.append(lanes[n % shards].submit(_load_stage, self.shards[n % shards],
                                                      name, stage))
        finally:
            for lane in lanes:
                lane.shutdown()
        for load in loads:
            load.result()  # a failed load raises here

    def _rows(self, start: int, stop: int) -> Iterator[tuple]:
        for i in range(start, stop):
            d = self.docs[i]
            yield i, d.title, d.tags, d.body, _facets(d)

    # -- searching ----------------------------------------------------------------------
    def search(self, query: str, limit: int = 20) -> SearchResult:
        """The best `limit` hits (clamped to 0..MAX_LIMIT: SQLite reads a negative LIMIT
        as none, and one past 2**63 overflows)."""
        limit = max(0, min(limit, MAX_LIMIT))
        parsed = parse(query, [t.id for t in self.library.topics])
        if parsed.empty:
            return SearchResult(query, None, self._browse(parsed, limit))
        hits = self._run(parsed, limit)
        corrected = None
        if not hits:
            fixed, corrected, near = self._correct(parsed, query)
            if fixed is not None and near:
                hits = self._run(fixed, limit)
                if not hits:
                    corrected = None
            elif corrected is not None:
                return SearchResult(query, None, [], suggestion=corrected)
        return SearchResult(query, corrected, hits)

    def _match(self, parsed: ParsedQuery) -> str:
        match = expression(parsed.parts, self.synonyms)
        # several values of one filter: any of them; different filters: all of them
        facets = [" OR ".join(f'"{token}"' for token in tokens) for tokens in (
            [f"k{kind}" for kind in parsed.kinds],
            [f"t{''.join(words(topic))}" for topic in parsed.topics],
            [f"d{domain}" for domain in parsed.domains]) if tokens]
        if facets:
            match = f"({match}) AND facets : ({' AND '.join(f'({f})' for f in facets)})"
        return match

    def _run(self, parsed: ParsedQuery, limit: int) -> list[SearchHit]:
        terms = tuple(t for p in parsed.parts for t in p.tokens)
        if not self.shards:
            return self._scan(parsed, limit, terms)
        sql = (f"SELECT rowid, bm25(docs, {WEIGHTS[0]}, {WEIGHTS[1]}, {WEIGHTS[2]}, "
               f"{FACETS_WEIGHT}) AS rank FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?")
        match = self._match(parsed)
        ranked: list[tuple[float, int]] = []
        for rows in self._each_shard(sql, (match, limit)):
            for rowid, rank in rows:
                # a note teaches, a question tests: at equal relevance the note comes first
                boost = NOTE_BOOST if self.docs[rowid].kind == "note" else 1.0
                ranked.append((rank * boost, rowid))
        ranked.sort()
        return [self._hit(self.docs[rowid].ref, -rank, _scan_snippet(self.docs[rowid].body,
                                                                      terms), terms)
                for rank, rowid in ranked[:limit]]

    def _each_shard(self, sql: str, args: tuple) -> list[list[tuple]]:
        """Run one query on every shard, in parallel when there are several."""
        if len(self.shards) == 1:
            return [self.shards[0].execute(sql, args).fetchall()]
        return list(self._pool.map(lambda shard: shard.execute(sql, args).fetchall(),
                                   self.shards))

    def _browse(self, parsed: ParsedQuery, limit: int) -> list[SearchHit]:
        """Filters alone list what they select, in reading order; nothing lists nothing."""
        if not parsed.filtered:
            return []
        chosen = [d for d in self.docs if self._passes(d, parsed)][:limit]
        return [self._hit(d.ref, 0.0, _scan_snippet(d.body, ()), ()) for d in chosen]

    @staticmethod
    def _passes(doc: Doc, parsed: ParsedQuery) -> bool:
        return ((not parsed.kinds or doc.kind in parsed.kinds)
                and (not parsed.topics or doc.topic_id in parsed.topics)
                and (not parsed.domains
                     or any(f",{domain}," in doc.domains for domain in parsed.domains)))

    def _hit(self, ref: str, score: float, snippet: str, terms: tuple[str, ...]) -> SearchHit:
        doc = self.by_ref[ref]
        topic = self.library.topic_by_id.get(doc.topic_id)
        section = self.library.section_by_id.get(doc.section_id)
        return SearchHit(ref, doc.kind, doc.topic_id, topic.title if topic else doc.topic_id,
                         doc.section_id, section.title if section else doc.section_id,
                         round(score, 4), snippet, terms)

    # -- typos --------------------------------------------------------------------------
    def _has_match(self, part: Part) -> bool:
        if not self.shards:
            return any(w.startswith(part.tokens[0]) for w in self.vocabulary)
        match = expression([part], self.synonyms)
        return any(shard.execute("SELECT 1 FROM docs WHERE docs MATCH ? LIMIT 1",
                                 [match]).fetchone() for shard in self.shards)

    def _correct(self, parsed: ParsedQuery,
                 query: str) -> tuple[ParsedQuery | None, str | None, bool]:
        """The corrected query, its text, and whether every change is a near typo (at most
        two edits, and no more than a third of the word): only those are run on their own;
        a farther guess is offered as a suggestion."""
        from rapidfuzz import fuzz, process, utils  # deferred: only after a miss
        from rapidfuzz.distance import Levenshtein

        parts, changed, text, near = [], False, query, True
        for part in parsed.parts:
            if (part.phrase or len(part.tokens[0]) < 4 or part.tokens in self.synonyms
                    or self._has_match(part)):
                parts.append(part)  # too short to guess from, or not a typo
                continue
            best = process.extractOne(part.tokens[0], self.vocabulary, scorer=fuzz.ratio,
                                      processor=utils.default_process, score_cutoff=70)
            if best is None:
                parts.append(part)
                continue
            word = best[0]
            typed = part.tokens[0].lower()
            edits = Levenshtein.distance(typed, word.lower())
            near = near and edits <= min(2, max(1, len(typed) // 3))
            parts.append(Part((word,), False, word))
            text = re.sub(re.escape(part.raw), word, text, count=1)
            changed = True
        if not changed:
            return None, None, False
        return (ParsedQuery(parts, parsed.kinds, parsed.topics, parsed.domains),
                " ".join(text.split()), near)

    # -- without FTS5 -------------------------------------------------------------------
    def _scan(self, parsed: ParsedQuery, limit: int,
              terms: tuple[str, ...]) -> list[SearchHit]:
        scored = []
        for doc in self.docs:
            if not self._passes(doc, parsed):
                continue
            fields = [words(doc.title), words(doc.tags), words(doc.body)]
            score = 0.0
            for part in parsed.parts:
                found = 0.0
                for weight, field_words in zip(WEIGHTS, fields, strict=True):
                    found += weight * _count(part, field_words)
                if not found and not self._synonym_found(part, fields):
                    break
                score += found or 1.0
            else:
                scored.append((score, doc))
        scored.sort(key=lambda pair: (-pair[0], pair[1].ref))
        return [self._hit(d.ref, s, _scan_snippet(d.body, terms), terms)
                for s, d in scored[:limit]]

    def _synonym_found(self, part: Part, fields: list[tuple[str, ...]]) -> bool:
        for alt in self.synonyms.get(part.tokens, ()):
            if any(_count(Part(alt, True, ""), f) for f in fields):
                return True
        return False


def _count(part: Part, field_words: Sequence[str]) -> int:
    tokens = part.tokens
    if len(tokens) == 1:
        return sum(1 for w in field_words if w.startswith(tokens[0]))
    n = len(tokens)
    return sum(1 for i in range(len(field_words) - n + 1)
               if tuple(field_words[i:i + n]) == tokens)


def _scan_snippet(body: str, terms: Iterable[str], width: int = 90) -> str:
    """A window of `body` around the best match, matched words marked.

    The window centres on the whole phrase when it occurs, else on the longest term found
    (long words are the telling ones), else the start. Words are marked by the rule the
    reader highlights by (studytui.search.highlight): a term of two or more letters marks
    the words it starts, a one-letter term only itself as a whole word.
    """
    terms = [t for t in terms if t]
    # the window is cut from the text, not the Markdown, so it never starts inside a
    # code block and drops its * and _ as markup
    body = plain(body)
    if not terms:
        return body[:width]
    anchor = -1
    for candidate in [" ".join(terms), *sorted(set(terms), key=len, reverse=True)]:
        candidate_pattern = term_pattern([candidate])
        found = candidate_pattern.search(body) if candidate_pattern else None
        if found:
            anchor = found.start()
            break
    start = max(0, anchor - 30) if anchor >= 0 else 0
    if start:
        space = body.find(" ", start)  # start on a word boundary
        start = space + 1 if 0 <= space < start + 12 else start
    text = body[start:start + width]
    pattern = term_pattern(terms)
    if pattern is not None:
        text = pattern.sub(lambda m: f"{MARK_OPEN}{m.group(0)}{MARK_CLOSE}", text)
    return ("…" if start else "") + text + ("…" if start + width < len(body) else "")
