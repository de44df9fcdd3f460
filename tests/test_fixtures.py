"""Paired fixtures: each event file beside what it must produce.

``fixtures/bad/NAME.md`` sits beside ``NAME.expected``, the exact problem lines
(``LINE:COL: message``); ``fixtures/good/NAME.md`` beside ``NAME.json``, the
model it becomes. A new case is two new files.
"""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, TODAY, VOCABULARY, regenerate

from generator.check.validate import validate_file
from generator.render.dates import label as date_label
from generator.render.exports.json_export import record

BAD = sorted((FIXTURES / "bad").glob("*.md"))
GOOD = sorted((FIXTURES / "good").glob("*.md"))


def test_enough_cases():
    assert len(BAD) >= 30 and len(GOOD) >= 3


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_bad_file_reports_exact_problems(path):
    event, problems = validate_file(path, VOCABULARY, TODAY)
    expected_file = path.with_suffix(".expected")
    got = [f"{p.line}:{p.col}: {p.message}" for p in sorted(problems)]
    assert all(p.path == f"tests/fixtures/bad/{path.name}" for p in problems)
    if regenerate():
        expected_file.write_text("\n".join(got) + "\n", encoding="utf-8")
    assert event is None
    assert got == expected_file.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.stem)
def test_good_file_gives_expected_model(path):
    event, problems = validate_file(path, VOCABULARY, TODAY)
    assert problems == []
    got = {
        "id": event.id,
        "date_label": date_label(event.when),
        "body_line": event.body_line,
        "body": event.body,
        "meta": {  # the model's front-matter fields, dates as written (what validation read)
            "title": event.title,
            "date": event.when.text,
            "date_note": event.date_note,
            "summary": event.summary,
            "tags": list(event.tags),
            "actors": list(event.actors),
            "location": event.location,
            "sources": [record(s) for s in event.sources],
            "claims": [record(c) for c in event.claims],
            "reported_dates": [record(r) for r in event.reported_dates],
            "disagreements": [{**record(d), "sides": [record(s) for s in d.sides]} for d in event.disagreements],
        },
    }
    expected_file = path.with_suffix(".json")
    if regenerate():
        expected_file.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(expected_file.read_text(encoding="utf-8"))
