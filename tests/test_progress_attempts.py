"""The attempt log: round trip, partitioning, concurrency, kills and damage."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time

from studytui.progress import ProgressLog
from studytui.progress.stats import attempt_stats, export_attempts


def attempt(i: int, day: str = "2026-11-26", correct: bool = True, question: str = "q1"):
    return {"question": question, "at": f"{day}T10:00:{i % 60:02d}+00:00", "answer": [0],
            "correct": correct, "seconds": 1.5, "mode": "practice", "topic": "t",
            "domain": 1}


def test_round_trip_partition_and_state(tmp_path):
    log = ProgressLog(tmp_path)
    log.record_attempt(attempt(1, "2026-11-25", False))
    log.record_attempt(attempt(2, "2026-11-26"))
    log.record_attempt(attempt(3, "2026-11-26", question="q2"))
    assert [p.name for p in log.attempt_files()] == ["2026-11-25.json", "2026-11-26.json"]
    again = ProgressLog(tmp_path)
    assert [a["at"][:10] for a in again.attempts()] == ["2026-11-25", "2026-11-26",
                                                        "2026-11-26"]
    states = again.question_states()
    assert states["q1"]["seen"] == 2 and states["q1"]["correct"] == 1
    assert states["q1"]["last_correct"] is True and states["q2"]["seen"] == 1
    stats = attempt_stats(again.attempts())
    assert (stats["attempts"], stats["correct"], stats["accuracy"]) == (3, 2, 0.6667)
    assert stats["by_domain"]["1"]["attempts"] == 3
    csv_text = export_attempts(again.attempts(), "csv")
    assert csv_text.splitlines()[0].startswith("at,question,topic")
    assert len(json.loads(export_attempts(again.attempts(), "json"))) == 3


def _writer(folder: str, tag: str, count: int) -> None:
    log = ProgressLog(folder)
    for i in range(count):
        log.record_attempt(attempt(i, question=f"{tag}-{i}"))


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(tmp_path), tag, 40))
               for tag in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    log = ProgressLog(tmp_path)
    questions = {a["question"] for a in log.attempts()}
    assert len(questions) == 80
    assert len(log.question_states()) == 80


KILL_SCRIPT = """
import sys
from studytui.progress import ProgressLog
log = ProgressLog(sys.argv[1])
i = 0
while True:
    log.record_attempt({"question": f"k{i}", "at": "2026-11-26T10:00:00+00:00",
                        "answer": [0], "correct": True, "seconds": 1.0, "mode": "plain",
                        "topic": "t", "domain": 1, "pad": "x" * 2000})
    print(i, flush=True)
    i += 1
"""


def test_a_writer_killed_midway_leaves_a_readable_log(tmp_path):
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    for round_ in range(5):
        process = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(tmp_path)],
                                   stdout=subprocess.PIPE, text=True, env=env)
        confirmed = -1
        deadline = time.monotonic() + 0.3 + 0.1 * round_
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if line.strip().isdigit():
                confirmed = int(line)
        process.send_signal(signal.SIGKILL)
        process.wait()
        log = ProgressLog(tmp_path)
        saved = {a["question"] for a in log.attempts()}
        assert {f"k{i}" for i in range(confirmed + 1)} <= saved  # every printed one is kept
        assert not log.notices  # nothing was damaged


def test_damaged_day_file_is_kept_and_previous_version_restored(tmp_path):
    log = ProgressLog(tmp_path)
    log.record_attempt(attempt(1))
    log.record_attempt(attempt(2))
    day = tmp_path / "attempts" / "2026-11-26.json"
    day.write_bytes(b'{"attempts": {"1": ')  # truncated
    fresh = ProgressLog(tmp_path)
    assert len(fresh.attempts()) == 1  # the version before the last write
    kept = list((tmp_path / "attempts").glob("2026-11-26.json.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b'{"attempts": {"1": '
    assert "damaged" in fresh.notices[0]
    fresh.record_attempt(attempt(3))  # and it keeps working
    assert len(ProgressLog(tmp_path).attempts()) == 2


async def test_app_reports_a_damaged_history_file_at_start(tmp_path, pack_library):
    from studytui.cli import make_app
    from tests.conftest import settle

    log = ProgressLog(tmp_path)
    log.record_attempt(attempt(1))
    (tmp_path / "questions.json").write_bytes(b"\x00\x01 not json")
    app = make_app(str(tmp_path), library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("questions.json was damaged" in m and ".damaged-" in m for m in messages)
    assert list(tmp_path.glob("questions.json.damaged-*"))


def test_two_logs_taking_turns_see_each_others_answers(tmp_path):
    # each log reuses the documents it last wrote: the other's writes must still count
    first, second = ProgressLog(tmp_path), ProgressLog(tmp_path)
    for i in range(6):
        (first if i % 2 == 0 else second).record_attempt(attempt(i))
    assert len(ProgressLog(tmp_path).attempts()) == 6
    assert ProgressLog(tmp_path).question_states()["q1"]["seen"] == 6


def test_a_failed_save_leaves_nothing_behind_for_the_next(tmp_path, monkeypatch):
    import pytest

    from studytui.progress import storage

    log = ProgressLog(tmp_path)
    log.record_attempt(attempt(1))
    real_write = storage.atomic_write_bytes

    def disk_full(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage, "atomic_write_bytes", disk_full)
    with pytest.raises(OSError):
        log.record_attempt(attempt(2))
    monkeypatch.setattr(storage, "atomic_write_bytes", real_write)
    log.record_attempt(attempt(3))
    fresh = ProgressLog(tmp_path)
    assert [a["at"][-11:-6] for a in fresh.attempts()] == ["00:01", "00:03"]
    assert fresh.question_states()["q1"]["seen"] == 2


def test_reused_documents_stay_few_over_many_days(tmp_path):
    from studytui.progress.storage import WrittenDocuments

    log = ProgressLog(tmp_path)
    for day in range(1, 10):
        log.record_attempt(attempt(day, f"2026-11-{day:02d}"))
    kept = log._written._entries
    assert len(kept) == WrittenDocuments.LIMIT
    assert tmp_path / "questions.json" in kept  # the file every save reads survives
    assert len(ProgressLog(tmp_path).attempts()) == 9
