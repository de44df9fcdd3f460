"""The built site in a real browser: pages render, no console errors, nothing fetched from elsewhere."""

from __future__ import annotations

import pytest
from browser import DESKTOP, PHONE, Visit, serve
from conftest import fixture_project

from generator.faces.mkdocs.build import build_site

PAGES = {
    "home": "",
    "timeline": "timeline/",
    "event": "events/2024-11-deployment/",
    "figures": "figures/",
    "disputes": "disputes/",
    "sources": "sources/",
}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    site = build_site(fixture_project(tmp_path_factory.mktemp("browser-project")))
    with serve(site) as base:
        yield base


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_page_renders_without_errors_or_outside_requests(browser, served, name, width):
    visit = Visit(browser, served + PAGES[name], PHONE if width == "phone" else DESKTOP)
    try:
        shot = visit.screenshot(f"fixture-{name}-{width}")
        assert shot.stat().st_size > 5000
        assert visit.errors == []
        outside = [u for u in visit.requests if not u.startswith(served)]
        assert outside == []
        assert visit.page.locator("h1").first.is_visible()
        overflow = visit.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways on a {width}"
    finally:
        visit.close()


def test_timeline_shows_every_event_card(browser, served):
    visit = Visit(browser, served + "timeline/", DESKTOP)
    try:
        cards = visit.page.locator(".tl-item")
        assert cards.count() == 3
        assert cards.nth(1).locator(".tl-card__title").inner_text() == "Troops arrive"
        visit.page.locator(".tl-card__title a").nth(1).click()
        visit.page.wait_for_load_state()
        assert visit.page.url == served + "events/2024-11-deployment/"
    finally:
        visit.close()


def test_filters_combine_count_and_live_in_the_url(browser, served):
    visit = Visit(browser, served + "timeline/?tag=casualties", DESKTOP)
    try:
        page = visit.page
        count = page.locator(".tl-filters__count")
        assert page.locator("#tl-filters").is_visible()
        assert page.locator(".tl-item:visible").count() == 2
        assert count.inner_text() == "Showing 2 of 3 events"
        page.select_option("select[name=actor]", "Ukraine")
        assert page.locator(".tl-item:visible").count() == 1
        assert "tag=casualties" in page.url and "actor=Ukraine" in page.url
        page.select_option("select[name=from]", "2024")
        page.select_option("select[name=to]", "2024")
        assert page.locator(".tl-item:visible").count() == 0
        assert page.locator(".tl-filters__empty").is_visible()
        page.locator("#tl-filters button[type=reset]").click()
        page.wait_for_function("document.querySelectorAll('.tl-item:not([hidden])').length === 3")
        assert count.inner_text() == "3 events" and "?" not in page.url
        page.locator("input[name=disputed]").check()
        assert page.locator(".tl-item:visible").count() == 3  # every fixture event reports a disputed figure
        assert visit.errors == []
    finally:
        visit.close()


def test_without_javascript_every_event_is_listed(browser, served):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served + "timeline/?tag=treaty")
        assert page.locator(".tl-item:visible").count() == 3
        assert not page.locator("#tl-filters").is_visible()
    finally:
        context.close()
