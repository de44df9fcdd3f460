"""Validate: read event files and turn each into an Event, or into Problems.

Runs the pipeline's first two steps for a set of files: ``reader`` (strict
reading), ``schema`` (types), ``rules`` (references and vocabularies), a
trial render of the body (``body.check_body``), then the one rule that spans
files: ids are unique. One bad file never hides the others: every file is read
and every problem reported.

Each file gets a time budget (``limits``): one that takes longer to read,
validate and render is reported as such instead of holding up the build.

Many files are validated in worker processes, one per core (a check of 10,000
events: 27 s in one process). Each worker validates whole files in its main
thread, so the time budget holds there too, and hands back the rendered bodies
with the events, so the build that follows renders none of them again.
"""

from __future__ import annotations

import datetime
import multiprocessing
import os
import re
import threading
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from pydantic import ValidationError

from . import body, dates, limits, rules
from .body import check_body
from .errors import problems_from
from .model import Event
from .problems import Problem
from .reader import RawEvent, read_event, shown_path, shown_text
from .schema import EventMeta
from .vocabulary import SLUG, Vocabulary

#: Past this many problems in one file, the rest are counted, not printed.
MAX_PROBLEMS = 100

#: Fewer files than this are validated in this process: starting workers costs more than it saves.
PARALLEL_FROM = 200
#: Files per task sent to a worker: few round trips, and still work left to share at the end.
CHUNK = 250

Result = tuple[Event | None, list[Problem]]


def latest_today() -> datetime.date:
    """Today's date where it is already latest (UTC+14), so no time zone reads as the future."""
    return datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=14))).date()


def validate_file(path: Path, vocab: Vocabulary, today: datetime.date | None = None) -> tuple[Event | None, list[Problem]]:
    """One file -> its Event (when valid) and its problems (at most MAX_PROBLEMS and a count)."""
    seconds = limits.budget_seconds()
    try:
        with limits.time_budget(seconds):
            event, problems = _validate(path, vocab, today)
    except limits.OverBudget:
        return None, [Problem(shown_path(path), 1, 1, f"took longer than {seconds:g} s to read: simplify it")]
    # Messages quote keys and values back; what a terminal or a CI log would act on is escaped.
    problems = [Problem(p.path, p.line, p.col, shown_text(p.message)) for p in problems]
    return event, _at_most(sorted(problems))


def _validate(path: Path, vocab: Vocabulary, today: datetime.date | None) -> tuple[Event | None, list[Problem]]:
    raw, problems = read_event(path)
    if raw.data is None:
        return None, problems
    meta = None
    try:
        meta = EventMeta.model_validate(raw.data)
    except ValidationError as err:
        problems = _without_repeats(problems, problems_from(err, raw, EventMeta))
    problems = _without_repeats(problems, rules.check(raw, vocab, today or latest_today()))
    problems = _without_repeats(problems, _body(raw)) + _file_name(raw)
    if problems or meta is None:
        return None, problems
    event = Event(id=path.stem, path=path, shown=raw.shown, meta=meta,
                  when=dates.parse(meta.date), body=raw.body, body_line=raw.body_line)
    return event, []


def _file_name(raw: RawEvent) -> list[Problem]:
    """What ``rules`` lets through: a name that is a slug but for a line break at its end."""
    stem = raw.path.stem
    if SLUG.match(stem) and not SLUG.fullmatch(stem):
        wanted = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")
        return [Problem(raw.shown, 1, 1, f"file name must be lowercase letters, digits and hyphens: rename it to '{wanted}.md'")]
    return []


def _body(raw: RawEvent) -> list[Problem]:
    """The body renders, within the limits (the trial render is cached for the build)."""
    return [Problem(raw.shown, raw.body_line + line, col, message) for line, col, message in check_body(raw.body)]


def _at_most(problems: list[Problem]) -> list[Problem]:
    """The first MAX_PROBLEMS problems, then one line counting the rest."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = problems[MAX_PROBLEMS]
    more = len(problems) - MAX_PROBLEMS
    return problems[:MAX_PROBLEMS] + [Problem(rest.path, rest.line, rest.col, f"... and {more:,} more problems in this file: fix these first")]


def _without_repeats(first: list[Problem], more: list[Problem]) -> list[Problem]:
    """``first`` plus those of ``more`` at places ``first`` has not already reported."""
    seen = {(p.line, p.col) for p in first}
    return first + [p for p in more if (p.line, p.col) not in seen]


def validate_paths(paths: Iterable[Path], vocab: Vocabulary, today: datetime.date | None = None) -> tuple[list[Event], list[Problem]]:
    """Many files -> the valid Events and every problem of every file."""
    paths = sorted(paths)
    events: list[Event] = []
    problems: list[Problem] = []
    first_path: dict[str, str] = {}
    for event, found in _validate_all(paths, vocab, today or latest_today()):
        problems.extend(found)
        if event is None:
            continue
        if event.id in first_path:
            problems.append(Problem(event.shown, 1, 1, f"event id '{event.id}' is already used by {first_path[event.id]}: rename one file"))
            continue
        first_path[event.id] = event.shown
        events.append(event)
    body.keep_only(event.body for event in events)
    return events, sorted(problems)


def _validate_all(paths: list[Path], vocab: Vocabulary, today: datetime.date) -> list[Result]:
    """validate_file for each path, in order: in worker processes when there are enough files."""
    workers = _workers(len(paths))
    if workers < 2:
        return [validate_file(path, vocab, today) for path in paths]
    chunks = [paths[i:i + CHUNK] for i in range(0, len(paths), CHUNK)]
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            done = list(pool.map(_validate_chunk, chunks, [vocab] * len(chunks), [today] * len(chunks)))
    except BrokenProcessPool:  # a worker was killed (out of memory?): what one process would do
        return [validate_file(path, vocab, today) for path in paths]
    results = []
    for chunk in done:
        for event, problems, sanitized in chunk:
            if event is not None and sanitized is not None:
                body.remember(event.body, sanitized)
            results.append((event, problems))
    return results


def _workers(files: int) -> int:
    """How many worker processes: one per usable core, none for few files.

    Workers are forked (the only start method that does not import everything again), and
    forking a process that runs other threads (``mkdocs serve``'s server) can copy a lock
    another thread holds; then this process does the work itself.
    """
    if files < PARALLEL_FROM or threading.active_count() > 1:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores, -(-files // CHUNK))


def _validate_chunk(paths: list[Path], vocab: Vocabulary, today: datetime.date) -> list[tuple[Event | None, list[Problem], str | None]]:
    """In a worker: each file's result, and its body's HTML for the build to reuse."""
    results = []
    for path in paths:
        event, problems = validate_file(path, vocab, today)
        results.append((event, problems, body.cached(event.body) if event else None))
    return results


def find_event_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The Markdown files under ``folder``; anything else there is a problem, not silently skipped.

    Hidden folders (``.git``) and hidden files are skipped, except a hidden
    ``.md`` file, which is reported: it looks like an event and would not be
    built. Emacs' lock files (``.#x.md``) are skipped. File names are checked
    by the validation that follows (lowercase letters, digits, hyphens), so two
    files can never share an id or a URL by case or Unicode normalisation alone.
    """
    if not folder.is_dir():
        return [], [Problem(shown_path(folder), 1, 1, "events folder not found")]
    paths, problems = [], []

    def problem(path: Path, message: str) -> None:
        problems.append(Problem(shown_path(path), 1, 1, message))

    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if any(part.startswith(".") for part in parts[:-1]) or path.name.startswith(".#"):
            continue
        looks_like_event = path.suffix.lower() in (".md", ".markdown")
        if path.name.startswith("."):
            if looks_like_event:
                problem(path, "hidden file (its name starts with '.'): it would not be built; "
                              "rename it without the '.' or move it out of the events folder")
        elif path.is_symlink():
            problem(path, "symbolic links are not allowed in the events folder: commit the file itself")
        elif path.is_dir():
            continue
        elif not path.is_file():
            problem(path, "not a regular file: only Markdown event files (.md) belong in the events folder")
        elif path.suffix == ".md":
            paths.append(path)
        elif looks_like_event:
            problem(path, f"event files end in '.md', in lowercase: rename it to '{shown_text(path.stem)}.md'")
        else:
            problem(path, "only Markdown event files (.md) belong in the events folder")
    return paths, problems
