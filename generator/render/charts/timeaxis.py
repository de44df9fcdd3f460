"""The timeline drawn to scale: each event a mark as long as its date is wide (the "render" step,
``render/charts/``).

Where the list of events shows a gap of two months like one of two days, this
axis shows time proportionally. Each event is a mark spanning the days its
date may be: a dot for a day, a bar for a month, a year or an interval; an
approximate date is a pale bar with a dashed edge, an uncertain one a hollow
bar with a dotted edge, and an open or unknown end an arrow. Marks that would
overlap go on further lanes. Each links to its event and carries its id
(``data-id``), so that the timeline's filters hide it with its card.

Past :data:`MARKS` events, or :data:`LANES` lanes, the axis counts instead:
one bar per month (or per some years) as high as its number of events, the
approximate and uncertain ones a paler part of it; each bar carries its days
(``data-from``, ``data-to``), so that the filters can count it again from the
cards shown, and links where ``bin_href`` says. Either way the page stays
small: about 300 bytes an event, at most 180 bars.
"""

from __future__ import annotations

from collections.abc import Callable

from ...model.event import Event
from ..dates import label
from .calendar import Period, Stretch, period_for, stretch
from .marks import arrow
from .svg import Scale, esc, link, num, svg, tag, text_width

WIDTH = 720
LEFT, RIGHT = 14, WIDTH - 14
LANE, LANES = 16, 24
#: (approximate, uncertain) -> how much a mark is filled, and its edge's dashes: pale and dashed,
#: hollow and dotted, or both.
HEDGES = {
    (False, False): (None, None),
    (True, False): ("0.45", "3 2"),
    (False, True): ("0", "1 2"),
    (True, True): ("0.2", "1 2"),
}
MARKS = 500  #: events drawn one by one; past them, bars of how many
BARS, BAR_HEIGHT = 180, 60
SMALL = 12


def time_axis(
    events: list[Event],
    href: Callable[[Event], str | None],
    chart_id: str,
    bin_href: Callable[[Period, int], str | None] | None = None,
) -> str:
    """The events on a proportional axis of time; counted in bars past :data:`MARKS` of them."""
    stretches = [stretch(e.when) for e in events]
    first, last = min(s.start for s in stretches), max(s.end for s in stretches)
    margin = max(1, (last - first) // 40)
    scale = Scale(first - margin, last + margin, LEFT, RIGHT)
    lanes = None if len(events) > MARKS else assign_lanes(stretches, scale)
    if lanes is None:
        drawn, height, kinds = _bars(events, stretches, scale, bin_href)
    else:
        drawn = "".join(
            _mark(e, s, scale, 8 + lane * LANE, href(e)) for e, s, lane in zip(events, stretches, lanes, strict=True)
        )
        height, kinds = 8 + (max(lanes) + 1) * LANE + 4, _kinds(events)
    axis = _axis(scale, first, last, height)
    keys, keys_height = legend(kinds, height + 40)
    title = f"The timeline to scale: {len(events):,} events, {label_span(events)}"
    body = [axis, drawn, keys]
    return svg(chart_id, WIDTH, height + 40 + keys_height, title, describe(events), body, "tl-chart--axis")


def assign_lanes(stretches: list[Stretch], scale: Scale) -> list[int] | None:
    """A lane for each mark, the first free one; None when they need more than :data:`LANES`."""
    ends: list[float] = []
    lanes = []
    for s in stretches:
        left, right = _extent(s, scale)
        lane = next((i for i, end in enumerate(ends) if end + 3 <= left), len(ends))
        if lane == LANES:
            return None
        if lane == len(ends):
            ends.append(right)
        ends[lane] = right
        lanes.append(lane)
    return lanes


def _extent(s: Stretch, scale: Scale) -> tuple[float, float]:
    """How far a mark's drawing reaches, arrows and a dot's minimum size included."""
    left, right = scale(s.start), max(scale(s.end), scale(s.start) + 7)
    return left - (16 if s.runs_back else 0), right + (16 if s.runs_on else 0)


def _mark(event: Event, s: Stretch, scale: Scale, y: float, href: str | None) -> str:
    when = event.when
    x1, x2 = scale(s.start), scale(s.end)
    fill, dash = HEDGES[(when.approximate, when.uncertain)]
    cy = y + LANE / 2
    edge = {"fill_opacity": fill, "stroke": "currentColor", "stroke_width": "1.5", "stroke_dasharray": dash}
    if when.is_interval or when.anchor.precision != "day" or x2 - x1 >= 7:
        shape = tag("rect", x=num(x1), y=num(cy - 4), width=num(max(x2 - x1, 3)), height=8, rx=2, **edge)
    else:
        shape = tag("circle", cx=num((x1 + x2) / 2), cy=num(cy), r="4", **edge)
    parts = [shape]
    if s.runs_back:
        parts.append(arrow(x1, cy, -1, 14))
    if s.runs_on:
        parts.append(arrow(max(x2, x1 + 3), cy, 1, 14))
    body = tag("g", "".join(parts), class_="tl-chart__mark")
    return link(href, f"{event.title}: {label(when)}", body, "tl-axis__event", data_id=event.id)


def _bars(events, stretches, scale, bin_href) -> tuple[str, float, list[str]]:
    """Events counted per period, one bar each: certain below, approximate or uncertain above."""
    period = period_for(min(s.start for s in stretches), max(s.end for s in stretches), BARS)
    counts: dict[int, list[int]] = {}
    for event, s in zip(events, stretches, strict=True):
        count = counts.setdefault(period.index(s.start), [0, 0])
        count[event.when.approximate or event.when.uncertain] += 1
    most = max(sum(c) for c in counts.values())
    bars = [_bar(period, i, c, most, scale, bin_href) for i, c in sorted(counts.items())]
    return "".join(bars), 8 + BAR_HEIGHT + 4, ["certain", "hedged"]


def _bar(period: Period, index: int, count: list[int], most: int, scale: Scale, bin_href) -> str:
    start, end = period.start(index), period.start(index + 1)
    x, width = scale(start), max(scale(end) - scale(start) - 0.5, 1)
    sure, hedged = (BAR_HEIGHT * n / most for n in count)
    bottom = 8 + BAR_HEIGHT
    parts = [
        tag("rect", x=num(x), y=num(bottom - sure), width=num(width), height=num(sure), class_="tl-axis__sure"),
        tag(
            "rect",
            x=num(x),
            y=num(bottom - sure - hedged),
            width=num(width),
            height=num(hedged),
            fill_opacity="0.4",
            class_="tl-axis__hedged",
        ),
    ]
    total = sum(count)
    words = f"{period.name(index)}: {total:,} event{'s' if total > 1 else ''}"
    words += f" ({count[1]:,} approximate or uncertain)" if count[1] else ""
    href = bin_href(period, index) if bin_href else None
    body = tag("g", "".join(parts), class_="tl-chart__mark")
    return link(href, words, body, "tl-axis__bin", data_from=start, data_to=end, data_count=total)


def _axis(scale: Scale, first: int, last: int, bottom: float) -> str:
    """The line, a tick for each period of a round length, and their labels."""
    period = period_for(first, last, max(2, int(WIDTH / 70)))
    parts = [tag("line", x1=num(LEFT), y1=num(bottom), x2=num(RIGHT), y2=num(bottom), stroke="currentColor")]
    shown = False
    for index in range(period.index(first), period.index(last - 1) + 2):
        x = scale(period.start(index))
        if not LEFT <= x <= RIGHT:
            continue
        parts.append(
            tag("line", x1=num(x), y1="4", x2=num(x), y2=num(bottom + 5), stroke="currentColor", stroke_opacity="0.18")
        )
        words = period.label(index, first=not shown)
        if x + text_width(words, SMALL) < WIDTH:
            parts.append(tag("text", esc(words), x=num(x + 2), y=num(bottom + 17), font_size=SMALL))
        shown = True
    return tag("g", "".join(parts), class_="tl-chart__axis", aria_hidden="true")


#: What the legend shows for each kind of mark: how it is drawn, and its words.
KINDS = {
    "day": "a day",
    "span": "a month, a year or an interval",
    "approximate": "approximate",
    "uncertain": "uncertain",
    "open": "open or unknown end",
    "certain": "events dated for certain",
    "hedged": "approximate or uncertain",
}


def _kinds(events: list[Event]) -> list[str]:
    found = set()
    for event in events:
        when = event.when
        found.add("span" if when.is_interval or when.anchor.precision != "day" else "day")
        found.update(k for k, on in (("approximate", when.approximate), ("uncertain", when.uncertain)) if on)
        if when.is_interval and (when.start is None or when.end is None):
            found.add("open")
    return [kind for kind in KINDS if kind in found]


def legend(kinds: list[str], y: float) -> tuple[str, float]:
    """Each kind of mark drawn and named, across the width; the markup and its height."""
    parts, x, row = [], 8.0, 0
    for kind in kinds:
        need = 30 + text_width(KINDS[kind], SMALL) + 20
        if x + need > WIDTH and x > 8:
            x, row = 8.0, row + 1
        cy = y + row * 18
        sample = tag("g", _sample(kind, x, cy), class_="tl-chart__mark")
        parts.append(sample + tag("text", esc(KINDS[kind]), x=num(x + 28), y=num(cy + 4), font_size=SMALL))
        x += need
    return tag("g", "".join(parts), class_="tl-chart__legend", aria_hidden="true"), (row + 1) * 18


def _sample(kind: str, x: float, y: float) -> str:
    if kind == "day":
        return tag("circle", cx=num(x + 11), cy=num(y), r="4", stroke="currentColor", stroke_width="1.5")
    if kind == "open":
        return arrow(x + 4, y, 1, 18)
    fill = {"approximate": "0.45", "uncertain": "0", "hedged": "0.4"}.get(kind)
    dash = {"approximate": "3 2", "uncertain": "1 2"}.get(kind)
    stroke = None if kind in ("certain", "hedged") else "currentColor"
    edge = {"stroke": stroke, "stroke_width": "1.5" if stroke else None, "stroke_dasharray": dash}
    return tag("rect", x=num(x), y=num(y - 4), width=22, height=8, rx=2, fill_opacity=fill, **edge)


def label_span(events: list[Event]) -> str:
    """'about June 2024 – February 2025': from the first event's date to the last one's."""
    first, last = events[0].when, max(events, key=lambda e: stretch(e.when).end).when
    start, end = label(first), label(last)
    return start if start == end else f"{start} to {end}"


def describe(events: list[Event]) -> str:
    """How precisely the events are dated, in words."""
    whens = [e.when for e in events]
    counts = [
        (sum(1 for w in whens if not w.is_interval and w.anchor.precision == p), f"known to the {p}")
        for p in ("day", "month", "year")
    ]
    counts.append((sum(1 for w in whens if w.is_interval), "intervals"))
    counts += [
        (sum(1 for w in whens if w.approximate), "approximate"),
        (sum(1 for w in whens if w.uncertain), "uncertain"),
    ]
    said = ", ".join(f"{n:,} {words}" for n, words in counts if n)
    return f"{len(events):,} events, each as long as its date may be: {said}. The list of events follows."
