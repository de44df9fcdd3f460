"""``timeline.json``: every event, source, claim and figure, as data.

The complete export: what the event files say (the body as written, in
Markdown; every source, claim and disagreement field) plus what the generator
works out (URLs, date labels, first and last possible days, claim display
text, how each source is named and its lineage, whether a figure or an event
is disputed). Keys are in a fixed order and nothing depends on the
build time, so the file only changes when the events do.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ...model.dates import EdtfDate
from ...model.event import Claim, Event, Source
from ...model.timeline import FigureTable, Timeline
from ..dates import label
from ..format import claim_value, date_range, lineage, outlet_label, spread
from ..paths import event_src, url_of
from .kept import Kept, part

FILENAME = "timeline.json"


def render(timeline: Timeline, *, site_name: str, directory_urls: bool = True, kept: Kept | None = None) -> str:
    """The whole file as text (UTF-8, compact, ending in a newline)."""
    return render_bytes(timeline, site_name=site_name, directory_urls=directory_urls, kept=kept).decode("utf-8")


def render_bytes(timeline: Timeline, *, site_name: str, directory_urls: bool = True, kept: Kept | None = None) -> bytes:
    """The whole file as the bytes to write; each event's record is written on its own (``kept``:
    from the render before, when the event is the same) and joined, which gives what one
    ``dumps`` of the whole gives. The records are kept as UTF-8: at 10,000 events the file is
    40 MB, and joining it as text and encoding it took a third of a second of every preview's
    rebuild; joined as bytes, it is a copy."""
    head = {"title": site_name, "date_range": date_range(timeline), "generated_from": "event files"}
    events = [
        part(
            kept,
            ("json", directory_urls),
            event,
            lambda event=event: dumps(event_record(timeline, event, directory_urls))[:-1].encode("utf-8"),
        )
        for event in timeline.events
    ]
    figures = tuple(timeline.figures)

    def tail() -> str:
        return dumps({"figures": [figure_record(table) for table in figures], "tags": tags})

    tags = {tag: timeline.vocabulary.tags[tag] for tag in timeline.tags}
    rest = tail() if kept is None else kept.piece("json tail", "", (figures, tags), tail)
    start = dumps(head)[:-2] + ',"events":['
    return start.encode("utf-8") + b",".join(events) + ("]," + rest[1:]).encode("utf-8")


def joined(head: dict, key: str, items: list[str], tail: dict | None = None) -> str:
    """``dumps({**head, key: items, **tail})`` from ``items`` already written as JSON.

    >>> joined({"a": 1}, "b", ['{"c":2}', "3"], {"d": None}) == dumps({"a": 1, "b": [{"c": 2}, 3], "d": None})
    True
    """
    rest = dumps(tail)[1:] if tail else "}\n"
    return dumps(head)[:-2] + f',"{key}":[' + ",".join(items) + "]" + ("," if tail else "") + rest


def dumps(data: Any) -> str:
    """JSON as every export writes it: compact, which lets ``json`` use its C encoder (with an
    indent it falls back to the pure-Python one: 2.7 s for the 10,000-event timeline.json) and
    makes that file a sixth smaller. Readers are programs; ``python -m json.tool`` indents it.

    >>> print(dumps({"b": "é", "a": [1, None]}), end="")
    {"b":"é","a":[1,null]}
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def day_range(when: EdtfDate) -> tuple[str | None, str | None]:
    """ISO first possible day of the start and last possible day of the end; None when unknown.

    >>> from generator.check.edtf import parse
    >>> day_range(parse("2024-11")), day_range(parse("../2025-01~"))
    (('2024-11-01', '2024-11-30'), (None, '2025-01-31'))
    """
    first = when.start.earliest() if when.start else None
    last = when.end.latest() if when.end else None
    return (first.isoformat() if first else None, last.isoformat() if last else None)


def record(item: Any) -> dict[str, Any]:
    """A source, claim or reported date as data: every field, dates as written, lists as lists.

    >>> from generator.model.event import Source
    >>> record(Source(id="a", credits=("B",)))["credits"]
    ['B']
    """
    return {field.name: _plain(getattr(item, field.name)) for field in dataclasses.fields(item)}


def _plain(value: Any) -> Any:
    if isinstance(value, EdtfDate):
        return value.text
    return list(value) if isinstance(value, tuple) else value


def event_record(timeline: Timeline, event: Event, directory_urls: bool = True) -> dict[str, Any]:
    date_start, date_end = day_range(event.when)
    return {
        "id": event.id,
        "url": url_of(event_src(event), directory_urls),
        "title": event.title,
        "date": event.when.edtf(),
        "date_label": label(event.when),
        "date_start": date_start,
        "date_end": date_end,
        "date_note": event.date_note,
        "summary": event.summary,
        "tags": list(event.tags),
        "actors": list(event.actors),
        "location": event.location,
        "body": event.body,
        "sources": [source_record(source) for source in event.sources],
        "claims": [claim_record(timeline, claim) for claim in event.claims],
        "reported_dates": [{**record(r), "date_label": label(r.date)} for r in event.reported_dates],
        "disagreements": [{**record(d), "sides": [record(side) for side in d.sides]} for d in event.disagreements],
        "disputed": timeline.is_disputed(event),
    }


def source_record(source: Source) -> dict[str, Any]:
    """Every field, and how the site names it: the page read ('listed_as', never the outlet it
    credits) and where it says or seems to come from ('lineage')."""
    return {**record(source), "listed_as": outlet_label(source), "lineage": lineage(source, quoted=True)}


def claim_record(timeline: Timeline, claim: Claim) -> dict[str, Any]:
    figure = timeline.vocabulary.figures.get(claim.figure)
    return {
        **record(claim),
        "figure_label": figure.label if figure else None,
        "unit": figure.unit if figure else None,
        "display": claim_value(claim, figure),
        "disputed": claim.figure in timeline.disputed_figures,
    }


def figure_record(table: FigureTable) -> dict[str, Any]:
    return {
        "id": table.figure.id,
        "label": table.figure.label,
        "unit": table.figure.unit,
        "disputed": table.disputed,
        "spread": spread(table),
        "values": [{"low": low, "high": high} for low, high in table.values],
        "claims": [
            {
                "event": c.event.id,
                "source": c.source.id,
                "claimant": c.claim.claimant,
                "display": claim_value(c.claim, table.figure),
            }
            for c in table.citations
        ],
    }
