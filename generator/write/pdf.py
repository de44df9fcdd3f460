"""The book as a PDF: the book's data -> pieces laid out -> one PDF file (the "write" step).

Typst lays out the data that ``render/book.py`` makes, in the pieces ``render/bookpieces.py`` cuts
it into, each in a process of its own (``write/typeset.py``): the events first, then the
appendices and the front matter, whose contents and page references need the pages of the rest.
``write/pdfjoin.py`` joins the pieces into one tagged PDF (PDF/UA-1) and lays each page's footer
over it. The file appears only when it is complete.
"""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..model.timeline import Timeline
from ..render.book import TEMPLATE, BookError, book_data, edition_date
from ..render.bookappendix import back_sources
from ..render.bookpieces import PIECE_EVENTS, chapter_sizes, opens_inside, runs_of
from ..render.booksource import appendix_anchors, events_source, front_source, furniture_source
from . import pdfjoin
from .progress import Progress
from .typeset import PdfError, Typesetter, typeset

__all__ = ["PdfError", "PdfResult", "book_pdf", "typeset", "write_bytes", "write_pdf"]

#: Times the front matter and the appendices are laid out again, at most, until the pages they
#: give each other agree (a page number one digit wider can, rarely, move a line).
SETTLE = 4


@dataclass(frozen=True)
class PdfResult:
    """What one export produced."""

    path: Path
    pages: int
    seconds: float


def book_pdf(
    timeline: Timeline,
    *,
    site_name: str,
    description: str,
    edition: datetime.date | None = None,
    progress: bool | None = None,
    piece_events: int = PIECE_EVENTS,
) -> tuple[bytes, int]:
    """The timeline as a book: the PDF's bytes and its page count.

    ``edition`` is the date on the cover (default: SOURCE_DATE_EPOCH, else the latest date in the
    content). ``progress``: a text bar on stderr; None shows it when stderr is a terminal.
    ``piece_events``: the most events Typst lays out at once (``render/bookpieces.py``).
    """
    bar = Progress(enabled=sys.stderr.isatty() if progress is None else progress)
    try:
        bar.stage("render", f"{len(timeline.events)} events")
        edition = edition_date(timeline, edition)
        data = book_data(timeline, site_name=site_name, description=description, edition=edition)
        bar.stage("layout", f"{len(timeline.events)} events")
        pdf = _lay_out(data, piece_events, Typesetter(_timestamp(edition)), bar)
        pages = pdfjoin.page_count(pdf)
        bar.stage("write", f"{pages} pages")
        return pdf, pages
    except BookError as err:
        raise PdfError(str(err)) from None
    finally:
        bar.close()


def _lay_out(data: dict, piece_events: int, typesetter: Typesetter, bar: Progress) -> bytes:
    """Lay out the events piece by piece, then the appendices and the front matter, and join them."""
    template = TEMPLATE.read_text(encoding="utf-8")
    pieces = runs_of(chapter_sizes(data), piece_events)
    events, surveys = [], []
    for pdf in typesetter.many(events_source(template, data, runs) for runs in pieces):
        bar.detail(f"events, piece {len(events) + 1} of {len(pieces)}")
        events.append(pdf)
        surveys.append(pdfjoin.survey(pdf))
    bar.detail("appendices and contents")
    front, back, places, total = _front_and_back(data, template, surveys, typesetter, piece_events)
    furniture = typesetter.one(furniture_source(template, data, total))
    bar.detail(f"joining {1 + len(events) + len(back)} pieces")
    runs_on = [0, *(opens_inside(runs) for runs in pieces), *(runs for _, runs in back)]
    return pdfjoin.join([front, *events, *(pdf for pdf, _ in back)], runs_on, furniture, places)


def _front_and_back(data: dict, template: str, surveys: list, typesetter: Typesetter, piece_events: int) -> tuple:
    """The front matter and the appendices, laid out until the page numbers they give agree; the
    page in the book of each anchor outside the front matter; and the book's number of pages.

    The contents need the pages of the appendices, which come after the events, which come after
    the contents: the front matter is laid out once with its own length unknown (taken as 0), then
    the appendices and the front matter again with that length, until it no longer changes.
    """
    events_end = sum(pages for pages, _ in surveys)
    guess = dict.fromkeys(appendix_anchors(data), events_end + 1)  # only their width matters
    front = typesetter.one(front_source(template, data, _placed(surveys, start=0) | guess))
    length = pdfjoin.page_count(front)
    for _ in range(SETTLE - 1):
        pages = _placed(surveys, start=length)
        sources = back_sources(template, data, pages, piece_events)
        back = list(zip(typesetter.many(source for source, _ in sources), (runs for _, runs in sources), strict=True))
        back_surveys = [pdfjoin.survey(pdf) for pdf, _ in back]
        pages |= _placed(back_surveys, start=length + events_end)
        front = typesetter.one(front_source(template, data, pages))
        front_length, length = length, pdfjoin.page_count(front)
        if length == front_length:
            return front, back, pages, length + events_end + sum(count for count, _ in back_surveys)
    raise PdfError(f"the contents' page numbers did not settle after {SETTLE} layouts; please report this book")


def _placed(surveys: list, start: int) -> dict[str, int]:
    """Each anchor of the events' pieces and its page in the book, the pieces following ``start`` pages."""
    pages: dict[str, int] = {}
    for count, places in surveys:
        pages |= {anchor: start + n for anchor, n in places.items()}
        start += count
    return pages


def _timestamp(edition: datetime.date | None) -> datetime.datetime | None:
    if edition is None:
        return None
    return datetime.datetime(edition.year, edition.month, edition.day, tzinfo=datetime.UTC)


def write_pdf(
    timeline: Timeline,
    out: Path,
    *,
    site_name: str,
    description: str,
    edition: datetime.date | None = None,
    progress: bool | None = None,
    piece_events: int = PIECE_EVENTS,
) -> PdfResult:
    """Write the timeline as a book to ``out`` (see :func:`book_pdf`); the file appears only when complete."""
    started = time.perf_counter()
    data, pages = book_pdf(
        timeline,
        site_name=site_name,
        description=description,
        edition=edition,
        progress=progress,
        piece_events=piece_events,
    )
    write_bytes(Path(out), data)
    return PdfResult(Path(out), pages, time.perf_counter() - started)


def write_bytes(out: Path, data: bytes) -> None:
    """Write ``data`` to ``out``: beside it first, then renamed, so that the file appears only whole."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{out.name}-", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, out)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
