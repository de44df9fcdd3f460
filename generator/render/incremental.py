"""The product again after an edit, rendering only the pages the edit reaches (the "render" step).

A preview (``mkdocs serve``) renders the site after every saved file. Most
saves change one event's text; rendering all 11,000 pages of a 10,000-event
timeline again for that took most of the rebuild. :func:`update_product` takes
the product made before and the Timeline as it is now, and renders again only:

* the pages of the events that changed, and, when more than an event's body
  changed, the pages of its previous and next events (which print its title);
* every page of a listing (timeline, tag, actor, figure, outlet, disputes) whose
  items hold an event changed in more than its body (listings show no body),
  and every page that lists no items of its own (the home page, the indexes of
  tags and actors, an unsplit sources page);

and takes every other page, unchanged, from the product before. When only
bodies changed (the commonest save: a sentence written), no page but the
events' own shows what changed, and nothing else is looked at. That is only
right while what every page shows of the whole timeline is the same: the
events' order and dates, who is in which tag, actor, figure, outlet and
dispute, the figures' values, the counts and the newest date. :func:`shape`
gathers those; when it differs, or the vocabulary, the free-form pages or the
site's settings do, every page is rendered again. ``tests/test_incremental.py``
holds the result to a full render after each kind of edit.

The search index is updated where its documents changed (``search/live.py``),
and the data files are joined from each event's piece, made again only for
the events that changed (``exports/kept.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from ..model.event import Event
from ..model.timeline import Timeline
from .exports.kept import Kept
from .pages import Page
from .paths import event_src
from .product import Product, make_product
from .search.live import LiveIndex
from .site import Renderer, Site
from .structured import last_modified


@dataclass(frozen=True)
class Rendered:
    """A product with what it was made from: what the next update compares against."""

    product: Product
    timeline: Timeline
    site: Site
    search: Mapping | None
    shape: tuple
    index: LiveIndex  # the search index's documents, kept for the next update
    kept: Kept  # each event's piece of each data file


def update_product(before: Rendered | None, timeline: Timeline, site: Site, search: Mapping | None) -> Rendered:
    """The product of ``timeline``, rendering again only the pages that differ from ``before``'s
    (every page, without ``before``)."""
    index = before.index if before else LiveIndex()
    same_site = before is not None and (before.site, before.search) == (site, search)
    changed = _changed(before.timeline, timeline) if same_site else None
    if changed is not None and _bodies_only(before.timeline, timeline, changed):
        return _bodies(before, timeline, changed) if changed else replace(before, timeline=timeline)
    now = shape(timeline)
    if before is None or not same_site or before.shape != now:
        kept = Kept()  # pieces of the data files show the timeline's shape: none is kept across one
        product = make_product(timeline, site, search, indexer=index, kept=kept, documents_of=index.documents)
        return Rendered(product, timeline, site, search, now, index, kept)
    old = before.timeline.by_id
    listed = {event.id for event in timeline.events if event.id in changed and _listed(old[event.id]) != _listed(event)}
    pages = _Rerenderer(timeline, site, before.product, changed, listed).pages()
    return _made(before, timeline, pages, now)


def _changed(before: Timeline, timeline: Timeline) -> set[str] | None:
    """The ids of the events that differ from ``before``'s; None when an event came or went.
    An event read again from an unchanged file is the same object: only the others are compared."""
    old = before.by_id
    if len(old) != len(timeline.by_id) or not all(event.id in old for event in timeline.events):
        return None
    return {event.id for event in timeline.events if old[event.id] is not event and old[event.id] != event}


def _bodies_only(before: Timeline, timeline: Timeline, changed: set[str]) -> bool:
    """Did only bodies change? Then the shape is the same (it is made of all but the bodies), and
    only the changed events' own pages show what changed."""
    same = (before.vocabulary, before.pages) == (timeline.vocabulary, timeline.pages)
    return same and all(_listed(before.by_id[id_]) == _listed(timeline.by_id[id_]) for id_ in changed)


def _bodies(before: Rendered, timeline: Timeline, changed: set[str]) -> Rendered:
    """Only bodies changed: the changed events' pages rendered again, every other page kept, and
    the shape taken as it was, without working it out again."""
    renderer = Renderer(timeline, before.site)
    fresh = {event_src(timeline.by_id[id_]): renderer.event_page(timeline.by_id[id_]) for id_ in changed}
    pages = [fresh.get(page.src_uri, page) if page.event is not None else page for page in before.product.pages]
    return _made(before, timeline, pages, before.shape)


def _made(before: Rendered, timeline: Timeline, pages: list[Page], now: tuple) -> Rendered:
    """The product of these pages, with the data files and the search index updated from ``before``'s."""
    index = before.index
    product = make_product(
        timeline, before.site, before.search, pages=pages, indexer=index, kept=before.kept, documents_of=index.documents
    )
    return Rendered(product, timeline, before.site, before.search, now, index, before.kept)


def shape(timeline: Timeline) -> tuple:
    """What pages show of the timeline beyond their own items: equal shapes, equal pages elsewhere."""
    t = timeline

    def ids(events) -> tuple:
        return tuple(event.id for event in events)

    def articles(grouped: Mapping) -> tuple:
        return tuple((key, tuple((a.source, ids(a.events)) for a in found)) for key, found in grouped.items())

    return (
        tuple((event.id, event.when) for event in t.events),
        t.vocabulary,
        tuple(t.pages),
        tuple((tag, ids(events)) for tag, events in t.tags.items()),
        tuple((actor, ids(events)) for actor, events in t.actors.items()),
        tuple((f.figure.id, tuple(c.event.id for c in f.citations), tuple(f.values)) for f in t.figures),
        tuple((d.event.id, d.kind) for d in t.disputes),
        articles(t.outlets),
        articles(t.credited),
        max(filter(None, map(last_modified, t.events)), default=None),
    )


class _Rerenderer(Renderer):
    """A Renderer that hands back the page made before wherever the changed events do not reach."""

    def __init__(self, timeline: Timeline, site: Site, before: Product, changed: set[str], listed: set[str]):
        super().__init__(timeline, site)
        self.before, self.changed, self.listed = before, changed, listed

    def event_page(self, event: Event) -> Page:
        kept = self.before.page(event_src(event))
        if kept is not None and not self._reached(event, {}):
            return kept if kept.event is event else replace(kept, event=event)  # its event is equal
        return super().event_page(event)

    def _page(
        self, src_uri: str, template: str, title: str, description: str, search_boost=None, event=None, **context
    ):
        kept = self.before.page(src_uri)
        if kept is not None and not self._reached(event, context):
            return kept
        return super()._page(src_uri, template, title, description, search_boost, event, **context)

    def _reached(self, event: Event | None, context: dict) -> bool:
        """Does the page show a changed event: as its own, as a neighbour, or among its items?"""
        if event is not None:
            near = (self.timeline.previous(event), self.timeline.next(event))
            return event.id in self.changed or any(e is not None and e.id in self.listed for e in near)
        items = context.get("items", context.get("articles"))
        if items is None:
            return True  # a page of no items of its own shows the whole timeline: always rendered
        return any(e.id in self.listed for item in items for e in _events_of(item))


def _listed(event: Event) -> Event:
    """The event as listings and its neighbours' pages show it: all but its body."""
    return replace(event, body="", body_html="", body_line=0)


def _events_of(item) -> list[Event]:
    """The events a listing's item shows: itself, the event of a citation or dispute, an article's."""
    if isinstance(item, Event):
        return [item]
    if hasattr(item, "events"):
        return item.events
    return [item.event]
