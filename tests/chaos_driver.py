"""Chaos drivers shared by the test suite (short runs) and benchmarks/ (long runs).

Pure Python with no Textual import: the Pilot is passed in.
"""

from __future__ import annotations

import random
import time
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


RESULT_MARKS = ("Right.", "Wrong.", "Please", "Skipped")


def answer_until(process, deadline: float, rng: random.Random,
                 answers: Sequence[str] = ("A", "B", "C", "D")) -> int:
    """Answer a running `quiz --plain` (text-mode pipes) until `deadline` (a
    time.monotonic() value) or until the quiz ends by itself; return how many result
    lines ("Right."/"Wrong.") it printed. A finished quiz is not an error: on a fast
    machine a whole quiz fits in the time before the kill."""
    printed = 0
    while time.monotonic() < deadline:
        try:
            process.stdin.write(rng.choice(answers) + "\n")
            process.stdin.flush()
        except OSError:  # a broken pipe
            break  # the quiz already ended
        line = process.stdout.readline()  # the result follows the prompt on its line
        # a reply of the wrong shape (one letter for a Choose TWO) is asked again
        while line and not any(mark in line for mark in (*RESULT_MARKS, "Answer again")):
            line = process.stdout.readline()
        if not line:
            break  # end of output: the quiz finished
        printed += ("Right." in line) + ("Wrong." in line)
    return printed
