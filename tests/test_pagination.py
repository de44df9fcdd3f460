"""Long listings split into pages: a fixture timeline built with ``page_size: 2``.

tests/fixtures/paginated has seven events over 2023-2025; 2024 alone has more
than two, so it is split by month. The parts read here are the generator's own
(the content of each page), never Material's chrome.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from browser import DESKTOP, Visit, serve
from conftest import FIXTURES
from sitecheck import Tree, broken_links, local_links, page, search_documents
from test_browser_a11y import axe_source, check  # noqa: F401 (axe_source is a fixture)

from generator.faces.mkdocs.build import OFFLINE_ZIP, build_site

PARTS = ["2023", "2024-month-unknown", "2024-03", "2024-11", "2025"]
EVENTS = {p.stem for p in (FIXTURES / "paginated" / "events").glob("*.md")}


def paginated_project(folder: Path, *, offline: bool = False) -> Path:
    """A copy of the paginated fixture in ``folder``; returns its mkdocs.yml."""
    shutil.copytree(FIXTURES / "paginated", folder, dirs_exist_ok=True)
    config = folder / "mkdocs.yml"
    text = config.read_text()
    if offline:
        text = text.replace("offline: false", "offline: true")
    config.write_text(text)
    return config


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(paginated_project(tmp_path_factory.mktemp("paginated")))


@pytest.fixture(scope="module")
def flat_site(tmp_path_factory) -> Path:
    """The offline edition, unzipped: the same pages with ``use_directory_urls: false``, read from file://."""
    site = build_site(paginated_project(tmp_path_factory.mktemp("paginated-offline"), offline=True))
    folder = tmp_path_factory.mktemp("paginated-unzipped")
    with zipfile.ZipFile(site / OFFLINE_ZIP) as archive:
        archive.extractall(folder)
    return folder / OFFLINE_ZIP.removesuffix(".zip")


def content(site: Path, url_path: str) -> Tree:
    """The generator's part of a page: what is inside Material's article."""
    text = (site / url_path / "index.html").read_text(encoding="utf-8")
    inner = re.search(r'<article class="md-content__inner md-typeset">(.*)</article>', text, re.S)
    return Tree(inner.group(1))


#: The links of the charts (render/charts/), which test_browser_charts.py reads.
CHART_LINKS = {"tl-chart__row", "tl-axis__event", "tl-axis__bin"}


def hrefs(tree: Tree, cls: str | None = None) -> list[str]:
    """The page's own links, not its charts'."""
    return [a.attrs["href"] for a in tree.find("a", cls) if not a.classes() & CHART_LINKS]


def ids_on(site: Path, folder: str, parts: list[str]) -> Counter:
    return Counter(i.attrs["data-id"] for p in parts for i in page(site, f"{folder}/{p}").find("li", "tl-item"))


def test_timeline_becomes_an_index_of_years_with_counts(site):
    index = content(site, "timeline")
    assert index.find("li", "tl-item") == [] and index.find("form") == []
    entries = index.find("ul", "tl-parts__index")[0]
    assert hrefs(index) == [f"{p}/" for p in PARTS]
    assert re.sub(r"\s+", " ", entries.text).strip() == (
        "2023 (1) 2024, month not known (1) March 2024 (2) November 2024 (1) 2025 (2)"
    )


def test_each_event_is_on_exactly_one_year_page_in_order(site):
    found = ids_on(site, "timeline", PARTS)
    assert found == Counter(EVENTS)
    months = [i.attrs["data-id"] for i in page(site, "timeline/2024-03").find("li", "tl-item")]
    assert months == ["2024-03-01-first", "2024-03-15-second"]


def test_year_page_has_its_title_filters_without_years_and_year_navigation(site):
    full = page(site, "timeline/2024-03")
    assert full.find("title")[0].text == "Timeline, March 2024 - Paginated timeline"
    description = [m.attrs["content"] for m in full.find("meta") if m.attrs.get("name") == "description"]
    assert description == ["Every event of March 2024."]
    year = content(site, "timeline/2024-03")
    assert [h.text for h in year.find("h1")] == ["Timeline, March 2024"]
    assert {s.attrs["name"] for s in year.find("select")} == {"tag", "actor", "outlet"}
    assert [i.attrs["name"] for i in year.find("input")] == ["disputed"]
    nav = [n for n in year.find("nav") if n.attrs.get("aria-label") == "Years"]
    assert len(nav) == 1
    current = [a for a in year.find("a") if a.attrs.get("aria-current") == "page"]
    assert [(a.text, a.attrs["href"]) for a in current] == [("March 2024", "./")]
    rel = {a.attrs["rel"]: a.attrs["href"] for a in year.find("a") if "rel" in a.attrs}
    assert rel == {"prev": "../2024-month-unknown/", "next": "../2024-11/"}
    labels = [n.attrs.get("aria-label") for n in year.find("nav")]
    assert len(labels) == len(set(labels)) and None not in labels  # each landmark named, and named apart
    assert all("data-tl-carry" in a.attrs for a in year.find("a") if a.attrs["href"].startswith("../2"))


def test_headings_never_skip_a_level(site):
    for path in sorted(site.rglob("index.html")):
        levels = [
            int(e.tag[1]) for e in Tree(path.read_text(encoding="utf-8")).elements if re.fullmatch(r"h[1-6]", e.tag)
        ]
        content_levels = levels[levels.index(1) :] if 1 in levels else levels
        assert all(b <= a + 1 for a, b in zip(content_levels, content_levels[1:], strict=False)), (path, content_levels)


def test_tags_and_actors_longer_than_a_page_are_split_the_same_way(site):
    assert hrefs(content(site, "tags/casualties"), None)[1:] == ["2024-month-unknown/", "2024-03/", "2024-11/", "2025/"]
    casualties = ids_on(site, "tags/casualties", ["2024-month-unknown", "2024-03", "2024-11", "2025"])
    assert set(casualties.values()) == {1} and len(casualties) == 5
    treaty = content(site, "tags/treaty")  # two events: one page, as before
    assert [i.attrs["data-id"] for i in treaty.find("li", "tl-item")] == ["2023-05-talks", "2024-03-15-second"]
    ukraine = content(site, "actors/ukraine/2025")
    assert ukraine.find("h1")[0].text == "Ukraine, 2025"
    assert [i.attrs["data-id"] for i in ukraine.find("li", "tl-item")] == ["2025-01-11-prisoners"]
    assert not (site / "actors" / "russia" / "2023").exists()


def test_figures_index_shows_each_figure_disputed_and_spread_and_links_its_page(site):
    index = content(site, "figures")
    rows = {li.attrs["id"]: re.sub(r"\s+", " ", li.text).strip() for li in index.find("li") if "id" in li.attrs}
    assert rows == {
        "killed": "Soldiers killed (4 claims) disputed 3 different values, spread 100 – 300 soldiers.",
        "deployed": "Troops deployed (2 claims) disputed 2 different values, spread 1,000 – 12,000 soldiers.",
    }
    assert hrefs(index) == ["killed/", "deployed/"]
    deployed = content(site, "figures/deployed")  # two claims: the whole table on one page
    assert [td.text for td in deployed.find("td", "tl-value")] == ["1,000 soldiers", "12,000 soldiers"]
    killed = [
        td.text
        for p in ["2024-month-unknown", "2024-03", "2024-11", "2025"]
        for td in content(site, f"figures/killed/{p}").find("td", "tl-value")
    ]
    assert killed == ["100 soldiers", "200 soldiers", "300 soldiers", "300 soldiers"]


def test_event_pages_link_the_figure_pages(site):
    event = content(site, "events/2024-11-arrival")
    figure_links = [a.attrs["href"] for table in [event] for a in table.find("a") if "/figures/" in a.attrs["href"]]
    assert "../../figures/deployed/" in figure_links and "../../figures/killed/" in figure_links


def test_sources_split_by_outlet_with_escaped_names_and_stable_slugs(site):
    index = content(site, "sources")
    assert [(a.text, a.attrs["href"]) for a in index.find("a")] == [
        ("<b>Bold</b> News", "b-bold-b-news/"),
        ("Outlet A", "outlet-a-7c4967/"),
        ("Outlet-A", "outlet-a-9488a2/"),
    ]
    assert "&lt;b&gt;Bold&lt;/b&gt; News" in (site / "sources" / "b-bold-b-news" / "index.html").read_text()
    outlet = content(site, "sources/outlet-a-7c4967")
    # its three articles are more than page_size: split by year (tests/test_sources_paging.py)
    assert outlet.find("h1")[0].text == "Outlet A" and hrefs(outlet, None)[-2:] == ["2023/", "2024/"]


def test_every_generated_page_has_a_title_and_description_and_a_listings_years_stay_out_of_search(site):
    found = {d["location"].split("#")[0] for d in search_documents(site)}
    assert {f"events/{e}/" for e in EVENTS} <= found
    assert {"timeline/", "figures/killed/", "sources/", "sources/outlet-a-7c4967/", "tags/casualties/"} <= found
    years = [p for p in found if re.search(r"/(\d{4}|\d{4}-\d\d|\d{4}-month-unknown|date-unknown)/$", p)]
    assert years == []  # a listing's page of one year is found through its first page
    for path in site.rglob("index.html"):
        tree = Tree(path.read_text(encoding="utf-8"))
        description = [m.attrs["content"] for m in tree.find("meta") if m.attrs.get("name") == "description"]
        assert tree.find("title")[0].text.strip() and description and description[0].strip(), path


def test_every_internal_link_resolves(site):
    assert broken_links(site) == []


def test_with_flat_urls_every_link_names_a_file(flat_site):
    assert (flat_site / "timeline" / "2024-03.html").is_file() and (
        flat_site / "tags" / "casualties" / "2025.html"
    ).is_file()
    index = Tree((flat_site / "timeline.html").read_text(encoding="utf-8"))
    assert [a.attrs["href"] for a in index.find("a") if "data-tl-carry" in a.attrs] == [
        f"timeline/{p}.html" for p in PARTS
    ]
    bad = [
        f"{f.relative_to(flat_site)}: {target}"
        for f in flat_site.rglob("*.html")
        for _, target, resolved in local_links(f)
        if not resolved.is_file()
    ]
    assert bad == []


# In the browser --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(site):
    with serve(site) as base:
        yield base


def visible_ids(page) -> list[str]:
    return page.eval_on_selector_all(".tl-item:not([hidden])", "items => items.map(i => i.dataset.id)")


def test_filters_work_on_a_year_page(browser, served):
    visit = Visit(browser, served + "timeline/2024-03/?tag=treaty", DESKTOP)
    try:
        page = visit.page
        count = page.locator(".tl-filters__count")
        assert visible_ids(page) == ["2024-03-15-second"]
        assert count.inner_text() == "Showing 1 of 2 events"
        page.select_option("select[name=tag]", "")
        page.select_option("select[name=actor]", "Ukraine")
        assert visible_ids(page) == ["2024-03-01-first", "2024-03-15-second"] and "actor=Ukraine" in page.url
        page.select_option("select[name=outlet]", "<b>Bold</b> News")
        assert visible_ids(page) == ["2024-03-01-first"]
        page.locator("input[name=disputed]").check()
        assert visible_ids(page) == ["2024-03-01-first"]  # it reports a disputed figure
        page.select_option("select[name=outlet]", "Outlet-A")
        assert visible_ids(page) == [] and page.locator(".tl-filters__empty").is_visible()
        assert visit.errors == []
    finally:
        visit.close()


def test_filters_carry_across_year_links(browser, served):
    visit = Visit(browser, served + "timeline/2024-03/?tag=casualties&from=2024", DESKTOP)
    try:
        page = visit.page
        assert page.locator("a[rel=next]").first.get_attribute("href") == "../2024-11/?tag=casualties"
        page.select_option("select[name=actor]", "North Korea")
        page.locator("a[rel=next]").first.click()
        page.wait_for_load_state()
        assert page.url == served + "timeline/2024-11/?tag=casualties&actor=North+Korea"
        assert page.locator("select[name=actor]").input_value() == "North Korea"
        assert visible_ids(page) == ["2024-11-arrival"]
        page.locator(".tl-parts__list a", has_text="2025").click()  # a year of the list, not only the next
        page.wait_for_load_state()
        assert page.url == served + "timeline/2025/?tag=casualties&actor=North+Korea"
        assert page.locator(".tl-filters__count").inner_text() == "Showing 0 of 2 events"
        page.locator("#tl-filters button[type=reset]").click()
        page.wait_for_function("document.querySelectorAll('.tl-item:not([hidden])').length === 2")
        assert page.locator("a[rel=prev]").first.get_attribute("href") == "../2024-11/"
        assert visit.errors == []
    finally:
        visit.close()


def test_the_index_passes_a_shared_filter_on_to_its_years(browser, served):
    visit = Visit(browser, served + "timeline/?tag=treaty", DESKTOP)
    try:
        links = visit.page.eval_on_selector_all("a[data-tl-carry]", "links => links.map(a => a.getAttribute('href'))")
        assert links == [f"{p}/?tag=treaty" for p in PARTS]
        assert visit.errors == []
    finally:
        visit.close()


def test_filters_carry_across_year_files_from_file_urls(browser, flat_site):
    visit = Visit(browser, (flat_site / "timeline" / "2024-03.html").as_uri() + "?tag=casualties", DESKTOP)
    try:
        page = visit.page
        page.locator("a[rel=next]").first.click()
        page.wait_for_load_state()
        assert page.url == (flat_site / "timeline" / "2024-11.html").as_uri() + "?tag=casualties"
        assert page.locator("select[name=tag]").input_value() == "casualties"
        assert visit.errors == []
    finally:
        visit.close()


@pytest.mark.parametrize(
    ("path", "scheme"),
    [
        ("timeline/", "light"),
        ("timeline/2024-03/", "light"),
        ("timeline/2024-03/", "dark"),
        ("tags/casualties/2025/", "light"),
        ("figures/", "light"),
        ("figures/killed/2025/", "dark"),
    ],
)
def test_split_pages_have_no_serious_accessibility_violations(browser, served, axe_source, path, scheme):  # noqa: F811
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(served + path, wait_until="networkidle")
        check(page, axe_source, f"paginated-{path.strip('/').replace('/', '-')}-{scheme}")
    finally:
        context.close()
