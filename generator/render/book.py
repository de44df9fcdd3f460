"""The book: the Timeline -> one HTML document for print (the "render" step).

Rendered by the same Jinja2 environment as the site (``templates.py``), from
``templates/print/``: a cover, contents, every event in chronological order
with its sources as real footnotes (each source of an event numbered once; the
numbers run through each year's chapter), then the sources by the page read,
the disputed figures side by side, and the other disagreements (dates, who
said something, causes, descriptions) with each side's words. ``write/pdf.py`` lays it out with
:data:`STYLESHEET` and writes the PDF.
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass

from markupsafe import Markup

from ..model.dates import Point
from ..model.event import CITATION_MARK, CITATION_RUN, Event, Source, citations
from ..model.sanitize import clean
from ..model.timeline import Timeline
from .dates import point_label
from .format import date_range, source_name
from .paging import group_by_month
from .templates import TEMPLATES, environment

#: The print stylesheet; the PDF may load no file outside its folder.
STYLESHEET = TEMPLATES / "print" / "book.css"
DEFAULT_AUTHOR = "Timeline contributors"

#: What the book adds to a body: footnotes (print/macros.html, citation.html), references to them,
#: the commas between calls, and headings one level down.
PRINT_MARKUP = {"span": {"class", "id", "data-n"}, "a": {"class"}, "h5": set()}
_BODY_HEADING = re.compile(r"<(/?)h([234])>")


class BookError(Exception):
    """The book cannot be made as asked (a message for the user, not a traceback)."""


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
        if not self.edition:
            return ""
        return point_label(Point(self.edition.year, self.edition.month, self.edition.day))


@dataclass(frozen=True)
class PrintEvent:
    """One event as the book prints it: its body with footnotes, and its sources numbered."""

    event: Event
    body: Markup
    numbers: dict[str, int]  # source id -> footnote number in this event
    source_marks: list[tuple[Source, int, bool]]  # (source, number, its footnote stands here) in number order
    outlets: dict[str, str]  # source id -> the page read and its lineage, as printed


@dataclass(frozen=True)
class Part:
    """A chapter: the events of one year."""

    label: str
    anchor: str
    events: list[PrintEvent]


def print_event(event: Event, macros, first_number: int = 1) -> PrintEvent:
    """Number the event's sources by first citation and turn its citations into footnotes.

    Each source of the event gets one number, from ``first_number`` on (numbers run on through a
    chapter, so that two events on one page never show the same number). The body's first
    citation of a source becomes the footnote (WeasyPrint leaves a call in its place); later
    citations of the same source refer to that number. Sources the body does not cite get their
    footnotes on the event's "Sources" line, numbered after the cited ones. The body is sanitized
    again once its footnotes are in (``model/sanitize.py``): nothing edits it after that.
    """
    by_id = {source.id: source for source in event.sources}
    cited = [source_id for source_id in dict.fromkeys(citations(event.body_html)) if source_id in by_id]
    order = cited + [source.id for source in event.sources if source.id not in cited]
    numbers = {source_id: n for n, source_id in enumerate(order, start=first_number)}
    placed: set[int] = set()

    def mark(source_id: str) -> str:
        if source_id not in numbers:  # validation refuses unknown ids; keep the text visible
            return f"[^{source_id}]"
        n = numbers[source_id]
        if n in placed:
            return str(macros.ref(event, n))
        placed.add(n)
        return str(macros.footnote(event, by_id[source_id], n))

    def marks_in_a_row(match: re.Match) -> str:  # [^a][^b] -> calls 1,2 (not 12)
        return '<span class="fn-sep">,</span>'.join(mark(source_id) for source_id in CITATION_MARK.findall(match[0]))

    html = CITATION_RUN.sub(marks_in_a_row, event.body_html)
    html = _BODY_HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}>", html)  # the event title is h2
    body = Markup(clean(html, PRINT_MARKUP).strip())
    marks = [(by_id[source_id], numbers[source_id], numbers[source_id] not in placed) for source_id in order]
    outlets = {s.id: source_name(s) for s in event.sources}
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
            return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise BookError(f"SOURCE_DATE_EPOCH must be a number of seconds since 1970-01-01, got {epoch!r}") from None
    days: list[datetime.date] = []
    for event in timeline.events:
        whens = [event.when] + [d for s in event.sources for d in (s.published, s.accessed) if d]
        # The earliest day of each point: the edition never claims more than the content shows.
        days += [day for when in whens for p in (when.start, when.end) if p and (day := p.earliest())]
    return max(days, default=None)


def book_html(timeline: Timeline, *, site_name: str, description: str, edition: datetime.date | None = None) -> str:
    """The whole book as one HTML document (print only: it links to nothing outside itself)."""
    env = environment(timeline)
    macros = env.get_template("print/macros.html").module
    parts = [
        _part(year, groups, macros, number) for number, (year, groups) in enumerate(group_by_month(timeline.events), 1)
    ]
    keywords = ["timeline"] + [timeline.vocabulary.tags[t] for t in timeline.tags] + list(timeline.actors)
    book = Book(
        title=site_name or "Timeline",
        description=description,
        author=site_name or DEFAULT_AUTHOR,
        keywords=keywords,
        date_range=date_range(timeline),
        event_count=len(timeline.events),
        source_count=timeline.source_count,
        edition=edition_date(timeline, edition),
    )
    disputed = [table for table in timeline.figures if table.disputed]
    front = [(page, Markup(page.body_html)) for page in timeline.pages]  # sanitized when checked
    return env.get_template("print/book.html").render(
        book=book,
        front=front,
        parts=parts,
        outlets=timeline.outlets,
        disputed=disputed,
        disputes=timeline.disputes,
    )


def _part(year: int | None, groups: list, macros, number: int) -> Part:
    """One year's chapter; footnotes are numbered through it (chapters start on a new page)."""
    label = (
        str(year)
        if year is not None and year >= 1
        else ("Date unknown" if year is None else point_label(Point(year, None, None)))
    )
    events: list[PrintEvent] = []
    next_number = 1
    for event in (e for group in groups for e in group.events):
        events.append(print_event(event, macros, first_number=next_number))
        next_number += len(events[-1].numbers)
    return Part(label, f"part-{number}", events)
