"""Time and memory of `studytui import` on a long history.

    python benchmarks/import_history.py [--attempts 100000] [--days 365] [--json]

Makes synthetic histories in a temp folder (records shaped like real ones: id, answer,
shown letters, options' text, rating and FSRS review log; ~1 in 5 older records without
an id, so derived ids are exercised) and runs the real command in a child process for
each case; wall time and the child's peak RSS (getrusage maxrss, via wait4) are printed.
Nothing is asserted: read the table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def synthetic_attempts(count: int, days: int, questions: int = 650,
                       seed: int = 1) -> list[dict]:
    """`count` attempts spread evenly over `days` days ending yesterday, oldest first."""
    rng = random.Random(seed)
    start = date.today() - timedelta(days=days)
    found = []
    for i in range(count):
        day = start + timedelta(days=i * days // count)
        second = i % 40_000
        at = (f"{day.isoformat()}T{6 + second // 3600:02d}:{second // 60 % 60:02d}:"
              f"{second % 60:02d}+00:00")
        correct = rng.random() < 0.7
        record = {"question": f"q{rng.randrange(questions):04d}", "at": at,
                  "answer": [rng.randrange(4)], "shown": "ABCD"[rng.randrange(4)],
                  "chosen": ["Use a DynamoDB global secondary index on the attribute"],
                  "correct": correct, "seconds": round(rng.uniform(4, 120), 3),
                  "mode": "practice", "topic": "dynamodb", "domain": 1,
                  "rating": 3 if correct else 1,
                  "review_log": {"card_id": 1764000000000 + i, "rating": 3 if correct else 1,
                                 "review_datetime": at, "review_duration": None}}
        if rng.random() >= 0.2:
            record = {"id": uuid.UUID(int=rng.getrandbits(128)).hex, **record}
        found.append(record)
    return found


def write_folder(folder: Path, attempts: list[dict]) -> None:
    """A data folder holding `attempts` (no state file: import rebuilds what it needs)."""
    (folder / "attempts").mkdir(parents=True, exist_ok=True)
    by_day: dict[str, dict] = {}
    for attempt in attempts:
        docs = by_day.setdefault(attempt["at"][:10], {})
        docs[str(len(docs) + 1)] = attempt
    for day, docs in by_day.items():
        (folder / "attempts" / f"{day}.json").write_text(
            json.dumps({"attempts": docs}, separators=(",", ":")))
    (folder / "notes.json").write_text(json.dumps({"read": {
        str(i + 1): {"section": f"s{i}", "at": "2026-01-01T00:00:00+00:00"}
        for i in range(200)}}))


def run_command(argv: list[str], base: Path) -> dict:
    env = {**os.environ, "STUDYTUI_CACHE_DIR": str(base / "cache")}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "studytui", *argv], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # wait4 gives this child's own rusage (RUSAGE_CHILDREN would be the max of all)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    out = process.stdout.read().decode() if process.stdout else ""
    err = process.stderr.read().decode() if process.stderr else ""
    return {"seconds": round(seconds, 2), "maxrss_mb": round(usage.ru_maxrss / 1024, 1),
            "status": os.waitstatus_to_exitcode(status), "out": out.strip(),
            "err": err.strip()}


def make(base: Path, attempts: int, days: int) -> None:
    history = synthetic_attempts(attempts, days)
    write_folder(base / "laptop", history)
    # the desktop holds every other record of the same history plus 10% of its own
    own = synthetic_attempts(attempts // 10, days, seed=2)
    write_folder(base / "desktop", history[::2] + own)
    (base / "export.json").write_text(json.dumps(history))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--attempts", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--make", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        make(Path(args.make), args.attempts, args.days)
        return
    with tempfile.TemporaryDirectory(prefix="studytui-import-bench-") as tmp:
        base = Path(tmp)
        made = time.perf_counter()
        # made in a child: a forked child's peak RSS counts the parent's pages, so this
        # process stays small while the imports run
        subprocess.run([sys.executable, __file__, "--make", str(base), "--attempts",
                        str(args.attempts), "--days", str(args.days)], check=True)
        made = time.perf_counter() - made
        results = {"baseline: studytui --version": run_command(["--version"], base)}
        cases = [("into an empty folder", "empty", "laptop"),
                 ("again (nothing new)", "empty", "laptop"),
                 ("into a half-overlapping folder", "desktop", "laptop"),
                 ("a JSON export into an empty folder", "empty-2", "export.json")]
        for name, target, source in cases:
            results[name] = run_command(["--data-dir", str(base / target), "import",
                                         str(base / source)], base)
        sizes = sum(p.stat().st_size for p in (base / "laptop").rglob("*.json"))
    if args.json:
        print(json.dumps({"attempts": args.attempts, "days": args.days,
                          "source_mb": round(sizes / 1e6, 1), "results": results}, indent=2))
        return
    print(f"{args.attempts} attempts over {args.days} days, source {sizes / 1e6:.1f} MB "
          f"(generated in {made:.1f} s)")
    for name, result in results.items():
        print(f"  {name:36} {result['seconds']:6.2f} s  {result['maxrss_mb']:7.1f} MB  "
              f"exit {result['status']}")
        for line in result["out"].splitlines()[1:]:
            print(f"      {line.strip()}")
        if result["err"]:
            print(f"      stderr: {result['err']}")


if __name__ == "__main__":
    main()
