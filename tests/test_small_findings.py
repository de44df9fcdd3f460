"""Faults found by reading the defences as an attacker would, each with the test that holds it.

Line numbers after a character YAML alone reads as a line break; ``new`` with an emoji; messages
about symbolic links naming project paths; ``check PATH`` never following a link out of the
project; a folder that cannot be read reported, never skipped; ids and vocabulary slugs that
cannot take the site's own pages and anchors, nor each other's; a bounded search index whatever
the scripts an event is written in; an outlet whose name holds the filter's old separator.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
from pathlib import Path

import pytest
from browser import DESKTOP, Visit, serve
from conftest import FIXTURES, TODAY, VOCABULARY, fixture_project, run_cli

from generator.check.validate import validate_file
from generator.faces.mkdocs.build import build_site
from generator.faces.mkdocs.settings import load_settings
from generator.model.timeline import Timeline
from generator.model.vocabulary import Vocabulary
from generator.read.files import find_event_files
from generator.render.search.index import BUCKETS, index_files, parse_script, shard_file, shard_key
from generator.render.site import Renderer, Site

HEAD = '---\ntitle: T\ndate: "2025-01-01"\nsummary: S\nsources:\n  - id: a\n'


@pytest.fixture
def project(tmp_path) -> Path:
    fixture_project(tmp_path / "project", pdf=False)
    return tmp_path / "project"


# -- line numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"], ids=["line-separator", "paragraph-separator", "nel"])
def test_a_line_break_only_yaml_sees_is_reported_where_it_stands(tmp_path, char):
    path = tmp_path / "event.md"
    path.write_text(
        f'---\ntitle: A{char}B\ndate: "2025-01-01"\nsummary: S\ntitel: x\nsources:\n  - id: a\n---\nx[^a]\n'
    )
    event, problems = validate_file(path, VOCABULARY, TODAY)
    assert event is None
    assert [(p.line, p.col) for p in problems] == [(2, 9)]
    assert "in the front-matter: YAML reads it as a line break that editors do not show" in problems[0].message


# -- new ----------------------------------------------------------------------------------------


def test_new_with_an_emoji_in_the_title_writes_a_file_check_accepts(project, capsys):
    code, output = run_cli(project, capsys, "new", "--title", "Troops 🎖 pulled back", "--date", "2025-02-01")
    assert code == 0, output
    written = project / "events" / "2025-02-01-troops-pulled-back.md"
    assert "title: Troops 🎖 pulled back\n" in written.read_text(encoding="utf-8")  # the emoji as itself
    code, output = run_cli(project, capsys, "check", str(written.relative_to(project)))
    assert code == 0, output
    assert "1 event file valid" in output


def test_new_writes_nothing_that_check_would_refuse(project, capsys):
    code, output = run_cli(project, capsys, "new", "--title", "Reversed \u202e text", "--date", "2025-02-01")
    assert code == 2
    assert "invisible bidirectional control character RIGHT-TO-LEFT OVERRIDE: remove it" in output
    assert "nothing written" in output
    assert not list((project / "events").glob("2025-02-01-*"))


# -- symbolic links and what check reads ---------------------------------------------------------


def _outside(project: Path) -> Path:
    outside = project.parent / "outside.md"
    outside.write_text(HEAD + "---\nOutside the project.[^a]\n", encoding="utf-8")
    return outside


def test_a_symbolic_link_is_named_by_its_project_path(project, capsys):
    (project / "events" / "linked.md").symlink_to(_outside(project))
    code, output = run_cli(project, capsys, "check")
    assert code == 1
    assert "events/linked.md:1:1: symbolic links are not allowed in the events folder: commit the file itself" in output
    assert str(project.parent) not in output


def test_check_path_never_follows_a_link_out_of_the_project(project, capsys):
    outside = _outside(project)
    (project / "events" / "linked.md").symlink_to(outside)
    (project / "linked-folder").symlink_to(outside.parent, target_is_directory=True)
    code, output = run_cli(project, capsys, "check", "events/linked.md", "linked-folder/outside.md", str(outside))
    assert code == 1
    lines = output.splitlines()
    assert "events/linked.md:1:1: symbolic links are not allowed in the events folder: commit the file itself" in lines
    outside_message = "outside the project folder (.): check checks this project's events"
    assert f"linked-folder/outside.md:1:1: {outside_message}" in lines
    assert f"{outside.as_posix()}:1:1: {outside_message}" in lines
    assert "valid" not in output


def test_a_folder_that_cannot_be_read_is_a_problem_not_a_silent_skip(project, capsys, monkeypatch):
    locked = project / "events" / "locked"
    locked.mkdir()
    shutil.copy(FIXTURES / "good" / "minimal.md", locked / "minimal.md")
    if os.geteuid() == 0:  # root reads any folder: refuse it the way the system refuses others
        real = os.scandir

        def scandir(path="."):
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(os, "scandir", scandir)
    else:
        locked.chmod(0)
    try:
        paths, problems = find_event_files(project / "events")
        code, output = run_cli(project, capsys, "check")
    finally:
        locked.chmod(0o755)
    assert [str(p) for p in problems] == [
        f"{locked.as_posix()}:1:1: cannot read this folder (Permission denied): its event files would be missed"
    ]
    assert code == 1 and "valid" not in output
    assert "events/locked:1:1: cannot read this folder (Permission denied)" in output


# -- names the site uses -------------------------------------------------------------------------


@pytest.mark.parametrize("stem", ["ref-1", "tl-filters", "references", "index", "figures-reported"])
def test_an_event_id_cannot_take_an_anchor_or_a_page_of_the_site(tmp_path, stem):
    path = tmp_path / f"{stem}.md"
    path.write_text(HEAD + "---\nBody.[^a]\n", encoding="utf-8")
    event, problems = validate_file(path, VOCABULARY, TODAY)
    assert event is None
    assert [p.message for p in problems] == [
        f"file name '{stem}' is a name the site's own pages or anchors use (index, references, ref-1, tl-...): "
        "rename the file, starting it with its date"
    ]


@pytest.mark.parametrize(
    ("tags", "actors", "figures", "message"),
    [
        ({"index": "Index"}, [], {}, "tags: 'index' is a name the site's own pages or anchors use: choose another"),
        ({}, ["Index"], {}, "actors: 'Index' would take the page actors/index/ the site uses: rename it"),
        (
            {},
            ["Kim Jong Un", "Kim Jong-Un"],
            {},
            "actors: 'Kim Jong Un' and 'Kim Jong-Un' would share the page actors/kim-jong-un/: keep one name",
        ),
        (
            {},
            [],
            {"figures": {"label": "F", "unit": "u"}},
            "figures: 'figures' is a name the site's own pages or anchors use: choose another",
        ),
    ],
    ids=["tag-index", "actor-index", "actors-alike", "figure-anchor"],
)
def test_vocabulary_names_cannot_share_a_page_or_take_the_sites(project, tags, actors, figures, message):
    with pytest.raises(ValueError) as raised:
        Vocabulary.from_options(tags, actors, figures)
    assert str(raised.value) == message
    config = project / "mkdocs.yml"  # check says so, at the configuration, as build does
    options = {"tags": tags, "actors": actors, "figures": figures}
    text = config.read_text()
    for key, value in options.items():
        if value:
            text = re.sub(
                rf"^      {key}:.*?(?=^      [a-z]|\Z)", f"      {key}: {json.dumps(value)}\n", text, flags=re.M | re.S
            )
    config.write_text(text)
    settings, problems = load_settings(config)
    assert settings is None
    assert [str(problem) for problem in problems] == [f"{config.as_posix()}:1:1: plugins: timeline: {message}"]


def test_actors_without_ascii_letters_each_get_a_page(tmp_path):
    vocabulary = Vocabulary.from_options({}, ["김정은", "김여정"], {})
    events = []
    for n, actor in enumerate(vocabulary.actors):
        path = tmp_path / f"2025-01-0{n + 1}-e.md"
        path.write_text(HEAD.replace("sources:", f"actors: [{actor}]\nsources:") + "---\nx[^a]\n", encoding="utf-8")
        event, problems = validate_file(path, vocabulary, TODAY)
        assert problems == []
        events.append(event)
    pages = [page.src_uri for page in Renderer(Timeline(events, vocabulary), Site()).pages()]
    actor_pages = [src for src in pages if src.startswith("actors/") and src != "actors/index.md"]
    assert len(actor_pages) == len(set(actor_pages)) == 2


def test_an_outlet_named_index_does_not_take_the_sources_page(tmp_path):
    events = []
    for n, outlet in enumerate(["Index", "Other"]):
        path = tmp_path / f"2025-01-0{n + 1}-e.md"
        path.write_text(HEAD + f"    outlet: {outlet}\n---\nx[^a]\n", encoding="utf-8")
        event, problems = validate_file(path, VOCABULARY, TODAY)
        assert problems == []
        events.append(event)
    pages = [page.src_uri for page in Renderer(Timeline(events, VOCABULARY), Site(page_size=1)).pages()]
    assert "sources/index.md" not in pages and len(pages) == len(set(pages))
    assert [src for src in pages if src.startswith("sources/")] == ["sources/index-39c3be.md", "sources/other.md"]


# -- the search index ----------------------------------------------------------------------------


def test_one_event_in_every_script_adds_a_bounded_number_of_search_files():
    rng = random.Random(18)
    letters = [chr(c) for c in range(0x100, 0x30000) if chr(c).isalpha() and chr(c).lower() == chr(c)]
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 6))) for _ in range(14_000)]
    text = " ".join(words)[:65_536]
    files, small = index_files([{"location": "events/a/", "title": "Every script", "text": text}])
    shards = [name for name in files if name.startswith("s-")]
    assert len({word[:2] for word in words}) > 10 * BUCKETS  # the old keys, the first two letters: a file each
    assert len(shards) <= 36 * 37 + BUCKETS  # two ASCII letters or digits, or one; then the buckets
    assert len([key for key in small["config"]["timeline"]["shards"] if key.startswith("~")]) == BUCKETS
    assert small["config"]["timeline"]["buckets"] == BUCKETS
    word = text.split()[1234]
    assert word in parse_script(files[shard_file(shard_key(word))])[2]


# -- filters -------------------------------------------------------------------------------------


def test_an_outlet_with_a_bar_in_its_name_filters_as_one_outlet(browser, tmp_path):
    project = tmp_path / "project"
    config = fixture_project(project, pdf=False)
    for name, outlet in (("2025-03-01-bar", "Reuters | AFP"), ("2025-03-02-plain", "Reuters")):
        (project / "events" / f"{name}.md").write_text(
            HEAD.replace('date: "2025-01-01"', f'date: "{name[:10]}"') + f'    outlet: "{outlet}"\n---\nx[^a]\n',
            encoding="utf-8",
        )
    with serve(build_site(config)) as base:
        for outlet, shown in (("Reuters | AFP", ["2025-03-01-bar"]), ("Reuters", ["2025-03-02-plain"])):
            visit = Visit(browser, base + "timeline/", DESKTOP)
            try:
                visit.page.select_option("select[name=outlet]", outlet)
                visible = visit.page.locator(".tl-item:visible")
                assert [visible.nth(i).get_attribute("data-id") for i in range(visible.count())] == shown
                assert visit.errors == []
            finally:
                visit.close()
