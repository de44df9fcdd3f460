"""Every figure at a glance: one line each, its values on a number line of its own (the "render"
step, ``render/charts/``).

The top of the Figures page: a row per figure, its name (linked to its table)
and the spread of its values, then a short number line from 0 with a mark for
each distinct value the sources give (as ``marks.py`` draws them). Past
:data:`MARKS` distinct values, a row shows how the values spread instead, as
a strip of small bars.
"""

from __future__ import annotations

from collections.abc import Callable

from ...model.timeline import FigureTable
from ..format import spread
from .figure import describe
from .marks import Mark
from .svg import Scale, esc, fit, link, num, svg, tag, text_width, tick_label, ticks

WIDTH = 420
LEFT, RIGHT = 40, WIDTH - 70
ROW = 46
TEXT, SMALL = 13, 11
MARKS = 60  #: distinct values a row draws one by one; past them, a strip of bars
STRIP = 40


def overview(tables: list[FigureTable], href: Callable[[FigureTable], str | None], chart_id: str) -> str:
    """One row per figure, linked by ``href``."""
    rows = [_row(table, 6 + i * ROW, href(table)) for i, table in enumerate(tables)]
    claims = sum(len(t.citations) for t in tables)
    title = f"Every figure at a glance: {len(tables)} figures, {claims:,} claims"
    desc = "; ".join(f"{t.figure.label}: {describe(t)}" for t in tables) + "."
    return svg(chart_id, WIDTH, 10 + len(tables) * ROW, title, desc, rows, "tl-chart--overview")


def _row(table: FigureTable, y: float, href: str | None) -> str:
    values = [v for c in table.citations for v in (c.claim.value, c.claim.value_max) if v is not None]
    marks = ticks(min(0.0, *values), max(0.0, *values), 4)
    scale = Scale(marks[0], marks[-1], LEFT, RIGHT)
    shown = spread(table)
    name = fit(table.figure.label, TEXT, WIDTH - 28 - text_width(shown, SMALL))
    line_y = y + 30
    parts = [
        tag("text", esc(name), x=8, y=num(y + 14), font_size=TEXT, class_="tl-chart__name"),
        tag("text", esc(shown), x=WIDTH - 8, y=num(y + 14), font_size=SMALL, text_anchor="end"),
        tag(
            "line",
            x1=num(LEFT),
            y1=num(line_y),
            x2=num(RIGHT),
            y2=num(line_y),
            stroke="currentColor",
            stroke_opacity="0.4",
        ),
        tag("text", tick_label(marks[0]), x=num(LEFT - 14), y=num(line_y + 4), font_size=SMALL, text_anchor="end"),
        tag("text", tick_label(marks[-1]), x=num(RIGHT + 14), y=num(line_y + 4), font_size=SMALL),
        _values(table, scale, line_y),
    ]
    return link(href, f"{table.figure.label}: {describe(table)}", "".join(parts), "tl-chart__row")


def _values(table: FigureTable, scale: Scale, y: float) -> str:
    """A mark for each distinct value; past :data:`MARKS` of them, bars of how many fall where."""
    distinct = sorted({(c.claim.value, c.claim.value_max, c.claim.qualifier) for c in table.citations}, key=str)
    if len(distinct) <= MARKS:
        return "".join(
            Mark(scale(low), None if high is None else scale(high), qualifier).svg(y)
            for low, high, qualifier in distinct
        )
    counts = [0] * STRIP
    width = (scale.right - scale.left) / STRIP
    for c in table.citations:
        counts[min(STRIP - 1, max(0, int((scale(c.claim.value) - scale.left) / width)))] += 1
    most = max(counts)
    bars = []
    for i, n in enumerate(counts):
        if n:
            h = 12 * n / most
            bars.append(tag("rect", x=num(scale.left + i * width), y=num(y - h), width=num(width - 1), height=num(h)))
    return "".join(bars)
