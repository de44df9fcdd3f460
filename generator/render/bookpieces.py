"""The book cut into pieces Typst lays out one at a time (the "render" step, for the book).

Typst holds every page it has laid out until it writes the PDF, about 3 MB an event, so one
compilation of a book of 10,000 events would need tens of gigabytes. The book is laid out in
pieces instead: the front matter, the events a few hundred at a time, and the appendices, each a
PDF of its own that ``write/pdf.py`` joins into one. A piece of events holds whole chapters while
they fit, and a chapter longer than a piece is cut between two events.

>>> runs_of([3, 2, 6], size=4)
[[(1, 0, 3)], [(2, 0, 2)], [(3, 0, 4)], [(3, 4, 6)]]
>>> runs_of([1, 1, 1], size=4)
[[(1, 0, 1), (2, 0, 1), (3, 0, 1)]]
>>> runs_of([], size=4)
[]
"""

from __future__ import annotations

#: Events in one piece: a piece of 150 takes Typst about 450 MB, and two are laid out at a time
#: (``write/typeset.py``).
PIECE_EVENTS = 150

#: A run of events: (chapter number from 1, first event's index in the chapter, end index).
Run = tuple[int, int, int]


def runs_of(chapter_sizes: list[int], size: int = PIECE_EVENTS) -> list[list[Run]]:
    """Pieces of at most ``size`` events, each a list of runs, in the book's order.

    A chapter that does not fit in what is left of a piece starts a new one (chapters start on a
    new page anyway); only a chapter longer than ``size`` is cut, into pieces of ``size``.
    """
    if size < 1:
        raise ValueError(f"a piece holds at least one event, not {size}")
    pieces: list[list[Run]] = []
    current: list[Run] = []
    load = 0
    for number, count in enumerate(chapter_sizes, start=1):
        if current and load + count > size:
            pieces.append(current)
            current, load = [], 0
        for first in range(0, max(count, 1), size):
            end = min(first + size, count)
            if current and load + (end - first) > size:
                pieces.append(current)
                current, load = [], 0
            current.append((number, first, end))
            load += end - first
    if current:
        pieces.append(current)
    return pieces


def chapter_sizes(data: dict) -> list[int]:
    """The number of events in each chapter of the book's data (``render/book.py``)."""
    return [len(part["events"]) for part in data["parts"]]


def opens_inside(runs: list[Run]) -> int:
    """How many events a piece shows before its first chapter opens: those of a chapter begun in
    the piece before (their bookmarks belong under that chapter's)."""
    number, first, end = runs[0]
    return end - first if first > 0 else 0
