"""Settings that speed up the first frame, undone as soon as it is on screen.

- The cyclic garbage collector is off: start-up allocates a great many objects and none
  of them is garbage yet.
- The interpreter hands the GIL between threads every 0.5 ms instead of every 5 ms:
  Textual parses Markdown in a worker thread, and the reader's first paragraph would
  otherwise wait while the main thread lays out and draws (6 ms measured, pty 100x30).

No Textual import: `studytui` calls `begin` before importing the app.
"""

from __future__ import annotations

import gc
import sys

START_UP_SWITCH_INTERVAL_S = 0.0005
_saved_interval: float | None = None


def begin() -> None:
    global _saved_interval
    gc.disable()
    if _saved_interval is None:
        _saved_interval = sys.getswitchinterval()
        sys.setswitchinterval(START_UP_SWITCH_INTERVAL_S)


def end() -> None:
    """Back to the interpreter's defaults (safe to call more than once)."""
    global _saved_interval
    gc.enable()
    if _saved_interval is not None:
        sys.setswitchinterval(_saved_interval)
        _saved_interval = None
