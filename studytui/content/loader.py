"""Load topics and questions from content folders, skipping (and reporting) bad files.

A content folder holds `topics/*.yaml` and `questions/*.yaml`. Later folders add to
earlier ones (the bundled content first, then user packs); an id that is already taken
is a problem in the later file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from studytui.content.cache import ContentCache, cache_file, file_digest
from studytui.content.filebytes import YamlFileError, read_content_file
from studytui.content.model import (
    ContentProblem,
    Library,
    Option,
    PackSummary,
    Question,
    Section,
    Topic,
)
from studytui.content.text import plural

if TYPE_CHECKING:
    from studytui.content.schema import Problems
    from studytui.content.yamlfile import DataPath

T = TypeVar("T")

# The YAML parser and the schema checks are imported on the first cache miss only: with a
# warm cache, start-up never pays for them.


YAML_SUFFIXES = (".yaml", ".yml")
KINDS = ("topics", "questions")


def _yaml_files(folder: Path) -> list[Path]:
    try:
        entries = list(folder.iterdir()) if folder.is_dir() else []
    except OSError:
        return []  # reported by _folder_problems
    return sorted(p for p in entries if p.suffix in YAML_SUFFIXES and p.is_file())


def _folder_problems(folder: Path) -> list[tuple[Path, str]]:
    """Why a content folder (or its topics/ and questions/) would give nothing or less than
    its author expects; empty when it is sound."""
    try:
        if not folder.exists():
            if folder.is_symlink():
                return [(folder, "is a link that leads nowhere (a loop or a missing target)")]
            return [(folder, "content folder does not exist")]
        if not folder.is_dir():
            return [(folder, "is a file, not a content folder (a folder holding topics/ "
                             "and questions/)")]
        names = {p.name: p for p in folder.iterdir()}
    except OSError as exc:
        return [(folder, f"cannot read content folder: {exc.strerror or exc}")]
    problems: list[tuple[Path, str]] = []
    for kind in KINDS:
        wrong_case = [n for n in names if n.lower() == kind and n != kind]
        for name in wrong_case:
            problems.append((names[name], f"not read: the folder must be named '{kind}/'"))
    present = [k for k in KINDS if k in names]
    if not present and not problems:
        loose = [n for n in names if n.lower().endswith(YAML_SUFFIXES)]
        hint = (f"; move its {plural(len(loose), 'YAML file')} into topics/ or questions/"
                if loose else "")
        problems.append((folder, f"has no topics/ or questions/ folder, so nothing was "
                                 f"read{hint}"))
    for kind in present:
        place = names[kind]
        try:
            if not place.is_dir():
                problems.append((place, f"'{kind}' is a file, not a folder"))
                continue
            entries = list(place.iterdir())
        except OSError as exc:
            problems.append((place, f"cannot read folder: {exc.strerror or exc}"))
            continue
        for entry in sorted(entries):
            if entry.suffix.lower() in YAML_SUFFIXES and entry.suffix not in YAML_SUFFIXES:
                problems.append((entry, f"not read: name it with a lower-case "
                                        f"'{entry.suffix.lower()}'"))
            elif entry.suffix in YAML_SUFFIXES and not entry.is_file():
                problems.append((entry, "not read: not a regular file (a folder or a "
                                        "broken link)"))
    return problems


def _display(path: Path) -> str:
    """Relative to the working folder when inside it, else absolute."""
    try:
        absolute = path.resolve()
        return str(absolute.relative_to(Path(os.getcwd()).resolve()))
    except (ValueError, OSError, RuntimeError):  # outside, or a link loop, or cwd gone
        return str(path.absolute())


class _Reader:
    def __init__(self, library: Library, cache_dir: Path | None, shipped: bool) -> None:
        self.library = library
        self.cache_dir = cache_dir
        self.shipped = shipped
        self.caches: dict[str, ContentCache] = {}

    def problem(self, path: Path, line: int, message: str) -> None:
        self.library.problems.append(ContentProblem(_display(path), line, message))

    def cache(self, kind: str) -> ContentCache | None:
        if self.cache_dir is None:
            return None
        if kind not in self.caches:
            self.caches[kind] = ContentCache(cache_file(self.cache_dir, kind), self.shipped)
        return self.caches[kind]

    def save(self, kind: str) -> None:
        if kind in self.caches:
            self.caches[kind].save()

    def load(self, path: Path, kind: str, build: Callable[[Any], T]) -> tuple[Any, T] | None:
        """(data, built object) when the file is sound, else None after reporting every
        problem. Cached data that no longer builds (an older or tampered cache) is dropped
        and the file read again: the cache can cost time, never a failure."""
        self.library.files += 1
        try:
            raw = read_content_file(path)
        except YamlFileError as exc:
            self.problem(path, exc.line, exc.message)
            return None
        digest = file_digest(raw)
        cache = self.cache(kind)
        if cache is not None:
            hit = cache.get(digest)
            if hit is not None:
                try:
                    return hit, build(hit)
                except (KeyError, TypeError, AttributeError, ValueError, IndexError):
                    cache.drop(digest)
        data = self._parse(path, raw, kind)
        if data is None:
            return None
        if cache is not None:
            cache.put(digest, data)
        return data, build(data)

    def _parse(self, path: Path, raw: bytes, kind: str) -> Any | None:
        from studytui.content.yamlfile import parse_yaml

        try:
            data, text = parse_yaml(raw)
        except YamlFileError as exc:
            self.problem(path, exc.line, exc.message)
            return None
        from studytui.content.schema import check_question_file, check_topic

        problems = (check_topic if kind == "topics" else check_question_file)(data)
        self.report(path, text, problems)
        return None if problems else data

    def report_file(self, path: Path, problems: Problems) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""  # gone since it was read: the problems still count, at line 1
        self.report(path, text, problems)

    def report(self, path: Path, text: str, problems: Iterable[tuple[DataPath, str]]) -> None:
        from studytui.content.yamlfile import line_of

        for data_path, message in problems:
            self.problem(path, line_of(text, data_path), message)


def _topic_from(data: dict, path: Path) -> Topic:
    sections = tuple(
        Section(
            id=s["id"], topic_id=data["id"], title=s["title"].strip(), body=s["body"],
            tags=tuple(str(t) for t in s.get("tags") or ()),
            exam_tips=tuple(s.get("exam_tips") or ()),
        )
        for s in data["sections"]
    )
    return Topic(
        id=data["id"], title=data["title"].strip(), order=data.get("order", 1000),
        domains=tuple(data["domains"]), tasks=tuple(data["tasks"]),
        summary=data["summary"].strip(), sections=sections,
        sources=tuple(data.get("sources") or ()), path=path,
    )


def _question_from(raw: dict, topic_id: str) -> Question:
    return Question(
        id=raw["id"], topic_id=topic_id, section_id=raw["section"], domain=raw["domain"],
        task=raw["task"], difficulty=raw["difficulty"], kind=raw["kind"],
        stem=raw["stem"].strip(), explanation=raw["explanation"].strip(),
        options=tuple(Option(o["text"].strip(), bool(o.get("correct", False)), o["why"].strip())
                      for o in raw["options"]),
    )


def load_library(folders: Sequence[Path], cache_dir: Path | None = None, *,
                 defer_questions: bool = False, shipped_cache: bool = True) -> Library:
    """Load every content folder in order; never raises for bad content.

    With `cache_dir`, a file that passed validation before (the same bytes) is served from
    a JSON cache there, or from the one the wheel ships, instead of being parsed again
    (YAML parsing is most of the start-up cost). With `defer_questions`, the question
    files are read when the library is completed (`Library.complete`), not now.
    `shipped_cache=False` parses every file the cache folder does not hold (building
    the shipped cache itself).
    """
    library = Library()
    reader = _Reader(library, cache_dir, shipped_cache)
    section_ids: set[str] = set()
    topic_paths: dict[str, Path] = {}
    for folder in folders:
        before = len(library.problems)
        for where, message in _folder_problems(folder):
            reader.problem(where, 0, message)
        pack = PackSummary(_display(folder), problems=len(library.problems) - before)
        library.packs.append(pack)
        for path in _yaml_files(folder / "topics"):
            before = len(library.problems)
            loaded = reader.load(path, "topics", partial(_topic_from, path=path))
            pack.files += 1
            if loaded is not None:
                data, topic = loaded
                taken = _taken_ids(data, topic_paths, section_ids)
                if taken:
                    reader.report_file(path, taken)
                else:
                    library.topics.append(topic)
                    topic_paths[topic.id] = path
                    section_ids.update(s.id for s in topic.sections)
                    pack.topics += 1
                    pack.sections += len(topic.sections)
            pack.problems += len(library.problems) - before
    library.reindex()
    reader.save("topics")
    library.defer(partial(_load_questions, folders, library, reader))
    if not defer_questions:
        library.complete()
    return library


def _load_questions(folders: Sequence[Path], library: Library, reader: _Reader) -> None:
    question_ids: set[str] = set()
    for folder, pack in zip(folders, library.packs, strict=True):
        for path in _yaml_files(folder / "questions"):
            before = len(library.problems)
            read = reader.load(path, "questions", _questions_from)
            pack.files += 1
            if read is not None:
                data, questions = read
                links = _link_problems(data, library, question_ids)
                if links:
                    reader.report_file(path, links)
                else:
                    library.questions.extend(questions)
                    question_ids.update(q.id for q in questions)
                    pack.questions += len(questions)
            pack.problems += len(library.problems) - before
    library.index_questions()
    _check_section_links(library, reader)
    reader.save("questions")


_SECTION_LINK = re.compile(r"\]\(section:([^)\s]+)\)")


def _check_section_links(library: Library, reader: _Reader) -> None:
    """A `[text](section:ID)` link must lead somewhere: its topic file is named."""
    for topic in library.topics:
        broken = [(section.id, target) for section in topic.sections
                  for target in _SECTION_LINK.findall(section.body)
                  if target not in library.section_by_id]
        if not broken or topic.path is None:
            continue
        try:
            text = topic.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        for section_id, target in broken:
            at = text.find(f"](section:{target})")
            line = text.count("\n", 0, at) + 1 if at >= 0 else 1
            reader.problem(topic.path, line, f"section '{section_id}' links to "
                                             f"'section:{target}', which is not loaded")


def _questions_from(data: dict) -> list[Question]:
    return [_question_from(raw, data["topic"]) for raw in data["questions"]]


def _taken_ids(data: dict, topic_paths: dict[str, Path], section_ids: set[str]) -> Problems:
    problems: Problems = []
    if data["id"] in topic_paths:
        problems.append((["id"], f"duplicate topic id '{data['id']}' (already loaded from "
                                 f"{_display(topic_paths[data['id']])})"))
    for i, section in enumerate(data["sections"]):
        if section["id"] in section_ids:
            problems.append((["sections", i, "id"], f"duplicate section id '{section['id']}'"))
    return problems


def _link_problems(data: dict, library: Library, question_ids: set[str]) -> Problems:
    problems: Problems = []
    topic = library.topic_by_id.get(data["topic"])
    if topic is None:
        return [(["topic"], f"topic '{data['topic']}' is not loaded")]
    own_sections = {s.id for s in topic.sections}
    seen: set[str] = set()
    for i, raw in enumerate(data["questions"]):
        if raw["id"] in question_ids or raw["id"] in seen:
            problems.append((["questions", i, "id"], f"duplicate question id '{raw['id']}'"))
        seen.add(raw["id"])
        if raw["section"] not in own_sections:
            problems.append((["questions", i, "section"],
                             f"section '{raw['section']}' is not a section of topic "
                             f"'{topic.id}'"))
    return problems
