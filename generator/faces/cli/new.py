"""``python -m generator new``: scaffold one event file that passes ``check`` (the CLI face).

The file is named after its date and title (``2025-01-11-first-prisoners.md``)
and is never written over an existing one. Every value the contributor did not
give is a visible placeholder to replace, never an invented fact.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from ...check.edtf import DateError, parse
from ...check.validate import validate_file
from ...model.vocabulary import Vocabulary
from ...read.problems import display_path
from ...read.reader import YAML_ONLY_BREAKS
from ...render.paths import slugify
from .report import settings_or_report

MODELINE = "# yaml-language-server: $schema=../generator/event.schema.json"


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
    """``YYYY[-MM[-DD]]-title-slug.md`` from the start of the date.

    >>> file_name("Troops withdrawn", "2025-01~/2025-02")
    '2025-01-troops-withdrawn.md'
    """
    when = parse(date_text)
    point = when.start or when.end
    stamp = re.sub(r"[~?%]", "", point.edtf()) if point else "undated"
    return f"{slugify(stamp)}-{slugify(title)}.md"


def quoted(text: str) -> str:
    r"""Text as a YAML double-quoted value: JSON's quoting, which YAML reads, with every character
    outside ASCII written as itself (JSON's escapes would write an emoji as two halves of a
    surrogate pair, which YAML reads as two characters that are no text), but for those YAML reads
    as line breaks, which stay escaped.

    >>> quoted("Troops 🎖 \u2028 \"back\"")
    '"Troops 🎖 \\u2028 \\"back\\""'
    """
    return YAML_ONLY_BREAKS.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(text, ensure_ascii=False))


def render(args: argparse.Namespace) -> str:
    """The file's text. Values are JSON-quoted, which is valid YAML for any text."""
    q = quoted
    lines = [
        "---",
        MODELINE,
        f"title: {q(args.title)}",
        f"date: {q(args.date)}",
        f"summary: {q(args.summary or 'TODO: one or two sentences saying what happened.')}",
        f"tags: [{', '.join(q(t) for t in args.tags)}]",
        f"actors: [{', '.join(q(a) for a in args.actors)}]",
        "sources:",
        "  - id: source-1",
        f"    title: {q(args.source_title or 'TODO: the headline exactly as printed')}",
        f"    outlet: {q(args.source_outlet or 'TODO: the outlet that published it')}",
        '    # published: "2025-02-07"   # only a date the article prints',
        "    # url: https://...          # only a URL you have; never invent one",
        "claims: []",
        "---",
        "TODO: what happened, in plain words. Cite the source like this.[^source-1]",
        "",
    ]
    return "\n".join(lines)


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
    if path.exists():
        print(f"{display_path(path)} already exists: not overwritten (choose another title, or edit that file)")
        return 1
    text = render(args)
    _event, problems = validate_file(path, settings.vocabulary, data=text.encode("utf-8"))
    if problems:  # what was given makes a file check would refuse: say why, write nothing
        for problem in problems:
            print(f"the file would say, at {problem.line}:{problem.col}: {problem.message}")
        print("nothing written: change what you gave and run new again")
        return 2
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:
        out.write(text)
    print(f"wrote {display_path(path)}: replace every TODO, then run: python -m generator check {display_path(path)}")
    return 0
