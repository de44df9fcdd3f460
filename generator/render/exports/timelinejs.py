"""``timelinejs.json``: the timeline in the TimelineJS3 JSON format.

Load it with ``new TL.Timeline("timeline-embed", "timelinejs.json")``. The
format (https://timeline.knightlab.com/docs/json-format.html) is a title slide
and one slide per event:

* ``start_date`` / ``end_date`` carry only the parts of the date that are known
  (year; month and day when given), so TimelineJS never shows a made-up day.
  Years before the common era are negative as TimelineJS counts them, with no
  year 0: ``-44`` is 44 BCE (EDTF's ``-0043``).
  An interval with an unknown or open start uses its end as ``start_date``; an
  open or unknown end gives no ``end_date``. An end known only to the month or
  the year is given its last day: TimelineJS reads a date without a day as the
  first of its month ("June – July 2024" would end on 1 July), so the end
  carries the last day it can be, and its ``display_date`` keeps the precision.
* ``display_date`` is the generator's own label ("about November 2024"), so the
  hedges of the date (approximate, uncertain, open) stay visible.
* ``group`` is the label of the event's first tag; ``unique_id`` its id.

TimelineJS inserts headlines, texts, groups and display dates as HTML, so
every value taken from an event file is escaped with ``html.escape`` here.
"""

from __future__ import annotations

import html
import urllib.parse
from typing import Any

from ...model.dates import Point, days_in_month
from ...model.event import Event, Source
from ...model.timeline import Timeline
from ..dates import counted_year, label, point_label
from ..format import date_range, source_name
from ..paths import event_src, url_of
from .json_export import dumps, joined
from .kept import Kept, part

FILENAME = "timelinejs.json"


def render(
    timeline: Timeline,
    *,
    site_name: str,
    site_url: str | None = None,
    directory_urls: bool = True,
    kept: Kept | None = None,
) -> str:
    head = {"title": {"text": {"headline": esc(site_name), "text": esc(date_range(timeline))}}}
    slides = [
        part(
            kept,
            ("timelinejs", site_url, directory_urls),
            event,
            lambda event=event: dumps(slide(timeline, event, site_url, directory_urls))[:-1],
        )
        for event in timeline.events
    ]
    return joined(head, "events", slides)


def esc(text: str) -> str:
    """Text -> HTML that shows it as written.

    >>> esc("<script>\\"x\\" & 'y'")
    '&lt;script&gt;&quot;x&quot; &amp; &#x27;y&#x27;'
    """
    return html.escape(text, quote=True)


def tl_date(point: Point) -> dict[str, Any]:
    """A TimelineJS date object with only the known parts.

    >>> tl_date(Point(2024, 11, None, approximate=True))
    {'year': 2024, 'month': 11, 'display_date': 'about November 2024'}
    >>> tl_date(Point(-43, 3, 15))
    {'year': -44, 'month': 3, 'day': 15, 'display_date': '15 March 44 BCE'}
    """
    found = {"year": counted_year(point.year), "month": point.month, "day": point.day}
    return {**{k: v for k, v in found.items() if v is not None}, "display_date": esc(point_label(point))}


def tl_end(point: Point) -> dict[str, Any]:
    """A TimelineJS end date: the last day the point can be, labelled at its own precision.

    >>> tl_end(Point(2024, 7, None))
    {'year': 2024, 'month': 7, 'day': 31, 'display_date': 'July 2024'}
    >>> tl_end(Point(2024, 2, None)), tl_end(Point(-43, None, None))["month"]
    ({'year': 2024, 'month': 2, 'day': 29, 'display_date': 'February 2024'}, 12)
    """
    month = point.month or 12
    day = point.day or days_in_month(point.year, month)
    return {"year": counted_year(point.year), "month": month, "day": day, "display_date": esc(point_label(point))}


def slide(timeline: Timeline, event: Event, site_url: str | None = None, directory_urls: bool = True) -> dict[str, Any]:
    when = event.when
    start = when.start or when.end
    assert start is not None  # parse refuses an interval with no side
    data: dict[str, Any] = {"start_date": tl_date(start)}
    if when.is_interval and when.start and when.end:
        data["end_date"] = tl_end(when.end)
    data["display_date"] = esc(label(when))
    data["text"] = {"headline": esc(event.title), "text": slide_text(event, site_url, directory_urls)}
    if event.tags:
        data["group"] = esc(timeline.vocabulary.tags.get(event.tags[0], event.tags[0]))
    data["unique_id"] = event.id
    return data


def slide_text(event: Event, site_url: str | None, directory_urls: bool) -> str:
    """The summary, a sources line and, when the site's URL is known, a link to the event page."""
    parts = [f"<p>{esc(event.summary)}</p>", "<p>Sources: " + "; ".join(source_html(s) for s in event.sources) + "</p>"]
    if site_url:
        page = urllib.parse.urljoin(site_url.rstrip("/") + "/", url_of(event_src(event), directory_urls))
        parts.append(f'<p><a href="{esc(page)}">Read the event page</a></p>')
    return "".join(parts)


def source_html(source: Source) -> str:
    """'Site (apparently from Outlet), “Title”', linked when the article's URL is known.

    >>> source_html(Source(id="a", outlet="A & B", title="<i>T</i>", url="https://e.org/?a=1&b=2"))
    '<a href="https://e.org/?a=1&amp;b=2">A &amp; B, “&lt;i&gt;T&lt;/i&gt;”</a>'
    """
    text = esc(source_name(source))
    text += f", “{esc(source.title)}”" if source.title else ""
    return f'<a href="{esc(source.url)}">{text}</a>' if source.url else text
