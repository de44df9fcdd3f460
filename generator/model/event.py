"""Model: one valid event file as data, parsed once.

The ``check`` step builds these from a file that passed every rule; every
later step reads them and parses nothing again: dates are
:class:`~generator.model.dates.EdtfDate` values, and the body is kept both as
written (Markdown, for the data exports) and as sanitized HTML.

The body's HTML carries its citations ``[^id]`` as markers (:data:`CITATION`)
rather than links: the site numbers them as reference links, the book as
footnotes. :func:`citations` finds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .dates import EdtfDate

#: How a citation ``[^id]`` stands in a body's HTML: the source id between two invisible
#: separators (U+2063), a character nobody types (the check step removes it from bodies) and the
#: sanitizer keeps as text. Only in text, never in an attribute: Markdown places them.
CITATION = "\u2063cite:{}\u2063"
CITATION_MARK = re.compile("\u2063cite:([a-z0-9-]+)\u2063")
#: Citations one after the other: ``[^a][^b]``.
CITATION_RUN = re.compile(f"(?:{CITATION_MARK.pattern})+")


#: How sure the link is between a page and the outlet it comes from (``Source.origin_link``):
#: the page says so in words, or only shows signs of it, or nobody knows.
ORIGIN_LINKS = ("stated", "apparent", "unknown")


@dataclass(frozen=True, kw_only=True)
class Source:
    """An article the event cites: the page that was read, and the outlets it comes from or credits.

    ``outlet``, ``title``, ``author``, ``published`` and ``date_printed`` describe the page as read,
    as it presents itself; ``origin`` is the outlet it reproduces or claims to come from, with
    ``origin_link`` saying how sure that is and ``origin_quote`` the page's words that show it;
    ``credits`` are further outlets it names as its sources. ``snapshot`` names the plain-text copy
    of the page every quote from it was checked against, and ``snapshot_read`` when it was read.
    """

    id: str
    label: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: EdtfDate | None = None
    date_printed: str | None = None
    url: str | None = None
    accessed: EdtfDate | None = None
    origin: str | None = None
    origin_link: str | None = None
    origin_quote: str | None = None
    credits: tuple[str, ...] = ()
    snapshot: str | None = None
    snapshot_read: EdtfDate | None = None
    note: str | None = None
    left_out: str | None = None

    @property
    def publication(self) -> str | None:
        """The name the page is listed under: its outlet, else its label; None when neither is known."""
        return self.outlet or self.label


@dataclass(frozen=True, kw_only=True)
class Claim:
    """One figure as one source reports it, with who gives it."""

    figure: str
    value: float | int
    value_max: float | int | None = None
    qualifier: str = "exact"
    claimant: str
    source: str
    quote: str
    note: str | None = None
    #: ``value`` and ``value_max`` as the source wrote them ("2.125", "0.004"): what is printed.
    value_text: str | None = None
    value_max_text: str | None = None


@dataclass(frozen=True, kw_only=True)
class ReportedDate:
    """A date one source gives for the event, kept when sources disagree."""

    date: EdtfDate
    source: str
    quote: str
    claimant: str | None = None
    note: str | None = None


#: What sources may disagree on besides figures (``Disagreement.kind``). The event's own date
#: has ``reported_dates``; ``date`` here is another date the sources give differently.
DISAGREEMENT_KINDS = ("date", "attribution", "cause", "description")


@dataclass(frozen=True, kw_only=True)
class Side:
    """One side of a disagreement: what one source says, in its words."""

    source: str
    quote: str
    claimant: str | None = None
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class Disagreement:
    """Sources (or one source with itself) disagree on a date, on who said something, on a cause or
    on a description; each side keeps its source and its words."""

    kind: str
    topic: str
    sides: tuple[Side, ...]
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class Event:
    """One valid event file."""

    id: str
    path: Path  # the event file, for "Edit this page"
    shown: str  # the path as messages print it
    title: str
    when: EdtfDate
    date_note: str | None = None
    summary: str
    tags: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    location: str | None = None
    sources: tuple[Source, ...]
    claims: tuple[Claim, ...] = ()
    reported_dates: tuple[ReportedDate, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    body: str  # Markdown, as written
    body_html: str  # sanitized HTML, citations as CITATION markers
    body_line: int  # the file's line of the body's first line
    #: (line, column) of each ``TODO:`` placeholder left in the file: valid, not ready to publish.
    placeholders: tuple[tuple[int, int], ...] = ()
    #: (line, column, message) of what ``check`` advises without refusing the file.
    advice: tuple[tuple[int, int, str], ...] = ()

    def source(self, source_id: str) -> Source:
        """The event's source with that id (validation guarantees it exists)."""
        return next(s for s in self.sources if s.id == source_id)

    @property
    def dates_disputed(self) -> bool:
        """Do its sources give different dates for it (``reported_dates``)?"""
        return len({r.date.text for r in self.reported_dates}) > 1


def citations(body_html: str) -> list[str]:
    """The source ids a body cites, in order, each as often as it is cited.

    >>> citations("<p>a" + CITATION.format("x") + " b" + CITATION.format("y-1") + "</p>")
    ['x', 'y-1']
    """
    return CITATION_MARK.findall(body_html)
