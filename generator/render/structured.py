"""Structured data for each page: schema.org JSON-LD, Open Graph tags, sitemap dates.

Part of the "render" step. Everything here is derived from the content, never
from the build clock, so that two builds of the same commit are identical.
The head HTML is rendered with autoescaping (``templates/head.html``) and the
JSON-LD with every ``<``, ``>`` and ``&`` escaped, so contributor text cannot
close the ``<script>``.
"""

from __future__ import annotations

import datetime
import json

from ..model.dates import Point
from ..model.event import Event, Source


def script_json(data: dict) -> str:
    """JSON that is safe inside a ``<script>`` element.

    >>> script_json({"a": "</script><b>&"})
    '{"a": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def iso(point: Point | None) -> str | None:
    """A schema.org date at the point's own precision, without EDTF qualifiers."""
    if point is None or point.year < 1:
        return None
    text = f"{point.year:04d}"
    if point.month:
        text += f"-{point.month:02d}"
    if point.day:
        text += f"-{point.day:02d}"
    return text


def event_jsonld(event: Event, page_url: str | None) -> dict:
    """The page as a schema.org WebPage about the Event, citing its articles."""
    happening: dict = {"@type": "Event", "name": event.title, "description": event.summary}
    if start := iso(event.when.start):
        happening["startDate"] = start
    if (end := iso(event.when.end)) and end != happening.get("startDate"):
        happening["endDate"] = end
    if event.location:
        happening["location"] = {"@type": "Place", "name": event.location}
    page: dict = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": event.title,
        "description": event.summary,
        "about": happening,
        "citation": [_article(source) for source in event.sources],
    }
    if page_url:
        page["url"] = page_url
    if event.date_note:
        happening["disambiguatingDescription"] = f"About this date: {event.date_note}"
    return page


def _article(source: Source) -> dict:
    article: dict = {"@type": "NewsArticle"}
    if source.title:
        article["headline"] = source.title
    if source.outlet:
        article["publisher"] = {"@type": "Organization", "name": source.outlet}
    if based_on := _based_on(source):
        article["isBasedOn"] = based_on
    if source.author:
        article["author"] = {"@type": "Person", "name": source.author}
    if source.published and (published := iso(source.published.start)):
        article["datePublished"] = published
    if source.url:
        article["url"] = source.url
    return article


#: How the page names the outlet it comes from, by ``Source.origin_link``, for ``isBasedOn``.
_ORIGIN_DESCRIPTIONS = {
    "stated": "The page says it comes from this outlet.",
    "apparent": "The page appears to come from this outlet.",
    "unknown": "The page may come from this outlet; the link is unknown.",
}


def _based_on(source: Source) -> list[dict]:
    """The outlets the page comes from or credits, as schema.org ``isBasedOn`` works, each saying how
    the page names it."""
    works = []
    if source.origin:
        works.append(_credited(source.origin, _ORIGIN_DESCRIPTIONS[source.origin_link or "unknown"]))
    works += [_credited(outlet, "The page credits this outlet among its sources.") for outlet in source.credits]
    return works


def _credited(outlet: str, description: str) -> dict:
    return {"@type": "CreativeWork", "publisher": {"@type": "Organization", "name": outlet}, "description": description}


def last_modified(event: Event) -> datetime.date | None:
    """The latest day the content itself gives for an event: its end, or a source's date."""
    days = []
    for when in [event.when] + [d for s in event.sources for d in (s.published, s.accessed) if d]:
        point = when.end or when.start
        if point and (day := point.latest()):
            days.append(day)
    return max(days) if days else None
