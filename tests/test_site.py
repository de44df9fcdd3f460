"""End-to-end: build a fixture timeline and read the parts of the site we own."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TODAY, VOCABULARY, fixture_project
from sitecheck import Tree, broken_links, digest, page, search_documents

from generator.check.batch import validate_paths
from generator.faces.mkdocs.build import build_site
from generator.model.timeline import Timeline
from generator.read.problems import ProblemsFound
from generator.render.site import Renderer, Site


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("project")
    fixture_project(folder)
    return folder


@pytest.fixture(scope="module")
def site(project) -> Path:
    return build_site(project / "mkdocs.yml")


def test_timeline_lists_every_event_in_order_with_precise_labels(site):
    timeline = page(site, "timeline")
    items = timeline.find("li", "tl-item")
    assert [i.attrs["data-id"] for i in items] == ["2024-06-treaty", "2024-11-deployment", "2025-01-11-hostile"]
    labels = [e.text.strip() for e in timeline.find(cls="tl-date")]
    assert labels == ["about June 2024", "November 2024", "11 January 2025"]
    assert [h.text.strip() for h in timeline.find("h2")] == ["2024", "2025"]


def test_disputed_mark_on_events_reporting_disputed_figures(site):
    items = page(site, "timeline").find("li", "tl-item")
    assert [i.attrs["data-disputed"] for i in items] == ["true", "true", "true"]


def test_a_card_shows_each_disputed_figure_with_its_values_and_how_many_sources_give_them(site):
    html = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    cards = {key: Tree(inner) for key, inner in re.findall(r'data-id="([^"]+)".*?<article(.*?)</article>', html, re.S)}
    said = {
        key: [" ".join(li.text.split()) for li in card.find("li") if ":" in li.text]  # not the tags
        for key, card in cards.items()
        if card.find("ul", "tl-card__figures")
    }
    assert said == {
        "2024-06-treaty": ["Troops deployed: 11,000 – 12,000 soldiers, 2 sources"],
        "2024-11-deployment": [
            "Troops deployed: 11,000 – 12,000 soldiers, 2 sources",
            "Soldiers killed: 300 – 1,000 soldiers, 2 sources",
        ],
        "2025-01-11-hostile": ["Soldiers killed: 300 – 1,000 soldiers, 2 sources"],
    }
    links = [a.attrs["href"] for a in cards["2024-11-deployment"].find("a") if "figures/" in a.attrs["href"]]
    assert links == ["../figures/#deployed", "../figures/#killed"]


def test_event_page_has_facts_figures_references_and_neighbours(site):
    event = page(site, "events/2024-11-deployment")
    assert event.find("h1")[0].text == "Troops arrive"
    rows = [[td.text.split("“")[0].strip() for td in row_cells] for row_cells in _rows(event, "tl-claims")]
    # "Reported by" names the page read, then the outlet it comes from and how sure that is
    assert rows == [
        [
            "Troops deployed",
            "12,000 soldiers",
            "A president",
            "[2] Aggregator B (says it comes from Outlet C, credits Outlet D)",
        ],
        ["Soldiers killed", "more than 300 soldiers", "An intelligence service", "[1] Outlet A"],
    ]
    refs = [" ".join(e.text.split()) for e in event.find("li") if e.attrs.get("id", "").startswith("ref-")]
    assert refs[0] == "Outlet A, “Article A”, no date printed."
    assert refs[1] == (
        "Aggregator B, “Article B”, no date printed; says it comes from Outlet C (“Credited from: OUTLET C”), "
        "credits Outlet D. Quotes checked word for word against the page as read on 1 December 2025."
    )
    assert refs[2] == "Untitled page C (publisher not named), no headline, no date printed; origin unknown."
    assert [a.attrs["rel"] for a in event.find("a") if a.attrs.get("rel") in ("prev", "next")] == ["prev", "next"]


def test_event_page_says_which_quotes_were_checked_and_lists_every_disagreement(site):
    event = page(site, "events/2024-11-deployment")
    checks = [" ".join(p.text.split()) for p in event.find("p", "tl-quote__check")]
    # two claims (from Aggregator B, then Outlet A), two reported dates, then the six sides of three
    # disagreements: only Aggregator B's page has a snapshot
    checked = "Checked word for word against the page as read on 1 December 2025"
    unchecked = "Not checked against a snapshot of the page"
    assert checks == [
        checked,
        unchecked,
        unchecked,
        checked,
        unchecked,
        checked,
        checked,
        unchecked,
        unchecked,
        unchecked,
    ]
    blocks = event.find("div", "tl-disagreement")
    assert [b.attrs["data-kind"] for b in blocks] == ["attribution", "cause", "description"]
    assert " ".join(blocks[1].text.split()).startswith("Causes: Why the troops came")
    sides = [" ".join(li.text.split()) for li in event.find("li", "tl-side")][2:4]
    assert sides[0].startswith("[2] Aggregator B (says it comes from Outlet C, credits Outlet D): “They came to train”")
    assert sides[1].startswith("[3] Untitled page C (origin unknown): “they came to fight”")
    assert "Where the sources disagree" in [h.text for h in event.find("h2")]
    assert any(" ".join(p.text.split()) == "disputed The sources give different dates." for p in event.find("p"))


def test_disputes_page_lists_every_kind_of_disagreement(site):
    disputes = page(site, "disputes")
    sections = {s.attrs["data-kind"]: " ".join(s.text.split()) for s in disputes.find("section", "tl-disputes")}
    assert list(sections) == ["figure", "date", "attribution", "cause", "description"]
    assert "Troops deployed: disputed 2 different values, spread 11,000 – 12,000 soldiers." in sections["figure"]
    assert "When “Troops arrive” happened In Troops arrive (November 2024)" in sections["date"]
    assert (
        "about October 2024, Aggregator B (says it comes from Outlet C, credits Outlet D), “Article B”:"
        in sections["date"]
    )
    assert "Who counted the troops" in sections["attribution"] and "“officials counted them”" in sections["attribution"]
    assert "Why the troops came" in sections["cause"] and "“they came to fight”" in sections["cause"]
    assert "What the troops were" in sections["description"] and "“raw recruits”" in sections["description"]


def test_figures_page_lays_every_claim_side_by_side(site):
    figures = page(site, "figures")
    sections = figures.find("section", "tl-figure")
    assert len(sections) == 2 and all("tl-figure--disputed" in s.classes() for s in sections)
    values = [td.text.strip() for td in figures.find("td", "tl-value")]
    # in the order mkdocs.yml declares the figures, claims in timeline order
    assert values == ["more than 300 soldiers", "about 1,000 soldiers", "about 11,000 soldiers", "12,000 soldiers"]


def test_sources_page_groups_articles_by_the_page_read_with_its_lineage(site):
    sources = page(site, "sources")
    assert [h.text for h in sources.find("h2")] == [
        "Aggregator B (says it comes from Outlet C, credits Outlet D)",
        "Outlet <i>A</i>",
        "Outlet A",
        "Untitled page C (origin unknown)",
        "Outlets the pages credit",
    ]
    listed = " ".join(sources.find("ul", "tl-credited")[0].text.split())
    assert listed == (
        "Outlet C: Aggregator B, “Article B” (says it comes from Outlet C, credits Outlet D) "
        "Outlet D: Aggregator B, “Article B” (says it comes from Outlet C, credits Outlet D)"
    )


def test_outlet_filter_names_the_page_read_and_its_lineage(site):
    options = [(o.attrs["value"], o.text) for o in page(site, "timeline").find("option") if o.attrs.get("value")]
    outlets = [o for o in options if o[0] in ("Aggregator B", "Outlet A", "Untitled page C")]
    assert outlets == [
        ("Aggregator B", "Aggregator B (says it comes from Outlet C, credits Outlet D)"),
        ("Outlet A", "Outlet A"),
        ("Untitled page C", "Untitled page C (origin unknown)"),
    ]
    assert "Outlet C" not in [value for value, _ in options]


def test_events_never_enter_the_navigation(site):
    for url in ("", "timeline", "events/2024-06-treaty"):
        nav = page(site, url).find("nav", "md-nav--primary")[0]
        assert "Troops arrive" not in nav.text and "Treaty renewed" not in nav.text


def test_every_internal_link_resolves(site):
    assert broken_links(site) == []


def test_hostile_text_is_escaped_everywhere(site):
    """No page carries live markup from the hostile event: no handler, script, frame or bad link."""
    for path in site.rglob("*.html"):
        for element in Tree(path.read_text(encoding="utf-8")).elements:
            assert not [a for a in element.attrs if a.startswith("on")], (path, element.tag, element.attrs)
            assert element.tag not in ("iframe", "object", "embed"), path
            executable = element.attrs.get("type", "text/javascript") in ("text/javascript", "module")
            assert not (element.tag == "script" and executable and "alert" in element.text), path
            for attr in ("href", "src"):
                assert not element.attrs.get(attr, "").strip().lower().startswith(("javascript:", "data:")), path
    # Files whose text a browser or widget renders as HTML, or parses as XML; timeline.json and
    # sources.csl.json are data and carry the contributor's text as written (JSON-escaped).
    rendered = [site / "search" / "search_index.json", site / "timelinejs.json", *site.rglob("*.xml")]
    for path in rendered:
        text = path.read_text(encoding="utf-8").lower()
        for markup in ("<script", "<img", "<svg", "<iframe", "<b on"):
            assert markup not in text, (path, markup)


def test_the_home_page_title_is_the_site_name_once(site):
    assert page(site, "").find("title")[0].text == "Fixture timeline"
    assert page(site, "timeline").find("title")[0].text == "Timeline - Fixture timeline"


def test_hostile_title_is_text_in_title_heading_and_search(site):
    title = "<script>alert('title')</script> & \"quotes\" {{ config.site_name }}"
    hostile = page(site, "events/2025-01-11-hostile")
    assert hostile.find("title")[0].text == f"{title} - Fixture timeline"
    assert hostile.find("h1")[0].text == title
    assert hostile.find("meta")[0] is not None
    description = [m.attrs["content"] for m in hostile.find("meta") if m.attrs.get("name") == "description"]
    assert description == ["<img src=x onerror=alert('summary')> {% raw %} summary"]
    assert "about 1,000 {{ 7*7 }}" in hostile.find("blockquote", "tl-quote")[0].text
    # The search index keeps the title as text; its worker escapes what it answers (test_searchindex.py)
    docs = search_documents(site)
    assert [d["title"] for d in docs if d["location"] == "events/2025-01-11-hostile/"] == [title]


def test_event_json_ld_is_data_that_cannot_close_its_script(site):
    hostile = page(site, "events/2025-01-11-hostile")
    blocks = [s.text for s in hostile.find("script") if s.attrs.get("type") == "application/ld+json"]
    assert len(blocks) == 1 and "<" not in blocks[0]
    data = json.loads(blocks[0])
    assert data["about"]["name"] == "<script>alert('title')</script> & \"quotes\" {{ config.site_name }}"
    assert data["about"]["startDate"] == "2025-01-11"
    assert data["citation"][0]["publisher"]["name"] == "Outlet <i>A</i>"
    og = {m.attrs["property"]: m.attrs["content"] for m in hostile.find("meta") if "property" in m.attrs}
    assert og["og:title"] == data["about"]["name"] and og["og:type"] == "article"


def test_sitemap_dates_come_from_the_content(site):
    sitemap = (site / "sitemap.xml").read_text()
    assert "<lastmod>2025-01-11</lastmod>" in sitemap  # the hostile event's own day, the latest in the fixture
    assert sitemap.count("<lastmod>") == sitemap.count("<url>")


def test_body_is_sanitized(site):
    body = page(site, "events/2025-01-11-hostile").find("div", "tl-body")[0]
    html = (site / "events/2025-01-11-hostile/index.html").read_text()
    assert "alert('body')" not in html
    links = [a.attrs.get("href") for a in Tree(html).find("a") if a.text in ("a link", "another", "x")]
    assert links == [None, None, None]
    assert "{{ config.site_name }}" in body.text


def test_failed_build_leaves_previous_site_identical(project, site):
    before = digest(site)
    bad = project / "events" / "2025-02-bad.md"
    bad.write_text("---\ntitle: [unclosed\n---\n")
    try:
        with pytest.raises(ProblemsFound) as found:
            build_site(project / "mkdocs.yml")
        assert any(p.path.endswith("events/2025-02-bad.md") and p.line == 2 for p in found.value.problems)
    finally:
        bad.unlink()
    assert digest(site) == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site-")] == []


def test_mkdocs_build_strict_passes_and_fails_on_bad_events(project, tmp_path):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml")]
    ok = subprocess.run([*mkdocs, "-d", str(tmp_path / "out")], capture_output=True, text=True, env=env)
    assert ok.returncode == 0, ok.stderr
    bad = project / "events" / "2025-02-bad.md"
    bad.write_text('---\ntitle: x\ndate: "2025-02-30"\n---\n')
    try:
        failed = subprocess.run([*mkdocs, "-d", str(tmp_path / "out2")], capture_output=True, text=True, env=env)
    finally:
        bad.unlink()
    assert failed.returncode != 0
    assert "events/2025-02-bad.md:3:" in failed.stderr and "February 2025 has 28 days" in failed.stderr


def _rows(tree: Tree, table_class: str) -> list[list]:
    """Cells of each body row of the first table with that class."""
    rows: list[list] = []
    inside = False
    for element in tree.elements:
        if element.tag == "table":
            if inside:
                break
            inside = table_class in element.classes()
        elif inside and element.tag == "tr":
            rows.append([])
        elif inside and element.tag == "td":
            rows[-1].append(element)
    return [r for r in rows if r]


def test_built_site_is_readable_by_other_users(site):
    assert site.stat().st_mode & 0o005 == 0o005  # a web server running as another user can list and read it


def test_search_finds_every_page_type_and_reads_a_listing_by_what_it_is_not_what_it_repeats(site):
    docs = search_documents(site)
    pages = {d["location"].split("#")[0] for d in docs}
    events = {"events/2024-06-treaty/", "events/2024-11-deployment/", "events/2025-01-11-hostile/"}
    listings = {"timeline/", "figures/", "disputes/", "sources/", "tags/", "actors/"}
    tags_and_actors = {"tags/treaty/", "tags/casualties/", "actors/russia/", "actors/north-korea/", "actors/ukraine/"}
    assert pages == {""} | events | listings | tags_and_actors
    by_location = {d["location"]: d for d in docs}
    assert (by_location["actors/ukraine/"]["title"], by_location["actors/ukraine/"]["full"]) == (
        "Ukraine",
        "Events involving Ukraine.",
    )
    # The Figures page: each figure with its spread; the sources: each outlet with its headlines.
    assert by_location["figures/#killed"]["full"] == "disputed 2 different values, spread 300 – 1,000 soldiers."
    assert by_location["sources/#outlet-1"]["full"] == "“Article B”"
    # A listing never repeats its events: no card, quote or claimant of theirs is in its text.
    for location in pages - events - {""}:
        text = " ".join(d["full"] for d in docs if d["location"].split("#")[0] == location)
        assert "Troops arrive in the region" not in text and "more than 300 killed" not in text, location


def test_an_event_is_one_result_under_its_title_with_its_sections_under_theirs(site):
    """The page's own document holds its date, summary, facts and body, under its title, shown
    once; each section is a document under its heading. The charts' words are not repeated."""
    docs = [d for d in search_documents(site) if d["location"].startswith("events/2024-11-deployment/")]
    assert [d["title"] for d in docs] == [
        "Troops arrive",
        "Figures reported",
        "Dates reported",
        "Where the sources disagree",
        "References",
    ]
    assert docs[0]["full"].startswith("November 2024 Troops arrive in the region. Actors North Korea Tags Casualties")
    assert "Troops arrived.[1] Others say more.[2]" in docs[0]["full"]
    assert "Lowest first" not in " ".join(d["full"] for d in docs) and "All 2 claims" not in docs[1]["full"]
    # Its neighbours' titles are links out, not its words: "Treaty renewed" comes before it.
    assert docs[-1]["full"].endswith("origin unknown.") and "Treaty renewed" not in docs[-1]["full"]


def test_snapshots_are_for_checking_and_never_published(site):
    """The fixture's snapshot of Article B: its words checked the quotes, but no page or file carries it."""
    assert not [p for p in site.rglob("*") if p.name == "article-b.txt"]
    page_only = ("A page made up for the tests.", "They arrived around mid-October: some 12,000 North Koreans")
    for path in (p for p in site.rglob("*") if p.suffix in (".html", ".json", ".js", ".xml", ".csv")):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not [words for words in page_only if words in text], path


def test_event_json_ld_names_the_page_read_and_what_it_is_based_on(site):
    event = page(site, "events/2024-11-deployment")
    data = json.loads(next(s.text for s in event.find("script") if s.attrs.get("type") == "application/ld+json"))
    aggregator = data["citation"][1]
    assert (aggregator["headline"], aggregator["publisher"]["name"]) == ("Article B", "Aggregator B")
    assert [(w["publisher"]["name"], w["description"]) for w in aggregator["isBasedOn"]] == [
        ("Outlet C", "The page says it comes from this outlet."),
        ("Outlet D", "The page credits this outlet among its sources."),
    ]
    assert "isBasedOn" not in data["citation"][0] and "publisher" not in data["citation"][2]


def test_a_long_disputes_page_is_split_by_year(tmp_path):
    """Past page_size disagreements, the Disputes page keeps the disputed figures and lists the years."""
    for year in ("2023", "2024", "2025"):
        (tmp_path / f"e{year}.md").write_text(
            f'---\ntitle: E{year}\ndate: "{year}"\nsummary: S.\nsources:\n  - id: a\n    outlet: O\n'
            "disagreements:\n  - kind: cause\n    topic: Why " + year + "\n    sides:\n"
            "      - source: a\n        quote: one\n      - source: a\n        quote: two\n---\nB.[^a]\n"
        )
    events, problems = validate_paths(sorted(tmp_path.glob("*.md")), VOCABULARY, TODAY)
    assert problems == []
    pages = {p.src_uri: p for p in Renderer(Timeline(events, VOCABULARY), Site(page_size=2)).pages()}
    assert [uri for uri in pages if uri.startswith("disputes")] == [
        "disputes.md",
        "disputes/2023.md",
        "disputes/2024.md",
        "disputes/2025.md",
    ]
    index = Tree(pages["disputes.md"].html)
    assert "The sources agree on every figure." in index.find("section", "tl-disputes")[0].text
    assert [(a.attrs["href"], a.text) for a in index.find("a") if "data-tl-carry" in a.attrs] == [
        ("2023/", "2023"),
        ("2024/", "2024"),
        ("2025/", "2025"),
    ]
    year = Tree(pages["disputes/2024.md"].html)
    assert [h.text for h in year.find("h3")] == ["Why 2024"]
