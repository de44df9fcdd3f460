"""Charts: figures' claims on a number line and the timeline to scale, as SVG (the "render" step).

Each chart is a plain function of the model that returns self-contained SVG
markup: no script, no style sheet, nothing fetched, its text alternative
(``<title>``, ``<desc>``) inside, its colours ``currentColor`` (so that it reads
on a light or a dark page) and its links given by the caller:

* :func:`figure_chart`: every claim of a figure on one axis (``figure.py``);
* :func:`event_chart`: an event's claims of a figure among all the others;
* :func:`overview`: every figure at a glance (``overview.py``);
* :func:`time_axis`: the events to scale, or counted past 500 (``timeaxis.py``).

The site's pages get them through :class:`SiteCharts`, which makes each link
relative to the page. The book places the same drawing, without links, as an
SVG image (Typst: ``image(bytes(svg), format: "svg", alt: ...)``), through
:func:`for_book`: in the book's typeface, with its text alternative as the
image's.
"""

from __future__ import annotations

from collections.abc import Callable
from xml.etree import ElementTree

from markupsafe import Markup

from ...model.event import Event
from ...model.timeline import FigureTable, Timeline
from ..paths import event_src
from .calendar import Period, stretch, year_month
from .figure import FigureAxis, event_chart, figure_chart
from .overview import overview
from .svg import FONT, esc
from .timeaxis import time_axis

__all__ = ["SiteCharts", "event_chart", "figure_chart", "for_book", "overview", "time_axis"]

Link = Callable[[str], str]  # a page's own: a source path -> the link to it from that page
SVG = "{http://www.w3.org/2000/svg}"


def for_book(chart: str, font: str) -> tuple[str, str, tuple[float, float]]:
    """A chart as a book places it: the drawing in ``font`` (a typesetter knows no ``system-ui``),
    its text alternative (its title and description, as a screen reader hears them on the site),
    and its width and height in the units of its drawing, for the book to size it."""
    root = ElementTree.fromstring(chart)
    alt = ". ".join(text.rstrip(".") for text in (root.findtext(SVG + "title"), root.findtext(SVG + "desc")) if text)
    drawing = chart.replace(f'font-family="{FONT}"', f'font-family="{esc(font)}"', 1)
    return drawing, alt + ".", (float(root.get("width")), float(root.get("height")))


class SiteCharts:
    """The charts as the site's templates call them, with the page's ``link``."""

    def __init__(self, timeline: Timeline, figure_href: Callable[[Link, str], str]):
        self.timeline = timeline
        self.figure_href = figure_href
        self.tables = {table.figure.id: table for table in timeline.figures}
        self.axes: dict[str, FigureAxis] = {}  # each figure's, made once for all its events' pages

    def figure(self, table: FigureTable, link: Link) -> Markup:
        """Every claim of the figure, each linked to its event."""
        return Markup(figure_chart(table, lambda c: link(event_src(c.event)), f"tl-chart-{table.figure.id}"))

    def overview(self, link: Link) -> Markup:
        """Every figure at a glance, each linked to its table; nothing when no event gives a figure."""
        tables = self.timeline.figures
        if not tables:
            return Markup("")
        return Markup(overview(tables, lambda t: self.figure_href(link, t.figure.id), "tl-chart-overview"))

    def event(self, event: Event, link: Link) -> list[Markup]:
        """One chart per figure the event reports: its claims (linked to their rows of its table,
        ``#tl-claim-N``) among every value given for that figure (linked to the figure's table)."""

        def row(citation) -> str:
            return f"#tl-claim-{event.claims.index(citation.claim) + 1}"

        charts = []
        for figure_id in dict.fromkeys(c.figure for c in event.claims):
            every = self.figure_href(link, figure_id)
            table = self.tables[figure_id]
            axis = self.axes.get(figure_id)
            if axis is None:
                axis = self.axes[figure_id] = FigureAxis(table)
            chart = event_chart(table, event.id, row, every, f"tl-chart-{figure_id}", axis)
            charts.append(Markup(chart))
        return charts

    @staticmethod
    def day(event: Event) -> int:
        """Where an event starts on the axis (a day number): its card carries it, so that the
        filters can count a period's bar again from the cards they show."""
        return stretch(event.when).start

    def axis(self, events: list[Event], link: Link, parts: list | None = None, part_src=None) -> Markup:
        """The events to scale, each linked to its page; counted per period past 500 events, each
        period linked to the page of its year (or month) when the listing is split into ``parts``."""
        if not events:
            return Markup("")

        def bin_href(period: Period, index: int) -> str | None:
            year, month = year_month(period.start(index))
            found = [p for p in parts or () if p.year == year]
            exact = [p for p in found if any(g.month == month for g in p.groups)] or found
            return link(part_src(exact[0])) if exact else None

        return Markup(time_axis(events, lambda e: link(event_src(e)), "tl-axis", bin_href if parts else None))
