"""The Sources page and, past page_size articles, a page per outlet (the "render" step).

The Sources page lists every article cited, by outlet, then the outlets the
pages credit. Past ``Site.page_size`` articles it becomes an index: each outlet
read gets a page of its own, and so does each outlet the pages credit. Those
pages are listings like a tag's (``Renderer._listing``): past page_size
articles, one page per year, dated by the first event that cites the article
(an article cited in several years is listed once, where it was first cited),
so that no page grows with the number of events.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

from ..model.dates import EdtfDate
from ..model.timeline import Article, Timeline
from .format import outlet_label
from .pages import Page
from .paths import unique_slugs

SRC = "sources.md"
#: The folder of the credited outlets' pages, under sources/: no outlet read may take its slug.
CREDITED = "credited"


def first_cited(article: Article) -> EdtfDate:
    """The date an article is listed under: its first citing event's (events are in timeline order)."""
    return article.events[0].when


class SourcePages:
    """Where each outlet's articles go once the Sources page is split, and those pages."""

    def __init__(self, timeline: Timeline, page_size: int):
        self.timeline = timeline
        self.page_size = page_size

    @property
    def split(self) -> bool:
        return self.timeline.source_count > self.page_size

    @cached_property
    def outlet_slugs(self) -> dict[str, str]:
        return unique_slugs([outlet_label(outlet) for outlet in self.timeline.outlets], taken={CREDITED})

    @cached_property
    def credited_slugs(self) -> dict[str, str]:
        return unique_slugs(list(self.timeline.credited))

    def outlet_src(self, outlet: str | None) -> str:
        """Where an outlet's articles are listed once the Sources page is split."""
        return f"sources/{self.outlet_slugs[outlet_label(outlet)]}.md"

    def credited_src(self, outlet: str) -> str:
        """Where the pages that credit an outlet are listed once the Sources page is split."""
        return f"sources/{CREDITED}/{self.credited_slugs[outlet]}.md"

    def pages(self, page: Callable[..., Page], listing: Callable[..., list[Page]]) -> list[Page]:
        """The Sources page; when split, its outlets' and its credited outlets' listings after it."""
        pages = [page(SRC, "sources.html", "Sources", "Every article cited, by outlet, with the events that cite it.")]
        if not self.split:
            return pages
        for outlet, articles in self.timeline.outlets.items():
            name = outlet_label(outlet)
            pages += listing(
                self.outlet_src(outlet),
                "outlet.html",
                name,
                f"Every article from {name} cited, with the events that cite it.",
                articles,
                lambda part, name=name: f"Articles from {name} first cited in {part.label}.",
                when=first_cited,
            )
        for outlet, articles in self.timeline.credited.items():
            pages += listing(
                self.credited_src(outlet),
                "credited.html",
                f"Pages crediting {outlet}",
                f"Every page read that names {outlet} as where it comes from or as its source.",
                articles,
                lambda part, outlet=outlet: f"Pages crediting {outlet} first cited in {part.label}.",
                when=first_cited,
                outlet=outlet,
            )
        return pages
