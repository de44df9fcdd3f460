"""A free-form page: About, Methodology, Corrections; text that is not an event (the "model").

Pages live in their own folder (the plugin's ``pages`` option, ``pages/`` by
default), are checked like event files (strict front-matter, the body rendered
once and sanitized) and are shown in the navigation after the timeline's own
pages, in the search and at the front of the book.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FreePage:
    """One page, parsed once: its id is its file name, which is also its URL."""

    id: str
    path: Path
    shown: str  # the path as messages show it
    title: str
    summary: str | None
    body_html: str  # sanitized
    placeholders: tuple[tuple[int, int], ...] = ()
