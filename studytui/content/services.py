"""The exam guide's in-scope services (content/blueprint.yaml) and the topics teaching them.

Only the bundled content folder has a blueprint: packs add topics and questions, never
services. Reading gives a `Blueprint` and any problems (file:line, like other content
problems; a bad file never raises). `resolve` checks it against the library that loaded
and gives a `ServiceMap`: which services a question practises, and the readiness "area"
a question belongs to (the service its section is named for, else its topic).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studytui.content.model import ContentProblem, Library, Question

BLUEPRINT_FILE = "blueprint.yaml"
TOP_KEYS = ("exam", "services")
SERVICE_KEYS = ("name", "category", "topics", "sections", "retired")

LinePath = tuple[str | int, ...]


@dataclass(frozen=True)
class Service:
    name: str
    category: str = ""
    topics: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()  # when set: only these sections of its topics count
    retired: str | None = None  # why new customers can no longer use it
    index: int = 0  # position in the file's list, for line numbers


@dataclass
class Blueprint:
    file: str
    services: list[Service]
    text: str = ""
    _lines: dict[LinePath, int] | None = field(default=None, repr=False)

    def line(self, path: LinePath) -> int:
        """1-based line of the node at `path`, or of its nearest parent."""
        if self._lines is None:
            self._lines = _line_map(self.text)
        while path and path not in self._lines:
            path = path[:-1]
        return self._lines.get(path, 1)


@dataclass(frozen=True)
class ServiceArea:
    """One service resolved against the loaded library."""

    service: Service
    whole_topics: frozenset[str]  # topics that count whole
    sections: frozenset[str]  # listed sections that loaded

    @property
    def name(self) -> str:
        return self.service.name

    @property
    def covered(self) -> bool:
        """Some loaded topic teaches it."""
        return bool(self.whole_topics or self.sections)

    def teaches(self, question: Question) -> bool:
        return question.topic_id in self.whole_topics or question.section_id in self.sections


@dataclass
class ServiceMap:
    areas: list[ServiceArea]

    def __post_init__(self) -> None:
        self._by_topic: dict[str, list[ServiceArea]] = {}
        self._by_section: dict[str, list[ServiceArea]] = {}
        for area in self.areas:
            for topic in area.whole_topics:
                self._by_topic.setdefault(topic, []).append(area)
            for section in area.sections:
                self._by_section.setdefault(section, []).append(area)

    def services_of(self, question: Question) -> list[str]:
        """Names of the services a question practises (often one, sometimes none)."""
        found = (self._by_section.get(question.section_id, []) +
                 self._by_topic.get(question.topic_id, []))
        return list(dict.fromkeys(a.name for a in found))

    def area_of(self, question: Question) -> str:
        """The readiness unit: the (first) service that names the question's section, or
        else the question's topic."""
        named = self._by_section.get(question.section_id)
        return f"service:{named[0].name}" if named else f"topic:{question.topic_id}"

    def summary(self) -> dict[str, Any]:
        """in_scope: every service the guide lists; covered: those some loaded topic
        teaches; missing: not retired and not covered; retired: marked retired."""
        return {
            "in_scope": len(self.areas),
            "covered": sum(a.covered for a in self.areas),
            "missing": [a.name for a in self.areas
                        if not a.covered and a.service.retired is None],
            "retired": [a.name for a in self.areas if a.service.retired is not None],
        }


def bundled_blueprint() -> Path:
    from studytui.locations import bundled_content_dir

    return bundled_content_dir() / BLUEPRINT_FILE


def read_blueprint(path: Path) -> tuple[Blueprint | None, list[ContentProblem]]:
    """The services the file lists and every problem in it. An unreadable file or one of
    the wrong shape gives None; a bad entry is reported and kept if it has a name."""
    from studytui.content.yamlfile import YamlFileError, read_yaml

    file = str(path)
    if not path.exists():
        return None, [ContentProblem(file, 0, "no blueprint: the exam's in-scope services "
                                              "cannot be checked")]
    try:
        data, text = read_yaml(path)
    except YamlFileError as exc:
        return None, [ContentProblem(file, exc.line, exc.message)]
    blueprint = Blueprint(file, [], text)
    problems: list[ContentProblem] = []

    def problem(where: LinePath, message: str) -> None:
        problems.append(ContentProblem(file, blueprint.line(where), message))

    entries = data.get("services") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        problem((), "a blueprint holds 'services': a list of {name, category, topics, "
                    "sections, retired}")
        return None, problems
    for key in data:
        if key not in TOP_KEYS:
            problem((key,), f"unknown key '{key}' (expected: {', '.join(TOP_KEYS)})")
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        service = _service(i, entry, problem)
        if service is None:
            continue
        if service.name in seen:
            problem(("services", i, "name"), f"service '{service.name}' is listed twice")
            continue
        seen.add(service.name)
        blueprint.services.append(service)
    return blueprint, problems


def _service(i: int, entry: object, problem) -> Service | None:
    where: LinePath = ("services", i)
    if not isinstance(entry, dict):
        problem(where, "each service is a mapping with a name and its topics")
        return None
    for key in entry:
        if key not in SERVICE_KEYS:
            problem((*where, key), f"unknown key '{key}' (expected: {', '.join(SERVICE_KEYS)})")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        problem(where, "a service needs a name")
        return None
    category = entry.get("category", "")
    if not isinstance(category, str):
        problem((*where, "category"), f"{name}: category must be text")
        category = ""
    retired = entry.get("retired")
    if retired is not None and (not isinstance(retired, str) or not retired.strip()):
        problem((*where, "retired"), f"{name}: 'retired' gives the reason as text")
        retired = "retired"
    lists = {}
    for key in ("topics", "sections"):
        raw = entry.get(key, [])
        if not isinstance(raw, list):
            problem((*where, key), f"{name}: '{key}' must be a list of ids")
            raw = []
        ids = []
        for j, value in enumerate(raw):
            if isinstance(value, str) and value.strip():
                ids.append(value.strip())
            else:
                problem((*where, key, j), f"{name}: {value!r} is not a {key[:-1]} id")
        lists[key] = tuple(ids)
    if not lists["topics"] and retired is None:
        problem(where, f"{name}: lists no topics and is not marked retired (give "
                       f"'topics', or 'retired' with the reason)")
    if lists["sections"] and not lists["topics"]:
        problem((*where, "sections"), f"{name}: 'sections' needs the topics they are in")
    return Service(name.strip(), category, lists["topics"], lists["sections"], retired, i)


def resolve(blueprint: Blueprint, library: Library) -> tuple[ServiceMap, list[ContentProblem]]:
    """The services against what loaded: unknown topic and section ids are problems."""
    problems: list[ContentProblem] = []
    areas = []
    for service in blueprint.services:
        where: LinePath = ("services", service.index)
        topics = []
        for j, topic_id in enumerate(service.topics):
            if topic_id in library.topic_by_id:
                topics.append(topic_id)
            else:
                problems.append(ContentProblem(
                    blueprint.file, blueprint.line((*where, "topics", j)),
                    f"{service.name}: no topic '{topic_id}' loaded"))
        sections = set()
        narrowed = set()
        for j, section_id in enumerate(service.sections):
            section = library.section_by_id.get(section_id)
            owner = section.topic_id if section else None
            if section is None:
                if len(topics) == len(service.topics):  # else: its topic is reported
                    problems.append(ContentProblem(
                        blueprint.file, blueprint.line((*where, "sections", j)),
                        f"{service.name}: no section '{section_id}' loaded"))
            elif owner not in service.topics:
                problems.append(ContentProblem(
                    blueprint.file, blueprint.line((*where, "sections", j)),
                    f"{service.name}: section '{section_id}' is in topic '{owner}', "
                    f"which this service does not list"))
            else:
                sections.add(section_id)
                narrowed.add(owner)
        areas.append(ServiceArea(service, frozenset(t for t in topics if t not in narrowed),
                                 frozenset(sections)))
    return ServiceMap(areas), problems


def load_services(library: Library, path: Path | None = None
                  ) -> tuple[ServiceMap | None, list[ContentProblem]]:
    """The bundled blueprint (or `path`) resolved against `library`; None if unreadable."""
    blueprint, problems = read_blueprint(path or bundled_blueprint())
    if blueprint is None:
        return None, problems
    services, more = resolve(blueprint, library)
    return services, problems + more


def pack_blueprints(folders: Iterable[Path]) -> list[ContentProblem]:
    """A blueprint in a content pack is not read: say so rather than ignore it quietly."""
    bundled = bundled_blueprint()
    problems = []
    for folder in folders:
        candidate = folder / BLUEPRINT_FILE
        try:  # a folder that loops or cannot be read is the loader's to report
            if not candidate.is_file() or candidate.samefile(bundled):
                continue
        except (OSError, RuntimeError):
            continue
        problems.append(ContentProblem(str(candidate), 0, "not read: only the bundled "
                                       "content has a blueprint; a pack adds topics and "
                                       "questions"))
    return problems


def _line_map(text: str) -> dict[LinePath, int]:
    import yaml

    from studytui.content.yamlfile import Loader

    try:
        root = yaml.compose(text, Loader=Loader)
    except (yaml.YAMLError, RecursionError):
        return {}
    lines: dict[LinePath, int] = {}
    stack: list[tuple[LinePath, Any]] = [((), root)] if root is not None else []
    while stack:
        path, node = stack.pop()
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                step: LinePath = (*path, str(getattr(key, "value", "")))
                lines[step] = key.start_mark.line + 1
                stack.append((step, value))
        elif isinstance(node, yaml.SequenceNode):
            for j, item in enumerate(node.value):
                stack.append(((*path, j), item))
    return lines
