"""Dates as readers see them: English labels never more precise than what was written.

Part of the "render" step: the model holds parsed dates (``model/dates.py``);
every page, export and the book label them here.

Labels share an interval's year (and month) between its sides only when
neither side carries a qualifier, so "about" and "(uncertain)" never seem to
cover more than they do; an interval that crosses 1 BCE / 1 CE says "CE".

>>> from generator.check.edtf import parse
>>> label(parse("2024-10~/2024-11")), label(parse("/2025-01"))
('about October 2024 – November 2024', 'until January 2025 (start unknown)')
>>> label(parse("2024-12-30/2025-01-02")), label(parse("2024-10/"))
('30 December 2024 – 2 January 2025', 'from October 2024 (end unknown)')
>>> label(parse("2025-01-24/2025-02-07")), label(parse("-0044")), label(parse("2024-10-15%"))
('24 January – 7 February 2025', '45 BCE', 'about 15 October 2024 (uncertain)')
"""

from __future__ import annotations

from ..model.dates import MONTHS, EdtfDate, Point, year_text


def label(when: EdtfDate) -> str:
    """English label of a date, e.g. ``24–30 January 2025`` or ``from October 2024``."""
    if when.start is None:
        assert when.end is not None
        unknown = "" if when.start_open else " (start unknown)"
        return f"until {point_label(when.end)}{unknown}"
    if when.end is None:
        unknown = "" if when.end_open else " (end unknown)"
        return f"from {point_label(when.start)}{unknown}"
    return _range_label(when.start, when.end)


def point_label(point: Point, era: bool = False) -> str:
    """English label of one point at its true precision, e.g. ``about October 2024``.

    >>> point_label(Point(2025, 1, None, approximate=True)), point_label(Point(-44, None, None))
    ('about January 2025', '45 BCE')
    """
    text = year_text(point.year, era)
    if point.month is not None:
        text = f"{MONTHS[point.month - 1]} {text}"
    if point.day is not None:
        text = f"{point.day} {text}"
    prefix = "about " if point.approximate else ""
    return prefix + text + (" (uncertain)" if point.uncertain else "")


def counted_year(year: int) -> int:
    """A year as counted with no year 0, the way TimelineJS and CSL read a negative year:
    -44 there is 44 BCE, which EDTF (astronomical years, used by the model) writes -0043.

    >>> counted_year(2025), counted_year(1), counted_year(0), counted_year(-43)
    (2025, 1, -1, -44)
    """
    return year if year >= 1 else year - 1


def _range_label(a: Point, b: Point) -> str:
    """Label A – B, sharing the year (and month) only when nothing is qualified."""
    if a == b:
        return point_label(a)
    plain = not (a.approximate or a.uncertain or b.approximate or b.uncertain)
    if plain and a.year == b.year and a.precision == b.precision != "year":
        month = MONTHS[(a.month or 1) - 1]
        if a.day is None:
            return f"{month} – {point_label(b)}"
        if a.month == b.month:
            return f"{a.day}–{point_label(b)}"
        return f"{a.day} {month} – {point_label(b)}"
    era = (a.year < 1) != (b.year < 1)
    return f"{point_label(a, era)} – {point_label(b, era)}"
