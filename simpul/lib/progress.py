"""A terminal progress bar for management commands (no dependency, writes with carriage returns)."""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO


class ProgressBar:
    def __init__(self, total: int, label: str = "", stream: Any = None) -> None:
        """``stream`` is a text stream or a management command's ``stderr`` (OutputWrapper)."""
        self.total, self.label = max(total, 1), label
        # OutputWrapper would end every write with a newline; write to the stream it wraps.
        self.stream: TextIO = getattr(stream, "_out", stream) or sys.stderr
        self.started = time.monotonic()
        self._last = 0.0

    def update(self, done: int, note: str = "") -> None:
        now = time.monotonic()
        if now - self._last < 0.2 and done < self.total:
            return
        self._last = now
        fraction = min(1.0, done / self.total)
        filled = int(30 * fraction)
        rate = done / max(now - self.started, 1e-6)
        self.stream.write(
            f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {fraction:6.1%} "
            f"{done:,}/{self.total:,} {rate:,.0f}/s {note}".rstrip()
            + " "
        )
        self.stream.flush()

    def finish(self) -> None:
        self.stream.write("\n")
        self.stream.flush()
