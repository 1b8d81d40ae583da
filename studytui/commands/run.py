"""`studytui` with no command: open the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse


def run_app(args: argparse.Namespace, start_pane: str | None = None) -> int:
    import gc

    from studytui.launch import make_app

    # Start-up allocates a great many objects and none of them is garbage yet: the cyclic
    # collector only costs time until the first frame is on screen (the app turns it back
    # on after its first refresh; see StudyApp.on_mount).
    gc.disable()
    try:
        app = make_app(args.data_dir, args.content, start_pane=start_pane)
        app.run()
    finally:
        gc.enable()
    return app.return_code or 0
