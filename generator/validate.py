"""Validate: read event files and turn each into an Event, or into Problems.

Runs the pipeline's first two steps for a set of files: ``reader`` (strict
reading), ``schema`` (types), ``rules`` (references and vocabularies), then
the one rule that spans files: ids are unique. One bad file never hides the
others: every file is read and every problem reported.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from . import dates, rules
from .errors import problems_from
from .model import Event
from .problems import Problem
from .reader import read_event
from .schema import EventMeta
from .vocabulary import Vocabulary


def latest_today() -> datetime.date:
    """Today's date where it is already latest (UTC+14), so no time zone reads as the future."""
    return datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=14))).date()


def validate_file(path: Path, vocab: Vocabulary, today: datetime.date | None = None) -> tuple[Event | None, list[Problem]]:
    """One file -> its Event (when valid) and its problems."""
    raw, problems = read_event(path)
    if raw.data is None:
        return None, problems
    meta = None
    try:
        meta = EventMeta.model_validate(raw.data)
    except ValidationError as err:
        problems = _without_repeats(problems, problems_from(err, raw, EventMeta))
    problems = _without_repeats(problems, rules.check(raw, vocab, today or latest_today()))
    if problems or meta is None:
        return None, problems
    event = Event(id=path.stem, path=path, shown=raw.shown, meta=meta,
                  when=dates.parse(meta.date), body=raw.body, body_line=raw.body_line)
    return event, []


def _without_repeats(first: list[Problem], more: list[Problem]) -> list[Problem]:
    """``first`` plus those of ``more`` at places ``first`` has not already reported."""
    seen = {(p.line, p.col) for p in first}
    return first + [p for p in more if (p.line, p.col) not in seen]


def validate_paths(paths: Iterable[Path], vocab: Vocabulary, today: datetime.date | None = None) -> tuple[list[Event], list[Problem]]:
    """Many files -> the valid Events and every problem of every file."""
    events: list[Event] = []
    problems: list[Problem] = []
    first_path: dict[str, str] = {}
    for path in sorted(paths):
        event, found = validate_file(path, vocab, today)
        problems.extend(found)
        if event is None:
            continue
        if event.id in first_path:
            problems.append(Problem(event.shown, 1, 1, f"event id '{event.id}' is already used by {first_path[event.id]}: rename one file"))
            continue
        first_path[event.id] = event.shown
        events.append(event)
    return events, sorted(problems)


def find_event_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The Markdown files under ``folder``; anything else there is a problem, not silently skipped."""
    from .problems import display_path

    if not folder.is_dir():
        return [], [Problem(display_path(folder), 1, 1, "events folder not found")]
    paths, problems = [], []
    for path in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if path.is_symlink():
            problems.append(Problem(display_path(path), 1, 1, "symbolic links are not allowed in the events folder: commit the file itself"))
        elif path.is_file() and path.suffix == ".md":
            paths.append(path)
        elif path.is_file():
            problems.append(Problem(display_path(path), 1, 1, "only Markdown event files (.md) belong in the events folder"))
    return paths, problems
