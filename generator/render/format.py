"""How values read on a page: numbers, claimed values, sources and their lineage, the timeline's span
(the "render" step).

One rule each, shared by the site, the book and the data exports, so that a
figure or a source never reads one way on a page and another in print. A source
is always named by the page that was read (its outlet, or its label), never by
the outlet it credits: that one comes after, with how sure the link is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model.dates import EdtfDate
from ..model.event import Claim, Event, Source
from ..model.timeline import FigureTable, Timeline
from ..model.vocabulary import Figure
from .dates import label, point_label

QUALIFIER_WORDS = {
    "exact": "",
    "about": "about ",
    "nearly": "nearly ",
    "more-than": "more than ",
    "at-least": "at least ",
    "less-than": "less than ",
    "up-to": "up to ",
}
#: What stands for the publication when a page names no outlet and has no label.
NOT_NAMED = "Publisher not named"
#: A number as event files write it (``check/schema.py``): digits, at most one point, a sign.
NUMBER_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?")
#: How the link from a page to the outlet it comes from reads, by ``Source.origin_link``.
ORIGIN_WORDS = {
    "stated": "says it comes from {}",
    "apparent": "apparently from {}",
    "unknown": "perhaps from {} (the link is unknown)",
}
#: What sources disagree on, as the Disputes page and the event pages head each kind.
DISPUTE_KINDS = {
    "figure": "Figures",
    "date": "Dates",
    "attribution": "Who said it",
    "cause": "Causes",
    "description": "Descriptions",
}


def number(value: float | int, written: str | None = None) -> str:
    """A number as the source wrote it (``written``, its digits and decimals), thousands grouped.

    Never rounded: a sourced timeline prints what its source printed.

    >>> number(11000), number(0.004, "0.004"), number(2.125, "2.125"), number(33.3, "33.30"), number(-1500.5)
    ('11,000', '0.004', '2.125', '33.30', '-1,500.5')
    """
    text = written or (str(value) if isinstance(value, int) else repr(float(value)))
    if not NUMBER_TEXT.fullmatch(text):  # a float repr such as 1e-05: no grouping to add
        return text
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    return f"{sign}{int(whole):,}" + (f".{fraction}" if fraction else "")


def claim_value(claim: Claim, figure: Figure | None = None) -> str:
    """'about 25–30 percent', 'more than 300 soldiers'."""
    amount = number(claim.value, claim.value_text)
    if claim.value_max is not None:
        amount += f"–{number(claim.value_max, claim.value_max_text)}"
    unit = f" {figure.unit}" if figure else ""
    return f"{QUALIFIER_WORDS[claim.qualifier]}{amount}{unit}"


def spread(table: FigureTable) -> str:
    """'300 – 1,000 soldiers' across every claim of a figure, or the one value (as written)."""
    written: dict[float | int, str] = {}
    for citation in table.citations:
        claim = citation.claim
        written.setdefault(claim.value, number(claim.value, claim.value_text))
        if claim.value_max is not None:
            written.setdefault(claim.value_max, number(claim.value_max, claim.value_max_text))
    low = min(v[0] for v in table.values)
    high = max(v[1] for v in table.values)
    if low == high:
        return f"{written[low]} {table.figure.unit}"
    return f"{written[low]} – {written[high]} {table.figure.unit}"


class CompetingValues(dict):
    """Each disputed figure's spread and how many articles give it, as a timeline card says it:
    '300 – 1,000 soldiers, 3 sources'. Made once: every card of an event reporting it repeats it."""

    def __init__(self, timeline: Timeline):
        super().__init__()
        for table in timeline.figures:
            if table.disputed:
                count = table.source_count
                self[table.figure.id] = f"{spread(table)}, {count} source{'s' if count != 1 else ''}"

    def of(self, event: Event) -> list[str]:
        """The disputed figures an event reports, each once, in its order."""
        return [figure for figure in dict.fromkeys(c.figure for c in event.claims) if figure in self]


def outlet_label(outlet: str | Source | None) -> str:
    """The name a page is listed and filtered by: the outlet that published it, else its label,
    else :data:`NOT_NAMED`. Never the outlet it credits.

    >>> outlet_label(Source(id="a", outlet="Aggregator", origin="Big Paper")), outlet_label(None)
    ('Aggregator', 'Publisher not named')
    """
    name = outlet.publication if isinstance(outlet, Source) else outlet
    return name or NOT_NAMED


def lineage(source: Source, quoted: bool = False) -> str:
    """Where the page says or seems to come from, and whom it credits; '' when it claims nothing.
    ``quoted`` adds the page's own words that show the link.

    >>> s = Source(id="a", origin="The Paper", origin_link="apparent", origin_quote="Try The Paper",
    ...            credits=("A", "B", "C"))
    >>> lineage(s)
    'apparently from The Paper, credits A, B and C'
    >>> lineage(s, quoted=True)
    'apparently from The Paper (“Try The Paper”), credits A, B and C'
    >>> lineage(Source(id="b", origin_link="unknown"))
    'origin unknown'
    """
    parts = []
    if source.origin:
        parts.append(ORIGIN_WORDS[source.origin_link or "unknown"].format(source.origin))
        if quoted and source.origin_quote:
            parts[-1] += f" (“{source.origin_quote}”)"
    elif source.origin_link == "unknown":
        parts.append("origin unknown")
    if source.credits:
        parts.append("credits " + and_list(source.credits))
    return ", ".join(parts)


def source_name(source: Source) -> str:
    """The page read and, after it, where it comes from: 'Pelican Press (apparently from The Telegraph)'."""
    chain = lineage(source)
    return f"{outlet_label(source)} ({chain})" if chain else outlet_label(source)


def outlet_names(event: Event) -> list[str]:
    """The names an event's pages are listed and filtered by, each once, in order."""
    return [outlet_label(name) for name in Timeline.event_outlets(event)]


def source_names(event: Event) -> list[str]:
    """An event's pages, each with its lineage, each once, in order."""
    return list(dict.fromkeys(source_name(s) for s in event.sources))


def publication_name(name: str | None, sources: Iterable[Source]) -> str:
    """A publication as the Outlet filter and the Sources page list it: its name and the lineage of its
    pages, each once ('Publisher not named (says it comes from CNN)').

    >>> publication_name("Site", [Source(id="a", origin="X", origin_link="stated"), Source(id="b")])
    'Site (says it comes from X)'
    """
    chains = [chain for chain in dict.fromkeys(lineage(s) for s in sources) if chain]
    shown = "; ".join(chains[:3]) + ("; …" if len(chains) > 3 else "")
    return f"{outlet_label(name)} ({shown})" if shown else outlet_label(name)


def and_list(names: Iterable[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    items = list(names)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def date_range(timeline: Timeline) -> str:
    """The span of the whole timeline: 'about June 2024 – 11 January 2025'; '' with no events."""
    first, last = timeline.first_date, timeline.last_date
    if first is None or last is None:
        return ""
    start = first.start or first.end
    end = last.end or last.start
    if not (start and end) or start == end:
        return label(first)
    span = EdtfDate.between(start, end)
    return label(span) if span else f"{point_label(start)} – {point_label(end)}"
