"""Whatever a person gets wrong on their own machine: flags, folders, files and answers.

Each test goes through the real entry point (a subprocess, as a user runs it) and checks
both what the user is told and that nothing of theirs was lost or replaced.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from studytui.progress import ProgressLog
from tests.conftest import PACK

SUBCOMMANDS = {  # each subcommand with arguments that make it do its work
    "validate": ["validate"],
    "stats": ["stats"],
    "export": ["export"],
    "search": ["search", "dlq"],
    "calc": ["calc", "wcu", "--item-kb", "1", "--per-second", "1"],
    "quiz": ["quiz", "--plain", "--count", "1", "--seed", "1"],
}


def run(*args: str, stdin: str | bytes = "", env: dict | None = None,
        user: str | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "studytui", *args]
    if user:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups",
                   *command]
    result = subprocess.run(command, input=stdin.encode() if isinstance(stdin, str) else stdin,
                            capture_output=True, env=env or os.environ.copy(), timeout=120)
    result.out = result.stdout.decode("utf-8", "replace")  # type: ignore[attr-defined]
    result.err = result.stderr.decode("utf-8", "replace")  # type: ignore[attr-defined]
    assert "Traceback" not in result.err, result.err
    assert "unexpected error" not in result.err, result.err
    return result


def one_attempt(folder: Path) -> None:
    log = ProgressLog(folder)
    log.record_attempt({"question": "iam-q001", "at": "2026-11-28T10:00:00+00:00",
                        "answer": [1], "correct": True, "seconds": 5.0, "mode": "practice",
                        "topic": "iam", "domain": 2})


# -- 1. global options before or after the subcommand ----------------------------------
@pytest.mark.parametrize("name", sorted(SUBCOMMANDS))
@pytest.mark.parametrize("where", ["before", "after"])
def test_data_dir_works_before_and_after_every_subcommand(name, where, tmp_path,
                                                          private_data_dir):
    chosen = tmp_path / "chosen"
    args = SUBCOMMANDS[name]
    options = ["--data-dir", str(chosen)]
    argv = [*options, *args] if where == "before" else [args[0], *options, *args[1:]]
    result = run(*argv, stdin="A\n")
    assert result.returncode == 0, result.err
    assert not private_data_dir.exists()  # the default folder was never used
    if name == "quiz":
        assert ProgressLog(chosen).attempts(), "the answer went to the chosen folder"


def test_content_before_and_after_the_subcommand_adds_up(tmp_path):
    second = tmp_path / "second"
    shutil.copytree(PACK, second)
    for kind in ("topics", "questions"):
        for path in (second / kind).iterdir():
            text = path.read_text().replace("alpha", "gamma").replace("beta", "delta")
            path.write_text(text)
    both = json.loads(run("--content", str(PACK), "validate", "--content", str(second),
                          "--json").out)
    bundled = json.loads(run("validate", "--json").out)
    assert both["topics"] == bundled["topics"] + 4
    assert [p["topics"] for p in both["packs"][1:]] == [2, 2]


# -- 2. writes touch only what is ours --------------------------------------------------
def test_export_writes_into_a_fifo_and_follows_a_symlink(tmp_path):
    one_attempt(Path(os.environ["STUDYTUI_DATA_DIR"]))
    target = tmp_path / "real.csv"
    target.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert run("export", "--output", str(link)).returncode == 0
    assert link.is_symlink() and target.read_text().startswith("at,question")

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    assert run("export", "--output", str(fifo)).returncode == 0
    assert reader.communicate(timeout=30)[0].startswith(b"at,question")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)

    assert run("export", "--output", "/dev/null").returncode == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_export_to_a_folder_names_the_path_given(tmp_path):
    result = run("export", "--output", str(tmp_path))
    assert result.returncode == 2
    assert str(tmp_path) in result.err and "folder" in result.err
    assert ".studytui-tmp" not in result.err


def test_cleanup_touches_only_our_temp_names_in_our_folders(private_data_dir):
    one_attempt(private_data_dir)
    theirs = [private_data_dir / ".tmp-mine", private_data_dir / "notes" / ".tmp-x",
              private_data_dir / "sub" / ".studytui-tmp-x"]
    for path in theirs:
        path.parent.mkdir(exist_ok=True)
        path.write_text("keep me")
        os.utime(path, (1, 1))
    for args in (["stats"], ["export"], ["quiz", "--plain", "--count", "1"]):
        run(*args, stdin="A\n")
    assert all(p.read_text() == "keep me" for p in theirs)


# -- 3. the data folder -----------------------------------------------------------------
def test_read_only_commands_never_create_the_data_folder(private_data_dir):
    for args in (["stats"], ["export"], ["stats", "--json"]):
        result = run(*args)
        assert result.returncode == 0
        assert "no history yet" in result.err and str(private_data_dir) in result.err
    assert not private_data_dir.exists()
    assert not list(Path(tempfile.gettempdir()).glob("studytui-*"))


def test_a_data_path_that_is_a_file_exits_2_naming_it(tmp_path):
    blocker = tmp_path / "data-file"
    blocker.write_text("not yours")
    for args in (["stats"], ["export"], ["quiz", "--plain"], []):
        result = run("--data-dir", str(blocker), *args)
        assert result.returncode == 2, args
        assert str(blocker) in result.err and "is a file" in result.err
    assert blocker.read_text() == "not yours"


def test_an_attempts_path_that_is_a_file_stops_the_quiz_before_the_first_question(
        private_data_dir):
    private_data_dir.mkdir()
    (private_data_dir / "attempts").write_text("mine")
    result = run("quiz", "--plain", "--count", "1", stdin="A\n")
    assert result.returncode == 2 and "Question 1" not in result.out
    assert str(private_data_dir / "attempts") in result.err
    assert (private_data_dir / "attempts").read_text() == "mine"


def _unprivileged_can_run() -> bool:
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        return os.geteuid() != 0
    probe = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                            sys.executable, "-c", "import studytui"], capture_output=True)
    return probe.returncode == 0


needs_unprivileged = pytest.mark.skipif(
    not _unprivileged_can_run(),
    reason="needs a user without write permission (setpriv to nobody, able to import "
           "studytui)")


@pytest.fixture
def read_only_history():
    """A data folder with one attempt that the unprivileged user can read, not write."""
    folder = Path(tempfile.mkdtemp(prefix="hostile-"))
    os.chmod(folder, 0o755)
    data = folder / "data"
    one_attempt(data)
    for path in [data, *data.rglob("*")]:
        os.chmod(path, 0o555 if path.is_dir() else 0o444)
    yield data
    shutil.rmtree(folder, ignore_errors=True)


@needs_unprivileged
def test_read_only_data_folder_reads_and_refuses_to_save(read_only_history):
    user = "65534" if os.geteuid() == 0 else None
    env = {**os.environ, "STUDYTUI_DATA_DIR": str(read_only_history),
           "STUDYTUI_CACHE_DIR": str(read_only_history.parent / "cache-ro")}
    stats = run("stats", "--json", env=env, user=user)
    assert stats.returncode == 0 and json.loads(stats.out)["attempts"] == 1
    exported = run("export", env=env, user=user)
    assert exported.returncode == 0 and len(exported.out.splitlines()) == 2
    quiz = run("quiz", "--plain", "--count", "1", stdin="A\n", env=env, user=user)
    assert quiz.returncode == 2 and "Question 1" not in quiz.out
    assert "cannot be saved" in quiz.err and str(read_only_history) in quiz.err
    assert len(ProgressLog(read_only_history).attempts()) == 1


# -- 4. content packs -------------------------------------------------------------------
def test_validate_names_every_pack_it_could_not_read(tmp_path):
    loose = tmp_path / "loose"
    loose.mkdir()
    shutil.copy(PACK / "topics" / "alpha.yaml", loose)
    capital = tmp_path / "capital"
    shutil.copytree(PACK / "topics", capital / "Topics")
    upper = tmp_path / "upper"
    (upper / "topics").mkdir(parents=True)
    shutil.copy(PACK / "topics" / "alpha.yaml", upper / "topics" / "alpha.YAML")
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    packs = [tmp_path / "missing", loose, capital, upper, a_file, loop]
    result = run("validate", *map(str, packs))
    assert result.returncode == 1
    lines = result.out.splitlines()
    for pack in packs:
        assert any(line.startswith(str(pack)) for line in lines), (pack, lines)
    assert "read 0 topics" in result.err
    env = {**os.environ, "STUDYTUI_CONTENT": os.pathsep.join(map(str, packs))}
    assert run("validate", env=env).returncode == 1


def test_an_unreadable_pack_is_skipped_by_every_other_command(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    (pack / "topics" / "alpha.yaml").write_text("id: [broken\n")
    for args in (["stats"], ["search", "dlq"], ["quiz", "--plain", "--count", "1"]):
        result = run("--content", str(pack), *args, stdin="")
        assert result.returncode == 0, (args, result.err)
        assert "content problem" in result.err


# -- 5. settings ------------------------------------------------------------------------
def test_bad_settings_are_dropped_with_a_warning_and_the_rest_kept(private_data_dir):
    private_data_dir.mkdir()
    settings = private_data_dir / "settings.json"
    settings.write_text(json.dumps({"desired_retention": 0, "daily_new_limit": "x",
                                    "theme": "nord", "keymap": {"topics.toggle_read": 5}}))
    result = run("quiz", "--plain", "--count", "3", "--seed", "2",
                 stdin="A\nA,B\nA,B,C\n" * 3)
    assert result.returncode == 0
    assert "'desired_retention'" in result.err and "settings.json" in result.err
    assert len(ProgressLog(private_data_dir).attempts()) == 3  # no answer lost
    assert json.loads(settings.read_text())["theme"] == "nord"  # the file is not rewritten


# -- 6. history -------------------------------------------------------------------------
def test_odd_records_and_stray_entries_never_stop_stats_or_export(private_data_dir):
    one_attempt(private_data_dir)
    day = private_data_dir / "attempts" / "2026-11-28.json"
    document = json.loads(day.read_text())
    document["attempts"]["2"] = {**document["attempts"]["1"], "at": "2026-11-29T10:00:00"}
    document["attempts"]["3"] = {**document["attempts"]["1"], "answer": 5}
    day.write_text(json.dumps(document))
    (private_data_dir / "attempts" / "2026-11-30.json").mkdir()
    (private_data_dir / "attempts" / "notes.txt").write_text("mine")
    stats = run("stats", "--json")
    assert stats.returncode == 0 and json.loads(stats.out)["attempts"] == 1
    assert "Skipped 2 attempt records" in stats.err and "notes.txt" in stats.err
    exported = run("export", "--format", "csv")
    assert exported.returncode == 0 and len(exported.out.splitlines()) == 2
    assert (private_data_dir / "attempts" / "notes.txt").read_text() == "mine"


def test_a_damaged_file_is_set_aside_and_said_on_stderr(private_data_dir):
    one_attempt(private_data_dir)
    (private_data_dir / "questions.json").write_text("{not json")
    for args in (["stats"], ["export"]):
        result = run(*args)
        assert result.returncode == 0
    kept = list(private_data_dir.glob("questions.json.damaged-*"))
    assert len(kept) == 1 and kept[0].read_text() == "{not json"
    first = run("stats")  # said by the command that found it
    assert first.returncode == 0


def test_damage_found_by_stats_is_reported_there(private_data_dir):
    one_attempt(private_data_dir)
    (private_data_dir / "notes.json").write_text("[1, 2")
    result = run("stats")
    assert "notes.json was damaged" in result.err and "kept as" in result.err


# -- 7. cache ---------------------------------------------------------------------------
def _current_cache(files: object) -> str:
    from studytui.content.cache import VERSION, checks_fingerprint

    return json.dumps({"version": VERSION, "checks": checks_fingerprint(), "files": files})


@pytest.mark.parametrize("cache_text", [_current_cache([]), _current_cache({"x": 5}),
                                        '[1, 2, 3]', "not json"])
def test_a_wrong_shaped_cache_is_rebuilt_never_a_failure(cache_text, tmp_path):
    cache = Path(os.environ["STUDYTUI_CACHE_DIR"])
    run("search", "dlq")  # builds the caches (topics, questions, pricing)
    cache_files = list(cache.glob("*-v*.json"))
    assert len(cache_files) == 3
    for cache_file in cache_files:
        cache_file.write_text(cache_text)
    for args in (["validate"], ["calc", "wcu", "--item-kb", "1", "--per-second", "1"],
                 ["search", "dlq"], ["quiz", "--plain", "--count", "1"]):
        assert run(*args, stdin=b"A\n").returncode == 0, args


def test_cached_data_of_the_wrong_shape_is_dropped_and_the_file_read_again():
    cache = Path(os.environ["STUDYTUI_CACHE_DIR"])
    run("search", "dlq")
    cache_files = list(cache.glob("*-v*.json"))
    assert len(cache_files) == 3
    for cache_file in cache_files:
        document = json.loads(cache_file.read_text())
        document["files"] = {digest: {"id": 5} for digest in document["files"]}
        cache_file.write_text(json.dumps(document))
    result = run("search", "--json", "dlq")
    assert result.returncode == 0 and json.loads(result.out)["hits"]
    priced = run("calc", "lambda", "--requests", "1000000", "--duration-ms", "100",
                 "--memory-mb", "512")
    assert priced.returncode == 0 and "$" in priced.out, priced.err


# -- 8. plain quiz answers --------------------------------------------------------------
def test_plain_quiz_asks_again_for_answers_of_the_wrong_shape():
    result = run("quiz", "--plain", "--count", "1", "--seed", "3", "--content", str(PACK),
                 "--topic", "beta", stdin=b"ab\n\xff\xfe\n" + b"A" * 100_000 + b"\nA\n")
    assert result.returncode == 0
    assert "takes ONE letter" in result.out and "not readable text" in result.out
    assert "far too long" in result.out
    assert result.out.count("Right.") + result.out.count("Wrong. The answer") == 1
    assert "Score: " in result.out


@pytest.mark.parametrize("name", ["questions.json", "notes.json", "attempts/2099-01-01.json"])
def test_a_folder_where_a_progress_file_belongs_is_left_alone(name, private_data_dir):
    one_attempt(private_data_dir)
    target = private_data_dir / name
    target.unlink(missing_ok=True)
    target.mkdir(parents=True)
    stats = run("stats", "--json")
    assert stats.returncode == 0
    if name == "attempts/2099-01-01.json":
        assert "2099-01-01.json" in stats.err  # named, ignored
        return
    quiz = run("quiz", "--plain", "--count", "1", stdin="A\nA,B\nA,B,C\n")
    assert quiz.returncode == 2 and "Question 1" not in quiz.out
    assert str(private_data_dir / name) in quiz.err and "not a file" in quiz.err
    assert (private_data_dir / name).is_dir()
