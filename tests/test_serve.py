"""``make serve``: a saved edit reaches every page it touches, and a broken one keeps the last good site.

Runs ``mkdocs serve --dirty`` (the command ``make serve`` runs) on a copy of
the fixture site, edits an event file as a contributor would, and reads the
pages the server serves: the event's page, the timeline, its tag's and
actor's pages and the search index shard of a word the edit added. Then a
broken edit: the server reports it at its file and line, and keeps serving
the last good pages. How long a rebuild takes is the benchmark's business
(tests/benchmarks/bench.py); the only deadline here stops a server that
never answers.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import fixture_project

from generator.render.search.index import shard_file

#: Stops a test whose server hangs; never reached by a rebuild that works, however slow.
HANG = 600
EVENT = "2024-11-deployment"
WORD = "quokkalith"


class Served:
    """``mkdocs serve --dirty`` on a project, its log, and the pages it serves."""

    def __init__(self, project: Path, log: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.url, self.log = f"http://127.0.0.1:{port}/", log
        command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"]
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        with open(log, "wb") as out:
            self.process = subprocess.Popen(command, cwd=project, stdout=out, stderr=subprocess.STDOUT, env=env)

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def page(self, path: str) -> str:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.read().decode("utf-8")
        except OSError as err:
            return f"not served: {err}"

    def wait(self, done, what: str) -> None:
        """Wait until ``done()``; fail if the server exits or hangs."""
        started = time.monotonic()
        while not done():
            assert self.process.poll() is None, f"mkdocs serve exited while waiting for {what}:\n{self.text()}"
            assert time.monotonic() - started < HANG, f"mkdocs serve hung waiting for {what}:\n{self.text()}"
            time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait()


@pytest.fixture
def served(tmp_path):
    project = fixture_project(tmp_path / "project", pdf=False).parent
    server = Served(project, tmp_path / "serve.log")
    try:
        server.wait(lambda: "Serving on" in server.text(), "the first build")
        yield project, server
    finally:
        server.stop()


def _listed_titles(html: str) -> list[str]:
    return re.findall(r'href="[^"]*events/[^"]*"[^>]*>([^<]+)<', html)


def test_a_saved_edit_reaches_its_page_its_listings_and_the_search_index(served):
    project, server = served
    path = project / "events" / f"{EVENT}.md"
    assert "Troops arrive" in server.page(f"events/{EVENT}/")
    shard = f"search/timeline/{shard_file(WORD[:2])}"
    assert WORD not in server.page(shard)
    text = path.read_text(encoding="utf-8").replace("title: Troops arrive", "title: Troops arrive, retitled")
    path.write_text(text.rstrip("\n") + f" A {WORD} was seen.\n", encoding="utf-8")

    server.wait(lambda: WORD in server.page(f"events/{EVENT}/"), "the edited event page")
    assert "Troops arrive, retitled" in server.page(f"events/{EVENT}/")
    for listing in ("timeline/", "tags/casualties/", "actors/north-korea/"):
        assert "Troops arrive, retitled" in server.page(listing), listing
    assert WORD in server.page(shard)


def test_a_broken_edit_is_reported_at_its_line_and_the_last_good_site_stays(served):
    project, server = served
    path = project / "events" / f"{EVENT}.md"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace('date: "2024-11"', 'date: "2024-13"'), encoding="utf-8")

    server.wait(lambda: "invalid event files" in server.text(), "the broken rebuild")
    assert re.search(rf"events/{EVENT}\.md:3:\d+: ", server.text()), server.text()
    page = server.page(f"events/{EVENT}/")
    assert "Troops arrive" in page and "November 2024" in page  # the last good page, still served
    assert "Troops arrive" in server.page("timeline/")

    path.write_text(good.replace("title: Troops arrive", "title: Troops arrive, mended"), encoding="utf-8")
    server.wait(lambda: "Troops arrive, mended" in server.page(f"events/{EVENT}/"), "the mended event page")
    assert "Troops arrive, mended" in server.page("timeline/")


def _build(project: Path, site: Path, *, dirty: bool, edits=()) -> None:
    """What ``mkdocs serve`` builds, in this process: a first build, then one rebuild per edit."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def config():
        loaded = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
        loaded.site_url = "http://127.0.0.1:8000/"
        return loaded

    first = config()
    first.plugins.on_startup(command="serve", dirty=dirty)
    try:
        build(first, serve_url=first.site_url, dirty=dirty)
        for edit in edits:
            edit()
            build(config(), serve_url=first.site_url, dirty=dirty)
    finally:
        first.plugins.on_shutdown()  # as `mkdocs serve` ends: MkDocs keeps the plugin for the process


def test_the_preview_after_edits_is_the_clean_build_of_the_edited_files(tmp_path):
    project = fixture_project(tmp_path / "project", pdf=False).parent
    event = project / "events" / f"{EVENT}.md"

    def body():
        event.write_text(event.read_text(encoding="utf-8").rstrip("\n") + f" A {WORD}.\n", encoding="utf-8")

    def title():
        event.write_text(event.read_text(encoding="utf-8").replace("Troops arrive", "Troops came"), encoding="utf-8")

    def removed():
        (project / "events" / "2024-06-treaty.md").unlink()

    _build(project, tmp_path / "preview", dirty=True, edits=[body, title, removed])
    _build(project, tmp_path / "clean", dirty=False)
    preview = {p.relative_to(tmp_path / "preview"): p for p in (tmp_path / "preview").rglob("*") if p.is_file()}
    clean = {p.relative_to(tmp_path / "clean"): p for p in (tmp_path / "clean").rglob("*") if p.is_file()}
    assert "Troops came" in (tmp_path / "preview" / "events" / EVENT / "index.html").read_text(encoding="utf-8")
    assert sorted(preview) == sorted(clean)  # the removed event's page is gone from the preview too
    differ = sorted(str(path) for path in clean if preview[path].read_bytes() != clean[path].read_bytes())
    # a dirty rebuild hands MkDocs only what changed, so its sitemap lists only those pages
    assert differ == ["sitemap.xml", "sitemap.xml.gz"]


def test_a_rebuild_leaves_the_events_folder_to_the_plugin_which_still_reports_a_stray_file(
    tmp_path, monkeypatch, caplog
):
    """MkDocs lists the events folder for the first build only (``faces/mkdocs/preview.py``): the
    plugin reads the events itself, so a file that does not belong there is still reported, and the
    last good pages stay."""
    from mkdocs.commands import build as build_module

    project = fixture_project(tmp_path / "project", pdf=False).parent
    events = project / "events"
    listed = []
    real = build_module.get_files
    monkeypatch.setattr(
        build_module,
        "get_files",
        lambda config: listed.append((config.docs_dir, os.listdir(config.docs_dir))) or real(config),
    )

    def stray():
        (events / "photo.jpg").write_bytes(b"not an event")

    _build(project, tmp_path / "preview", dirty=True, edits=[stray])
    assert Path(listed[0][0]) == events and listed[0][1]
    assert len(listed) == 2 and Path(listed[1][0]) != events and listed[1][1] == []  # an empty folder
    assert not Path(listed[1][0]).exists()  # made for the listing, and removed after it
    assert "photo.jpg:1:1: only Markdown event files (.md) belong in the events folder" in caplog.text
    assert "Troops arrive" in (tmp_path / "preview" / "events" / EVENT / "index.html").read_text(encoding="utf-8")
