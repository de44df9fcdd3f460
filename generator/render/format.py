"""How values read on a page: numbers, claimed values, outlets, the timeline's span (the "render" step).

One rule each, shared by the site, the book and the data exports, so that a
figure or an outlet never reads one way on a page and another in print.
"""

from __future__ import annotations

import re

from ..model.dates import EdtfDate
from ..model.event import Claim, Source
from ..model.timeline import FigureTable, Timeline
from ..model.vocabulary import Figure
from .dates import label, point_label

QUALIFIER_WORDS = {
    "exact": "",
    "about": "about ",
    "more-than": "more than ",
    "at-least": "at least ",
    "less-than": "less than ",
    "up-to": "up to ",
}
#: What stands for an outlet when an article names none and was not read on a named site.
NOT_NAMED = "Outlet not named"
#: A number as event files write it (``check/schema.py``): digits, at most one point, a sign.
NUMBER_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?")


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


def outlet_label(outlet: str | Source | None) -> str:
    """The name an outlet is listed and filtered by: the outlet the article names, else the site
    it was read on, else :data:`NOT_NAMED`.

    >>> outlet_label(Source(id="a", via="Aggregator")), outlet_label(None)
    ('Aggregator', 'Outlet not named')
    """
    name = outlet.named_outlet if isinstance(outlet, Source) else outlet
    return name or NOT_NAMED


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
