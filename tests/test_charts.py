"""The charts as SVG text: self-contained, escaped, bounded in size at 10,000 events, any era.

What a reader sees of them (marks against the claims and the dates, links, filters, screenshots)
is in test_browser_charts.py; here, what the markup is.
"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import VOCABULARY

from generator.check.edtf import parse
from generator.model.event import Claim, Event, Source
from generator.model.timeline import Timeline
from generator.render.charts import event_chart, figure_chart, overview, time_axis
from generator.render.charts.calendar import day_number, stretch, year_month
from generator.render.charts.timeaxis import BARS, MARKS

SVG = "{http://www.w3.org/2000/svg}"


def event(i: int, date: str, claims: tuple[Claim, ...] = (), title: str | None = None) -> Event:
    return Event(
        id=f"e{i}",
        path=Path(f"e{i}.md"),
        shown=f"events/e{i}.md",
        title=title or f"Event {i}",
        when=parse(date),
        summary="S.",
        sources=(Source(id="a", outlet=f"Outlet {i % 7}"),),
        claims=claims,
        body="",
        body_html="",
        body_line=1,
    )


def claim(value: float, qualifier: str = "exact", claimant: str = "X", value_max: float | None = None) -> Claim:
    return Claim(
        figure="killed", value=value, value_max=value_max, qualifier=qualifier, claimant=claimant, source="a", quote="q"
    )


def synthetic(n: int, seed: int = 7) -> list[Event]:
    """n events from 2000 to 2025, dated as the benchmark's are: days, months, hedged, intervals."""
    rng = random.Random(seed)
    found = []
    for i in range(n):
        year, month, day = rng.randint(2000, 2025), rng.randint(1, 12), rng.randint(1, 28)
        shape = rng.random()
        if shape < 0.5:
            date = f"{year}-{month:02d}-{day:02d}"
        elif shape < 0.7:
            date = f"{year}-{month:02d}~"
        elif shape < 0.8:
            date = f"{year}-{month:02d}-{day:02d}?"
        else:
            date = f"{year}-{month:02d}/{year + 1}-{month:02d}"
        found.append(event(i, date))
    return sorted(found, key=lambda e: (e.when.sort_key(), e.id))


def parsed(markup: str) -> ET.Element:
    """The chart as XML: it is well-formed on its own."""
    return ET.fromstring(markup)


def assert_self_contained(markup: str) -> ET.Element:
    root = parsed(markup)
    names = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert names <= {"svg", "title", "desc", "g", "a", "line", "circle", "rect", "path", "text"}, names
    for element in root.iter():
        assert not [name for name in element.attrib if name.lower().startswith("on")], element.attrib
        href = element.get("href", "")
        assert not re.match(r"[a-z]+:", href), href  # relative links and anchors only
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == title.get("id") and root.get("aria-describedby") == desc.get("id")
    assert title.text and desc.text
    return root


def test_day_numbers_are_proportional_in_any_era():
    assert day_number(2025, 1, 1) - day_number(2024, 1, 1) == 366
    assert day_number(1, 1, 1) - day_number(0, 1, 1) == 366  # 1 BCE was a leap year
    for day in (day_number(-9999, 1, 1), day_number(-44, 3, 15), 0, day_number(9999, 12, 31)):
        year, month = year_month(day)
        assert day_number(year, month, 1) <= day < day_number(year, month, 1) + 31
    assert stretch(parse("2024-02")).end - stretch(parse("2024-02")).start == 29
    span = stretch(parse("2024-06?/2024-07?"))
    assert (span.start, span.end) == (day_number(2024, 6, 1), day_number(2024, 8, 1))
    opened = stretch(parse("../2025-02"))
    assert opened.runs_back and not opened.runs_on


def test_the_axis_of_10000_events_counts_them_in_bars_and_stays_small():
    events = synthetic(10_000)
    markup = time_axis(events, lambda e: f"events/{e.id}/", "tl-axis")
    root = assert_self_contained(markup)
    bars = [a for a in root.iter() if a.get("class") == "tl-axis__bin"]
    assert 0 < len(bars) <= BARS
    assert not [a for a in root.iter() if a.get("data-id")]
    assert sum(int(bar.get("data-count")) for bar in bars) == 10_000
    assert len(markup.encode()) < 64 * 1024, len(markup)
    starts = [int(bar.get("data-from")) for bar in bars]
    assert starts == sorted(starts)
    for bar in bars:  # each bar counts the events that start in its days
        inside = sum(1 for e in events if int(bar.get("data-from")) <= stretch(e.when).start < int(bar.get("data-to")))
        assert inside == int(bar.get("data-count"))


def test_up_to_500_events_each_is_a_mark_linked_to_its_page():
    events = synthetic(MARKS, seed=3)
    markup = time_axis(events, lambda e: f"events/{e.id}/", "tl-axis")
    root = assert_self_contained(markup)
    marks = [a for a in root.iter() if a.get("data-id")]
    assert [a.get("data-id") for a in marks] == [e.id for e in events]
    assert [a.get("href") for a in marks] == [f"events/{e.id}/" for e in events]
    assert len(markup.encode()) < 400 * MARKS  # about 300 bytes an event


def test_the_axis_reads_any_era_and_open_ends():
    events = [event(1, "-0043-03-15"), event(2, "0010"), event(3, "../0100"), event(4, "0200/..")]
    root = assert_self_contained(time_axis(events, lambda e: None, "tl-axis"))
    titles = [g.find(f"{SVG}title").text for g in root.iter() if g.get("data-id")]
    assert titles == ["Event 1: 15 March 44 BCE", "Event 2: 10", "Event 3: until 100", "Event 4: from 200"]
    arrows = [g for g in root.iter() if g.get("data-id") in ("e3", "e4")]
    assert all(g.find(f".//{SVG}path") is not None for g in arrows)  # an open end is an arrow


def test_figure_charts_escape_contributor_text_and_stay_bounded():
    hostile = "<svg onload=alert('claimant')>"
    events = [event(1, "2024-01", (claim(300, "more-than", hostile),), title="<script>x</script>")]
    events += [event(i, "2024-02", (claim(100 * (i % 5), "about"),)) for i in range(2, 400)]
    timeline = Timeline(events, VOCABULARY)
    (table,) = timeline.figures
    markup = figure_chart(table, lambda c: f"events/{c.event.id}/", "tl-chart-killed")
    root = assert_self_contained(markup)
    assert "<script>" not in markup and "<svg onload" not in markup
    rows = [a for a in root.iter() if a.get("class") == "tl-chart__row"]
    assert len(rows) == 6  # 399 claims, 6 distinct values: a row each
    titles = [row.find(f"{SVG}title").text for row in rows]
    assert titles[4] == f"more than 300: 1 claim, by {hostile}"  # lowest first: about 300, then more than 300
    many = Timeline([event(i, "2024-02", (claim(i),)) for i in range(1, 2001)], VOCABULARY)
    histogram = figure_chart(many.figures[0], lambda c: None, "tl-chart-killed")
    assert_self_contained(histogram)
    assert len(histogram.encode()) < 16 * 1024
    assert "A histogram of the 2,000 values" in histogram


def test_an_event_chart_and_the_overview_are_self_contained():
    events = [event(1, "2024-01", (claim(300, "more-than", "A"), claim(25, "about", "B", 30))), event(2, "2024-03")]
    timeline = Timeline(events, VOCABULARY)
    (table,) = timeline.figures
    root = assert_self_contained(
        event_chart(table, "e1", lambda c: "#tl-claim-1", "figures/#killed", "tl-chart-killed")
    )
    links = [a.get("href") for a in root.iter(f"{SVG}a")]
    assert links == ["figures/#killed", "#tl-claim-1", "#tl-claim-1"]
    assert_self_contained(overview(timeline.figures, lambda t: f"#{t.figure.id}", "tl-chart-overview"))


@pytest.mark.parametrize("qualifier", ["exact", "about", "nearly", "more-than", "at-least", "less-than", "up-to"])
def test_every_qualifier_draws_and_names_its_mark(qualifier):
    timeline = Timeline([event(1, "2024", (claim(10, qualifier), claim(5, qualifier, value_max=8)))], VOCABULARY)
    root = assert_self_contained(figure_chart(timeline.figures[0], lambda c: None, "c"))
    legend = [t.text for t in root.iter(f"{SVG}text") if t.text]
    words = {"exact": "exactly", "more-than": "more than", "at-least": "at least", "less-than": "less than"}
    assert words.get(qualifier, qualifier.replace("-", " ")) in legend and "a range" in legend
