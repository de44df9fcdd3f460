"""The Timeline: every valid Event in order, with the indexes the pages need.

Part of the "model" step. It groups events by year and month, links each to
its neighbours, gathers the articles cited across events by outlet, and lays
every claim about the same figure side by side so that disagreement shows.
Nothing here reads files or writes HTML.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable

from . import dates
from .model import Event
from .schema import Claim, Source
from .vocabulary import Figure, Vocabulary

QUALIFIER_WORDS = {
    "exact": "",
    "about": "about ",
    "more-than": "more than ",
    "at-least": "at least ",
    "less-than": "less than ",
    "up-to": "up to ",
}
NOT_NAMED = "Outlet not named"


def number(value: float | int) -> str:
    """A number as a reader expects it.

    >>> number(11000), number(33.30), number(2.5)
    ('11,000', '33.3', '2.5')
    """
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def claim_value(claim: Claim, figure: Figure | None = None) -> str:
    """'about 25–30 percent', 'more than 300 soldiers'."""
    amount = number(claim.value)
    if claim.value_max is not None:
        amount += f"–{number(claim.value_max)}"
    unit = f" {figure.unit}" if figure else ""
    return f"{QUALIFIER_WORDS[claim.qualifier]}{amount}{unit}"


@dataclass(frozen=True)
class Citation:
    """One claim in its context: the event it is in and the source that reports it."""

    event: Event
    claim: Claim
    source: Source


@dataclass
class Article:
    """One article, as cited by one or more events (matched by its description)."""

    source: Source
    events: list[Event] = field(default_factory=list)

    @property
    def outlet(self) -> str:
        return self.source.outlet or self.source.via or NOT_NAMED


@dataclass
class FigureTable:
    """Every claim about one figure, and whether the claims disagree."""

    figure: Figure
    citations: list[Citation]

    @property
    def values(self) -> list[tuple[float, float]]:
        """The distinct (low, high) values claimed."""
        return sorted({(c.claim.value, c.claim.value_max or c.claim.value) for c in self.citations})

    @property
    def disputed(self) -> bool:
        return len(self.values) > 1

    @property
    def spread(self) -> str:
        """'300 – 1,000 soldiers' across every claim, or the one value."""
        low = min(v[0] for v in self.values)
        high = max(v[1] for v in self.values)
        if low == high:
            return f"{number(low)} {self.figure.unit}"
        return f"{number(low)} – {number(high)} {self.figure.unit}"


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
            return f"{dates.Point(self.year, None, None).label()}, month not known"
        return dates.Point(self.year, self.month, None).label()

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


Dated = Callable[[Any], dates.EdtfDate]  # an item's date: an event's own, or a citation's event's


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
            parts.append(Part(year_slug(year), dates.Point(year, None, None).label(), year, groups))
    return parts


class Timeline:
    """Every event, in chronological order, with its indexes."""

    def __init__(self, events: list[Event], vocabulary: Vocabulary):
        self.events = sorted(events, key=lambda e: (e.when.sort_key(), e.id))
        self.vocabulary = vocabulary
        self.by_id = {e.id: e for e in self.events}
        self._position = {e.id: i for i, e in enumerate(self.events)}

    def previous(self, event: Event) -> Event | None:
        i = self._position[event.id]
        return self.events[i - 1] if i > 0 else None

    def next(self, event: Event) -> Event | None:
        i = self._position[event.id]
        return self.events[i + 1] if i + 1 < len(self.events) else None

    @cached_property
    def years(self) -> list[tuple[int | None, list[Group]]]:
        """Year -> month groups, in order."""
        return group_by_month(self.events)

    @cached_property
    def date_range(self) -> str:
        if not self.events:
            return ""
        first, last = self.events[0].when, max((e.when for e in self.events), key=_end_key)
        start = first.start or first.end
        end = last.end or last.start
        if not (start and end) or start == end:
            return first.label()
        try:
            return dates.parse(f"{start.edtf()}/{end.edtf()}").label()
        except dates.DateError:
            return f"{start.label()} – {end.label()}"

    @cached_property
    def tags(self) -> dict[str, list[Event]]:
        found = {tag: [e for e in self.events if tag in e.meta.tags] for tag in self.vocabulary.tags}
        return {tag: events for tag, events in found.items() if events}

    @cached_property
    def actors(self) -> dict[str, list[Event]]:
        found = {actor: [e for e in self.events if actor in e.meta.actors] for actor in self.vocabulary.actors}
        return {actor: events for actor, events in found.items() if events}

    @cached_property
    def articles(self) -> list[Article]:
        """Distinct articles across events, in order of first citation."""
        found: dict[tuple, Article] = {}
        for event in self.events:
            for source in event.meta.sources:
                article = found.setdefault(_article_key(source), Article(source))
                if event not in article.events:
                    article.events.append(event)
        return list(found.values())

    @cached_property
    def outlets(self) -> dict[str, list[Article]]:
        """Outlet -> its articles, outlets in alphabetical order, unnamed last."""
        grouped: dict[str, list[Article]] = defaultdict(list)
        for article in self.articles:
            grouped[article.outlet].append(article)
        return dict(sorted(grouped.items(), key=lambda kv: (kv[0] == NOT_NAMED, kv[0].casefold())))

    @cached_property
    def figures(self) -> list[FigureTable]:
        """One table per declared figure that any event gives a number for."""
        citations: dict[str, list[Citation]] = defaultdict(list)
        for event in self.events:
            sources = {s.id: s for s in event.meta.sources}
            for claim in event.meta.claims:
                citations[claim.figure].append(Citation(event, claim, sources[claim.source]))
        return [FigureTable(f, citations[key]) for key, f in self.vocabulary.figures.items() if citations[key]]

    @cached_property
    def disputed_figures(self) -> set[str]:
        return {table.figure.id for table in self.figures if table.disputed}

    def is_disputed(self, event: Event) -> bool:
        """Does the event report a figure that sources disagree on?"""
        return any(c.figure in self.disputed_figures for c in event.meta.claims)

    @staticmethod
    def outlet_names(event: Event) -> list[str]:
        """The outlets an event cites (its republisher where no outlet is named), each once."""
        names = [s.outlet or s.via or NOT_NAMED for s in event.meta.sources]
        return list(dict.fromkeys(names))

    @cached_property
    def year_list(self) -> list[int]:
        return sorted({e.when.year for e in self.events if e.when.year is not None})

    @property
    def source_count(self) -> int:
        return len(self.articles)


def _article_key(source: Source) -> tuple:
    """Articles are matched by their whole description, not the file-local id: two articles with
    no headline or outlet still differ by their notes."""
    return tuple(sorted((k, str(v)) for k, v in source.model_dump(exclude={"id", "accessed"}).items()))


def _end_key(when: dates.EdtfDate) -> tuple:
    end = when.end or when.start
    day = end.latest() if end else None
    return (day.toordinal() if day else 0,)
