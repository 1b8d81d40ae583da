"""Chaos drivers shared by the test suite (short runs) and benchmarks/ (long runs).

Pure Python with no Textual import: the Pilot is passed in.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

# every kind of key a learner (or a cat) might press; 'q' and ctrl+q are left out so the
# run keeps going (quitting is tested on its own)
MONKEY_KEYS: Sequence[str] = (
    *"abcdefghijklmnoprstuvwxyz", *"ABCDEFGHIJKLMNOPRSTUVWXYZ", *"0123456789",
    "up", "down", "left", "right", "tab", "shift+tab", "enter", "escape", "space",
    "question_mark", "slash", "ctrl+p", "backspace", "home", "end", "pageup", "pagedown",
    "1", "2", "3", "4", "5",
)


def monkey_keys(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(MONKEY_KEYS) for _ in range(count)]


def storm_sizes(count: int, seed: int) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    return [(rng.randint(20, 250), rng.randint(5, 80)) for _ in range(count)]
