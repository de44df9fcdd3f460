"""A progress bar for the book on a terminal (the "write" step): which stage runs.

The bar moves by stage (the book's data rendered, laid out, written), and within the layout by
piece: Typst reports nothing while it lays out one.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """A one-line text bar on stderr: which stage runs, with a detail (the events, then the pages)."""

    STAGES = ("render", "layout", "write")
    WIDTH = 24

    def __init__(self, enabled: bool, stream: TextIO | None = None):
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.index = -1
        self.name = ""
        self._shown = 0
        self._last = 0.0

    def stage(self, name: str, detail: str = "") -> None:
        self.index, self.name = self.STAGES.index(name), name
        self._show(detail, force=True)
        self._last = 0.0  # a stage's first detail always shows; later ones at most every 0.1 s

    def detail(self, detail: str) -> None:
        now = time.monotonic()
        if now - self._last >= 0.1:
            self._show(detail)

    def _show(self, detail: str, force: bool = False) -> None:
        if not self.enabled:
            return
        self._last = time.monotonic()
        done = round(self.WIDTH * self.index / len(self.STAGES))
        bar = "#" * done + "-" * (self.WIDTH - done)
        line = f"PDF [{bar}] {self.index + 1}/{len(self.STAGES)} {self.name}" + (f": {detail}" if detail else "")
        pad = max(self._shown - len(line), 0)
        self.stream.write("\r" + line + " " * pad)
        self.stream.flush()
        self._shown = len(line)

    def close(self) -> None:
        if self.enabled and self._shown:
            self.stream.write("\r" + " " * self._shown + "\r")
            self.stream.flush()
            self._shown = 0
