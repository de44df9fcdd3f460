"""Validate: turn each event file into a model Event, or into Problems (the "check" step).

For one file: ``read`` (strict reading), ``schema`` (types), ``rules``
(references and vocabularies), ``quotes`` (words quoted from a source are in
its snapshot), the body held to its limits and rendered to sanitized HTML
(``body``; ``check`` skips the render), then the Event the model carries on. For many files, the
one rule that spans files: ids are unique. One bad file never hides the
others: every file is read and every problem reported.

Every limit a file must keep counts size or work, never time (``limits``), so
the verdict on a file is the same on any machine. Many files are validated in
worker processes (``batch``).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..model.event import Claim, Disagreement, Event, ReportedDate, Side, Source
from ..model.vocabulary import SLUG, Vocabulary
from ..read.problems import Problem
from ..read.reader import RawEvent, read_event, shown_text
from . import quotes, rules
from .body import body_html, body_problems
from .errors import problems_from
from .schema import EventMeta
from .snapshots import Snapshots

#: Past this many problems in one file, the rest are counted, not printed.
MAX_PROBLEMS = 100

Result = tuple[Event | None, list[Problem]]


def latest_today() -> datetime.date:
    """Today's date where it is already latest (UTC+14), so no time zone reads as the future."""
    return datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=14))).date()


def validate_file(
    path: Path,
    vocab: Vocabulary,
    today: datetime.date | None = None,
    data: bytes | None = None,
    snapshots: Snapshots | None = None,
    render: bool = True,
) -> Result:
    """One file (``data``: its bytes, when already read) -> its Event when valid, and its problems
    (at most MAX_PROBLEMS and a count). ``snapshots``: the pages its quotes are checked against.

    ``render=False`` (``check``, which wants a verdict and no HTML): the body is held to its limits
    (``body.body_problems``) but not rendered, so the problems are the same and the Event's
    ``body_html`` is empty; such an Event goes no further than a verdict."""
    event, problems = _validate(path, vocab, today or latest_today(), data, snapshots or Snapshots(), render)
    # Messages quote keys and values back; what a terminal or a CI log would act on is escaped.
    problems = [Problem(p.path, p.line, p.col, shown_text(p.message)) for p in problems]
    return event, _at_most(sorted(problems))


def _validate(
    path: Path, vocab: Vocabulary, today: datetime.date, data: bytes | None, snapshots: Snapshots, render: bool
) -> Result:
    raw, problems = read_event(path, data)
    if raw.data is None:
        return None, problems
    meta = None
    try:
        meta = EventMeta.model_validate(raw.data)
    except ValidationError as err:
        problems = _without_repeats(problems, problems_from(err, raw, EventMeta))
    problems = _without_repeats(problems, rules.check(raw, vocab, today))
    problems = _without_repeats(problems, quotes.check(raw, snapshots))
    html, found = body_html(raw.body) if render else _unrendered(raw.body)
    in_body = [Problem(raw.shown, raw.body_line + line, col, message) for line, col, message in found]
    problems = _without_repeats(problems, in_body) + _file_name(raw)
    if problems or meta is None or html is None:
        return None, problems
    return to_event(raw, meta, html, snapshots), []


def _unrendered(body: str) -> tuple[str | None, list[tuple[int, int, str]]]:
    """What ``body_html`` says of a body, but for its HTML: empty when the body is within its limits."""
    found = body_problems(body)
    return (None if found else ""), found


def to_event(raw: RawEvent, meta: EventMeta, html: str, snapshots: Snapshots | None = None) -> Event:
    """The model of a valid file: its front-matter as the schema read it (dates parsed), its body,
    and the date each snapshot its sources name was read."""
    found = snapshots.found if snapshots else {}
    return Event(
        id=raw.path.stem,
        path=raw.path,
        shown=raw.shown,
        title=meta.title,
        when=meta.date,
        date_note=meta.date_note,
        summary=meta.summary,
        tags=tuple(meta.tags),
        actors=tuple(meta.actors),
        location=meta.location,
        sources=tuple(
            Source(
                **_fields(s),
                credits=tuple(s.credits),
                snapshot_read=found[s.snapshot].read if s.snapshot in found else None,
            )
            for s in meta.sources
        ),
        claims=tuple(
            Claim(**_fields(c), value_text=c.written("value"), value_max_text=c.written("value_max"))
            for c in meta.claims
        ),
        reported_dates=tuple(ReportedDate(**_fields(r)) for r in meta.reported_dates),
        disagreements=tuple(
            Disagreement(**_fields(d), sides=tuple(Side(**_fields(side)) for side in d.sides))
            for d in meta.disagreements
        ),
        body=raw.body,
        body_html=html,
        body_line=raw.body_line,
        placeholders=tuple(raw.placeholders),
        advice=tuple(rules.advice(raw, meta)),
    )


def _fields(model: BaseModel) -> dict:
    """A schema model's values as they are (``model_dump`` would turn parsed dates into dicts);
    lists are left to the caller, which makes them tuples of the model's own types."""
    return {
        name: getattr(model, name) for name in type(model).model_fields if not isinstance(getattr(model, name), list)
    }


def _file_name(raw: RawEvent) -> list[Problem]:
    """What ``rules`` lets through: a name that is a slug but for a line break at its end."""
    stem = raw.path.stem
    if SLUG.match(stem) and not SLUG.fullmatch(stem):
        wanted = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")
        return [
            Problem(
                raw.shown, 1, 1, f"file name must be lowercase letters, digits and hyphens: rename it to '{wanted}.md'"
            )
        ]
    return []


def _at_most(problems: list[Problem]) -> list[Problem]:
    """The first MAX_PROBLEMS problems, then one line counting the rest."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = problems[MAX_PROBLEMS]
    more = len(problems) - MAX_PROBLEMS
    return problems[:MAX_PROBLEMS] + [
        Problem(rest.path, rest.line, rest.col, f"... and {more:,} more problems in this file: fix these first")
    ]


def _without_repeats(first: list[Problem], more: list[Problem]) -> list[Problem]:
    """``first`` plus those of ``more`` at places ``first`` has not already reported."""
    seen = {(p.line, p.col) for p in first}
    return first + [p for p in more if (p.line, p.col) not in seen]


def unique_ids(results: Iterable[Result]) -> tuple[list[Event], list[Problem]]:
    """The valid Events and every problem, with a problem for each id already taken by an earlier file."""
    events: list[Event] = []
    problems: list[Problem] = []
    first_path: dict[str, str] = {}
    for event, found in results:
        problems.extend(found)
        if event is None:
            continue
        if event.id in first_path:
            problems.append(
                Problem(
                    event.shown,
                    1,
                    1,
                    f"event id '{event.id}' is already used by {first_path[event.id]}: rename one file",
                )
            )
            continue
        first_path[event.id] = event.shown
        events.append(event)
    return events, sorted(problems)
