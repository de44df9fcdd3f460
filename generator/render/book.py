"""The book: the Timeline -> the data the typesetter prints (the "render" step).

A cover, contents, the timeline drawn to scale, the free-form pages, every event in chronological
order with its sources as real footnotes (each source of an event numbered once; the numbers run
through each year's chapter), then the sources by the page read, the disputed figures side by side
(each drawn on its number line, as on the site), and the other disagreements (dates, who said
something, causes, descriptions) with each side's words. The charts are the site's SVG
(``render/charts/``), placed as images with their text alternative.

Everything is worded here, with the site's own rules (``format.py``, ``dates.py`` and the
citation of ``templates/citation.html``), and handed over as plain data: strings and the node
trees of ``printnodes.py``. ``templates/print/book.typ`` lays it out and ``write/pdf.py`` runs
Typst on it; Typst prints every string as text, so no contributor text is ever read as markup.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass

from ..model.dates import Point
from ..model.event import Event, Source, citations
from ..model.timeline import Timeline
from . import format as fmt
from .bookparts import Citations, appendices, evidence, footnote_id, time_chart
from .dates import label, point_label
from .paging import group_by_month
from .printnodes import Node, nodes, relevel
from .templates import TEMPLATES, environment

#: The book's Typst template: the definitions every book's source starts with (booksource.py).
TEMPLATE = TEMPLATES / "print" / "book.typ"
DEFAULT_AUTHOR = "Timeline contributors"


class BookError(Exception):
    """The book cannot be made as asked (a message for the user, not a traceback)."""


@dataclass(frozen=True)
class PrintEvent:
    """One event as the book prints it: its body with footnotes, and its sources numbered."""

    event: Event
    body: list[Node]
    numbers: dict[str, int]  # source id -> footnote number in this event
    source_marks: list[tuple[Source, int, bool]]  # (source, number, its footnote stands here) in number order


def print_event(event: Event, cite: Citations, first_number: int = 1) -> PrintEvent:
    """Number the event's sources by first citation and turn its citations into footnotes.

    Each source of the event gets one number, from ``first_number`` on (numbers run on through a
    chapter, so that two events on one page never show the same number). The body's first
    citation of a source is the footnote; later citations of the same source call that number.
    Sources the body does not cite get their footnotes on the event's "Sources" line, numbered
    after the cited ones.
    """
    by_id = {source.id: source for source in event.sources}
    cited = [source_id for source_id in dict.fromkeys(citations(event.body_html)) if source_id in by_id]
    order = cited + [source.id for source in event.sources if source.id not in cited]
    numbers = {source_id: n for n, source_id in enumerate(order, start=first_number)}
    placed: set[int] = set()

    def mark(source_id: str) -> Node:
        if source_id not in numbers:  # validation refuses unknown ids; keep the text visible
            return f"[^{source_id}]"
        n = numbers[source_id]
        if n in placed:
            return {"t": "ref", "n": n, "id": footnote_id(event, n)}
        placed.add(n)
        return {"t": "fn", "n": n, "id": footnote_id(event, n), "c": cite.citation(by_id[source_id])}

    body = relevel(nodes(event.body_html, mark), 2)
    marks = [(by_id[source_id], numbers[source_id], numbers[source_id] not in placed) for source_id in order]
    return PrintEvent(event, body, numbers, marks)


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


def book_data(timeline: Timeline, *, site_name: str, description: str, edition: datetime.date | None = None) -> dict:
    """The whole book as data for ``print/book.typ`` (print only: it links to nothing outside itself)."""
    cite = Citations(environment(timeline))
    parts = [_part(timeline, year, groups, cite) for year, groups in group_by_month(timeline.events)]
    return {
        **_cover(timeline, site_name, description, edition_date(timeline, edition)),
        "front": [
            {
                "id": page.id,
                "title": page.title,
                "summary": page.summary or "",
                "body": relevel(nodes(page.body_html), 1),  # sanitized when checked
            }
            for page in timeline.pages
        ],
        "axis": time_chart(timeline),
        "parts": parts,
        **appendices(timeline, cite),
    }


def _cover(timeline: Timeline, site_name: str, description: str, edition: datetime.date | None) -> dict:
    """The cover's words and the document's metadata."""
    keywords = ["timeline"] + [timeline.vocabulary.tags[t] for t in timeline.tags] + list(timeline.actors)
    period = fmt.date_range(timeline)
    facts = [["Period", period]] if period else []
    facts.append(["Events", fmt.number(len(timeline.events))])
    facts.append(["Sources", f"{fmt.number(timeline.source_count)} articles"])
    if edition:
        facts.append(["Edition", point_label(Point(edition.year, edition.month, edition.day))])
    return {
        "title": site_name or "Timeline",
        "description": description or "",
        "author": site_name or DEFAULT_AUTHOR,
        "keywords": keywords,
        "date": [edition.year, edition.month, edition.day] if edition else None,
        "facts": facts,
    }


def _part(timeline: Timeline, year: int | None, groups: list, cite: Citations) -> dict:
    """One year's chapter; footnotes are numbered through it (chapters start on a new page)."""
    title = (
        str(year)
        if year is not None and year >= 1
        else ("Date unknown" if year is None else point_label(Point(year, None, None)))
    )
    events: list[dict] = []
    next_number = 1
    for event in (e for group in groups for e in group.events):
        item = print_event(event, cite, first_number=next_number)
        event_data = {**_event(timeline, item, cite), **evidence(timeline, item, cite), "first_note": next_number}
        events.append(event_data)
        next_number += len(item.numbers)
    return {"label": title, "events": events}


def _event(timeline: Timeline, item: PrintEvent, cite: Citations) -> dict:
    event = item.event
    sources = []
    for source, n, first in item.source_marks:
        call = {"t": "fn" if first else "ref", "n": n, "id": footnote_id(event, n)}
        if first:
            call["c"] = cite.citation(source)
        sources.append({"name": fmt.source_name(source), "call": call})
    tags = ", ".join(timeline.vocabulary.tags[tag] for tag in event.tags)
    return {
        "id": event.id,
        "date": label(event.when),
        "title": event.title,
        "facts": " · ".join(fact for fact in (event.location, ", ".join(event.actors), tags) if fact),
        "date_note": event.date_note or "",
        "summary": event.summary,
        "body": item.body,
        "sources": sources,
    }
