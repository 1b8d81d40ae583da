"""Chaos, fast versions (the long runs live in benchmarks/chaos.py): random keys, resize
storms, killed writers, two writers at once, hostile content."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studytui.cli import make_app
from studytui.content import load_library
from studytui.locations import bundled_content_dir
from studytui.progress import ProgressLog
from studytui.ui.help import HelpScreen
from tests.chaos_driver import answer_until, monkey_keys, storm_sizes


async def run_monkey(library, keys: list[str], size=(100, 30)) -> object:
    """Press every key; if a key path quits the app (the palette has a Quit command),
    start a fresh one and go on. Any exception fails the test when run_test exits."""
    remaining = list(keys)
    while True:
        app = make_app(library=library)
        async with app.run_test(size=size) as pilot:
            while remaining and app.is_running:
                await pilot.press(remaining.pop(0))
            if not remaining and app.is_running:
                await app.workers.wait_for_complete()
                await pilot.pause()
                # still answering: the help screen opens
                await pilot.press("escape", "escape", "escape")
                if app.screen.is_modal:
                    app.pop_screen()
                app.action_help()
                await pilot.pause()
                assert isinstance(app.screen, HelpScreen)
                return app
        assert app._exception is None
        if not remaining:
            return app


async def test_monkey_500_keys(pack_library):
    app = await run_monkey(pack_library, monkey_keys(500, seed=11))
    assert app._exception is None


async def test_resize_storm(pack_library):
    app = make_app(library=pack_library)
    async with app.run_test(size=(80, 24)) as pilot:
        for panel in ("1", "2", "3", "4", "5"):
            await pilot.press(panel)
            for width, height in storm_sizes(40, seed=ord(panel)):
                await pilot.resize_terminal(width, height)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.has_class("-too-small")
    assert app._exception is None


PLAIN = [sys.executable, "-m", "studytui", "quiz", "--plain", "--count", "1000"]


def test_killed_plain_quizzes_keep_every_printed_attempt(tmp_path):
    env = {**os.environ, "STUDYTUI_DATA_DIR": str(tmp_path)}
    rng = random.Random(5)
    printed = 0
    for _ in range(6):
        process = subprocess.Popen(PLAIN + ["--seed", str(rng.randrange(1000))], env=env,
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                   bufsize=1)
        answered = answer_until(process, time.monotonic() + rng.uniform(1.0, 2.5), rng)
        process.send_signal(signal.SIGKILL)
        process.wait()
        printed += answered
    log = ProgressLog(tmp_path)
    assert len(log.attempts()) >= printed > 0
    assert not log.notices  # nothing damaged


def test_two_plain_quizzes_at_once_lose_nothing(tmp_path):
    env = {**os.environ, "STUDYTUI_DATA_DIR": str(tmp_path)}
    # every question finds a reply of its shape within three lines (ONE, TWO, THREE)
    answers = "A\nA,B\nA,B,C\n" * 25
    runs = [subprocess.Popen(PLAIN[:-1] + ["25", "--seed", str(seed)], env=env,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            for seed in (1, 2)]
    outputs = [run.communicate(answers, timeout=120)[0] for run in runs]
    results = sum(o.count("Right.") + o.count("Wrong. The answer") for o in outputs)
    assert results == 50
    assert len(ProgressLog(tmp_path).attempts()) == 50


# -- hostile content ----------------------------------------------------------------------
SAMPLE = sorted((bundled_content_dir() / "topics").glob("*.yaml"))[:3]


def mutate(text: str, rng: random.Random, how: str) -> bytes:
    data = text.encode()
    if how == "truncate":
        return data[: rng.randrange(len(data))]
    if how == "binary":
        cut = rng.randrange(len(data))
        return data[:cut] + bytes(rng.randrange(256) for _ in range(40)) + data[cut:]
    if how == "huge":
        return data.replace(b"title:", b"title: '" + b"x" * 200_000 + b"'\n  old_title:", 1)
    if how == "deep":
        return b"id: x\n" + b"sections: " + b"[" * 5000 + b"]" * 5000 + b"\n"
    if how == "wrong-types":
        return data.replace(b"domains: [", b"domains: {a: [", 1).replace(b"tags:", b"tags: 7 #", 1)
    if how == "bomb":
        lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for i in range(1, 12):
            lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" +
                         ", ".join([f"*{chr(96 + i)}"] * 9) + "]")
        return "\n".join(lines).encode()
    lines = text.splitlines()  # shuffle lines
    rng.shuffle(lines)
    return "\n".join(lines).encode()


HOW = ["truncate", "binary", "huge", "deep", "wrong-types", "bomb", "shuffle"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.integers(0, 10**6), st.sampled_from(HOW), st.sampled_from(SAMPLE))
def test_fuzzed_content_is_reported_never_raised(tmp_path_factory, seed, how, source):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "topics").mkdir()
    target = folder / "topics" / f"fuzz-{source.name}"
    target.write_bytes(mutate(source.read_text(), random.Random(seed), how))
    library = load_library([folder])
    for problem in library.problems:
        assert problem.file.endswith(target.name) and problem.line >= 1 and problem.message


async def test_app_starts_with_a_hostile_pack(tmp_path):
    pack = tmp_path / "pack"
    (pack / "topics").mkdir(parents=True)
    rng = random.Random(3)
    for how in HOW:
        (pack / "topics" / f"{how}.yaml").write_bytes(mutate(SAMPLE[0].read_text(), rng, how))
    shutil.copy(SAMPLE[1], pack / "topics" / "copy.yaml")  # duplicate ids too
    app = make_app(content=[str(pack)])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.library.problems and app.library.topics
        await pilot.press("j", "enter", "2", *"lambda", "3", "5")
        await pilot.pause()
    assert app._exception is None
    result = subprocess.run([sys.executable, "-m", "studytui", "validate", str(pack)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert all(":" in line for line in result.stdout.splitlines())


@pytest.mark.parametrize("name", ["topics", "questions"])
def test_oversize_file_is_refused(tmp_path, name):
    folder = tmp_path / "pack"
    (folder / name).mkdir(parents=True)
    (folder / name / "big.yaml").write_text("x: '" + "y" * 1_200_000 + "'\n")
    library = load_library([folder])
    assert "limit" in library.problems[0].message
    assert Path(library.problems[0].file).name == "big.yaml"


def test_a_short_hostile_filesystem_chaos_run_loses_nothing():
    """The long run is `python benchmarks/chaos.py --hostile 40`; four rounds cover each
    kind once: a truncated file, a folder in a file's place, a bad cache, read-only."""
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "chaos.py"
    spec = importlib.util.spec_from_file_location("chaos_benchmark", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert "nothing lost" in module.hostile_fs(4, 11)
