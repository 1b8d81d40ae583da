"""Installs as a tool: the wheel, installed into a fresh venv outside the checkout, gives a
working `studytui` that finds its bundled content and pulls in no test dependencies.

This is what `pipx install .` and `uv tool install .` do (build a wheel, install it into
a venv of its own), without needing either tool. It builds and installs for real, so it
takes ~15-60 s (dependencies come from the configured package index); it is not marked
to be skipped: it runs with the rest of the suite, in CI too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from studytui import __version__

ROOT = Path(__file__).resolve().parent.parent
TEST_ONLY = {"pytest", "pytest-asyncio", "pytest-textual-snapshot", "syrupy", "hypothesis",
             "ruff"}


def step(command: list[str], cwd: Path, env: dict[str, str] | None = None,
         timeout: float = 600) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                            env=env)
    assert result.returncode == 0, f"{command}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return result


def test_the_wheel_installs_into_a_fresh_venv_and_runs_from_anywhere(tmp_path):
    wheels = tmp_path / "wheels"
    step([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), "."],
         cwd=ROOT)
    (wheel,) = wheels.glob("studytui-*.whl")

    venv = tmp_path / "tool-venv"
    step([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path)
    python = venv / "bin" / "python"
    step([str(python), "-m", "pip", "install", "-q", str(wheel)], cwd=tmp_path)

    # run as a user would: from another folder, nothing of the checkout on the path
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(STUDYTUI_DATA_DIR=str(tmp_path / "data"),
               STUDYTUI_CACHE_DIR=str(tmp_path / "cache"))
    studytui = str(venv / "bin" / "studytui")
    version = step([studytui, "--version"], cwd=tmp_path, env=env, timeout=60)
    assert version.stdout.strip() == f"studytui {__version__}"

    report = json.loads(step([studytui, "validate", "--json"], cwd=tmp_path, env=env,
                             timeout=120).stdout)
    assert report["ok"] is True and report["errors"] == []
    assert report["topics"] >= 22 and report["questions"] >= 100
    bundled = Path(tmp_path, report["packs"][0]["folder"]).resolve()
    assert bundled.is_relative_to(venv.resolve()), bundled  # the installed copy, not ours
    assert bundled.name == "_content"

    where = step([str(python), "-c", "import studytui; print(studytui.__file__)"],
                 cwd=tmp_path, env=env, timeout=60).stdout.strip()
    assert Path(where).resolve().is_relative_to(venv.resolve())

    installed = json.loads(step([str(python), "-m", "pip", "list", "--format", "json"],
                                cwd=tmp_path, env=env, timeout=120).stdout)
    names = {package["name"].lower() for package in installed}
    assert {"studytui", "textual", "tinydb", "fsrs"} <= names
    assert not names & TEST_ONLY, names & TEST_ONLY

    # the first start after the install parses no YAML: the wheel ships the bundled
    # content's validated cache, and nothing is written to the user's cache for it
    first_start = ("import sys\n"
                   "from studytui.bank import load_bank\n"
                   "from studytui.locations import cache_dir, content_dirs\n"
                   "library = load_bank(content_dirs(), cache_dir())\n"
                   "print(len(library.questions), len(library.problems), "
                   "'yaml' in sys.modules)\n")
    loaded = step([str(python), "-c", first_start], cwd=tmp_path, env=env, timeout=120)
    questions, problems, parsed_yaml = loaded.stdout.split()
    assert int(questions) == report["questions"] and problems == "0"
    assert parsed_yaml == "False"
    assert not list((tmp_path / "cache").glob("*.json"))
