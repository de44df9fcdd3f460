"""One product, two sinks: the tree ``export`` writes builds without the plugin, in three builders.

The fixture timeline is built through the MkDocs plugin, and exported with
``python -m generator export``; the tree is then built by plain MkDocs with
mkdocs-material, by ProperDocs and by Zensical, none of which loads the
``timeline`` plugin. Each must give the same pages, each page carrying the
generator's own HTML as the plugin build does (every event's figures table and
references among it), and the same data files. What a builder cannot carry is
named and asserted as such (README: "Which builder gives what").
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from browser import DESKTOP, Visit, serve
from conftest import fixture_project
from sitecheck import Tree, page
from test_browser_offline import search

from generator.faces.cli.main import main
from generator.faces.mkdocs.build import build_site
from generator.faces.mkdocs.settings import load_settings
from generator.pipeline import load_timeline, product
from generator.write.tree import MARKER

EVENTS = ["2024-06-treaty", "2024-11-deployment", "2025-01-11-hostile"]
DATA = ["timeline.json", "timelinejs.json", "events.csv", "sources.csl.json", "feed.xml", "timeline.pdf"]
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("export-project")
    fixture_project(folder)
    return folder


@pytest.fixture(scope="module")
def plugin_site(project) -> Path:
    return build_site(project / "mkdocs.yml", project / "plugin-site")


@pytest.fixture(scope="module")
def tree(project) -> Path:
    assert main(["--config", str(project / "mkdocs.yml"), "export", str(project / "tree")]) == 0
    return project / "tree"


@pytest.fixture(scope="module")
def fragments(project) -> dict[str, str]:
    """Each page's URL -> the HTML the generator rendered for it."""
    settings, problems = load_settings(project / "mkdocs.yml")
    assert problems == []
    timeline = load_timeline(settings.events_dir, settings.vocabulary, snapshots_dir=settings.snapshots_dir)
    from generator.render.paths import url_of

    return {url_of(p.src_uri): p.html for p in product(timeline, settings.site).pages}


def _build(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=ENV, timeout=600)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def mkdocs_site(tree, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("mkdocs") / "site"
    _build([str(BIN / "mkdocs"), "build", "--strict", "-f", str(tree / "mkdocs.yml"), "-d", str(out)], tree)
    return out


@pytest.fixture(scope="module")
def properdocs_site(tree, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("properdocs") / "site"
    _build([str(BIN / "properdocs"), "build", "--strict", "-f", str(tree / "mkdocs.yml"), "-d", str(out)], tree)
    return out


@pytest.fixture(scope="module")
def zensical_site(tree, tmp_path_factory) -> Path:
    """Zensical writes into the tree's own site_dir (it refuses one outside the project): a copy."""
    copy = tmp_path_factory.mktemp("zensical") / "tree"
    shutil.copytree(tree, copy)
    _build([str(BIN / "zensical"), "build", "--strict", "-f", str(copy / "mkdocs.yml")], copy)
    return copy / "site"


def pages_of(site: Path) -> set[str]:
    return {p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")}


BUILDERS = ["mkdocs_site", "properdocs_site", "zensical_site"]


def test_the_tree_is_markdown_pages_data_overrides_and_a_config_without_the_plugin(tree):
    config_text = (tree / "mkdocs.yml").read_text(encoding="utf-8")
    assert config_text.startswith(MARKER)
    config = yaml.safe_load(config_text)
    assert config["docs_dir"] == "docs" and config["theme"]["custom_dir"] == "overrides"
    assert "timeline" not in [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
    assert (tree / "overrides" / "main.html").is_file()
    event = (tree / "docs" / "events" / "2025-01-11-hostile" / "index.md").read_text(encoding="utf-8")
    front = yaml.safe_load(event.split("---\n")[1])
    assert front["title"] == "&lt;script&gt;alert('title')&lt;/script&gt; &amp; \"quotes\" {{ config.site_name }}"
    assert front["search"] == {"boost": 2.0} and "application/ld+json" in front["timeline_head"]
    assert front["timeline_lastmod"] == "2025-01-11"
    for name in DATA:
        assert (tree / "docs" / name).is_file(), name


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_builder_gives_the_plugin_builds_pages(builder, plugin_site, request):
    site = request.getfixturevalue(builder)
    assert pages_of(site) == pages_of(plugin_site)


def spaced(html: str) -> str:
    """HTML with white space between tags dropped and every other run of it one space: Markdown
    starts a new line between two block elements written on one."""
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


@pytest.mark.parametrize("builder", BUILDERS)
def test_each_page_carries_the_generators_html_as_the_plugin_build_does(builder, plugin_site, fragments, request):
    site = request.getfixturevalue(builder)
    for url, fragment in fragments.items():
        built = (site / url / "index.html").read_text(encoding="utf-8")
        assert spaced(fragment) in spaced(built), f"{builder}: {url or 'home'} does not carry its HTML as rendered"
        assert fragment.strip() in (plugin_site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("builder", BUILDERS)
def test_each_event_has_its_figures_table_and_references(builder, plugin_site, request):
    site = request.getfixturevalue(builder)
    for event in EVENTS:
        built, plugin = page(site, f"events/{event}"), page(plugin_site, f"events/{event}")
        cells = [[td.text.strip() for td in tr_cells] for tr_cells in _table(built)]
        assert cells == [[td.text.strip() for td in tr_cells] for tr_cells in _table(plugin)] and cells
        refs = [li.text for li in built.find("li") if li.attrs.get("id", "").startswith("ref-")]
        assert refs and refs == [li.text for li in plugin.find("li") if li.attrs.get("id", "").startswith("ref-")]


@pytest.mark.parametrize("builder", BUILDERS)
def test_titles_are_text_and_the_theme_overrides_apply(builder, request):
    site = request.getfixturevalue(builder)
    hostile = page(site, "events/2025-01-11-hostile")
    assert hostile.find("h1")[0].text == "<script>alert('title')</script> & \"quotes\" {{ config.site_name }}"
    assert hostile.find("title")[0].text.startswith("<script>alert('title')</script> & \"quotes\"")
    home = page(site, "").find("title")[0].text  # "Fixture timeline"; Zensical: "Home - Fixture timeline"
    assert home.count("Fixture timeline") == 1 and home.endswith("Fixture timeline")
    styles = [link.attrs["href"] for link in hostile.find("link") if link.attrs.get("rel") == "stylesheet"]
    assert any(href.endswith("assets/stylesheets/timeline.css") for href in styles)
    assert [m for m in hostile.find("script") if m.attrs.get("type") == "application/ld+json"]
    assert any(
        s.attrs.get("src", "").endswith("assets/javascripts/timeline-filters.js") for s in hostile.find("script")
    )


@pytest.mark.parametrize("builder", BUILDERS)
def test_data_files_are_the_plugin_builds(builder, plugin_site, request):
    site = request.getfixturevalue(builder)
    for name in DATA:
        assert (site / name).read_bytes() == (plugin_site / name).read_bytes(), name


def test_mkdocs_and_properdocs_search_with_materials_own_index(mkdocs_site, properdocs_site):
    """Without the plugin, Material's lunr index: event pages in, listings out, as the plugin indexes."""
    for site in (mkdocs_site, properdocs_site):
        docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        pages = {d["location"].split("#")[0] for d in docs}
        assert pages == {"", *(f"events/{e}/" for e in EVENTS)}
        assert not (site / "search" / "timeline").exists()  # the generator's sharded index is the plugin's
        assert "config.search" not in (site / "index.html").read_text(encoding="utf-8")
        assert {d.get("boost") for d in docs if d["location"].startswith("events/")} == {2}
        assert "<lastmod>2025-01-11</lastmod>" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_zensical_searches_with_its_own_index_and_dates_the_sitemap_from_the_content(zensical_site):
    """Zensical replaces Material's search with its own; the theme's sitemap reads the dates written."""
    assert not (zensical_site / "search" / "search_index.json").exists()
    items = json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))["items"]
    assert {item["location"].split("#")[0] for item in items} == {"", *(f"events/{e}/" for e in EVENTS)}
    assert not any("boost" in item for item in items)  # the events' search boost is not carried
    assert "<lastmod>2025-01-11</lastmod>" in (zensical_site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("builder", BUILDERS)
def test_no_builder_of_the_tree_gives_a_table_of_contents(builder, plugin_site, request):
    """Headings in raw HTML never reach a builder's table of contents: only the plugin build has one."""
    event = "events/2024-11-deployment/index.html"
    plugin_event = (plugin_site / event).read_text(encoding="utf-8")
    built_event = (request.getfixturevalue(builder) / event).read_text(encoding="utf-8")
    assert 'href="#figures-reported"' in plugin_event.split("md-nav--secondary", 1)[1]
    assert 'href="#figures-reported"' not in built_event


def test_mkdocs_and_properdocs_write_a_gzipped_sitemap_and_zensical_does_not(
    mkdocs_site, properdocs_site, zensical_site
):
    assert (mkdocs_site / "sitemap.xml.gz").is_file() and (properdocs_site / "sitemap.xml.gz").is_file()
    assert not (zensical_site / "sitemap.xml.gz").exists()


def test_export_never_writes_over_a_folder_it_did_not_write(project, tmp_path, capsys):
    keep = tmp_path / "notes.txt"
    keep.write_text("mine")
    assert main(["--config", str(project / "mkdocs.yml"), "export", str(tmp_path)]) == 1
    assert "not empty and holds no earlier export" in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_export_again_replaces_the_earlier_export(project, tree):
    (tree / "docs" / "stale.md").write_text("---\ntitle: Stale\n---\n")
    assert main(["--config", str(project / "mkdocs.yml"), "export", str(tree)]) == 0
    assert not (tree / "docs" / "stale.md").exists() and (tree / "docs" / "index.md").is_file()


def _table(tree: Tree) -> list[list]:
    """Body rows' cells of the event's figures table."""
    rows: list[list] = []
    inside = False
    for element in tree.elements:
        if element.tag == "table":
            if inside:
                break
            inside = "tl-claims" in element.classes()
        elif inside and element.tag == "tr":
            rows.append([])
        elif inside and element.tag == "td":
            rows[-1].append(element)
    return [r for r in rows if r]


@pytest.mark.parametrize("builder", BUILDERS)
def test_the_exported_sites_filters_work_in_a_browser(builder, browser, request):
    with serve(request.getfixturevalue(builder)) as base:
        visit = Visit(browser, base + "timeline/?tag=casualties", DESKTOP)
        try:
            visit.screenshot(f"export-{builder}-timeline")
            assert visit.page.locator(".tl-item:visible").count() == 2
            assert visit.page.locator(".tl-filters__count").inner_text() == "Showing 2 of 3 events"
            assert visit.errors == [] and [u for u in visit.requests if not u.startswith(base)] == []
        finally:
            visit.close()


def test_material_search_finds_an_event_in_the_mkdocs_build(mkdocs_site, browser):
    with serve(mkdocs_site) as base:
        visit = Visit(browser, base + "timeline/", DESKTOP)
        try:
            links = search(visit.page, "arrive").locator("a[href*='events/2024-11-deployment/']")
            assert links.count() >= 1 and visit.errors == []
        finally:
            visit.close()


def test_zensical_keeps_its_own_search_box_named(zensical_site, mkdocs_site):
    """theme/partials/search.html names Material's dialog; under Zensical it gives Zensical's own."""
    zensical = page(zensical_site, "timeline")
    dialog = next(d for d in zensical.find("div", "md-search") if d.attrs.get("role") == "dialog")
    assert dialog.attrs.get("aria-label") and zensical.find("button", "md-search__button")
    material = page(mkdocs_site, "timeline")
    dialog = next(d for d in material.find("div", "md-search") if d.attrs.get("role") == "dialog")
    assert dialog.attrs.get("aria-label") == "Search" and material.find("input", "md-search__input")
