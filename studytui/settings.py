"""User settings kept as one small JSON file in the data folder."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from studytui.fileio import atomic_write_text, move_aside

SETTINGS_FILE = "settings.json"


@dataclass
class Settings:
    theme: str = "textual-dark"
    """A Textual theme name; one the app does not know is dropped when it starts."""
    last_section: str | None = None
    """The section the reader opens on."""
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id -> key(s), e.g. {"topics.toggle_read": "x"}; ids are listed in the help."""
    desired_retention: float = 0.9
    """FSRS target recall, more than 0 and at most 1 (what fsrs can schedule with)."""
    daily_new_limit: int = 20
    """New questions a day in spaced review, 0 to 1,000."""


def _retention(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
        return "must be a number more than 0 and at most 1"
    return None


def _new_limit(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1000:
        return "must be a whole number from 0 to 1,000"
    return None


def _text(value: object) -> str | None:
    return None if isinstance(value, str) and value else "must be text"


def _optional_text(value: object) -> str | None:
    return None if value is None or isinstance(value, str) else "must be text"


def _keymap(value: object) -> str | None:
    return None if isinstance(value, dict) else "must be a JSON object of id: key"


_CHECKS = {"theme": _text, "last_section": _optional_text, "keymap": _keymap,
           "desired_retention": _retention, "daily_new_limit": _new_limit}


def load_settings(folder: Path, notices: list[str]) -> Settings:
    """Read settings. An unreadable file is set aside with a notice and defaults used; a
    bad value is dropped with a warning naming the file and the key, the rest kept."""
    path = folder / SETTINGS_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        return _fallback(path, notices, f"could not be read ({exc.__class__.__name__})")
    if not isinstance(raw, dict):
        return _fallback(path, notices, "is not a JSON object")
    settings = Settings()
    for spec in fields(Settings):
        if spec.name not in raw:
            continue
        value = raw[spec.name]
        problem = _CHECKS[spec.name](value)
        if problem:
            notices.append(f"{path}: '{spec.name}' {problem} (found {json.dumps(value)[:40]}); "
                           f"the default is used.")
            continue
        if spec.name == "keymap":
            value = _sound_keymap(value, path, notices)
        setattr(settings, spec.name, float(value) if spec.name == "desired_retention"
                else value)
    return settings


def _sound_keymap(keymap: dict, path: Path, notices: list[str]) -> dict[str, str]:
    kept = {key: keys for key, keys in keymap.items()
            if isinstance(key, str) and isinstance(keys, str) and keys.strip()}
    for key in keymap.keys() - kept.keys():
        notices.append(f"{path}: keymap entry '{key}' must map to a key as text "
                       f"(found {json.dumps(keymap[key])[:40]}); it was dropped.")
    return kept


def drop_unknown_keymap_ids(settings: Settings, known: set[str], notices: list[str]) -> None:
    """Keymap entries that name no binding are dropped with a warning (the app knows the
    binding ids; settings do not)."""
    for key in sorted(settings.keymap.keys() - known):
        notices.append(f"{SETTINGS_FILE}: keymap entry '{key}' names no binding; it was "
                       f"dropped (the help, ?, lists the ids).")
        del settings.keymap[key]


def _fallback(path: Path, notices: list[str], why: str) -> Settings:
    try:
        kept = move_aside(path)
        notices.append(f"Settings file {why}; kept as {kept}, using defaults.")
    except OSError:
        notices.append(f"Settings file {why}; using defaults.")
    return Settings()


def save_settings(folder: Path, settings: Settings) -> None:
    atomic_write_text(folder / SETTINGS_FILE, json.dumps(asdict(settings), indent=2) + "\n")
