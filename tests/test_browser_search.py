"""Material's search on the built fixture site: an event is found by a word of each of its parts.

Every part of an event is text on its page, which Material's search indexes; these
tests type as a reader does (``press_sequentially``: ``fill()`` starts no search)
and look for a result that links to the event's page.
"""

from __future__ import annotations

import pytest
from browser import DESKTOP, serve
from test_browser_offline import project, search

from generator.faces.mkdocs.build import build_site

#: A word found only in that part of the event, in the fixture's events.
KINDS = {
    "title": ("arrive", "2024-11-deployment"),  # title: Troops arrive (and the summary)
    "summary": ("leaders", "2024-06-treaty"),  # summary: Two leaders renew a treaty.
    "body": ("arrived", "2024-11-deployment"),  # body: Troops arrived. (the title says "arrive")
    "tag": ("casualties", "2024-11-deployment"),  # tag label: Casualties
    "actor": ("ukraine", "2025-01-11-hostile"),  # actors: [Ukraine]
    "claimant": ("president", "2024-11-deployment"),  # claimant: A president
    "outlet": ("aggregator", "2024-11-deployment"),  # outlet: Aggregator B
}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    site = build_site(project(tmp_path_factory.mktemp("search-project"), pdf=False))
    with serve(site) as base:
        yield base


@pytest.fixture
def page(browser, served):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("dialog", lambda d: page.errors.append(f"dialog: {d.message}") or d.dismiss())
    page.goto(served + "timeline/", wait_until="networkidle")
    yield page
    context.close()


@pytest.mark.parametrize("kind", KINDS)
def test_an_event_is_found_by_a_word_of_each_part(page, kind):
    word, event = KINDS[kind]
    search(page, word)
    links = page.locator(f".md-search-result__link[href*='events/{event}/']")
    assert links.count() >= 1, f"no result for {word!r} links to {event}"
    if kind == "title":
        assert links.first.locator("h1 mark").inner_text().lower() == word
    assert page.errors == []  # titles and summaries are shown as text, never run


@pytest.mark.parametrize(
    ("word", "event", "date", "summary"),
    [
        ("arrive", "2024-11-deployment", "November 2024", "Troops arrive in the region."),  # a word of the title
        ("leaders", "2024-06-treaty", "about June 2024", "Two leaders renew a treaty."),  # a word of the summary
        ("raw", "2025-01-11-hostile", "11 January 2025", "<img src=x onerror=alert('summary')> {% raw %} summary"),
    ],
)
def test_a_result_shows_the_date_and_summary_under_the_event_title(page, word, event, date, summary):
    """The event's first result: its title, then its date and summary (a hidden line before the h1)."""
    item = search(page, word).first
    assert f"events/{event}/" in item.locator("a").first.get_attribute("href")
    assert item.locator("article").first.inner_text().split("\n")[-1].strip() == f"{date} · {summary}"
    assert page.errors == []
