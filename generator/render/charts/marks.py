"""How a claimed value is drawn on a number line (the "render" step, ``render/charts/``).

The marks follow the number line of school mathematics: a closed dot is a
value that counts (exactly 300, at least 300, up to 300), an open dot one that
does not (more than 300, less than 300, nearly 300), and an arrow points the
way the value may run. "About" is a dot in a dashed ring: the value, fuzzy. A
range is a bar from its low to its high end, dashed when it is approximate.
The legend names only the marks a chart uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from .svg import esc, num, tag, text_width

#: Qualifier -> (dot closed, arrow: -1 left, 1 right, 0 none, arrow length). ``format.QUALIFIER_WORDS``
#: holds the same keys.
GLYPHS = {
    "exact": (True, 0, 0),
    "about": (True, 0, 0),
    "nearly": (False, -1, 9),
    "more-than": (False, 1, 20),
    "at-least": (True, 1, 20),
    "less-than": (False, -1, 20),
    "up-to": (True, -1, 20),
}
LEGEND_WORDS = {
    "exact": "exactly",
    "about": "about",
    "nearly": "nearly",
    "more-than": "more than",
    "at-least": "at least",
    "less-than": "less than",
    "up-to": "up to",
    "range": "a range",
}
DOT = 4.5  # radius
BAR = 8  # height of a range's bar


@dataclass(frozen=True)
class Mark:
    """One value to draw: where (``x``, ``x_max`` for a range) and how (its qualifier)."""

    x: float
    x_max: float | None
    qualifier: str
    cls: str = "tl-chart__mark"

    def svg(self, y: float) -> str:
        if self.x_max is None:
            return self._dot(y)
        return self._bar(y)

    def reach(self) -> tuple[float, float]:
        """How far the mark's drawing runs left and right of its x (and x_max)."""
        _, way, length = GLYPHS[self.qualifier]
        pad = DOT + 4 if self.qualifier == "about" else DOT
        return pad + (length if way < 0 else 0), pad + (length if way > 0 else 0)

    def _dot(self, y: float) -> str:
        closed, way, length = GLYPHS[self.qualifier]
        parts = [arrow(self.x + way * DOT, y, way, length)] if way else []
        if self.qualifier == "about":
            parts.append(circle(self.x, y, DOT + 3.5, fill="none", stroke_dasharray="2 2"))
        parts.append(circle(self.x, y, DOT, fill="currentColor" if closed else "none"))
        return tag("g", "".join(parts), class_=self.cls)

    def _bar(self, y: float) -> str:
        closed, way, length = GLYPHS[self.qualifier]
        x, x_max = self.x, max(self.x_max or self.x, self.x + 3)
        fuzzy = self.qualifier in ("about", "nearly")
        bar = tag(
            "rect",
            x=num(x),
            y=num(y - BAR / 2),
            width=num(x_max - x),
            height=BAR,
            rx=2,
            fill_opacity="0.45" if fuzzy or not closed else None,
            stroke="currentColor",
            stroke_dasharray="3 2" if fuzzy else None,
        )
        parts = [bar]
        if way and self.qualifier != "nearly":
            parts.append(arrow(x_max if way > 0 else x, y, way, length))
        return tag("g", "".join(parts), class_=self.cls)


def circle(x: float, y: float, r: float, **values) -> str:
    return tag("circle", cx=num(x), cy=num(y), r=num(r), stroke="currentColor", stroke_width="1.5", **values)


def arrow(x: float, y: float, way: int, length: float) -> str:
    """A line from x, ``length`` long in direction ``way``, ending in a head."""
    end = x + way * length
    head = f"M{num(end)} {num(y)}l{num(-way * 5)} -3.5v7z"
    line = tag(
        "line", x1=num(x), y1=num(y), x2=num(end - way * 4), y2=num(y), stroke="currentColor", stroke_width="1.5"
    )
    return line + tag("path", d=head)


def legend(kinds: list[str], y: float, width: float, size: float = 11) -> tuple[str, float]:
    """The marks used, each drawn and named, in rows across ``width``; the markup and its height."""
    parts, x, row = [], 8.0, 0
    for kind in kinds:
        word = LEGEND_WORDS[kind]
        need = 34 + text_width(word, size) + 12
        if x + need > width and x > 8:
            x, row = 8.0, row + 1
        cy = y + row * 18
        sample = Mark(x + 4, x + 26, "exact") if kind == "range" else Mark(x + 14 + _shift(kind), None, kind)
        parts.append(sample.svg(cy))
        parts.append(tag("text", esc(word), x=num(x + 32), y=num(cy + size * 0.35), font_size=size))
        x += need
    body = tag("g", "".join(parts), class_="tl-chart__legend", aria_hidden="true")
    return body, (row + 1) * 18


def _shift(kind: str) -> float:
    """Room for a left arrow inside a legend sample."""
    _, way, length = GLYPHS[kind]
    return length / 2 if way < 0 else -length / 2 if way > 0 else 0
