"""The site on a 390 px phone, as a reader holds it: nothing cut without a cue, figures tables as
stacked cards, an event's first screen with its title, date and summary, and the filters folded
under a line that says how many are on. Screenshots go to test-output/screenshots/ (phone-*.png).
"""

from __future__ import annotations

import pytest
from browser import DESKTOP, PHONE, serve, visits
from conftest import fixture_project

from generator.faces.mkdocs.build import build_site

#: An event whose text holds a table wider than a phone.
WIDE = """---
title: A wide table
date: "2024-12"
summary: An event whose text holds a table wider than a phone.
sources:
  - id: a
    outlet: Outlet A
---
| Region | Before | After | Change | Source | Note |
| --- | --- | --- | --- | --- | --- |
| Kursk region, north | about 1,300 square kilometres | about 800 square kilometres | -500 | Outlet A | as printed |
"""
PAGES = ["", "timeline/", "figures/", "disputes/", "sources/", "events/2024-11-deployment/", "events/2024-12-wide/"]

#: Every table on the page: whether it is wider than what holds it, and whether what holds it
#: scrolls and shows the shadow that says there is more.
TABLES = """() => Array.from(document.querySelectorAll("article table"), table => {
  let box = table.parentElement;
  while (box && getComputedStyle(box).overflowX === "visible") box = box.parentElement;
  const article = document.querySelector("article").getBoundingClientRect();
  const scroller = box.closest(".md-typeset__scrollwrap") || box;
  return {
    wider: table.getBoundingClientRect().right > article.right + 1,
    scrolls: scroller.scrollWidth > scroller.clientWidth,
    cue: getComputedStyle(scroller).backgroundImage.includes("radial-gradient"),
    cards: getComputedStyle(table).display === "block",
  };
})"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("phone-project")
    config = fixture_project(folder, pdf=False)
    (folder / "events" / "2024-12-wide.md").write_text(WIDE, encoding="utf-8")
    with serve(build_site(config)) as base:
        yield base


@pytest.fixture
def phone(browser, served):
    with visits(browser, served, PHONE) as open_page:
        yield open_page


@pytest.mark.parametrize("path", PAGES)
def test_nothing_is_cut_without_a_cue(phone, path):
    visit = phone(path)
    visit.screenshot("phone-" + (path.strip("/").replace("/", "-") or "home"))
    page = visit.page
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    for table in page.evaluate(TABLES):
        assert table["cards"] or not table["wider"] or (table["scrolls"] and table["cue"]), (path, table)


def test_a_wide_table_in_an_events_text_scrolls_under_a_shadow(phone):
    (table,) = phone("events/2024-12-wide/").page.evaluate(TABLES)
    assert table == {"wider": True, "scrolls": True, "cue": True, "cards": False}


@pytest.mark.parametrize("path", ["figures/", "events/2024-11-deployment/"])
def test_figures_tables_are_stacked_cards_each_value_under_its_columns_name(phone, path):
    page = phone(path).page
    cells = page.evaluate(
        """() => Array.from(document.querySelectorAll("table.tl-claims td"), td => ({
          label: getComputedStyle(td, "::before").content, column: td.dataset.label,
          inside: td.getBoundingClientRect().right <= document.documentElement.clientWidth,
        }))"""
    )
    assert cells and all(c["label"] == f'"{c["column"]}"' and c["inside"] for c in cells)
    assert all(t["cards"] for t in page.evaluate(TABLES) if t is not None)
    assert page.locator("table.tl-claims thead").first.bounding_box()["height"] <= 1  # for screen readers only


@pytest.mark.parametrize("event", ["2024-06-treaty", "2024-11-deployment", "2025-01-11-hostile", "2024-12-wide"])
def test_an_events_first_screen_shows_its_title_date_and_summary(phone, event):
    page = phone(f"events/{event}/").page
    for selector in ("article h1", ".tl-event__date", ".tl-summary"):
        box = page.locator(selector).first.bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], selector


def test_the_filters_fold_away_under_a_count_of_those_on(phone):
    page = phone("timeline/?tag=casualties").page
    summary = page.locator(".tl-filters__summary")
    assert summary.is_visible() and summary.inner_text().split() == ["Filters", "1", "on"]
    assert not page.locator("select[name=tag]").is_visible()  # folded on a phone
    assert page.locator(".tl-filters__count").inner_text() == "Showing 2 of 4 events"
    form = page.locator("#tl-filters").bounding_box()
    assert form["height"] < 120  # a line and the count, not a third of the screen
    summary.click()
    page.select_option("select[name=actor]", "Ukraine")
    assert summary.inner_text().split() == ["Filters", "2", "on"]


def test_the_filters_stay_open_on_a_wide_screen(phone):
    page = phone("timeline/", DESKTOP).page
    assert page.locator("select[name=tag]").is_visible()
    assert page.locator(".tl-filters__summary").inner_text().split() == ["Filters", "none", "on"]
