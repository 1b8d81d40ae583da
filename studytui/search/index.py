"""The search index: every note section and question in an in-memory SQLite FTS5 table.

Ranking is BM25 with titles weighted above tags and tags above bodies. A plain scan
serves when this Python's sqlite3 lacks FTS5. A large index (PERSIST_MIN_DOCS and more) is
saved in the cache folder after its first build and loaded from there while its documents
and this code are unchanged.
"""

from __future__ import annotations

import gc
import hashlib
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from studytui.content.model import Library
from studytui.fileio import TEMP_PREFIX, atomic_write_bytes
from studytui.search.highlight import term_pattern
from studytui.search.limits import MAX_LIMIT
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
    """Every note section, then every question, one document each."""
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
FACETS_WEIGHT = 0.0
# A smaller index builds in well under a second and is never saved; 100,000 documents take
# seconds to build and a few tenths to load (benchmarks/run.py)
PERSIST_MIN_DOCS = 10_000
INDEX_FORMAT = 1  # raise when the table or the file changes shape
_MAGIC = b"studytui search index\n"


def _facets(doc: Doc) -> str:
    """Filter tokens, indexed but never ranked: kind, topic and domains."""
    return _facet_tokens(doc.kind, doc.topic_id, doc.domains)


@lru_cache(maxsize=4096)  # a few values repeat across every document
def _facet_tokens(kind: str, topic_id: str, domains: str) -> str:
    domain_tokens = " ".join(f"d{d}" for d in domains.strip(",").split(",") if d)
    return f"k{kind} t{''.join(words(topic_id))} {domain_tokens}"


def _connect() -> sqlite3.Connection:
    # the index is built in a worker and searched from others: one connection, shared
    # (sqlite3 serializes calls on it)
    return sqlite3.connect(":memory:", check_same_thread=False)


def build_table(docs: Sequence[Doc]) -> sqlite3.Connection:
    """One FTS5 table over `docs`, rowid = position. Contentless: the text stays in Python
    (SearchIndex.docs), and snippets are made there too."""
    db = _connect()
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(title, tags, body, facets, "
               "tokenize='porter unicode61 remove_diacritics 2', content='', columnsize=0)")
    db.execute("INSERT INTO docs(docs, rank) VALUES('automerge', 0)")  # bulk load
    # flush terms to the index in few large segments rather than many 1 MB ones: a 100x
    # corpus builds about a third faster (benchmarks/run.py)
    db.execute(f"INSERT INTO docs(docs, rank) VALUES('hashsize', {HASH_BYTES})")
    with db:
        db.executemany("INSERT INTO docs(rowid, title, tags, body, facets) "
                       "VALUES (?, ?, ?, ?, ?)",
                       ((i, d.title, d.tags, d.body, _facets(d)) for i, d in enumerate(docs)))
    return db


# -- the saved index ---------------------------------------------------------------------
@lru_cache(maxsize=1)
def _code_version() -> bytes:
    """What else a saved index depends on: this module (the table and its tokenizer) and
    the SQLite that wrote it."""
    source: bytes | str
    try:
        source = Path(__file__).read_bytes()
    except OSError:  # running from a zip or a frozen build: the version names the code
        from studytui import __version__ as source
    return repr((INDEX_FORMAT, sqlite3.sqlite_version, source)).encode()


def fingerprint(docs: Sequence[Doc]) -> str:
    """Names the index built from `docs` (every field, in order) by this code. SHA-256:
    twice as fast as BLAKE2 where the CPU has SHA instructions (0.06 s for 115 MB)."""
    digest = hashlib.sha256(_code_version())
    for doc in docs:
        digest.update("\x1f".join(doc).encode("utf-8", "surrogatepass") + b"\x1e")
    return digest.hexdigest()[:32]


def index_file(folder: Path, key: str) -> Path:
    """Where the index named `key` is saved in `folder`."""
    return folder / f"search-{key}.index"


def _header(key: str) -> bytes:
    return _MAGIC + key.encode() + b"\n"


def load_table(path: Path, key: str) -> sqlite3.Connection | None:
    """The saved table, or None when the file is missing, unreadable, for other documents
    or damaged in any byte (its SHA-256 is checked): it is then built again, never trusted."""
    if not hasattr(sqlite3.Connection, "deserialize"):  # Python 3.10: always built
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = _header(key)
    digest, image = data[len(header):len(header) + 32], memoryview(data)[len(header) + 32:]
    if not data.startswith(header) or hashlib.sha256(image).digest() != digest:
        return None
    db = _connect()
    try:
        db.deserialize(image)
        db.execute("SELECT rowid FROM docs WHERE docs MATCH 'a' LIMIT 1").fetchall()
    except sqlite3.Error:
        db.close()
        return None
    return db


def save_table(db: sqlite3.Connection, path: Path, key: str) -> None:
    """Write the table atomically (a temp file of our own name, then a rename) and drop
    the saved indexes of other documents; a cache folder that cannot be written only
    costs the next start a build."""
    if not hasattr(db, "serialize"):
        return
    image = db.serialize()
    try:
        # no fsync: the file carries its own checksum, and a lost one is only rebuilt
        atomic_write_bytes(path, (_header(key), hashlib.sha256(image).digest(), image),
                           make_parents=True, durable=False)
    except OSError:
        return
    for old in path.parent.glob("search-*.index"):
        if old != path:
            with suppress(OSError):
                old.unlink()
    for left in path.parent.glob(f"{TEMP_PREFIX}search-*"):  # from a save that was killed
        with suppress(OSError):
            if time.time() - left.stat().st_mtime > 3600:
                left.unlink()


class SearchIndex:
    def __init__(self, library: Library, synonym_groups: Sequence[Sequence[tuple[str, ...]]]
                 = (), use_fts: bool | None = None, cache_dir: Path | None = None) -> None:
        """`cache_dir` (default: studytui.locations.cache_dir()) keeps a large index
        between runs, named by the fingerprint of its documents."""
        self.library = library
        self.synonyms = {tokens: list(group) for group in synonym_groups for tokens in group}
        self._vocabulary: list[str] | None = None
        self.fts = fts5_available() if use_fts is None else use_fts
        self.db: sqlite3.Connection | None = None
        self.loaded = False  # whether the table came from the cache folder
        with _collector_paused():
            self.docs = list(iter_documents(library))
            if self.fts:
                self.db = self._open(cache_dir)
            self.by_ref = {d.ref: d for d in self.docs}

    def _open(self, cache_dir: Path | None) -> sqlite3.Connection:
        if len(self.docs) < PERSIST_MIN_DOCS:
            return build_table(self.docs)
        if cache_dir is None:
            from studytui.locations import cache_dir as default_cache_dir

            cache_dir = default_cache_dir()
        key = fingerprint(self.docs)
        path = index_file(cache_dir, key)
        db = load_table(path, key)
        self.loaded = db is not None
        if db is None:
            db = build_table(self.docs)
            save_table(db, path, key)
        return db

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
        if self.db is None:
            return self._scan(parsed, limit, terms)
        sql = (f"SELECT rowid, bm25(docs, {WEIGHTS[0]}, {WEIGHTS[1]}, {WEIGHTS[2]}, "
               f"{FACETS_WEIGHT}) AS rank FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?")
        match = self._match(parsed)
        ranked = []
        for rowid, rank in self.db.execute(sql, (match, limit)).fetchall():
            # a note teaches, a question tests: at equal relevance the note comes first
            boost = NOTE_BOOST if self.docs[rowid].kind == "note" else 1.0
            ranked.append((rank * boost, rowid))
        ranked.sort()
        return [self._hit(self.docs[rowid].ref, -rank, _scan_snippet(self.docs[rowid].body,
                                                                      terms), terms)
                for rank, rowid in ranked[:limit]]

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
        if self.db is None:
            return any(w.startswith(part.tokens[0]) for w in self.vocabulary)
        match = expression([part], self.synonyms)
        return self.db.execute("SELECT 1 FROM docs WHERE docs MATCH ? LIMIT 1",
                               [match]).fetchone() is not None

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


@lru_cache(maxsize=4096)  # typing on finds the same documents key after key
def _plain_body(body: str) -> str:
    return plain(body)


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
    body = _plain_body(body)
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
