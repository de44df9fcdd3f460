"""Each event's part of an export, kept from one render to the next (the "render" step).

A preview renders the data files again after every saved edit; at 10,000 events
that took seconds, nearly all of it the events that did not change. An export
asks :func:`part` for an event's piece (its record in ``timeline.json``, its slide,
its CSV line, its Atom entry; an article's CSL item); with a :class:`Kept` the
piece is made again only when what it is made from changed. What a piece shows of the rest of the timeline (the
figures in dispute, the vocabulary, the newest day) is the same for as long as
the timeline's shape is (``render/incremental.py``), which starts a new Kept
whenever the shape changes. Without one, every piece is made, as a build does.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from ...model.event import Event

Piece = TypeVar("Piece")


class Kept:
    """The pieces made last, by export and key, with what each was made from."""

    def __init__(self) -> None:
        self._pieces: dict[tuple[Hashable, str], tuple[object, object]] = {}

    def piece(self, kind: Hashable, key: str, basis: object, make: Callable[[], Piece]) -> Piece:
        """The piece kept under ``key`` when it was made from what equals ``basis``, else ``make()``."""
        found = self._pieces.get((kind, key))
        if found is not None and (found[0] is basis or found[0] == basis):  # mostly the very event
            return found[1]  # type: ignore[return-value]
        made = make()
        self._pieces[(kind, key)] = (basis, made)
        return made


def part(kept: Kept | None, kind: Hashable, event: Event, make: Callable[[], Piece]) -> Piece:
    """``make()``, or the piece kept for this event when it has not changed. ``kind`` names the
    export and whatever else its pieces show (the site's URL, the newest day)."""
    return make() if kept is None else kept.piece(kind, event.id, event, make)
