"""The offline PDF: an export of the Timeline (Timeline -> print HTML -> PDF).

Part of the "render" and "write" steps, beside the site's pages and the data
exports; it needs no MkDocs. The book is rendered by the generator's own
Jinja2 templates (``templates/print/``, autoescaping on, contributor text only
ever a value), styled by ``theme/print/book.css`` and laid out by WeasyPrint:
a cover, contents with page numbers, every event in chronological order with
its sources as real footnotes (each source of an event numbered once; the
numbers run through each year's chapter), then the sources by outlet and the
disputed figures side by side.

Nothing is fetched. WeasyPrint fetches ``file://`` and network URLs by
default and embeds files that ``rel=attachment`` links point to; here its
URL fetcher serves only files inside the print stylesheet's folder and refuses
everything else, and attachments are stripped before the PDF is written.
"""

from __future__ import annotations

import datetime
import logging
import os
import re
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import jinja2
from markupsafe import Markup

from . import dates
from .body import render_body
from .model import Event
from .schema import Source
from .timeline import NOT_NAMED, Timeline, claim_value, number

#: The print stylesheet and any file it refers to (fonts, images): the only files the PDF may load.
PRINT_DIR = Path(__file__).resolve().parent.parent / "theme" / "print"
STYLESHEET = PRINT_DIR / "book.css"
#: Tagged PDF for screen readers (PDF/UA-1). Its cost, measured on 2 shared cores: the 13 real
#: events 2.5 -> 2.7 s; 1,000 generated events (1,176 pages) about 170 -> 230 s of CPU, nearly all
#: of it in writing the structure tree after layout. Much of that was pydyf rebuilding its list of
#: pages for every structure element; _page_references_cached removes it (1,098 pages: 220 -> 183 s).
PDF_VARIANT = "pdf/ua-1"
DEFAULT_AUTHOR = "Timeline contributors"

_CITE_MARK = re.compile(r'<sup class="tl-cite"><a href="#tlsrc-(\d+)">\[\d+\]</a></sup>')
_CITE_RUN = re.compile(f"(?:{_CITE_MARK.pattern})+")
_BODY_HEADING = re.compile(r"<(/?)h([234])>")


@dataclass(frozen=True)
class PdfResult:
    """What one export produced."""

    path: Path
    pages: int
    seconds: float


class PdfError(Exception):
    """The PDF could not be made (a message for the user, not a traceback)."""


# -- what the templates get --------------------------------------------------------------------


@dataclass(frozen=True)
class Book:
    """The cover and the document metadata."""

    title: str
    description: str
    author: str
    keywords: list[str]
    date_range: str
    event_count: int
    source_count: int
    edition: datetime.date | None

    @property
    def edition_label(self) -> str:
        return dates.Point(self.edition.year, self.edition.month, self.edition.day).label() if self.edition else ""


@dataclass(frozen=True)
class PrintEvent:
    """One event as the book prints it: its body with footnotes, and its sources numbered."""

    event: Event
    body: Markup
    numbers: dict[str, int]  # source id -> footnote number in this event
    source_marks: list[tuple[Source, int, bool]]  # (source, number, its footnote stands here) in number order
    outlets: dict[str, str]  # source id -> the outlet name to print


@dataclass(frozen=True)
class Part:
    """A chapter: the events of one year."""

    label: str
    anchor: str
    events: list[PrintEvent]


# -- the book as HTML ---------------------------------------------------------------------------


def _environment(timeline: Timeline) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["edtf_label"] = lambda text: dates.parse(text).label()
    env.filters["one_line"] = _one_line
    env.globals.update(timeline=timeline, claim_value=claim_value, number=number,
                       figures=timeline.vocabulary.figures, tag_labels=timeline.vocabulary.tags)
    return env


def _one_line(html: str) -> Markup:
    r"""Rendered (already escaped) HTML with every run of white space made one space.

    >>> _one_line('<span>Outlet A</span>,\n  <cite>“T”</cite>')
    Markup('<span>Outlet A</span>, <cite>“T”</cite>')
    """
    return Markup(re.sub(r"\s+", " ", str(html)).strip())


def print_event(event: Event, macros, first_number: int = 1) -> PrintEvent:
    """Number the event's sources by first citation and turn its citations into footnotes.

    Each source of the event gets one number, from ``first_number`` on (numbers run on through a
    chapter, so that two events on one page never show the same number). The body's first
    citation of a source becomes the footnote (WeasyPrint leaves a call in its place); later
    citations of the same source refer to that number. Sources the body does not cite get their
    footnotes on the event's "Sources" line, numbered after the cited ones.
    """
    sources = event.meta.sources
    by_position = {i: s for i, s in enumerate(sources, start=1)}
    html = render_body(event.body, {s.id: i for i, s in by_position.items()}, anchor_prefix="tlsrc")
    html = _BODY_HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}>", html)  # the event title is h2
    cited = list(dict.fromkeys(int(p) for p in _CITE_MARK.findall(html)))
    order = cited + [i for i in by_position if i not in cited]
    numbers = {by_position[p].id: n for n, p in enumerate(order, start=first_number)}
    placed: set[int] = set()

    def mark(match: re.Match) -> str:
        source = by_position[int(match.group(1))]
        n = numbers[source.id]
        if n in placed:
            return str(macros.ref(event, n))
        placed.add(n)
        return str(macros.footnote(event, source, n))

    def marks_in_a_row(match: re.Match) -> str:  # [^a][^b] -> calls 1,2 (not 12)
        return '<span class="fn-sep">,</span>'.join(mark(m) for m in _CITE_MARK.finditer(match.group(0)))

    body = Markup(_CITE_RUN.sub(marks_in_a_row, html))
    marks = [(by_position[p], numbers[by_position[p].id], numbers[by_position[p].id] not in placed) for p in order]
    outlets = {s.id: s.outlet or s.via or NOT_NAMED for s in sources}
    return PrintEvent(event, body, numbers, marks, outlets)


def edition_date(timeline: Timeline, edition: datetime.date | None = None) -> datetime.date | None:
    """The date on the cover: ``edition``, else SOURCE_DATE_EPOCH, else the latest date in the content.

    Never the clock of the machine that builds: the same content gives the same book.
    """
    if edition is not None:
        return edition
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise PdfError(f"SOURCE_DATE_EPOCH must be a number of seconds since 1970-01-01, got {epoch!r}") from None
    days: list[datetime.date] = []
    for event in timeline.events:
        texts = [event.meta.date] + [t for s in event.meta.sources for t in (s.published, s.accessed) if t]
        for text in texts:
            when = dates.parse(text)
            # The earliest day of each point: the edition never claims more than the content shows.
            days += [day for p in (when.start, when.end) if p and (day := p.earliest())]
    return max(days, default=None)


def render_html(timeline: Timeline, *, site_name: str, description: str,
                edition: datetime.date | None = None) -> str:
    """The whole book as one HTML document (print only: it links to nothing outside itself)."""
    env = _environment(timeline)
    macros = env.get_template("print/macros.html").module
    parts = []
    for year, groups in timeline.years:
        label = str(year) if year is not None and year >= 1 else (
            "Date unknown" if year is None else dates.Point(year, None, None).label())
        events: list[PrintEvent] = []
        next_number = 1  # footnotes are numbered through each chapter; chapters start on a new page
        for event in (e for group in groups for e in group.events):
            events.append(print_event(event, macros, first_number=next_number))
            next_number += len(events[-1].numbers)
        parts.append(Part(label, f"part-{len(parts) + 1}", events))
    keywords = ["timeline"] + [timeline.vocabulary.tags[t] for t in timeline.tags] + list(timeline.actors)
    book = Book(
        title=site_name or "Timeline",
        description=description,
        author=site_name or DEFAULT_AUTHOR,
        keywords=keywords,
        date_range=timeline.date_range,
        event_count=len(timeline.events),
        source_count=timeline.source_count,
        edition=edition_date(timeline, edition),
    )
    disputed = [table for table in timeline.figures if table.disputed]
    return env.get_template("print/book.html").render(
        book=book, parts=parts, outlets=timeline.outlets, disputed=disputed)


# -- HTML -> PDF, fetching nothing -------------------------------------------------------------


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
    return {".css": "text/css", ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf",
            ".otf": "font/otf", ".png": "image/png", ".svg": "image/svg+xml"}.get(path.suffix.lower(), "application/octet-stream")


def make_fetcher(allowed: Path = PRINT_DIR):
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
    css = weasyprint.CSS(string=stylesheet.read_text(encoding="utf-8"), base_url=stylesheet.parent.as_uri() + "/",
                         url_fetcher=fetcher)
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).render(
        stylesheets=[css], **_options(tagged))
    _strip_attachments(document)
    return document


def html_to_pdf(html: str, out: Path, *, progress: "Progress | None" = None, tagged: bool = True,
                stylesheet: Path = STYLESHEET) -> int:
    """Lay out ``html`` and write the PDF to ``out``; return the page count.

    The file appears only when it is complete (written beside ``out``, then renamed).
    """
    progress = progress or Progress(enabled=False)
    progress.stage("layout")
    with progress.follow_weasyprint():
        document = layout(html, tagged=tagged, stylesheet=stylesheet)
        progress.stage("write", f"{len(document.pages)} pages")
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{out.name}-", suffix=".tmp", dir=out.parent)
        os.close(fd)
        try:
            with _page_references_cached():
                document.write_pdf(temp, **_options(tagged))
            os.chmod(temp, 0o644)
            os.replace(temp, out)
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
    return len(document.pages)


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


def write_pdf(timeline: Timeline, out: Path, *, site_name: str, description: str,
              edition: datetime.date | None = None, progress: bool | None = None) -> PdfResult:
    """Write the timeline as a book to ``out``.

    ``edition`` is the date on the cover (default: SOURCE_DATE_EPOCH, else the latest date in the
    content). ``progress``: a text bar on stderr; None shows it when stderr is a terminal.
    """
    started = time.perf_counter()
    bar = Progress(enabled=sys.stderr.isatty() if progress is None else progress)
    try:
        bar.stage("render HTML", f"{len(timeline.events)} events")
        html = render_html(timeline, site_name=site_name, description=description, edition=edition)
        pages = html_to_pdf(html, Path(out), progress=bar)
    finally:
        bar.close()
    return PdfResult(Path(out), pages, time.perf_counter() - started)


# -- progress ------------------------------------------------------------------------------------


class Progress:
    """A one-line text bar on stderr: which stage runs, and during layout the page WeasyPrint is on.

    WeasyPrint has no progress callback; it does log each step and each page it lays out (on the
    ``weasyprint.progress`` logger), which is what the layout stage shows. The page count is not
    known before layout ends, so the bar moves by stage, not by page.
    """

    STAGES = ("render HTML", "layout", "write")
    WIDTH = 24

    def __init__(self, enabled: bool, stream: TextIO | None = None):
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.index = -1
        self.name = ""
        self._shown = 0
        self._last = 0.0

    def stage(self, name: str, detail: str = "") -> None:
        self.index, self.name = self.STAGES.index(name), name
        self._show(detail, force=True)
        self._last = 0.0  # a stage's first detail always shows; later ones at most every 0.1 s

    def detail(self, detail: str) -> None:
        now = time.monotonic()
        if now - self._last >= 0.1:
            self._show(detail)

    def _show(self, detail: str, force: bool = False) -> None:
        if not self.enabled:
            return
        self._last = time.monotonic()
        done = round(self.WIDTH * self.index / len(self.STAGES))
        bar = "#" * done + "-" * (self.WIDTH - done)
        line = f"PDF [{bar}] {self.index + 1}/{len(self.STAGES)} {self.name}" + (f": {detail}" if detail else "")
        pad = max(self._shown - len(line), 0)
        self.stream.write("\r" + line + " " * pad)
        self.stream.flush()
        self._shown = len(line)

    def close(self) -> None:
        if self.enabled and self._shown:
            self.stream.write("\r" + " " * self._shown + "\r")
            self.stream.flush()
            self._shown = 0

    @contextmanager
    def follow_weasyprint(self) -> Iterator[None]:
        """Show WeasyPrint's own step messages ("Creating layout - Page 12") while inside."""
        if not self.enabled:
            yield
            return
        logger = logging.getLogger("weasyprint.progress")
        handler = _ProgressHandler(self)
        saved = logger.level, logger.propagate
        logger.setLevel(logging.INFO)
        logger.propagate = False  # its messages are for this bar, not for whatever logs the build
        logger.addHandler(handler)
        try:
            yield
        finally:
            logger.removeHandler(handler)
            logger.setLevel(saved[0])
            logger.propagate = saved[1]


class _ProgressHandler(logging.Handler):
    """Turns "Step 5 - Creating layout - Page 12" into "page 12", and counts WeasyPrint's passes.

    WeasyPrint lays the pages out again when page numbers it used (contents, "Page X of Y") change.
    """

    def __init__(self, bar: Progress):
        super().__init__(logging.INFO)
        self.bar = bar
        self.passes = 1

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "Repagination" in message:
            self.passes += 1
        elif "Creating layout - Page" in message and "up-to-date" not in message:
            page = message.rsplit(" ", 1)[-1]
            self.bar.detail(f"page {page}" + (f" (pass {self.passes}, for page numbers)" if self.passes > 1 else ""))
