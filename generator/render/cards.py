"""An event's card in a listing, rendered once and reused (part of the "render" step).

An event is listed on its year's (or month's) timeline page, on each of its tags' pages and on
each of its actors' pages: about five times. Its card (the ``event_item`` macro of
``macros.html``) differs between these pages only by its links, which are relative to the page.
So each card is rendered with a link function that notes every page it is asked for, and kept with
those targets and the links they gave. On the next page that lists the event, the same targets are
linked from there: where every link comes out the same, the card is the same and is reused;
otherwise it is rendered again and kept beside the first. The card's output is thus exactly what
rendering it would give, without knowing which links the template makes.
"""

from __future__ import annotations

from collections.abc import Callable

import jinja2
from markupsafe import Markup

from ..model.event import Event

Link = Callable[[str], str]


class Cards:
    """The cards of one site's listings; ``render`` is the template global ``card``."""

    def __init__(self, env: jinja2.Environment):
        self.env = env
        #: (event id, heading) -> the renderings so far: (targets, their links, the card's HTML).
        self.kept: dict[tuple[str, str], list[tuple[tuple[str, ...], tuple[str, ...], Markup]]] = {}

    def render(self, event: Event, link: Link, event_src: Callable[[Event], str], heading: str = "h4") -> Markup:
        """The ``event_item`` macro's HTML for ``event`` on the page that ``link`` links from."""
        renderings = self.kept.setdefault((event.id, heading), [])
        for targets, links, card in renderings:
            if tuple(link(target) for target in targets) == links:
                return card
        targets: list[str] = []
        links: list[str] = []

        def noting(target: str) -> str:
            href = link(target)
            targets.append(target)
            links.append(href)
            return href

        card = Markup(self._macro(event, noting, event_src, heading))
        renderings.append((tuple(targets), tuple(links), card))
        return card

    @property
    def _macro(self):
        return self.env.get_template("macros.html").module.event_item
