"""Time from process start to given text on screen, in a real pseudo-terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from dataclasses import dataclass

ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]"  # CSI
                  rb"|\x1b[\]P^_].*?(?:\x07|\x1b\\)"  # OSC, DCS and friends
                  rb"|\x1b[()][0-9A-B]|\x1b.")


@dataclass
class Launch:
    seconds: float
    rss_mb: float


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def time_to_text(argv: list[str], marker: str, env: dict[str, str] | None = None,
                 size: tuple[int, int] = (100, 30), timeout: float = 30.0,
                 cwd: str | None = None) -> Launch:
    """Start argv in a pty of `size` (columns, rows); stop when `marker` is drawn."""
    pid, fd = pty.fork()
    if pid == 0:  # child
        if cwd:
            os.chdir(cwd)
        os.execvpe(argv[0], argv, {**os.environ, **(env or {}), "TERM": "xterm-256color"})
    start = time.perf_counter()
    columns, rows = size
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    seen = b""
    target = marker.encode()
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if target in ANSI.sub(b"", seen[-200_000:]):
                elapsed = time.perf_counter() - start
                return Launch(elapsed, _rss_mb(pid))
        raise TimeoutError(f"{marker!r} not drawn within {timeout}s by {argv}")
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)
