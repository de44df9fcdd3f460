"""``import``: TimelineJS in, event files out; this site's own timelinejs.json comes back whole.

The newcomer's test (test_newcomer.py) imports from an installed wheel; these run in process, on
this repository's real events and on small files that are wrong in one place each.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, fixture_project

from generator.faces.cli.main import main
from generator.faces.mkdocs.settings import load_settings
from generator.pipeline import load_timeline, product
from generator.read.reader import read_event
from generator.render.dates import label


@pytest.fixture
def config(tmp_path) -> Path:
    return fixture_project(tmp_path / "project", pdf=False)


def test_this_sites_own_timelinejs_gives_back_every_title_date_and_text(config, tmp_path, capsys):
    settings, problems = load_settings(ROOT / "mkdocs.yml")
    assert problems == []
    timeline = load_timeline(settings.events_dir, settings.vocabulary)
    exported = tmp_path / "timelinejs.json"
    exported.write_bytes(product(timeline, settings.site).files["timelinejs.json"])
    assert main(["--config", str(config), "import", str(exported), "--dir", str(tmp_path / "back")]) == 0
    assert f"wrote {len(timeline.events)} event files" in capsys.readouterr().out
    back = {}
    for path in (tmp_path / "back").glob("*.md"):
        raw, problems = read_event(path)
        assert [p.message for p in problems] == [], path
        back[raw.data["title"]] = raw
    assert sorted(back) == sorted(event.title for event in timeline.events)
    for event in timeline.events:
        raw = back[event.title]
        # TimelineJS dates carry no qualifier: the date comes back at its precision, its label in date_note.
        assert raw.data["date"] == re.sub(r"[~?%]", "", event.when.edtf()).replace("/..", "")
        assert label(event.when) in raw.data["date_note"]
        assert event.summary in re.sub(r"\s+", " ", raw.body)
        assert raw.data["sources"] == []


SLIDES = {
    "events": [
        {"start_date": {"year": 2020}, "text": {"headline": "Fine"}},
        {"start_date": {"year": 2020, "month": 13}, "text": {"headline": "No such month"}},
    ]
}


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("month.json", json.dumps(SLIDES, indent=2), "month.json:12:21: the slide's date: month 13 does not exist"),
        ("year.json", '{"events": [{"start_date": {"year": "19x5"}}]}', "year.json:1:37: year '19x5' is not a whole"),
        ("zero.json", '{"events": [{"start_date": {"year": 0}}]}', "zero.json:1:28: the slide's date: year 0"),
        ("nodate.json", '{"events": [{"text": {"headline": "A"}}]}', "nodate.json:1:13: this slide has no start_date"),
        ("list.json", "[1, 2]", "list.json:1:1: not a TimelineJS timeline"),
        ("day.csv", "Year,Month,Day,Headline\n2020,1,x,A\n", "day.csv:2:8: day: 'x' is not a whole number"),
        ("noyear.csv", "Year,Headline\n,A row without a year\n", "noyear.csv:2:1: this row has no Year"),
        ("plain.csv", "Date,Title\n2020,A\n", "plain.csv:1:1: unknown column 'Date'"),
        ("latin1.csv", "Year,Headline\n2020,Caf\xe9\n", "latin1.csv:2:9: not UTF-8 text"),
    ],
)
def test_bad_input_is_reported_where_it_is_and_nothing_is_written(config, tmp_path, capsys, name, text, expected):
    path = tmp_path / name
    path.write_bytes(text.encode("latin-1") if name.startswith("latin1") else text.encode("utf-8"))
    assert main(["--config", str(config), "import", str(path), "--dir", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert expected in out.replace(str(tmp_path) + "/", "") and "nothing imported" in out
    assert not (tmp_path / "out").exists()


def test_a_taken_file_name_writes_nothing_and_a_name_given_twice_is_numbered(config, tmp_path, capsys):
    twice = {"events": [{"start_date": {"year": 2020}, "text": {"headline": "Same"}}] * 2}
    path = tmp_path / "twice.json"
    path.write_text(json.dumps(twice))
    assert main(["--config", str(config), "import", str(path), "--dir", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["2020-same-2.md", "2020-same.md"]
    before = (tmp_path / "out" / "2020-same.md").read_bytes()
    assert main(["--config", str(config), "import", str(path), "--dir", str(tmp_path / "out")]) == 1
    assert "already exists: nothing imported" in capsys.readouterr().out
    assert (tmp_path / "out" / "2020-same.md").read_bytes() == before


def test_a_declared_tag_is_matched_by_its_label_and_eras_and_the_title_are_reported(config, tmp_path, capsys):
    data = {
        "title": {"text": {"headline": "A <i>title</i>"}},
        "eras": [{"start_date": {"year": 2019}, "end_date": {"year": 2021}}],
        "events": [{"start_date": {"year": 2020, "hour": 14, "minute": 30}, "group": "treaties"}],
    }
    path = tmp_path / "tagged.json"
    path.write_text(json.dumps(data))
    assert main(["--config", str(config), "import", str(path), "--dir", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "the title slide reads 'A title'" in out and "1 era not imported" in out
    raw, problems = read_event(next((tmp_path / "out").glob("*.md")))
    assert problems == [] and raw.data["tags"] == ["treaty"]  # the fixture declares treaty: Treaties
    assert raw.data["date_note"] == "TimelineJS gives the time 14:30" and raw.data["title"].startswith("TODO:")
