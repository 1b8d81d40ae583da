"""Pilot tests of the Calculators pane: live working, inline messages, no crash on junk."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from studytui.cli import make_app
from studytui.ui.calculators import CalculatorsPane


def result_text(app, calc_id: str) -> str:
    return str(app.query_one(f"#result-{calc_id}", Static).content)


async def test_rcu_updates_live_and_copies(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert "= 10 RCU" in result_text(app, "rcu")
        size = app.query_one("#calc-rcu-item_kb", Input)
        size.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"8")  # 8 KB eventual: 1 unit x 10/s
        await pilot.pause()
        assert "8 KB rounds up to 8 KB" in result_text(app, "rcu")
        assert "= 10 RCU" in result_text(app, "rcu")
        app.query_one("#calc-list").focus()
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == "10 RCU"


@pytest.mark.parametrize("junk", ["", "abc", "-1", "nan", "inf", "1e308", "4 KB",
                                  "999999999999999999999999", "1,5"])
async def test_bad_values_are_marked_never_crash(pack_library, junk):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        field = app.query_one("#calc-rcu-item_kb", Input)
        field.value = junk
        await pilot.pause()
        error = str(app.query_one("#calc-rcu-item_kb-error", Static).content)
        assert "at most 400 KB" in error
        if junk == "1,5":  # a separator is refused, never guessed to mean 1.5 or 15
            assert "plain digits" in error
        assert field.has_class("-invalid")
        # the pane names the label the user sees, not the CLI flag
        assert "Fix Item size (KB):" in result_text(app, "rcu")
        assert "item-kb" not in result_text(app, "rcu")


async def test_dynamodb_cost_marks_the_field_that_is_wrong(pack_library):
    """Errors in the cost form name its own fields (they once named the RCU form's)."""
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        pane = app.query_one(CalculatorsPane)
        await pane.show("dynamodb-cost", {"read_item_kb": "500"})
        await pilot.pause()
        error = str(app.query_one("#calc-dynamodb-cost-read_item_kb-error", Static).content)
        assert "at most 400 KB" in error
        assert "Fix Read item size (KB):" in result_text(app, "dynamodb-cost")
        assert app.query_one("#calc-dynamodb-cost-read_item_kb", Input).has_class("-invalid")


async def test_tiny_values_still_cost_a_whole_unit(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        pane = app.query_one(CalculatorsPane)
        await pane.show("rcu", {"item_kb": "1e-13", "per_second": "1"})
        await pilot.pause()
        assert "= 1 RCU" in result_text(app, "rcu")
        await pane.show("lambda", {"requests": "1", "duration_ms": "1e-10",
                                   "memory_mb": "128"})
        await pilot.pause()
        assert "billed as 1 ms" in result_text(app, "lambda")


async def test_list_switches_calculators_with_vim_keys(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("j", "j", "j", "j")
        await pilot.pause()
        pane = app.query_one(CalculatorsPane)
        assert pane.current_form().calculator.id == "lambda"
        assert "as of" in result_text(app, "lambda")


async def test_prefill_opens_calculator_with_values(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        pane = app.query_one(CalculatorsPane)
        await pane.show("lambda", {"requests": 60_000_000, "duration_ms": 28, "memory_mb": 1024,
                             "free_tier": False})
        await pilot.pause()
        assert "= $40.00" in result_text(app, "lambda")
