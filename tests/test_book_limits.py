"""The book's inputs are bounded where the event files are checked, and what the bounds let through
fits: every footnote whole on its page, tables narrow and short enough to lay out quickly.

A footnote stands on the page of its call, and the footnotes one line calls share that page: a
source's outlet, title, author, via, credits and URL are bounded one by one and all together
(``check/rules.py``), and the PDF is read back to see that the longest ones the check accepts
print whole. Tables cost the typesetter by columns and cells (a 50-column table took the book's
first engine 10 s and 280 MB for one event): ``check/bodyshape.py`` bounds them, at the line that
crosses the bound.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import TODAY, VOCABULARY
from test_pdf import _poppler, pages_text  # noqa: F401 (_poppler: the module's tools, or a loud failure in CI)

from generator.check import body
from generator.check.rules import MAX_CITATION, MAX_CITATIONS, MAX_SOURCES
from generator.check.validate import validate_file
from generator.model.timeline import Timeline
from generator.write import pdf

HEAD = '---\ntitle: T\ndate: "2025-01-01"\nsummary: S\n'


def _tokens(source: int, chars: int) -> list[str]:
    """Words of wide capitals, each naming its source and place, ``chars`` characters in all."""
    words: list[str] = []
    while sum(len(word) + 1 for word in words) + 24 < chars:
        words.append(f"WWWWW{source}q{len(words)}")
    return words


def _sources(sizes: list[int]) -> tuple[str, set[str]]:
    """Front-matter sources whose outlet and credits run to exactly each size, and their words."""
    lines, words = ["sources:"], set()
    for i, size in enumerate(sizes):
        outlet = f"O{i}"
        tokens = _tokens(i, size - len(outlet))
        words |= set(tokens)
        credits, current = [], ""
        for token in tokens:
            if len(current) + len(token) + 1 > 290:
                credits.append(current.strip())
                current = ""
            current += token + " "
        credits += [current.strip()] if current else []
        filler = size - len(outlet) - sum(map(len, credits))
        credits += ["x" * filler] if filler else []  # to the exact size
        lines += [f"  - id: s{i}", f"    outlet: {outlet}", f"    credits: {json.dumps(credits)}"]
    return "\n".join(lines) + "\n", words


def _event(tmp_path: Path, front: str, text: str, name: str = "event.md") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + front + "---\n" + text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "sizes",
    [[MAX_CITATION], [MAX_CITATION, MAX_CITATIONS - MAX_CITATION], [MAX_CITATIONS // MAX_SOURCES] * MAX_SOURCES],
    ids=["one-longest", "two-longest", "twenty-sources"],
)
def test_the_longest_footnotes_the_check_accepts_print_whole(tmp_path, sizes):
    front, words = _sources(sizes)
    cited_on_one_line = "Intro." + "".join(f"[^s{i}]" for i in range(len(sizes)))
    event, problems = validate_file(_event(tmp_path, front, cited_on_one_line), VOCABULARY, TODAY)
    assert problems == [] and event is not None
    out = tmp_path / "book.pdf"
    pdf.write_pdf(Timeline([event], VOCABULARY), out, site_name="T", description="", progress=False)
    pages = pages_text(out)
    appendix = next(i for i, page in enumerate(pages) if "Every article cited in this book" in page)
    printed = set(re.findall(r"WWWWW\d+q\d+", " ".join(pages[:appendix])))
    assert printed == words, f"{len(words - printed)} words of the footnotes ran off their page"


def _problems(path: Path) -> list[str]:
    event, problems = validate_file(path, VOCABULARY, TODAY)
    assert event is None
    return [f"{p.line}:{p.col}: {p.message}" for p in problems]


def test_sources_too_long_or_too_many_for_the_book_are_refused_at_their_line(tmp_path):
    one_too_long, _ = _sources([MAX_CITATION + 1])
    assert _problems(_event(tmp_path, one_too_long, "x[^s0]")) == [
        "6:5: this source's outlet, label, title, author, printed date, origin, credits and URL run to 1,001 "
        "characters: at most 1,000 fit in one footnote of the book; shorten them"
    ]
    together_too_long, _ = _sources([900, 900, 201])
    assert _problems(_event(tmp_path, together_too_long, "x[^s0]")) == [
        "12:5: the sources' outlets, labels, titles, authors, printed dates, origins, credits and URLs run to more "
        "than 2,000 characters: the book's footnotes of one event must fit on one page; shorten them"
    ]
    too_many, _ = _sources([10] * (MAX_SOURCES + 1))
    assert _problems(_event(tmp_path, too_many, "x[^s0]")) == [
        "66:5: more than 20 sources: cite the 20 that matter, or split the event"
    ]


SOURCE = "sources:\n  - id: a\n"


def _table(columns: int, rows: int) -> str:
    header = "|" + "|".join(f"h{c}" for c in range(columns)) + "|\n|" + "---|" * columns + "\n"
    return header + "".join("|" + "|".join(f"c{r}.{c}" for c in range(columns)) + "|\n" for r in range(rows))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Intro.[^a]\n\n" + _table(50, 60),  # the 32 KB table that cost the book 10 s and 280 MB
            "10:1: a table row of 50 columns: at most 8, make the table narrower",
        ),
        ("Intro.[^a]\n\n" + _table(9, 2), "10:1: a table row of 9 columns: at most 8, make the table narrower"),
        ("Intro.[^a]\n\n" + _table(8, 80), "86:1: a table of more than 600 cells: split it or shorten it"),
        (
            "\n\n".join(["Intro.[^a]"] + [_table(8, 50)] * 4),
            "167:1: the body's tables have more than 1,200 cells in all: shorten them",
        ),
        (
            "Intro.[^a]\n\n<table>\n<tr>" + "<td>x</td>" * 9 + "</tr>\n</table>",
            "11:1: a table row of 9 columns: at most 8, make the table narrower",
        ),
    ],
    ids=["fifty-columns", "nine-columns", "601-cells", "1201-cells-in-all", "html-nine-columns"],
)
def test_tables_too_wide_or_too_large_for_the_book_are_refused_at_their_line(tmp_path, monkeypatch, text, expected):
    rendered = []
    monkeypatch.setattr(body, "_markdown", lambda text: rendered.append(text))
    assert _problems(_event(tmp_path, SOURCE, text)) == [expected]
    assert rendered == []  # refused before Python-Markdown or the book spend anything on it


def test_the_widest_and_largest_tables_the_check_accepts_make_a_book(tmp_path):
    text = "\n\n".join(["Intro.[^a]", _table(8, 74), _table(8, 74)])
    event, problems = validate_file(_event(tmp_path, SOURCE, text), VOCABULARY, TODAY)
    assert problems == [] and event is not None
    out = tmp_path / "book.pdf"
    pdf.write_pdf(Timeline([event], VOCABULARY), out, site_name="T", description="", progress=False)
    printed = " ".join(pages_text(out))
    assert "c73.7" in printed and "h7" in printed
