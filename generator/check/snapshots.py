"""Snapshots: the articles as read, kept as plain text to check quotes against (the "check" step).

A source may name a snapshot (``snapshot: telegraph.txt``): a file of the
project's snapshots folder (``snapshots/`` beside ``mkdocs.yml``, the plugin's
``snapshots`` option) that holds the page's text as it was read, under a short
front-matter saying when it was read::

    ---
    read: "2026-11-21"
    note: How the text was taken, and anything a checker should know.
    ---
    The article's text, as read.

``quotes.py`` then checks every quote from that source against it. A snapshot
is read with the event files' strict reader (UTF-8, no invisible controls, a
size limit), and it is never published: the folder lies outside the pages.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..model.dates import EdtfDate
from ..read.problems import Problem
from ..read.reader import RawEvent, read_event
from .errors import problems_from
from .schema import EdtfText, Prose, Url

#: Typography that differs between a page and a quote typed from it without changing a word:
#: quotation marks of every kind, single or double, curly or straight, and apostrophes, become one
#: (so that a quote within a quote may take the other kind of marks), and every dash a hyphen.
_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys("'‘’‚‛′`\"“”„‟″«»", "'"),
        **dict.fromkeys("‐‑‒–—―−", "-"),
    }
)
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Text as quotes are compared: quotation marks, dashes and white space made plain, nothing else.

    >>> normalize("“It’s   done” —\\n they\\u00a0said")
    "'It's done' - they said"
    """
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHY)).strip()


class SnapshotMeta(BaseModel):
    """The front-matter of a snapshot."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    read: EdtfText = Field(description="When the page was read, at the precision known (YYYY-MM-DD).")
    url: Url | None = Field(None, description="Where it was read, only when known. Never invent one.")
    note: Prose | None = Field(None, description="How the text was taken, and anything a checker should know.")


@dataclass(frozen=True)
class Snapshot:
    """One page as read: when, and its text as quotes are compared (:func:`normalize`)."""

    name: str
    read: EdtfDate
    text: str


@dataclass(frozen=True)
class Snapshots:
    """The snapshots folder: every snapshot that could be read, and the names of those that could not."""

    folder: Path | None = None
    found: dict[str, Snapshot] = field(default_factory=dict)
    broken: frozenset[str] = frozenset()

    def key(self) -> tuple:
        """What validation results depend on: a file checked against other snapshots is checked again."""
        texts = sorted((name, s.read.text, hashlib.blake2b(s.text.encode()).digest()) for name, s in self.found.items())
        return (self.folder, tuple(texts), tuple(sorted(self.broken)))


def load_snapshots(folder: Path | None, today: datetime.date) -> tuple[Snapshots, list[Problem]]:
    """Every ``*.txt`` file of ``folder`` as a Snapshot, and the problems of those that are not valid.

    No folder (None, or none on disk) is no snapshots: a source that names one is then reported.
    """
    if folder is None or not folder.is_dir():
        return Snapshots(folder), []
    found: dict[str, Snapshot] = {}
    broken: set[str] = set()
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.txt")):
        snapshot, found_problems = read_snapshot(path, today)
        if snapshot is None:
            broken.add(path.name)
        else:
            found[path.name] = snapshot
        problems += found_problems
    return Snapshots(folder, found, frozenset(broken)), problems


def read_snapshot(path: Path, today: datetime.date) -> tuple[Snapshot | None, list[Problem]]:
    """One snapshot file, or its problems (at their line and column, as for an event file)."""
    raw, problems = read_event(path)
    if raw.data is None or problems:
        return None, problems
    try:
        meta = SnapshotMeta.model_validate(raw.data)
    except ValidationError as err:
        return None, problems_from(err, raw, SnapshotMeta)
    problems = _snapshot_rules(raw, meta, today)
    if problems:
        return None, problems
    return Snapshot(path.name, meta.read, normalize(raw.body)), []


def _snapshot_rules(raw: RawEvent, meta: SnapshotMeta, today: datetime.date) -> list[Problem]:
    problems = []
    start = meta.read.start.earliest() if meta.read.start else None
    if start and start > today:
        problems.append(raw.problem(("read",), f"'read' {meta.read.text} is in the future (today is {today})"))
    if not raw.body.strip():
        problems.append(
            Problem(raw.shown, raw.body_line, 1, "the snapshot has no text: paste the page as read after the '---'")
        )
    return problems
