"""Load topics and questions from content folders, skipping (and reporting) bad files.

A content folder holds `topics/*.yaml` and `questions/*.yaml`. Later folders add to
earlier ones (the bundled content first, then user packs); an id that is already taken
is a problem in the later file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studytui.content.cache import ContentCache
from studytui.content.model import ContentProblem, Library, Option, Question, Section, Topic

if TYPE_CHECKING:
    from studytui.content.schema import Problems
    from studytui.content.yamlfile import DataPath

# The YAML parser and the schema checks are imported on the first cache miss only: with a
# warm cache, start-up never pays for them.


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def _display(path: Path) -> str:
    """Relative to the working folder when inside it, else absolute."""
    absolute = path.resolve()
    try:
        return str(absolute.relative_to(Path(os.getcwd()).resolve()))
    except ValueError:
        return str(absolute)


class _Reader:
    def __init__(self, library: Library, cache: ContentCache | None) -> None:
        self.library = library
        self.cache = cache

    def problem(self, path: Path, line: int, message: str) -> None:
        self.library.problems.append(ContentProblem(_display(path), line, message))

    def read(self, path: Path, kind: str) -> Any | None:
        """Parsed data when the file is sound, else None after reporting every problem."""
        self.library.files += 1
        if self.cache is not None:
            hit = self.cache.get(path)
            if hit is not None:
                return hit
        from studytui.content.yamlfile import YamlFileError, read_yaml

        try:
            data, text = read_yaml(path)
        except YamlFileError as exc:
            self.problem(path, exc.line, exc.message)
            return None
        from studytui.content.schema import check_question_file, check_topic

        problems = (check_topic if kind == "topic" else check_question_file)(data)
        self.report(path, text, problems)
        if problems:
            return None
        if self.cache is not None:
            self.cache.put(path, data)
        return data

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


def load_library(folders: Sequence[Path], cache_file: Path | None = None) -> Library:
    """Load every content folder in order; never raises for bad content.

    With `cache_file`, files whose size and mtime are unchanged since they last passed
    validation are read from a JSON cache instead of being parsed again (YAML parsing is
    most of the start-up cost).
    """
    library = Library()
    cache = ContentCache(cache_file) if cache_file else None
    reader = _Reader(library, cache)
    section_ids: set[str] = set()
    topic_paths: dict[str, Path] = {}
    for folder in folders:
        for path in _yaml_files(folder / "topics"):
            data = reader.read(path, "topic")
            if data is None:
                continue
            taken = _taken_ids(data, topic_paths, section_ids)
            if taken:
                with open(path, encoding="utf-8") as handle:
                    reader.report(path, handle.read(), taken)
                continue
            topic = _topic_from(data, path)
            library.topics.append(topic)
            topic_paths[topic.id] = path
            section_ids.update(s.id for s in topic.sections)
    library.reindex()
    question_ids: set[str] = set()
    for folder in folders:
        for path in _yaml_files(folder / "questions"):
            data = reader.read(path, "questions")
            if data is None:
                continue
            links = _link_problems(data, library, question_ids)
            if links:
                with open(path, encoding="utf-8") as handle:
                    reader.report(path, handle.read(), links)
                continue
            for raw in data["questions"]:
                library.questions.append(_question_from(raw, data["topic"]))
                question_ids.add(raw["id"])
    library.reindex()
    if cache is not None:
        cache.save()
    return library


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
