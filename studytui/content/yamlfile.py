"""Reading YAML safely and fast, and finding the line behind a data path.

The fast path is a plain C-accelerated load. Only when something is wrong do we compose
the node tree to turn a data path (["sections", 2, "title"]) into a line number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from studytui.content.filebytes import MAX_FILE_BYTES, YamlFileError, read_content_file

__all__ = ["MAX_FILE_BYTES", "Loader", "YamlFileError", "line_of", "parse_yaml", "read_yaml"]

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# An anchor has to exist before an alias can repeat it; looking for one first keeps the
# event scan off the normal path.
_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&[^\s&]", re.MULTILINE)

DataPath = Sequence[str | int]


def read_yaml(path: Path) -> tuple[Any, str]:
    """Return (data, text). Raises YamlFileError for unreadable, huge or hostile files."""
    return parse_yaml(read_content_file(path))


def parse_yaml(raw: bytes) -> tuple[Any, str]:
    """(data, text) of a file's bytes. Raises YamlFileError for hostile or broken YAML."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlFileError(line, "file is not UTF-8 text") from exc
    try:
        if _ANCHOR.search(text):
            _refuse_aliases(text)
        data = yaml.load(text, Loader=Loader)  # noqa: S506 - safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlFileError(line, f"YAML syntax error: {exc.problem or exc}") from exc
    except yaml.YAMLError as exc:
        raise YamlFileError(1, f"YAML error: {exc}") from exc
    except RecursionError as exc:
        raise YamlFileError(1, "YAML nesting is too deep") from exc
    return data, text


def _refuse_aliases(text: str) -> None:
    # Aliases make "billion laughs" bombs possible; content never needs them.
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1 if event.start_mark else 1
            raise YamlFileError(line, "YAML aliases (*name) are not allowed in content files")


def line_of(text: str, path: DataPath) -> int:
    """1-based line of the node at `path` (or of its nearest existing parent)."""
    try:
        node = yaml.compose(text, Loader=Loader)
    except (yaml.YAMLError, RecursionError):
        return 1
    line = node.start_mark.line + 1 if node is not None else 1
    for step in path:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            for key, value in node.value:
                if getattr(key, "value", None) == step:
                    line = key.start_mark.line + 1
                    node = value
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if not 0 <= step < len(node.value):
                return line
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            return line
    return line
