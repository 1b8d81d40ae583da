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
        verb = "Type" if junk == "" else "Fix"  # an empty field is asked for, not blamed
        assert f"{verb} Item size (KB):" in result_text(app, "rcu")
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


# -- issue #16: focus, keys and states in text ---------------------------------------------
def footer_keys(app) -> dict[str, str]:
    """The keys the footer shows now, and what they do."""
    return {key: active.binding.description
            for key, active in app.screen.active_bindings.items() if active.binding.show}


async def test_tab_from_the_list_lands_on_a_visible_field(pack_library):
    """No invisible stop: the form's scroller is not one, so the first tab reaches the
    first field, and the field's row shows that it has focus."""
    from studytui.ui.calculators import CalcInput

    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert app.focused is app.query_one("#calc-list")
        await pilot.press("tab")
        await pilot.pause()
        field = app.query_one("#calc-rcu-item_kb", CalcInput)
        assert app.focused is field
        label = field.parent.query_one(".calc-label")
        assert label.styles.text_style.bold and label.styles.text_style.underline
        # and every stop of the tab order in the pane is the list or a field of the form
        pane = app.query_one(CalculatorsPane)
        stops = [w for w in app.screen.focus_chain if pane in w.ancestors]
        assert stops[0].id == "calc-list"
        assert [w.id for w in stops[1:]] == [f"calc-rcu-{name}" for name in (
            "item_kb", "per_second", "consistency", "operation", "items")]


async def test_keys_typed_in_a_field_stay_in_the_field(pack_library):
    """`2` and `q` typed into a field are text: no pane switch, no quit; the footer shows
    ctrl+q to quit and ? for help instead of q."""
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "tab", "ctrl+a", "ctrl+k", "2", "q", "/")
        await pilot.pause()
        assert app.query_one("#panes").current == "calculators"
        assert app.query_one("#calc-rcu-item_kb", Input).value == "2q/"
        keys = footer_keys(app)
        assert keys.get("ctrl+q") == "Quit" and keys.get("question_mark") == "Help"
        assert keys.get("escape") == "Back to list"
        assert "q" not in keys and "slash" not in keys and "y" not in keys


async def test_question_mark_in_a_field_opens_the_help(pack_library):
    from studytui.ui.help import HelpScreen

    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "tab", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one("#calc-rcu-item_kb", Input).value == "6"  # no '?' typed


async def test_escape_from_a_field_goes_back_to_the_list(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "j", "j", "j", "enter")  # EC2: deep in a long form
        await pilot.press("tab", "tab", "tab")
        await pilot.pause()
        assert app.focused.id == "calc-ec2-os"
        await pilot.press("escape")
        await pilot.pause()
        listing = app.query_one("#calc-list")
        assert app.focused is listing
        assert app.query_one(CalculatorsPane).current_form().calculator.id == "ec2"
        assert "escape" not in footer_keys(app)  # in the list, escape is the app's
        await pilot.press("escape")  # nothing more to back out of here
        await pilot.pause()
        assert app.focused is listing and app.query_one("#panes").current == "calculators"
        await pilot.press("2")  # and in the list, digits still switch panes
        await pilot.pause()
        assert app.query_one("#panes").current == "search"


@pytest.mark.parametrize("calc_id, name", [("wcu", "transactional"),
                                           ("dynamodb-cost", "transactional"),
                                           ("lambda", "free_tier"),
                                           ("kinesis", "enhanced_fan_out")])
async def test_switches_say_on_or_off_in_text(pack_library, calc_id, name):
    from textual.widgets import Switch

    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await app.query_one(CalculatorsPane).show(calc_id)
        await pilot.pause()
        switch = app.query_one(f"#calc-{calc_id}-{name}", Switch)
        before = switch.value
        assert str(switch.render()) == ("[x] On" if before else "[ ] Off")
        switch.focus()
        await pilot.press("space", "2", "q")  # space toggles; 2 and q do nothing here
        await pilot.pause()
        assert switch.value is not before
        assert str(switch.render()) == ("[x] On" if switch.value else "[ ] Off")
        assert app.query_one("#panes").current == "calculators" and app.is_running
        assert "Off" in app.export_screenshot() or "On" in app.export_screenshot()


async def test_a_letter_in_a_choice_picks_the_choice(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await app.query_one(CalculatorsPane).show("ec2")
        await pilot.pause()
        app.query_one("#calc-ec2-purchase").focus()
        await pilot.press("s", "3")  # 3 matches no choice: nothing happens
        await pilot.pause()
        assert app.query_one("#calc-ec2-purchase").value == "spot"
        assert app.query_one("#panes").current == "calculators"


# -- issue #16: EC2 in the pane -------------------------------------------------------------
async def test_ec2_other_os_asks_for_the_hourly_price_in_the_panes_words(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        pane = app.query_one(CalculatorsPane)
        await pane.show("ec2", {"os": "windows"})
        await pilot.pause()
        box = result_text(app, "ec2")
        assert 'Type Hourly price (USD):' in box
        assert 'type the Windows hourly price for t2.small in "Hourly price (USD)"' in box
        assert "--" not in box  # no CLI flag in the pane
        error = str(app.query_one("#calc-ec2-hourly_price-error", Static).content)
        assert "Linux prices only" in error
        assert app.query_one("#calc-ec2-hourly_price", Input).has_class("-invalid")
        # typing the price makes it work
        price = app.query_one("#calc-ec2-hourly_price", Input)
        price.focus()
        await pilot.press(*"0.0464")
        await pilot.pause()
        assert "= $33.87" in result_text(app, "ec2")  # 730 h x $0.0464
        assert not price.has_class("-invalid")


@pytest.mark.parametrize("typed, shown", [("60M", "ran 60 min"), ("60m", "ran 60 min"),
                                          ("3 days", "ran 72 h (3 days)"),
                                          ("3d", "ran 72 h (3 days)"),
                                          ("2 hours", "ran 2 h"), ("90 s", "ran 90 s")])
async def test_ec2_durations_in_words_are_read(pack_library, typed, shown):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await app.query_one(CalculatorsPane).show("ec2", {"duration": typed})
        await pilot.pause()
        assert shown in result_text(app, "ec2")
        assert not app.query_one("#calc-ec2-duration", Input).has_class("-invalid")


async def test_ec2_spot_shows_a_range(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        pane = app.query_one(CalculatorsPane)
        await pane.show("ec2", {"purchase": "spot"})
        await pilot.pause()
        box = result_text(app, "ec2")
        assert "= $1.68 to $16.79 (spot, up to 90% off)" in box
        assert "from $1.68 to the on-demand $16.79" in box
        app.query_one("#calc-list").focus()
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == "$1.68 to $16.79 (spot, up to 90% off)"
