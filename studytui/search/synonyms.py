"""The synonym list (content/synonyms.yaml): groups of terms that mean the same."""

from __future__ import annotations

import re
from pathlib import Path

from studytui.content.model import ContentProblem

WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> tuple[str, ...]:
    """The tokens the index sees: lower-case runs of letters and digits."""
    return tuple(WORD.findall(text.lower()))


def load_synonyms(path: Path) -> tuple[list[list[tuple[str, ...]]], list[ContentProblem]]:
    """Groups as token tuples, and any problems (file:line). A bad file gives no groups."""
    if not path.exists():
        return [], []
    from studytui.content.yamlfile import YamlFileError, line_of, read_yaml

    try:
        data, text = read_yaml(path)
    except YamlFileError as exc:
        return [], [ContentProblem(str(path), exc.line, exc.message)]
    problems: list[ContentProblem] = []

    def problem(where: list, message: str) -> None:
        problems.append(ContentProblem(str(path), line_of(text, where), message))

    groups_raw = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(data, dict) or set(data) != {"groups"} or not isinstance(groups_raw, list):
        problem([], "a synonyms file holds one key, 'groups': a list of term lists")
        return [], problems
    groups: list[list[tuple[str, ...]]] = []
    owner: dict[tuple[str, ...], int] = {}
    for i, group in enumerate(groups_raw):
        if not isinstance(group, list) or len(group) < 2:
            problem(["groups", i], "each group must list at least two terms")
            continue
        tokens_group = []
        for j, term in enumerate(group):
            tokens = words(str(term)) if isinstance(term, (str, int)) else ()
            if not tokens or isinstance(term, bool):
                problem(["groups", i, j], f"{term!r} is not a search term")
                continue
            if tokens in owner and owner[tokens] != i:
                problem(["groups", i, j], f"'{term}' is already in group {owner[tokens] + 1}")
                continue
            owner[tokens] = i
            tokens_group.append(tokens)
        groups.append(tokens_group)
    return ([] if problems else groups), problems
