"""The real entry point, run as a user runs it (subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from studytui import __version__
from tests.conftest import PACK


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "studytui", *args], capture_output=True,
                          text=True, cwd=cwd, env=os.environ.copy(), timeout=120)


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"studytui {__version__}"


def test_help_lists_every_subcommand():
    result = run("--help")
    assert result.returncode == 0
    for command in ("validate",):
        assert command in result.stdout


def test_validate_bundled_content_is_clean():
    result = run("validate", "--json")
    assert result.returncode == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["errors"] == []
    assert report["topics"] >= 22 and report["sections"] >= 100


def test_validate_reports_file_line_and_exits_1(tmp_path):
    bad = tmp_path / "pack"
    (bad / "topics").mkdir(parents=True)
    (bad / "topics" / "broken.yaml").write_text("id: broken\ntitle: [oops\n")
    result = run("validate", str(bad))
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(str(bad / "topics" / "broken.yaml") + ":")
    assert ": YAML syntax error" in first
    report = json.loads(run("validate", str(bad), "--json").stdout)
    assert report["ok"] is False
    assert report["errors"][0]["line"] >= 2


def test_content_pack_adds_topics():
    report = json.loads(run("validate", "--json", "--content", str(PACK)).stdout)
    bundled = json.loads(run("validate", "--json").stdout)
    assert report["topics"] == bundled["topics"] + 2
    assert report["questions"] == bundled["questions"] + 3
