"""A preview's rebuild renders only what an edit reaches, and gives what a full render gives.

``render/incremental.py`` renders again the pages an edit reaches and keeps the
others; ``render/search/live.py`` updates the search index where its documents
changed. Each kind of edit here is followed by both the update and a full
render of the same event files, and the two products must be equal: every
page, every data file, every search index file and the small index. The
paginated fixture (``page_size: 2``) splits every listing, so an edit has
year, tag, actor, figure and outlet pages to reach or to leave alone.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

from generator import pipeline
from generator.model.vocabulary import Vocabulary
from generator.render.incremental import update_product
from generator.render.product import make_product
from generator.render.site import Site

#: The paginated fixture's vocabulary, as its mkdocs.yml gives it.
VOCABULARY = Vocabulary.from_options(
    {"treaty": "Treaties", "casualties": "Casualties"},
    ["Russia", "North Korea", "Ukraine"],
    {
        "killed": {"label": "Soldiers killed", "unit": "soldiers"},
        "deployed": {"label": "Troops deployed", "unit": "soldiers"},
    },
)

SITE = Site("Paginated timeline", "A small timeline split into pages.", "https://paginated.example/", page_size=2)
SEARCH = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"], "fields": {}}
EDITED = "2024-03-15-second.md"


def _sub(pattern: str, new: str):
    return lambda text: re.sub(pattern, new, text, count=1, flags=re.M)


#: Each edit: what it does to the file's text (None: the file is removed).
EDITS = {
    "body": lambda text: text.rstrip("\n") + " Quokkalith words added.\n",
    "title": _sub(r"^title: .*$", "title: Second clash, retitled"),
    "summary": _sub(r"^summary: .*$", "summary: A summary written again."),
    "tags": _sub(r"^tags: .*$", "tags: [treaty]"),
    "actors": _sub(r"^actors: .*$", "actors: [Russia]"),
    "date within its month": _sub(r"^date: .*$", 'date: "2024-03-16"'),
    "date to another year": _sub(r"^date: .*$", 'date: "2023-01-02"'),
    "outlet": _sub(r"^    outlet: .*$", '    outlet: "Outlet Z"'),
    "a claim": _sub(
        r"^claims: \[\]$",
        'claims:\n  - figure: killed\n    value: 301\n    claimant: Officials\n    source: a\n    quote: "x"',
    ),
    "a heading in the body": lambda text: text.rstrip("\n") + "\n\n## A new section\n\nMore words.\n",
    "removed": None,
}


@pytest.fixture
def events(tmp_path) -> Path:
    folder = tmp_path / "events"
    shutil.copytree(FIXTURES / "paginated" / "events", folder)
    return folder


def _timeline(folder: Path, cache):
    return pipeline.load_timeline(folder, VOCABULARY, cache, snapshots_dir=folder.parent / "snapshots")


def _assert_same(updated, full) -> None:
    assert [p.src_uri for p in updated.pages] == [p.src_uri for p in full.pages]
    for mine, theirs in zip(updated.pages, full.pages, strict=True):
        assert mine == theirs, mine.src_uri
    assert updated.files == full.files
    assert updated.search_manifest == full.search_manifest
    assert updated.nav == full.nav


@pytest.mark.parametrize("edit", list(EDITS))
def test_an_update_after_an_edit_is_the_full_render(events, edit):
    cache = pipeline.ValidationCache()
    before = update_product(None, _timeline(events, cache), SITE, SEARCH)
    assert before.product == make_product(before.timeline, SITE, SEARCH)
    path = events / EDITED
    if EDITS[edit] is None:
        path.unlink()
    else:
        changed = EDITS[edit](path.read_text(encoding="utf-8"))
        assert changed != path.read_text(encoding="utf-8"), "the edit changes the file"
        path.write_text(changed, encoding="utf-8")
    timeline = _timeline(events, cache)
    after = update_product(before, timeline, SITE, SEARCH)
    _assert_same(after.product, make_product(timeline, SITE, SEARCH))
    # and back again, from the edited product
    again = update_product(after, _timeline(events, cache), SITE, SEARCH)
    _assert_same(again.product, make_product(again.timeline, SITE, SEARCH))


def _edited(events: Path, edit: str):
    """The product before and after ``edit``, and the pages rendered again for it, in order."""
    cache = pipeline.ValidationCache()
    before = update_product(None, _timeline(events, cache), SITE, SEARCH)
    path = events / EDITED
    path.write_text(EDITS[edit](path.read_text(encoding="utf-8")), encoding="utf-8")
    after = update_product(before, _timeline(events, cache), SITE, SEARCH)
    pairs = zip(after.product.pages, before.product.pages, strict=True)
    return before.product, after.product, [p.src_uri for p, q in pairs if p.html is not q.html]


def test_an_edit_of_one_body_renders_its_page_alone_and_the_index_where_its_words_are(events):
    before, after, rendered = _edited(events, "body")
    # its own page alone: no other page shows a body (no listing, no neighbour, not the home page)
    assert rendered == ["events/2024-03-15-second.md"]
    changed = sorted(name for name, text in after.files.items() if before.files.get(name) != text)
    assert "search/timeline/s-71-75.js" in changed  # "qu": the shard of the word added
    assert "search/timeline/s-66-72.js" not in changed  # "fr": no word of the edit
    assert "timeline.json" in changed  # the data files carry the body too


def test_a_title_edit_reaches_its_neighbours_and_the_listings_that_show_it(events):
    _before, _after, rendered = _edited(events, "title")
    for src in (
        "events/2024-03-15-second.md",
        "events/2024-03-01-first.md",  # its previous and next events, which name it
        "events/2024-11-arrival.md",
        "timeline/2024-03.md",
        "tags/treaty.md",
        "tags/casualties/2024-03.md",
        "actors/ukraine/2024.md",
        "sources/outlet-a-7c4967.md",
    ):
        assert src in rendered, src
    for src in ("timeline/2023.md", "timeline/2025.md", "events/2023-05-talks.md", "actors/russia.md"):
        assert src not in rendered, src


def test_a_rebuild_reads_only_the_files_whose_stat_changed(events, monkeypatch):
    from generator.check import batch

    read = []
    real = batch.read_bytes
    monkeypatch.setattr(batch, "read_bytes", lambda path: read.append(path.name) or real(path))
    monkeypatch.setattr(batch, "SETTLED_NS", 0)  # every stat trusted at once: the files were just copied
    cache = pipeline.ValidationCache()
    first = _timeline(events, cache)
    assert sorted(read) == sorted(p.name for p in events.glob("*.md"))
    read.clear()
    path = events / EDITED
    path.write_text(EDITS["title"](path.read_text(encoding="utf-8")), encoding="utf-8")
    again = _timeline(events, cache)
    assert read == [EDITED]
    assert again.events == _timeline(events, None).events
    assert [e for e in again.events if e.id != EDITED[:-3]] == [e for e in first.events if e.id != EDITED[:-3]]
    assert again.by_id[EDITED[:-3]].title == "Second clash, retitled"


def test_a_file_written_just_before_its_stat_is_read_again(events, monkeypatch):
    """A save within the file system's clock tick of the one before, at the same size, leaves the
    same stat: a stat is trusted only once the file has settled, so such a file is read again."""
    from generator.check import batch

    read = []
    real = batch.read_bytes
    monkeypatch.setattr(batch, "read_bytes", lambda path: read.append(path.name) or real(path))
    cache = pipeline.ValidationCache()
    _timeline(events, cache)  # every file was copied a moment ago
    read.clear()
    _timeline(events, cache)
    assert sorted(read) == sorted(p.name for p in events.glob("*.md"))
