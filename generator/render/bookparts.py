"""The book's evidence and appendices as data: what each event reports, and the three appendices.

Part of the "render" step, beside ``book.py``: the figures, dates and other disagreements of an
event with the number of the footnote that names each side's source; then the sources by the page
read (with the events that cite each article), the disputed figures side by side and the other
disagreements. Worded by ``format.py`` and ``dates.py`` as the site words them; every value is a
string or a node tree (``printnodes.py``), which the typesetter prints as text.
"""

from __future__ import annotations

from ..model.event import Event, Source
from ..model.timeline import Timeline
from . import format as fmt
from .charts import figure_chart, for_book, time_axis
from .dates import label
from .printnodes import Node, nodes

#: The charts' typeface: the template's sans-serif (``sans`` in ``templates/print/book.typ``).
CHART_FONT = "DejaVu Sans, NanumGothic"
#: A chart's size: a unit of its drawing in millimetres (its labels, 11 to 13 units, at about the
#: text's 9 pt), within the page's text width and a height that leaves room for a heading.
CHART_MM, CHART_WIDTH_MM, CHART_HEIGHT_MM = 0.24, 170, 200
#: The order of the "Other disagreements" appendix.
DISPUTE_ORDER = ("date", "attribution", "cause", "description")


def footnote_id(event: Event, n: int) -> str:
    """The anchor of footnote ``n`` of ``event``: a later call of the same source links to it."""
    return f"fn-{event.id}-{n}"


class Citations:
    """Each source's citation as the book's nodes, rendered once by the site's ``citation.html``."""

    def __init__(self, env):
        self._macros = env.get_template("citation.html").module
        self._cited: dict[int, list[Node]] = {}

    def citation(self, source: Source) -> list[Node]:
        key = id(source)
        if key not in self._cited:
            self._cited[key] = nodes(" ".join(str(self._macros.citation(source)).split()))
        return self._cited[key]

    def checked(self, source: Source) -> list[Node]:
        return nodes(str(self._macros.checked(source)).strip())


def evidence(timeline: Timeline, item, cite: Citations) -> dict:
    """The figures, dates and other disagreements ``item`` (a ``book.PrintEvent``) reports."""
    event = item.event

    def side(source_id: str, claimant: str | None, quote: str, note: str | None) -> dict:
        n = item.numbers[source_id]
        source = event.source(source_id)
        return {
            "ref": {"n": n, "id": footnote_id(event, n)},
            "source": fmt.source_name(source),
            "claimant": claimant or "",
            "quote": quote,
            "checked": cite.checked(source),
            "note": note or "",
        }

    figures = timeline.vocabulary.figures
    return {
        "claims": [
            {
                "figure": figures[c.figure].label,
                "disputed": f"fig-{c.figure}" if c.figure in timeline.disputed_figures else "",
                "value": fmt.claim_value(c, figures[c.figure]),
                **side(c.source, c.claimant, c.quote, c.note),
            }
            for c in event.claims
        ],
        "dates": [{"date": label(d.date), **side(d.source, d.claimant, d.quote, d.note)} for d in event.reported_dates],
        "disagreements": [
            {
                "kind": fmt.DISPUTE_KINDS[d.kind],
                "topic": d.topic,
                "note": d.note or "",
                "sides": [side(s.source, s.claimant, s.quote, s.note) for s in d.sides],
            }
            for d in event.disagreements
        ],
    }


def appendices(timeline: Timeline, cite: Citations) -> dict:
    """The sources cited, the disputed figures and the other disagreements."""
    return {"outlets": _outlets(timeline, cite), "disputed": _disputed(timeline), "disputes": _disputes(timeline)}


def chart(svg: str) -> dict:
    """A chart (``render/charts/``) as the book places it: its drawing in the book's typeface, its
    text alternative, and its width in millimetres, so that it fits a page."""
    drawing, alt, (width, height) = for_book(svg, CHART_FONT)
    scale = min(CHART_MM, CHART_WIDTH_MM / width, CHART_HEIGHT_MM / height)
    return {"svg": drawing, "alt": alt, "width": round(width * scale, 1)}


def time_chart(timeline: Timeline) -> dict | None:
    """The timeline to scale, as the site draws it above its list (no links: a book has no pages to
    link its marks to); None without events."""
    return chart(time_axis(timeline.events, lambda event: None, "axis")) if timeline.events else None


def _pointer(event: Event) -> dict:
    """An event named in an appendix: its anchor (for the link and the page number) and its title."""
    return {"id": event.id, "title": event.title}


def _outlets(timeline: Timeline, cite: Citations) -> list[dict]:
    return [
        {
            "name": fmt.publication_name(outlet, [article.source for article in articles]),
            "articles": [
                {
                    "citation": cite.citation(article.source),
                    "note": article.source.note or "",
                    "left_out": article.source.left_out or "",
                    "cited_by": [_pointer(event) for event in article.events],
                }
                for article in articles
            ],
        }
        for outlet, articles in timeline.outlets.items()
    ]


def _disputed(timeline: Timeline) -> list[dict]:
    return [
        {
            "id": f"fig-{table.figure.id}",
            "label": table.figure.label,
            "spread": fmt.spread(table),
            "chart": chart(figure_chart(table, lambda citation: None, f"chart-{table.figure.id}")),
            "rows": [
                {
                    "value": fmt.claim_value(c.claim, table.figure),
                    "claimant": c.claim.claimant,
                    "source": fmt.source_name(c.source),
                    "event": _pointer(c.event),
                    "date": label(c.event.when),
                }
                for c in table.citations
            ],
        }
        for table in timeline.figures
        if table.disputed
    ]


def _disputes(timeline: Timeline) -> list[dict]:
    """The disagreements by kind; each side as the page read and its words (a date first, for dates)."""
    kinds = []
    for kind in DISPUTE_ORDER:
        found = [dispute for dispute in timeline.disputes if dispute.kind == kind]
        if found:
            kinds.append({"kind": fmt.DISPUTE_KINDS[kind], "items": [_dispute(d.event, d.disagreement) for d in found]})
    return kinds


def _dispute(event: Event, disagreement) -> dict:
    if disagreement is None:  # the event's own date: each source's date, then its words
        sides = [
            {"date": label(r.date), "text": f"{fmt.source_name(event.source(r.source))}: “{r.quote}”"}
            for r in event.reported_dates
        ]
        return {"topic": "When it happened", "event": _pointer(event), "sides": sides}
    sides = [
        {
            "date": "",
            "text": fmt.source_name(event.source(s.source))
            + (f", according to {s.claimant}" if s.claimant else "")
            + f": “{s.quote}”",
        }
        for s in disagreement.sides
    ]
    return {"topic": disagreement.topic, "event": _pointer(event), "sides": sides}
