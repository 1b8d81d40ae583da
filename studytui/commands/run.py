"""`studytui` with no command: open the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse


def run_app(args: argparse.Namespace, start_pane: str | None = None) -> int:
    from studytui.ui import start_up

    # undone by the app after its first refresh (StudyApp.on_mount), or here
    start_up.begin()
    try:
        from studytui.launch import make_app

        app = make_app(args.data_dir, args.content, start_pane=start_pane)
        app.run()
    finally:
        start_up.end()
    return app.return_code or 0
