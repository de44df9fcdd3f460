"""The real timeline builds strictly, and its Figures page shows every dispute in full."""

from __future__ import annotations

import pytest
from conftest import ROOT
from sitecheck import broken_links, page

from generator.faces.mkdocs.build import build_site
from generator.faces.mkdocs.settings import load_settings
from generator.pipeline import load_timeline


@pytest.fixture(scope="module")
def timeline():
    settings, problems = load_settings(ROOT / "mkdocs.yml")
    assert problems == []
    return load_timeline(settings.events_dir, settings.vocabulary, snapshots_dir=settings.snapshots_dir)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("real") / "site")


def test_every_event_is_on_the_timeline_in_order(site, timeline):
    items = page(site, "timeline").find("li", "tl-item")
    assert [i.attrs["data-id"] for i in items] == [e.id for e in timeline.events]
    assert len(items) >= 4


def test_figures_page_shows_each_disputed_figure_with_all_its_values(site, timeline):
    figures = page(site, "figures")
    disputed = [t for t in timeline.figures if t.disputed]
    assert len(disputed) >= 3
    sections = {s.attrs.get("id"): s for s in figures.find("h2")}
    for table in disputed:
        assert table.figure.id in sections
    values_on_page = [td.text.strip() for td in figures.find("td", "tl-value")]
    expected = [f"{t.figure.id}" for t in timeline.figures for _ in t.citations]
    assert len(values_on_page) == len(expected)
    marked = [s for s in figures.find("section", "tl-figure") if "tl-figure--disputed" in s.classes()]
    assert len(marked) == len(disputed)


def test_internal_links_resolve(site):
    assert broken_links(site) == []


def test_edit_link_opens_the_event_file_when_the_repository_is_known(tmp_path, monkeypatch, timeline):
    monkeypatch.setenv("REPO_URL", "https://example.org/owner/timeline")
    built = build_site(ROOT / "mkdocs.yml", tmp_path / "site")
    event = timeline.events[0]
    edits = [a.attrs["href"] for a in page(built, f"events/{event.id}").find("a") if a.attrs.get("rel") == "edit"]
    assert edits == [f"https://example.org/owner/timeline/edit/main/events/{event.path.name}"]
    assert [a for a in page(built, "timeline").find("a") if a.attrs.get("rel") == "edit"] == []
