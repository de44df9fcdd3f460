"""Event dates as values: a point known to the year, month or day, or an interval of two.

Part of the **model**. The ``check`` step parses what contributors write
(``check/edtf.py``) into these values once; every later step reads them from
the model and never parses text again. The English labels a reader sees are
made by the renderer (``render/dates.py``).

Years use astronomical numbering, as EDTF does: ``0000`` is 1 BCE, ``-0001``
is 2 BCE. Leap years follow the proleptic Gregorian calendar for every year.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

__all__ = ["DateError", "EdtfDate", "Point", "SortKey", "year_text"]

SortKey = tuple[int, int, int, int, int, int, str]

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
#: EDTF's qualifier marks -> (approximate, uncertain).
QUALIFIERS = {"": (False, False), "~": (True, False), "?": (False, True), "%": (True, True)}
_OPEN = 10**9  # sorts after the last day of year 9999 (99991231)


class DateError(ValueError):
    """A date that cannot be, with a message that says why.

    ``column`` is the 0-based offset in the written text where the problem starts.
    """

    def __init__(self, message: str, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


def days_in_month(year: int, month: int) -> int:
    return 29 if month == 2 and calendar.isleap(year) else _DAYS[month - 1]


def digits(year: int, month: int | None, day: int | None) -> str:
    """The EDTF digits of a date: ``-0044``, ``2024-11``, ``2025-01-11``."""
    text = ("-" if year < 0 else "") + f"{abs(year):04d}"
    text += f"-{month:02d}" if month is not None else ""
    return text + (f"-{day:02d}" if day is not None else "")


def year_text(year: int, era: bool = False) -> str:
    """A year as English writes it: ``2024``, ``45 BCE`` (year -44), ``2024 CE`` with ``era``.

    >>> year_text(2024), year_text(-44), year_text(1, era=True)
    ('2024', '45 BCE', '1 CE')
    """
    if year < 1:
        return f"{1 - year} BCE"
    return f"{year} CE" if era else str(year)


def date_problem(year: int, month: int | None, day: int | None) -> tuple[str, int] | None:
    """Why year-month-day is not a real date, and which field (0-2) is wrong."""
    if month is not None and not 1 <= month <= 12:
        note = " (EDTF seasons, 21-41, are not supported)" if month > 20 else ""
        return f"month {month:02d} does not exist: months run from 01 to 12" + note, 1
    if day is None or month is None:
        return None
    if day < 1:
        return f"day {day:02d} does not exist: days start at 01", 2
    last = days_in_month(year, month)
    if day > last:
        name = f"{MONTHS[month - 1]} {year_text(year)}"
        return f"'{digits(year, month, day)}' is not a real date: {name} has {last} days", 2
    return None


@dataclass(frozen=True)
class Point:
    """One calendar date, known to the year, the month or the day.

    >>> p = Point(2025, 1, None, approximate=True)
    >>> p.precision, p.edtf()
    ('month', '2025-01~')
    >>> p.earliest(), p.latest()
    (datetime.date(2025, 1, 1), datetime.date(2025, 1, 31))
    >>> Point(-44, None, None).earliest()
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
        problem = date_problem(self.year, self.month, self.day)
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
        return datetime.date(self.year, month, self.day or days_in_month(self.year, month))

    def edtf(self) -> str:
        """Canonical EDTF text, e.g. ``2025-01~``."""
        marks = {v: k for k, v in QUALIFIERS.items()}
        return digits(self.year, self.month, self.day) + marks[(self.approximate, self.uncertain)]

    def rank(self) -> int:
        """0, 1 or 2 for a year, a month or a day: coarser sorts first."""
        return ("year", "month", "day").index(self.precision)

    def first(self) -> int:
        """The first possible day as a number ``YYYYMMDD``, for any year."""
        return self.year * 10000 + (self.month or 1) * 100 + (self.day or 1)

    def last(self) -> int:
        """The last possible day as a number ``YYYYMMDD``, for any year."""
        month = self.month or 12
        day = self.day or days_in_month(self.year, month)
        return self.year * 10000 + month * 100 + day


@dataclass(frozen=True)
class EdtfDate:
    """An event date: a single point or an interval.

    For a single date ``end is start``. In an interval a missing side is
    None; ``start_open``/``end_open`` tell ``..`` (open) from an empty,
    unknown side. ``text`` is the text as written.
    """

    start: Point | None
    end: Point | None
    is_interval: bool
    start_open: bool
    end_open: bool
    text: str

    @classmethod
    def single(cls, point: Point) -> EdtfDate:
        """A date of one point, written as its EDTF text."""
        return cls(point, point, False, False, False, point.edtf())

    @classmethod
    def between(cls, start: Point, end: Point) -> EdtfDate | None:
        """The interval from ``start`` to ``end``; None when it would end before it starts.

        >>> EdtfDate.between(Point(2024, 6, None), Point(2025, 2, None)).text
        '2024-06/2025-02'
        """
        if start.first() > end.last():
            return None
        return cls(start, end, True, False, False, f"{start.edtf()}/{end.edtf()}")

    @property
    def anchor(self) -> Point:
        """The point the date is grouped and sorted by: the start, else the end."""
        point = self.start or self.end
        assert point is not None  # check/edtf.py never builds a date with neither
        return point

    @property
    def year(self) -> int | None:
        """Year to group the event under: the start's, else the end's."""
        return self.anchor.year

    @property
    def month(self) -> int | None:
        """Month to group the event under; None when known only to the year."""
        return self.anchor.month

    @property
    def approximate(self) -> bool:
        """True if either side is approximate (``~`` or ``%``)."""
        return any(p.approximate for p in (self.start, self.end) if p)

    @property
    def uncertain(self) -> bool:
        """True if either side is uncertain (``?`` or ``%``)."""
        return any(p.uncertain for p in (self.start, self.end) if p)

    def sort_key(self) -> SortKey:
        """Chronological key.

        Order: earliest possible day of the start (an open or unknown start uses
        the end), then coarser before finer precision, then single dates before
        intervals, then the end (open ends last), then the text.
        """
        anchor, end = self.anchor, self.end
        end_key = (end.first(), end.rank()) if end else (_OPEN, 0)
        return (0, anchor.first(), anchor.rank(), int(self.is_interval), *end_key, self.text)

    def edtf(self) -> str:
        """Canonical EDTF text (equal to ``text`` for anything the parser accepts)."""
        if not self.is_interval:
            return self.anchor.edtf()
        sides = [
            (p.edtf() if p else (".." if is_open else ""))
            for p, is_open in ((self.start, self.start_open), (self.end, self.end_open))
        ]
        return "/".join(sides)
