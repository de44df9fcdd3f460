"""The shortcuts taken for speed give what the slow paths give, and keep every limit.

libyaml's C composer against the strict composer, the reused Markdown instance and each body
rendered once (its HTML carried on the model), cached date parsing, path display, validation in
worker processes against one process, and the validation cache against no cache.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, TODAY, VOCABULARY

from generator.check import batch, body, edtf
from generator.model.vocabulary import Vocabulary
from generator.read import yamlstrict
from generator.read.files import find_event_files
from generator.read.problems import display_path
from generator.render.citations import link_citations

GOOD = sorted((FIXTURES / "good").glob("*.md"))
REAL = sorted((ROOT / "events").glob("*.md"))


def _front(path) -> str:
    text = path.read_bytes().decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n")
    assert text.startswith("---\n"), path
    return "\n" + text[4:].split("\n---\n", 1)[0]


def _strict(text, monkeypatch) -> yamlstrict.Document:
    with monkeypatch.context() as patch:
        patch.setattr(yamlstrict, "CParser", None)  # the pure-Python parser and strict composer
        return yamlstrict.compose(text)


def _fields(doc):
    return doc.data, doc.values, doc.keys, doc.quoted, doc.problems


# -- front-matter: libyaml's nodes ---------------------------------------------------------------


@pytest.mark.skipif(yamlstrict.CParser is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize("path", GOOD + REAL, ids=lambda p: p.name)
def test_c_composer_and_strict_composer_agree_on_every_good_and_real_file(path, monkeypatch):
    text = _front(path)
    fast = yamlstrict._c_nodes(text)
    if fast is None:  # only text with &, *, ! or << may leave the C path
        assert any(special in text for special in yamlstrict.SPECIAL), path.name
        return
    assert _fields(fast) == _fields(_strict(text, monkeypatch))
    assert _fields(yamlstrict.compose(text)) == _fields(fast)


def test_most_real_files_take_the_c_path():
    taken = [path.name for path in GOOD + REAL if yamlstrict._c_nodes(_front(path)) is not None]
    assert len(taken) >= len(GOOD + REAL) - 2, taken


@pytest.mark.skipif(yamlstrict.CParser is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize(
    "text",
    [
        "\na: 1\na: 2\n",  # duplicate key
        "\n? [a, b]\n: c\n",  # complex key
        "\nb:\n  - x\n  - {c: d, c: e}\n",  # nested duplicate
        "\na: " + "[" * 13 + "]" * 13 + "\n",  # 13 levels: one too many
        "\n" + "".join(" " * i + f"k{i}:\n" for i in range(20)),
        "\nlist: [" + ", ".join(["x"] * 1001) + "]\n",  # 1,001 entries
        "\n" + "".join(f"k{i}: v\n" for i in range(1001)),
        "\na: b\n...\nc: d\n",  # not YAML the way it is written
        "\na: 'unclosed\n",
    ],
    ids=[
        "duplicate",
        "complex-key",
        "nested-duplicate",
        "flow-depth",
        "block-depth",
        "long-list",
        "many-keys",
        "document-end",
        "unclosed-quote",
    ],
)
def test_every_problem_is_reported_as_the_strict_composer_reports_it(text, monkeypatch):
    assert yamlstrict._c_nodes(text) is None  # a problem: the other composers report it
    got = yamlstrict.compose(text)
    assert got.problems and _fields(got) == _fields(_strict(text, monkeypatch))


@pytest.mark.skipif(yamlstrict.CParser is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize(
    "text",
    [
        "\ntitle: " + "[" * 100_000,  # crashed libyaml's C composer
        "\n" + "- " * 20_000 + "x\n",
        "\n" + "".join(" " * i + f"k{i}:\n" for i in range(300)),
    ],
    ids=["flow", "compact-lists", "indentation"],
)
def test_text_that_could_nest_past_the_c_composers_stack_never_reaches_it(text, monkeypatch):
    assert not yamlstrict._shallow(text)
    monkeypatch.setattr(yamlstrict, "_CNodes", None)  # reaching it now would be a TypeError
    assert yamlstrict.compose(text).problems[0][1] == "nested more than 12 levels deep: an event is never this deep"


def test_shallow_bound_lets_ordinary_and_moderately_nested_text_through():
    assert yamlstrict._shallow(_front(GOOD[0]))
    assert yamlstrict._shallow("\na: " + "[" * 400 + "]" * 400 + "\n")
    assert not yamlstrict._shallow("\na: " + "[" * 501 + "]" * 501 + "\n")


# -- bodies: one Markdown instance, one render per body ------------------------------------------


def _render(text: str, numbers: dict) -> str:
    """A body as an event page shows it: checked and rendered, then its citations linked."""
    html, problems = body.body_html(text)
    assert problems == [] and html is not None
    return link_citations(html, numbers)


def test_a_body_leaves_nothing_behind_for_the_next():
    first = _render("[home]: https://example.org/\n\nSee [home].", {})
    assert 'href="https://example.org/"' in first
    assert _render("Also [home].", {}) == "<p>Also [home].</p>"


def test_an_interrupted_render_does_not_spoil_the_next(monkeypatch):
    text = "> - quoted list\n\n" + "Para with [^s] and *em*."
    expected = _render(text, {"s": 1})
    real = body.markdown.Markdown.convert
    calls = []

    def interrupted(self, source):
        if not calls:
            calls.append(self)
            self.parser.state.set("looselist")  # what a conversion cut short leaves behind
            raise RecursionError
        calls.append(self)
        return real(self, source)

    monkeypatch.setattr(body.markdown.Markdown, "convert", interrupted)
    assert body.body_html(text) == (
        None,
        [(0, 1, "the body is nested too deeply to render: simplify its block quotes and lists")],
    )
    assert _render(text, {"s": 1}) == expected
    assert calls[0] is not calls[1]  # the spoilt instance was dropped


def test_each_body_goes_through_markdown_once_and_its_html_is_carried_on_the_model(tmp_path, monkeypatch):
    """Checked once; the event page and the book link its citations without Markdown."""
    from generator.model.timeline import Timeline
    from generator.render.book import book_data
    from generator.render.site import Renderer, Site

    for i in range(3):
        (tmp_path / f"body-{i}.md").write_text(
            f'---\ntitle: T{i}\ndate: "2025-01-0{i + 1}"\nsummary: S\nsources:\n  - id: a\n---\nBody {i} with [^a].\n'
        )
    converted = []
    real = body.markdown.Markdown.convert
    monkeypatch.setattr(body.markdown.Markdown, "convert", lambda self, s: converted.append(s) or real(self, s))
    events, problems = batch.validate_paths(sorted(tmp_path.glob("*.md")), VOCABULARY, TODAY)
    assert problems == [] and len(converted) == 3
    timeline = Timeline(events, VOCABULARY)
    pages = Renderer(timeline, Site()).pages()
    book_data(timeline, site_name="T", description="")
    assert len(converted) == 3
    assert all('href="#ref-1">[1]</a></sup>' in p.html for p in pages if p.event)


# -- dates ----------------------------------------------------------------------------------------


def test_parsed_dates_are_shared_and_immutable():
    assert edtf.parse("2024-10~/2024-11") is edtf.parse("2024-10~/2024-11")
    with pytest.raises(AttributeError):
        edtf.parse("2024").start.year = 2025


@pytest.mark.parametrize("value", [None, 2024, ["2024"], {"y": 2024}])
def test_values_that_are_not_text_are_refused_not_crashing_the_cache(value):
    with pytest.raises(edtf.DateError):
        edtf.parse(value)


@pytest.mark.parametrize("text, column", [("2024\u2003", 4), ("20\u00a024", 2), ("\u30002024", 0)])
def test_unicode_spaces_are_found(text, column):
    with pytest.raises(edtf.DateError, match="has spaces") as error:
        edtf.parse(text)
    assert error.value.column == column


# -- paths ----------------------------------------------------------------------------------------


def test_display_path_resolves_folders_and_dot_names_never_a_linked_file(tmp_path, monkeypatch):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.md").write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "real" / "b.md").symlink_to(tmp_path / "real" / "a.md")
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "link" / "a.md") == "real/a.md"
    assert display_path(tmp_path / "real" / "b.md") == "real/b.md"  # a linked file: its own name, not its target's
    assert display_path(Path("real/..")) == "."
    assert display_path(Path("/nowhere/x.md")) == "/nowhere/x.md"
    monkeypatch.chdir(tmp_path / "real")
    assert display_path(tmp_path / "real" / "a.md") == "a.md"  # the working directory is looked up each time


# -- validation in worker processes ---------------------------------------------------------------


@pytest.fixture
def folder(tmp_path):
    """Good files, bad ones, an id used twice and a body too slow to render, in one folder."""
    events = tmp_path / "events"
    (events / "sub").mkdir(parents=True)
    for path in GOOD + sorted((FIXTURES / "bad").glob("*.md"))[:12]:
        shutil.copy(path, events / path.name)
    shutil.copy(GOOD[0], events / "sub" / GOOD[0].name)
    head = '---\ntitle: T\ndate: "2025-01-01"\nsummary: S\nsources:\n  - id: a\n---\n'
    (events / "slow.md").write_text(head + "'\"" * 30_000, encoding="utf-8")
    return events


def test_workers_give_what_one_process_gives(folder, monkeypatch):
    paths, _ = find_event_files(folder)
    monkeypatch.setattr(batch, "CHUNK", 3)
    serial = batch.validate_paths(paths, VOCABULARY, TODAY)
    monkeypatch.setattr(batch, "PARALLEL_FROM", 2)
    # Threads earlier tests left behind (servers) would keep validation in this process.
    monkeypatch.setattr(batch.threading, "active_count", lambda: 1)
    assert batch._workers(len(paths)) >= min(2, len(os.sched_getaffinity(0)))
    parallel = batch.validate_paths(list(reversed(paths)), VOCABULARY, TODAY)
    assert parallel == serial
    shown = [str(p) for p in parallel[1]]
    assert any(
        line.endswith(
            "slow.md:8:501: more than 500 markup characters (quotes, emphasis, brackets, tags, entities) "
            "in one paragraph: split it with blank lines or write less markup"
        )
        for line in shown
    )
    assert any("is already used by" in line for line in shown) and len({p.path for p in parallel[1]}) >= 10
    assert all(event.body_html for event in parallel[0])  # rendered once, in a worker, carried on the Event


def test_few_files_or_other_threads_mean_one_process(monkeypatch):
    assert batch._workers(batch.PARALLEL_FROM - 1) == 1
    monkeypatch.setattr(batch.threading, "active_count", lambda: 2)
    assert batch._workers(10_000) == 1


# -- the validation cache ---------------------------------------------------------------------------


def test_a_cached_check_reports_exactly_what_a_cold_check_reports(folder, monkeypatch):
    """The cache never hides a problem: the same events and problems, and a changed file checked again."""
    paths, _ = find_event_files(folder)
    cold = batch.validate_paths(paths, VOCABULARY, TODAY)
    cache = batch.ValidationCache()
    assert batch.validate_paths(paths, VOCABULARY, TODAY, cache) == cold
    converted = []
    real = body.markdown.Markdown.convert
    monkeypatch.setattr(body.markdown.Markdown, "convert", lambda self, s: converted.append(s) or real(self, s))
    assert batch.validate_paths(paths, VOCABULARY, TODAY, cache) == cold
    assert converted == []  # nothing changed: nothing checked again
    good = next(p for p in paths if p.name == GOOD[0].name and p.parent == folder)
    good.write_text(good.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    changed = batch.validate_paths(paths, VOCABULARY, TODAY, cache)
    assert len(converted) == 1  # only the changed file
    assert changed == batch.validate_paths(paths, VOCABULARY, TODAY)
    assert any(p.path.endswith(good.name) and "unknown key 'titel'" in p.message for p in changed[1])


def test_the_cache_starts_again_for_another_vocabulary_or_day(folder):
    paths, _ = find_event_files(folder)
    cache = batch.ValidationCache()
    batch.validate_paths(paths, VOCABULARY, TODAY, cache)
    narrower = Vocabulary.from_options({"treaty": "Treaties"}, ["Russia"], {})
    assert batch.validate_paths(paths, narrower, TODAY, cache) == batch.validate_paths(paths, narrower, TODAY)
    earlier = TODAY.replace(year=2024)
    assert batch.validate_paths(paths, VOCABULARY, earlier, cache) == batch.validate_paths(paths, VOCABULARY, earlier)
