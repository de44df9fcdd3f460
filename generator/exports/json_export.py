"""``timeline.json``: every event, source, claim and figure, as data.

The complete export: what the event files say (the body as written, in
Markdown; every source and claim field) plus what the generator works out
(URLs, date labels, first and last possible days, claim display text, whether
a figure is disputed). Keys are in a fixed order and nothing depends on the
build time, so the file only changes when the events do.
"""

from __future__ import annotations

import json
from typing import Any

from .. import dates
from ..model import Event
from ..render import event_src, url_of
from ..schema import Claim
from ..timeline import FigureTable, Timeline, claim_value

FILENAME = "timeline.json"


def render(timeline: Timeline, *, site_name: str, directory_urls: bool = True) -> str:
    """The whole file as text (UTF-8, compact, ending in a newline)."""
    data = {
        "title": site_name,
        "date_range": timeline.date_range,
        "generated_from": "event files",
        "events": [event_record(timeline, event, directory_urls) for event in timeline.events],
        "figures": [figure_record(table) for table in timeline.figures],
        "tags": {tag: timeline.vocabulary.tags[tag] for tag in timeline.tags},
    }
    return dumps(data)


def dumps(data: Any) -> str:
    """JSON as every export writes it: compact, which lets ``json`` use its C encoder (with an
    indent it falls back to the pure-Python one: 2.7 s for the 10,000-event timeline.json) and
    makes that file a sixth smaller. Readers are programs; ``python -m json.tool`` indents it.

    >>> print(dumps({"b": "é", "a": [1, None]}), end="")
    {"b":"é","a":[1,null]}
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def day_range(when: dates.EdtfDate) -> tuple[str | None, str | None]:
    """ISO first possible day of the start and last possible day of the end; None when unknown.

    >>> day_range(dates.parse("2024-11")), day_range(dates.parse("../2025-01~"))
    (('2024-11-01', '2024-11-30'), (None, '2025-01-31'))
    """
    first = when.start.earliest() if when.start else None
    last = when.end.latest() if when.end else None
    return (first.isoformat() if first else None, last.isoformat() if last else None)


def event_record(timeline: Timeline, event: Event, directory_urls: bool = True) -> dict[str, Any]:
    meta = event.meta
    date_start, date_end = day_range(event.when)
    return {
        "id": event.id,
        "url": url_of(event_src(event), directory_urls),
        "title": meta.title,
        "date": event.when.edtf(),
        "date_label": event.when.label(),
        "date_start": date_start,
        "date_end": date_end,
        "date_note": meta.date_note,
        "summary": meta.summary,
        "tags": list(meta.tags),
        "actors": list(meta.actors),
        "location": meta.location,
        "body": event.body,
        "sources": [source.model_dump(mode="json") for source in meta.sources],
        "claims": [claim_record(timeline, claim) for claim in meta.claims],
        "reported_dates": [{**r.model_dump(mode="json"), "date_label": dates.parse(r.date).label()}
                           for r in meta.reported_dates],
    }


def claim_record(timeline: Timeline, claim: Claim) -> dict[str, Any]:
    figure = timeline.vocabulary.figures.get(claim.figure)
    return {
        **claim.model_dump(mode="json"),
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
        "spread": table.spread,
        "values": [{"low": low, "high": high} for low, high in table.values],
        "claims": [
            {"event": c.event.id, "source": c.source.id, "claimant": c.claim.claimant,
             "display": claim_value(c.claim, table.figure)}
            for c in table.citations
        ],
    }
