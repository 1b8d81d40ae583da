"""Time from a keystroke to its results on screen: the real app in a pseudo-terminal.

    python benchmarks/keystroke.py [--quick]

The app runs on the bundled content in a 100x30 pty. Queries are typed a character at a
time; each time is from writing the character to the moment the top hit's "topic ›
section" line is drawn (the expected hit comes from the same index, built here). A
prefix without hits (a filter half typed, a word with no match) is typed but not timed.
Keys are paced as a quick typist's (one at least every 80 ms, or when the last one's
results are on screen).
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from startup import ANSI  # noqa: E402

QUERIES = ["sticky sessions", "x-forwarded-for", "binpack", "exponential backoff",
           "cloudformation intrinsic functions", "read capacity units", "imdsv2",
           "lambda concurrency", "sse-kms", "topic:dynamodb throttling", '"read replicas"',
           "visibility timeout", "presigned url", "step functions retry"]
KEY_GAP_S = 0.08


class Screen:
    """The pty's output, read as it comes; `wait_for` looks only at what came after the
    last `mark()`."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.seen = b""
        self.start = 0

    def mark(self) -> None:
        self.start = len(self.seen)

    def read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:
            chunk = b""
        if not chunk:
            raise EOFError("the app exited")
        self.seen += chunk
        return True

    def wait_for(self, text: str, timeout: float = 10.0) -> float | None:
        """Seconds until `text` is drawn after the mark, or None at the timeout."""
        target = text.encode()
        begin = time.perf_counter()
        while (elapsed := time.perf_counter() - begin) < timeout:
            if self.read(min(0.05, timeout - elapsed)):
                # an escape sequence may straddle the mark: back up a little before it
                if target in ANSI.sub(b"", self.seen[max(0, self.start - 64):]):
                    return time.perf_counter() - begin
        return None

    def drain(self, quiet: float = 0.02) -> None:
        while self.read(quiet):
            pass


def expected_hits() -> Callable[[str], str | None]:
    """What the app will show on top for a query (the same library and index as the app),
    as drawn: the first words of "topic › section"; None when it shows no hit."""
    from studytui.bank import load_bank
    from studytui.locations import content_dirs
    from studytui.search import SearchIndex, SearchSyntaxError
    from studytui.search.synonyms import load_synonyms

    os.environ.pop("STUDYTUI_CONTENT", None)
    groups, _ = load_synonyms(content_dirs()[0] / "synonyms.yaml")
    index = SearchIndex(load_bank(content_dirs()), groups)

    def top(query: str) -> str | None:
        try:
            hits = index.search(query, 50).hits
        except SearchSyntaxError:
            return None
        if not hits or not query.strip():
            return None
        # short enough never to be wrapped at 100 columns
        return f"{hits[0].topic} › {hits[0].section}"[:48]

    return top


def keystroke_latencies(queries: list[str] = QUERIES, size: tuple[int, int] = (100, 30),
                        timeout: float = 5.0) -> list[float]:
    """Milliseconds from each timed keystroke to its top hit on screen."""
    top = expected_hits()
    python = sys.executable
    times: list[float] = []
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "STUDYTUI_CACHE_DIR": cache, "TERM": "xterm-256color"}
        env.pop("STUDYTUI_CONTENT", None)
        argv = [python, "-m", "studytui", "--data-dir", data]
        pid, fd = pty.fork()
        if pid == 0:  # child
            os.execvpe(argv[0], argv, env)
        columns, rows = size
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        screen = Screen(fd)
        try:
            if screen.wait_for("DVA-C02", 30) is None:
                raise TimeoutError("the app did not start")
            screen.drain(0.5)  # start-up work, the index built in the background
            screen.mark()
            os.write(fd, b"2")  # the Search pane, the query focused
            if screen.wait_for("Type to search", timeout) is None:
                raise TimeoutError("the search pane did not open")
            for query in queries:
                screen.drain()
                os.write(fd, b"/")  # the last query selected: the next key replaces it
                screen.drain(0.1)
                for i, char in enumerate(query, 1):
                    marker = top(query[:i])
                    screen.mark()
                    sent = time.perf_counter()
                    os.write(fd, char.encode())
                    if marker is not None:
                        took = screen.wait_for(marker, timeout)
                        if took is None:
                            raise TimeoutError(f"{marker!r} not drawn for {query[:i]!r}")
                        times.append(took * 1000)
                    while time.perf_counter() - sent < KEY_GAP_S:
                        screen.read(0.01)
        finally:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)
            os.close(fd)
    return times


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def bench_keystroke(quick: bool = False) -> dict[str, float]:
    import compileall

    compileall.compile_dir(str(ROOT / "studytui"), quiet=1)  # as an installed app
    times = keystroke_latencies(QUERIES[:6] if quick else QUERIES)
    print(f"(keystroke to results, {len(times)} keys: p50 {percentile(times, 50):.1f} ms, "
          f"p90 {percentile(times, 90):.1f} ms, max {max(times):.1f} ms)", file=sys.stderr)
    return {"keystroke_p50_ms": round(statistics.median(times), 1),
            "keystroke_p90_ms": round(percentile(times, 90), 1),
            "keystroke_max_ms": round(max(times), 1)}


if __name__ == "__main__":
    print(bench_keystroke("--quick" in sys.argv))
