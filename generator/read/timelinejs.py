"""TimelineJS timelines read as slides: its JSON format and its spreadsheet as CSV (the "read" step).

What ``timeline import`` reads. TimelineJS3 takes a JSON object with an
``events`` list of slides (``start_date``, ``end_date``, ``display_date``,
``text.headline``, ``text.text``, ``media``, ``group``) and an optional
``title`` slide and ``eras``; or a Google spreadsheet with the columns of its
template (Year, Month, Day, Time, End Year, ..., Headline, Text, Media, Media
Credit, Media Caption, Media Thumbnail, Type, Group, Background), which
downloads as CSV. Both come back as :class:`Slide` values, each with the line
and column it starts at, or as Problems at the line and column of what is
wrong; nothing is converted or judged here beyond the shape (dates are checked
by the importer, text sanitized by it).
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring
from pathlib import Path

from .problems import Problem
from .reader import shown_path
from .slides import Slide, SlideDate, Timeline, integer, string
from .timelinejs_csv import read_csv

MAX_BYTES = 16 * 1024 * 1024  # a TimelineJS file of thousands of slides is a few megabytes


def read_timelinejs(path: Path) -> tuple[Timeline | None, list[Problem]]:
    """A TimelineJS JSON file, or its spreadsheet as CSV (by the file's first character)."""
    shown = shown_path(path)
    try:
        data = path.read_bytes()[: MAX_BYTES + 1]
        text = data.decode("utf-8-sig")
    except OSError as err:
        return None, [Problem(shown, 1, 1, f"cannot be read: {err.strerror or err}")]
    except UnicodeDecodeError as err:
        return None, [Problem(shown, *_at(data.decode("utf-8", "replace"), err.start), "not UTF-8 text")]
    if len(data) > MAX_BYTES:
        return None, [Problem(shown, 1, 1, f"larger than {MAX_BYTES // 2**20} MiB: not a timeline to import whole")]
    if text.lstrip().startswith(("{", "[")):
        return _json(text, shown)
    return read_csv(text, shown)


def _at(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _json(text: str, shown: str) -> tuple[Timeline | None, list[Problem]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        return None, [Problem(shown, err.lineno, err.colno, f"not valid JSON: {err.msg}")]
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        return None, [Problem(shown, 1, 1, "not a TimelineJS timeline: its JSON has no 'events' list of slides")]
    where = _positions(text)

    def at(path: tuple) -> tuple[int, int]:
        return _at(text, where.get(path, 0))

    problems: list[Problem] = []
    slides = [_json_slide(slide, ("events", i), at, shown, problems) for i, slide in enumerate(data["events"])]
    title = _json_slide(data["title"], ("title",), at, shown, problems, dated=False) if data.get("title") else None
    if problems:
        return None, problems
    return Timeline([s for s in slides if s], title, len(data.get("eras") or [])), []


def _json_slide(slide, path: tuple, at, shown: str, problems: list[Problem], dated: bool = True) -> Slide | None:
    def bad(where: tuple, message: str) -> None:
        problems.append(Problem(shown, *at(where), message))

    if not isinstance(slide, dict):
        bad(path, "a slide is a JSON object")
        return None
    text = slide.get("text") if isinstance(slide.get("text"), dict) else {}
    media = slide.get("media") if isinstance(slide.get("media"), dict) else {}
    dates = {}
    for key in ("start_date", "end_date"):
        value = slide.get(key)
        if value in (None, {}) or (key == "start_date" and not dated):
            continue
        dates[key] = _json_date(value, (*path, key), bad)
    if dated and "start_date" not in slide:
        bad(path, "this slide has no start_date: every slide of the timeline needs one")
    return Slide(
        *at((*path, "start_date") if "start_date" in slide else path),  # where a date problem is shown
        headline=string(text.get("headline")),
        text=string(text.get("text")),
        start=dates.get("start_date"),
        end=dates.get("end_date"),
        display_date=string(slide.get("display_date")) or None,
        group=string(slide.get("group")) or None,
        media={k: string(media.get(k)) for k in ("url", "credit", "caption") if string(media.get(k))},
    )


def _json_date(value, path: tuple, bad) -> SlideDate | None:
    if not isinstance(value, dict):
        bad(path, "a date is an object with a 'year' (and 'month', 'day')")
        return None
    parts = {}
    for name in ("year", "month", "day"):
        number = integer(value.get(name))
        if number is False:
            bad((*path, name), f"{name} {value.get(name)!r} is not a whole number")
            return None
        parts[name] = number
    if parts["year"] is None:
        bad(path, "this date has no year")
        return None
    time = ":".join(str(value[k]) for k in ("hour", "minute") if value.get(k) not in (None, ""))
    return SlideDate(
        parts["year"], parts["month"], parts["day"], time or None, string(value.get("display_date")) or None
    )


def _positions(text: str) -> dict[tuple, int]:
    """Where each value of valid JSON starts: path (keys and indexes) -> offset in ``text``."""
    found: dict[tuple, int] = {}
    decoder = json.JSONDecoder()
    space = re.compile(r"[ \t\n\r]*")

    def value(i: int, path: tuple) -> int:
        i = space.match(text, i).end()
        found[path] = i
        if text[i] not in "{[":
            return decoder.raw_decode(text, i)[1]
        closing, n = ("}" if text[i] == "{" else "]"), 0
        i = space.match(text, i + 1).end()
        while text[i] != closing:
            if closing == "}":
                key, i = scanstring(text, i + 1)
                i = value(space.match(text, i).end() + 1, (*path, key))
            else:
                i, n = value(i, (*path, n)), n + 1
            i = space.match(text, i).end()
            i = space.match(text, i + 1).end() if text[i] == "," else i
        return i + 1

    value(0, ())
    return found
