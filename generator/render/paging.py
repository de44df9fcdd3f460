"""Listings cut into pages and grouped by year and month (the "render" step).

A listing longer than the site's ``page_size`` (the timeline, a tag's or an
actor's events, a figure's claims) gets one page per year, and one per month
for a year longer than that, so that no page grows with the whole timeline.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model.dates import EdtfDate, Point
from .dates import point_label


@dataclass
class Group:
    """Items of one year, and of one month within it (month None: the month is not known).

    The items are events, or anything dated by an event (a figure's citations)."""

    year: int | None
    month: int | None
    events: list

    @property
    def label(self) -> str:
        if self.year is None:
            return "Date unknown"
        if self.month is None:
            return f"{point_label(Point(self.year, None, None))}, month not known"
        return point_label(Point(self.year, self.month, None))

    @property
    def slug(self) -> str:
        """The group's stable part of a URL: '2024-03', '2024-month-unknown', 'date-unknown'."""
        if self.year is None:
            return "date-unknown"
        year = year_slug(self.year)
        return f"{year}-{self.month:02d}" if self.month else f"{year}-month-unknown"


def year_slug(year: int) -> str:
    """A year as a URL slug: '2024', '45-bce' (year -44), never a leading hyphen.

    >>> year_slug(2024), year_slug(-44), year_slug(0)
    ('2024', '45-bce', '1-bce')
    """
    return str(year) if year >= 1 else f"{1 - year}-bce"


@dataclass(frozen=True)
class Part:
    """One page of a listing split by date: one year's items, or one month's when the year alone is too long."""

    slug: str  # stable, for the page's URL: "2024", "2024-03", "date-unknown"
    label: str  # "2024", "March 2024", "Date unknown"
    year: int | None
    groups: list[Group]  # the months of the part, in order

    @property
    def items(self) -> list:
        return [item for group in self.groups for item in group.events]


Dated = Callable[[Any], EdtfDate]  # an item's date: an event's own, or a citation's event's


def group_by_month(items: list, when: Dated | None = None) -> list[tuple[int | None, list[Group]]]:
    """Year -> month groups, in the order of the items (which are in timeline order); events by default."""
    groups: dict[tuple, list] = defaultdict(list)
    for item in items:
        day = when(item) if when else item.when
        groups[(day.year, day.month)].append(item)
    by_year: dict[int | None, list[Group]] = defaultdict(list)
    for (year, month), found in groups.items():
        by_year[year].append(Group(year, month, found))
    return list(by_year.items())


def split_by_date(items: list, page_size: int, when: Dated | None = None) -> list[Part]:
    """A long listing cut into pages: one per year, and one per month for a year longer than page_size.

    A page that big stays whole past that (a month is the finest cut the dates
    support); undated items get a page of their own."""
    parts: list[Part] = []
    for year, groups in group_by_month(items, when):
        if year is not None and len(groups) > 1 and sum(len(g.events) for g in groups) > page_size:
            parts += [Part(g.slug, g.label, year, [g]) for g in groups]
        elif year is None:
            parts.append(Part("date-unknown", "Date unknown", None, groups))
        else:
            parts.append(Part(year_slug(year), point_label(Point(year, None, None)), year, groups))
    return parts
