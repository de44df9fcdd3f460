"""A rendered page: what any builder needs to place it (the "render" step's product).

A Page carries where it goes (its source path as a builder knows it), its
plain-text title and description, its HTML fragment, its table of contents,
its ``<head>`` additions and what search and the sitemap need. The MkDocs
plugin hands Pages to MkDocs; ``export`` writes them as Markdown files.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model.event import Event

HEADING = re.compile(r'<h([1-3]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)


@dataclass(frozen=True)
class Page:
    """One generated page."""

    src_uri: str  # e.g. "events/some-event.md"; decides the URL
    title: str  # plain text
    description: str  # plain text
    html: str
    toc: list[dict] = field(default_factory=list)
    search_boost: float | None = None
    #: A listing's page of one year (or month) is not searched: its listing's first page is.
    searchable: bool = True
    #: Listing pages repeat their events' text; indexing them whole doubled the index and most of
    #: the build's time at 10,000 events: search reads their title and description, and a little
    #: more (``search/documents.py``).
    listing: bool = False
    event: Event | None = None  # the event an event page is made from
    lastmod: str | None = None  # ISO day the content was last dated, for the sitemap
    head: str = ""  # Open Graph tags and JSON-LD for the page's <head>, escaped
    file: Path | None = None  # the file a free-form page (About, Methodology) is made from

    @property
    def source(self) -> Path | None:
        """The event file or free-form page a page is made from."""
        return self.event.path if self.event else self.file

    @property
    def title_html(self) -> str:
        """The title escaped for templates that print it as HTML (MkDocs' templates do not escape)."""
        return html.escape(self.title, quote=False)


def toc_of(page_html: str) -> list[dict]:
    """MkDocs-style toc tokens from the h2/h3 headings of rendered HTML (the h1 is the title)."""
    tokens: list[dict] = []
    for level, anchor, inner in HEADING.findall(page_html):
        token = {
            "level": int(level),
            "id": anchor,
            "name": inner.strip(),
            "html": inner.strip(),
            "data-toc-label": "",
            "children": [],
        }
        if level == "1":
            continue
        if level == "3" and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens
