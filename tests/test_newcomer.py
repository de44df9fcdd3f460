"""A newcomer's timeline, from nothing: the wheel installed in a fresh virtual environment, ``init``, events
of the 1890s and before the common era, two TimelineJS imports, a build, and the site in a browser.

Nothing of this repository is used but the wheel built from it (and requirements.lock, to install
the versions it pins): the commands run from a folder of their own, as ``timeline``, the way the
README's "Start your own timeline" tells a reader to.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from browser import DESKTOP, Visit, serve
from conftest import ROOT
from test_browser_offline import OfflineVisit, search

NAME = "Moving pictures"
JSON_TIMELINE = {
    "title": {"text": {"headline": "An imported timeline", "text": "<p>Written by the test.</p>"}},
    "events": [
        {
            "start_date": {"year": "1896", "month": "1"},
            "display_date": "Winter 1896",
            "text": {"headline": "A screening in <b>January</b>", "text": "<p>First sentence here. Second one.</p>"},
            "group": "Screenings",
            "media": {
                "url": "https://example.org/still.jpg",
                "credit": "A <i>credited</i> archive",
                "caption": "A still",
            },
        },
        {
            "start_date": {"year": -500},
            "end_date": {"year": -450},
            "text": {"headline": "Shadow plays", "text": "Plain text with <script>alert(1)</script> a script."},
        },
    ],
}
CSV_TIMELINE = (
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,"
    "Media Caption,Media Thumbnail,Type,Group,Background\n"
    ',,,,,,,,,A spreadsheet timeline,"<p>The title row.</p>",,,,,title,,\n'
    '1895,12,28,,,,,,,A row of the spreadsheet,"<p>Its text, with a <a href=""https://example.org/"">link</a>.</p>",'
    ",,,,,,Screenings,\n"
)


def run(command: list[str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=1200)
    if check:
        assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def timeline_command(tmp_path_factory) -> Path:
    """``timeline`` from the wheel, installed in a virtual environment of its own."""
    work = tmp_path_factory.mktemp("newcomer")
    source = work / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "test-output", "*.egg-info", "build"),
    )
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(work / "dist"), str(source)], work)
    wheel = next((work / "dist").glob("timeline_generator-*.whl"))
    run([sys.executable, "-m", "venv", str(work / "venv")], work)
    pip = [str(work / "venv" / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    run([*pip, str(wheel), "-c", str(ROOT / "requirements.lock")], work)
    return work / "venv" / "bin" / "timeline"


@pytest.fixture(scope="module")
def project(timeline_command, tmp_path_factory) -> Path:
    """A timeline started with init, with two events added with new: the 1890s and 44 BCE."""
    home = tmp_path_factory.mktemp("journalist")
    run([str(timeline_command), "init", "film", "--name", NAME, "--description", "Film, dated as sources allow."], home)
    folder = home / "film"
    for title, date in (("First paid screening", "1895-12-28"), ("A play of shadows", "-0043-03-15")):
        run(
            [
                str(timeline_command),
                "new",
                "--title",
                title,
                f"--date={date}",
                "--summary",
                f"{title}, a test.",
                "--source-title",
                "A history of film",
                "--source-outlet",
                "Test Press",
            ],
            folder,
        )
    return folder


@pytest.fixture(scope="module")
def site(timeline_command, project) -> Path:
    done = run([str(timeline_command), "build"], project)
    assert "site built in site/" in done.stdout
    return project / "site"


def test_init_writes_a_project_whose_files_parse_and_check_passes(timeline_command, project):
    names = {p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()}
    assert {
        "mkdocs.yml",
        "README.md",
        "requirements.txt",
        "event.schema.json",
        "pages/about.md",
        ".gitignore",
        ".github/workflows/timeline.yml",
        ".pre-commit-config.yaml",
        "events/1895-12-28-first-paid-screening.md",
        "events/44-bce-03-15-a-play-of-shadows.md",
    } <= names
    import yaml

    workflow = yaml.safe_load((project / ".github/workflows/timeline.yml").read_text())
    steps = "\n".join(step.get("run", "") for step in workflow["jobs"]["build"]["steps"])
    assert "timeline check --format github" in steps and "timeline build" in steps
    assert workflow["permissions"] == {"contents": "read"}
    done = run([str(timeline_command), "check"], project)
    assert "3 event files, 1 page valid" in done.stdout
    again = run([str(timeline_command), "init", ".", "--name", "Other", "--description", "Other."], project)
    assert "kept ./mkdocs.yml" in again.stdout and "wrote" not in again.stdout
    assert yaml.safe_load((project / "mkdocs.yml").read_text().replace("!ENV", ""))["site_name"] == NAME


def test_the_site_has_its_styles_filters_and_the_pdf_has_the_events(site, browser):
    with serve(site) as base:
        visit = Visit(browser, base + "timeline/", DESKTOP)
        try:
            page = visit.page
            visit.screenshot("newcomer-timeline")
            assert page.evaluate("getComputedStyle(document.querySelector('.tl-card')).display") == "flex"
            started = str(datetime.date.today().year)  # init's example event is dated the day it ran
            assert [h.inner_text() for h in page.locator(".tl-year > h2").all()] == ["44 BCE", "1895", started]
            count = page.locator(".tl-filters__count")
            assert count.inner_text() == "3 events"
            page.select_option("select[name=to]", "1895")
            assert count.inner_text() == "Showing 2 of 3 events"
            assert visit.errors == [] and [u for u in visit.requests if not u.startswith(base)] == []
        finally:
            visit.close()
    text = subprocess.run(["pdftotext", str(site / "timeline.pdf"), "-"], capture_output=True, text=True).stdout
    assert "First paid screening" in text and "A play of shadows" in text and "15 March 44 BCE" in text
    assert "About this timeline" in text  # the page, in the book's front matter


def test_search_finds_an_event_over_http_and_in_the_offline_zip(site, browser, tmp_path):
    with serve(site) as base:
        visit = Visit(browser, base, DESKTOP)
        try:
            results = search(visit.page, "shadows")
            href = results.first.locator("a").first.get_attribute("href")
            assert "/events/44-bce-03-15-a-play-of-shadows/?h=shadows" in href
            visit.screenshot("newcomer-search")
            visit.page.goto(base + "timeline/", wait_until="networkidle")
            results = search(visit.page, "corrections")  # a word of the About page
            assert "about/" in results.first.locator("a").first.get_attribute("href")
            assert visit.errors == []
        finally:
            visit.close()
    with zipfile.ZipFile(site / "timeline-offline.zip") as archive:
        archive.extractall(tmp_path)
    offline = OfflineVisit(browser, (tmp_path / "timeline-offline" / "index.html").as_uri())
    try:
        results = search(offline.page, "screening")
        assert "first-paid-screening" in results.first.locator("a").first.get_attribute("href")
        offline.screenshot("newcomer-offline-search")
        assert offline.outside == [] and offline.errors == []
    finally:
        offline.close()


def test_import_writes_an_event_per_slide_and_check_asks_for_their_sources(timeline_command, project):
    (project / "timeline.json").write_text(json.dumps(JSON_TIMELINE), encoding="utf-8")
    (project / "sheet.csv").write_text(CSV_TIMELINE, encoding="utf-8")
    done = run([str(timeline_command), "import", "timeline.json", "--dir", "imported/json"], project)
    assert "wrote 2 event files" in done.stdout and "screenings: Screenings" in done.stdout
    run([str(timeline_command), "import", "sheet.csv", "--dir", "imported/csv"], project)
    january = (project / "imported/json/1896-01-a-screening-in-january.md").read_text()
    assert 'date: "1896-01"' in january and "date_note: 'TimelineJS display date: Winter 1896'" in january
    assert "title: A screening in January" in january and "summary: First sentence here." in january
    assert "tags: [screenings]" in january and "Credit: A <i>credited</i> archive" in january
    shadows = (project / "imported/json/500-bce-shadow-plays.md").read_text()
    assert 'date: "-0499/-0449"' in shadows  # TimelineJS's -500 is 500 BCE, which EDTF writes -0499
    assert "<script>" not in shadows and "alert" not in shadows and "a script." in shadows
    row = (project / "imported/csv/1895-12-28-a-row-of-the-spreadsheet.md").read_text()
    assert '<a href="https://example.org/"' in row and 'date: "1895-12-28"' in row
    checked = run([str(timeline_command), "check", *[str(p) for p in project.glob("imported/*/*.md")]], project, False)
    line = next(i for i, text in enumerate(row.splitlines(), 1) if text.startswith("sources:"))
    assert f"imported/csv/1895-12-28-a-row-of-the-spreadsheet.md:{line}:10: 'sources': needs at least 1 entry" in (
        checked.stdout
    )


def test_bad_input_writes_nothing(timeline_command, project):
    for name, text, message in (
        ("broken.json", '{"events": [', "broken.json:1:13: not valid JSON"),
        ("other.json", '{"slides": []}', "not a TimelineJS timeline"),
        ("columns.csv", "Year,Headline,Colour\n2020,A,red\n", "columns.csv:1:15: unknown column 'Colour'"),
    ):
        (project / name).write_text(text, encoding="utf-8")
        done = run([str(timeline_command), "import", name, "--dir", "nothing"], project, check=False)
        assert done.returncode == 1 and message in done.stdout and "Traceback" not in done.stderr
    assert not (project / "nothing").exists()
