"""Quotes: every quote of a source with a snapshot is in that snapshot, word for word (the "check" step).

For each source that names a snapshot (``snapshots.py``), the words the file
says come from it must be in that page as read: the quotes of its claims, of its
reported dates and of its sides in disagreements, its headline, the date it
prints and the words that show where it comes from. Only quotation marks,
dashes and white space are normalised. A mismatch is reported at the quote's
own line and column, with where the words part from the page's.

Like ``rules``, this reads the raw front-matter, so that it runs even when the
schema has found problems elsewhere in the file.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..read.problems import Problem
from ..read.reader import RawEvent
from .rules import entries, references
from .snapshots import Snapshot, Snapshots, normalize

#: What the problems call each quoted field of a source.
SOURCE_WORDS = {"title": "headline", "date_printed": "printed date", "origin_quote": "origin quote"}
#: How much of each text a mismatch message shows.
SHOWN = 40

Quoted = tuple[tuple, str, str, str]  # (where in the data, source id, what it is, the words)


def check(raw: RawEvent, snapshots: Snapshots) -> list[Problem]:
    """Every problem with the snapshots the file's sources name, and with the words quoted from them."""
    data = raw.data or {}
    pages, problems = _pages(raw, data, snapshots)
    for loc, source_id, what, words in quoted(data):
        page = pages.get(source_id)
        if page is not None and normalize(words) not in page.text:
            message = f"{what} is not in snapshot {page.name} word for word: {parting(words, page)}"
            problems.append(raw.problem(loc, message))
    return problems


def _pages(raw: RawEvent, data: dict, snapshots: Snapshots) -> tuple[dict[str, Snapshot], list[Problem]]:
    """Source id -> its snapshot, for the sources that name one that could be read."""
    pages: dict[str, Snapshot] = {}
    problems = []
    for i, source in entries(data, "sources"):
        name = source.get("snapshot")
        if not isinstance(name, str) or not isinstance(source.get("id"), str):
            continue
        if name in snapshots.found:
            pages[source["id"]] = snapshots.found[name]
        elif name in snapshots.broken:
            problems.append(
                raw.problem(("sources", i, "snapshot"), f"snapshot '{name}' cannot be read: see its own problems")
            )
        else:
            message = f"snapshot '{name}' is not in the snapshots folder: save the page's text there as {name}"
            problems.append(raw.problem(("sources", i, "snapshot"), message))
    return pages, problems


def quoted(data: dict) -> Iterator[Quoted]:
    """Every text the file gives as a source's own words, with where it is and whose it is."""
    for i, source in entries(data, "sources"):
        for key, what in SOURCE_WORDS.items():
            if isinstance(source.get(key), str):
                yield ("sources", i, key), source.get("id"), what, source[key]
    for loc, item in references(data):
        if isinstance(item.get("quote"), str):
            yield (*loc, "quote"), item.get("source"), "quote", item["quote"]


def parting(words: str, page: Snapshot) -> str:
    """Where the words part from the page: the longest start of them the page has, and what follows.

    >>> page = Snapshot("a.txt", None, "of whom about 1,000 have been killed.")
    >>> parting("about 2,000 have been killed", page)
    'after “about” the page reads “1,000 have been killed.”, the quote “2,000 have been killed”'
    >>> parting("about 1,000 have been kiled", page)
    'after “about 1,000 have been” the page reads “killed.”, the quote “kiled”'
    >>> parting("Nothing like it", page)
    'the page has not even its start, “Nothing like it”'
    >>> parting("Of whom", page)
    'the page has it with other capitals, “of whom”'
    """
    text = normalize(words)
    if (at := page.text.lower().find(text.lower())) >= 0:
        return f"the page has it with other capitals, “{page.text[at : at + len(text)][:SHOWN]}”"
    low, high = 0, len(text)  # the longest start of the text that the page has, by halving
    while low < high:
        middle = (low + high + 1) // 2
        if text[:middle] in page.text:
            low = middle
        else:
            high = middle - 1
    start = text.rfind(" ", 0, low) + 1 if low < len(text) else low  # show the word that differs whole
    if start == 0:
        return f"the page has not even its start, “{text[:SHOWN]}”"
    at = page.text.index(text[:low]) + start
    low = start
    return (
        f"after “{_tail(text[:low].rstrip())}” the page reads “{page.text[at : at + SHOWN]}”, "
        f"the quote “{text[low : low + SHOWN]}”"
    )


def _tail(text: str) -> str:
    return text if len(text) <= SHOWN else "…" + text[-SHOWN:]
