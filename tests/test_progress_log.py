"""Progress log and settings: round trips, damaged files kept aside, never lost."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from studytui.fileio import atomic_write_text
from studytui.progress import ProgressLog
from studytui.settings import Settings, load_settings, save_settings


def test_read_marks_round_trip(tmp_path):
    log = ProgressLog(tmp_path)
    log.set_read("a", True)
    log.set_read("b", True)
    log.set_read("a", False)
    assert ProgressLog(tmp_path).read_sections() == {"b"}


def test_damaged_file_is_kept_aside_and_backup_restored(tmp_path):
    log = ProgressLog(tmp_path)
    log.set_read("a", True)
    log.set_read("b", True)  # each write keeps the version it replaces as notes.json.bak
    damaged = b'{"read": {"1": {"section": "a"'  # truncated
    (tmp_path / "notes.json").write_bytes(damaged)
    fresh = ProgressLog(tmp_path)
    assert fresh.read_sections() == {"a"}
    kept = list(tmp_path.glob("notes.json.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert "damaged" in fresh.notices[0] and str(kept[0]) in fresh.notices[0]


def test_wrong_shape_and_empty_files_are_damaged(tmp_path):
    for content in (b"[1, 2, 3]", b"", b'{"read": [1]}'):
        (tmp_path / "notes.json").write_bytes(content)
        log = ProgressLog(tmp_path)
        assert log.read_sections() == set()
        assert log.notices, content
    assert len(list(tmp_path.glob("notes.json.damaged-*"))) == 3


def test_stray_temp_files_are_cleaned_only_when_old_and_ours(tmp_path):
    import os
    old = tmp_path / ".studytui-tmp-notes.json.abc"
    new = tmp_path / ".studytui-tmp-notes.json.def"
    someone_elses = tmp_path / ".tmp-notes.json.abc"  # not a name this app makes
    deeper = tmp_path / "sub" / ".studytui-tmp-x.abc"  # not in a folder the app owns
    deeper.parent.mkdir()
    for path in (old, new, someone_elses, deeper):
        path.write_text("x")
    for path in (old, someone_elses, deeper):
        os.utime(path, (1, 1))
    log = ProgressLog(tmp_path)
    log.attempts()  # reads never clean up
    assert old.exists()
    log.set_read("x", True)  # the first write does
    assert not old.exists() and new.exists() and someone_elses.exists() and deeper.exists()


def test_settings_round_trip_and_damage(tmp_path):
    save_settings(tmp_path, Settings(theme="nord", last_section="x-y"))
    notices: list[str] = []
    loaded = load_settings(tmp_path, notices)
    assert (loaded.theme, loaded.last_section, notices) == ("nord", "x-y", [])
    atomic_write_text(tmp_path / "settings.json", "{not json")
    assert load_settings(tmp_path, notices) == Settings()
    assert "kept as" in notices[0]
    assert list(tmp_path.glob("settings.json.damaged-*"))


def test_settings_ignore_wrong_types(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps({"theme": 5, "keymap": {"a": "b"}}))
    loaded = load_settings(tmp_path, [])
    assert loaded.theme == Settings().theme and loaded.keymap == {"a": "b"}


def test_data_path_that_is_a_file_is_refused_and_left_alone(tmp_path):
    from studytui.cli import make_app
    from studytui.progress.folder import DataFolderError

    blocker = tmp_path / "file"
    blocker.write_text("mine")
    with pytest.raises(DataFolderError, match="is a file"):
        make_app(str(blocker))
    assert blocker.read_text() == "mine"
    assert not list(Path(tempfile.gettempdir()).glob("studytui-*"))



def test_a_cache_write_takes_pieces_and_skips_fsync_only_when_asked(tmp_path, monkeypatch):
    import os

    from studytui.fileio import atomic_write_bytes

    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    target = tmp_path / "search.index"
    atomic_write_bytes(target, (b"head\n", b"", b"body"), durable=False)
    assert target.read_bytes() == b"head\nbody" and synced == []
    atomic_write_bytes(target, b"again")  # progress files: file and folder synced
    assert target.read_bytes() == b"again" and len(synced) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["search.index"]  # no temp file left
