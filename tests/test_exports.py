"""Exports: write every data file for the fixture timeline, read each back with a real parser."""

from __future__ import annotations

import csv
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from conftest import FIXTURES

from generator.faces.mkdocs.settings import load_settings
from generator.model.timeline import Timeline
from generator.pipeline import load_timeline
from generator.render.exports import data_files
from generator.render.exports.csv_export import guard
from generator.write.search import write_files

SITE = Path("tests/fixtures/site")
NAMES = ["timeline.json", "timelinejs.json", "events.csv", "sources.csl.json", "feed.xml"]
ORDER = ["2024-06-treaty", "2024-11-deployment", "2025-01-11-hostile"]
HOSTILE = "2025-01-11-hostile"
ATOM = "{http://www.w3.org/2005/Atom}"

# More events, for what the fixture site does not have: an interval, an open start,
# a formula-like title, sources with every field.
EXTRA = {
    "2024-10-range.md": """---
title: "=HYPERLINK(\\"http://evil.example\\",\\"x\\")"
date: "2024-10-15~/2024-11-02"
summary: "-2 days of fighting"
tags: [treaty, casualties]
sources:
  - id: a
    title: A headline
    outlet: A Republisher
    origin: The Outlet
    origin_link: stated
    origin_quote: First published by The Outlet
    credits: [Other Outlet]
    author: A. Writer
    published: "2024-11-03"
    url: https://example.org/a?x=1&y=2
    accessed: "2024-12-01"
    note: A note.
  - id: b
    outlet: Second Outlet
    published: "2024-10?"
---
Body.[^a]
""",
    "2025-02-open.md": """---
title: Open start
date: "../2025-02"
summary: Ended by February.
sources:
  - id: a
    outlet: The Outlet
    published: "2025-02~"
---
Body.
""",
}

# The CSL-JSON schema (citation-style-language/schema, schemas/input/csl-data.json):
# every item property, and the keys a date and a name object may have.
CSL_TYPES = {
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "classic",
    "collection",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "figure",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "performance",
    "periodical",
    "personal_communication",
    "post",
    "post-weblog",
    "regulation",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
    "webpage",
}
CSL_NAMES = {
    "author",
    "chair",
    "collection-editor",
    "compiler",
    "composer",
    "container-author",
    "contributor",
    "curator",
    "director",
    "editor",
    "editorial-director",
    "executive-producer",
    "interviewer",
    "illustrator",
    "organizer",
    "original-author",
    "performer",
    "producer",
    "recipient",
    "reviewed-author",
    "translator",
}
CSL_DATES = {"accessed", "available-date", "container", "event-date", "issued", "original-date", "submitted"}
CSL_STRINGS = {
    "id",
    "type",
    "language",
    "journalAbbreviation",
    "shortTitle",
    "abstract",
    "annote",
    "archive",
    "archive_collection",
    "archive_location",
    "archive-place",
    "authority",
    "call-number",
    "citation-label",
    "collection-title",
    "container-title",
    "container-title-short",
    "dimensions",
    "division",
    "DOI",
    "event",
    "event-place",
    "genre",
    "ISAN",
    "ISBN",
    "ISCI",
    "ISMN",
    "ISRC",
    "ISSN",
    "ISWC",
    "jurisdiction",
    "keyword",
    "medium",
    "note",
    "original-publisher",
    "original-publisher-place",
    "original-title",
    "part-title",
    "PMCID",
    "PMID",
    "publisher",
    "publisher-place",
    "references",
    "reviewed-title",
    "scale",
    "section",
    "source",
    "status",
    "title",
    "title-short",
    "translated-title",
    "translated-title-short",
    "URL",
    "version",
    "year-suffix",
}
CSL_DATE_KEYS = {"date-parts", "season", "circa", "literal", "raw", "edtf"}
CSL_NAME_KEYS = {
    "family",
    "given",
    "dropping-particle",
    "non-dropping-particle",
    "suffix",
    "comma-suffix",
    "static-ordering",
    "literal",
    "parse-names",
}


def _timeline(events_dir: Path) -> Timeline:
    settings, problems = load_settings(SITE / "mkdocs.yml")
    assert settings and not problems
    return load_timeline(events_dir, settings.vocabulary, snapshots_dir=settings.snapshots_dir)


def _write(timeline: Timeline, folder: Path, site_url: str | None = None) -> dict[str, Path]:
    files = data_files(timeline, site_name="Fixture timeline", site_url=site_url)
    write_files(folder, files)
    paths = [folder / name for name in files]
    assert [p.name for p in paths] == NAMES
    return {p.name: p for p in paths}


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return _timeline(SITE / "events")


@pytest.fixture
def out(timeline, tmp_path) -> dict[str, Path]:
    return _write(timeline, tmp_path / "site")


@pytest.fixture
def extra(tmp_path) -> Timeline:
    events = tmp_path / "events"
    shutil.copytree(FIXTURES / "site" / "events", events)
    for name, text in EXTRA.items():
        (events / name).write_text(text, encoding="utf-8")
    return _timeline(events)


def _load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _hostile_title(timeline: Timeline) -> str:
    return timeline.by_id[HOSTILE].title


# --- timeline.json


def test_json_has_every_event_in_order_with_its_fields(out):
    data = _load(out["timeline.json"])
    assert list(data)[:4] == ["title", "date_range", "generated_from", "events"]
    assert data["title"] == "Fixture timeline" and data["generated_from"] == "event files"
    assert data["date_range"] == "about June 2024 – 11 January 2025"
    assert [e["id"] for e in data["events"]] == ORDER
    first = data["events"][0]
    assert first["url"] == "events/2024-06-treaty/"
    assert (first["date"], first["date_label"]) == ("2024-06~", "about June 2024")
    assert (first["date_start"], first["date_end"]) == ("2024-06-01", "2024-06-30")
    assert first["body"] == "The treaty was renewed.[^a]\n"
    assert first["sources"][0] == {
        "id": "a",
        "label": None,
        "title": "Article A",
        "outlet": "Outlet A",
        "author": None,
        "published": None,
        "date_printed": None,
        "url": None,
        "accessed": None,
        "origin": None,
        "origin_link": None,
        "origin_quote": None,
        "credits": [],
        "snapshot": None,
        "snapshot_read": None,
        "note": None,
        "left_out": None,
        "listed_as": "Outlet A",
        "lineage": "",
    }
    assert first["claims"][0]["display"] == "about 11,000 soldiers"


def test_json_names_each_source_by_the_page_read_and_keeps_disagreements(out):
    events = {e["id"]: e for e in _load(out["timeline.json"])["events"]}
    deployment = events["2024-11-deployment"]
    aggregator, untitled = deployment["sources"][1], deployment["sources"][2]
    assert (aggregator["listed_as"], aggregator["origin"], aggregator["origin_link"]) == (
        "Aggregator B",
        "Outlet C",
        "stated",
    )
    assert aggregator["lineage"] == "says it comes from Outlet C (“Credited from: OUTLET C”), credits Outlet D"
    assert (aggregator["snapshot"], aggregator["snapshot_read"]) == ("article-b.txt", "2025-12-01")
    assert (untitled["listed_as"], untitled["lineage"]) == ("Untitled page C", "origin unknown")
    assert [d["kind"] for d in deployment["disagreements"]] == ["attribution", "cause", "description"]
    assert deployment["disagreements"][1]["sides"][0] == {
        "source": "b",
        "quote": "They came to train",
        "claimant": None,
        "note": None,
    }
    assert deployment["disputed"] is True


def test_json_claims_show_display_and_disputed(out):
    events = {e["id"]: e for e in _load(out["timeline.json"])["events"]}
    killed = events["2024-11-deployment"]["claims"][1]
    assert killed["display"] == "more than 300 soldiers"
    assert (killed["figure_label"], killed["unit"], killed["qualifier"]) == ("Soldiers killed", "soldiers", "more-than")
    assert all(c["disputed"] is True for e in events.values() for c in e["claims"])


def test_json_figures_lay_values_side_by_side(out):
    figures = {f["id"]: f for f in _load(out["timeline.json"])["figures"]}
    assert set(figures) == {"killed", "deployed"}
    assert figures["killed"]["disputed"] is True and figures["deployed"]["disputed"] is True
    assert figures["killed"]["values"] == [{"low": 300, "high": 300}, {"low": 1000, "high": 1000}]
    assert figures["deployed"]["spread"] == "11,000 – 12,000 soldiers"
    assert [c["event"] for c in figures["killed"]["claims"]] == ["2024-11-deployment", HOSTILE]


def test_json_keeps_hostile_text_as_data(out, timeline):
    text = out["timeline.json"].read_text(encoding="utf-8")
    assert text.endswith("}\n") and "\\u" not in text  # ensure_ascii=False
    hostile = {e["id"]: e for e in json.loads(text)["events"]}[HOSTILE]
    assert hostile["title"] == _hostile_title(timeline)
    assert "<script>alert('body')</script>" in hostile["body"]


def test_json_dates_of_intervals_and_open_starts(extra, tmp_path):
    events = {e["id"]: e for e in _load(_write(extra, tmp_path / "x")["timeline.json"])["events"]}
    assert (events["2024-10-range"]["date_start"], events["2024-10-range"]["date_end"]) == ("2024-10-15", "2024-11-02")
    assert (events["2025-02-open"]["date_start"], events["2025-02-open"]["date_end"]) == (None, "2025-02-28")
    assert events["2025-02-open"]["date_label"] == "until February 2025"


# --- timelinejs.json


def test_timelinejs_slides(out):
    data = _load(out["timelinejs.json"])
    assert data["title"]["text"]["headline"] == "Fixture timeline"
    assert [s["unique_id"] for s in data["events"]] == ORDER
    treaty, deployment = data["events"][:2]
    assert treaty["start_date"] == {"year": 2024, "month": 6, "display_date": "about June 2024"}
    assert "end_date" not in treaty
    assert treaty["display_date"] == "about June 2024"
    assert (treaty["group"], deployment["group"]) == ("Treaties", "Casualties")
    text = deployment["text"]["text"]
    assert text.startswith("<p>Troops arrive in the region.</p><p>Sources: Outlet A, “Article A”")


def test_timelinejs_escapes_every_value(out, timeline):
    hostile = _load(out["timelinejs.json"])["events"][2]
    html = hostile["text"]["headline"] + hostile["text"]["text"]
    assert "&lt;script&gt;" in hostile["text"]["headline"]
    assert "<script" not in html and "<img" not in html and "<b " not in html and "<i>" not in html
    assert "&lt;img src=x onerror=alert(&#x27;summary&#x27;)&gt;" in hostile["text"]["text"]
    assert hostile["start_date"] == {"year": 2025, "month": 1, "day": 11, "display_date": "11 January 2025"}


def test_timelinejs_intervals_open_starts_and_links(extra, tmp_path):
    written = _write(extra, tmp_path / "x", "https://e.org/t")
    slides = {s["unique_id"]: s for s in _load(written["timelinejs.json"])["events"]}
    rng = slides["2024-10-range"]
    assert rng["start_date"] == {"year": 2024, "month": 10, "day": 15, "display_date": "about 15 October 2024"}
    assert rng["end_date"] == {"year": 2024, "month": 11, "day": 2, "display_date": "2 November 2024"}
    assert rng["display_date"] == "about 15 October 2024 – 2 November 2024"
    linked = (
        '<a href="https://example.org/a?x=1&amp;y=2">'
        "A Republisher (says it comes from The Outlet, credits Other Outlet), “A headline”</a>"
    )
    assert linked in rng["text"]["text"]
    assert '<a href="https://e.org/t/events/2024-10-range/">' in rng["text"]["text"]
    assert rng["text"]["headline"] == "=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)"
    opened = slides["2025-02-open"]
    assert opened["start_date"] == {"year": 2025, "month": 2, "display_date": "February 2025"}
    assert "end_date" not in opened and "group" not in opened
    assert opened["display_date"] == "until February 2025"


@pytest.mark.parametrize(
    ("written", "end"),
    [
        ("2024-06?/2024-07?", {"year": 2024, "month": 7, "day": 31, "display_date": "July 2024 (uncertain)"}),
        ("2024-01/2024-02", {"year": 2024, "month": 2, "day": 29, "display_date": "February 2024"}),
        ("2023/2024~", {"year": 2024, "month": 12, "day": 31, "display_date": "about 2024"}),
        ("2024-06-01/2024-06-03", {"year": 2024, "month": 6, "day": 3, "display_date": "3 June 2024"}),
    ],
)
def test_timelinejs_ends_on_the_last_day_of_a_month_or_year(tmp_path, written, end):
    """TimelineJS reads an end without a day as the first of its month: "June – July 2024" ended on
    1 July. The end is its last possible day; its display date keeps the precision written."""
    events = tmp_path / "events"
    events.mkdir()
    (events / "a.md").write_text(
        f'---\ntitle: A\ndate: "{written}"\nsummary: S.\nsources:\n  - id: a\n    outlet: O\n---\nB.\n',
        encoding="utf-8",
    )
    slide = _load(_write(_timeline(events), tmp_path / "out")["timelinejs.json"])["events"][0]
    assert slide["end_date"] == end


# --- events.csv


def test_csv_one_row_per_event(out, timeline):
    with out["events.csv"].open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["id"] for r in rows] == ORDER
    assert list(rows[0]) == [
        "id",
        "date",
        "date_label",
        "date_start",
        "date_end",
        "title",
        "summary",
        "tags",
        "actors",
        "location",
        "outlets",
        "source_count",
        "claim_count",
        "url",
    ]
    assert rows[0]["actors"] == "Russia; North Korea" and rows[0]["location"] == ""
    outlets = "Outlet A; Aggregator B (says it comes from Outlet C, credits Outlet D); Untitled page C (origin unknown)"
    assert (rows[1]["outlets"], rows[1]["source_count"], rows[1]["claim_count"]) == (outlets, "3", "2")
    assert rows[2]["title"] == _hostile_title(timeline)
    assert rows[1]["url"] == "events/2024-11-deployment/"
    assert b"\r" not in out["events.csv"].read_bytes()


def test_csv_guards_formulas(extra, tmp_path):
    with _write(extra, tmp_path / "x")["events.csv"].open(encoding="utf-8", newline="") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    assert rows["2024-10-range"]["title"] == '\'=HYPERLINK("http://evil.example","x")'
    assert rows["2024-10-range"]["summary"] == "'-2 days of fighting"
    assert rows["2024-10-range"]["tags"] == "treaty; casualties"
    assert rows["2025-02-open"]["date"] == "../2025-02" and rows["2025-02-open"]["date_start"] == ""


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_guard_prefixes_formula_starts(cell):
    assert guard(cell) == "'" + cell


def test_guard_leaves_other_cells():
    assert (guard("Plain = text"), guard(""), guard(None), guard(2)) == ("Plain = text", "", "", 2)


# --- sources.csl.json


def _check_csl(items: list) -> None:
    """The checks of csl-data.json for what we emit: required keys, known variables, value shapes."""
    assert isinstance(items, list)
    for item in items:
        assert {"id", "type"} <= set(item)
        assert item["type"] in CSL_TYPES
        assert set(item) <= CSL_STRINGS | CSL_NAMES | CSL_DATES, set(item) - (CSL_STRINGS | CSL_NAMES | CSL_DATES)
        for key, value in item.items():
            if key in CSL_STRINGS:
                assert isinstance(value, str) and value
            elif key in CSL_NAMES:
                assert value and all(isinstance(n, dict) and set(n) <= CSL_NAME_KEYS for n in value)
            else:
                _check_csl_date(value)
    assert len({i["id"] for i in items}) == len(items)


def _check_csl_date(value: dict) -> None:
    assert set(value) <= CSL_DATE_KEYS and "date-parts" in value
    parts = value["date-parts"]
    assert 1 <= len(parts) <= 2 and all(1 <= len(p) <= 3 and all(isinstance(n, int) for n in p) for p in parts)
    assert value.get("circa", True) is True


def test_csl_one_item_per_article(out):
    items = _load(out["sources.csl.json"])
    _check_csl(items)
    assert [i["id"] for i in items] == [
        "2024-06-treaty/a",
        "2024-11-deployment/b",
        "2024-11-deployment/c",
        f"{HOSTILE}/a",
    ]
    article_a, article_b, untitled, hostile = items
    assert article_a == {
        "id": "2024-06-treaty/a",
        "type": "article-newspaper",
        "title": "Article A",
        "container-title": "Outlet A",
        "note": "Cited by: 2024-06-treaty, 2024-11-deployment",
    }
    # The container is the page read; the outlet it credits is only its original publisher.
    assert (article_b["type"], article_b["container-title"]) == ("webpage", "Aggregator B")
    assert article_b["original-publisher"] == "Outlet C"
    assert "URL" not in article_b and "author" not in article_b and "publisher" not in article_b
    assert article_b["note"].splitlines() == [
        "Origin (stated link): Outlet C, “Credited from: OUTLET C”",
        "Credits: Outlet D",
        "Quotes checked against a snapshot of the page (article-b.txt, read 1 December 2025)",
        "Cited by: 2024-11-deployment",
    ]
    assert (untitled["type"], "title" not in untitled, "container-title" not in untitled) == ("webpage", True, True)
    assert untitled["note"].splitlines()[:2] == ["Untitled; listed as: Untitled page C", "Origin: unknown"]
    assert hostile["title"] == "<b onmouseover=alert('source')>Bold</b>"


def test_csl_every_field(extra, tmp_path):
    items = {i["id"]: i for i in _load(_write(extra, tmp_path / "x")["sources.csl.json"])}
    _check_csl(list(items.values()))
    full = items["2024-10-range/a"]
    assert full["author"] == [{"literal": "A. Writer"}]
    assert (full["container-title"], full["original-publisher"]) == ("A Republisher", "The Outlet")
    assert full["issued"] == {"date-parts": [[2024, 11, 3]]}
    assert full["accessed"] == {"date-parts": [[2024, 12, 1]]}
    assert full["URL"] == "https://example.org/a?x=1&y=2"
    assert full["note"].splitlines() == [
        "A note.",
        "Origin (stated link): The Outlet, “First published by The Outlet”",
        "Credits: Other Outlet",
        "Cited by: 2024-10-range",
    ]
    uncertain = items["2024-10-range/b"]
    # CSL marks any hedged date with circa; which hedge it was stays in the note.
    assert uncertain["issued"] == {"date-parts": [[2024, 10]], "circa": True}
    assert "Published (EDTF): 2024-10? (October 2024 (uncertain))" in uncertain["note"]
    assert items["2025-02-open/a"]["issued"] == {"date-parts": [[2025, 2]], "circa": True}


# --- feed.xml


def test_atom_parses_newest_first(out, timeline):
    raw = out["feed.xml"].read_bytes()
    feed = feedparser.parse(raw)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert [e.title for e in feed.entries] == [_hostile_title(timeline), "Troops arrive", "Treaty renewed"]
    assert feed.feed.title == "Fixture timeline"
    assert feed.feed.id == "tag:timeline.invalid,2024:feed"
    first = feed.entries[0]
    assert first.id == f"tag:timeline.invalid,2024:events/{HOSTILE}"
    assert first.updated == "2025-01-11T00:00:00Z" and feed.feed.updated == "2025-01-11T00:00:00Z"
    assert first.link == f"events/{HOSTILE}/"
    assert [t.term for t in first.tags] == ["casualties"] and first.author == "Fixture timeline"
    assert feed.entries[1].updated == "2024-11-30T00:00:00Z"


def test_atom_ids_stay_when_the_site_is_renamed(timeline):
    """A reader follows entries by id: renaming the site must not make every entry new."""

    def ids(site_name: str, site_url: str | None) -> list[str]:
        feed = feedparser.parse(data_files(timeline, site_name=site_name, site_url=site_url)["feed.xml"])
        assert feed.feed.title == site_name
        return [feed.feed.id] + [e.id for e in feed.entries]

    assert ids("Fixture timeline", None) == ids("A renamed timeline", None)
    assert ids("Fixture timeline", "https://e.org/t/") == ids("A renamed timeline", "https://e.org/t/")


def test_atom_title_is_inert_text(out, timeline):
    root = ET.fromstring(out["feed.xml"].read_bytes())
    titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
    assert titles[0] == _hostile_title(timeline)
    assert root.find(f"{ATOM}entry/{ATOM}summary").text == timeline.by_id[HOSTILE].summary
    assert b"<script" not in out["feed.xml"].read_bytes()


def test_atom_with_site_url_has_absolute_links_and_content_dates(extra, tmp_path):
    feed = feedparser.parse(_write(extra, tmp_path / "x", "https://example.org/timeline/")["feed.xml"].read_bytes())
    assert feed.bozo == 0
    assert len(feed.entries) == 5
    entries = {e.id.rsplit("/", 1)[1]: e for e in feed.entries}
    assert entries["2024-10-range"].id == "tag:example.org,2024:timeline/events/2024-10-range"
    assert entries["2024-10-range"].link == "https://example.org/timeline/events/2024-10-range/"
    assert entries["2024-10-range"].updated == "2024-12-01T00:00:00Z"  # accessed, later than the event
    hrefs = [link.href for link in feed.feed.links]
    assert hrefs == ["https://example.org/timeline/feed.xml", "https://example.org/timeline/"]


# --- all files


def test_hostile_event_is_in_every_export(out):
    for name in NAMES:
        assert HOSTILE in out[name].read_text(encoding="utf-8"), name


def test_writing_twice_gives_identical_files(timeline, tmp_path):
    first = _write(timeline, tmp_path / "one")
    second = _write(timeline, tmp_path / "two")
    for name in NAMES:
        assert first[name].read_bytes() == second[name].read_bytes(), name
