"""Tests of the real content: the event files validate, every quote is checked against the project's
own snapshots of the articles (``snapshots/``), and the prose quotes and credits no more than they may.

``check`` itself verifies every structured quote, headline, printed date and origin quote against the
snapshot of its own source; these tests hold the content to the rest of the editorial rules: every
source has a snapshot, each page is named by what was read (never by the outlet it credits), the words
the prose puts in quotation marks are the articles' own, and the prose does not copy long runs of an
article's words without quotation marks. Nothing here reads a file outside the repository.
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from generator.check.batch import validate_paths
from generator.check.snapshots import load_snapshots, normalize
from generator.faces.mkdocs.settings import load_settings
from generator.read.files import find_event_files
from generator.render.format import outlet_label

#: Fewer events than this means files went missing.
MIN_EVENTS = 14
#: This many words of an article in a row, outside quotation marks, is copying, not paraphrase.
COPIED_WORDS = 8
#: Words in quotation marks: straight or curly double quotes (single quotes nest inside them).
QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”')
CITED = re.compile(r"\[\^([a-z0-9-]+)\]")


def _settings():
    settings, problems = load_settings(ROOT / "mkdocs.yml")
    assert not problems, "\n".join(map(str, problems))
    assert settings is not None
    return settings


def _events():
    settings = _settings()
    paths, found = find_event_files(settings.events_dir)
    events, invalid = validate_paths(paths, settings.vocabulary, snapshots_dir=settings.snapshots_dir)
    return events, found + invalid


@pytest.fixture(scope="module")
def events():
    events, problems = _events()
    assert not problems, "\n".join(map(str, problems))
    return events


@pytest.fixture(scope="module")
def snapshots() -> dict[str, str]:
    """Snapshot name -> its text as quotes are compared."""
    found, problems = load_snapshots(_settings().snapshots_dir, datetime.date.today())
    assert not problems, "\n".join(map(str, problems))
    return {name: snapshot.text for name, snapshot in found.found.items()}


def test_the_snapshots_are_the_projects_own():
    folder = _settings().snapshots_dir
    assert folder == ROOT / "snapshots" and folder.is_dir()
    assert len(list(folder.glob("*.txt"))) == 5 and (folder / "README.md").is_file()


def test_events_are_valid_and_complete():
    events, problems = _events()
    assert not problems, "\n".join(map(str, problems))
    assert len(events) >= MIN_EVENTS, f"only {len(events)} valid events; expected at least {MIN_EVENTS}"


def test_every_source_has_a_snapshot_so_every_quote_was_checked(events, snapshots):
    missing = [f"{e.shown}: source '{s.id}'" for e in events for s in e.sources if s.snapshot not in snapshots]
    assert not missing, "sources without a snapshot:\n" + "\n".join(missing)
    assert {s.snapshot for e in events for s in e.sources} == set(snapshots), "a snapshot no source uses"


def test_each_page_is_named_by_what_was_read_never_by_the_outlet_it_credits(events):
    wrong = []
    for event in events:
        for source in event.sources:
            if outlet_label(source) in (source.origin, *source.credits):
                wrong.append(f"{event.shown}: source '{source.id}' is listed as {outlet_label(source)!r}")
            if source.origin and source.origin_link is None:
                wrong.append(f"{event.shown}: source '{source.id}' does not say how sure its origin is")
    assert not wrong, "\n".join(wrong)


def test_untitled_pages_have_short_distinct_labels(events):
    labels: dict[str, str] = {}
    for event in events:
        for source in event.sources:
            if not source.title:
                assert source.label and len(source.label) <= 80, f"{event.shown}: '{source.id}' needs a short label"
                assert labels.setdefault(source.label, source.snapshot) == source.snapshot, source.label
    assert len(labels) >= 2


def test_no_source_has_a_url(events):
    with_url = [f"{event.shown}: source '{s.id}'" for event in events for s in event.sources if s.url]
    assert not with_url, "the snapshots print no URLs:\n" + "\n".join(with_url)


def test_same_source_id_is_described_identically_everywhere(events):
    seen: dict[str, tuple] = {}
    different = []
    for event in events:
        for source in event.sources:
            if source.id in seen and seen[source.id][1] != source:  # frozen dataclasses: equal when every field is
                different.append(f"{event.shown}: source '{source.id}' differs from {seen[source.id][0]}")
            seen.setdefault(source.id, (event.shown, source))
    assert not different, "\n".join(different)


def _quotes(text: str) -> list[str]:
    """The passages a text puts in double quotation marks, cut at an ellipsis (words left out)."""
    found = [a or b for a, b in QUOTED.findall(text)]
    return [piece.strip(" ,.;:") for quote in found for piece in quote.split("…") if piece.strip(" ,.;:")]


def _paragraphs(body: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", body) if p.strip()]


def test_words_in_quotation_marks_are_the_articles_own(events, snapshots):
    """In a body, a quote is in the snapshot of a source its paragraph cites; in the summary, a note
    or a label, it is in one of the snapshots (notes compare articles, and quote them for it)."""
    wrong = []
    everything = list(snapshots.values())
    for event in events:
        pages = {s.id: snapshots[s.snapshot] for s in event.sources}
        for paragraph in _paragraphs(event.body):
            cited = [pages[i] for i in CITED.findall(paragraph)]
            wrong += [f"{event.shown}: body {q!r}" for q in _quotes(paragraph) if not _in_any(q, cited)]
        for text in _prose(event):
            wrong += [f"{event.shown}: {q!r}" for q in _quotes(text) if not _in_any(q, everything)]
    assert not wrong, "quoted words that are not the article's:\n" + "\n".join(wrong)


def _in_any(quote: str, pages: list[str]) -> bool:
    return any(normalize(quote) in page for page in pages)


def _prose(event) -> list[str]:
    texts = [event.title, event.summary, event.date_note]
    for source in event.sources:
        texts += [source.label, source.note, source.left_out]
    texts += [item.note for item in (*event.claims, *event.reported_dates)]
    for disagreement in event.disagreements:
        texts += [disagreement.topic, disagreement.note, *(side.note for side in disagreement.sides)]
    return [t for t in texts if t]


def test_bodies_copy_no_run_of_an_articles_words_without_quotation_marks(events, snapshots):
    copied = []
    for event in events:
        pages = {s.id: snapshots[s.snapshot] for s in event.sources}
        for paragraph in _paragraphs(event.body):
            words = normalize(CITED.sub(" ", QUOTED.sub(" | ", paragraph))).split()
            for page in (pages[i] for i in set(CITED.findall(paragraph))):
                for start in range(len(words) - COPIED_WORDS + 1):
                    run = " ".join(words[start : start + COPIED_WORDS])
                    if "|" not in run and run.strip(",.;:") in page:
                        copied.append(f"{event.shown}: {run!r}")
    assert not copied, "article words without quotation marks:\n" + "\n".join(sorted(set(copied)))


def test_changing_one_word_of_a_quote_makes_check_fail_at_that_quote(tmp_path):
    """What a contributor meets: `check` in a copy of the project, one word of one quote changed."""
    for name in ("events", "snapshots", "theme", "mkdocs.yml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    event = tmp_path / "events" / "2025-01-think-tank-cites-south-korean-intelligence-on-losses.md"
    lines = event.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines, 1) if line.lstrip().startswith("quote:") and "2,700" in line)
    lines[number - 1] = lines[number - 1].replace("2,700 wounded", "2,700 injured", 1)
    event.write_text("\n".join(lines), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check"], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 1
    column = lines[number - 1].index('"') + 1
    assert result.stdout.splitlines() == [
        f"events/{event.name}:{number}:{column}: quote is not in snapshot telegraph-pelican.txt word for word: "
        "after “…losses at more than 300 killed and 2,700” the page reads “wounded, around 25-30 per cent of the or”, "
        "the quote “injured, around 25-30 per cent of the or”"
    ]
    shutil.copy(ROOT / "events" / event.name, event)  # the article's words again: check passes
    again = subprocess.run(
        [sys.executable, "-m", "generator", "check"], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert again.returncode == 0, again.stdout


def test_snapshots_are_not_published(tmp_path):
    """Snapshots are for checking: the site lies in events/ (docs_dir) and the generated pages only."""
    assert not (ROOT / "events" / "snapshots").exists()
    assert _settings().snapshots_dir.resolve() != _settings().events_dir.resolve()
    assert Path(_settings().events_dir).resolve() not in Path(_settings().snapshots_dir).resolve().parents
