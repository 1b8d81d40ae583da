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
    ("search", (100, 30), ["slash", *"sticky sessions"]),
    ("search-80x24", (80, 24), ["slash", *"alb health"]),
    ("quiz-setup", (100, 30), ["3"]),
    ("quiz-question", (100, 30), ["3", "enter"]),
    ("quiz-feedback", (100, 30), ["3", "enter", "a", "enter"]),
    ("calculators", (100, 30), ["4"]),
    ("calculators-80x24", (80, 24), ["4", "j", "j", "j"]),
    ("exam", (100, 30), ["3", "j", "enter", "b", "f"]),
    ("progress", (100, 30), ["5"]),
    ("progress-120x40", (120, 40), ["5"]),
    ("help", (100, 30), ["question_mark"]),
    ("too-small", (50, 15), []),
]


def demo_history(folder: str) -> None:
    """Six weeks of a learner's answers, so the Progress pane has something to show."""
    from datetime import datetime, timedelta, timezone

    from studytui.bank import load_bank
    from studytui.locations import bundled_content_dir
    from studytui.progress import ProgressLog
    from studytui.quiz.schedule import Planner

    rng = random.Random(7)
    library = load_bank([bundled_content_dir()])
    log, planner = ProgressLog(Path(folder)), Planner()
    now = datetime(2026, 11, 26, 18, 0, tzinfo=timezone.utc)
    skill = {d: 0.55 + 0.08 * d for d in (1, 2, 3, 4)}
    for day in range(42, -1, -1):
        if rng.random() < 0.25:
            continue
        for question in rng.sample(library.questions, rng.randint(5, 25)):
            right = rng.random() < skill[question.domain] + (42 - day) / 200
            log.record_attempt({"question": question.id,
                                "at": (now - timedelta(days=day)).isoformat(),
                                "answer": [0], "correct": right,
                                "seconds": rng.uniform(15, 100), "mode": "practice",
                                "topic": question.topic_id, "domain": question.domain},
                               planner)


async def shoot(name: str, size: tuple[int, int], keys: list[str], out: Path) -> None:
    from datetime import datetime, timezone

    from studytui.cli import make_app

    with tempfile.TemporaryDirectory() as data:
        if name.startswith("progress"):
            demo_history(data)
        app = make_app(data)
        app.clock = lambda: datetime(2026, 11, 26, 19, 0, tzinfo=timezone.utc)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            await pilot.pause(0.3)  # let debounced work (search) finish
            await app.workers.wait_for_complete()
            await pilot.pause(0.2)
            steady_cursors(app)
            await pilot.pause()
            app.save_screenshot(filename=f"{name}.svg", path=str(out))


def steady_cursors(app) -> None:
    """A blinking text cursor is drawn or not depending on the moment of the picture."""
    from textual.widgets import Input

    for field in app.screen.query(Input):
        field.cursor_blink = False


async def main() -> None:
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    for name, size, keys in SHOTS:
        await shoot(name, size, keys, out)
        print(f"screenshots/{name}.svg")


if __name__ == "__main__":
    asyncio.run(main())
