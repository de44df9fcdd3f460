"""``timeline init DIR``: start a timeline project in a folder (the CLI face).

It writes what a new timeline needs to build, check and publish (the files in
``scaffold/`` beside this module): ``mkdocs.yml`` with the site's name and
description and empty vocabularies explained, an example event that passes
``check``, an About page, the GitHub workflow, a pre-commit hook, a
``.gitignore``, ``requirements.txt``, the event schema for editors and a
README for contributors. A file already there is kept, never written over.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from string import Template

from ...check.jsonschema import schema_text
from ...read.problems import display_path
from ...write.eventfile import create, event_text, modeline

SCAFFOLD = Path(__file__).resolve().parent / "scaffold"
#: Where each file goes in the project <- its scaffold (``$name`` placeholders filled in when True).
FILES = {
    "mkdocs.yml": ("mkdocs.yml", True),
    "README.md": ("README.md", True),
    "requirements.txt": ("requirements.txt", True),
    "pages/about.md": ("about.md", False),
    ".github/workflows/timeline.yml": ("workflow.yml", False),
    ".pre-commit-config.yaml": ("pre-commit-config.yaml", False),
    ".gitignore": ("gitignore", False),
}
SCHEMA = "event.schema.json"


def _version() -> str:
    try:
        return version("timeline-generator")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0.1.0"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, help="the project folder (created if missing; nothing in it is replaced)")
    parser.add_argument("--name", help="the site's name, e.g. 'The 1890s in film' (asked in a terminal)")
    parser.add_argument("--description", help="one sentence on what the timeline covers (asked in a terminal)")
    parser.add_argument(
        "--requirement",
        default=f"timeline-generator=={_version()}",
        help="what requirements.txt installs the generator from (default: %(default)s)",
    )


def run(args: argparse.Namespace) -> int:
    if not _named(args):
        print("give --name and --description, or run in a terminal to be asked for them")
        return 2
    folder: Path = args.folder
    if folder.exists() and not folder.is_dir():
        print(f"{display_path(folder)} is a file: name a folder for the project")
        return 1
    values = {
        "site_name": json.dumps(args.name, ensure_ascii=False),
        "site_description": json.dumps(args.description, ensure_ascii=False),
        "requirement": args.requirement,
    }
    texts = {name: _text(source, templated, args, values) for name, (source, templated) in FILES.items()}
    texts[SCHEMA] = schema_text()
    written, kept = [], []
    for name, text in texts.items():
        (written if _create(folder / name, text) else kept).append(name)
    event = _example_event(folder)
    (written if event else kept).append(event or "events/ (an example event: the folder has events)")
    _report(args, folder, written, kept)
    return 0


def _named(args: argparse.Namespace) -> bool:
    """Ask for the name and description when they were not given and a person is there to answer."""
    if args.name and args.description:
        return True
    if not sys.stdin.isatty():
        return False
    try:
        args.name = args.name or input("Site name: ").strip()
        args.description = args.description or input("One sentence on what the timeline covers: ").strip()
    except EOFError:
        return False
    return bool(args.name and args.description)


def _text(source: str, templated: bool, args: argparse.Namespace, values: dict[str, str]) -> str:
    text = (SCAFFOLD / source).read_text(encoding="utf-8")
    if not templated:
        return text
    if source == "README.md":  # Markdown, not YAML: the words as given
        values = {**values, "site_name": args.name, "site_description": args.description}
    return Template(text).substitute(values)


def _create(path: Path, text: str) -> bool:
    try:
        create(path, text)
    except FileExistsError:
        return False
    return True


def _example_event(folder: Path) -> str | None:
    """An event that passes ``check`` and invents nothing: the day the project was started, sourced
    to its own About page. None when the events folder already holds Markdown files."""
    events = folder / "events"
    if events.is_dir() and any(events.rglob("*.md")):
        return None
    today = datetime.date.today().isoformat()
    meta = {
        "title": "This timeline was started",
        "date": today,
        "summary": "The project folder of this timeline was created. Replace this example with the first event.",
        "tags": [],
        "actors": [],
        "sources": [
            {
                "id": "about",
                "title": "About this timeline",
                "note": "An example written by timeline init: an event cites the articles that report it.",
            }
        ],
        "claims": [],
    }
    body = (
        "The folder was created with `timeline init`.[^about] Replace this file with the first event of "
        'your story: `timeline new --title "..." --date YYYY-MM-DD` writes one to fill in.'
    )
    name = f"events/{today}-this-timeline-was-started.md"
    create(folder / name, event_text(meta, body, modeline=modeline(folder, events)))
    return name


def _report(args: argparse.Namespace, folder: Path, written: list[str], kept: list[str]) -> None:
    shown = display_path(folder)
    for name in written:
        print(f"wrote {shown}/{name}")
    for name in kept:
        print(f"kept {shown}/{name}: it was there already")
    print(
        f"next: cd {shown}, then '{args.prog} check' and '{args.prog} build' (the site goes to site/);"
        " README.md says how to add events"
    )
