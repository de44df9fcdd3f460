"""The shape of a body, counted: what makes Python-Markdown slow, bounded before it runs (the "check" step).

Python-Markdown's cost grows faster than the text in a few ways, each measured
(``tests/benchmarks/body_shapes.py`` packs every shape to these limits):

* every line a block processor takes alone makes the ``tables`` extension read
  the rest of its block again: quadratic in the lines of one block (a paragraph,
  a list, a table: lines without a blank line between them);
* every element placed in the tree is looked up among its siblings: quadratic
  in the blocks and list items of the body;
* every inline match (a quote, an emphasis, a bracket, a tag, an entity)
  rebuilds the text it was found in: quadratic in the markup of one paragraph;
* an opening ``[`` or ``<`` looks ahead for its closing ``]`` or ``>``:
  quadratic in the brackets and angle brackets of the body.

So the body is bounded by counting, not by a clock: the same file gets the same
verdict on any machine, however loaded. The limits are far above what prose
needs (the longest paragraph of this timeline has 10 markup characters in 9
lines) and keep the slowest body found that they allow at about 0.5 s (eight
times a 64 KiB body of plain prose; shapes that took 5 to 17 s are refused).

Tables are bounded too, for the book: a wide table or a table of thousands of
cells costs the typesetter seconds and hundreds of megabytes for one event,
where the check costs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

#: Lines in the whole body, blank ones included.
MAX_LINES = 2_000
#: Lines in one block: a paragraph, a list or a table without a blank line.
MAX_BLOCK_LINES = 200
#: Markup characters (:data:`MARK`) in one block, and in the whole body.
MAX_BLOCK_MARKS = 500
MAX_MARKS = 10_000
#: Square brackets ``[`` ``]`` in the whole body (links, citations).
MAX_BRACKETS = 2_000
#: Opening angle brackets ``<`` in the whole body (raw HTML tags).
MAX_TAGS = 1_000
#: Columns of one table row, cells of one table, and cells in the whole body.
MAX_TABLE_COLUMNS = 8
MAX_TABLE_CELLS = 600
MAX_CELLS = 1_200

#: What Python-Markdown and its smarty extension read as inline markup.
MARK = re.compile(r"""['"*_`<>&\[\]!\\~]|--|\.\.\.""")
#: A Markdown table's second line: the row of dashes under its header.
TABLE_RULE = re.compile(r"^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
#: A cell, a row or a table in raw HTML.
HTML_TABLE = re.compile(r"<(/?)(table|tr|td|th)\b", re.IGNORECASE)

Found = tuple[int, int, str]  # (line in the body from 0, column from 1, message)


def shape_problems(text: str) -> list[Found]:
    """The first limit the body crosses, where it crosses it; [] within every limit.

    >>> shape_problems("Plain prose, 'quoted' *once*.")
    []
    >>> shape_problems("x\\n" * 2_001)[0][:2]
    (2000, 1)
    """
    for found in chain(_lines(text), _marks(text), _tables(text)):  # lazily: the first one found
        return [found]
    return []


def _lines(text: str) -> Iterator[Found]:
    lines = text.split("\n")
    if len(lines) > MAX_LINES:
        yield MAX_LINES, 1, f"the body has {len(lines):,} lines: at most {MAX_LINES:,}, shorten it or split the event"
    run = 0
    for number, line in enumerate(lines):
        run = run + 1 if line.strip() else 0
        if run > MAX_BLOCK_LINES:
            yield (
                number,
                1,
                f"more than {MAX_BLOCK_LINES} lines without a blank line (one paragraph, list or table): "
                f"break it up with blank lines",
            )
            return


def _marks(text: str) -> Iterator[Found]:
    """Markup in one block and in the body, then brackets and tags in the body."""
    totals = {"marks": 0, "[": 0, "<": 0}
    limits = {
        "marks": (MAX_MARKS, "markup characters (quotes, emphasis, brackets, tags, entities)"),
        "[": (MAX_BRACKETS, "square brackets (links and citations)"),
        "<": (MAX_TAGS, "'<' (raw HTML tags)"),
    }
    in_block = 0
    for number, line in enumerate(text.split("\n")):
        if not line.strip():
            in_block = 0
        for found in MARK.finditer(line):
            in_block += 1
            if in_block > MAX_BLOCK_MARKS:
                yield (
                    number,
                    found.start() + 1,
                    f"more than {MAX_BLOCK_MARKS} markup characters (quotes, emphasis, brackets, tags, entities) "
                    "in one paragraph: split it with blank lines or write less markup",
                )
                return
            kinds = ["marks"] + (["["] if found.group() in "[]" else ["<"] if found.group() == "<" else [])
            for kind in kinds:
                totals[kind] += 1
                limit, what = limits[kind]
                if totals[kind] > limit:
                    yield number, found.start() + 1, f"the body has more than {limit:,} {what}: simplify it"
                    return


def _tables(text: str) -> Iterator[Found]:
    """Columns and cells of the Markdown tables and the raw HTML tables of the body."""
    cells = 0
    for number, columns, table_cells, added in (*_markdown_tables(text), *_html_tables(text)):
        cells += added
        if columns > MAX_TABLE_COLUMNS:
            yield number, 1, f"a table row of {columns} columns: at most {MAX_TABLE_COLUMNS}, make the table narrower"
            return
        if table_cells > MAX_TABLE_CELLS:
            yield number, 1, f"a table of more than {MAX_TABLE_CELLS} cells: split it or shorten it"
            return
        if cells > MAX_CELLS:
            yield number, 1, f"the body's tables have more than {MAX_CELLS:,} cells in all: shorten them"
            return


def _markdown_tables(text: str) -> Iterator[tuple[int, int, int, int]]:
    """(line, columns, cells of its table so far, cells added) at each row of each Markdown table."""
    lines = text.split("\n")
    number = 1
    while number < len(lines):
        if "|" in lines[number - 1] and TABLE_RULE.match(lines[number]) and "-" in lines[number]:
            in_table = 0
            row = number - 1
            while row < len(lines) and lines[row].strip():
                if row != number:  # the row of dashes is no row of cells
                    columns = len(re.findall(r"(?<!\\)\|", lines[row].strip().strip("|"))) + 1
                    in_table += columns
                    yield row, columns, in_table, columns
                row += 1
            number = row
        number += 1


def _html_tables(text: str) -> Iterator[tuple[int, int, int, int]]:
    """(line, cells of its row so far, cells of its table so far, 1) at each cell of raw HTML tables."""
    columns = in_table = line = seen = 0
    for found in HTML_TABLE.finditer(text):
        line, seen = line + text.count("\n", seen, found.start()), found.start()
        closing, tag = found.group(1), found.group(2).lower()
        if tag == "table" or (tag == "tr" and not closing):
            columns = 0 if tag == "tr" else columns
            in_table = 0 if tag == "table" and not closing else in_table
        elif tag in ("td", "th") and not closing:
            columns += 1
            in_table += 1
            yield line, columns, in_table, 1
