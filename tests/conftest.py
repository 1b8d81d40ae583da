"""Shared fixtures. Every test runs with its own data folder: never the user's real one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
PACK = FIXTURES / "pack"

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("STUDYTUI_DATA_DIR", str(folder))
    monkeypatch.setenv("STUDYTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("STUDYTUI_CONTENT", raising=False)
    return folder


@pytest.fixture
def pack_library():
    """A small, fixed library (tests/fixtures/pack) that snapshots can rely on."""
    from studytui.content import load_library

    library = load_library([PACK])
    assert not library.problems, library.problems
    return library


async def settle(pilot) -> None:
    """Let start-up background work (it waits for the first paint) run and finish."""
    from studytui.ui.app import WARM_UP_DELAY_S

    await pilot.pause(WARM_UP_DELAY_S + 0.2)
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
