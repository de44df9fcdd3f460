"""The built site in a real browser: pages render, no console errors, nothing fetched from elsewhere."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from browser import DESKTOP, PHONE, Visit, browser, serve  # noqa: F401  (fixture)
from conftest import FIXTURES
from generator.build import build_site

PAGES = {"home": "", "timeline": "timeline/", "event": "events/2024-11-deployment/", "figures": "figures/", "sources": "sources/"}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser-project")
    shutil.copytree(FIXTURES / "site", folder, dirs_exist_ok=True)
    config = folder / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../../theme", str(FIXTURES.parents[1] / "theme")))
    site = build_site(config)
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
