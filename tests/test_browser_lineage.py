"""The real timeline in a browser: every source is named by the page that was read, then by where it
says or seems to come from; every quote says whether it was checked; the Disputes page lists each
kind of disagreement.

What a reader sees, read from the rendered page (``inner_text``), with a screenshot of each page in
test-output/screenshots/.
"""

from __future__ import annotations

import re

import pytest
from browser import DESKTOP, PHONE, Visit, serve
from conftest import ROOT

from generator.faces.mkdocs.build import build_site

#: Outlets the pages credit but no page of theirs was read: never a page's name.
CREDITED_ONLY = {"CNN", "Newsweek", "The Telegraph", "The Guardian", "South China Morning Post"}
CHECKED = "Checked word for word against the page as read on 21 November 2026"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    site = build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("lineage") / "site")
    with serve(site) as base:
        yield base


def _name(line: str) -> str:
    """The page an event page's "[n] Name (lineage)" names."""
    return re.sub(r" \((says|apparently|perhaps|origin|credits) .*", "", line.split("] ", 1)[-1])


def test_figures_page_names_the_page_read_and_its_lineage(browser, served):
    visit = Visit(browser, served + "figures/", DESKTOP)
    try:
        visit.screenshot("real-figures")
        cells = visit.page.locator("table.tl-claims td:has(.tl-source)")
        rows = []
        for i in range(cells.count()):
            cell = cells.nth(i)
            lineage = cell.locator(".tl-lineage")
            rows.append((cell.locator(".tl-source").inner_text(), lineage.inner_text() if lineage.count() else ""))
            assert CHECKED in cell.inner_text(), "every quote of the real timeline was checked"
        assert len(rows) >= 30
        names = {name for name, _ in rows}
        assert not names & CREDITED_ONLY, names
        assert names == {
            "Pelican Press",
            "PRESS AI WORLD",
            "Publisher not named",
            "Untitled article (“North Korean soldiers who joined…”)",
            "Untitled article (“North Korean troops have reportedly withdrawn…”)",
        }
        lineage = dict(rows)
        assert lineage["Pelican Press"] == "(apparently from The Telegraph, credits The New York Times)"
        assert (
            lineage["PRESS AI WORLD"]
            == "(says it comes from Newsweek, credits The Guardian and South China Morning Post)"
        )
        assert lineage["Publisher not named"] == "(says it comes from CNN)"
        assert lineage["Untitled article (“North Korean soldiers who joined…”)"] == "(origin unknown)"
        assert visit.errors == []
    finally:
        visit.close()


def test_event_page_names_each_source_and_its_disagreements(browser, served):
    visit = Visit(browser, served + "events/2025-02-estimates-of-north-korean-losses-diverge/", DESKTOP)
    try:
        page = visit.page
        visit.screenshot("real-event-estimates")
        reported = page.locator("table.tl-claims tbody tr td:nth-child(4)")
        first_lines = [reported.nth(i).inner_text().split("\n")[0] for i in range(reported.count())]
        assert "[1] Pelican Press (apparently from The Telegraph, credits The New York Times)" in first_lines
        assert not [line for line in first_lines if _name(line) in CREDITED_ONLY]
        refs = page.locator("ol.tl-refs > li")
        assert refs.nth(0).inner_text().startswith("Pelican Press, “North Korean troops pulled")
        assert "apparently from The Telegraph (“Try The Telegraph free for 1 month”)" in refs.nth(0).inner_text()
        assert "Not recorded here:" in refs.nth(0).inner_text()
        block = page.locator(".tl-disagreement").first
        assert block.is_visible()
        assert block.inner_text().startswith("Who said it: Who gave the estimate of around 4,000 casualties")
        assert page.locator(".tl-disagreement .tl-checked").count() == 3
        assert visit.errors == []
    finally:
        visit.close()


def test_outlet_filter_lists_the_pages_read_with_their_lineage(browser, served):
    visit = Visit(browser, served + "timeline/", PHONE)
    try:
        page = visit.page
        page.locator(".tl-filters__summary").click()  # a phone folds the filters under their summary
        options = page.locator("select[name=outlet] option")
        listed = {options.nth(i).get_attribute("value"): options.nth(i).inner_text() for i in range(options.count())}
        assert listed.pop("") == "Any outlet"
        assert not set(listed) & CREDITED_ONLY
        assert listed["PRESS AI WORLD"] == (
            "PRESS AI WORLD (says it comes from Newsweek, credits The Guardian and South China Morning Post)"
        )
        assert listed["Pelican Press"] == "Pelican Press (apparently from The Telegraph, credits The New York Times)"
        assert listed["Publisher not named"] == "Publisher not named (says it comes from CNN)"
        page.select_option("select[name=outlet]", "PRESS AI WORLD")
        shown = page.locator(".tl-item:visible")
        assert shown.count() == 7 and "outlet=PRESS+AI+WORLD" in page.url
        assert (
            page.locator(".tl-filters__count").inner_text() == f"Showing 7 of {page.locator('.tl-item').count()} events"
        )
        visit.screenshot("real-timeline-outlet-filter")
        assert visit.errors == []
    finally:
        visit.close()


def test_disputes_page_lists_each_kind_of_disagreement(browser, served):
    visit = Visit(browser, served + "disputes/", DESKTOP)
    try:
        page = visit.page
        visit.screenshot("real-disputes")
        kinds = {
            "figure": "Figures",
            "date": "Dates",
            "attribution": "Who said it",
            "cause": "Causes",
            "description": "Descriptions",
        }
        for kind, heading in kinds.items():
            section = page.locator(f"section.tl-disputes[data-kind={kind}]")
            assert section.locator("h2").inner_text() == heading
            entries = section.locator("li" if kind == "figure" else "article.tl-dispute")
            assert entries.count() >= 1, kind
            assert entries.first.is_visible()
        causes = page.locator("section.tl-disputes[data-kind=cause]").inner_text()
        assert "Why the troops were pulled back" in causes and "for extra training" in causes
        description = page.locator("section.tl-disputes[data-kind=description]").inner_text()
        assert "renewed a Cold War-era treaty" in description and "the defense pact signed" in description
        page.locator("section.tl-disputes[data-kind=attribution] .tl-dispute__event a").first.click()
        page.wait_for_load_state()
        assert "/events/" in page.url and page.locator("#disagreements").is_visible()
        assert visit.errors == []
    finally:
        visit.close()
