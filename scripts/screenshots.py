"""Regenerate screenshots/*.svg: every pane with the bundled content, in a fresh data folder.

Run from the repository root:  python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["TEXTUAL_ANIMATIONS"] = "none"
random.seed(2026)  # the same practice questions each time the shots are regenerated

# (file name, terminal size, keys to press after start-up)
SHOTS: list[tuple[str, tuple[int, int], list[str]]] = [
    ("topics", (100, 30), ["j", "enter", "m"]),
    ("topics-80x24", (80, 24), []),
    ("quiz-setup", (100, 30), ["3"]),
    ("quiz-question", (100, 30), ["3", "enter"]),
    ("quiz-feedback", (100, 30), ["3", "enter", "a", "enter"]),
    ("calculators", (100, 30), ["4"]),
    ("calculators-80x24", (80, 24), ["4", "j", "j", "j"]),
    ("help", (100, 30), ["question_mark"]),
    ("too-small", (50, 15), []),
]


async def shoot(name: str, size: tuple[int, int], keys: list[str], out: Path) -> None:
    from studytui.cli import make_app

    with tempfile.TemporaryDirectory() as data:
        app = make_app(data)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause(0.2)
            app.save_screenshot(filename=f"{name}.svg", path=str(out))


async def main() -> None:
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    for name, size, keys in SHOTS:
        await shoot(name, size, keys, out)
        print(f"screenshots/{name}.svg")


if __name__ == "__main__":
    asyncio.run(main())
