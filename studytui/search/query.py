"""Turning what the learner types into an FTS5 expression, safely.

Only runs of letters and digits reach FTS5, always inside double quotes, so no input can
produce an FTS5 syntax error. Words joined by '-', '.', ':' or '/' (X-Forwarded-For,
SSE-KMS, s3:GetObject) become phrases, as the index's tokenizer splits them the same way.

Filters: several of one kind mean any of them (topic:sqs topic:sns finds both topics);
filters of different kinds must all hold (topic:sqs type:question).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from studytui.search.synonyms import words

MAX_QUERY_CHARS = 500
MAX_PARTS = 32
FILTER = re.compile(r"(?<!\S)(topic|domain|type):(\S*)", re.IGNORECASE)
QUOTED = re.compile(r'"([^"]*)(?:"|$)')
KINDS = {"note": "note", "notes": "note", "question": "question", "questions": "question"}


class SearchSyntaxError(ValueError):
    """A filter the index cannot apply (unknown type, domain out of range, ...)."""


@dataclass(frozen=True)
class Part:
    tokens: tuple[str, ...]
    phrase: bool  # typed in quotes, or a joined word like x-forwarded-for
    raw: str


@dataclass
class ParsedQuery:
    parts: list[Part] = field(default_factory=list)
    # each filter kind holds every value typed, in order, once: a document passes when it
    # has any of them (an empty tuple: no filter of that kind)
    kinds: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    domains: tuple[int, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.parts

    @property
    def filtered(self) -> bool:
        return bool(self.kinds or self.topics or self.domains)


def _add(values: tuple, value: object) -> tuple:
    return values if value in values else (*values, value)


def parse(query: str, topic_ids: Sequence[str] = ()) -> ParsedQuery:
    text = query[:MAX_QUERY_CHARS]
    parsed = ParsedQuery()
    for key, value in FILTER.findall(text):
        key, value = key.lower(), value.strip().lower()
        if key == "type":
            if value not in KINDS:
                raise SearchSyntaxError(f"type:{value} is not a type; use type:note or "
                                        f"type:question")
            parsed.kinds = _add(parsed.kinds, KINDS[value])
        elif key == "domain":
            if value not in ("1", "2", "3", "4"):
                raise SearchSyntaxError(f"domain:{value} is not a DVA-C02 domain; use "
                                        f"domain:1 to domain:4")
            parsed.domains = _add(parsed.domains, int(value))
        else:
            if not value:
                raise SearchSyntaxError("topic: needs a topic id, e.g. topic:dynamodb")
            if topic_ids and value not in topic_ids:
                # as the learner types topic:dyn, the one topic it can mean is meant
                matching = [t for t in topic_ids if t.startswith(value)]
                if len(matching) != 1:
                    raise SearchSyntaxError(
                        f"topic:{value} is not a topic; topics: "
                        f"{', '.join(matching or topic_ids)}")
                value = matching[0]
            parsed.topics = _add(parsed.topics, value)
    text = FILTER.sub(" ", text)
    for phrase in QUOTED.findall(text):
        tokens = words(phrase)
        if tokens:
            parsed.parts.append(Part(tokens, True, phrase))
    for chunk in QUOTED.sub(" ", text).split():
        tokens = words(chunk)
        if tokens:
            parsed.parts.append(Part(tokens, len(tokens) > 1, chunk))
    parsed.parts = parsed.parts[:MAX_PARTS]
    return parsed


SHORT_PREFIX = 4  # prefixes this short match titles and tags only (and whole words anywhere)


def _quoted(tokens: Sequence[str], prefix: bool) -> str:
    # tokens are [a-z0-9]+ only: quoting them cannot break out of the string
    text = '"' + " ".join(tokens) + '"'
    if not prefix or len(tokens) > 1:
        return text + ("*" if prefix else "")
    word = tokens[0]
    if len(word) <= 2:
        # "to", "s", "ec": as whole words in titles and tags only; anywhere, one or two
        # letters match most of a large index (synonyms such as s3 still expand)
        return f"{{title tags}} : {text}"
    if len(word) <= SHORT_PREFIX:
        # "kms", "lamb": the word itself anywhere, as a prefix only in titles and tags,
        # which keeps as-you-type queries fast on large corpora
        return f'({text} OR {{title tags}} : {text}*)'
    return text + "*"


def expression(parts: Sequence[Part],
               synonyms: Mapping[tuple[str, ...], Sequence[tuple[str, ...]]]) -> str:
    """AND of the parts; a part (or run of single words) found in the synonym list
    becomes an OR of every way to say it. The typed form matches as a prefix."""
    clauses: list[str] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        if part.phrase:
            group = synonyms.get(part.tokens)
            clauses.append(_either(part.tokens, group, prefix=False))
            i += 1
            continue
        # the longest run of single words (up to 4) that is a known synonym
        for size in range(min(4, len(parts) - i), 0, -1):
            run = parts[i:i + size]
            if any(p.phrase for p in run):
                continue
            tokens = tuple(t for p in run for t in p.tokens)
            group = synonyms.get(tokens)
            if group or size == 1:
                clauses.append(_either(tokens, group, prefix=True))
                i += size
                break
    return " AND ".join(clauses)


def _either(tokens: tuple[str, ...], group: Sequence[tuple[str, ...]] | None,
            prefix: bool) -> str:
    typed = _quoted(tokens, prefix)
    if not group:
        return typed
    others = [_quoted(alt, False) for alt in group if alt != tokens]
    return "(" + " OR ".join([typed, *others]) + ")"
