"""The progress log: what the learner read and answered (pure Python, TinyDB on disk)."""

from studytui.progress.log import ProgressLog

__all__ = ["ProgressLog"]
