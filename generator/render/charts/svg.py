"""The pieces every chart is drawn with: escaped SVG elements, text widths, scales and ticks.

Part of the "render" step (``render/charts/``). Charts are SVG text, written
here by hand rather than by a library: a few element kinds, every value
escaped. A chart is self-contained: presentation attributes only (no
``<style>``, no script, nothing fetched), colours from ``currentColor`` so that
it takes the colour of the text around it in a light or dark page, and
classes the site's stylesheet may use to colour it further.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable

#: Widths of characters in em, roughly, for a sans-serif face: enough to cut a label before it
#: runs out of the chart (a browser measures text only once it is drawn).
NARROW, WIDE = set("iljtfrI.,;:'|!() "), set("mwMW@%")
SPECIAL = re.compile("[&<>\"']")
#: The charts' typeface: the page's own sans-serif (a book names its own, ``charts.for_book``).
FONT = "system-ui, sans-serif"


def esc(value: object) -> str:
    """Text or an attribute value, escaped for SVG in HTML (most are numbers: they are let be)."""
    text = str(value)
    return html.escape(text, quote=True) if SPECIAL.search(text) else text


def attrs(values: dict) -> str:
    """``key="value"`` pairs, in order, skipping None; ``_`` in a key is ``-`` (``font_size``)."""
    return "".join(f' {key.rstrip("_").replace("_", "-")}="{esc(v)}"' for key, v in values.items() if v is not None)


def tag(name: str, content: str = "", **values) -> str:
    """One element; ``content`` is markup already (escape text with :func:`esc`)."""
    return f"<{name}{attrs(values)}>{content}</{name}>" if content else f"<{name}{attrs(values)}/>"


def num(x: float) -> str:
    """A coordinate, short: two decimals at most.

    >>> num(3.0), num(2.456), num(-0.001)
    ('3', '2.46', '0')
    """
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def text_width(text: str, size: float) -> float:
    """About how wide ``text`` is at font size ``size``."""
    ems = sum(0.34 if c in NARROW else 0.95 if c in WIDE else 0.74 if c.isupper() else 0.62 for c in text)
    return ems * size


def fit(text: str, size: float, width: float) -> str:
    """``text`` cut at a word, with an ellipsis, to fit ``width`` at font size ``size``.

    >>> fit("Western officials", 12, 500), fit("Unattributed estimate (the article does not say whose)", 12, 110)
    ('Western officials', 'Unattributed…')
    """
    if text_width(text, size) <= width:
        return text
    words, kept = text.split(" "), ""
    for word in words:
        longer = f"{kept} {word}" if kept else word
        if text_width(longer + "…", size) > width:
            break
        kept = longer
    return (kept or text[: max(1, int(width / (0.6 * size)))]) + "…"


def nice_step(span: float, most: int) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving at most ``most`` steps over ``span``.

    >>> nice_step(1000, 5), nice_step(30, 6), nice_step(0.004, 4)
    (200.0, 5.0, 0.001)
    """
    if span <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(span / most))
    return next(power * f for f in (1, 2, 2.5, 5, 10) if span / (power * f) <= most)


def ticks(low: float, high: float, most: int = 5) -> list[float]:
    """Round values from ``low`` to ``high`` (both rounded outwards to the step), at most most + 1.

    >>> ticks(0, 1000), ticks(0, 12000, 4)
    ([0.0, 200.0, 400.0, 600.0, 800.0, 1000.0], [0.0, 5000.0, 10000.0, 15000.0])
    """
    step = nice_step(high - low, most)
    first, last = math.floor(low / step), math.ceil(high / step)
    return [round(i * step, 12) for i in range(first, max(last, first + 1) + 1)]


def tick_label(value: float) -> str:
    """A tick's number as readers write it: '1,000', '2.5', '0.004'.

    >>> tick_label(1000.0), tick_label(2.5), tick_label(0.004), tick_label(-1500.0)
    ('1,000', '2.5', '0.004', '-1,500')
    """
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.12f}".rstrip("0")


class Scale:
    """A linear map from values to x: ``low`` at ``left``, ``high`` at ``right``."""

    def __init__(self, low: float, high: float, left: float, right: float):
        self.low, self.high, self.left, self.right = low, high, left, right

    def __call__(self, value: float) -> float:
        if self.high == self.low:
            return (self.left + self.right) / 2
        return self.left + (value - self.low) / (self.high - self.low) * (self.right - self.left)


def svg(chart_id: str, width: float, height: float, title: str, desc: str, body: Iterable[str], cls: str = "") -> str:
    """The chart itself: its title and description first (its text alternative), then its drawing.

    Named by its title and described by its description; a group rather than an image, as its
    marks are links."""
    head = tag("title", esc(title), id=f"{chart_id}-title") + tag("desc", esc(desc), id=f"{chart_id}-desc")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{esc(chart_id)}" class="tl-chart {esc(cls)}" role="group"'
        f' viewBox="0 0 {num(width)} {num(height)}" width="{num(width)}" height="{num(height)}"'
        f' aria-labelledby="{esc(chart_id)}-title" aria-describedby="{esc(chart_id)}-desc"'
        f' font-family="{FONT}" fill="currentColor">{head}{"".join(body)}</svg>'
    )


def link(href: str | None, title: str, content: str, cls: str | None = None, **data) -> str:
    """A mark as a link with its tooltip and accessible name; the bare mark without ``href``.
    ``data`` are its ``data-`` attributes (``data_id``)."""
    named = tag("title", esc(title)) + content
    return tag("a", named, href=href, class_=cls, **data) if href else tag("g", named, class_=cls, **data)
