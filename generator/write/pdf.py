"""The book as a PDF: print HTML -> laid-out pages -> a PDF file (the "write" step).

WeasyPrint lays out the HTML that ``render/book.py`` renders, with its print
stylesheet, and writes a tagged PDF (PDF/UA-1). The file appears only when it
is complete.

Nothing is fetched. WeasyPrint fetches ``file://`` and network URLs by
default and embeds files that ``rel=attachment`` links point to; here its
URL fetcher serves only files inside the print stylesheet's folder and refuses
everything else, and attachments are stripped before the PDF is written.
"""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..model.timeline import Timeline
from ..render.book import STYLESHEET, BookError, book_html
from .progress import Progress

#: Tagged PDF for screen readers (PDF/UA-1). Its cost, measured on 2 shared cores: the 13 real
#: events 2.5 -> 2.7 s; 1,000 generated events (1,176 pages) about 170 -> 230 s of CPU, nearly all
#: of it in writing the structure tree after layout. Much of that was pydyf rebuilding its list of
#: pages for every structure element; _page_references_cached removes it (1,098 pages: 220 -> 183 s).
PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class PdfResult:
    """What one export produced."""

    path: Path
    pages: int
    seconds: float


class PdfError(Exception):
    """The PDF could not be made (a message for the user, not a traceback)."""


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalAssetsFetcher(URLFetcher):
        """Serves files inside one folder, read from disk; refuses every other URL.

        WeasyPrint calls ``fetch`` for stylesheets, images, fonts and attachments alike; a refusal
        is an exception raised here, which WeasyPrint logs before it skips the resource.
        """

        def __init__(self, allowed: Path):
            super().__init__(allowed_protocols=("file",), allow_redirects=False, timeout=1)
            self.allowed = allowed.resolve()
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            path = self._local_path(url)
            if path is None:
                self.refused.append(url)
                raise PermissionError(f"not fetched (the PDF loads only its own assets): {url[:200]}")
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), headers={"Content-Type": _mime(path)})

        def _local_path(self, url: str) -> Path | None:
            parts = urllib.parse.urlsplit(url)
            if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
                return None
            path = Path(urllib.request.url2pathname(parts.path)).resolve()
            if not path.is_relative_to(self.allowed) or not path.is_file():
                return None
            return path

    return LocalAssetsFetcher


def _mime(path: Path) -> str:
    return {
        ".css": "text/css",
        ".woff2": "font/woff2",
        ".woff": "font/woff",
        ".ttf": "font/ttf",
        ".otf": "font/otf",
        ".png": "image/png",
        ".svg": "image/svg+xml",
    }.get(path.suffix.lower(), "application/octet-stream")


def make_fetcher(allowed: Path = STYLESHEET.parent):
    """A URL fetcher that serves only the files inside ``allowed``."""
    return _fetcher_class()(allowed)


def _options(tagged: bool) -> dict:
    return {"pdf_variant": PDF_VARIANT if tagged else None, "attachments": [], "presentational_hints": False}


def layout(html: str, *, tagged: bool = True, stylesheet: Path = STYLESHEET):
    """Lay out ``html`` with the print stylesheet: a WeasyPrint Document, its pages ready to write.

    Only files beside the stylesheet can be loaded; attachments are removed from the result.
    """
    import weasyprint

    stylesheet = Path(stylesheet).resolve()
    if not stylesheet.is_file():
        raise PdfError(f"print stylesheet not found: {stylesheet}")
    fetcher = make_fetcher(stylesheet.parent)
    css = weasyprint.CSS(
        string=stylesheet.read_text(encoding="utf-8"), base_url=stylesheet.parent.as_uri() + "/", url_fetcher=fetcher
    )
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).render(
        stylesheets=[css], **_options(tagged)
    )
    _strip_attachments(document)
    return document


def pdf_bytes(
    html: str, *, progress: Progress | None = None, tagged: bool = True, stylesheet: Path = STYLESHEET
) -> tuple[bytes, int]:
    """Lay out ``html`` and make the PDF; its bytes and its page count."""
    progress = progress or Progress(enabled=False)
    progress.stage("layout")
    with progress.follow_weasyprint():
        document = layout(html, tagged=tagged, stylesheet=stylesheet)
        progress.stage("write", f"{len(document.pages)} pages")
        with _page_references_cached():
            data = document.write_pdf(**_options(tagged))
    return data, len(document.pages)


def html_to_pdf(
    html: str, out: Path, *, progress: Progress | None = None, tagged: bool = True, stylesheet: Path = STYLESHEET
) -> int:
    """Lay out ``html`` and write the PDF to ``out``; return the page count.

    The file appears only when it is complete (written beside ``out``, then renamed).
    """
    data, pages = pdf_bytes(html, progress=progress, tagged=tagged, stylesheet=stylesheet)
    write_bytes(out, data)
    return pages


@contextmanager
def _page_references_cached() -> Iterator[None]:
    """While inside, ``pydyf.PDF.page_references`` is computed once per page count, not once per use.

    pydyf (0.13, pinned with WeasyPrint 70) rebuilds the tuple of every page's reference each time
    the property is read, and WeasyPrint's tagging reads it for every structure element: time grows
    with elements x pages (1,000 events, 1,098 pages: most of the cost of writing the tagged PDF).
    The cached tuple is the same value: it is rebuilt whenever a page is added.
    """
    import pydyf

    original = pydyf.PDF.__dict__.get("page_references")
    if not isinstance(original, property):  # another pydyf: leave it as it is
        yield
        return

    def page_references(pdf):
        kids = pdf.pages["Kids"]
        key = (id(kids), len(kids))
        cached = pdf.__dict__.get("_timeline_page_references")
        if cached is None or cached[0] != key:
            cached = (key, original.fget(pdf))
            pdf.__dict__["_timeline_page_references"] = cached
        return cached[1]

    pydyf.PDF.page_references = property(page_references)
    try:
        yield
    finally:
        pydyf.PDF.page_references = original


def _strip_attachments(document) -> None:
    """No embedded files, whatever the HTML says: the fetcher refuses them already; this is the second lock."""
    document.metadata.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]


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
        bar.stage("render HTML", f"{len(timeline.events)} events")
        html = book_html(timeline, site_name=site_name, description=description, edition=edition)
        return pdf_bytes(html, progress=bar)
    except BookError as err:
        raise PdfError(str(err)) from None
    finally:
        bar.close()


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
