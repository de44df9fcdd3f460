"""The offline edition, opened from file:// with the network cut; and the served site asking nothing of other hosts.

``python -m generator build`` zips the offline edition into ``site/timeline-offline.zip``
(see generator/build.py). Here it is unzipped and opened as a reader would, in a
browser context where every request that is not ``file://`` is logged and aborted.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from browser import DESKTOP, PHONE, Visit, serve
from conftest import fixture_project
from sitecheck import Tree, local_links

from generator.faces.mkdocs.build import OFFLINE_ZIP, build_site

EVENT = "2024-11-deployment"
TOP = OFFLINE_ZIP.removesuffix(".zip")


project = fixture_project


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(project(tmp_path_factory.mktemp("offline-project")))


@pytest.fixture(scope="module")
def offline(site, tmp_path_factory) -> Path:
    """The offline edition, unzipped: the folder holding its index.html."""
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(site / OFFLINE_ZIP) as archive:
        archive.extractall(folder)
    return folder / TOP


class OfflineVisit(Visit):
    """A page opened in a context that logs every request and aborts any that is not file://."""

    def __init__(self, browser, url: str, viewport: dict = DESKTOP):
        self.context = browser.new_context(viewport=viewport)
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.context.route("**/*", self._files_only)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(url, wait_until="networkidle")

    def _files_only(self, route):
        self.requests.append(route.request.url)
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort("internetdisconnected")

    @property
    def outside(self) -> list[str]:
        return [url for url in self.requests if not url.startswith("file://")]


def search(page, words: str):
    """Type into Material's search box as a reader does (fill() does not start a search)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(words)
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    return page.locator(".md-search-result__item")


def test_offline_edition_is_a_zip_of_the_whole_site(site):
    with zipfile.ZipFile(site / OFFLINE_ZIP) as archive:
        entries = archive.infolist()
    names = [e.filename for e in entries]
    assert all(name.startswith(f"{TOP}/") for name in names)
    assert {
        f"{TOP}/index.html",
        f"{TOP}/timeline.html",
        f"{TOP}/events/{EVENT}.html",
        f"{TOP}/search/search_index.js",
        f"{TOP}/assets/javascripts/iframe-worker-shim.js",
        f"{TOP}/timeline.pdf",
        f"{TOP}/timeline.json",
    } <= set(names)
    assert {e.date_time for e in entries} == {(1980, 1, 1, 0, 0, 0)}
    assert not [name for name in names if name.endswith(".map")]


def test_home_page_offers_the_offline_edition(site, offline):
    links = [a.attrs.get("href") for a in Tree((site / "index.html").read_text()).find("a")]
    assert OFFLINE_ZIP in links
    assert OFFLINE_ZIP not in (offline / "index.html").read_text()  # the edition does not offer itself


def test_every_offline_link_names_a_file_and_nothing_loads_from_a_cdn(offline):
    """A link to a folder opens a file listing from file://, so every link must name a file."""
    bad, pages = [], sorted(offline.rglob("*.html"))
    assert len(pages) > 10
    for html_file in pages:
        text = html_file.read_text(encoding="utf-8")
        assert "unpkg.com" not in text and "fonts.googleapis.com" not in text
        bad += [
            f"{html_file.relative_to(offline)}: {attr}={target}"
            for attr, target, resolved in local_links(html_file)
            if not resolved.is_file()
        ]
    assert bad == []


def test_two_builds_give_the_same_zip(tmp_path):
    config = project(tmp_path / "project", pdf=False)
    first = build_site(config, tmp_path / "one") / OFFLINE_ZIP
    second = build_site(config, tmp_path / "two") / OFFLINE_ZIP
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_timeline_renders_and_filters_from_file_with_the_network_cut(browser, offline, width):
    visit = OfflineVisit(browser, (offline / "timeline.html").as_uri(), PHONE if width == "phone" else DESKTOP)
    try:
        page = visit.page
        visit.screenshot(f"offline-timeline-{width}")
        assert page.locator("h1").first.is_visible()
        # Material's styles and the timeline's own apply: a card is a flex box only through timeline.css.
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        assert page.evaluate("getComputedStyle(document.querySelector('.tl-card')).display") == "flex"
        count = page.locator(".tl-filters__count")
        assert count.inner_text() == "3 events"
        if width == "phone":  # the fields fold away on a phone, under a line with how many are on
            assert not page.locator("select[name=tag]").is_visible()
            page.locator(".tl-filters__summary").click()
        page.select_option("select[name=tag]", "treaty")
        assert count.inner_text() == "Showing 1 of 3 events"
        assert page.locator(".tl-item:visible").count() == 1
        assert page.url.startswith("file://") and "tag=treaty" in page.url
        assert visit.errors == []
        assert visit.outside == []
    finally:
        visit.close()


def test_event_page_opens_from_a_timeline_link(browser, offline):
    visit = OfflineVisit(browser, (offline / "timeline.html").as_uri())
    try:
        page = visit.page
        page.locator(".tl-card__title a", has_text="Troops arrive").click()
        page.wait_for_load_state("networkidle")
        assert page.url == (offline / "events" / f"{EVENT}.html").as_uri()
        assert page.locator("h1").first.inner_text() == "Troops arrive"
        visit.screenshot("offline-event-desktop")
        assert visit.errors == []
        assert visit.outside == []
    finally:
        visit.close()


def test_search_works_from_file_with_the_network_cut(browser, offline):
    visit = OfflineVisit(browser, (offline / "index.html").as_uri())
    try:
        page = visit.page
        results = search(page, "arrive")  # a word of the title "Troops arrive"
        first = results.first
        assert (
            first.locator("a").first.get_attribute("href").startswith((offline / "events" / f"{EVENT}.html").as_uri())
        )
        assert "November 2024" in first.inner_text()  # the event's date, under its title
        visit.screenshot("offline-search-desktop")
        first.locator("a").first.click()
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").first.inner_text() == "Troops arrive"
        assert visit.errors == []
        assert visit.outside == []
        assert any(url.endswith("search/search_index.js") for url in visit.requests)
    finally:
        visit.close()


def test_served_site_asks_nothing_of_other_hosts(browser, site):
    """Every request while a reader goes through the main pages and searches, on one browser context."""
    with serve(site) as base:
        context = browser.new_context(viewport=DESKTOP)
        requests: list[str] = []
        errors: list[str] = []
        context.on("request", lambda r: requests.append(r.url))
        try:
            page = context.new_page()
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e: errors.append(str(e)))
            for path in ["", "timeline/", f"events/{EVENT}/", "figures/", "sources/"]:
                page.goto(base + path, wait_until="networkidle")
            results = search(page, "troops")
            assert results.count() >= 1
            page.wait_for_load_state("networkidle")
            assert len(requests) > 10
            assert [url for url in requests if not url.startswith(base)] == []
            assert errors == []
        finally:
            context.close()
