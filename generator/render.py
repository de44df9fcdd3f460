"""Render: the Timeline -> the site's pages as HTML fragments (the "render" step).

Every page is rendered here, by the generator's own Jinja2 templates with
autoescaping on, never by MkDocs' template engine (which has it off) and never
as a template itself: contributor text is only ever a value. A RenderedPage
carries what a builder needs: where the page goes, its plain-text title and
description, its HTML, and its table of contents.

A listing longer than ``Site.page_size`` is split (see ``Renderer._listing``):
its page becomes an index and each year (or month) of it gets a page of its
own, so that no page grows with the whole timeline.
"""

from __future__ import annotations

import hashlib
import functools
import html
import posixpath
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import jinja2

from . import dates
from .body import render_body
from .structured import last_modified
from .model import Event
from .scaffold import slugify
from .timeline import Dated, Part, Timeline, claim_value, number, split_by_date

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
    page_size: int = 500  # a listing longer than this is split (the plugin's page_size option)


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
    >>> relative("tags/a/2024/", "tags/a/2023/"), relative("tags/a/", "tags/a/"), relative("x/", "x/y/")
    ('../2024/', './', '../')
    """
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    return _relative(target, base.strip("/"))


@functools.lru_cache(maxsize=65536)
def _relative(target: str, base: str) -> str:
    """Both are paths from the site root: string work only (posixpath.relpath asks the OS for the
    working directory twice per call, and listings make hundreds of thousands of links)."""
    up = base.split("/") if base else []
    down = target.rstrip("/").split("/") if target.strip("/") else []
    common = 0
    while common < min(len(up), len(down)) and up[common] == down[common]:
        common += 1
    rel = "/".join([".."] * (len(up) - common) + down[common:])
    if target.endswith("/") or not target:
        return rel + "/" if rel else "./"
    return rel or "."


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
                                figures=timeline.vocabulary.figures, tag_labels=timeline.vocabulary.tags,
                                figure_href=self.figure_href, figures_split=lambda: self.figures_split,
                                outlet_src=lambda outlet: outlet_src(self.outlet_slugs[outlet]))

    def pages(self) -> list[RenderedPage]:
        """Every page of the site."""
        t = self.timeline
        pages = [
            self._page("index.md", "home.html", self.site.name, self.site.description),
            *self._listing("timeline.md", "timeline.html", "Timeline", f"Every event, {t.date_range}.", t.events,
                           lambda part: f"Every event of {part.label}."),
            *self._figures(),
            *self._sources(),
            self._page("tags/index.md", "tags.html", "Tags", "Events by tag."),
            self._page("actors/index.md", "actors.html", "Actors", "Events by actor."),
        ]
        for tag, events in t.tags.items():
            label = t.vocabulary.tags[tag]
            pages += self._listing(f"tags/{tag}.md", "tag.html", f"Tag: {label}", f"Events tagged {label}.", events,
                                   lambda part: f"Events tagged {label}, {part.label}.", tag=tag)
        for actor, events in t.actors.items():
            pages += self._listing(actor_src(actor), "actor.html", actor, f"Events involving {actor}.", events,
                                   lambda part: f"Events involving {actor}, {part.label}.", actor=actor)
        events = [self.event_page(event) for event in t.events]
        latest = max((p.lastmod for p in events if p.lastmod), default=None)
        return [replace(p, lastmod=latest, searchable=p.src_uri == "index.md") for p in pages] + events

    def _figures(self) -> list[RenderedPage]:
        """The figures page; past page_size claims in all, an index of the figures and a page per figure."""
        page = self._page("figures.md", "figures.html", "Figures",
                          "Every figure the sources give, side by side with who claims it.")
        if not self.figures_split:
            return [page]
        pages = [page]
        for table in self.timeline.figures:
            label = table.figure.label
            pages += self._listing(figure_src(table.figure.id), "figure.html", label,
                                   f"{label}: every value the sources give, with who claims it.", table.citations,
                                   lambda part: f"{label}, {part.label}: the values the sources give, with who claims them.",
                                   when=lambda citation: citation.event.when, table=table)
        return pages

    def _sources(self) -> list[RenderedPage]:
        """The sources page; past page_size articles, an index of the outlets and a page per outlet.

        An outlet's page is not cut further: an article is cited by events of several years, and at
        10,000 events (25 outlets) the longest is under 300 KB."""
        page = self._page("sources.md", "sources.html", "Sources",
                          "Every article cited, by outlet, with the events that cite it.")
        if self.timeline.source_count <= self.site.page_size:
            return [page]
        return [page] + [self._page(outlet_src(self.outlet_slugs[outlet]), "outlet.html", outlet,
                                    f"Every article from {outlet} cited, with the events that cite it.",
                                    outlet=outlet, articles=articles)
                         for outlet, articles in self.timeline.outlets.items()]

    def _listing(self, src_uri: str, template: str, title: str, description: str, items: list,
                 part_description: Callable[[Part], str], when: Dated | None = None, **context) -> list[RenderedPage]:
        """A listing's page; past page_size items, an index of its years instead and a page per year or month.

        The template gets ``items`` (this page's), ``total`` (the listing's), and ``parts``, ``part``
        and ``part_src`` to tell the three apart: parts None (one page), part None (the index), or both.
        """
        whole = dict(context, items=items, total=len(items), parts=None, part=None, part_src=None, index_src=src_uri)
        if len(items) <= self.site.page_size:
            return [self._page(src_uri, template, title, description, **whole)]
        parts = split_by_date(items, self.site.page_size, when)
        folder = src_uri.removesuffix(".md")

        def part_src(part: Part) -> str:
            return f"{folder}/{part.slug}.md"

        split = dict(whole, parts=parts, part_src=part_src)
        pages = [self._page(src_uri, template, title, description, **split)]
        for i, part in enumerate(parts):
            neighbours = {"prev_part": parts[i - 1] if i else None, "next_part": parts[i + 1] if i + 1 < len(parts) else None}
            pages.append(self._page(part_src(part), template, f"{title}, {part.label}", part_description(part),
                                    **dict(split, items=part.items, part=part, **neighbours)))
        return pages

    @cached_property
    def figures_split(self) -> bool:
        """Past page_size claims in all, each figure gets a page of its own."""
        return sum(len(table.citations) for table in self.timeline.figures) > self.site.page_size

    @cached_property
    def outlet_slugs(self) -> dict[str, str]:
        return unique_slugs(list(self.timeline.outlets))

    def figure_href(self, link: Callable[[str], str], figure_id: str) -> str:
        """Where a figure's claims are listed, from a page with that ``link``."""
        if self.figures_split:
            return link(figure_src(figure_id))
        return f"{link('figures.md')}#{figure_id}"

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


def figure_src(figure_id: str) -> str:
    return f"figures/{figure_id}.md"  # figure ids are slugs already (vocabulary.py checks them)


def outlet_src(slug: str) -> str:
    return f"sources/{slug}.md"


def unique_slugs(names: list[str]) -> dict[str, str]:
    """A URL slug per name, the same whatever the order of the names.

    Names that slugify alike each get a short hash of the name as well, rather than a number that
    would change with the names around them.

    >>> unique_slugs(["Le Monde", "Le monde!", "Outlet <i>A</i>", "???"])
    {'Le Monde': 'le-monde-eb1dff', 'Le monde!': 'le-monde-1e8b61', 'Outlet <i>A</i>': 'outlet-i-a-i', '???': 'outlet'}
    """
    plain = {name: _slug(name) for name in names}
    counts = Counter(plain.values())
    return {name: f"{slug}-{hashlib.sha256(name.encode()).hexdigest()[:6]}" if counts[slug] > 1 else slug
            for name, slug in plain.items()}


def _slug(name: str) -> str:
    slug = slugify(name, limit=50)
    return "outlet" if slug == "event" and "event" not in name.casefold() else slug  # slugify's stand-in for "no letters"


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
