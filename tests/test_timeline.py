"""The Timeline's indexes: articles, outlets, figures."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, VOCABULARY

from generator.check.batch import validate_paths
from generator.model.timeline import Timeline
from generator.render.format import outlet_label, spread
from generator.render.paging import split_by_date, year_slug

EVENT = """---
title: {title}
date: "{date}"
summary: S.
sources:
  - id: a
    note: {note}
claims:
  - figure: killed
    value: {value}
    claimant: X
    source: a
    quote: q
---
"""


def _timeline(tmp_path: Path, *events: tuple[str, str, str, int]) -> Timeline:
    for i, (title, date, note, value) in enumerate(events):
        (tmp_path / f"e{i}.md").write_text(EVENT.format(title=title, date=date, note=note, value=value))
    found, problems = validate_paths(sorted(tmp_path.glob("*.md")), VOCABULARY, TODAY)
    assert problems == []
    return Timeline(found, VOCABULARY)


def test_untitled_articles_stay_apart_when_their_descriptions_differ(tmp_path):
    timeline = _timeline(
        tmp_path,
        ("A", "2024", "First untitled article.", 1),
        ("B", "2025", "Second untitled article.", 1),
        ("C", "2025-02", "First untitled article.", 1),
    )
    assert [len(a.events) for a in timeline.articles] == [2, 1]
    assert timeline.source_count == 2
    assert [outlet_label(o) for o in timeline.outlets] == ["Publisher not named"]


def test_a_figure_is_disputed_only_when_values_differ(tmp_path):
    same = _timeline(tmp_path, ("A", "2024", "n", 5), ("B", "2025", "n", 5))
    assert not same.figures[0].disputed and spread(same.figures[0]) == "5 soldiers"
    (tmp_path / "e1.md").write_text(EVENT.format(title="B", date="2025", note="n", value=7))
    found, _ = validate_paths(sorted(tmp_path.glob("*.md")), VOCABULARY, TODAY)
    differ = Timeline(found, VOCABULARY)
    assert differ.figures[0].disputed and spread(differ.figures[0]) == "5 – 7 soldiers"
    assert all(differ.is_disputed(e) for e in differ.events)


def test_a_long_listing_is_split_by_year_and_a_long_year_by_month(tmp_path):
    timeline = _timeline(
        tmp_path,
        ("A", "2023-05", "n", 1),
        ("B", "2024", "n", 1),
        ("C", "2024-03-01", "n", 1),
        ("D", "2024-03-15", "n", 1),
        ("E", "2025-01", "n", 1),
        ("F", "2025-01-20", "n", 1),
    )
    parts = split_by_date(timeline.events, 2)
    assert [(p.slug, p.label, [e.title for e in p.items]) for p in parts] == [
        ("2023", "2023", ["A"]),
        ("2024-month-unknown", "2024, month not known", ["B"]),
        ("2024-03", "March 2024", ["C", "D"]),
        ("2025", "2025", ["E", "F"]),
    ]
    # one month longer than a page stays whole: a month is the finest cut the dates support
    assert [p.slug for p in split_by_date(timeline.events, 1)] == ["2023", "2024-month-unknown", "2024-03", "2025"]
    # anything dated by an event splits the same way: a figure's claims
    claims = split_by_date(timeline.figures[0].citations, 2, when=lambda c: c.event.when)
    assert [len(p.items) for p in claims] == [1, 1, 2, 2]


def test_year_slugs_never_start_with_a_hyphen():
    assert [year_slug(y) for y in (2024, 1, 0, -44)] == ["2024", "1", "1-bce", "45-bce"]
