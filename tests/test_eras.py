"""Any era: a timeline entirely before 1970, back to 3000 BCE, builds, sorts and shows its dates in every output.

The fixture (tests/fixtures/eras) has events of 3000 BCE, 44 BCE, 1 BCE, the year 800, 1895 and
1969, and no date after 1969: MkDocs once failed to write ``sitemap.xml.gz`` on such a timeline,
after ``check`` had passed. Where a format cannot write a date (a BCE year in Atom, in schema.org,
in a gzip header), the output leaves it out or says so; it never shows another date instead.
"""

from __future__ import annotations

import csv
import gzip
import json
import shutil
import struct
import subprocess
from pathlib import Path

import feedparser
import pytest
from conftest import FIXTURES
from sitecheck import page, search_documents

from generator.faces.mkdocs.build import build_site

ORDER = ["3000-bce-event", "44-bce-event", "1-bce-event", "0800-event", "1895-12-28-event", "1969-07-event"]
YEARS = ["3000 BCE", "44 BCE", "1 BCE", "800", "1895", "1969"]
LABELS = ["3000 BCE", "15 March 44 BCE", "about 1 BCE", "25 December 800", "28 December 1895", "16–24 July 1969"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("eras")
    shutil.copytree(FIXTURES / "eras", project, dirs_exist_ok=True)
    return build_site(project / "mkdocs.yml", project / "site")


def gzip_time(path: Path) -> int:
    """The MTIME field of a gzip file's header (RFC 1952): seconds from 1970, 0 for none."""
    return struct.unpack("<L", path.read_bytes()[4:8])[0]


def test_the_timeline_is_in_date_order_under_year_headings_readers_can_read(site):
    timeline = page(site, "timeline")
    assert [li.attrs["data-id"] for li in timeline.find("li", "tl-item")] == ORDER
    assert [h.text.strip() for h in timeline.find("h2") if h.attrs.get("id", "").startswith("y")] == YEARS
    assert [d.text.strip() for d in timeline.find(None, "tl-date")][: len(LABELS)] == LABELS
    years = [o.text for o in timeline.find("option") if o.attrs.get("value", "").lstrip("-").isdigit()]
    assert years[: len(YEARS)] == YEARS  # the "From" select, as readers see it
    assert "3000 BCE – 24 July 1969 CE" in page(site, "").find("main")[0].text


def test_the_sitemap_is_written_and_its_gzip_header_says_no_time(site):
    """gzip's header holds no date before 1970: MkDocs is given 'none' (0), never another date."""
    assert gzip_time(site / "sitemap.xml.gz") == 0
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    entries = {part.split("</loc>")[0].removeprefix("https://eras.example/"): part for part in text.split("<loc>")[1:]}
    assert "<lastmod>1895-12-30</lastmod>" in entries["events/1895-12-28-event/"]  # its source's date, the latest
    assert "<lastmod>0801-12-31</lastmod>" in entries["events/0800-event/"]  # a year below 1000, four digits
    assert "lastmod" not in entries["events/44-bce-event/"]  # W3C dates have no BCE: left out


def test_a_timeline_reaching_2100_dates_the_gzip_header_from_its_content(site, tmp_path):
    project = tmp_path / "later"
    shutil.copytree(FIXTURES / "eras", project)
    text = (project / "events" / "1969-07-event.md").read_text(encoding="utf-8")
    (project / "events" / "2100-event.md").write_text(text.replace("1969-07-16/1969-07-24", "2100-06"))
    config = (project / "mkdocs.yml").read_text().replace("pdf: true", "pdf: false")
    (project / "mkdocs.yml").write_text(config)
    built = build_site(project / "mkdocs.yml", project / "site")
    assert gzip_time(built / "sitemap.xml.gz") == 4117996800  # 2100-06-30, the latest day of the content
    assert [li.attrs["data-id"] for li in page(built, "timeline").find("li", "tl-item")] == [*ORDER, "2100-event"]


def test_json_ld_gives_years_below_1000_and_leaves_bce_dates_out(site):
    def about(event: str) -> dict:
        scripts = [
            s for s in page(site, f"events/{event}").find("script") if s.attrs.get("type") == "application/ld+json"
        ]
        return json.loads(scripts[0].text)["about"]

    assert about("0800-event")["startDate"] == "0800-12-25"
    assert about("1895-12-28-event")["startDate"] == "1895-12-28"
    assert "startDate" not in about("3000-bce-event") and "endDate" not in about("3000-bce-event")


def test_the_feed_parses_and_says_where_atom_cannot_date_an_entry(site):
    text = (site / "feed.xml").read_text(encoding="utf-8")
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.get("bozo_exception")
    titles = [entry.title for entry in feed.entries]
    assert titles == [f"Event of {label}" for label in ("July 1969", "28 December 1895", "25 December 800")] + [
        "Event of about 1 BCE",
        "Event of 15 March 44 BCE",
        "Event of 3000 BCE",
    ]
    updated = {entry.title: entry.updated for entry in feed.entries}
    assert updated["Event of 25 December 800"] == "0801-12-31T00:00:00Z"
    assert updated["Event of 3000 BCE"] == feed.feed.updated == "1969-07-24T00:00:00Z"
    assert (
        text.count("No day of this event can be written in Atom") == 3
    )  # one comment per BCE entry: the feed's date, said so


def test_csv_timelinejs_csl_and_json_keep_every_era(site):
    rows = list(csv.DictReader((site / "events.csv").read_text(encoding="utf-8").splitlines()))
    assert [r["id"] for r in rows] == ORDER and [r["date_label"] for r in rows] == LABELS
    assert rows[0]["date"] == "'-2999" and rows[0]["date_start"] == ""  # no ISO day before year 1: left out
    assert rows[3]["date_start"] == "0800-12-25"
    slides = json.loads((site / "timelinejs.json").read_text(encoding="utf-8"))["events"]
    assert [s["start_date"]["year"] for s in slides] == [-3000, -44, -1, 800, 1895, 1969]  # no year 0 there
    assert [s["display_date"] for s in slides] == LABELS
    issued = {item["id"]: item.get("issued") for item in json.loads((site / "sources.csl.json").read_text())}
    assert issued["0800-event/book"] == {"date-parts": [[801]]}
    events = json.loads((site / "timeline.json").read_text(encoding="utf-8"))["events"]
    assert [e["date_label"] for e in events] == LABELS


def test_search_finds_events_of_every_era_with_their_dates(site):
    teasers = {d["location"]: d["text"] for d in search_documents(site)}
    assert teasers["events/3000-bce-event/"].startswith("3000 BCE")
    assert teasers["events/0800-event/"].startswith("25 December 800")


def test_the_book_has_a_chapter_per_era_in_order(site):
    text = subprocess.run(
        ["pdftotext", "-layout", str(site / "timeline.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    chapters = [line.split(" . ")[0].strip() for line in text.splitlines() if " . . . " in line]
    assert [c for c in chapters if c in YEARS] == YEARS
    assert "15 March 44 BCE" in text and "25 December 800" in text
