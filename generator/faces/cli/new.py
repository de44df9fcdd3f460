"""``python -m generator new``: scaffold one event file that passes ``check`` (the CLI face).

The file is named after its date and title (``2025-01-11-first-prisoners.md``)
and is never written over an existing one. Every value the contributor did not
give is a visible placeholder to replace, never an invented fact.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ...check.edtf import DateError, parse
from ...check.validate import validate_file
from ...model.vocabulary import Vocabulary
from ...read.problems import display_path
from ...render.paging import year_slug
from ...render.paths import slugify
from ...write.eventfile import create, event_text, modeline
from .report import settings_or_report

#: Said after the ``sources:`` line of a new file: what else a source may give, and on what terms.
SOURCES_NOTE = 'also published: "YYYY-MM-DD" only if the article prints it, url: only a URL you have'


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--title", help="the event's title, e.g. 'First North Korean prisoners captured'")
    parser.add_argument("--date", help="EDTF date: 2025-01-11, 2025-01, 2024-10~ (about), 2025-01-24/2025-02-07")
    parser.add_argument(
        "--interactive",
        "-i",
        action="store_true",
        help="ask for each value (the default in a terminal when --title or --date is missing)",
    )
    parser.add_argument("--summary", default=None, help="one or two sentences for the timeline")
    parser.add_argument(
        "--tag", action="append", default=[], dest="tags", help="a tag declared in mkdocs.yml (repeatable)"
    )
    parser.add_argument(
        "--actor", action="append", default=[], dest="actors", help="an actor declared in mkdocs.yml (repeatable)"
    )
    parser.add_argument("--source-title", default=None, help="the cited article's headline as printed")
    parser.add_argument("--source-outlet", default=None, help="the outlet that published the cited article")
    parser.add_argument("--dir", type=Path, default=None, help="where to write (default: the events folder)")


def _asking(args: argparse.Namespace) -> bool:
    return args.interactive or ((not args.title or not args.date) and sys.stdin.isatty())


def ask(args: argparse.Namespace, vocab: Vocabulary) -> None:
    """Ask for every value not given as an option, re-asking until the date parses."""
    args.title = args.title or _prompt("Title (one line)")
    while not args.date:
        answer = _prompt("Date (2025-01-11, 2025-01, 2024-10~ for 'about', 2025-01-24/2025-02-07)")
        try:
            parse(answer)
            args.date = answer
        except DateError as err:
            print(f"  {err.args[0]}")
    args.summary = args.summary or _prompt("Summary (one or two sentences; empty for a TODO)", required=False)
    args.tags = args.tags or _choose("Tags", list(vocab.tags))
    args.actors = args.actors or _choose("Actors", list(vocab.actors))
    args.source_title = args.source_title or _prompt(
        "First source: headline as printed (empty for a TODO)", required=False
    )
    args.source_outlet = args.source_outlet or _prompt("First source: outlet (empty for a TODO)", required=False)


def _prompt(question: str, required: bool = True) -> str:
    while True:
        try:
            answer = input(f"{question}: ").strip()
        except EOFError:
            raise SystemExit("\nno answer: nothing written") from None
        if answer or not required:
            return answer
        print("  this one is needed")


def _choose(kind: str, known: list[str]) -> list[str]:
    """Pick from a vocabulary by number or name, comma-separated; re-ask on unknown words."""
    if not known:
        return []
    print(f"{kind} declared in mkdocs.yml:")
    for i, word in enumerate(known, start=1):
        print(f"  {i}. {word}")
    while True:
        answer = _prompt(f"{kind} (numbers or names, comma-separated; empty for none)", required=False)
        picked = [w.strip() for w in answer.split(",") if w.strip()]
        chosen = [known[int(w) - 1] if w.isdigit() and 0 < int(w) <= len(known) else w for w in picked]
        unknown = [w for w in chosen if w not in known]
        if not unknown:
            return chosen
        print(f"  not declared: {', '.join(unknown)}")


def file_name(title: str, date_text: str) -> str:
    """``YYYY[-MM[-DD]]-title-slug.md`` from the start of the date; a year before the common era
    is written as readers count it, never with a leading hyphen that would drop its era.

    >>> file_name("Troops withdrawn", "2025-01~/2025-02"), file_name("Ides of March", "-0043-03-15")
    ('2025-01-troops-withdrawn.md', '44-bce-03-15-ides-of-march.md')
    """
    when = parse(date_text)
    point = when.start or when.end
    stamp = re.sub(r"[~?%]", "", point.edtf()) if point else "undated"
    if point and point.year < 1:
        stamp = year_slug(point.year) + stamp[5:]  # "-0043-03-15" -> "44-bce-03-15"
    return f"{slugify(stamp)}-{slugify(title)}.md"


def render(args: argparse.Namespace, line: str | None = None) -> str:
    """The file's text, with ``line`` (the editors' modeline) first."""
    meta = {
        "title": args.title,
        "date": args.date,
        "summary": args.summary or "TODO: one or two sentences saying what happened.",
        "tags": list(args.tags),
        "actors": list(args.actors),
        "sources": [
            {
                "id": "source-1",
                "title": args.source_title or "TODO: the headline exactly as printed",
                "outlet": args.source_outlet or "TODO: the outlet that published it",
            }
        ],
        "claims": [],
    }
    body = "TODO: what happened, in plain words. Cite the source like this.[^source-1]"
    return event_text(meta, body, modeline=line, notes={"sources": SOURCES_NOTE})


def run(args: argparse.Namespace) -> int:
    settings = settings_or_report(args.config)
    if settings is None:
        return 1
    if _asking(args):
        ask(args, settings.vocabulary)
    if not args.title or not args.date:
        print("give --title and --date, or run in a terminal (or with --interactive) to be asked for them")
        return 2
    try:
        parse(args.date)
    except DateError as err:
        print(f"--date {args.date!r}: {err.args[0]}")
        return 2
    unknown = [t for t in args.tags if t not in settings.vocabulary.tags] + [
        a for a in args.actors if a not in settings.vocabulary.actors
    ]
    if unknown:
        print(f"not declared in mkdocs.yml: {', '.join(unknown)} (declare them there first, or leave them out)")
        return 2
    folder = args.dir or settings.events_dir
    path = folder / file_name(args.title, args.date)
    text = render(args, modeline(settings.config_file.parent, folder))
    _event, problems = validate_file(path, settings.vocabulary, data=text.encode("utf-8"))
    if problems:  # what was given makes a file check would refuse: say why, write nothing
        for problem in problems:
            print(f"the file would say, at {problem.line}:{problem.col}: {problem.message}")
        print("nothing written: change what you gave and run new again")
        return 2
    try:
        create(path, text)
    except FileExistsError:
        print(f"{display_path(path)} already exists: not overwritten (choose another title, or edit that file)")
        return 1
    print(f"wrote {display_path(path)}: replace every TODO, then run: {args.prog} check {display_path(path)}")
    return 0
