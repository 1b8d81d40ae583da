"""The app, given the same hostile data folder as the shell: it says what it found and
loses nothing."""

from __future__ import annotations

import json

from textual.widgets import Static

from studytui.cli import make_app
from studytui.progress import ProgressLog


def notices_of(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def seed_one(folder) -> None:
    ProgressLog(folder).record_attempt({
        "question": "alpha-q001", "at": "2026-11-28T10:00:00+00:00", "answer": [0],
        "correct": True, "seconds": 4.0, "mode": "practice", "topic": "alpha", "domain": 1})


async def test_bad_settings_are_named_in_a_notice_and_the_rest_kept(pack_library,
                                                                     private_data_dir):
    private_data_dir.mkdir()
    (private_data_dir / "settings.json").write_text(json.dumps({
        "theme": "no-such-theme", "desired_retention": 0,
        "keymap": {"topics.toggle_read": "x", "not.a.binding": "y", "quiz.skip": 7}}))
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        said = "\n".join(notices_of(app))
        for key in ("'desired_retention'", "'not.a.binding'", "'quiz.skip'",
                    "'no-such-theme'"):
            assert key in said, (key, said)
        await pilot.press("x")  # the sound keymap entry still applies
        await app.workers.wait_for_complete()
        assert "alpha-basics" in app.read_sections
    assert app.settings.desired_retention == 0.9


async def test_odd_records_and_stray_entries_show_in_progress_with_a_notice(
        pack_library, private_data_dir):
    seed_one(private_data_dir)
    day = private_data_dir / "attempts" / "2026-11-28.json"
    document = json.loads(day.read_text())
    document["attempts"]["2"] = {**document["attempts"]["1"], "at": "2026-11-28T10:00:00"}
    day.write_text(json.dumps(document))
    (private_data_dir / "attempts" / "2026-11-30.json").mkdir()
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        readiness = str(app.query_one("#progress-readiness", Static).content)
        assert "Reading your history" not in readiness and "(1 so far)" in readiness
        said = "\n".join(notices_of(app))
        assert "Skipped 1 attempt record " in said and "2026-11-30.json" in said


async def test_a_data_folder_that_cannot_take_files_is_said_at_start(pack_library, tmp_path,
                                                                       monkeypatch):
    from studytui.progress import folder as folder_module

    data = tmp_path / "ro"
    seed_one(data)

    def refuse(*_args, **_kwargs):
        raise folder_module.DataFolderError(f"progress cannot be saved in {data} "
                                            f"(Read-only file system)")

    # root ignores permission bits; a read-only mount is what this stands for
    monkeypatch.setattr(folder_module, "ensure_writable", refuse)  # read at each use
    app = make_app(str(data), library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("cannot be saved" in n and str(data) in n for n in notices_of(app))
        await pilot.press("m")  # a write: refused with a notice, nothing else changes
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert sum("cannot be saved" in n for n in notices_of(app)) >= 2
    assert len(ProgressLog(data).attempts()) == 1


async def test_questions_read_after_the_first_frame_still_say_their_problems(tmp_path):
    """The app draws from the topics and reads the question files just after: a broken
    question file is still named in a notice, and a pane opened at once has the rest."""
    import shutil

    from tests.conftest import PACK, settle

    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    (pack / "questions" / "broken.yaml").write_text("topic: alpha\nquestions: [unclosed\n")
    app = make_app(content=[str(pack)])
    assert app.library._deferred  # nothing of the questions read yet
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")  # the Quiz pane at once, before the warm-up reads them
        await settle(pilot)
        said = "\n".join(notices_of(app))
        assert "1 content problem" in said, said
        assert any(q.id.startswith("alpha-") for q in app.library.questions)
        assert any(p.file.endswith("broken.yaml") for p in app.library.problems)
