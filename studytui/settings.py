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
    last_section: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    desired_retention: float = 0.9
    daily_new_limit: int = 20


def load_settings(folder: Path, notices: list[str]) -> Settings:
    """Read settings; anything unreadable is set aside with a notice and defaults used."""
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
        value = raw.get(spec.name)
        default = getattr(settings, spec.name)
        if value is None and spec.name != "last_section":
            continue
        if spec.name == "last_section" and (value is None or isinstance(value, str)):
            settings.last_section = value
        elif type(value) is type(default) or (isinstance(default, float) and
                                               isinstance(value, int)):
            setattr(settings, spec.name, value)
    return settings


def _fallback(path: Path, notices: list[str], why: str) -> Settings:
    try:
        kept = move_aside(path)
        notices.append(f"Settings file {why}; kept as {kept}, using defaults.")
    except OSError:
        notices.append(f"Settings file {why}; using defaults.")
    return Settings()


def save_settings(folder: Path, settings: Settings) -> None:
    atomic_write_text(folder / SETTINGS_FILE, json.dumps(asdict(settings), indent=2) + "\n")
