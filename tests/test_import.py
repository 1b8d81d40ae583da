"""`studytui import PATH`: one history from two machines, safely and only once."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from studytui.commands import main
from studytui.progress import ProgressLog
from studytui.progress.merge import attempt_id
from studytui.quiz.schedule import Planner

ROOT = Path(__file__).resolve().parent.parent


def attempt(n: int, day: int, question: str, with_id: bool = True, **extra) -> dict:
    record = {"question": question, "at": f"2026-11-{day:02d}T09:{n // 60 % 60:02d}:"
                                          f"{n % 60:02d}+00:00",
              "answer": [n % 4], "correct": n % 3 != 0, "seconds": 5.0 + n % 30,
              "mode": "practice", "topic": "dynamodb", "domain": 1, **extra}
    return {"id": f"id-{n:05d}", **record} if with_id else record


def history(folder: Path, records: list[dict], read: tuple[str, ...] = (),
            exams: tuple[dict, ...] = ()) -> ProgressLog:
    """A data folder as the app leaves it: each record saved with a planner."""
    log = ProgressLog(folder)
    planner = Planner()
    for record in records:
        log.record_attempt(record, planner)
    for section in read:
        log.set_read(section, True)
    for exam in exams:
        log.record_exam(exam)
    return log


def run_import(*argv: str, capsys) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "unexpected error" not in err, err
    return code, out, err


def files_of(folder: Path) -> dict[str, bytes]:
    """Every progress file's bytes (not the lock, backups or set-aside copies)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.json"))}


def ids_by_day(folder: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted((folder / "attempts").glob("*.json")):
        docs = json.loads(path.read_bytes())["attempts"].values()
        found[path.stem] = {attempt_id(d) for d in docs}
    return found


def without_card_ids(state: dict) -> dict:
    """A state without what FSRS makes up: card ids (a creation stamp) and due times
    (fuzzed at random around the interval; stability and difficulty are exact)."""
    clean = dict(state)
    for key in ("card", "card_before"):
        if isinstance(clean.get(key), dict):
            clean[key] = {k: v for k, v in clean[key].items() if k not in ("card_id", "due")}
    return clean


@pytest.fixture
def two_machines(tmp_path):
    """A desktop and a laptop that share some answers (copied once) and each have their
    own since; old records without an id are shared too."""
    shared = [attempt(n, 1 + n % 3, f"q{n % 5}", with_id=n % 2 == 0) for n in range(12)]
    desktop_own = [attempt(100 + n, 2 + n % 4, f"q{n % 7}") for n in range(10)]
    laptop_own = [attempt(200 + n, 3 + n % 4, f"q{n % 6}", with_id=n % 3 != 0)
                  for n in range(10)]
    desktop, laptop = tmp_path / "desktop", tmp_path / "laptop"
    history(desktop, shared, read=("b",),  # then copied to the laptop
            exams=({"at": "2026-11-02T12:00:00+00:00", "score": 700},))
    shutil.copytree(desktop, laptop)
    history(desktop, desktop_own, read=("a",))
    history(laptop, laptop_own, read=("c",),
            exams=({"id": "exam-2", "at": "2026-11-05T12:00:00+00:00", "score": 800},))
    return desktop, laptop, shared + desktop_own + laptop_own


def test_two_folders_merge_to_the_union_and_a_second_import_adds_nothing(two_machines,
                                                                          capsys):
    desktop, laptop, union = two_machines
    laptop_before = files_of(laptop)
    code, out, err = run_import("--data-dir", str(desktop), "import", str(laptop),
                                capsys=capsys)
    assert code == 0, err
    assert f"Imported {laptop} into {desktop}" in out
    assert "added 10 attempts" in out and "skipped (already here) 12 attempts" in out
    assert "1 read mark" in out and "1 exam result," not in out  # one new exam
    log = ProgressLog(desktop)
    merged = log.attempts()
    assert sorted(attempt_id(a) for a in merged) == sorted(attempt_id(a) for a in union)
    assert log.read_sections() == {"a", "b", "c"}
    assert sorted(e["at"] for e in log.exams()) == ["2026-11-02T12:00:00+00:00",
                                                    "2026-11-05T12:00:00+00:00"]
    assert files_of(laptop) == laptop_before  # the source is only read

    # the state of every question is what saving the merged answers in time order gives
    reference = history(desktop.parent / "reference", sorted(merged, key=lambda a: a["at"]))
    expected = reference.question_states()
    states = log.question_states()
    assert states.keys() == expected.keys()
    for question, state in states.items():
        assert without_card_ids(state) == without_card_ids(expected[question]), question
    assert not log.notices

    after_first = files_of(desktop)
    code, out, _ = run_import("import", str(laptop), "--data-dir", str(desktop),
                              capsys=capsys)
    assert code == 0
    assert "added 0 attempts" in out and "nothing new" in out
    assert files_of(desktop) == after_first  # not one file rewritten


def test_the_other_way_round_gives_the_same_history(two_machines, capsys):
    desktop, laptop, union = two_machines
    assert run_import("--data-dir", str(laptop), "import", str(desktop), capsys=capsys)[0] == 0
    assert run_import("--data-dir", str(desktop), "import", str(laptop), capsys=capsys)[0] == 0
    one, other = ProgressLog(desktop), ProgressLog(laptop)
    assert ids_by_day(desktop) == ids_by_day(laptop)
    assert len(one.attempts()) == len(union)
    assert one.read_sections() == other.read_sections()
    for question, state in one.question_states().items():
        assert without_card_ids(state) == without_card_ids(other.question_states()[question])


def test_a_json_export_is_a_source(two_machines, tmp_path, capsys):
    desktop, laptop, union = two_machines
    exported = tmp_path / "laptop.json"
    assert main(["--data-dir", str(laptop), "export", "--format", "json", "--output",
                 str(exported)]) == 0
    code, out, _ = run_import("--data-dir", str(desktop), "import", str(exported),
                              capsys=capsys)
    assert code == 0 and "added 10 attempts" in out
    assert len(ProgressLog(desktop).attempts()) == len(union)
    # an export of the merged history brings nothing new back
    again = tmp_path / "desktop.json"
    main(["--data-dir", str(desktop), "export", "--format", "json", "--output", str(again)])
    capsys.readouterr()
    code, out, _ = run_import("--data-dir", str(laptop), "import", str(again), capsys=capsys)
    assert code == 0 and "added 10 attempts" in out
    assert ids_by_day(laptop) == ids_by_day(desktop)


def test_a_conflict_copy_of_a_day_file_is_a_source(two_machines, capsys):
    desktop, laptop, _ = two_machines
    copy = desktop / "attempts" / "2026-11-04.sync-conflict-20261104-101010-ABCDEFG.json"
    shutil.copy(laptop / "attempts" / "2026-11-04.json", copy)
    code, out, _ = run_import("--data-dir", str(desktop), "import", str(copy), capsys=capsys)
    assert code == 0
    assert ids_by_day(desktop)["2026-11-04"] >= ids_by_day(laptop)["2026-11-04"]


@pytest.mark.parametrize("damage", [b"", b"{\"attempts\": {\"1\": {\"question\"", b"[1, 2",
                                    b"\x00\xff\xfe garbage", b"{\"attempts\": [1, 2]}", b"7"])
def test_a_damaged_export_file_is_reported_and_the_target_untouched(two_machines, tmp_path,
                                                                    capsys, damage):
    desktop, _, _ = two_machines
    before = files_of(desktop)
    bad = tmp_path / "broken.json"
    bad.write_bytes(damage)
    code, out, err = run_import("--data-dir", str(desktop), "import", str(bad), capsys=capsys)
    assert code == 1
    assert str(bad) in err and "nothing in it was imported" in err
    assert "Nothing imported" in out and str(desktop) in out
    assert files_of(desktop) == before
    assert bad.read_bytes() == damage  # never set aside or repaired: it is not ours


def test_a_damaged_file_in_a_source_folder_is_skipped_the_rest_merged(two_machines,
                                                                      capsys):
    desktop, laptop, _ = two_machines
    broken = laptop / "attempts" / "2026-11-06.json"
    broken.write_bytes(broken.read_bytes()[:40])
    (laptop / "notes.json").write_text("{not json")
    before_days = ids_by_day(desktop)
    code, out, err = run_import("--data-dir", str(desktop), "import", str(laptop),
                                capsys=capsys)
    assert code == 1
    assert str(broken) in err and str(laptop / "notes.json") in err
    assert "skipped (damaged or unreadable) 2 files" in out
    after = ids_by_day(desktop)
    assert after.get("2026-11-06", set()) == before_days.get("2026-11-06", set())
    assert after["2026-11-04"] > before_days["2026-11-04"]  # the sound days came in
    assert ProgressLog(desktop).read_sections() == {"a", "b"}
    assert broken.exists() and not list(laptop.rglob("*.damaged-*"))


def test_odd_records_are_counted_not_imported(tmp_path, capsys):
    source = tmp_path / "odd.json"
    good = attempt(1, 1, "q1")
    source.write_text(json.dumps([good, {"question": "q2", "at": "yesterday"},
                                  {**good, "id": "naive", "at": "2026-11-01T10:00:00"},
                                  {**good, "id": "r9", "rating": 9}, "text",
                                  {**good, "id": "basic", "at": "20261101T100000+0000"}]))
    target = tmp_path / "target"
    code, out, _ = run_import("--data-dir", str(target), "import", str(source), capsys=capsys)
    assert code == 0
    assert "added 2 attempts" in out and "could not be read) 4 records" in out
    assert [p.name for p in (target / "attempts").iterdir() if p.suffix == ".json"] == \
        ["2026-11-01.json"]
    state = ProgressLog(target).question_states()["q1"]
    assert state["seen"] == 2 and state["rating"] in (1, 2, 3, 4)


def test_user_mistakes_exit_2_naming_the_path(two_machines, tmp_path, capsys):
    desktop, _, _ = two_machines
    before = files_of(desktop)
    with pytest.raises(SystemExit) as stop:
        main(["--data-dir", str(desktop), "import"])
    assert stop.value.code == 2
    assert "PATH" in capsys.readouterr().err
    missing = tmp_path / "no-such-folder"
    code, _, err = run_import("--data-dir", str(desktop), "import", str(missing),
                              capsys=capsys)
    assert code == 2 and str(missing) in err and "does not exist" in err
    code, _, err = run_import("--data-dir", str(desktop), "import", str(desktop),
                              capsys=capsys)
    assert code == 2 and "is the data folder being imported into" in err
    link = tmp_path / "same-folder"
    link.symlink_to(desktop)
    code, _, err = run_import("--data-dir", str(desktop), "import", str(link), capsys=capsys)
    assert code == 2 and str(link) in err
    stranger = tmp_path / "photos"
    stranger.mkdir()
    (stranger / "cat.jpg").write_bytes(b"\xff\xd8")
    code, _, err = run_import("--data-dir", str(desktop), "import", str(stranger),
                              capsys=capsys)
    assert code == 2 and str(stranger) in err and "not a studytui data folder" in err
    assert files_of(desktop) == before


def test_data_dir_works_before_or_after_the_subcommand(two_machines, capsys):
    desktop, laptop, _ = two_machines
    for argv in (["--data-dir", str(desktop), "import", str(laptop)],
                 ["import", str(laptop), "--data-dir", str(desktop)],
                 ["import", "--data-dir", str(desktop), str(laptop)]):
        code, out, _ = run_import(*argv, capsys=capsys)
        assert code == 0 and f"into {desktop}:" in out


def test_new_attempts_carry_an_id():
    from studytui.content import load_library
    from studytui.quiz.engine import QuizFilter, QuizSession, select_questions
    from tests.conftest import PACK

    questions = select_questions(load_library([PACK]), QuizFilter(count=2, seed=1))
    session = QuizSession(questions, seed=1)
    ids = {session.answer([0])[1]["id"] for _ in questions}
    assert len(ids) == 2 and all(len(i) == 32 for i in ids)


def _unprivileged_can_run() -> bool:
    if os.geteuid() != 0:
        return True
    if not shutil.which("setpriv"):
        return False
    probe = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                            sys.executable, "-c", "import studytui"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _unprivileged_can_run(), reason="needs a user without write "
                                                        "permission (setpriv to nobody)")
def test_a_read_only_target_says_so_before_anything(two_machines):
    desktop, laptop, _ = two_machines
    base = Path(tempfile.mkdtemp(prefix="import-ro-"))
    try:
        os.chmod(base, 0o755)
        target, source = base / "target", base / "source"
        shutil.copytree(desktop, target)
        shutil.copytree(laptop, source)
        for path in [target, *target.rglob("*"), source, *source.rglob("*")]:
            os.chmod(path, 0o555 if path.is_dir() else 0o444)
        before = files_of(target)
        command = [sys.executable, "-m", "studytui", "--data-dir", str(target), "import",
                   str(source)]
        if os.geteuid() == 0:
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                       *command]
        env = {**os.environ, "STUDYTUI_CACHE_DIR": str(base / "cache")}
        result = subprocess.run(command, capture_output=True, text=True, env=env,
                                cwd=ROOT, timeout=60)
        assert result.returncode == 2, result.stderr
        assert "cannot be saved" in result.stderr and str(target) in result.stderr
        assert "Traceback" not in result.stderr and result.stdout == ""
        assert files_of(target) == before
    finally:
        for path in [base, *base.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                os.chmod(path, 0o755)
        shutil.rmtree(base, ignore_errors=True)


# -- killed midway ------------------------------------------------------------------------
def write_folder(folder: Path, records: list[dict]) -> None:
    """A data folder written directly (fast), as many days as the records span."""
    (folder / "attempts").mkdir(parents=True)
    by_day: dict[str, dict] = {}
    for record in records:
        docs = by_day.setdefault(record["at"][:10], {})
        docs[str(len(docs) + 1)] = record
    for day, docs in by_day.items():
        (folder / "attempts" / f"{day}.json").write_text(json.dumps({"attempts": docs}))


def big_records(count: int, seed: int, first: int = 0) -> list[dict]:
    rng = random.Random(seed)
    records = []
    for n in range(first, first + count):
        day = f"2025-{1 + n // 40 % 12:02d}-{1 + n // 480 % 28:02d}"
        records.append({"id": f"r{n:06d}", "question": f"q{rng.randrange(300)}",
                        "at": f"{day}T10:{n // 60 % 60:02d}:{n % 60:02d}+00:00",
                        "answer": [rng.randrange(4)], "correct": rng.random() < 0.7,
                        "seconds": rng.uniform(3, 100), "mode": "practice"})
    return records


def test_killing_the_import_midway_leaves_each_file_as_before_or_after(tmp_path):
    """As tests/test_chaos.py kills quizzes: SIGKILL at random moments; every day file
    must then load and hold the old or the new attempt set, and importing again must
    finish the job (states included)."""
    target, source = tmp_path / "target", tmp_path / "source"
    write_folder(target, big_records(3000, seed=1))
    write_folder(source, big_records(3000, seed=1)[::3] + big_records(9000, seed=2,
                                                                      first=3000))
    before = ids_by_day(target)
    env = {**os.environ, "STUDYTUI_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "studytui", "import", str(source), "--data-dir"]

    def start(folder: Path) -> tuple[subprocess.Popen, float]:
        """Run the import on `folder`; return it once it has written its first file, and
        when that was (start-up time varies with the machine's load)."""
        listing = sorted(os.listdir(folder / "attempts"))
        process = subprocess.Popen([*command, str(folder)], env=env, cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while process.poll() is None and sorted(os.listdir(folder / "attempts")) == listing:
            time.sleep(0.005)
        return process, time.monotonic()

    done = tmp_path / "done"
    shutil.copytree(target, done)
    process, writing = start(done)
    assert process.wait(timeout=300) == 0
    span = time.monotonic() - writing  # from the first write to the end
    after = ids_by_day(done)
    expected_states = ProgressLog(done).question_states()
    assert after != before and (done / "questions.json").exists()
    rng = random.Random(7)
    cut_anywhere = 0
    for trial in range(6):
        victim = tmp_path / f"killed-{trial}"
        shutil.copytree(target, victim)
        process, _ = start(victim)
        time.sleep(rng.uniform(0.0, span))
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = ids_by_day(victim)  # every day file is whole JSON
        for day, ids in now.items():
            assert ids in (before.get(day, set()), after[day]), (trial, day)
        # mid-way: some days merged, or all of them but not yet the state they feed
        if now != after or not (victim / "questions.json").exists():
            cut_anywhere += 1
        log = ProgressLog(victim)
        log.attempts()
        log.question_states()
        assert not log.notices, log.notices  # nothing damaged, nothing set aside
        # importing again completes the merge: the same attempts and states as one run
        subprocess.run([*command, str(victim)], check=True, capture_output=True, env=env,
                       cwd=ROOT)
        assert ids_by_day(victim) == after
        states = ProgressLog(victim).question_states()
        assert {q: without_card_ids(s) for q, s in states.items()} == \
               {q: without_card_ids(s) for q, s in expected_states.items()}
    assert cut_anywhere >= 1  # at least one kill landed in the middle of the merge
