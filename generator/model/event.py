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


@dataclass(frozen=True, kw_only=True)
class Source:
    """An article the event cites, described as the article itself presents it."""

    id: str
    title: str | None = None
    outlet: str | None = None
    via: str | None = None
    credits: tuple[str, ...] = ()
    author: str | None = None
    published: EdtfDate | None = None
    url: str | None = None
    accessed: EdtfDate | None = None
    note: str | None = None

    @property
    def named_outlet(self) -> str | None:
        """The outlet the article names, else the site it was read on; None when neither is known."""
        return self.outlet or self.via


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
    body: str  # Markdown, as written
    body_html: str  # sanitized HTML, citations as CITATION markers
    body_line: int  # the file's line of the body's first line
    #: (line, column) of each ``TODO:`` placeholder left in the file: valid, not ready to publish.
    placeholders: tuple[tuple[int, int], ...] = ()

    def source(self, source_id: str) -> Source:
        """The event's source with that id (validation guarantees it exists)."""
        return next(s for s in self.sources if s.id == source_id)


def citations(body_html: str) -> list[str]:
    """The source ids a body cites, in order, each as often as it is cited.

    >>> citations("<p>a" + CITATION.format("x") + " b" + CITATION.format("y-1") + "</p>")
    ['x', 'y-1']
    """
    return CITATION_MARK.findall(body_html)
