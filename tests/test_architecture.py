"""The domain stays free of Textual: only studytui/ui/ (and the entry points) may import it."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "studytui"
ALLOWED = {"ui"}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_textual_outside_ui():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in ALLOWED:
            continue
        if "textual" in imports_of(path):
            offenders.append(str(relative))
    assert offenders == [], f"modules outside studytui/ui import textual: {offenders}"


def test_check_sees_an_import(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("from textual.app import App\n")
    assert "textual" in imports_of(sample)
