"""Every binding can be remapped; the keymap in settings.json wins; themes and NO_COLOR."""

from __future__ import annotations

import importlib
import pkgutil

from textual.binding import Binding
from textual.widgets import Markdown

import studytui.ui
from studytui.cli import make_app
from studytui.settings import Settings, save_settings


def all_bindings() -> list[tuple[str, Binding]]:
    found = []
    for module_info in pkgutil.iter_modules(studytui.ui.__path__):
        module = importlib.import_module(f"studytui.ui.{module_info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__:
                for binding in getattr(value, "BINDINGS", []):
                    if isinstance(binding, Binding):
                        found.append((value.__name__, binding))
    return found


def test_every_binding_has_an_id():
    bindings = all_bindings()
    assert len(bindings) > 40
    missing = [(owner, b.key) for owner, b in bindings if not b.id]
    assert missing == []


async def test_keymap_from_settings_remaps_and_help_shows_it(pack_library, private_data_dir):
    private_data_dir.mkdir(parents=True, exist_ok=True)
    save_settings(private_data_dir, Settings(keymap={"topics.toggle_read": "x"}))
    app = make_app(library=pack_library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("x")
        await app.workers.wait_for_complete()
        assert app.read_sections == {"alpha-basics"}
        await pilot.press("m")  # no longer bound
        assert app.read_sections == {"alpha-basics"}
        await pilot.press("question_mark")
        await pilot.pause()
        source = app.screen.query_one(Markdown).source
        assert "| `x` | Mark read | `topics.toggle_read` |" in source


async def test_every_builtin_theme_including_ansi_applies(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        assert {"ansi-dark", "ansi-light"} <= set(app.available_themes)
        for theme in sorted(app.available_themes):
            app.theme = theme
            await pilot.pause()
        assert app.theme == sorted(app.available_themes)[-1]
    assert app._exception is None


def test_no_color_is_respected(pack_library, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert make_app(library=pack_library).no_color is True


async def test_help_opens_at_the_keys_in_force_as_typed_and_scrolls(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")  # Calculators
        await pilot.pause()
        app.action_help()
        await pilot.pause()
        source = app.screen.query_one(Markdown).source
        assert source.startswith("## Keys here (Calculators)")
        assert "`/` | Search" in source and "`?` | Help" in source  # as typed
        assert "slash" not in source and "question_mark" not in source
        body = app.screen.query_one("#help-body")
        await pilot.press("j", "j", "space")
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press("g")
        await pilot.pause()
        assert body.scroll_y == 0
