"""Shape checks for content files: each problem is a data path and a message.

Kept separate from the loader so the same rules serve topics, questions and packs.
"""

from __future__ import annotations

import re
from collections.abc import Set
from typing import Any, cast

from studytui.blueprint import TASKS
from studytui.content.yamlfile import DataPath

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DIFFICULTIES = ("easy", "medium", "hard")
KINDS = ("single", "multi")
MAX_OPTIONS = 6  # lettered A-F, as on the exam
_CHOOSE = re.compile(r"\(Choose (TWO|THREE|FOUR|FIVE)\.?\)", re.IGNORECASE)
_WORD = {"two": 2, "three": 3, "four": 4, "five": 5}

Problems = list[tuple[DataPath, str]]

_TYPE_NAMES = {str: "text", int: "a whole number", list: "a list", dict: "a mapping", bool:
               "true or false"}


def _type_name(value: Any) -> str:
    if value is None:
        return "empty"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class Shape:
    """Checks one mapping's keys and value types, recording problems against a path."""

    def __init__(self, problems: Problems, path: DataPath, value: Any, what: str) -> None:
        self.problems = problems
        self.path = list(path)
        self.value = value if isinstance(value, dict) else {}
        self.ok = isinstance(value, dict)
        if not self.ok:
            problems.append((self.path, f"{what} must be a mapping, not {_type_name(value)}"))

    def keys(self, required: set[str], optional: Set[str] = frozenset()) -> None:
        for key in sorted(required - set(self.value)):
            self.problems.append((self.path, f"missing key '{key}'"))
        for key in sorted(set(self.value) - required - optional, key=str):
            self.problems.append((self.path + [str(key)], f"unknown key '{key}'"))

    def get(self, key: str, kind: type, *, item: type | None = None, nonempty: bool = True) -> Any:
        """The value if present and of the right type, else None (with a problem)."""
        if key not in self.value:
            return None
        value = self.value[key]
        where = self.path + [key]
        # bool is an int subclass in Python: a `true` where a number belongs is still wrong
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.problems.append((where, f"'{key}' must be {_TYPE_NAMES[kind]}, "
                                         f"not {_type_name(value)}"))
            return None
        if nonempty and kind in (str, list) and not value:
            self.problems.append((where, f"'{key}' must not be empty"))
            return None
        if item is not None:
            for i, element in enumerate(cast(list[Any], value)):
                if not isinstance(element, item) or isinstance(element, bool) and item is int:
                    self.problems.append((where + [i], f"'{key}' items must be "
                                                       f"{_TYPE_NAMES[item]}, not "
                                                       f"{_type_name(element)}"))
                    return None
        return value

    def id(self, key: str = "id") -> str | None:
        value = self.get(key, str)
        if value is not None and not ID_PATTERN.match(value):
            self.problems.append((self.path + [key], f"'{key}' must be lower-case words joined "
                                                     f"by '-', not {value!r}"))
            return None
        return value


def check_topic(data: Any) -> Problems:
    problems: Problems = []
    topic = Shape(problems, [], data, "a topic file")
    if not topic.ok:
        return problems
    topic.keys({"id", "title", "domains", "tasks", "summary", "sections"}, {"order", "sources"})
    topic.id()
    topic.get("title", str)
    topic.get("summary", str)
    topic.get("order", int)
    topic.get("sources", list, item=str, nonempty=False)
    domains = topic.get("domains", list, item=int) or []
    for i, number in enumerate(domains):
        if number not in (1, 2, 3, 4):
            problems.append((["domains", i], f"domain {number} is not a DVA-C02 domain (1-4)"))
    for i, task in enumerate(topic.get("tasks", list, item=str, nonempty=False) or []):
        if task not in TASKS:
            problems.append((["tasks", i], f"task {task!r} is not a DVA-C02 task id "
                                           f"(1.1-1.3, 2.1-2.3, 3.1-3.4, 4.1-4.3)"))
    seen: set[str] = set()
    for i, raw in enumerate(topic.get("sections", list) or []):
        section = Shape(problems, ["sections", i], raw, "a section")
        if not section.ok:
            continue
        section.keys({"id", "title", "body", "tags"}, {"exam_tips"})
        section_id = section.id()
        section.get("title", str)
        section.get("body", str)
        tags = section.get("tags", list, nonempty=False) or []
        for j, tag in enumerate(tags):
            # `tags: [503, 504]` is what an author means as text; lists or mappings are not
            if not isinstance(tag, (str, int, float)) or isinstance(tag, bool):
                problems.append((["sections", i, "tags", j], f"tags must be words, not "
                                                             f"{_type_name(tag)}"))
        section.get("exam_tips", list, item=str, nonempty=False)
        if section_id is None:
            continue
        if section_id in seen:
            problems.append((["sections", i, "id"], f"duplicate section id '{section_id}'"))
        seen.add(section_id)
    return problems


def check_question_file(data: Any) -> Problems:
    problems: Problems = []
    top = Shape(problems, [], data, "a question file")
    if not top.ok:
        return problems
    top.keys({"topic", "questions"})
    top.id("topic")
    for i, raw in enumerate(top.get("questions", list) or []):
        _check_question(problems, ["questions", i], raw)
    return problems


def _check_question(problems: Problems, path: list, raw: Any) -> None:
    question = Shape(problems, path, raw, "a question")
    if not question.ok:
        return
    question.keys({"id", "section", "domain", "task", "difficulty", "kind", "stem", "options",
                   "explanation"})
    question.id()
    question.id("section")
    question.get("stem", str)
    question.get("explanation", str)
    domain = question.get("domain", int)
    if domain is not None and domain not in (1, 2, 3, 4):
        problems.append((path + ["domain"], f"domain {domain} is not a DVA-C02 domain (1-4)"))
    task = question.get("task", str)
    if task is not None:
        if task not in TASKS:
            problems.append((path + ["task"], f"task {task!r} is not a DVA-C02 task id"))
        elif domain in (1, 2, 3, 4) and TASKS[task] != domain:
            problems.append((path + ["task"], f"task {task} belongs to domain {TASKS[task]}, "
                                              f"not domain {domain}"))
    difficulty = question.get("difficulty", str)
    if difficulty is not None and difficulty not in DIFFICULTIES:
        problems.append((path + ["difficulty"], f"difficulty must be one of "
                                                f"{', '.join(DIFFICULTIES)}"))
    kind = question.get("kind", str)
    if kind is not None and kind not in KINDS:
        problems.append((path + ["kind"], "kind must be 'single' or 'multi'"))
    options = question.get("options", list) or []
    right = 0
    for j, raw_option in enumerate(options):
        option = Shape(problems, path + ["options", j], raw_option, "an option")
        if not option.ok:
            continue
        option.keys({"text", "why"}, {"correct"})
        option.get("text", str)
        option.get("why", str)
        if option.get("correct", bool):
            right += 1
    if not options:
        return
    where = path + ["options"]
    if not 2 <= len(options) <= MAX_OPTIONS:
        problems.append((where, f"a question needs 2 to {MAX_OPTIONS} options, "
                                f"not {len(options)}"))
    if kind == "single" and right != 1:
        problems.append((where, f"a single-choice question needs exactly 1 right option, "
                                f"not {right}"))
    if kind == "multi":
        if not 2 <= right < len(options):
            problems.append((where, f"a multiple-response question needs 2 or more right "
                                    f"options and at least one wrong, not {right} right of "
                                    f"{len(options)}"))
        stem = question.value.get("stem")
        stated = _CHOOSE.search(stem) if isinstance(stem, str) else None
        if stated and _WORD[stated.group(1).lower()] != right:
            problems.append((path + ["stem"], f"the stem says '{stated.group(0)}' but "
                                              f"{right} options are marked right"))
