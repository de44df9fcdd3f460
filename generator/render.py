"""Render: the Timeline -> the site's pages as HTML fragments (the "render" step).

Every page is rendered here, by the generator's own Jinja2 templates with
autoescaping on, never by MkDocs' template engine (which has it off) and never
as a template itself: contributor text is only ever a value. A RenderedPage
carries what a builder needs: where the page goes, its plain-text title and
description, its HTML, and its table of contents.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from . import dates
from .body import render_body
from .structured import last_modified
from .model import Event
from .scaffold import slugify
from .timeline import Timeline, claim_value, number

HEADING = re.compile(r'<h([1-3]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)


@dataclass(frozen=True)
class RenderedPage:
    """One generated page."""

    src_uri: str  # e.g. "events/some-event.md"; decides the URL
    title: str  # plain text
    description: str  # plain text
    html: str
    toc: list[dict] = field(default_factory=list)
    search_boost: float | None = None
    #: Listing pages repeat their events' text; indexing them doubled the index and most of the
    #: build's time at 10,000 events, and their results only point at the events' own pages.
    searchable: bool = True
    event: Event | None = None  # the event an event page is made from
    lastmod: str | None = None  # ISO day the content was last dated, for the sitemap

    @property
    def source(self) -> Path | None:
        """The event file a page is made from."""
        return self.event.path if self.event else None

    @property
    def title_html(self) -> str:
        """The title escaped for templates that print it as HTML (MkDocs' templates do not escape)."""
        return html.escape(self.title, quote=False)


@dataclass(frozen=True)
class Site:
    """Site-wide values the pages show."""

    name: str = "Timeline"
    description: str = ""
    directory_urls: bool = True
    pdf: str | None = None  # the PDF's path from the site root, when one is built


def url_of(src_uri: str, directory_urls: bool = True) -> str:
    """The URL path (from the site root) that MkDocs gives a page.

    >>> url_of("events/a.md"), url_of("index.md"), url_of("tags/index.md", False)
    ('events/a/', '', 'tags/index.html')
    """
    stem = src_uri[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(target: str, from_url: str) -> str:
    """A relative link from one page's URL to a path from the site root.

    >>> relative("events/b/", "events/a/"), relative("", "events/a/"), relative("timeline/", "")
    ('../b/', '../../', 'timeline/')
    >>> relative("timeline.html", "index.html"), relative("index.html", "events/a.html")
    ('timeline.html', '../index.html')
    """
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    rel = posixpath.relpath(target or ".", base or ".")
    if target.endswith("/") or not target:
        rel = rel.rstrip("/") + "/" if rel != "." else "./"
    return rel


class Renderer:
    """Renders every page of a Timeline."""

    def __init__(self, timeline: Timeline, site: Site):
        self.timeline = timeline
        self.site = site
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("generator", "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["edtf_label"] = lambda text: dates.parse(text).label()
        self.env.globals.update(timeline=timeline, site=site, claim_value=claim_value, number=number,
                                figures=timeline.vocabulary.figures, tag_labels=timeline.vocabulary.tags)

    def pages(self) -> list[RenderedPage]:
        """Every page of the site."""
        t = self.timeline
        pages = [
            self._page("index.md", "home.html", self.site.name, self.site.description),
            self._page("timeline.md", "timeline.html", "Timeline", f"Every event, {t.date_range}."),
            self._page("figures.md", "figures.html", "Figures", "Every figure the sources give, side by side with who claims it."),
            self._page("sources.md", "sources.html", "Sources", "Every article cited, by outlet, with the events that cite it."),
            self._page("tags/index.md", "tags.html", "Tags", "Events by tag."),
            self._page("actors/index.md", "actors.html", "Actors", "Events by actor."),
        ]
        pages += [self._page(f"tags/{tag}.md", "tag.html", f"Tag: {t.vocabulary.tags[tag]}",
                             f"Events tagged {t.vocabulary.tags[tag]}.", tag=tag, events=events)
                  for tag, events in t.tags.items()]
        pages += [self._page(f"actors/{slugify(actor)}.md", "actor.html", actor,
                             f"Events involving {actor}.", actor=actor, events=events)
                  for actor, events in t.actors.items()]
        events = [self.event_page(event) for event in t.events]
        latest = max((p.lastmod for p in events if p.lastmod), default=None)
        return [replace(p, lastmod=latest, searchable=p.src_uri == "index.md") for p in pages] + events

    def event_page(self, event: Event) -> RenderedPage:
        numbers = {s.id: i for i, s in enumerate(event.meta.sources, start=1)}
        body = render_body(event.body, numbers)
        page = self._page(event_src(event), "event.html", event.title, event.meta.summary,
                          event=event, body=body, numbers=numbers, search_boost=2.0)
        day = last_modified(event)
        return replace(page, event=event, lastmod=day.isoformat() if day else None)

    def _page(self, src_uri: str, template: str, title: str, description: str, search_boost: float | None = None, **context) -> RenderedPage:
        here = url_of(src_uri, self.site.directory_urls)

        def link(target_src: str) -> str:
            return relative(url_of(target_src, self.site.directory_urls), here)

        page_html = self.env.get_template(template).render(
            title=title, link=link, event_src=event_src, actor_src=actor_src, **context
        )
        return RenderedPage(src_uri, title, description, page_html, toc_of(page_html), search_boost)


def event_src(event: Event) -> str:
    return f"events/{event.id}.md"


def actor_src(actor: str) -> str:
    return f"actors/{slugify(actor)}.md"


def toc_of(page_html: str) -> list[dict]:
    """MkDocs-style toc tokens from the h2/h3 headings of rendered HTML (the h1 is the title)."""
    tokens: list[dict] = []
    for level, anchor, inner in HEADING.findall(page_html):
        token = {"level": int(level), "id": anchor, "name": inner.strip(), "html": inner.strip(), "data-toc-label": "", "children": []}
        if level == "1":
            continue
        if level == "3" and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens
