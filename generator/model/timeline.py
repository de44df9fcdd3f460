"""The Timeline: every valid Event in order, with the indexes the pages need.

Part of the "model" step. It orders the events, links each to its
neighbours, gathers the articles cited across events by the publication read,
lays every claim about the same figure side by side so that disagreement shows,
and gathers every other disagreement (dates, attributions, causes, descriptions). Nothing
here reads files or decides how anything looks: labels, number formats and
paging belong to the renderer.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from .dates import EdtfDate
from .event import Claim, Disagreement, Event, Source
from .page import FreePage
from .vocabulary import Figure, Vocabulary


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
    def outlet(self) -> str | None:
        """The publication it is grouped under (see :attr:`Source.publication`); None: not named."""
        return self.source.publication


@dataclass
class FigureTable:
    """Every claim about one figure, and whether the claims disagree."""

    figure: Figure
    citations: list[Citation]

    @cached_property
    def values(self) -> list[tuple[float, float]]:
        """The distinct (low, high) values claimed; kept, as the table does not change once made
        (``Timeline.figures``) and every card and chart of a disputed figure asks for them."""
        return sorted({(c.claim.value, c.claim.value_max or c.claim.value) for c in self.citations})

    @property
    def disputed(self) -> bool:
        return len(self.values) > 1

    @property
    def source_count(self) -> int:
        """How many articles give a value for the figure (one cited by two events counts once)."""
        return len({_article_key(c.source) for c in self.citations})


@dataclass(frozen=True)
class Dispute:
    """One disagreement in its event: the dates its sources give (``disagreement`` None, kind
    ``date``), or one of its recorded disagreements."""

    event: Event
    kind: str
    disagreement: Disagreement | None = None


class Timeline:
    """Every event, in chronological order, with its indexes."""

    def __init__(self, events: list[Event], vocabulary: Vocabulary, pages: list[FreePage] | None = None):
        self.events = sorted(events, key=lambda e: (e.when.sort_key(), e.id))
        self.vocabulary = vocabulary
        self.pages = sorted(pages or [], key=lambda page: page.id)  # About, Methodology...: by file name
        self.by_id = {e.id: e for e in self.events}
        self._position = {e.id: i for i, e in enumerate(self.events)}

    def previous(self, event: Event) -> Event | None:
        i = self._position[event.id]
        return self.events[i - 1] if i > 0 else None

    def next(self, event: Event) -> Event | None:
        i = self._position[event.id]
        return self.events[i + 1] if i + 1 < len(self.events) else None

    @cached_property
    def first_date(self) -> EdtfDate | None:
        """The date of the first event."""
        return self.events[0].when if self.events else None

    @cached_property
    def last_date(self) -> EdtfDate | None:
        """The date that ends last (an event's end, or its start when it has none)."""
        return max((e.when for e in self.events), key=_end_key) if self.events else None

    @cached_property
    def tags(self) -> dict[str, list[Event]]:
        found = {tag: [e for e in self.events if tag in e.tags] for tag in self.vocabulary.tags}
        return {tag: events for tag, events in found.items() if events}

    @cached_property
    def actors(self) -> dict[str, list[Event]]:
        found = {actor: [e for e in self.events if actor in e.actors] for actor in self.vocabulary.actors}
        return {actor: events for actor, events in found.items() if events}

    @cached_property
    def articles(self) -> list[Article]:
        """Distinct articles across events, in order of first citation."""
        found: dict[tuple, Article] = {}
        for event in self.events:
            for source in event.sources:
                article = found.setdefault(_article_key(source), Article(source))
                if event not in article.events:
                    article.events.append(event)
        return list(found.values())

    @cached_property
    def outlets(self) -> dict[str | None, list[Article]]:
        """Outlet -> its articles, outlets in alphabetical order; None (not named) last."""
        grouped: dict[str | None, list[Article]] = defaultdict(list)
        for article in self.articles:
            grouped[article.outlet].append(article)
        return dict(sorted(grouped.items(), key=lambda kv: (kv[0] is None, (kv[0] or "").casefold())))

    @cached_property
    def credited(self) -> dict[str, list[Article]]:
        """Outlet a page read names as its origin or among its credits -> those pages, in alphabetical
        order: where a reader looking for an outlet finds that its name came second-hand."""
        found: dict[str, list[Article]] = defaultdict(list)
        for article in self.articles:
            for outlet in dict.fromkeys([article.source.origin, *article.source.credits]):
                if outlet:
                    found[outlet].append(article)
        return dict(sorted(found.items(), key=lambda kv: kv[0].casefold()))

    @cached_property
    def figures(self) -> list[FigureTable]:
        """One table per declared figure that any event gives a number for."""
        citations: dict[str, list[Citation]] = defaultdict(list)
        for event in self.events:
            sources = {s.id: s for s in event.sources}
            for claim in event.claims:
                citations[claim.figure].append(Citation(event, claim, sources[claim.source]))
        return [FigureTable(f, citations[key]) for key, f in self.vocabulary.figures.items() if citations[key]]

    @cached_property
    def disputed_figures(self) -> set[str]:
        return {table.figure.id for table in self.figures if table.disputed}

    def is_disputed(self, event: Event) -> bool:
        """Do sources disagree on anything the event reports: a figure, its date, or what it records
        as a disagreement?"""
        return (
            bool(event.disagreements)
            or event.dates_disputed
            or any(c.figure in self.disputed_figures for c in event.claims)
        )

    @cached_property
    def disputes(self) -> list[Dispute]:
        """Every disagreement other than figures, in the order of the events."""
        found = []
        for event in self.events:
            if event.dates_disputed:
                found.append(Dispute(event, "date"))
            found += [Dispute(event, d.kind, d) for d in event.disagreements]
        return found

    @staticmethod
    def event_outlets(event: Event) -> list[str | None]:
        """The publications an event cites (see :attr:`Source.publication`), each once, in order."""
        return list(dict.fromkeys(s.publication for s in event.sources))

    @cached_property
    def year_list(self) -> list[int]:
        return sorted({e.when.year for e in self.events if e.when.year is not None})

    @property
    def source_count(self) -> int:
        return len(self.articles)


def _article_key(source: Source) -> tuple:
    """Articles are matched by their whole description, not the file-local id: two articles with
    no headline or outlet still differ by their notes."""
    return (
        source.label,
        source.title,
        source.outlet,
        source.author,
        source.published.text if source.published else None,
        source.date_printed,
        source.url,
        source.origin,
        source.origin_link,
        source.origin_quote,
        source.credits,
        source.snapshot,
        source.note,
        source.left_out,
    )


def _end_key(when: EdtfDate) -> tuple:
    end = when.end or when.start
    day = end.latest() if end else None
    return (day.toordinal() if day else 0,)
