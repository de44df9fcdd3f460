"""Render: the Timeline -> the site's pages as HTML fragments (the "render" step).

Every page is rendered here, by the generator's own Jinja2 templates with
autoescaping on, never by a builder's template engine and never as a template
itself: contributor text is only ever a value. A :class:`~.pages.Page` carries
what a builder needs: where the page goes, its plain-text title and
description, its HTML, its table of contents and its ``<head>`` additions.

A listing longer than ``Site.page_size`` is split (see ``Renderer._listing``):
its page becomes an index and each year (or month) of it gets a page of its
own, so that no page grows with the whole timeline; the Sources page becomes an
index of outlets, each a listing (``sources.SourcePages``).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property

from markupsafe import Markup

from ..model.event import Event
from ..model.timeline import Timeline
from .charts import SiteCharts
from .citations import link_citations
from .disputes import disputes_pages
from .pages import Page, toc_of
from .paging import Dated, Part, group_by_month, split_by_date
from .paths import actor_src, event_src, figure_src, relative, url_of
from .sources import SourcePages
from .structured import event_jsonld, last_modified, script_json
from .templates import environment

PDF_NAME = "timeline.pdf"
#: The navigation: these pages only. Events never enter it, where every page would list every
#: event and builds would grow with N².
NAV = [
    {"Home": "index.md"},
    {"Timeline": "timeline.md"},
    {"Figures": "figures.md"},
    {"Disputes": "disputes.md"},
    {"Sources": "sources.md"},
    {"Tags": "tags/index.md"},
    {"Actors": "actors/index.md"},
]


@dataclass(frozen=True)
class Site:
    """Site-wide values the pages show."""

    name: str = "Timeline"
    description: str = ""
    url: str | None = None  # where the site is published (site_url), for canonical links
    directory_urls: bool = True
    pdf: str | None = None  # the PDF's path from the site root, when one is built
    page_size: int = 500  # a listing longer than this is split (the plugin's page_size option)

    def canonical(self, src_uri: str) -> str | None:
        """A page's absolute URL, as MkDocs makes its ``canonical_url``; None without a site URL."""
        if not self.url:
            return None
        return urllib.parse.urljoin(self.url.rstrip("/") + "/", url_of(src_uri, self.directory_urls))


class Renderer:
    """Renders every page of a Timeline."""

    def __init__(self, timeline: Timeline, site: Site):
        self.timeline = timeline
        self.site = site
        self.sources = SourcePages(timeline, site.page_size)
        self.env = environment(
            timeline,
            site=site,
            figure_href=self.figure_href,
            figures_split=lambda: self.figures_split,
            outlet_src=self.sources.outlet_src,
            credited_src=self.sources.credited_src,
            sources_split=self.sources.split,
            years=group_by_month(timeline.events),
            charts=SiteCharts(timeline, self.figure_href),
        )

    def pages(self) -> list[Page]:
        """Every page of the site."""
        t = self.timeline
        pages = [
            self._page("index.md", "home.html", self.site.name, self.site.description),
            *self._listing(
                "timeline.md",
                "timeline.html",
                "Timeline",
                f"Every event, {self.env.globals['date_range']}.",
                t.events,
                lambda part: f"Every event of {part.label}.",
            ),
            *self._figures(),
            *disputes_pages(self._listing, t),
            *self.sources.pages(self._page, self._listing),
            self._page("tags/index.md", "tags.html", "Tags", "Events by tag."),
            self._page("actors/index.md", "actors.html", "Actors", "Events by actor."),
        ]
        pages += self._tag_and_actor_pages()
        events = [self.event_page(event) for event in t.events]
        latest = max((p.lastmod for p in events if p.lastmod), default=None)
        free = [
            replace(self._page(f"{p.id}.md", "page.html", p.title, p.summary or "", free=p), file=p.path)
            for p in t.pages
        ]
        return [replace(p, lastmod=latest, listing=p.src_uri != "index.md") for p in pages] + free + events

    def _tag_and_actor_pages(self) -> list[Page]:
        """A listing for each tag and each actor that any event names."""
        t, pages = self.timeline, []
        for tag, events in t.tags.items():
            label = t.vocabulary.tags[tag]
            pages += self._listing(
                f"tags/{tag}.md",
                "tag.html",
                f"Tag: {label}",
                f"Events tagged {label}.",
                events,
                lambda part, label=label: f"Events tagged {label}, {part.label}.",
                tag=tag,
            )
        for actor, events in t.actors.items():
            pages += self._listing(
                actor_src(actor),
                "actor.html",
                actor,
                f"Events involving {actor}.",
                events,
                lambda part, actor=actor: f"Events involving {actor}, {part.label}.",
                actor=actor,
            )
        return pages

    def _figures(self) -> list[Page]:
        """The figures page; past page_size claims in all, an index of the figures and a page per figure."""
        page = self._page(
            "figures.md", "figures.html", "Figures", "Every figure the sources give, side by side with who claims it."
        )
        if not self.figures_split:
            return [page]
        pages = [page]
        for table in self.timeline.figures:
            label = table.figure.label
            pages += self._listing(
                figure_src(table.figure.id),
                "figure.html",
                label,
                f"{label}: every value the sources give, with who claims it.",
                table.citations,
                lambda part, label=label: f"{label}, {part.label}: the values the sources give, with who claims them.",
                when=lambda citation: citation.event.when,
                table=table,
            )
        return pages

    def _listing(
        self,
        src_uri: str,
        template: str,
        title: str,
        description: str,
        items: list,
        part_description: Callable[[Part], str],
        when: Dated | None = None,
        **context,
    ) -> list[Page]:
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
            neighbours = {
                "prev_part": parts[i - 1] if i else None,
                "next_part": parts[i + 1] if i + 1 < len(parts) else None,
            }
            pages.append(
                self._page(
                    part_src(part),
                    template,
                    f"{title}, {part.label}",
                    part_description(part),
                    **dict(split, items=part.items, part=part, **neighbours),
                )
            )
        pages[1:] = [replace(page, searchable=False) for page in pages[1:]]  # found from the listing's first
        return pages

    @cached_property
    def figures_split(self) -> bool:
        """Past page_size claims in all, each figure gets a page of its own."""
        return sum(len(table.citations) for table in self.timeline.figures) > self.site.page_size

    def figure_href(self, link: Callable[[str], str], figure_id: str) -> str:
        """Where a figure's claims are listed, from a page with that ``link``."""
        if self.figures_split:
            return link(figure_src(figure_id))
        return f"{link('figures.md')}#{figure_id}"

    def event_page(self, event: Event) -> Page:
        numbers = {s.id: i for i, s in enumerate(event.sources, start=1)}
        body = link_citations(event.body_html, numbers)
        page = self._page(
            event_src(event),
            "event.html",
            event.title,
            event.summary,
            event=event,
            body=body,
            numbers=numbers,
            search_boost=2.0,
        )
        day = last_modified(event)
        return replace(page, event=event, lastmod=day.isoformat() if day else None)

    def _page(
        self,
        src_uri: str,
        template: str,
        title: str,
        description: str,
        search_boost: float | None = None,
        event: Event | None = None,
        **context,
    ) -> Page:
        here = url_of(src_uri, self.site.directory_urls)

        def link(target_src: str) -> str:
            return relative(url_of(target_src, self.site.directory_urls), here)

        page_html = self.env.get_template(template).render(
            title=title, link=link, event_src=event_src, actor_src=actor_src, event=event, **context
        )
        return Page(
            src_uri,
            title,
            description,
            page_html,
            toc_of(page_html),
            search_boost,
            head=self._head(src_uri, title, description, event),
        )

    def _head(self, src_uri: str, title: str, description: str, event: Event | None) -> str:
        """Open Graph tags and, for an event, its JSON-LD."""
        url = self.site.canonical(src_uri)
        jsonld = Markup(script_json(event_jsonld(event, url))) if event else ""
        return self.env.get_template("head.html").render(
            kind="article" if event else "website",
            title=title,
            description=description,
            site_name=self.site.name,
            url=url,
            jsonld=jsonld,
        )
