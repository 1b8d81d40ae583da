"""Snapshots of the reader at 80 and 100 columns (issue #16): a section with a table (its
rows stacked as "Header: value" lines) and one with a code block (long lines wrapped after
"↪"). They use the bundled notes. Update with
`pytest tests/test_reader_snapshots.py --snapshot-update`."""

from __future__ import annotations

import pytest

from studytui.cli import make_app

TABLE_SECTION = "elb-types"  # ELB's four load balancer types: a four-column table
CODE_SECTION = "s3-bucket-policies"  # a bucket policy whose Condition line is the point


def _open(section_id: str, scroll_to: str | None = None):
    async def run_before(pilot) -> None:
        app = pilot.app
        await pilot.pause()
        await app.open_section(section_id)
        await app.workers.wait_for_complete()
        await pilot.pause()
        if scroll_to is not None:
            block = app.query_one("#reader-body").query_one(scroll_to)
            app.query_one("#reader").scroll_to_widget(block, top=True, animate=False)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
def test_reader_table(snap_compare, size):
    assert snap_compare(make_app(), run_before=_open(TABLE_SECTION, "ReaderTable"),
                        terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
def test_reader_code(snap_compare, size):
    assert snap_compare(make_app(), run_before=_open(CODE_SECTION, "ReaderFence"),
                        terminal_size=size)
