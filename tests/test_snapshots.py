"""Snapshots: `check` proves every quote of a source is word for word in the page as read.

Each test writes a small snapshots folder and an event, then validates as the command line does
(``validate_paths``): every problem is placed at the file, line and column a contributor edits.
"""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, VOCABULARY

from generator.check.batch import ValidationCache, validate_paths
from generator.check.snapshots import load_snapshots, normalize

PAGE = """---
read: "2025-12-01"
note: A page made up for the tests.
---
A Headline As Printed
Friday, February 07 — Credited from: THE PAPER

Officials said “about 1,000 have been killed” in the region.
"""

EVENT = """---
title: T
date: "2025-01"
summary: S.
sources:
  - id: a
    title: {title}
    outlet: An Aggregator
    date_printed: "{printed}"
    origin: The Paper
    origin_link: stated
    origin_quote: "{origin}"
    snapshot: page.txt
  - id: b
    title: Unchecked
claims:
  - figure: killed
    value: 1000
    qualifier: about
    claimant: Officials
    source: a
    quote: "{quote}"
  - figure: killed
    value: 5
    claimant: Nobody
    source: b
    quote: "words no snapshot holds"
disagreements:
  - kind: cause
    topic: Why
    sides:
      - source: a
        quote: "{side}"
      - source: b
        quote: "anything at all"
---
Body.[^a][^b]
"""
GOOD = {
    "title": "A Headline As Printed",
    "printed": "Friday, February 07",
    "origin": "Credited from: THE PAPER",
    "quote": "about 1,000 have been killed",
    "side": "Officials said",
}


def _project(tmp_path: Path, page: str = PAGE, **changes: str) -> tuple[list[Path], Path]:
    (tmp_path / "snapshots").mkdir(exist_ok=True)
    (tmp_path / "snapshots" / "page.txt").write_text(page, encoding="utf-8")
    event = tmp_path / "e.md"
    event.write_text(EVENT.format(**{**GOOD, **changes}), encoding="utf-8")
    return [event], tmp_path / "snapshots"


def _check(tmp_path: Path, page: str = PAGE, **changes: str) -> list[str]:
    paths, folder = _project(tmp_path, page, **changes)
    events, problems = validate_paths(paths, VOCABULARY, TODAY, snapshots_dir=folder)
    assert bool(events) == (not problems)
    return [f"{Path(p.path).name}:{p.line}:{p.col}: {p.message}" for p in problems]


def test_every_quote_headline_printed_date_and_origin_quote_is_found(tmp_path):
    assert _check(tmp_path) == []
    paths, folder = _project(tmp_path)
    events, _ = validate_paths(paths, VOCABULARY, TODAY, snapshots_dir=folder)
    checked, unchecked = events[0].sources
    assert (checked.snapshot, checked.snapshot_read.text) == ("page.txt", "2025-12-01")
    assert (unchecked.snapshot, unchecked.snapshot_read) == (None, None)


def test_only_quotation_marks_dashes_and_white_space_are_normalised():
    assert normalize("“about 1,000”\n  have — been ‘killed’") == normalize('"about 1,000" have - been "killed"')
    assert normalize("Killed") != normalize("killed")
    assert normalize("1,000") != normalize("1000")


def test_quotes_typed_with_other_marks_dashes_and_line_breaks_still_match(tmp_path):
    assert _check(tmp_path, quote="about 1,000 have   been killed", side="Officials  said") == []
    assert _check(tmp_path, printed="Friday, February 07 - Credited from: THE PAPER") == []


def test_a_changed_word_is_reported_at_the_quote_with_where_it_parts(tmp_path):
    assert _check(tmp_path, quote="about 2,000 have been killed") == [
        "e.md:22:12: quote is not in snapshot page.txt word for word: after “about” the page reads "
        "“1,000 have been killed' in the region.”, the quote “2,000 have been killed”"
    ]


def test_each_kind_of_quoted_words_is_checked_where_it_stands(tmp_path):
    found = _check(
        tmp_path,
        title="A Headline As Written",
        printed="Friday, February 7",
        origin="Credited from: The Paper",
        side="Officials say",
    )
    assert [line.split(": ")[0] + ": " + line.split(": ")[1].split(" is not")[0] for line in found] == [
        "e.md:7:12: headline",
        "e.md:9:19: printed date",
        "e.md:12:19: origin quote",
        "e.md:33:16: quote",
    ]
    assert "the page has it with other capitals, “Credited from: THE PAPER”" in found[2]


def test_a_missing_snapshot_or_folder_is_reported_at_the_source(tmp_path):
    paths, folder = _project(tmp_path)
    (folder / "page.txt").unlink()
    for where in (folder, None, tmp_path / "no-such-folder"):
        _, problems = validate_paths(paths, VOCABULARY, TODAY, snapshots_dir=where)
        assert [(p.line, p.col, p.message) for p in problems] == [
            (13, 15, "snapshot 'page.txt' is not in the snapshots folder: save the page's text there as page.txt")
        ]


def test_a_bad_snapshot_is_reported_at_its_own_line_and_the_source_that_names_it(tmp_path):
    page = PAGE.replace('read: "2025-12-01"', 'read: "2027-01-01"').replace("note:", "notes:")
    found = _check(tmp_path, page)
    assert found == [
        "e.md:13:15: snapshot 'page.txt' cannot be read: see its own problems",
        "page.txt:3:1: unknown key 'notes' (did you mean 'note'?)",
    ]
    found = _check(tmp_path, PAGE.replace('read: "2025-12-01"', 'read: "2027-01-01"'))
    assert "page.txt:2:7: 'read' 2027-01-01 is in the future (today is 2026-01-01)" in found
    assert "page.txt:5:1: the snapshot has no text: paste the page as read after the '---'" in _check(
        tmp_path, PAGE.split("A Headline")[0]
    )
    assert any("invisible bidirectional control" in p for p in _check(tmp_path, PAGE + "x\u202ey\n"))


def test_the_validation_cache_checks_again_when_a_snapshot_changes(tmp_path):
    paths, folder = _project(tmp_path)
    cache = ValidationCache()
    assert validate_paths(paths, VOCABULARY, TODAY, cache, folder)[1] == []
    (folder / "page.txt").write_text(PAGE.replace("1,000", "1,500"), encoding="utf-8")
    events, problems = validate_paths(paths, VOCABULARY, TODAY, cache, folder)
    assert events == [] and [p.line for p in problems] == [22]


def test_snapshots_are_only_the_folders_txt_files(tmp_path):
    _project(tmp_path)
    (tmp_path / "snapshots" / "README.md").write_text("# Not a snapshot\n", encoding="utf-8")
    found, problems = load_snapshots(tmp_path / "snapshots", TODAY)
    assert problems == [] and list(found.found) == ["page.txt"]
    assert load_snapshots(None, TODAY)[0].found == {}
