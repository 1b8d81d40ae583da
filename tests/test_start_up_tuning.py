"""What `studytui` tunes for the first frame is undone once it is on screen."""

from __future__ import annotations

import gc
import sys

from studytui.cli import make_app
from studytui.ui import start_up


async def test_the_first_refresh_restores_the_collector_and_the_switch_interval(
        pack_library):
    default = sys.getswitchinterval()
    start_up.begin()
    try:
        assert not gc.isenabled()
        assert sys.getswitchinterval() == start_up.START_UP_SWITCH_INTERVAL_S
        app = make_app(library=pack_library)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert sys.getswitchinterval() == default
    finally:
        start_up.end()
    start_up.end()  # twice is harmless
    assert gc.isenabled() and sys.getswitchinterval() == default
