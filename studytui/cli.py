"""The console script's entry point, and the app factory the tests import."""

from __future__ import annotations

from studytui.commands import main
from studytui.launch import make_app

__all__ = ["main", "make_app"]

if __name__ == "__main__":
    raise SystemExit(main())
