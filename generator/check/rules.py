"""Rules across fields: references resolve, words come from the vocabularies.

The second half of the "check" step. The schema has checked each value on
its own; these rules check what needs the whole file or the vocabularies: the
file name, source ids, claim, disagreement and footnote references, tags,
actors, figures, ranges, a source's lineage (an origin says how sure its link
is), dates that cannot be in the future, and sources that fit the book's
footnotes.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterator

from ..model.dates import DateError
from ..model.vocabulary import SLUG, Vocabulary, reserved
from ..read.problems import Problem
from ..read.reader import RawEvent
from .edtf import parse
from .schema import NUMBER

FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")


def check(raw: RawEvent, vocab: Vocabulary, today: datetime.date) -> list[Problem]:
    """Every rule's problems for one event file.

    Rules read the raw data, not the model, so that they run even when the
    schema has found problems elsewhere in the file; a value of the wrong type
    is skipped here because the schema reports it.
    """
    data = raw.data or {}
    return [
        *_file_name(raw),
        *_source_ids(raw, data),
        *_references(raw, data),
        *_lineage(raw, data),
        *_vocabulary(raw, data, vocab),
        *_ranges(raw, data),
        *_not_future(raw, data, today),
        *_footnotes(raw, data),
        *_book_footnotes(raw, data),
    ]


def entries(data: dict, key: str) -> Iterator[tuple[int, dict]]:
    """The mapping entries of a list-valued key, with their indexes."""
    items = data.get(key)
    for i, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict):
            yield i, item


def _words(data: dict, key: str) -> list:
    value = data.get(key)
    return value if isinstance(value, list) else []


def _source_id_list(data: dict) -> list[str]:
    return [s["id"] for _, s in entries(data, "sources") if isinstance(s.get("id"), str)]


def _file_name(raw: RawEvent) -> Iterator[Problem]:
    if not SLUG.match(raw.path.stem):
        wanted = re.sub(r"[^a-z0-9]+", "-", raw.path.stem.lower()).strip("-") or "event"
        yield Problem(
            raw.shown, 1, 1, f"file name must be lowercase letters, digits and hyphens: rename it to '{wanted}.md'"
        )
    elif reserved(raw.path.stem):  # the id would be the anchor of the event page's references, say
        yield Problem(
            raw.shown,
            1,
            1,
            f"file name '{raw.path.stem}' is a name the site's own pages or anchors use "
            "(index, references, ref-1, tl-...): rename the file, starting it with its date",
        )


def _source_ids(raw: RawEvent, data: dict) -> Iterator[Problem]:
    seen: set[str] = set()
    for i, source in entries(data, "sources"):
        if source.get("id") in seen:
            yield raw.problem(
                ("sources", i, "id"),
                f"source id '{source['id']}' is used twice in this file: give each source its own id",
            )
        if isinstance(source.get("id"), str):
            seen.add(source["id"])


def _references(raw: RawEvent, data: dict) -> Iterator[Problem]:
    ids = _source_id_list(data)
    for loc, item in references(data):
        ref = item.get("source")
        if isinstance(ref, str) and ref not in ids:
            yield raw.problem((*loc, "source"), f"'source': '{ref}' is not a source of this file{_hint(ref, ids)}")


def references(data: dict) -> Iterator[tuple[tuple, dict]]:
    """Every entry that names a source of the file (claims, reported dates, the sides of
    disagreements), with where it is."""
    for key in ("claims", "reported_dates"):
        for i, item in entries(data, key):
            yield (key, i), item
    for i, disagreement in entries(data, "disagreements"):
        for j, side in entries(disagreement, "sides"):
            yield ("disagreements", i, "sides", j), side


def _lineage(raw: RawEvent, data: dict) -> Iterator[Problem]:
    """An origin says how sure its link is; a label stands only where no outlet is named."""
    for i, source in entries(data, "sources"):
        if source.get("origin") is not None and source.get("origin_link") is None:
            yield raw.problem(
                ("sources", i, "origin"),
                "'origin' needs 'origin_link': stated (the page says so), apparent (only signs of it) or unknown",
            )
        if source.get("origin_quote") is not None and source.get("origin") is None:
            yield raw.problem(("sources", i, "origin_quote"), "'origin_quote' shows a link to an 'origin': name it")
        if source.get("label") is not None and source.get("outlet") is not None:
            yield raw.problem(
                ("sources", i, "label"),
                "'label' names a page whose outlet is not named; this one names its 'outlet': remove 'label'",
            )


def _vocabulary(raw: RawEvent, data: dict, vocab: Vocabulary) -> Iterator[Problem]:
    for key, known in (("tags", vocab.tags), ("actors", vocab.actors)):
        words = _words(data, key)
        for i, word in enumerate(words):
            if not isinstance(word, str):
                continue
            if word not in known:
                yield raw.problem((key, i), f"{key}: '{word}' is not declared in mkdocs.yml{vocab.suggest(key, word)}")
            elif word in words[:i]:
                yield raw.problem((key, i), f"{key}: '{word}' is listed twice")
    for i, claim in entries(data, "claims"):
        figure = claim.get("figure")
        if isinstance(figure, str) and figure not in vocab.figures:
            yield raw.problem(
                ("claims", i, "figure"),
                f"figure '{figure}' is not declared in mkdocs.yml{vocab.suggest('figures', figure)}",
            )


def _ranges(raw: RawEvent, data: dict) -> Iterator[Problem]:
    for i, claim in entries(data, "claims"):
        low, high = _number_or_none(claim.get("value")), _number_or_none(claim.get("value_max"))
        if low is not None and high is not None and high <= low:
            yield raw.problem(
                ("claims", i, "value_max"),
                f"'value_max' ({claim['value_max']}) must be greater than 'value' ({claim['value']})",
            )


def _number_or_none(text: object) -> float | None:
    return float(text) if isinstance(text, str) and NUMBER.match(text) else None


def _not_future(raw: RawEvent, data: dict, today: datetime.date) -> Iterator[Problem]:
    for i, source in entries(data, "sources"):
        for key in ("accessed", "published"):
            text = source.get(key)
            try:
                start = parse(text).start if isinstance(text, str) else None
            except DateError:
                continue  # the schema reports it
            day = start.earliest() if start else None
            if day and day > today:
                yield raw.problem(
                    ("sources", i, key), f"'{key}' {text} is in the future (today is {today.isoformat()})"
                )


def _footnotes(raw: RawEvent, data: dict) -> Iterator[Problem]:
    ids = _source_id_list(data)
    for number, line in enumerate(raw.body.split("\n"), start=raw.body_line):
        for found in FOOTNOTE.finditer(line):
            if found.group(1) not in ids:
                yield Problem(
                    raw.shown,
                    number,
                    found.start() + 1,
                    f"footnote [^{found.group(1)}] names no source of this file{_hint(found.group(1), ids)}",
                )


#: The book prints each source as a footnote, on the page of its call, and footnotes called from
#: one line must share that page: bounded so that they always fit whole.
MAX_SOURCES = 20
MAX_CITATION = 1_000
MAX_CITATIONS = 2_000
#: What the book prints of a source in its footnote (render/templates/citation.html), as written.
CITATION_FIELDS = ("outlet", "label", "title", "author", "date_printed", "origin", "credits", "url")


def _book_footnotes(raw: RawEvent, data: dict) -> Iterator[Problem]:
    """Sources few and short enough that the book's footnotes of one event fit on one page."""
    total = 0
    for i, source in entries(data, "sources"):
        if i == MAX_SOURCES:
            message = f"more than {MAX_SOURCES} sources: cite the {MAX_SOURCES} that matter, or split the event"
            yield raw.problem(("sources", i), message)
            return
        length = sum(len(text) for text in _texts(source, CITATION_FIELDS))
        total += length
        if length > MAX_CITATION:
            yield raw.problem(
                ("sources", i),
                f"this source's outlet, label, title, author, printed date, origin, credits and URL run to {length:,} "
                f"characters: at most {MAX_CITATION:,} fit in one footnote of the book; shorten them",
            )
        elif total > MAX_CITATIONS:
            yield raw.problem(
                ("sources", i),
                "the sources' outlets, labels, titles, authors, printed dates, origins, credits and URLs run to more "
                f"than {MAX_CITATIONS:,} characters: the book's footnotes of one event must fit on one page; "
                "shorten them",
            )
            return


def _texts(entry: dict, keys: tuple[str, ...]) -> Iterator[str]:
    for key in keys:
        value = entry.get(key)
        yield from (v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str))


def _hint(word: str, known: list[str]) -> str:
    close = difflib.get_close_matches(word, known, n=1)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f" (sources here: {', '.join(known)})" if known else ""


def advice(raw: RawEvent, meta: object) -> Iterator[tuple[int, int, str]]:
    """What a valid file could do better, as (line, column, message): a page with no headline that
    names no outlet needs a label, or readers cannot tell it from other such pages."""
    for i, source in enumerate(getattr(meta, "sources", [])):
        if not (source.title or source.outlet or source.label):
            problem = raw.problem(
                ("sources", i, "id"),
                f"source '{source.id}' has no headline and names no outlet: give it a 'label' that "
                "tells it from other untitled pages",
            )
            yield problem.line, problem.col, problem.message
