"""The Disputes page: every disagreement but the figures', one listing (the "render" step).

The figures' disagreements are worked out by the model (``FigureTable.disputed``)
and laid side by side on the Figures page; the Disputes page names them, then
lists the dates sources give differently and every disagreement an event
records (``Timeline.disputes``), each dated by its event, so that a long list
is split by year like any listing (``Renderer._listing``).
"""

from __future__ import annotations

from collections.abc import Callable

from ..model.timeline import Timeline
from .pages import Page

SRC = "disputes.md"
TITLE = "Disputes"
DESCRIPTION = "Where the sources disagree: figures, dates, who said something, causes and descriptions."


def disputes_pages(listing: Callable[..., list[Page]], timeline: Timeline) -> list[Page]:
    """The page, or past page_size disagreements an index of years and a page per year."""
    return listing(
        SRC,
        "disputes.html",
        TITLE,
        DESCRIPTION,
        timeline.disputes,
        lambda part: f"Where the sources disagree, {part.label}.",
        when=lambda dispute: dispute.event.when,
    )
