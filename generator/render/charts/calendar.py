"""Days as numbers, for drawing time to scale (the "render" step, ``render/charts/``).

Dates of any era (9999 BCE to 9999 CE, astronomical years as the model keeps
them) become a count of days, so that an axis can place them proportionally;
``datetime`` stops at year 1. Periods of a month or of some years cut an axis
into ticks and into the bins of a long timeline.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...model.dates import MONTHS, EdtfDate, Point, days_in_month, year_text
from ..dates import point_label


def day_number(year: int, month: int, day: int) -> int:
    """Days from 1 January 1970 in the proleptic Gregorian calendar, for any year (H. Hinnant's
    days_from_civil).

    >>> day_number(1970, 1, 1), day_number(2024, 3, 1) - day_number(2024, 2, 28), day_number(0, 1, 1)
    (0, 2, -719528)
    """
    year -= month <= 2
    era = year // 400
    of_era = year - era * 400
    of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    return era * 146097 + of_era * 365 + of_era // 4 - of_era // 100 + of_year - 719468


def first_day(point: Point) -> int:
    return day_number(point.year, point.month or 1, point.day or 1)


def last_day(point: Point) -> int:
    """The last day the point can be, plus one: where its stretch of the axis ends."""
    month = point.month or 12
    return day_number(point.year, month, point.day or days_in_month(point.year, month)) + 1


@dataclass(frozen=True)
class Stretch:
    """Where a date lies on the axis: from its first possible day to the end of its last; a side
    that is open or unknown (``..`` or empty in EDTF) runs on, to be drawn as an arrow."""

    start: int
    end: int
    runs_back: bool
    runs_on: bool


def stretch(when: EdtfDate) -> Stretch:
    start = first_day(when.start) if when.start else None
    end = last_day(when.end) if when.end else None
    if start is None:
        assert end is not None
        return Stretch(first_day(when.end), end, True, False)
    if end is None:
        return Stretch(start, last_day(when.start), False, True)
    return Stretch(start, end, False, False)


@dataclass(frozen=True)
class Period:
    """A length of time ticks and bins are cut by: ``months`` months, or ``years`` years."""

    months: int = 0
    years: int = 0

    def index(self, day: int) -> int:
        """Which period (counted from year 0) a day falls in."""
        year, month = year_month(day)
        return (year * 12 + month - 1) // self.months if self.months else year // self.years

    def start(self, index: int) -> int:
        """The first day of a period."""
        if self.months:
            months = index * self.months
            return day_number(months // 12, months % 12 + 1, 1)
        return day_number(index * self.years, 1, 1)

    def label(self, index: int, first: bool = False) -> str:
        """'Mar 2024' (the first, and January), 'Apr' (others), '2024', '45 BCE'."""
        if self.months:
            months = index * self.months
            year, month = months // 12, months % 12 + 1
            short = MONTHS[month - 1][:3]
            return f"{short} {year_text(year)}" if first or month == 1 else short
        return year_text(index * self.years)

    def name(self, index: int) -> str:
        """The period in words: 'March 2024', '2024', '2020 – 2024'."""
        if self.months:
            months = index * self.months
            start = point_label(Point(months // 12, months % 12 + 1, None))
            if self.months == 1:
                return start
            last = months + self.months - 1
            return f"{start} – {point_label(Point(last // 12, last % 12 + 1, None))}"
        first = index * self.years
        return year_text(first) if self.years == 1 else f"{year_text(first)} – {year_text(first + self.years - 1)}"


#: From finest to coarsest: an axis takes the first that cuts it into few enough pieces.
PERIODS = [Period(months=1), Period(months=3)] + [Period(years=n) for n in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)]


def year_month(day: int) -> tuple[int, int]:
    """The year and month of a day number (H. Hinnant's civil_from_days).

    >>> year_month(0), year_month(day_number(-44, 3, 15)), year_month(day_number(2024, 2, 29))
    ((1970, 1), (-44, 3), (2024, 2))
    """
    z = day + 719468
    era = z // 146097
    of_era = z - era * 146097
    year_of_era = (of_era - of_era // 1460 + of_era // 36524 - of_era // 146096) // 365
    of_year = of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    month = (5 * of_year + 2) // 153
    month = month + 3 if month < 10 else month - 9
    return year_of_era + era * 400 + (month <= 2), month


def period_for(first: int, last: int, most: int) -> Period:
    """The finest period that cuts first..last into at most ``most`` pieces."""
    for period in PERIODS:
        if period.index(last - 1) - period.index(first) + 1 <= most:
            return period
    return PERIODS[-1]
