"""``events.csv``: one row per event, for spreadsheets.

UTF-8, a header row, ``\\n`` line ends, quoting by the ``csv`` module. Lists
(tags, actors, outlets) are joined by "; ". ``outlets`` names each page read
by its outlet (or label), followed by where it says or seems to come from:
"Pelican Press (apparently from The Telegraph)". Sources and claims are
counted here; their details are in ``timeline.json``.

Cells are guarded against CSV formula injection: see :func:`guard`.
"""

from __future__ import annotations

import csv
import io
import re

from ...model.event import Event
from ...model.timeline import Timeline
from ..dates import label
from ..format import source_name
from ..paths import event_src, url_of
from .json_export import day_range
from .kept import Kept, part

FILENAME = "events.csv"
COLUMNS = (
    "id",
    "date",
    "date_label",
    "date_start",
    "date_end",
    "title",
    "summary",
    "tags",
    "actors",
    "location",
    "outlets",
    "source_count",
    "claim_count",
    "url",
)
# Spreadsheets (Excel, LibreOffice, Google Sheets) treat a cell that starts with
# one of these as a formula, and a formula can run commands (DDE) or send data
# elsewhere (HYPERLINK, IMPORTXML). Event files are written by many hands, so
# any such cell is prefixed with an apostrophe, which spreadsheets read as "this
# is text" (OWASP's advice). A spreadsheet importing this file with another
# separator (a semicolon, a tab: the usual choice where the comma is the decimal
# mark) starts a cell after each of those too, and ignores the quotes around
# it: so every place a comma, semicolon, tab or line end could start a cell is
# guarded the same way. The cost: a value like "-0044" (45 BCE) reads "'-0044",
# and "a; -5" reads "a; '-5" in a plain text editor.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Where any of the usual separators could start a cell, then a formula (after spaces and quotes).
FORMULA_PIECE = re.compile(r"(^|[,;\t\r\n])([ \"]*)([=+\-@])")


def render(timeline: Timeline, *, directory_urls: bool = True, kept: Kept | None = None) -> str:
    lines = [
        part(
            kept,
            ("csv", directory_urls),
            event,
            lambda event=event: _line([guard(cell) for cell in row(event, directory_urls)]),
        )
        for event in timeline.events
    ]
    return _line(list(COLUMNS)) + "".join(lines)


def _line(cells: list) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


def guard(cell: str | int | None) -> str | int:
    """The cell as a spreadsheet will read it as text, never as a formula, whatever the separator
    it is imported with.

    >>> guard("=HYPERLINK(\\"http://x\\")"), guard("@SUM(1)"), guard("plain"), guard(3), guard(None)
    ('\\'=HYPERLINK("http://x")', "'@SUM(1)", 'plain', 3, '')
    >>> guard("Kursk;=CMD()"), guard("a\\t=1"), guard('x, "+1"'), guard("\\tx")
    ("Kursk;'=CMD()", "a\\t'=1", 'x, "\\'+1"', "'\\tx")
    """
    if cell is None:
        return ""
    if not isinstance(cell, str):
        return cell
    guarded = FORMULA_PIECE.sub(lambda m: f"{m[1]}{m[2]}'{m[3]}", cell)
    return "'" + guarded if guarded.startswith(("\t", "\r")) else guarded


def row(event: Event, directory_urls: bool = True) -> list[str | int | None]:
    date_start, date_end = day_range(event.when)
    outlets = list(dict.fromkeys(source_name(source) for source in event.sources))
    return [
        event.id,
        event.when.edtf(),
        label(event.when),
        date_start,
        date_end,
        event.title,
        event.summary,
        "; ".join(event.tags),
        "; ".join(event.actors),
        event.location,
        "; ".join(outlets),
        len(event.sources),
        len(event.claims),
        url_of(event_src(event), directory_urls),
    ]
