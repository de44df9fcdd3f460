"""The charts in Chromium, against the data they draw: every claim a mark on the figure's axis, in
order, labelled and linked; every event a mark on the timeline to scale, where its date lies, as
long as its date may be; the marks follow the filters. Screenshots at 390 and 1280 px are kept in
test-output/screenshots/ (charts-*.png).
"""

from __future__ import annotations

import pytest
from browser import DESKTOP, PHONE, serve, visits
from conftest import fixture_project

from generator.faces.mkdocs.build import build_site
from generator.faces.mkdocs.settings import load_settings
from generator.model.timeline import Timeline
from generator.pipeline import load_timeline
from generator.render.charts.calendar import stretch
from generator.render.format import claim_value, outlet_label

#: Each row of a chart as the browser has it: its link, its texts, where its mark is drawn.
ROWS = """chart => Array.from(document.querySelectorAll(chart + " a.tl-chart__row")).map(a => {
  const dot = a.querySelector(".tl-chart__mark circle:last-of-type"), bar = a.querySelector(".tl-chart__mark rect");
  const box = a.getBoundingClientRect();
  const texts = Array.from(a.querySelectorAll(":scope > text"), t => t.textContent);
  return {
    href: a.getAttribute("href"), url: new URL(a.getAttribute("href"), location.href).href, texts: texts,
    x: dot ? Number(dot.getAttribute("cx")) : bar ? Number(bar.getAttribute("x")) : null,
    x_max: bar ? Number(bar.getAttribute("x")) + Number(bar.getAttribute("width")) : null,
    open: dot ? dot.getAttribute("fill") === "none" : null, arrow: !!a.querySelector(".tl-chart__mark path"),
    seen: box.width > 0 && box.height > 0,
  };
})"""
#: The numbers under a chart's axis and where they stand.
TICKS = """chart => Array.from(document.querySelectorAll(chart + " .tl-chart__axis text"))
  .filter(t => /^-?[0-9][0-9,.]*$/.test(t.textContent))
  .map(t => [Number(t.textContent.replaceAll(",", "")), Number(t.getAttribute("x"))])"""
MARKS = """() => Array.from(document.querySelectorAll(".tl-chart--axis [data-id]")).map(a => {
  const shape = a.querySelector("rect, circle"), box = a.getBoundingClientRect();
  const rect = shape.tagName === "rect";
  return {
    id: a.dataset.id, href: a.getAttribute("href"), title: a.querySelector("title").textContent,
    shape: shape.tagName, x: rect ? Number(shape.getAttribute("x")) : Number(shape.getAttribute("cx")),
    width: rect ? Number(shape.getAttribute("width")) : 0, dash: shape.getAttribute("stroke-dasharray"),
    fill: shape.getAttribute("fill-opacity"), shown: getComputedStyle(a).display !== "none" && box.width > 0,
  };
})"""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return fixture_project(tmp_path_factory.mktemp("charts-project"), pdf=False)


@pytest.fixture(scope="module")
def timeline(project) -> Timeline:
    settings, problems = load_settings(project)
    assert problems == []
    return load_timeline(settings.events_dir, settings.vocabulary)


@pytest.fixture(scope="module")
def served(project):
    with serve(build_site(project)) as base:
        yield base


@pytest.fixture
def visit(browser, served):
    with visits(browser, served, DESKTOP) as open_page:
        yield open_page


def linear(ticks: list[list[float]]):
    """x of a value, from the axis' first and last numbers."""
    (v0, x0), (v1, x1) = ticks[0], ticks[-1]
    return lambda value: x0 + (value - v0) * (x1 - x0) / (v1 - v0)


def test_each_figure_chart_draws_every_claim_on_its_axis_in_order_labelled_and_linked(visit, timeline, served):
    page = visit("figures/").page
    for table in timeline.figures:
        chart = f"#tl-chart-{table.figure.id}"
        rows = page.evaluate(ROWS, chart)
        claims = sorted(table.citations, key=lambda c: (c.claim.value, c.claim.value_max or c.claim.value))
        assert len(rows) == len(claims) == len(table.citations)
        x_of = linear(page.evaluate(TICKS, chart))
        for row, c in zip(rows, claims, strict=True):
            assert row["seen"]
            assert row["texts"] == [f"{c.claim.claimant} · {outlet_label(c.source)}", claim_value(c.claim)]
            assert row["url"] == f"{served}events/{c.event.id}/"
            assert row["x"] == pytest.approx(x_of(c.claim.value), abs=0.01)
            if c.claim.value_max is not None:
                assert row["x_max"] == pytest.approx(x_of(c.claim.value_max), abs=0.01)
            assert row["open"] == (c.claim.qualifier in ("more-than", "less-than", "nearly"))
            assert row["arrow"] == (c.claim.qualifier in ("more-than", "at-least", "less-than", "up-to", "nearly"))


def test_the_overview_names_every_figure_and_links_its_table(visit, timeline, served):
    page = visit("figures/").page
    rows = page.evaluate(ROWS, "#tl-chart-overview")
    assert [r["url"] for r in rows] == [f"{served}figures/#{t.figure.id}" for t in timeline.figures]
    assert [r["texts"][0] for r in rows] == [t.figure.label for t in timeline.figures]
    page.locator("#tl-chart-overview a.tl-chart__row").nth(1).locator("text").first.click()
    assert page.url == f"{served}figures/#{timeline.figures[1].figure.id}"


def test_an_event_page_draws_its_claims_among_every_value_of_each_figure(visit, timeline):
    event = timeline.by_id["2024-11-deployment"]
    page = visit(f"events/{event.id}/").page
    figures = list(dict.fromkeys(c.figure for c in event.claims))
    assert page.locator(".tl-charts svg.tl-chart").count() == len(figures)
    for figure in figures:
        rows = page.evaluate(ROWS, f"#tl-chart-{figure}")
        every, own = rows[0], rows[1:]
        assert every["href"] == f"../../figures/#{figure}"
        numbers = [i for i, c in enumerate(event.claims, start=1) if c.figure == figure]
        assert sorted(r["href"] for r in own) == sorted(f"#tl-claim-{n}" for n in numbers)
        for n in numbers:
            assert page.locator(f"tr#tl-claim-{n}").count() == 1
    page.locator("#tl-chart-killed a.tl-chart__row").nth(1).locator("text").first.click()
    assert page.url.endswith("#tl-claim-2")


def test_the_timeline_to_scale_places_each_event_where_its_date_lies(visit, timeline):
    page = visit("timeline/").page
    marks = page.evaluate(MARKS)
    assert [m["id"] for m in marks] == [e.id for e in timeline.events]
    assert [m["href"] for m in marks] == [f"../events/{e.id}/" for e in timeline.events]
    spans = [stretch(e.when) for e in timeline.events]
    bars = [(m, s) for m, s in zip(marks, spans, strict=True) if m["shape"] == "rect"]
    (m0, s0), (m1, s1) = bars[0], bars[-1]
    per_day = (m1["x"] - m0["x"]) / (s1.start - s0.start)
    for mark, span, event in zip(marks, spans, timeline.events, strict=True):
        if mark["shape"] == "rect":  # a month or more: from its first day to the end of its last
            assert mark["x"] == pytest.approx(m0["x"] + (span.start - s0.start) * per_day, abs=0.02)
            assert mark["width"] == pytest.approx((span.end - span.start) * per_day, abs=0.02)
        else:  # a day: a dot in the middle of it
            assert mark["x"] == pytest.approx(m0["x"] + (span.start + 0.5 - s0.start) * per_day, abs=0.02)
            assert event.when.anchor.precision == "day"
        assert mark["title"].startswith(event.title)
    treaty = next(m for m in marks if m["id"] == "2024-06-treaty")  # "2024-06~": approximate
    assert (treaty["fill"], treaty["dash"]) == ("0.45", "3 2")


def test_the_marks_follow_the_filters(visit):
    page = visit("timeline/").page
    shown = lambda: [m["id"] for m in page.evaluate(MARKS) if m["shown"]]  # noqa: E731
    assert shown() == ["2024-06-treaty", "2024-11-deployment", "2025-01-11-hostile"]
    page.select_option("select[name=tag]", "treaty")
    assert shown() == ["2024-06-treaty"]
    assert page.locator(".tl-filters__active").inner_text() == "1 on"
    page.locator("#tl-filters button[type=reset]").click()
    page.wait_for_function("document.querySelectorAll('.tl-item:not([hidden])').length === 3")
    assert len(shown()) == 3 and page.locator(".tl-filters__active").inner_text() == "none on"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
@pytest.mark.parametrize("path", ["timeline/", "figures/", "events/2024-11-deployment/"])
def test_screenshots_of_the_charts(visit, path, viewport):
    opened = visit(path, viewport)
    name = path.strip("/").replace("/", "-")
    opened.screenshot(f"charts-{name}-{viewport['width']}")
    page = opened.page
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0  # the page never scrolls sideways: the axis scrolls in its own box
    for chart in page.locator("svg.tl-chart").all():
        assert chart.bounding_box()["width"] > 200
