"""Long chaos runs (the test suite has short ones):

    python benchmarks/chaos.py [--keys 20000] [--resizes 200] [--kills 50]

- monkey: random keys across every pane, then `?` must still open the help;
- resize storm: random sizes from 20x5 to 250x80;
- kill: plain-mode quizzes killed with SIGKILL at random moments; the log must open
  cleanly and hold every attempt whose result line was printed;
- two plain quizzes answering at once: no attempt lost;
- hostile filesystem: a read-only folder (when an unprivileged user is at hand), a folder
  where a progress file belongs, truncated progress files, a wrong-shaped cache: every
  command answers without a crash, and every answer saved before is still on disk (in
  place, or in the damaged copy kept aside).
Prints one line per run and exits non-zero if any check fails.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from tests.chaos_driver import answer_until, monkey_keys, storm_sizes  # noqa: E402


async def monkey(count: int, seed: int) -> str:
    from studytui.cli import make_app
    from studytui.ui.help import HelpScreen

    remaining, restarts = monkey_keys(count, seed), 0
    with tempfile.TemporaryDirectory() as data:
        while True:
            app = make_app(data)
            async with app.run_test(size=(100, 30)) as pilot:
                while remaining and app.is_running:
                    await pilot.press(remaining.pop(0))
                if app.is_running:
                    while app.screen.is_modal:
                        app.pop_screen()
                    app.action_help()
                    await pilot.pause()
                    ok = isinstance(app.screen, HelpScreen)
            if app._exception is not None:
                raise AssertionError(f"exception after {count - len(remaining)} keys: "
                                     f"{app._exception!r}")
            if not remaining:
                if not ok:
                    raise AssertionError("help did not open after the monkey run")
                return f"monkey: {count} keys, {restarts} restart(s) (palette Quit), help OK"
            restarts += 1


async def resize(count: int, seed: int) -> str:
    from studytui.cli import make_app

    with tempfile.TemporaryDirectory() as data:
        app = make_app(data)
        async with app.run_test(size=(80, 24)) as pilot:
            for i, (width, height) in enumerate(storm_sizes(count, seed)):
                if i % 40 == 0:
                    await pilot.press("12345"[i // 40 % 5])
                await pilot.resize_terminal(width, height)
    if app._exception is not None:
        raise AssertionError(repr(app._exception))
    return f"resize storm: {count} sizes, no exception"


def kills(count: int, seed: int) -> str:
    from studytui.progress import ProgressLog

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "STUDYTUI_DATA_DIR": data}
        printed = 0
        for _ in range(count):
            process = subprocess.Popen(
                [sys.executable, "-m", "studytui", "quiz", "--plain", "--count", "300",
                 "--seed", str(rng.randrange(10**6))], env=env, stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, text=True, bufsize=1, cwd=ROOT)
            printed += answer_until(process, time.monotonic() + rng.uniform(0.3, 3.0), rng,
                                    ("A", "B", "C", "D", "A,B", ""))
            process.send_signal(signal.SIGKILL)
            process.wait()
        log = ProgressLog(Path(data))
        saved = len(log.attempts())
        if saved < printed or log.notices:
            raise AssertionError(f"{printed} printed, {saved} saved, notices {log.notices}")
        return f"kill: {count} runs killed, {printed} results printed, {saved} saved, log clean"


def two_at_once(answers: int) -> str:
    from studytui.progress import ProgressLog

    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "STUDYTUI_DATA_DIR": data}
        runs = [subprocess.Popen([sys.executable, "-m", "studytui", "quiz", "--plain",
                                  "--count", str(answers), "--seed", str(seed)], env=env,
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                 cwd=ROOT) for seed in (1, 2)]
        with ThreadPoolExecutor(2) as pool:  # both answer at the same time
            # every question finds a reply of its shape within three lines
            list(pool.map(lambda run: run.communicate("A\nA,B\nA,B,C\n" * answers,
                                                      timeout=600), runs))
        saved = len(ProgressLog(Path(data)).attempts())
        if saved != 2 * answers:
            raise AssertionError(f"{saved} saved of {2 * answers}")
        return f"two writers: {2 * answers} answers, {saved} saved"


def _studytui(args: list[str], env: dict[str, str], stdin: str = "",
              user: str | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "studytui", *args]
    if user:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups",
                   *command]
    return subprocess.run(command, input=stdin, capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=300)


def _answers_on_disk(folder: Path) -> int:
    """Attempt records in every day file and every damaged copy kept aside: what was
    saved, wherever the app put it."""
    count = 0
    for path in (folder / "attempts").glob("*.json*"):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            count += path.read_text(encoding="utf-8", errors="replace").count('"question"')
            continue
        if isinstance(document, dict) and isinstance(document.get("attempts"), dict):
            count += len(document["attempts"])
    return count


def hostile_fs(rounds: int, seed: int) -> str:
    """Each round: a history of answers, one hostile change, then every command."""
    rng = random.Random(seed)
    checks = 0
    for round_ in range(rounds):
        with tempfile.TemporaryDirectory() as tmp:
            os.chmod(tmp, 0o755)
            data, cache = Path(tmp) / "data", Path(tmp) / "cache"
            env = {**os.environ, "STUDYTUI_DATA_DIR": str(data),
                   "STUDYTUI_CACHE_DIR": str(cache)}
            _studytui(["quiz", "--plain", "--count", "12", "--seed", str(round_)], env,
                      "A\nA,B\nA,B,C\n" * 12)
            _studytui(["search", "dlq"], env)  # builds the cache
            saved = _answers_on_disk(data)
            how = ["truncate", "folder", "cache", "read-only"][round_ % 4]
            user = None
            if how == "truncate":
                victim = rng.choice([p for p in data.rglob("*.json") if p.is_file()])
                raw = victim.read_bytes()
                victim.write_bytes(raw[: rng.randrange(len(raw))])
            elif how == "folder":
                victim = data / rng.choice(["questions.json", "notes.json", "exams.json"])
                victim.unlink(missing_ok=True)
                victim.mkdir()
            elif how == "cache":
                for path in cache.glob("*.json"):
                    path.write_text(rng.choice(['[1]', '{"version": 1, "files": []}',
                                                '{"version": 1, "files": {"x": 5}}']))
            elif os.geteuid() == 0 and shutil.which("setpriv"):
                for path in [data, *data.rglob("*")]:
                    os.chmod(path, 0o555 if path.is_dir() else 0o444)
                os.chmod(cache, 0o777)
                user = "65534"
            for args in (["stats"], ["export"], ["search", "dlq"], ["validate"],
                         ["quiz", "--plain", "--count", "3", "--seed", "9"]):
                result = _studytui(args, env, "A\nA,B\nA,B,C\n" * 3, user)
                checks += 1
                if "Traceback" in result.stderr or "unexpected error" in result.stderr:
                    raise AssertionError(f"{how}: {args}: {result.stderr[-300:]}")
                if result.returncode not in (0, 2):
                    raise AssertionError(f"{how}: {args} exited {result.returncode}")
            after = _answers_on_disk(data)
            if after < saved:
                raise AssertionError(f"{how}: {saved} answers on disk before, {after} after")
    return f"hostile filesystem: {rounds} rounds, {checks} commands, no crash, nothing lost"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keys", type=int, default=20_000)
    parser.add_argument("--resizes", type=int, default=200)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--hostile", type=int, default=40, help="hostile-filesystem rounds")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    failures = 0
    for name, job in (("monkey", lambda: asyncio.run(monkey(args.keys, args.seed))),
                      ("resize", lambda: asyncio.run(resize(args.resizes, args.seed))),
                      ("kill", lambda: kills(args.kills, args.seed)),
                      ("two", lambda: two_at_once(100)),
                      ("hostile", lambda: hostile_fs(args.hostile, args.seed))):
        start = time.perf_counter()
        try:
            print(f"{job()}  ({time.perf_counter() - start:.0f} s)", flush=True)
        except Exception as exc:  # report every failure, then fail the run
            failures += 1
            print(f"FAILED {name}: {exc}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
