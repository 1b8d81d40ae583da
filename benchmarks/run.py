"""Measure studytui: startup, content load, search, saving answers, memory.

    python benchmarks/run.py [--quick] [--json]

Figures are medians of repeated runs (p90/p99 where named). Nothing here is asserted:
budgets are checked by reading the table (see README "Performance").
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from keystroke import bench_keystroke  # noqa: E402, F401 (run by name in main)
from startup import time_to_text  # noqa: E402

BUDGETS = {"startup_ratio": 1.15, "cold_start_ratio": 1.15, "load_content_ms": 40,
           "search_p90_ms_bundled": 2, "search_p90_ms_100x": 10, "index_build_ms_100x": 3000,
           "keystroke_p90_ms": 50, "save_p50_ms_100k": 10, "save_p99_ms_100k": 50,
           "rss_mb": 150}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def first_text_marker() -> str:
    from studytui.content import load_library
    from studytui.locations import bundled_content_dir

    library = load_library([bundled_content_dir()])
    body = library.sections[0].body
    # a run of plain words from the first paragraph: what the reader draws first
    words = [w for w in body.split()[:8] if w.isalpha()]
    return " ".join(words[:3])


def install_wheel(scratch: Path) -> Path:
    """studytui as `pip install .` leaves it (the wheel's files, its shipped content cache,
    bytecode compiled), in `scratch`/site; its dependencies are this venv's."""
    import compileall
    import subprocess

    wheels, site = scratch / "wheels", scratch / "site"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels),
                    str(ROOT)], check=True)
    (wheel,) = wheels.glob("studytui-*.whl")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(site), str(wheel)], check=True)
    # this machine sets PYTHONDONTWRITEBYTECODE: compile as pip does elsewhere, so that
    # neither app pays for compiling at every launch
    compileall.compile_dir(str(site / "studytui"), quiet=1)
    return site


def bench_startup(runs: int) -> dict[str, float]:
    python = sys.executable
    marker = first_text_marker()
    app_times, floor_times, cold_times, rss = [], [], [], []
    floor_app = [python, str(ROOT / "benchmarks" / "floor_app.py")]
    with tempfile.TemporaryDirectory() as scratch:
        # the installed copy's console script, as the README runs it, from outside the
        # checkout
        site = install_wheel(Path(scratch))
        app = [str(site / "bin" / "studytui"), "--data-dir"]
        env = {"PYTHONPATH": str(site)}
        # a cache folder of the benchmark's own, filled by one untimed launch (as after a
        # learner's first start): the user's cache may hold other checkouts' files
        warm_cache = Path(scratch) / "cache"
        with tempfile.TemporaryDirectory() as data:
            time_to_text([*app, data], marker, {**env, "STUDYTUI_CACHE_DIR": str(warm_cache)},
                         cwd=scratch)
        time_to_text(floor_app, "Floor marker")
        for _ in range(runs):  # interleaved so both see the same machine state
            with tempfile.TemporaryDirectory() as data:
                launch = time_to_text([*app, data], marker,
                                      {**env, "STUDYTUI_CACHE_DIR": str(warm_cache)},
                                      cwd=scratch)
            app_times.append(launch.seconds * 1000)
            rss.append(launch.rss_mb)
            floor_times.append(time_to_text(floor_app, "Floor marker").seconds * 1000)
            # the first start after an install: an empty cache folder
            with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as new:
                cold_times.append(time_to_text([*app, data], marker,
                                               {**env, "STUDYTUI_CACHE_DIR": new},
                                               cwd=scratch).seconds * 1000)
    app_ms, floor_ms = statistics.median(app_times), statistics.median(floor_times)
    cold_ms = statistics.median(cold_times)
    return {"startup_ms": round(app_ms, 1), "startup_floor_ms": round(floor_ms, 1),
            "startup_ratio": round(app_ms / floor_ms, 3), "cold_start_ms": round(cold_ms, 1),
            "cold_start_ratio": round(cold_ms / app_ms, 3),
            "rss_mb": round(statistics.median(rss), 1)}


def bench_load_content(runs: int) -> dict[str, float]:
    """As the app loads it: validated files come from the cache while unchanged.

    Printed to stderr for the README: the cold figure (every file parsed and validated,
    as after an edit or with no shipped cache), and the part the first frame waits for
    (the topics; the questions are read after it).
    """
    import shutil

    from studytui.content import load_library
    from studytui.locations import bundled_content_dir

    folder = bundled_content_dir()
    warm, cold, topics = [], [], []
    with tempfile.TemporaryDirectory() as scratch:
        cache = Path(scratch) / "cache"
        for _ in range(runs):
            shutil.rmtree(cache, ignore_errors=True)
            start = time.perf_counter()
            load_library([folder], cache, shipped_cache=False)
            cold.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            load_library([folder], cache)
            warm.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            load_library([folder], cache, defer_questions=True)
            topics.append((time.perf_counter() - start) * 1000)
    print(f"(load_content cold, no cache: {statistics.median(cold):.1f} ms; topics only, "
          f"cached: {statistics.median(topics):.1f} ms)", file=sys.stderr)
    return {"load_content_ms": round(statistics.median(warm), 2)}


TYPED = ["sticky sessions", "x-forwarded-for", "binpack", "exponential backoff",
         "cloudformation intrinsic functions", "read capacity units", "imdsv2",
         "lambda concurrency", "sse-kms", "topic:dynamodb throttling", '"read replicas"',
         "cloudfromation"]


def keystrokes() -> list[str]:
    """Every prefix of every query, as a learner types it."""
    return [q[:i] for q in TYPED for i in range(1, len(q) + 1)]


def synthetic_library(copies: int):
    """The bundled content `copies` times over, each copy with its own ids and a marker
    word, so the index really holds copies x the documents."""
    import dataclasses

    from studytui.bank import load_bank
    from studytui.content.model import Library
    from studytui.locations import bundled_content_dir

    base = load_bank([bundled_content_dir()])
    topics, questions = [], []
    for n in range(copies):
        for topic in base.topics:
            tid = f"{topic.id}-c{n}"
            sections = tuple(dataclasses.replace(s, id=f"{s.id}-c{n}", topic_id=tid,
                                                 body=f"{s.body} copy{n}")
                             for s in topic.sections)
            topics.append(dataclasses.replace(topic, id=tid, sections=sections))
        for q in base.questions:
            questions.append(dataclasses.replace(q, id=f"{q.id}-c{n}",
                                                 topic_id=f"{q.topic_id}-c{n}",
                                                 section_id=f"{q.section_id}-c{n}"))
    return Library(topics=topics, questions=questions)


def _timed_search(index, query: str) -> float:
    from studytui.search import SearchSyntaxError

    start = time.perf_counter()
    try:
        index.search(query, 50)
    except SearchSyntaxError:  # "topic:dy" while typing: the pane shows the message
        pass
    return (time.perf_counter() - start) * 1000


def bench_search(quick: bool) -> dict[str, float]:
    from studytui.bank import load_bank
    from studytui.locations import bundled_content_dir
    from studytui.search import SearchIndex
    from studytui.search.synonyms import load_synonyms

    groups, _ = load_synonyms(bundled_content_dir() / "synonyms.yaml")
    typed = keystrokes()
    bundled = SearchIndex(load_bank([bundled_content_dir()]), groups)
    for query in typed:  # warm up (imports, page cache)
        _timed_search(bundled, query)
    times = [_timed_search(bundled, query) for _ in range(2 if quick else 5)
             for query in typed]
    big_library = synthetic_library(100)
    builds, loads = [], []
    for _ in range(1 if quick else 5):  # the machine is noisy: a median of five
        with tempfile.TemporaryDirectory() as cache:
            # the first start on this content builds (and saves) the index ...
            start = time.perf_counter()
            big = SearchIndex(big_library, groups, cache_dir=Path(cache))
            builds.append((time.perf_counter() - start) * 1000)
            # ... later starts load it
            start = time.perf_counter()
            big = SearchIndex(big_library, groups, cache_dir=Path(cache))
            loads.append((time.perf_counter() - start) * 1000)
            assert big.loaded
    big_times = [_timed_search(big, q.replace("topic:dynamodb", "topic:dynamodb-c7"))
                 for q in typed]
    print(f"(100x corpus: {len(big.docs):,} documents)", file=sys.stderr)
    return {"search_p90_ms_bundled": round(percentile(times, 90), 3),
            "search_p90_ms_100x": round(percentile(big_times, 90), 2),
            "index_build_ms_100x": round(statistics.median(builds), 1),
            "index_load_ms_100x": round(statistics.median(loads), 1)}


def bench_save(quick: bool) -> dict[str, float]:
    """Saving one answer (attempt + question state, locked, atomic) with N past attempts."""
    from datetime import datetime, timezone

    from history import make_history

    from studytui.progress import ProgressLog

    saves = 60 if quick else 300
    figures: dict[str, float] = {}
    for past in (0, 10_000, 100_000):
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            make_history(folder, past)
            log = ProgressLog(folder)
            times = []
            for i in range(saves):
                record = {"question": f"q{i % 350}", "answer": [1], "correct": i % 3 > 0,
                          "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                          "seconds": 9.0, "mode": "practice", "topic": "dynamodb",
                          "domain": 1}
                start = time.perf_counter()
                log.record_attempt(record)
                times.append((time.perf_counter() - start) * 1000)
        p50, p99 = percentile(times, 50), percentile(times, 99)
        print(f"(save with {past:,} past attempts: p50 {p50:.2f} ms, p99 {p99:.2f} ms)",
              file=sys.stderr)
        if past == 100_000:
            figures = {"save_p50_ms_100k": round(p50, 2), "save_p99_ms_100k": round(p99, 2)}
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    runs = 3 if args.quick else 9
    figures: dict[str, float | None] = {}
    # launches vary by tens of ms on a shared machine: more of them for a stable median
    figures.update(bench_startup(5 if args.quick else 21))
    figures.update(bench_load_content(runs * 3))
    for extra in ("bench_search", "bench_keystroke", "bench_save"):
        function = globals().get(extra)
        if function:
            figures.update(function(args.quick))
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{'measure':<24}{'value':>12}{'budget':>10}")
    for key, value in figures.items():
        budget = BUDGETS.get(key)
        flag = "" if budget is None or value is None or value <= budget else "  OVER"
        print(f"{key:<24}{value!s:>12}{'' if budget is None else budget:>10}{flag}")


if __name__ == "__main__":
    main()
