"""Validate many event files at once: in worker processes, and through a cache (the "check" step).

A check of 10,000 events took 27 s in one process, so from
:data:`PARALLEL_FROM` files on they are validated in worker processes, one per
core. Each worker validates whole files, under the same limits (they count,
so a worker gives the verdict this process would), and hands back whole
Events, their bodies' HTML included.

A :class:`ValidationCache`, owned by whoever validates again and again (the
MkDocs plugin: a build then its offline edition, or each rebuild of ``mkdocs
serve``), keeps each file's result by its bytes: a file read again unchanged is
not validated again, and one that changed always is. Between two calls it also
remembers each file's digest with its ``stat`` (size, times, inode), so that a
file whose ``stat`` did not change is not even read again: a preview's rebuild
after one saved file reads that file, not 10,000. A ``stat`` is trusted only
when the file was last written well before it was taken (:data:`SETTLED_NS`):
a save within the file system's clock tick of an earlier one, at the same
size, would otherwise go unseen (git's "racy" files).
"""

from __future__ import annotations

import datetime
import hashlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..model.event import Event
from ..model.vocabulary import Vocabulary
from ..read.problems import Problem
from ..read.reader import read_bytes
from .snapshots import Snapshots, load_snapshots
from .validate import Result, latest_today, unique_ids, validate_file

#: Fewer files than this are validated in this process: starting workers costs more than it saves.
PARALLEL_FROM = 200
#: Files per task sent to a worker: few round trips, and still work left to share at the end.
CHUNK = 250
#: A file's stat stands for its bytes only once it was last written this long before the stat was
#: taken: file times tick coarsely (a few milliseconds, a second on some file systems), so a file
#: written again within the tick, at the same size, keeps its stat.
SETTLED_NS = 2_000_000_000

Job = tuple[Path, bytes | None]  # a file, and its bytes when already read
Chunk = Callable[[list[Job], Vocabulary, datetime.date, Snapshots], list]


class ValidationCache:
    """Each file's result by its path and bytes, for one vocabulary, one day and one set of snapshots."""

    def __init__(self) -> None:
        self._context: tuple | None = None
        self._results: dict[tuple[Path, bytes], Result] = {}
        self._digests: dict[Path, tuple[tuple, bytes]] = {}  # each file's settled stat and its digest

    def start(self, vocab: Vocabulary, today: datetime.date, snapshots: tuple = ()) -> None:
        """Forget every result when the vocabulary, the day or a snapshot changed: rules depend on them."""
        if self._context != (vocab, today, snapshots):
            self._context, self._results = (vocab, today, snapshots), {}

    def get(self, path: Path, digest: bytes) -> Result | None:
        return self._results.get((path, digest))

    def keep(self, found: dict[tuple[Path, bytes], Result]) -> None:
        """Keep exactly these results: files gone or changed since are forgotten."""
        self._results = found

    def known(self, path: Path) -> tuple[tuple | None, bytes | None]:
        """The file's stat now, and its digest when that stat is the one kept with it (the file is
        then not read again); (None, None) when it cannot be read."""
        try:
            found = os.stat(path)
        except OSError:
            return None, None
        now = (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)
        kept = self._digests.get(path)
        return now, kept[1] if kept and kept[0] == now else None

    def keep_digests(self, found: dict[Path, tuple[tuple, bytes]], taken_ns: int) -> None:
        """Keep each file's stat with its digest, for the files written long enough before the
        stat was taken (``taken_ns``) to be trusted; forget every other file."""
        self._digests = {path: kept for path, kept in found.items() if kept[0][2] < taken_ns - SETTLED_NS}


def validate_paths(
    paths: Iterable[Path],
    vocab: Vocabulary,
    today: datetime.date | None = None,
    cache: ValidationCache | None = None,
    snapshots_dir: Path | None = None,
) -> tuple[list[Event], list[Problem]]:
    """Many files -> the valid Events and every problem of every file, and of the snapshots in
    ``snapshots_dir`` that their quotes are checked against (``snapshots.py``)."""
    today = today or latest_today()
    paths = sorted(paths)
    snapshots, snapshot_problems = load_snapshots(snapshots_dir, today)
    if cache is None:
        events, problems = unique_ids(validate_all([(path, None) for path in paths], vocab, today, snapshots))
        return events, sorted(problems + snapshot_problems)
    cache.start(vocab, today, snapshots.key())
    taken_ns = time.time_ns()
    jobs, keys, stats = _read_changed(paths, cache)
    cached = {i: hit for i, key in enumerate(keys) if key and (hit := cache.get(*key))}
    fresh = iter(validate_all([job for i, job in enumerate(jobs) if i not in cached], vocab, today, snapshots))
    results = [cached[i] if i in cached else next(fresh) for i in range(len(jobs))]
    cache.keep({key: result for key, result in zip(keys, results, strict=True) if key})
    cache.keep_digests({key[0]: (stats[i], key[1]) for i, key in enumerate(keys) if key and stats[i]}, taken_ns)
    events, problems = unique_ids(results)
    return events, sorted(problems + snapshot_problems)


def _read_changed(paths: list[Path], cache: ValidationCache) -> tuple[list[Job], list, list]:
    """Each file as a job, its (path, digest) key (None: unreadable) and its stat: a file whose
    stat is the one the cache kept with its digest is not read (its result is the cache's)."""
    jobs, keys, stats = [], [], []
    for path in paths:
        stat, known = cache.known(path)
        data = None if known is not None else read_or_none(path)
        jobs.append((path, data))
        keys.append((path, known) if known is not None else (path, digest(data)) if data is not None else None)
        stats.append(stat)
    return jobs, keys, stats


def read_or_none(path: Path) -> bytes | None:
    """The file's bytes; None when it cannot be read (the reader then reports why)."""
    try:
        return read_bytes(path)
    except OSError:
        return None


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def validate_all(
    jobs: list[Job], vocab: Vocabulary, today: datetime.date, snapshots: Snapshots, each: Chunk | None = None
) -> list:
    """validate_file for each job, in order: in worker processes when there are enough files.

    ``each``: what validates a list of jobs (a module-level function, so that workers can run it);
    by default :func:`_validate_chunk`, whose results are (Event, problems)."""
    each = each or _validate_chunk
    workers = _workers(len(jobs))
    if workers < 2:
        return each(jobs, vocab, today, snapshots)
    chunks = [jobs[i : i + CHUNK] for i in range(0, len(jobs), CHUNK)]
    n = len(chunks)
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            done = list(pool.map(each, chunks, [vocab] * n, [today] * n, [snapshots] * n))
    except BrokenProcessPool:  # a worker was killed (out of memory?): what one process would do
        return each(jobs, vocab, today, snapshots)
    return [result for chunk in done for result in chunk]


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


def _validate_chunk(jobs: list[Job], vocab: Vocabulary, today: datetime.date, snapshots: Snapshots) -> list[Result]:
    """In a worker (or here): each file's result, its Event carrying the body's HTML."""
    return [validate_file(path, vocab, today, data, snapshots) for path, data in jobs]
