"""``sources.csl.json``: every distinct article cited, as CSL-JSON for reference managers.

One item per article of ``Timeline.articles`` (an article cited by several
events is one item). Choices, all within the CSL-JSON schema (csl-data.json):

* ``id`` is the first citing event's id, "/", and that event's id for the
  source, e.g. ``2024-06-treaty/a``: stable while that event keeps its file
  name and source id, and unique because source ids are unique in a file.
* ``type`` is ``article-newspaper`` for a page its outlet published as its own
  work, and ``webpage`` for one that names no outlet or comes from another
  (``origin``): then all that is known is a page on a website.
* ``container-title`` is the outlet of the page that was read, never the
  outlet it credits; ``original-publisher`` (CSL's variable for the publisher
  of the original of a republished work) is that credited outlet, the page's
  ``origin``; how sure the link is, and the page's words that show it, are in
  ``note``. ``author`` is a single literal name, as the byline is printed.
* ``issued`` (published) and ``accessed`` are ``date-parts`` with only the parts
  known; an interval gives two. A year before the common era is negative as CSL
  counts it, with no year 0 (``-44`` is 44 BC, EDTF's ``-0043``). ``circa: true``
  marks a date that is not certain, approximate (EDTF ``~``) or uncertain
  (``?``), as CSL has no other mark for either; the EDTF date and the date as
  printed are in ``note``, as is an interval with a missing side.
* ``note``: the page's label when it has no headline, its note, its lineage,
  the outlets it credits, the date as printed, such dates, the snapshot its
  quotes were checked against, what it reports that no event records, and
  "Cited by:" with the ids of every event citing it.
* ``URL``, ``author``, ``title`` and the dates appear only when the event file
  gives them; nothing is made up.
"""

from __future__ import annotations

from typing import Any

from ...model.dates import EdtfDate, Point
from ...model.event import Source
from ...model.timeline import Article, Timeline
from ..dates import counted_year, label
from .json_export import dumps
from .kept import Kept

FILENAME = "sources.csl.json"


def render(timeline: Timeline, kept: Kept | None = None) -> str:
    """Every article's item; ``kept``: the items of the render before, by the article's CSL id,
    kept while the article's source and first citing event are the same."""
    if kept is None:
        return dumps([item(article) for article in timeline.articles])
    items = [
        kept.piece("csl", csl_id(a), (a.source, a.events[0].id), lambda a=a: dumps(item(a))[:-1])
        for a in timeline.articles
    ]
    return "[" + ",".join(items) + "]\n"


def csl_id(article: Article) -> str:
    return f"{article.events[0].id}/{article.source.id}"


def item(article: Article) -> dict[str, Any]:
    source = article.source
    data: dict[str, Any] = {"id": csl_id(article), "type": csl_type(source)}
    optional = {
        "title": source.title,
        "container-title": source.outlet,
        "original-publisher": source.origin,
        "author": [{"literal": source.author}] if source.author else None,
        "issued": csl_date(source.published) if source.published else None,
        "URL": source.url,
        "accessed": csl_date(source.accessed) if source.accessed else None,
        "note": note(article),
    }
    data.update((key, value) for key, value in optional.items() if value)
    return data


def csl_type(source: Source) -> str:
    return "article-newspaper" if source.outlet and not (source.origin or source.origin_link) else "webpage"


def csl_date(when: EdtfDate) -> dict[str, Any]:
    """A CSL date object with only the known parts; ``circa`` when it is approximate or uncertain.

    >>> from generator.check.edtf import parse
    >>> csl_date(parse("2024-11-03")), csl_date(parse("2024-10~"))
    ({'date-parts': [[2024, 11, 3]]}, {'date-parts': [[2024, 10]], 'circa': True})
    >>> csl_date(parse("2025-02-07?"))
    {'date-parts': [[2025, 2, 7]], 'circa': True}
    >>> csl_date(parse("2024-12-30/2025-01-02"))
    {'date-parts': [[2024, 12, 30], [2025, 1, 2]]}
    """
    points = [when.start] if not when.is_interval else [p for p in (when.start, when.end) if p]
    data: dict[str, Any] = {"date-parts": [date_parts(p) for p in points]}
    if when.approximate or when.uncertain:
        data["circa"] = True
    return data


def date_parts(point: Point) -> list[int]:
    """The known parts of a point, its year as CSL counts it.

    >>> date_parts(Point(-43, 3, 15)), date_parts(Point(1895, None, None))
    ([-44, 3, 15], [1895])
    """
    return [part for part in (counted_year(point.year), point.month, point.day) if part is not None]


def lossy(when: EdtfDate) -> bool:
    """Does the CSL date lose something of the EDTF date (which hedge ``circa`` stands for, or a
    side missing)?

    >>> from generator.check.edtf import parse
    >>> lossy(parse("2024-10~")), lossy(parse("2024-10?")), lossy(parse("2024-10/.."))
    (False, True, True)
    """
    return when.uncertain or (when.is_interval and not (when.start and when.end))


def note(article: Article) -> str:
    source = article.source
    lines = [f"Untitled; listed as: {source.label}"] if source.label and not source.title else []
    lines += [source.note] if source.note else []
    if source.origin:
        quote = f", “{source.origin_quote}”" if source.origin_quote else ""
        lines.append(f"Origin ({source.origin_link or 'unknown'} link): {source.origin}{quote}")
    elif source.origin_link:
        lines.append("Origin: unknown")
    if source.credits:
        lines.append("Credits: " + "; ".join(source.credits))
    if source.date_printed:
        lines.append(f"Date as printed: {source.date_printed}")
    for name, when in (("Published", source.published), ("Accessed", source.accessed)):
        if when and lossy(when):
            lines.append(f"{name} (EDTF): {when.text} ({label(when)})")
    if source.snapshot_read:  # set by check once it has found every quote in the snapshot
        read = label(source.snapshot_read)
        lines.append(f"Quotes checked against a snapshot of the page ({source.snapshot}, read {read})")
    if source.left_out:
        lines.append(f"Not recorded: {source.left_out}")
    lines.append("Cited by: " + ", ".join(event.id for event in article.events))
    return "\n".join(lines)
