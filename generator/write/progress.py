"""A progress bar for the book on a terminal (the "write" step): which stage runs, which page.

WeasyPrint has no progress callback; it does log each step and each page it lays out (on the
``weasyprint.progress`` logger), which is what the layout stage shows.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


class Progress:
    """A one-line text bar on stderr: which stage runs, and during layout the page WeasyPrint is on.

    WeasyPrint has no progress callback; it does log each step and each page it lays out (on the
    ``weasyprint.progress`` logger), which is what the layout stage shows. The page count is not
    known before layout ends, so the bar moves by stage, not by page.
    """

    STAGES = ("render HTML", "layout", "write")
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

    @contextmanager
    def follow_weasyprint(self) -> Iterator[None]:
        """Show WeasyPrint's own step messages ("Creating layout - Page 12") while inside."""
        if not self.enabled:
            yield
            return
        logger = logging.getLogger("weasyprint.progress")
        handler = _ProgressHandler(self)
        saved = logger.level, logger.propagate
        logger.setLevel(logging.INFO)
        logger.propagate = False  # its messages are for this bar, not for whatever logs the build
        logger.addHandler(handler)
        try:
            yield
        finally:
            logger.removeHandler(handler)
            logger.setLevel(saved[0])
            logger.propagate = saved[1]


class _ProgressHandler(logging.Handler):
    """Turns "Step 5 - Creating layout - Page 12" into "page 12", and counts WeasyPrint's passes.

    WeasyPrint lays the pages out again when page numbers it used (contents, "Page X of Y") change.
    """

    def __init__(self, bar: Progress):
        super().__init__(logging.INFO)
        self.bar = bar
        self.passes = 1

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "Repagination" in message:
            self.passes += 1
        elif "Creating layout - Page" in message and "up-to-date" not in message:
            page = message.rsplit(" ", 1)[-1]
            self.bar.detail(f"page {page}" + (f" (pass {self.passes}, for page numbers)" if self.passes > 1 else ""))
