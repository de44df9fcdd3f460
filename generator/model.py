"""Model: validated Events, and the Timeline that sorts and indexes them.

The third step of the pipeline. Nothing here reads files or renders output:
an Event is one validated file; a Timeline is every Event in chronological
order with the indexes the pages need.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .dates import EdtfDate
from .schema import EventMeta


@dataclass(frozen=True)
class Event:
    """One valid event file."""

    id: str
    path: Path
    shown: str
    meta: EventMeta
    when: EdtfDate
    body: str
    body_line: int

    @property
    def title(self) -> str:
        return self.meta.title
