"""The book as a PDF: the book's data -> laid-out pages -> a PDF file (the "write" step).

Typst (the ``typst`` package: the compiler in a wheel, no system library) lays out the data that
``render/book.py`` makes with the template ``render/templates/print/book.typ``, and writes a
tagged PDF (PDF/UA-1). The file appears only when it is complete.

Nothing is fetched and no file is read. Contributor text reaches Typst only as string literals
(``render/booktypst.py``), printed as text; Typst's project root is an empty temporary folder, so
even a path the book asked for would find nothing, and the book imports no package, so nothing is
downloaded. Fonts are the system's, found by Typst itself.
"""

from __future__ import annotations

import datetime
import os
import re
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from ..model.timeline import Timeline
from ..render.book import BookError, book_typst, edition_date
from .progress import Progress

#: Tagged PDF for screen readers (PDF/UA-1): Typst tags headings, lists, tables, links and
#: footnotes (as notes), and refuses to write a PDF/UA file that would break the standard.
PDF_STANDARDS = ["ua-1"]
_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


@dataclass(frozen=True)
class PdfResult:
    """What one export produced."""

    path: Path
    pages: int
    seconds: float


class PdfError(Exception):
    """The PDF could not be made (a message for the user, not a traceback)."""


def typeset(source: str, *, timestamp: datetime.datetime | None = None) -> bytes:
    """Lay out the Typst ``source`` (``render/book.py``); the PDF's bytes.

    ``timestamp`` is what Typst takes for "now"; the book dates the document from its content, so
    the same content gives the same bytes.
    """
    import typst

    with (
        tempfile.TemporaryDirectory(prefix="timeline-book-") as empty,
        warnings.catch_warnings(record=True) as caught,
    ):
        warnings.simplefilter("always")
        try:
            pdf = typst.compile(
                source.encode("utf-8"),
                root=empty,
                pdf_standards=PDF_STANDARDS,
                timestamp=timestamp or datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC),
                package_path=empty,
                package_cache_path=empty,
            )
        except typst.TypstError as err:
            raise PdfError(f"Typst could not lay out the book: {_message(err)}") from None
    for warning in caught:  # a warning is the template's fault: say it, never hide it
        print(f"PDF warning: {_message(warning.message)}", file=sys.stderr)
    return pdf


def _message(err) -> str:
    return " ".join(str(getattr(err, "message", err) or err).split())[:500]


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF Typst wrote (each page is one ``/Type /Page`` object)."""
    return len(_PAGE.findall(pdf))


def book_pdf(
    timeline: Timeline,
    *,
    site_name: str,
    description: str,
    edition: datetime.date | None = None,
    progress: bool | None = None,
) -> tuple[bytes, int]:
    """The timeline as a book: the PDF's bytes and its page count.

    ``edition`` is the date on the cover (default: SOURCE_DATE_EPOCH, else the latest date in the
    content). ``progress``: a text bar on stderr; None shows it when stderr is a terminal.
    """
    bar = Progress(enabled=sys.stderr.isatty() if progress is None else progress)
    try:
        bar.stage("render", f"{len(timeline.events)} events")
        edition = edition_date(timeline, edition)
        source = book_typst(timeline, site_name=site_name, description=description, edition=edition)
        bar.stage("layout", f"{len(timeline.events)} events")
        pdf = typeset(source, timestamp=_timestamp(edition))
        pages = page_count(pdf)
        bar.stage("write", f"{pages} pages")
        return pdf, pages
    except BookError as err:
        raise PdfError(str(err)) from None
    finally:
        bar.close()


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
) -> PdfResult:
    """Write the timeline as a book to ``out`` (see :func:`book_pdf`); the file appears only when complete."""
    started = time.perf_counter()
    data, pages = book_pdf(timeline, site_name=site_name, description=description, edition=edition, progress=progress)
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
