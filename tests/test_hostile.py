"""Hostile event files: each is rejected with exact problems, or built with its payload inert.

``fixtures/hostile/NAME.md`` sits beside ``NAME.expected`` (rejected: the exact problem lines, as
in ``fixtures/bad``) or ``NAME.neutralised`` (built: a JSON spec of the payload; see the README
there). Every built case goes into one copy of the fixture site, built once, and every output of
that build is checked. Cases that need a folder, odd file names or megabytes are made here. Then
the limits (size, nesting, entries, the shape of a body: counted, never timed), atomic builds
(SIGKILL, SIGTERM) and reproducible builds (time zone, hash seed, locale, clock).
"""

from __future__ import annotations

import csv
import gzip
import html
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import feedparser
import pytest
from conftest import FIXTURES, ROOT, TODAY, VOCABULARY, fixture_project, regenerate
from sitecheck import Tree, digest, search_documents

from generator.check import body
from generator.check.batch import validate_paths
from generator.check.validate import MAX_PROBLEMS, validate_file
from generator.faces.mkdocs.build import TEMP_PREFIX, build_site
from generator.faces.mkdocs.settings import load_settings
from generator.pipeline import load_timeline
from generator.read.files import find_event_files
from generator.render.exports.csv_export import FORMULA_START

HOSTILE = FIXTURES / "hostile"
REJECTED = sorted(p for p in HOSTILE.glob("*.md") if p.with_suffix(".expected").exists())
BUILT = sorted(p for p in HOSTILE.glob("*.md") if p.with_suffix(".neutralised").exists())
SITE_NAME = "Fixture timeline"

#: A valid front-matter to put hostile parts after (fixture vocabulary).
HEAD = '---\ntitle: T\ndate: "2025-01-01"\nsummary: S\nsources:\n  - id: a\n'


def test_every_case_has_exactly_one_outcome():
    cases = sorted(p for p in HOSTILE.glob("*.md") if p.name != "README.md")
    assert len(REJECTED) >= 25 and len(BUILT) >= 7
    for path in cases:
        outcomes = [path.with_suffix(s).exists() for s in (".expected", ".neutralised")]
        assert outcomes.count(True) == 1, f"{path.name}: give it a .expected or a .neutralised file"
    for outcome in [*HOSTILE.glob("*.expected"), *HOSTILE.glob("*.neutralised")]:
        assert outcome.with_suffix(".md").exists(), f"{outcome.name} has no event file"


# -- rejected: exact problems ------------------------------------------------------------------


@pytest.mark.parametrize("path", REJECTED, ids=lambda p: p.stem)
def test_rejected_with_exact_problems(path):
    event, problems = validate_file(path, VOCABULARY, TODAY)
    got = [f"{p.line}:{p.col}: {p.message}" for p in sorted(problems)]
    assert all(p.path == f"tests/fixtures/hostile/{path.name}" for p in problems)
    expected_file = path.with_suffix(".expected")
    if regenerate():
        expected_file.write_text("\n".join(got) + "\n", encoding="utf-8")
    assert event is None
    assert got == expected_file.read_text(encoding="utf-8").splitlines()
    for line in got:  # what a terminal or a CI log would act on never comes back raw
        assert not re.search("[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069\ud800-\udfff]", line), line


def _big(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


#: name -> (file text, the exact problem lines). Made here: megabytes do not belong in the repository.
GENERATED = {
    "over-size-limit": (
        HEAD + "---\n" + "word " * 60_000,
        ["1:1: file is 300,066 bytes; an event file may be at most 262,144 bytes"],
    ),
    "one-megabyte-line": (
        "---\ntitle: " + "x" * 1_000_000 + "\n---\n",
        ["1:1: file is 1,000,016 bytes; an event file may be at most 262,144 bytes"],
    ),
    "long-line-under-the-limit": (
        HEAD.replace("title: T", "title: " + "x" * 200_000) + "---\n",
        ["2:8: 'title': is too long: at most 300 characters"],
    ),
    "long-list-item": (
        HEAD + f"    credits: [{'y' * 301}]\n---\n",
        ["7:15: 'credits' entry: is too long: at most 300 characters"],
    ),
    "long-prose": (HEAD + f"    note: {'z' * 2001}\n---\n", ["7:11: 'note': is too long: at most 2000 characters"]),
    "flow-nesting-100000-deep": (
        "---\ntitle: " + "[" * 100_000 + "\n---\n",
        ["2:19: nested more than 12 levels deep: an event is never this deep"],
    ),
    "mapping-nesting-deep": (
        "---\n" + "".join(" " * i + f"k{i}:\n" for i in range(20)) + "---\n",
        ["14:13: nested more than 12 levels deep: an event is never this deep"],
    ),
    "25000-keys": (
        "---\n" + "".join(f"k{i}: v\n" for i in range(25_000)) + "---\n",
        ["1002:1: more than 1,000 keys in one mapping: an event never has this many"],
    ),
    "block-quote-10000-deep": (
        HEAD + "---\n" + "> " * 10_000 + "deep\n",
        ["8:1: the body nests block quotes, lists or indented blocks more than 16 levels deep: simplify it"],
    ),
    "list-indented-150-deep": (
        HEAD + "---\n" + "\n".join("    " * i + f"- level {i}" for i in range(150)) + "\n",
        ["24:1: the body nests block quotes, lists or indented blocks more than 16 levels deep: simplify it"],
    ),
    "body-over-64k": (
        HEAD + "---\n" + "Words and more words. " * 3200,
        ["8:1: the body is 70,400 characters long: at most 65,536, shorten it or split the event"],
    ),
}


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    """The bodies Python-Markdown is given from now on."""
    bodies: list[str] = []
    real = body._markdown
    monkeypatch.setattr(body, "_markdown", lambda text: bodies.append(text) or real(text))
    return bodies


@pytest.mark.parametrize("name", GENERATED)
def test_oversized_and_deep_input_is_rejected_before_any_costly_step(name, tmp_path, rendered):
    text, expected = GENERATED[name]
    path = _big(tmp_path, "event.md", text)
    event, problems = validate_file(path, VOCABULARY, TODAY)
    assert event is None
    assert [f"{p.line}:{p.col}: {p.message}" for p in problems] == expected
    assert [text for text in rendered if text] == []  # no body of the file reached Python-Markdown


def test_40000_aliases_give_a_hundred_problems_and_a_count(tmp_path):
    path = _big(tmp_path, "event.md", "---\na: &x 1\nb: [" + ",".join(["*x"] * 40_000) + "]\n---\n")
    event, problems = validate_file(path, VOCABULARY, TODAY)
    assert event is None and len(problems) == MAX_PROBLEMS + 1
    assert str(problems[0]).endswith(":2:4: YAML anchors (&x) are not allowed: write each value out in full")
    assert problems[-1].message == "... and 902 more problems in this file: fix these first"


#: Bodies that each took seconds to render (the old time budget's cases, and others measured since),
#: refused now by what they count: (body, line of the body, column, message).
SLOW_BODIES = {
    "nested-brackets": (
        "[" * 20_000 + "x" + "]" * 20_000,
        0,
        501,
        "more than 500 markup characters (quotes, emphasis, brackets, tags, entities) in one paragraph: "
        "split it with blank lines or write less markup",
    ),
    "many-paragraphs": (
        "x\n\n" * 21_000,
        2_000,
        1,
        "the body has 42,001 lines: at most 2,000, shorten it or split the event",
    ),
    "smart-quotes": (
        "'\"" * 30_000,
        0,
        501,
        "more than 500 markup characters (quotes, emphasis, brackets, tags, entities) in one paragraph: "
        "split it with blank lines or write less markup",
    ),
    "apostrophes-in-paragraphs": (
        ("'" * 400 + "\n\n") * 26,
        25 * 2,
        1,
        "the body has more than 10,000 markup characters (quotes, emphasis, brackets, tags, entities): simplify it",
    ),
    "dashes-on-lines": (
        "-\n" * 300,
        200,
        1,
        "more than 200 lines without a blank line (one paragraph, list or table): break it up with blank lines",
    ),
    "unclosed-tags": (
        ("<x " * 100 + "\n\n") * 11,
        20,
        1,
        "the body has more than 1,000 '<' (raw HTML tags): simplify it",
    ),
    "brackets-in-paragraphs": (
        ("[[" * 100 + "\n\n") * 11,
        20,
        1,
        "the body has more than 2,000 square brackets (links and citations): simplify it",
    ),
}


@pytest.mark.parametrize("name", SLOW_BODIES)
def test_bodies_that_render_slowly_are_refused_by_what_they_count(name, tmp_path, rendered):
    text, line, col, message = SLOW_BODIES[name]
    path = _big(tmp_path, "slow.md", HEAD + "---\n" + text)
    event, problems = validate_file(path, VOCABULARY, TODAY)
    assert event is None
    assert [str(p) for p in problems] == [f"{path.as_posix()}:{8 + line}:{col}: {message}"]
    assert rendered == []


def test_the_verdict_does_not_depend_on_how_fast_the_machine_is(tmp_path):
    """A body at the limits, and one just past them, checked at full speed and slowed down many times
    over: the same verdicts. No limit reads a clock."""
    at_limit = "\n\n".join(["*a*" * 249 + "''"] * 20)  # 500 marks a paragraph, 10,000 in all
    past_limit = at_limit + "'"
    paths = [
        _big(tmp_path, f"{name}.md", HEAD + "---\n" + text) for name, text in (("at", at_limit), ("past", past_limit))
    ]
    fast = [validate_file(path, VOCABULARY, TODAY) for path in paths]

    def busy(frame, event, arg):  # every call and return costs some work: a machine under load
        sum(range(50))

    sys.setprofile(busy)
    try:
        slow = [validate_file(path, VOCABULARY, TODAY) for path in paths]
    finally:
        sys.setprofile(None)
    assert slow == fast
    assert fast[0][0] is not None and fast[0][1] == []
    assert fast[1][0] is None and "in one paragraph" in fast[1][1][0].message
    clocks = [
        f"{path.relative_to(ROOT)}: {word}"
        for path in (ROOT / "generator").rglob("*.py")
        for word in ("setitimer", "SIGALRM", "TIMELINE_TIME_BUDGET")
        if word in path.read_text(encoding="utf-8")
    ]
    assert clocks == []


def test_limits_are_listed_and_every_text_field_has_a_length_limit():
    """Every string in the front-matter models (list items included) has a max_length."""
    from generator.check.schema import EventMeta

    schema = EventMeta.model_json_schema()
    unbounded = []

    def walk(node, where):
        if isinstance(node, dict):
            if node.get("type") == "string" and "maxLength" not in node and "enum" not in node and "const" not in node:
                unbounded.append(where)
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(schema, "#")
    assert unbounded == []


# -- file names: reported, never built under a colliding URL -----------------------------------


def test_odd_file_names_are_reported_or_skipped_never_built(tmp_path):
    events = tmp_path / "events"
    (events / "sub").mkdir(parents=True)
    (events / ".git").mkdir()
    good = (FIXTURES / "good" / "minimal.md").read_bytes()
    names = [
        "with space.md",
        "UPPER.md",
        unicodedata.normalize("NFC", "café.md"),
        unicodedata.normalize("NFD", "café.md"),
        ".hidden.md",
        ".#lock.md",
        "x.MD",
        "y.markdown",
        "A.md",
        "a.md",
        "sub/a.md",
        ".git/config.md",
        "notes.txt",
        "\x1b[31mred.md",
        "newline\n.md",
        os.fsdecode(b"bad\xff.md"),
    ]
    for name in names:
        (events / name).write_bytes(good)
    if hasattr(os, "mkfifo"):
        os.mkfifo(events / "pipe.md")  # never opened: reading a FIFO would wait for ever
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_bytes(good)
    (events / "linked").symlink_to(outside, target_is_directory=True)  # a way out of the folder: refused
    paths, problems = find_event_files(events)
    found, more = validate_paths(paths, VOCABULARY, TODAY)
    prefix = events.as_posix() + "/"
    got = sorted(str(p).replace(prefix, "") for p in problems + more)
    assert got == sorted(
        [
            ".hidden.md:1:1: hidden file (its name starts with '.'): it would not be built; "
            "rename it without the '.' or move it out of the events folder",
            "A.md:1:1: file name must be lowercase letters, digits and hyphens: rename it to 'a.md'",
            "UPPER.md:1:1: file name must be lowercase letters, digits and hyphens: rename it to 'upper.md'",
            "\\x1b[31mred.md:1:1: file name must be lowercase letters, digits and hyphens: rename it to '31mred.md'",
            "bad\\xff.md:1:1: file name must be lowercase letters, digits and hyphens: rename it to 'bad.md'",
            "café.md:1:1: file name must be lowercase letters, digits and hyphens: rename it to 'caf.md'",
            unicodedata.normalize("NFD", "café.md")
            + ":1:1: file name must be lowercase letters, digits and hyphens: rename it to 'cafe.md'",
            "newline\\n.md:1:1: file name must be lowercase letters, digits and hyphens: rename it to 'newline.md'",
            "notes.txt:1:1: only Markdown event files (.md) belong in the events folder",
            *(
                ["pipe.md:1:1: not a regular file: only Markdown event files (.md) belong in the events folder"]
                if hasattr(os, "mkfifo")
                else []
            ),
            "linked:1:1: symbolic links are not allowed in the events folder: commit the file itself",
            "sub/a.md:1:1: event id 'a' is already used by a.md: rename one file",
            "with space.md:1:1: file name must be lowercase letters, digits and hyphens: rename it to 'with-space.md'",
            "x.MD:1:1: event files end in '.md', in lowercase: rename it to 'x.md'",
            "y.markdown:1:1: event files end in '.md', in lowercase: rename it to 'y.md'",
        ]
    )
    assert [event.id for event in found] == ["a"]  # the one valid name; every URL is events/<id>/


def test_check_prints_no_terminal_or_workflow_command_from_a_file_name(tmp_path):
    config = (FIXTURES / "site" / "mkdocs.yml").read_text()
    (tmp_path / "mkdocs.yml").write_text(config)
    events = tmp_path / "events"
    events.mkdir()
    good = (FIXTURES / "good" / "minimal.md").read_bytes()
    for name in ("\x1b[2J\x1b[31mred.md", "x\n::warning file=a::injected.md", "notes\n::error::x.txt"):
        (events / name).write_bytes(good)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--format", "github"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and all(line.startswith("::error file=events/") for line in lines), lines
    assert "\x1b" not in result.stdout + result.stderr


# -- built: one site with every case, every output checked -------------------------------------


def _spec(path: Path) -> dict:
    spec = json.loads(path.with_suffix(".neutralised").read_text(encoding="utf-8"))
    assert set(spec) <= {"why", "markers", "visible", "absent", "pdf", "links"}, path.name
    return {"markers": [], "visible": [], "absent": [], "pdf": [], "links": [], **spec}


SPECS = {path.stem: _spec(path) for path in BUILT}
MARKERS = sorted({m for spec in SPECS.values() for m in spec["markers"]} | {"alert("})


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The fixture site with every built case added, built once: (site folder, events by id)."""
    project = tmp_path_factory.mktemp("hostile-project")
    config = fixture_project(project)
    for path in BUILT:
        shutil.copy(path, project / "events" / path.name)
    site = build_site(config)
    settings, problems = load_settings(config)
    assert not problems
    timeline = load_timeline(settings.events_dir, settings.vocabulary, snapshots_dir=settings.snapshots_dir)
    return site, {e.id: e for e in timeline.events if e.id in SPECS}


def _url(value: str) -> str:
    """A URL as a browser would act on it, and then some: entities decoded until none is left,
    white space and controls removed, backslashes as slashes, lowercased."""
    previous = None
    while previous != value:
        previous, value = value, html.unescape(value)
    return re.sub(r"[\s\x00-\x1f\x7f]+", "", value).replace("\\", "/").lower()


URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "xlink:href",
    "background",
    "srcset",
    "cite",
    "longdesc",
    "ping",
    "codebase",
    "manifest",
    "icon",
    "lowsrc",
    "dynsrc",
}
NEVER = {"iframe", "object", "embed", "frame", "frameset", "applet", "base"}


def _executable(script) -> bool:
    kind = script.attrs.get("type", "").strip().lower()
    return kind in ("", "module") or "javascript" in kind or "ecmascript" in kind


def live_payload(markup: str, markers=MARKERS) -> list[str]:
    """Everything in an HTML document or fragment that a browser would run or load from a payload."""
    found = []
    for element in Tree(markup).elements:
        where = f"<{element.tag} {element.attrs}>"
        if element.tag in NEVER or any(m in element.tag for m in markers):
            found.append(f"element {where}")
        if element.tag == "meta" and element.attrs.get("http-equiv", "").strip().lower() == "refresh":
            found.append(f"meta refresh {where}")
        for name, value in element.attrs.items():
            if name.startswith("on") or any(m in name for m in markers):
                found.append(f"attribute {name} in {where}")
            if name == "style" and any(m in value for m in markers):
                found.append(f"style {where}")
            if name in URL_ATTRIBUTES:
                for url in value.split(",") if name == "srcset" else [value]:
                    url = _url(url.strip().split(" ")[0] if name == "srcset" else url)
                    if url.startswith(("javascript:", "data:", "vbscript:", "//")):
                        found.append(f"{name}={value!r} in {where}")
        if element.tag == "script":
            if _executable(element) and any(m in element.text + element.attrs.get("src", "") for m in markers):
                found.append(f"executable script with a payload: {element.text[:80]!r}")
            if element.attrs.get("type") == "application/ld+json":
                if "<" in element.text:
                    found.append("'<' inside JSON-LD")
                json.loads(element.text)
        if element.tag == "style" and any(m in element.text for m in markers):
            found.append(f"style element with a payload: {element.text[:80]!r}")
    return found


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _text_values(event) -> list[str]:
    """Every free-text value of an event's front-matter."""
    meta = event  # the model carries the front-matter's fields
    values = [meta.title, meta.summary, meta.location, meta.date_note]
    for s in meta.sources:
        values += [s.label, s.title, s.outlet, s.origin, s.origin_quote, s.date_printed, s.author, s.note, s.url]
        values += [s.left_out, *s.credits]
    for claim in meta.claims:
        values += [claim.claimant, claim.quote, claim.note]
    for item in meta.reported_dates:
        values += [item.quote, item.claimant, item.note]
    for disagreement in meta.disagreements:
        values += [disagreement.topic, disagreement.note]
        values += [v for side in disagreement.sides for v in (side.quote, side.claimant, side.note)]
    return [v for v in values if v]


def test_every_html_page_has_nothing_live(hostile):
    site, _ = hostile
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    found = {str(p.relative_to(site)): live_payload(p.read_text(encoding="utf-8")) for p in pages}
    assert {page: items for page, items in found.items() if items} == {}


def test_offline_edition_pages_and_search_have_nothing_live(hostile):
    site, _ = hostile
    editions = list(site.glob("*.zip"))
    if not editions:
        pytest.skip("no offline edition in this build")
    with zipfile.ZipFile(editions[0]) as archive:
        names = archive.namelist()
        assert any(n.endswith(".html") for n in names)
        for name in names:
            if name.endswith(".html"):
                assert live_payload(archive.read(name).decode("utf-8")) == [], name
            elif "search_index" in name:  # the manifest of the sharded index: no document text
                text = archive.read(name).decode("utf-8")
                index = json.loads(text[text.index("{") : text.rindex("}") + 1])
                assert index["docs"] == [] and index["config"]["timeline"]["docs"] > 0


def test_titles_head_and_json_ld_carry_the_raw_text(hostile):
    site, events = hostile
    assert set(events) == set(SPECS)
    for event_id, event in events.items():
        tree = Tree((site / "events" / event_id / "index.html").read_text(encoding="utf-8"))
        meta = event  # the model carries the front-matter's fields
        assert tree.find("title")[0].text == f"{meta.title} - {SITE_NAME}"
        assert tree.find("h1")[0].text == meta.title
        named = {m.attrs.get("name") or m.attrs.get("property"): m.attrs.get("content") for m in tree.find("meta")}
        assert named["description"] == meta.summary
        assert named["og:title"] == meta.title and named["og:description"] == meta.summary
        blocks = [json.loads(s.text) for s in tree.find("script") if s.attrs.get("type") == "application/ld+json"]
        assert len(blocks) == 1
        assert blocks[0]["name"] == meta.title and blocks[0]["about"]["description"] == meta.summary
        if meta.location:
            assert blocks[0]["about"]["location"]["name"] == meta.location


def test_every_front_matter_value_and_spec_text_is_visible_as_text(hostile):
    site, events = hostile
    for event_id, event in events.items():
        spec = SPECS[event_id]
        markup = (site / "events" / event_id / "index.html").read_text(encoding="utf-8")
        tree = Tree(markup)
        article = _collapse(tree.find("article", "tl-event")[0].text)
        for value in _text_values(event) + spec["visible"]:
            assert _collapse(value) in article, (event_id, value)
        hrefs = [a.attrs.get("href") for a in tree.find("a")]
        for link in spec["links"]:
            assert link in hrefs, (event_id, link)


def _event_outputs(site: Path, event_id: str) -> str:
    """What a reader's tools show of one event: its page, search entries, feed entry, CSV row, slide."""
    parts = [(site / "events" / event_id / "index.html").read_text(encoding="utf-8")]
    parts += [d["title"] + d["text"] for d in search_documents(site) if d["location"].startswith(f"events/{event_id}/")]
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    parts += [e.title + e.summary for e in feed.entries if e.id.endswith(f"events/{event_id}")]
    parts += [
        line
        for line in (site / "events.csv").read_text(encoding="utf-8").splitlines()
        if line.startswith(event_id + ",")
    ]
    slides = json.loads((site / "timelinejs.json").read_text(encoding="utf-8"))["events"]
    parts += [json.dumps(s, ensure_ascii=False) for s in slides if s["unique_id"] == event_id]
    return "\n".join(parts)


def test_what_a_template_or_a_live_element_would_produce_is_absent(hostile):
    site, events = hostile
    for event_id in events:
        outputs = _event_outputs(site, event_id)
        for text in SPECS[event_id]["absent"]:
            assert text not in outputs, (event_id, text)


def test_search_index_holds_plain_text_the_worker_escapes(hostile):
    """The index keeps text, not markup: a title is the contributor's text as written, and the
    teaser is the page's text with every tag dropped (the worker escapes both when it answers;
    tests/test_searchindex.py shows it does)."""
    site, events = hostile
    docs = search_documents(site)
    for event_id, event in events.items():
        page = [d for d in docs if d["location"] == f"events/{event_id}/"]
        assert [d["title"] for d in page] == [event.title]
        shown = _collapse(
            Tree((site / "events" / event_id / "index.html").read_text(encoding="utf-8"))
            .find("article", "tl-event")[0]
            .text
        )
        assert _collapse(page[0]["text"].removesuffix("…")) in shown, event_id  # what the page shows as text


def test_data_exports_parse_and_carry_the_raw_text(hostile):
    site, events = hostile
    records = {r["id"]: r for r in json.loads((site / "timeline.json").read_text(encoding="utf-8"))["events"]}
    slides = {s["unique_id"]: s for s in json.loads((site / "timelinejs.json").read_text(encoding="utf-8"))["events"]}
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((site / "events.csv").read_text(encoding="utf-8")))}
    csl = {item["id"]: item for item in json.loads((site / "sources.csl.json").read_text(encoding="utf-8"))}
    for row in rows.values():
        for column, cell in row.items():
            assert not cell.startswith(FORMULA_START), (row["id"], column, cell)
    for event_id, event in events.items():
        meta = event  # the model carries the front-matter's fields
        record = records[event_id]
        for key in ("title", "summary", "location", "date_note"):
            assert record[key] == getattr(meta, key), (event_id, key)
        assert [s["title"] for s in record["sources"]] == [s.title for s in meta.sources]
        assert [(c["claimant"], c["quote"]) for c in record["claims"]] == [(c.claimant, c.quote) for c in meta.claims]
        slide = slides[event_id]
        assert slide["text"]["headline"] == html.escape(meta.title, quote=True)
        assert "<script" not in json.dumps(slide).lower()
        for element in Tree(slide["text"]["text"]).elements:
            assert element.tag in ("p", "a") and set(element.attrs) <= {"href"}, (event_id, element.tag, element.attrs)
            assert _url(element.attrs.get("href", "https:")).startswith(("https:", "http:"))
        guarded = [
            (("'" + text) if text.startswith(FORMULA_START) else text)
            for text in (meta.title, meta.summary, meta.location or "")
        ]
        assert [rows[event_id][k] for k in ("title", "summary", "location")] == guarded
        for source in meta.sources:
            item = csl.get(f"{event_id}/{source.id}")
            if item is not None:
                assert item.get("title") == source.title and item.get("container-title") == source.outlet
    text = (site / "timelinejs.json").read_text(encoding="utf-8").lower()
    for markup in ("<script", "<img", "<svg", "<iframe", "<b on", "<base", "<object", "<embed"):
        assert markup not in text


def test_feed_and_sitemaps_parse_and_the_feed_titles_are_the_raw_text(hostile):
    site, events = hostile
    ET.fromstring((site / "feed.xml").read_bytes())
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    entries = {e.id.rsplit("/", 1)[-1]: e for e in feed.entries}
    for event_id, event in events.items():
        assert entries[event_id].title == event.title
        assert entries[event_id].summary == event.summary
        assert entries[event_id].title_detail.type == "text/plain"
    sitemap = (site / "sitemap.xml").read_bytes()
    locations = [e.text for e in ET.fromstring(sitemap).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert all(f"https://timeline.example/events/{event_id}/" in locations for event_id in events)
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == sitemap


def _tool(*args) -> str:
    if shutil.which(str(args[0])) is None:
        message = f"{args[0]} not found: poppler-utils is needed (Debian: see .ci/system-packages)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _unbroken(text: str) -> str:
    """PDF text without white space or hyphens: the book breaks lines and hyphenates words."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


def test_pdf_prints_the_payloads_as_text_and_links_nothing_dangerous(hostile):
    site, events = hostile
    text = _unbroken(_tool("pdftotext", site / "timeline.pdf", "-"))
    for event_id, event in events.items():
        for value in [event.title, event.summary, *SPECS[event_id]["pdf"]]:
            assert _unbroken(value) in text, (event_id, value)
    links = re.findall(r'href="([^"]*)"', _tool("pdftohtml", "-xml", "-stdout", "-i", site / "timeline.pdf"))
    assert links and not [
        link for link in links if _url(link).startswith(("javascript:", "data:", "vbscript:", "file:", "//"))
    ]


# -- atomic builds -------------------------------------------------------------------------------


def _event_text(n: int) -> str:
    day = f"2023-{1 + n % 12:02d}-{1 + n % 28:02d}"
    body = "\n\n".join(
        f"Paragraph {p} of generated event {n}, long enough to lay out a page of the book." * 3 for p in range(4)
    )
    return (
        f'---\ntitle: Generated event {n}\ndate: "{day}"\nsummary: Event {n}, made by the test.\n'
        f"tags: [treaty]\nsources:\n  - id: a\n    outlet: Outlet {n % 7}\n---\n{body}[^a]\n"
    )


@pytest.fixture(scope="module")
def slow_project(tmp_path_factory):
    """The fixture site, built once into site/, and 300 more events for a build that takes a while."""
    project = tmp_path_factory.mktemp("slow-project")
    config = fixture_project(project)
    build_site(config)
    extra = project / "extra"
    extra.mkdir()
    for n in range(300):
        (extra / f"2023-generated-{n:03d}.md").write_text(_event_text(n), encoding="utf-8")
    return project


def _start_slow_build(project: Path) -> subprocess.Popen:
    """Add the 300 events and start a build; return once it is writing its temporary folder."""
    for path in (project / "extra").iterdir():
        shutil.copy(path, project / "events" / path.name)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--site-dir", "site"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 120
    while not _temporaries(project) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # well inside MkDocs and the book by now
    assert process.poll() is None, f"the build ended before it could be stopped: {process.communicate()[0]}"
    return process


def _remove_extra_events(project: Path) -> None:
    for path in (project / "extra").iterdir():
        (project / "events" / path.name).unlink(missing_ok=True)


def _interrupted_build(project: Path, signum: int) -> tuple[subprocess.Popen, str]:
    """A slow build sent ``signum`` mid-way, waited for; its extra events removed again."""
    process = _start_slow_build(project)
    try:
        process.send_signal(signum)
        output, _ = process.communicate(timeout=60)
    finally:
        _remove_extra_events(project)
    return process, output


def _temporaries(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(TEMP_PREFIX))


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
def test_a_killed_build_leaves_the_previous_site_and_the_next_build_cleans_up(slow_project):
    site = slow_project / "site"
    before = digest(site)
    process, _ = _interrupted_build(slow_project, signal.SIGKILL)
    assert process.returncode == -signal.SIGKILL
    assert digest(site) == before, "a build killed mid-way changed the previous site"
    assert _temporaries(slow_project), "the killed build should have left its temporary folder"
    build_site(slow_project / "mkdocs.yml")
    assert _temporaries(slow_project) == [], "the next build must remove what a killed build left"
    assert digest(site) == before  # same events: the same site again


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or sys.platform == "win32", reason="POSIX signals")
def test_sigterm_stops_the_build_which_removes_its_temporary_folder(slow_project):
    site = slow_project / "site"
    before = digest(site)
    process, output = _interrupted_build(slow_project, signal.SIGTERM)
    assert process.returncode == 128 + signal.SIGTERM, output
    assert "build stopped by SIGTERM: the previous site was left as it was" in output
    assert "Traceback" not in output
    assert _temporaries(slow_project) == []
    assert digest(site) == before


# -- reproducible builds ------------------------------------------------------------------------

#: Loaded by every Python started with this folder on PYTHONPATH: moves the clock by FAKE_CLOCK_SHIFT seconds.
FAKE_CLOCK = """
import os
_shift = float(os.environ.get("FAKE_CLOCK_SHIFT") or 0)
if _shift:
    import datetime as _dt, time as _time
    _real_time, _real_time_ns = _time.time, _time.time_ns
    _time.time = lambda: _real_time() + _shift
    _time.time_ns = lambda: _real_time_ns() + int(_shift * 1e9)
    for _name in ("localtime", "gmtime", "ctime"):
        shifted = (lambda f: lambda secs=None: f(_time.time() if secs is None else secs))(getattr(_time, _name))
        setattr(_time, _name, shifted)
    _real_strftime = _time.strftime
    _time.strftime = lambda fmt, t=None: _real_strftime(fmt, _time.localtime() if t is None else t)

    class _ShiftedDatetime(_dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return _dt.datetime.fromtimestamp(_time.time(), tz)

        @classmethod
        def utcnow(cls):
            return _dt.datetime.utcfromtimestamp(_time.time())

        @classmethod
        def today(cls):
            return _dt.datetime.fromtimestamp(_time.time())

    _dt.datetime = _ShiftedDatetime
"""

#: Two machines as unlike as one host allows: time zone (UTC and UTC+14), hash seed, locale, and
#: a clock three days and seven hours apart.
MACHINES = {
    "a": {"TZ": "UTC", "PYTHONHASHSEED": "1", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "FAKE_CLOCK_SHIFT": "0"},
    "b": {
        "TZ": "Pacific/Kiritimati",
        "PYTHONHASHSEED": "4242",
        "LC_ALL": "POSIX",
        "LANG": "POSIX",
        "FAKE_CLOCK_SHIFT": str(3 * 86400 + 7 * 3600),
    },
}
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


@pytest.fixture(scope="module")
def twin_builds(tmp_path_factory):
    """The fixture site built four times at once: machines a and b, with and without SOURCE_DATE_EPOCH."""
    shim = tmp_path_factory.mktemp("clock")
    (shim / "sitecustomize.py").write_text(FAKE_CLOCK)
    processes = {}
    for epoch in (EPOCH, None):
        for machine, settings in MACHINES.items():
            project = tmp_path_factory.mktemp(f"twin-{machine}-{'epoch' if epoch else 'clock'}")
            fixture_project(project)
            env = {
                k: v
                for k, v in os.environ.items()
                if k not in ("SOURCE_DATE_EPOCH", "LANGUAGE") and not k.startswith("LC_")
            }
            env.update(settings, PYTHONPATH=os.pathsep.join([str(shim), str(ROOT)]), NO_MKDOCS_2_WARNING="1")
            if epoch:
                env["SOURCE_DATE_EPOCH"] = epoch
            processes[(machine, epoch)] = (
                project,
                subprocess.Popen(
                    [sys.executable, "-m", "generator", "build", "--site-dir", "site"],
                    cwd=project,
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                ),
            )
    sites = {}
    for key, (project, process) in processes.items():
        output, _ = process.communicate(timeout=600)
        assert process.returncode == 0, output
        sites[key] = project / "site"
    return sites


def _differences(one: Path, other: Path) -> list[str]:
    a, b = digest(one), digest(other)
    return sorted(name for name in set(a) | set(b) if a.get(name) != b.get(name))


def test_the_clock_shim_really_moves_the_clock(tmp_path):
    (tmp_path / "sitecustomize.py").write_text(FAKE_CLOCK)
    code = "import datetime, time; print(int(time.time()), int(datetime.datetime.now().timestamp()))"
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "FAKE_CLOCK_SHIFT": "86400"}
    shifted = [
        int(x)
        for x in subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True).stdout.split()
    ]
    assert all(abs(value - time.time() - 86400) < 30 for value in shifted)


def test_same_source_date_epoch_gives_byte_identical_sites(twin_builds):
    one, other = twin_builds[("a", EPOCH)], twin_builds[("b", EPOCH)]
    names = digest(one)
    for expected in (
        "sitemap.xml.gz",
        "search/search_index.json",
        "timeline.pdf",
        "timeline.json",
        "timelinejs.json",
        "events.csv",
        "sources.csl.json",
        "feed.xml",
        "sitemap.xml",
    ):
        assert expected in names
    assert _differences(one, other) == []


def test_without_source_date_epoch_sites_are_identical_but_for_the_sitemap_gzip_header(twin_builds):
    one, other = twin_builds[("a", None)], twin_builds[("b", None)]
    assert _differences(one, other) in ([], ["sitemap.xml.gz"])
    assert gzip.decompress((one / "sitemap.xml.gz").read_bytes()) == gzip.decompress(
        (other / "sitemap.xml.gz").read_bytes()
    )


def test_without_source_date_epoch_even_the_sitemap_gzip_is_identical(twin_builds):
    one, other = twin_builds[("a", None)], twin_builds[("b", None)]
    assert (one / "sitemap.xml.gz").read_bytes() == (other / "sitemap.xml.gz").read_bytes()
