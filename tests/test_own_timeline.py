"""A timeline in a folder of its own: the theme from the package, free-form pages, fonts, and a command line
that says what is wrong with mkdocs.yml where it is.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import fixture_project
from sitecheck import page, search_documents

from generator.faces.cli.main import main
from generator.faces.mkdocs.build import BuildFailed, build_site

ABOUT = """---
title: About <this> timeline
summary: Who keeps it.
---
## Methodology

Every event cites its articles. Write to [the editors](mailto:editors@example.org).
<script>alert("page")</script>
"""


def cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=project, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("own")
    config = fixture_project(folder, pdf=False)
    config.write_text(config.read_text().replace("      offline: true\n", "      offline: false\n"))
    (folder / "pages").mkdir()
    (folder / "pages" / "about.md").write_text(ABOUT)
    (folder / "overrides" / "assets" / "stylesheets").mkdir(parents=True)
    (folder / "overrides" / "assets" / "stylesheets" / "timeline.css").write_text("/* this site's own */\n")
    theme = "  custom_dir: overrides\n  features: [content.action.edit]\n  font:\n    text: Roboto"
    text = config.read_text().replace("  font: false", theme)
    config.write_text(
        text.replace(
            "site_url: https://timeline.example/\n",
            "site_url: https://timeline.example/\nrepo_url: https://example.org/o/r\nedit_uri: edit/main/events/\n",
        )
    )
    return folder


@pytest.fixture(scope="module")
def site(project) -> Path:
    return build_site(project / "mkdocs.yml", project / "site")


def test_the_theme_comes_from_the_package_and_a_custom_dir_overrides_any_file(site):
    assert (site / "assets" / "stylesheets" / "timeline.css").read_text() == "/* this site's own */\n"
    assert (site / "assets" / "javascripts" / "timeline-filters.js").is_file()  # the package's own
    timeline = page(site, "timeline")
    assert timeline.find("form")  # the filters, from the generator's templates
    assert "timeline-search-worker.js" in (site / "timeline" / "index.html").read_text()  # main.html's


def test_fonts_from_other_hosts_are_turned_off_unless_asked_for(site, project, tmp_path, caplog):
    html = (site / "index.html").read_text()
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
    config = project / "mkdocs.yml"
    said = tmp_path / "said"
    shutil_copy(project, said)
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.timeline")
    build_site(said / "mkdocs.yml", said / "site")
    assert [r.getMessage() for r in caplog.records if "theme font set to false" in r.getMessage()] == [
        "timeline: theme font set to false (system fonts), so that the site fetches nothing from other hosts; "
        "'remote_fonts: true' under the timeline plugin keeps Material's web fonts"
    ]
    asked = tmp_path / "asked"
    shutil_copy(project, asked)
    (asked / "mkdocs.yml").write_text(
        config.read_text().replace("      pdf: false\n", "      pdf: false\n      remote_fonts: true\n")
    )
    built = build_site(asked / "mkdocs.yml", asked / "site")
    assert "fonts.googleapis.com" in (built / "index.html").read_text()


def test_a_build_without_site_url_says_what_the_feed_and_sitemap_lack_once(project, tmp_path, caplog):
    """Not a MkDocs warning, which would stop every strict build of a site not yet published; the
    offline edition, built without site_url on purpose, does not say it again."""
    bare = tmp_path / "bare"
    shutil_copy(project, bare)
    text = (bare / "mkdocs.yml").read_text().replace("site_url: https://timeline.example/\n", "")
    (bare / "mkdocs.yml").write_text(text.replace("      offline: false\n", "      offline: true\n"))
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.timeline")
    build_site(bare / "mkdocs.yml", bare / "site")
    said = [r.getMessage() for r in caplog.records if "site_url is not set" in r.getMessage()]
    assert said == [
        "timeline: warning: site_url is not set, so feed.xml links its entries relative to itself (some feed "
        "readers cannot follow such links), sitemap.xml lists paths rather than addresses and pages have no "
        "canonical link; set site_url in mkdocs.yml to where the site is published"
    ]
    assert (bare / "site" / "timeline-offline.zip").is_file()
    caplog.clear()
    build_site(project / "mkdocs.yml", tmp_path / "published")  # site_url set: nothing to say
    assert not [r for r in caplog.records if "site_url" in r.getMessage()]


def shutil_copy(source: Path, target: Path) -> None:
    import shutil

    shutil.copytree(source, target, ignore=shutil.ignore_patterns("site"))


def test_a_page_is_in_the_navigation_the_search_and_escaped_and_sanitized(site):
    about = page(site, "about")
    assert about.find("h1")[0].text == "About <this> timeline"
    nav = [a.text.strip() for a in page(site, "timeline").find("a", "md-nav__link")]
    assert "About <this> timeline" in nav
    html = (site / "about" / "index.html").read_text()
    assert "<script>alert" not in html and 'href="mailto:editors@example.org"' in html
    edits = [a.attrs["href"] for a in about.find("a") if a.attrs.get("rel") == "edit"]
    assert edits == ["https://example.org/o/r/edit/main/pages/about.md"]
    assert any(doc["location"].startswith("about/") for doc in search_documents(site))


def test_check_reports_a_page_that_cites_or_takes_a_reserved_name(project, tmp_path):
    shutil_copy(project, tmp_path / "p")
    pages = tmp_path / "p" / "pages"
    (pages / "timeline.md").write_text("---\ntitle: Mine\n---\nText.\n")
    (pages / "notes.md").write_text("---\ntitle: Notes\nauthor: me\n---\nA claim.[^a]\n")
    done = cli(tmp_path / "p", "check")
    assert done.returncode == 1
    assert "pages/timeline.md:1:1: 'timeline' is a page of the timeline itself: name this page otherwise" in done.stdout
    assert "pages/notes.md:3:1: unknown key 'author'" in done.stdout
    assert "pages/notes.md:5:1: a page cites no sources" in done.stdout


def test_the_build_stops_without_search_or_without_material(project, tmp_path):
    shutil_copy(project, tmp_path / "p")
    config = tmp_path / "p" / "mkdocs.yml"
    text = config.read_text()
    config.write_text(text.replace("  - search\n", ""))
    with pytest.raises(BuildFailed, match="the site would have no search: list '- search' under 'plugins'"):
        build_site(config, tmp_path / "p" / "site")
    config.write_text(text.replace("name: material", "name: mkdocs"))
    with pytest.raises(BuildFailed, match="needs the Material theme, not 'mkdocs'"):
        build_site(config, tmp_path / "p" / "site")
    assert not (tmp_path / "p" / "site").exists()


def test_config_goes_before_or_after_the_command_and_usage_names_the_command(project, capsys):
    config = str(project / "mkdocs.yml")
    assert main(["check", "--config", config]) == 0
    assert main(["--config", config, "check"]) == 0
    assert main(["-f", config, "check", "-f", config]) == 0
    done = cli(project, "build", "--site-dir")  # the option's value is missing
    assert done.stderr.startswith("usage: python -m generator build")


@pytest.mark.parametrize("command", ["build", "pdf", "export", "check", "new"])
def test_every_command_without_a_configuration_says_so_cleanly(tmp_path, command):
    args = {"export": ["export", "out"], "new": ["new", "--title", "T", "--date", "2025"]}.get(command, [command])
    done = cli(tmp_path, *args)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "mkdocs.yml:1:1: site configuration not found" in done.stdout and "timeline init" in done.stdout


def test_yaml_and_configuration_errors_in_mkdocs_yml_are_explained_where_they_are(tmp_path):
    (tmp_path / "events").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: X\ntheme:\n  name: material\n\tfont: false\n")
    done = cli(tmp_path, "check")
    assert "mkdocs.yml:4:1: not valid YAML: " in done.stdout and "YAML indents with spaces, never tabs" in done.stdout
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: X\ndocs_dir: events\ntheme:\n  name: material\n  custom_dir: theme\nplugins:\n  - timeline\n"
    )
    done = cli(tmp_path, "check")
    assert done.stdout.startswith("mkdocs.yml:3:1: invalid site configuration: Config value 'theme': ")
    assert "the timeline's theme comes with its plugin: remove 'custom_dir'" in done.stdout
    assert "Traceback" not in done.stderr
