"""Event dates: parse, check, sort and label EDTF-style date strings.

Pipeline step: **validate**.  Contributors write a date in each event's
front-matter; this module turns that text into an :class:`EdtfDate`, rejects
anything malformed with a :class:`DateError` that says what to fix (and at
which column), gives every date a total sort order, and renders an English
label that is never more precise than what was written.

Grammar (ISO 8601-2 / EDTF level 0 plus the useful parts of level 1)::

    point     = YYYY | YYYY-MM | YYYY-MM-DD, optionally prefixed by "-" (BCE)
    qualified = point, optionally followed by "~" (approximate),
                "?" (uncertain) or "%" (approximate and uncertain)
    date      = qualified | side "/" side
    side      = qualified | ".." (open end) | "" (unknown end)

Years use astronomical numbering, as EDTF does: ``0000`` is 1 BCE, ``-0001``
is 2 BCE, so ``-0044`` is labelled "45 BCE".  Leap years follow the proleptic
Gregorian calendar for every year.  Unspecified digits (``X``), seasons,
``Y``-prefixed long years, sets and lists are not supported.  An interval is
rejected only when no reading of it can start before it ends, so
``2024-05/2024`` ("from May, ending some time in 2024") is accepted.

Labels share an interval's year (and month) between its sides only when
neither side carries a qualifier, so "about" and "(uncertain)" never seem to
cover more than they do; an interval that crosses 1 BCE / 1 CE says "CE".
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from dataclasses import dataclass

__all__ = ["DateError", "EdtfDate", "Point", "parse", "sort_key"]

SortKey = tuple[int, int, int, int, int, int, str]

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_QUALIFIERS = {"": (False, False), "~": (True, False),
               "?": (False, True), "%": (True, True)}
_FIELDS = (("year", 4, "e.g. 2024, 0800 or -0044"),
           ("month", 2, "01 to 12"), ("day", 2, "01 to 31"))
_DIGITS = "0123456789"
_OPEN = 10**9  # sorts after the last day of year 9999 (99991231)
_GRAMMAR = ("expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by "
            "~ ? or %, or an interval A/B")
_SPACE = re.compile(r"\s")  # the same characters as str.isspace()


class DateError(ValueError):
    """A date string that cannot be used, with a message that says why.

    ``column`` is the 0-based offset in the text where the problem starts.

    >>> try:
    ...     parse("2024-13")
    ... except DateError as error:
    ...     print(error.column, error)
    5 month 13 does not exist: months run from 01 to 12
    """

    def __init__(self, message: str, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


def _days_in_month(year: int, month: int) -> int:
    return 29 if month == 2 and calendar.isleap(year) else _DAYS[month - 1]


def _digits(year: int, month: int | None, day: int | None) -> str:
    text = ("-" if year < 0 else "") + f"{abs(year):04d}"
    text += f"-{month:02d}" if month is not None else ""
    return text + (f"-{day:02d}" if day is not None else "")


def _year_text(year: int, era: bool = False) -> str:
    if year < 1:
        return f"{1 - year} BCE"
    return f"{year} CE" if era else str(year)


def _date_problem(year: int, month: int | None,
                  day: int | None) -> tuple[str, int] | None:
    """Why year-month-day is not a real date, and which field (0-2) is wrong."""
    if month is not None and not 1 <= month <= 12:
        note = " (EDTF seasons, 21-41, are not supported)" if month > 20 else ""
        return (f"month {month:02d} does not exist: months run from 01 to 12"
                + note), 1
    if day is None or month is None:
        return None
    if day < 1:
        return f"day {day:02d} does not exist: days start at 01", 2
    last = _days_in_month(year, month)
    if day > last:
        name = f"{MONTHS[month - 1]} {_year_text(year)}"
        return (f"'{_digits(year, month, day)}' is not a real date: "
                f"{name} has {last} days"), 2
    return None


@dataclass(frozen=True)
class Point:
    """One calendar date, known to the year, the month or the day.

    >>> p = Point(2025, 1, None, approximate=True)
    >>> p.precision, p.edtf(), p.label()
    ('month', '2025-01~', 'about January 2025')
    >>> p.earliest(), p.latest()
    (datetime.date(2025, 1, 1), datetime.date(2025, 1, 31))
    >>> Point(-44, None, None).label(), Point(-44, None, None).earliest()
    ('45 BCE', None)
    """

    year: int
    month: int | None
    day: int | None
    approximate: bool = False
    uncertain: bool = False

    def __post_init__(self) -> None:
        if not -9999 <= self.year <= 9999:
            raise DateError("years run from -9999 to 9999")
        if self.day is not None and self.month is None:
            raise DateError("a day needs a month")
        problem = _date_problem(self.year, self.month, self.day)
        if problem:
            raise DateError(problem[0])

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    def earliest(self) -> datetime.date | None:
        """First possible day, or None outside ``datetime``'s years 1-9999."""
        if not 1 <= self.year <= 9999:
            return None
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> datetime.date | None:
        """Last possible day, or None outside ``datetime``'s years 1-9999."""
        if not 1 <= self.year <= 9999:
            return None
        month = self.month or 12
        return datetime.date(self.year, month,
                             self.day or _days_in_month(self.year, month))

    def edtf(self) -> str:
        """Canonical EDTF text, e.g. ``2025-01~``."""
        marks = {v: k for k, v in _QUALIFIERS.items()}
        return _digits(self.year, self.month, self.day) + marks[
            (self.approximate, self.uncertain)]

    def label(self) -> str:
        """English label at the true precision, e.g. ``about October 2024``."""
        return self._label()

    def _label(self, era: bool = False) -> str:
        text = _year_text(self.year, era)
        if self.month is not None:
            text = f"{MONTHS[self.month - 1]} {text}"
        if self.day is not None:
            text = f"{self.day} {text}"
        return self._qualify(text)

    def _qualify(self, text: str) -> str:
        prefix = "about " if self.approximate else ""
        return prefix + text + (" (uncertain)" if self.uncertain else "")

    def _rank(self) -> int:
        return ("year", "month", "day").index(self.precision)

    def _first(self) -> int:
        return self.year * 10000 + (self.month or 1) * 100 + (self.day or 1)

    def _last(self) -> int:
        month = self.month or 12
        day = self.day or _days_in_month(self.year, month)
        return self.year * 10000 + month * 100 + day


def _range_label(a: Point, b: Point) -> str:
    """Label A – B, sharing the year (and month) only when nothing is qualified."""
    if a == b:
        return a.label()
    plain = not (a.approximate or a.uncertain or b.approximate or b.uncertain)
    if plain and a.year == b.year and a.precision == b.precision != "year":
        month = MONTHS[(a.month or 1) - 1]
        if a.day is None:
            return f"{month} – {b.label()}"
        if a.month == b.month:
            return f"{a.day}–{b.label()}"
        return f"{a.day} {month} – {b.label()}"
    era = (a.year < 1) != (b.year < 1)
    return f"{a._label(era)} – {b._label(era)}"


@dataclass(frozen=True)
class EdtfDate:
    """A parsed event date: a single point or an interval.

    For a single date ``end is start``.  In an interval a missing side is
    None; ``start_open``/``end_open`` tell ``..`` (open) from an empty,
    unknown side.  ``text`` is the text as written.

    >>> d = parse("2024-10~/2024-11")
    >>> d.year, d.month, d.approximate, d.uncertain, d.label()
    (2024, 10, True, False, 'about October 2024 – November 2024')
    >>> parse("/2025-01").label(), parse("/2025-01").edtf()
    ('until January 2025 (start unknown)', '/2025-01')
    """

    start: Point | None
    end: Point | None
    is_interval: bool
    start_open: bool
    end_open: bool
    text: str

    @property
    def _anchor(self) -> Point:
        point = self.start or self.end
        assert point is not None  # parse() never builds a date with neither
        return point

    @property
    def year(self) -> int | None:
        """Year to group the event under: the start's, else the end's."""
        return self._anchor.year

    @property
    def month(self) -> int | None:
        """Month to group the event under; None when known only to the year."""
        return self._anchor.month

    @property
    def approximate(self) -> bool:
        """True if either side is approximate (``~`` or ``%``)."""
        return any(p.approximate for p in (self.start, self.end) if p)

    @property
    def uncertain(self) -> bool:
        """True if either side is uncertain (``?`` or ``%``)."""
        return any(p.uncertain for p in (self.start, self.end) if p)

    def sort_key(self) -> SortKey:
        """Chronological key; see :func:`sort_key`.

        >>> parse("2024").sort_key() < parse("2024-01").sort_key()
        True
        """
        anchor, end = self._anchor, self.end
        end_key = (end._first(), end._rank()) if end else (_OPEN, 0)
        return (0, anchor._first(), anchor._rank(), int(self.is_interval),
                *end_key, self.text)

    def edtf(self) -> str:
        """Canonical EDTF text (equal to ``text`` for anything parse accepts)."""
        if not self.is_interval:
            return self._anchor.edtf()
        sides = [(p.edtf() if p else (".." if is_open else ""))
                 for p, is_open in ((self.start, self.start_open),
                                    (self.end, self.end_open))]
        return "/".join(sides)

    def label(self) -> str:
        """English label, e.g. ``24–30 January 2025`` or ``from October 2024``.

        >>> parse("2024-12-30/2025-01-02").label()
        '30 December 2024 – 2 January 2025'
        >>> parse("2024-10/").label()
        'from October 2024 (end unknown)'
        """
        if self.start is None:
            assert self.end is not None
            unknown = "" if self.start_open else " (start unknown)"
            return f"until {self.end.label()}{unknown}"
        if self.end is None:
            unknown = "" if self.end_open else " (end unknown)"
            return f"from {self.start.label()}{unknown}"
        return _range_label(self.start, self.end)


def _bad_char(s: str, pos: int, off: int) -> DateError:
    """Explain the unexpected character at ``s[pos]``."""
    ch, prev = s[pos], s[pos - 1] if pos else ""
    after_qualifier = prev != "" and prev in "~?%"
    if after_qualifier and ch in "~?%":
        why = "use a single qualifier: % means approximate and uncertain"
    elif after_qualifier:
        why = f"the qualifier {prev!r} goes at the very end, e.g. 2024-10~"
    elif ch in "~?%":
        why = "a qualifier goes after the date, e.g. 2024-10~"
    elif ch == ".":
        why = "an open end is written exactly '..', e.g. 2024-10/.."
    else:
        why = _GRAMMAR
    return DateError(f"unexpected {ch!r} in {s!r}: {why}", off + pos)


def _read_numbers(s: str, off: int) -> tuple[list[int], int]:
    """Read the dash-separated digit groups; return them and where they end."""
    pos, numbers = (1 if s.startswith("-") else 0), list[int]()
    for name, width, hint in _FIELDS:
        end = pos
        while end < len(s) and s[end] in _DIGITS:
            end += 1
        if end == pos and pos < len(s):
            raise _bad_char(s, pos, off)
        if end - pos != width:
            found = repr(s[pos:end]) if end > pos else "nothing"
            raise DateError(f"the {name} must have exactly {width} digits "
                            f"({hint}), found {found}", off + pos)
        numbers.append(int(s[pos:end]))
        pos = end
        if name == "day" or not s.startswith("-", pos):
            return numbers, pos
        pos += 1
    raise AssertionError("unreachable")


def _parse_point(s: str, off: int) -> Point:
    """Parse one qualified date that starts at column ``off`` of the text."""
    x = s.find("X")
    if x >= 0:
        raise DateError("unspecified digits (X) are not supported: write only "
                        "what you know, e.g. 2024 instead of 2024-XX, or "
                        "2020/2029 instead of 202X", off + x)
    numbers, pos = _read_numbers(s, off)
    rest = s[pos:]
    if rest not in _QUALIFIERS:
        raise _bad_char(s, pos + 1 if rest[0] in "~?%" else pos, off)
    sign = 1 if s.startswith("-") else 0
    if sign and numbers[0] == 0:
        raise DateError("-0000 is not allowed: year zero (1 BCE) is 0000", off)
    year = -numbers[0] if sign else numbers[0]
    month, day = (numbers[1:] + [None, None])[:2]  # type: ignore[operator]
    problem = _date_problem(year, month, day)
    if problem:
        raise DateError(problem[0], off + sign + (0, 5, 8)[problem[1]])
    return Point(year, month, day, *_QUALIFIERS[rest])


def _check_text(text: object) -> str:
    if text is None:
        raise DateError(f"the date is missing: {_GRAMMAR}")
    if not isinstance(text, str):
        raise DateError(f"expected the date as text, got {type(text).__name__} "
                        f"{text!r}: put quotes around it, e.g. date: \"2024\"")
    if not text:
        raise DateError(f"the date is empty: {_GRAMMAR}")
    found = _SPACE.search(text)
    if found:
        space = found.start()
        inside = 0 < space < len(text.rstrip())
        where = "inside" if inside else "around"
        raise DateError(f"{text!r} has spaces {where} it: remove the spaces "
                        "(an interval is written A/B)", space)
    return text


def parse(text: str) -> EdtfDate:
    """Parse an EDTF date or interval, or raise :class:`DateError`.

    >>> parse("2025-01-24/2025-02-07").label()
    '24 January – 7 February 2025'
    >>> parse("-0044").label(), parse("2024-10-15%").label()
    ('45 BCE', 'about 15 October 2024 (uncertain)')
    >>> try:
    ...     parse("2024-02-30")
    ... except DateError as error:
    ...     print(error.column, error)
    8 '2024-02-30' is not a real date: February 2024 has 29 days
    """
    if not isinstance(text, str):  # None, a number, a list: not a cache key, and refused
        _check_text(text)
    return _parse_text(text)


# A build parses each date several times (validation, pages, exports) and many events share
# one; an EdtfDate is frozen all the way down, so one object can serve every caller.
@functools.lru_cache(maxsize=65_536)
def _parse_text(text: str) -> EdtfDate:
    text = _check_text(text)
    if "/" not in text:
        if text == "..":
            raise DateError("'..' (open end) is only allowed as one side of "
                            "an interval, e.g. 2024-10/..")
        point = _parse_point(text, 0)
        return EdtfDate(point, point, False, False, False, text)
    slash = text.index("/")
    if "/" in text[slash + 1:]:
        raise DateError("only one '/' is allowed: an interval is written A/B",
                        text.index("/", slash + 1))
    left, right = text[:slash], text[slash + 1:]
    start = None if left in ("", "..") else _parse_point(left, 0)
    end = None if right in ("", "..") else _parse_point(right, slash + 1)
    if start is None and end is None:
        raise DateError(f"{text!r} has no date on either side: give at least "
                        "one, e.g. 2024-10/.. or ../2025-01")
    if start and end and start._first() > end._last():
        raise DateError(f"{text!r} ends before it starts: swap the two sides",
                        slash + 1)
    return EdtfDate(start, end, True, left == "..", right == "..", text)


def sort_key(text: str) -> SortKey:
    """Total-order key for a date string; never raises.

    Order: earliest possible day of the start (an open or unknown start uses
    the end), then coarser before finer precision, then single dates before
    intervals, then the end (open ends last), then the text.  Text that does
    not parse sorts after every valid date, by its text.

    >>> sorted(["2024-01-01", "junk", "2024/..", "2024", "-0044", "2024-01"],
    ...        key=sort_key)
    ['-0044', '2024', '2024/..', '2024-01', '2024-01-01', 'junk']
    """
    try:
        return parse(text).sort_key()
    except DateError:
        return (1, 0, 0, 0, 0, 0, str(text))
