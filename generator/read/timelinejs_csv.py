"""A TimelineJS spreadsheet downloaded as CSV, read as slides (the "read" step).

The columns are those of TimelineJS's spreadsheet template (a header row, one
slide a row; a row of Type ``title`` is the title slide, ``era`` an era). A
column TimelineJS does not know is refused at its place in the header, so a
misnamed one never drops what it holds.
"""

from __future__ import annotations

import csv
import io
import re

from .problems import Problem
from .slides import Slide, SlideDate, Timeline, integer

#: The slide's media (its link, credit and caption) <- the spreadsheet's columns.
MEDIA = (("url", "media"), ("credit", "mediacredit"), ("caption", "mediacaption"))

COLUMNS = tuple(
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,"
    "Media Credit,Media Caption,Media Thumbnail,Type,Group,Background".split(",")
)


def read_csv(text: str, shown: str) -> tuple[Timeline | None, list[Problem]]:
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(rows, [])
    except csv.Error as err:
        return None, [Problem(shown, 1, 1, f"not a CSV file: {err}")]
    known = {_column(name): name for name in COLUMNS}
    names = [_column(name) for name in header]
    starts = _field_starts(text.split("\n", 1)[0])
    problems = [
        Problem(
            shown, 1, starts[i] if i < len(starts) else 1, f"unknown column '{header[i].strip()}': {_columns_hint()}"
        )
        for i, name in enumerate(names)
        if name not in known and header[i].strip()
    ]
    if not problems and not {"year", "headline"} <= set(names):
        problems.append(
            Problem(shown, 1, 1, f"not a TimelineJS spreadsheet: no Year or Headline column ({_columns_hint()})")
        )
    if problems:
        return None, problems
    return _csv_rows(rows, names, text, shown)


def _column(name: str) -> str:
    return re.sub(r"\s+", "", name).lower()


def _columns_hint() -> str:
    return "a TimelineJS spreadsheet has the columns " + ", ".join(COLUMNS)


def _field_starts(line: str) -> list[int]:
    """The 1-based column where each field of one CSV line starts (quotes taken into account)."""
    starts, quoted = [1], False
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(i + 2)
    return starts


def _csv_rows(rows, names: list[str], text: str, shown: str) -> tuple[Timeline | None, list[Problem]]:
    lines = text.split("\n")
    timeline, problems, line = Timeline([]), [], rows.line_num + 1
    try:
        for cells in rows:
            row = dict(zip(names, (cell.strip() for cell in cells), strict=False))
            starts = _field_starts(lines[line - 1]) if line <= len(lines) else [1]
            col = {name: starts[i] if i < len(starts) else 1 for i, name in enumerate(names)}
            if any(row.values()):
                _csv_row(row, line, col, shown, timeline, problems)
            line = rows.line_num + 1
    except csv.Error as err:
        return None, [Problem(shown, line, 1, f"not a CSV file: {err}")]
    return (None, problems) if problems else (timeline, [])


def _csv_row(row: dict, line: int, col: dict, shown: str, timeline: Timeline, problems: list[Problem]) -> None:
    kind = row.get("type", "").lower()
    if kind == "era":
        timeline.eras += 1
        return
    dates, problem = _row_dates(row, kind)
    if problem:
        name, message = problem
        problems.append(Problem(shown, line, col.get(name, 1), message))
        return
    slide = Slide(
        line,
        1,
        headline=row.get("headline", ""),
        text=row.get("text", ""),
        start=dates.get("start"),
        end=dates.get("end"),
        display_date=row.get("displaydate") or None,
        group=row.get("group") or None,
        media={key: row[name] for key, name in MEDIA if row.get(name)},
    )
    if kind == "title":
        timeline.title = slide
    else:
        timeline.slides.append(slide)


def _row_dates(row: dict, kind: str) -> tuple[dict[str, SlideDate], tuple[str, str] | None]:
    """The row's start and end dates; or the column that is wrong and why."""
    dates = {}
    for key, prefix in (("start", ""), ("end", "end")):
        parts = {name: integer(row.get(prefix + name)) for name in ("year", "month", "day")}
        for name, number in parts.items():
            if number is False:
                return dates, (prefix + name, f"{prefix + name}: '{row[prefix + name]}' is not a whole number")
        if parts["year"] is not None:
            dates[key] = SlideDate(parts["year"], parts["month"], parts["day"], row.get(prefix + "time") or None)
        elif key == "start" and kind != "title":
            return dates, ("year", "this row has no Year: every slide needs one")
    return dates, None
