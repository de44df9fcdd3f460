"""``feed.xml``: the events as an Atom 1.0 feed (RFC 4287), newest event first.

Built with ``xml.etree.ElementTree``, so the library escapes every value;
characters XML 1.0 cannot carry at all (most C0 controls) become U+FFFD.

Ids are ``tag:`` URIs (RFC 4151), permanent whatever the URL layout:

* authority: the host of ``site_url`` when it is known, else :data:`NO_HOST`
  (``timeline.invalid``, under the reserved ``.invalid`` domain): never the
  site's name, so that renaming the site does not make every entry new to the
  readers that follow it;
* date: the fixed year :data:`TAG_DATE`, so that ids never change with content;
* specific part: the site's path (from ``site_url``), then ``events/<event id>``
  for an entry or ``feed`` for the feed.

e.g. ``tag:timeline.example,2024:events/2024-11-deployment``.

Links are absolute when ``site_url`` is known; otherwise relative to the
feed itself, which is correct because ``feed.xml`` sits at the site root,
but some readers cannot follow them: the build says so (the MkDocs plugin).

``updated`` comes from the content, never the build clock, so builds are
reproducible: for an entry, the latest of the last possible day of the event
and of its sources' published and accessed dates; for the feed, the latest
entry's. Atom's dates (RFC 3339) run from year 1 to 9999: an entry whose
content gives no such day (an event before the common era, its sources
undated) takes the feed's, and says so in a comment; a feed with no such day
at all is dated :data:`NO_DATE`, which stands for none, and says so too.
"""

from __future__ import annotations

import datetime
import io
import re
import urllib.parse
import xml.etree.ElementTree as ET

from ...model.event import Event
from ...model.timeline import Timeline
from ..format import date_range
from ..paths import event_src, url_of
from .kept import Kept

FILENAME = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
TAG_DATE = "2024"
NO_HOST = "timeline.invalid"
NO_DATE = "1970-01-01T00:00:00Z"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(
    timeline: Timeline,
    *,
    site_name: str,
    site_url: str | None = None,
    directory_urls: bool = True,
    kept: Kept | None = None,
) -> str:
    base = site_url.rstrip("/") + "/" if site_url else None
    days = {event.id: content_day(event) for event in timeline.events}
    latest = max((day for day in days.values() if day), default=None)

    def made(event: Event) -> ET.Element:
        element = entry(timeline, event, site_name, base, directory_urls, days[event.id] or latest)
        if days[event.id] is None and latest is not None:
            element.insert(
                2, ET.Comment(" No day of this event can be written in Atom (years 1-9999): updated is the feed's ")
            )
        return element

    feed = ET.Element("feed", xmlns=ATOM)
    _text(feed, "id", tag_uri(base, "feed"))
    _text(feed, "title", site_name)
    if span := date_range(timeline):
        _text(feed, "subtitle", span)
    if latest is None:
        feed.append(
            ET.Comment(f" No day of the content can be written in Atom (years 1-9999): {NO_DATE} stands for none ")
        )
    _text(feed, "updated", atom_date(latest))
    ET.SubElement(feed, "link", rel="self", type="application/atom+xml", href=link(base, FILENAME))
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=link(base, ""))
    _text(ET.SubElement(feed, "author"), "name", site_name)
    if kept is None:
        feed.extend(made(e) for e in reversed(timeline.events))
        return serialize(feed)
    kind = ("atom", site_name, base, directory_urls, latest)  # what an entry shows besides its event
    return serialize(
        feed, [kept.piece(kind, e.id, e, lambda e=e: entry_text(made(e))) for e in reversed(timeline.events)]
    )


def entry(
    timeline: Timeline, event: Event, site_name: str, base: str | None, directory_urls: bool, day: datetime.date | None
) -> ET.Element:
    element = ET.Element("entry")
    _text(element, "id", tag_uri(base, f"events/{event.id}"))
    _text(element, "title", event.title)
    _text(element, "updated", atom_date(day))
    ET.SubElement(
        element, "link", rel="alternate", type="text/html", href=link(base, url_of(event_src(event), directory_urls))
    )
    _text(element, "summary", event.summary)
    for tag in event.tags:
        ET.SubElement(element, "category", term=tag, label=clean(timeline.vocabulary.tags.get(tag, tag)))
    _text(ET.SubElement(element, "author"), "name", site_name)
    return element


def tag_uri(base: str | None, specific: str) -> str:
    """A permanent id: see the module docstring. The site's name plays no part in it.

    >>> tag_uri(None, "events/x"), tag_uri("https://Example.org/project/", "feed")
    ('tag:timeline.invalid,2024:events/x', 'tag:example.org,2024:project/feed')
    """
    parts = urllib.parse.urlsplit(base or "")
    authority = parts.hostname or NO_HOST
    path = parts.path.strip("/")
    return f"tag:{authority},{TAG_DATE}:{path + '/' if path else ''}{specific}"


def link(base: str | None, url: str) -> str:
    """Absolute from ``base`` when known, else relative to the feed at the site root.

    >>> link(None, ""), link(None, "events/a/"), link("https://e.org/t/", "events/a/")
    ('./', 'events/a/', 'https://e.org/t/events/a/')
    """
    if base:
        return urllib.parse.urljoin(base, url)
    return url or "./"


def content_day(event: Event) -> datetime.date | None:
    """The latest day the event's content speaks of: its last possible day, or a source's date."""
    whens = [event.when] + [d for s in event.sources for d in (s.published, s.accessed) if d]
    days = [p.latest() for w in whens for p in (w.end or w.start,) if p]
    return max((d for d in days if d), default=None)


def atom_date(day: datetime.date | None) -> str:
    """RFC 3339 midnight UTC, or NO_DATE.

    >>> atom_date(datetime.date(2024, 11, 30)), atom_date(None)
    ('2024-11-30T00:00:00Z', '1970-01-01T00:00:00Z')
    """
    return f"{day.isoformat()}T00:00:00Z" if day else NO_DATE


def clean(text: str) -> str:
    """Text XML 1.0 can carry: characters it forbids become U+FFFD.

    >>> clean("a\\x01b <&>") == "a\\ufffdb <&>"
    True
    """
    return NOT_XML.sub("\ufffd", text)


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    child = ET.SubElement(parent, tag)
    child.text = clean(text)
    return child


def serialize(feed: ET.Element, entries: list[str] | None = None) -> str:
    """The feed as text, indented; ``entries``: its entries already written (``entry_text``), put
    where they would be had they been its last children."""
    ET.indent(feed)
    out = io.BytesIO()
    ET.ElementTree(feed).write(out, encoding="utf-8", xml_declaration=True)
    text = out.getvalue().decode("utf-8")
    if entries:
        text = text.removesuffix("\n</feed>") + "\n  " + "".join(entries).removesuffix("\n  ") + "\n</feed>"
    return text + "\n"


def entry_text(element: ET.Element) -> str:
    """An entry as ``serialize`` writes it among the feed's children (a kept piece of the feed)."""
    ET.indent(element, level=1)
    element.tail = "\n  "
    return ET.tostring(element, encoding="unicode")
