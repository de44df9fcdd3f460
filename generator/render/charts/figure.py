"""A figure's claims drawn on one number line (the "render" step, ``render/charts/``).

Every value a source gives for a figure goes on the same axis, one row per
claim, lowest first: its mark (``marks.py``), its value as written, and above
it who claims it and the page that reports it; the row links to the event (or
wherever ``href`` says). Past :data:`ROWS` claims, claims of the same value
share a row; past :data:`ROWS` distinct values, the chart is a histogram of
the values, and the table beside it lists each claim. The chart's title and
description say in words what it shows; the table stays for screen readers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from ...model.timeline import Citation, FigureTable
from ..dates import label
from ..format import claim_value, number, outlet_label, source_name
from .marks import GLYPHS, Mark, legend
from .svg import Scale, esc, fit, link, num, svg, tag, tick_label, ticks

WIDTH = 420
LEFT, RIGHT = 34, WIDTH - 34  # the axis; room for arrows and value labels either side
ROW = 40
TEXT, SMALL = 13, 11
ROWS = 40  #: at most this many rows: then one per value, then a histogram
BINS = 30

Href = Callable[[Citation], "str | None"]


@dataclass(frozen=True)
class Row:
    """One row of a chart: a value, its words, who gives it, where it links."""

    low: float
    high: float | None
    qualifier: str
    value: str  # as written: "more than 300"
    name: str  # the row's label: the claimant and the page read
    title: str  # the whole story, for the tooltip and screen readers
    href: str | None
    here: bool = False  # drawn stronger: the event page's own claims


def citation_row(c: Citation, href: Href, here: bool = False) -> Row:
    event, claim = c.event, c.claim
    value = claim_value(claim)
    title = (
        f"{value}, according to {claim.claimant}, reported by {source_name(c.source)}: "
        f"{event.title} ({label(event.when)})"
    )
    name = f"{claim.claimant} · {outlet_label(c.source)}"
    return Row(claim.value, claim.value_max, claim.qualifier, value, name, title, href(c), here)


def value_rows(citations: list[Citation], href: Href) -> list[Row]:
    """One row per distinct value (qualifier, low, high), naming how many claim it and who."""
    groups: dict[tuple, list[Citation]] = {}
    for c in citations:
        groups.setdefault((c.claim.qualifier, c.claim.value, c.claim.value_max), []).append(c)
    rows = []
    for (qualifier, low, high), found in groups.items():
        names = list(dict.fromkeys(c.claim.claimant for c in found))
        value = claim_value(found[0].claim)
        who = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
        count = f"{len(found)} claims" if len(found) > 1 else "1 claim"
        rows.append(Row(low, high, qualifier, value, f"{count}: {who}", f"{value}: {count}, by {who}", href(found[0])))
    return rows


def scale_of(values: list[float]) -> tuple[Scale, list[float]]:
    """The axis of a chart: from 0 (or the lowest value below it) to a round value above the highest."""
    marks = ticks(min(0.0, *values), max(0.0, *values), 4)
    return Scale(marks[0], marks[-1], LEFT, RIGHT), marks


def draw_rows(rows: list[Row], scale: Scale, top: float) -> str:
    """Each row: its label, then its mark and value on the axis."""
    parts = []
    for i, row in enumerate(rows):
        y = top + i * ROW
        mark = Mark(scale(row.low), None if row.high is None else scale(row.high), row.qualifier, _cls(row))
        _, right = mark.reach()
        end = (mark.x_max if mark.x_max is not None else mark.x) + right + 4
        anchor = "start" if end + 60 < WIDTH else "end"
        at = end if anchor == "start" else mark.x - mark.reach()[0] - 4
        body = (
            tag("text", esc(fit(row.name, TEXT, WIDTH - 16)), x=8, y=num(y + 14), font_size=TEXT)
            + mark.svg(y + 28)
            + tag("text", esc(row.value), x=num(at), y=num(y + 32), font_size=SMALL, text_anchor=anchor)
        )
        parts.append(link(row.href, row.title, body, "tl-chart__row"))
    return "".join(parts)


def _cls(row: Row) -> str:
    return "tl-chart__mark tl-chart__mark--here" if row.here else "tl-chart__mark"


def draw_axis(scale: Scale, marks: list[float], top: float, bottom: float, unit: str) -> str:
    """Grid lines through the rows, the axis, its numbers and unit."""
    parts = [
        tag("line", x1=num(LEFT), y1=num(bottom), x2=num(RIGHT), y2=num(bottom), stroke="currentColor"),
        tag("text", esc(unit), x=num(RIGHT), y=num(bottom + 30), font_size=SMALL, text_anchor="end"),
    ]
    for value in marks:
        x = num(scale(value))
        parts.append(tag("line", x1=x, y1=num(top), x2=x, y2=num(bottom), stroke="currentColor", stroke_opacity="0.15"))
        parts.append(tag("text", tick_label(value), x=x, y=num(bottom + 15), font_size=SMALL, text_anchor="middle"))
    return tag("g", "".join(parts), class_="tl-chart__axis", aria_hidden="true")


def histogram(citations: list[Citation], scale: Scale, top: float, height: float = 60) -> str:
    """How many claims fall in each of :data:`BINS` stretches of the axis, as bars."""
    counts = [0] * BINS
    width = (scale.right - scale.left) / BINS
    for c in citations:
        at = int((scale(c.claim.value) - scale.left) / width)
        counts[min(max(at, 0), BINS - 1)] += 1
    most = max(counts) or 1
    bars = []
    for i, n in enumerate(counts):
        if n:
            h = max(2.0, height * n / most)
            x = scale.left + i * width
            bar = tag("rect", x=num(x + 0.5), y=num(top + height - h), width=num(width - 1), height=num(h))
            bars.append(tag("g", tag("title", f"{n:,} claims") + bar, class_="tl-chart__mark"))
    return "".join(bars)


class FigureAxis:
    """What every chart of one figure shares, worked out once: a figure reported by thousands of
    events draws its axis, and the strip of all its values, on each of their pages."""

    def __init__(self, table: FigureTable):
        self.table = table
        values = [v for c in table.citations for v in (c.claim.value, c.claim.value_max) if v is not None]
        self.scale, self.marks = scale_of(values)
        self.words = describe(table)

    @cached_property
    def strip(self) -> str:
        """Every value as a faint tick, each place once, in one path; past :data:`ROWS` places, how
        many fall in each of :data:`BINS` stretches, as a strip of small bars. Drawn once: every
        event page of the figure shows it."""
        spots = sorted({x for c in self.table.citations for x in _xs(c, self.scale)})
        if len(spots) <= ROWS:
            return "".join(f"M{num(x)} 0v12" for x in spots)
        width = (RIGHT - LEFT) / BINS
        counts = [0] * BINS
        for c in self.table.citations:
            counts[min(BINS - 1, max(0, int((self.scale(c.claim.value) - LEFT) / width)))] += 1
        most = max(counts)
        return "".join(
            f"M{num(LEFT + i * width)} 12v{num(-12 * n / most)}h{num(width - 1)}V12z" for i, n in enumerate(counts) if n
        )

    @cached_property
    def by_event(self) -> dict[str, list[Citation]]:
        found: dict[str, list[Citation]] = {}
        for c in self.table.citations:
            found.setdefault(c.event.id, []).append(c)
        return found


def figure_chart(table: FigureTable, href: Href, chart_id: str) -> str:
    """Every claim of a figure on one axis: a row each, a row per value past :data:`ROWS`
    claims, a histogram past :data:`ROWS` values."""
    citations = table.citations
    rows: list[Row] | None
    if len(citations) <= ROWS:
        rows = [citation_row(c, href) for c in citations]
    else:
        rows = value_rows(citations, href)
        rows = rows if len(rows) <= ROWS else None
    axis = FigureAxis(table)
    return _chart(axis, rows, chart_id, f"{table.figure.label}: {axis.words}")


def event_chart(
    table: FigureTable, event_id: str, href: Href, every_href: str | None, chart_id: str, axis: FigureAxis | None = None
) -> str:
    """One event's claims of a figure, drawn over the values every other claim of it gives (a
    faint strip on top, linked to ``every_href``, where they are listed). ``axis``: the figure's,
    when the caller keeps it for many events."""
    axis = axis or FigureAxis(table)
    own = axis.by_event.get(event_id, [])
    rows = [citation_row(c, href, here=True) for c in own]
    count = len(own)
    title = f"{table.figure.label}: {count} claim{'s' if count > 1 else ''} here, among {axis.words}"
    return _chart(axis, rows, chart_id, title, every_href)


#: An event's chart says no more in its description than its title: its rows' own titles name each
#: claim, and the event's table lists them with their words.
EVENT_DESC = "Each claim here as a mark on the figure's axis, over a strip of every value given for it."


def _chart(axis: FigureAxis, rows: list[Row] | None, chart_id: str, title: str, every: str | None = "") -> str:
    """The chart; with ``every`` (an event's page), headed by the figure's name and the strip of
    every value given for it."""
    table, scale = axis.table, axis.scale
    citations = table.citations
    top, parts = 8.0, []
    if every != "":
        name = fit(table.figure.label, TEXT + 1, WIDTH - 16)
        parts.append(tag("text", esc(name), x=8, y=num(top + 14), font_size=TEXT + 1, font_weight="bold"))
        parts.append(context_strip(axis, top + 22, every))
        top += 22 + ROW
    if rows is None:
        parts.append(histogram(citations, scale, top))
        bottom, kinds = top + 66, []
    else:
        rows = sorted(rows, key=_by_value)
        parts.append(draw_rows(rows, scale, top))
        bottom, kinds = top + len(rows) * ROW + 4, _kinds(rows)
    keys, keys_height = legend(kinds, bottom + 52, WIDTH) if kinds else ("", 0)
    body = [draw_axis(scale, axis.marks, 8.0 if every == "" else 30.0, bottom, table.figure.unit), *parts, keys]
    desc = EVENT_DESC if every != "" else _desc(rows, len(citations))
    return svg(chart_id, WIDTH, bottom + 44 + keys_height, title, desc, body, "tl-chart--figure")


def context_strip(axis: FigureAxis, y: float, href: str | None) -> str:
    """Every value of the figure as a faint tick (each value once), under its label."""
    table = axis.table
    count = len(table.citations)
    words = f"All {count:,} claims of this figure" if count > 1 else "The only claim of this figure"
    strip = tag("path", d=axis.strip, transform=f"translate(0 {num(y + 22)})", stroke="currentColor", stroke_width="2")
    body = tag("text", esc(words), x=8, y=num(y + 14), font_size=SMALL) + tag(
        "g", strip, class_="tl-chart__others", stroke_opacity="0.5"
    )
    return link(href, f"{table.figure.label}: {axis.words}", body, "tl-chart__row tl-chart__row--all")


def _xs(c: Citation, scale: Scale) -> list[float]:
    """Where a claim's value (and a range's high end) sit, to the half unit: a thousand claims of
    ten values draw ten ticks."""
    ends = (c.claim.value, c.claim.value_max)
    return [round(scale(v) * 2) / 2 for v in ends if v is not None]


#: Among equal values, what lies below comes first: "less than 300" before "300" before "more than 300".
BELOW_TO_ABOVE = ("less-than", "up-to", "nearly", "about", "exact", "at-least", "more-than")


def _by_value(row: Row) -> tuple:
    return (row.low, row.high if row.high is not None else row.low, BELOW_TO_ABOVE.index(row.qualifier))


def _kinds(rows: list[Row]) -> list[str]:
    used = {("range" if r.high is not None else r.qualifier) for r in rows}
    return [kind for kind in [*GLYPHS, "range"] if kind in used]


def describe(table: FigureTable) -> str:
    """'5 claims from 300 to 1,000 soldiers', in words."""
    low = min(c.claim.value for c in table.citations)
    high = max(c.claim.value_max or c.claim.value for c in table.citations)
    count = len(table.citations)
    claims = f"{count:,} claims" if count > 1 else "1 claim"
    if low == high:
        return f"{claims} of {number(low)} {table.figure.unit}"
    return f"{claims} from {number(low)} to {number(high)} {table.figure.unit}"


def _desc(rows: list[Row] | None, count: int) -> str:
    """The chart in words: each row, lowest first; or, for a histogram, where the table is."""
    if rows is None:
        return f"A histogram of the {count:,} values; the table lists each claim with who gives it."
    return "Lowest first: " + "; ".join(row.title for row in rows) + "."
