"""The Sources page split like every listing: tests/fixtures/paginated with ``page_size: 2``.

Three of the fixture's pages are given an origin here (in a copy), so that an outlet read
and an outlet the pages credit both have more articles than a page holds. Each then gets
an index of years and a page per year, an article dated by the first event that cites it.
The parts read are the generator's own (the content of each page), never Material's chrome.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitecheck import Tree, broken_links, search_documents
from test_pagination import content, hrefs, paginated_project

from generator.faces.mkdocs.build import build_site

CREDITED = {"2023-05-talks": "2023", "2024-03-15-second": "2024", "2025-02-withdrawal": "2025"}
WIRE = "Wire <i>X</i>"


def crediting_project(folder: Path, page_size: int = 2) -> Path:
    """The paginated fixture, three of its pages saying they come from WIRE; returns its mkdocs.yml."""
    config = paginated_project(folder)
    for stem in CREDITED:
        path = folder / "events" / f"{stem}.md"
        text = re.sub(
            r'(    outlet: "[^"]*"\n)', rf'\1    origin: "{WIRE}"\n    origin_link: stated\n', path.read_text(), count=1
        )
        assert "origin:" in text
        path.write_text(text)
    config.write_text(config.read_text().replace("page_size: 2", f"page_size: {page_size}"))
    return config


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(crediting_project(tmp_path_factory.mktemp("crediting")))


def lede(tree: Tree) -> str:
    return re.sub(r"\s+", " ", tree.find("p", "tl-lede")[0].text).strip()


def test_the_index_links_each_outlet_and_each_credited_outlet_with_counts(site):
    index = content(site, "sources")
    assert index.find("ul", "tl-articles") == []  # no article is listed on the index itself
    assert [(a.text, a.attrs["href"]) for a in index.find("a")] == [
        ("<b>Bold</b> News", "b-bold-b-news/"),
        ("Outlet A", "outlet-a-7c4967/"),
        ("Outlet-A", "outlet-a-9488a2/"),
        (WIRE, "credited/wire-i-x-i/"),
    ]
    credited = index.find("ul", "tl-credited")[0]
    assert re.sub(r"\s+", " ", credited.text).strip() == f"{WIRE} (3)"


def test_an_outlet_longer_than_a_page_is_split_by_the_year_of_its_first_citation(site):
    outlet = content(site, "sources/outlet-a-7c4967")
    assert outlet.find("ul", "tl-articles") == []
    assert lede(outlet) == "3 articles, by the year of the first event that cites each. All sources"
    assert re.sub(r"\s+", " ", outlet.find("ul", "tl-parts__index")[0].text).strip() == "2023 (1) 2024 (2)"
    year = content(site, "sources/outlet-a-7c4967/2024")
    assert year.find("h1")[0].text == "Outlet A, 2024"
    assert lede(year) == "2 of 3 articles, first cited in 2024. All sources"
    nav = year.find("nav", "tl-parts")[0]
    current = [a for a in year.find("a") if a.attrs.get("aria-current") == "page"]
    assert [a.text for a in current] == ["2024"] and "All years" in nav.text
    assert [a.attrs["href"] for a in year.find("a", "tl-pager__prev")] == ["../2023/", "../2023/"]
    assert year.find("a", "tl-pager__next") == []
    cited = [a.attrs["href"] for a in year.find("a") if "/events/" in a.attrs["href"]]
    assert cited == ["../../../events/2024-03-15-second/", "../../../events/2024-11-arrival/"]


def test_an_outlet_that_fits_a_page_stays_whole(site):
    outlet = content(site, "sources/outlet-a-9488a2")
    assert outlet.find("nav", "tl-parts") == [] and outlet.find("ul", "tl-parts__index") == []
    assert lede(outlet) == "2 articles, each with the events that cite it. All sources"
    assert len(articles_on(site, "sources/outlet-a-9488a2")) == 2
    assert not (site / "sources" / "outlet-a-9488a2" / "2024").exists()


def test_a_credited_outlet_gets_its_pages_by_year(site):
    credited = content(site, "sources/credited/wire-i-x-i")
    assert credited.find("h1")[0].text == f"Pages crediting {WIRE}"
    assert hrefs(credited, None)[-3:] == ["2023/", "2024/", "2025/"]
    for stem, year in CREDITED.items():
        part = content(site, f"sources/credited/wire-i-x-i/{year}")
        assert lede(part) == f"1 of 3 pages, first cited in {year}. All sources"
        assert f"says it comes from {WIRE}" in part.find("ul", "tl-articles")[0].text
        assert [a.attrs["href"] for a in part.find("a") if "/events/" in a.attrs["href"]] == [
            f"../../../../events/{stem}/"
        ]


def listed_pages(site: Path, url: str) -> list[str]:
    """A listing's page and, when it is split, the pages of its years: URL paths from the site root."""
    years = content(site, url).find("ul", "tl-parts__index")
    links = re.findall(r'<li><a href="([\w-]+/)" data-tl-carry>', html_of(site, url)) if years else []
    return [url] + [f"{url}/{link.rstrip('/')}" for link in links]


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def articles_on(site: Path, url: str) -> list[tuple[str, list[str]]]:
    """(headline, the events its 'Cited by' links to) of each article a page lists."""
    found = []
    for item in re.findall(r"<li>(.*?)</li>", html_of(site, url), re.S):
        tree = Tree(item)
        if tree.find("p", "tl-cited-by"):
            events = [a.attrs["href"].rstrip("/").rsplit("/", 1)[-1] for a in tree.find("a")]
            found.append((tree.find("cite")[0].text.strip("“”"), events))
    return found


@pytest.mark.parametrize("credited", [False, True])
def test_every_article_is_listed_once_where_its_outlets_link_leads(site, credited):
    """Each event's page read, found by following the index's link for its outlet (or for the outlet
    it credits) and then the years, is listed exactly once, and links back to the event."""
    index = content(site, "sources")
    outlets = {a.text: f"sources/{a.attrs['href'].rstrip('/')}" for a in index.find("a")}
    seen = 0
    for event_page in sorted((site / "events").glob("*/index.html")):
        event = event_page.parent.name
        event_tree = content(site, f"events/{event}")
        title = event_tree.find("cite")[0].text.strip("“”")
        outlet = WIRE if credited else event_tree.find("span", "tl-ref__outlet")[0].text
        if credited and event not in CREDITED:
            continue
        listed = [
            (url, events)
            for url in listed_pages(site, outlets[outlet])
            for t, events in articles_on(site, url)
            if t == title
        ]
        assert len(listed) == 1 and listed[0][1] == [event], (event, listed)
        seen += 1
    assert seen == (len(CREDITED) if credited else 7)


def test_every_page_type_is_searched_and_no_year_page_is(site):
    found = {d["location"].split("#")[0] for d in search_documents(site)}
    assert {"sources/", "sources/outlet-a-7c4967/", "sources/outlet-a-9488a2/", "sources/credited/wire-i-x-i/"} <= found
    assert not [p for p in found if re.search(r"^sources/.*/\d{4}/$", p)]


def test_every_internal_link_resolves(site):
    assert broken_links(site) == []


def test_below_page_size_the_sources_page_stays_one_page(tmp_path):
    site = build_site(crediting_project(tmp_path, page_size=500))
    index = content(site, "sources")
    assert [h.text for h in index.find("h2")][-1] == "Outlets the pages credit"
    assert len(index.find("ul", "tl-articles")) == 3  # one list per outlet, on the page itself
    credited = re.sub(r"\s+", " ", index.find("ul", "tl-credited")[0].text).strip()
    assert credited.startswith(f"{WIRE}: Outlet A, “Article on talks begin”")
    assert not (site / "sources" / "credited").exists() and not (site / "sources" / "outlet-a-7c4967").exists()
