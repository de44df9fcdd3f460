"""``timeline import FILE``: event files from a TimelineJS timeline, JSON or spreadsheet CSV (the CLI face).

One event file per slide (``read/timelinejs.py`` reads them): the headline as
title, the date at the precision the slide gives (a time, and TimelineJS's
display date, kept in ``date_note``), the text sanitized as an event's body is
and its first sentence as the summary, the group as a tag (a declared one
when its id or label matches, otherwise reported with the lines to declare
it), and the media's link, caption and credit under the text. A source is
never invented: each file gets ``sources: []`` with a comment, which ``check``
reports at its line until the articles are named. Bad input writes nothing;
neither does a file name that is taken.
"""

from __future__ import annotations

import argparse
import html
import re
from dataclasses import replace
from pathlib import Path

import nh3

from ...check.body import clean_html
from ...check.edtf import DateError, parse
from ...model.dates import Point, days_in_month
from ...model.vocabulary import Vocabulary
from ...read.problems import Problem, display_path
from ...read.slides import Slide, SlideDate
from ...read.timelinejs import read_timelinejs
from ...render.dates import point_label
from ...render.paths import slugify
from ...write.eventfile import create, event_text, modeline
from .new import file_name
from .report import report, settings_or_report

NO_SOURCE = "TODO: the import found no source; add the articles that report this event"
SUMMARY_CHARS = 300
BLOCK = re.compile(r"<(p|ul|ol|blockquote|table|h[2-4]|pre)\b")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="a TimelineJS JSON file, or its spreadsheet downloaded as CSV")
    parser.add_argument("--dir", type=Path, default=None, help="where to write (default: the events folder)")


def run(args: argparse.Namespace) -> int:
    settings = settings_or_report(args.config)
    if settings is None:
        return 1
    read, problems = read_timelinejs(args.file)
    shown = display_path(args.file)
    events, undeclared = [], {}
    for slide in read.slides if read else []:
        meta, body, problem = _event(slide, settings.vocabulary, shown, undeclared)
        problems += [problem] if problem else []
        events.append((meta, body))
    if problems or read is None:
        report(problems)
        print("nothing imported: fix the file first")
        return 1
    folder = args.dir or settings.events_dir
    paths = _names(folder, [meta for meta, _ in events])
    taken = [path for path in paths if path.exists()]
    if taken:
        print(f"{display_path(taken[0])} already exists: nothing imported (import into an empty events folder)")
        return 1
    line = modeline(settings.config_file.parent, folder)
    for path, (meta, body) in zip(paths, events, strict=True):
        create(path, event_text(meta, body, modeline=line, notes={"sources": NO_SOURCE}))
    _report(args, read, paths, undeclared)
    return 0


def _event(slide: Slide, vocab: Vocabulary, shown: str, undeclared: dict) -> tuple[dict, str, Problem | None]:
    """A slide as an event's front-matter and body; or a Problem where its date cannot be."""
    try:
        date = _edtf(slide.start, slide.end)
    except DateError as err:
        return {}, "", Problem(shown, slide.line, slide.col, f"the slide's date: {err.message}")
    notes = [f"TimelineJS display date: {slide.display_date}"] if slide.display_date else []
    notes += [f"TimelineJS gives the time {d.time}" for d in (slide.start, slide.end) if d and d.time]
    title = _plain(slide.headline)[:300] or "TODO: a title for this event"
    meta = {"title": title, "date": date}
    if notes:
        meta["date_note"] = "; ".join(notes)
    meta["summary"] = _summary(_plain(slide.text)) or "TODO: one or two sentences saying what happened."
    meta["tags"] = [_tag(slide.group, vocab, undeclared)] if slide.group else []
    meta["sources"] = []
    return meta, _body(slide), None


def _edtf(start: SlideDate | None, end: SlideDate | None) -> str:
    """EDTF text at the precision given; TimelineJS's -44 (44 BCE) is EDTF's -0043."""
    sides = [_point(start).edtf()] if start else []
    sides += [_end_point(end).edtf()] if end else []
    text = "/".join(sides) if len(sides) == 2 and sides[0] != sides[1] else sides[0]
    parse(text)  # a DateError says what is wrong with it
    return text


def _point(date: SlideDate) -> Point:
    if date.year == 0:
        raise DateError("year 0: TimelineJS counts -1 (1 BCE), then 1")
    return Point(date.year if date.year > 0 else date.year + 1, date.month, date.day if date.month else None)


def _end_point(date: SlideDate) -> Point:
    """An end date; the last day of a month or a year whose display date names only that month or
    year is read at that precision: TimelineJS reads a date without a day as the first of its
    month, so an end is written as its last day (as this generator's timelinejs.json writes it).

    >>> _end_point(SlideDate(2024, 7, 31, display="July 2024")).edtf(), _end_point(SlideDate(2024, 7, 31)).edtf()
    ('2024-07', '2024-07-31')
    >>> _end_point(SlideDate(2024, 12, 31, display="about 2024")).precision
    'year'
    """
    point = _point(date)
    if point.day is None or point.month is None or not date.display:
        return point
    month, year = Point(point.year, point.month, None), Point(point.year, None, None)
    if point.day == days_in_month(point.year, point.month) and date.display in _labels(month):
        return month
    if (point.month, point.day) == (12, 31) and date.display in _labels(year):
        return year
    return point


def _labels(point: Point) -> set[str]:
    """The point's labels with every qualifier: TimelineJS keeps no qualifier, its display date does."""
    return {
        html.escape(point_label(replace(point, approximate=a, uncertain=u)), quote=True)
        for a in (False, True)
        for u in (False, True)
    }


def _plain(text: str) -> str:
    """HTML as plain text: no tags, entities read, a space where a block or a line ends."""
    spaced = re.sub(r"<(?:/p|br|/li|/h[1-6]|/blockquote|/div|/tr)\b[^>]*>", " ", text, flags=re.I)
    return re.sub(r"\s+", " ", html.unescape(nh3.clean(spaced, tags=set()))).strip()


def _summary(text: str) -> str:
    """The text's first sentence, or its first words when that is too long."""
    first = re.match(r".+?[.!?](?=\s|$)", text)
    if first and len(first.group()) <= SUMMARY_CHARS:
        return first.group()
    return text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"


def _tag(group: str, vocab: Vocabulary, undeclared: dict) -> str:
    """The declared tag the group names (by id or label), else its slug, reported to declare."""
    plain = _plain(group)
    for tag, label in vocab.tags.items():
        if plain.lower() in (tag, label.lower()):
            return tag
    slug = slugify(plain) or "group"
    undeclared[slug] = plain
    return slug


def _body(slide: Slide) -> str:
    """The text sanitized, as a block of HTML (kept as written by Markdown), and the media credited."""
    text = clean_html(slide.text).strip()
    if text and not BLOCK.match(text):
        text = f"<p>{text}</p>"
    media = slide.media
    if media.get("url") or media.get("caption") or media.get("credit"):
        caption = html.escape(_plain(media.get("caption", "")) or media.get("url", ""))
        link = f'<a href="{html.escape(media["url"])}">{caption}</a>' if media.get("url") else caption
        credit = f" Credit: {clean_html(media['credit'])}." if media.get("credit") else ""
        text += f"\n\n<p>Media: {link}.{credit}</p>"
    return clean_html(text) if media else text


def _names(folder: Path, metas: list[dict]) -> list[Path]:
    """A file per event, named as ``new`` names it; a name given twice gets -2, -3."""
    paths: list[Path] = []
    for meta in metas:
        stem = file_name(meta["title"].removeprefix("TODO: "), meta["date"]).removesuffix(".md")
        path, n = folder / f"{stem}.md", 1
        while path in paths:
            n += 1
            path = folder / f"{stem}-{n}.md"
        paths.append(path)
    return paths


def _report(args: argparse.Namespace, read, paths: list[Path], undeclared: dict) -> None:
    print(
        f"wrote {len(paths)} event file{'s' if len(paths) != 1 else ''} in {display_path(paths[0].parent)}/"
        if paths
        else "no slides to import"
    )
    if read.title:
        print(f"the title slide reads '{_plain(read.title.headline)}': mkdocs.yml's site_name is yours to set")
    if read.eras:
        print(f"{read.eras} era{'s' if read.eras != 1 else ''} not imported: the timeline has no eras")
    if undeclared:
        print("groups that are not declared tags: add them under the timeline plugin's 'tags' in mkdocs.yml:")
        for slug, label in undeclared.items():
            print(f"        {slug}: {label}")
    print(f"no slide names its sources: add each event's articles, then run '{args.prog} check'")
