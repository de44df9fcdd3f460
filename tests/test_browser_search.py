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


#: A word in one event's body only, a word in every event, and a word of the hostile summary.
SNIPPETS = {
    "rare": ("arrived", ["2024-11-deployment"]),
    "common": ("outlet", ["2024-06-treaty", "2024-11-deployment", "2025-01-11-hostile"]),
}


def results(page) -> list[dict]:
    """Each result as Material shows it: its link, its one h1, its h2s, the text of each document."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll(".md-search-result__item"), item => ({
          href: item.querySelector("a").getAttribute("href"),
          links: Array.from(item.querySelectorAll("a"), a => a.getAttribute("href")),
          h1: Array.from(item.querySelectorAll("h1"), h => h.textContent),
          h2: Array.from(item.querySelectorAll("h2"), h => h.textContent),
          texts: Array.from(item.querySelectorAll("article"), a => Array.from(a.childNodes)
            .filter(n => !["H1", "H2", "DIV", "NAV"].includes(n.nodeName)).map(n => n.textContent).join("")),
          marks: Array.from(item.querySelectorAll("article mark"), m => m.textContent.toLowerCase()),
        }))"""
    )


@pytest.mark.parametrize("kind", SNIPPETS)
def test_each_result_shows_the_passage_around_the_word_under_one_title(page, kind):
    """Not the start of the page: the words around the match, the match marked, the title once."""
    word, events = SNIPPETS[kind]
    search(page, word)
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0")
    found = [r for r in results(page) if "/events/" in r["href"]]
    assert sorted(r["href"].split("/events/")[1].split("/")[0] for r in found) == sorted(events)
    for result in found:
        assert len(result["h1"]) == 1, result  # one title per result
        assert result["h1"][0] not in result["h2"]
        shown = [t for t in result["texts"] if t]
        assert shown and all(word in text.lower() for text in shown), result
        assert word in result["marks"]
    assert page.errors == []


def test_a_snippet_is_text_however_the_summary_is_written(page):
    """The hostile summary, matched, is shown as the text it is: no element comes of it."""
    search(page, "raw")
    hostile = next(r for r in results(page) if "2025-01-11-hostile" in r["href"])
    assert "<img src=x onerror=alert('summary')> {% raw %} summary" in hostile["texts"][0]
    assert page.locator(".md-search-result img").count() == 0
    assert page.errors == []


@pytest.mark.parametrize(
    ("word", "location"),
    [
        ("ukraine", "actors/ukraine/"),  # an actor's page, by its name
        ("treaties", "tags/treaty/"),  # a tag's page, by its label
        ("aggregator", "sources/#outlet-1"),  # an outlet on the Sources page
        ("killed", "figures/#killed"),  # a figure on the Figures page
        ("disputes", "disputes/"),  # the Disputes page, by its title
    ],
)
def test_every_page_type_is_found(page, word, location):
    search(page, word)
    hrefs = [href.replace(f"?h={word}", "") for r in results(page) for href in r["links"]]
    assert any(href.endswith(location) for href in hrefs), hrefs
