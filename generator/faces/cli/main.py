"""The command line: ``timeline init | check | new | import | schema | pdf | build | export`` (the CLI face).

A face over the core, like the MkDocs plugin: it parses arguments, calls the
pipeline and prints Problems, one ``file:line:col: message`` line each. Bad
input never produces a traceback, and neither does a file the system refuses to
write (a read-only folder, a full disk): the command says which and why. The
same commands run as ``timeline`` (the installed script) and ``python -m
generator``; usage lines and hints name the command as it was called, and
``--config`` goes before or after the command.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ...read.problems import os_error_message
from . import build, check, export, importer, init, new, pdf

CONFIG_DEFAULT = Path("mkdocs.yml")


def main(argv: list[str] | None = None) -> int:
    parser = _parser(called_as())
    args = parser.parse_args(argv)
    args.prog = parser.prog
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except OSError as err:  # a read-only folder, a full disk: what the system refused, not a traceback
        print(f"{parser.prog} {args.command}: {os_error_message(err)}")
        return 1


def called_as(argv0: str | None = None) -> str:
    """The command as the user typed it, for usage lines and hints.

    >>> called_as("/home/a/.venv/bin/timeline"), called_as("/x/generator/__main__.py")
    ('timeline', 'python -m generator')
    """
    name = Path(argv0 if argv0 is not None else sys.argv[0]).name
    return "python -m generator" if name in ("__main__.py", "", "-c") else name


def _config_argument(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument("--config", "-f", type=Path, default=default, help="site configuration (default: mkdocs.yml)")


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="Build a sourced timeline site from event files.")
    _config_argument(parser, CONFIG_DEFAULT)
    commands = parser.add_subparsers(title="commands")
    for name, runner, adder, text in (
        ("init", init.run, init.add_arguments, "start a timeline project in a folder (never overwrites a file)"),
        ("check", check.run, check.add_arguments, "validate event files and report every problem"),
        ("new", new.run, new.add_arguments, "scaffold a new event file"),
        (
            "import",
            importer.run,
            importer.add_arguments,
            "write event files from a TimelineJS JSON file or spreadsheet CSV",
        ),
        (
            "schema",
            check.run_schema,
            check.add_schema_arguments,
            "write the JSON Schema of event front-matter for editors",
        ),
        ("pdf", pdf.run, pdf.add_arguments, "write the timeline as a PDF book (default: site/timeline.pdf)"),
        (
            "build",
            build.run,
            build.add_arguments,
            "validate and build the site into site/, keeping the old site if anything fails",
        ),
        (
            "export",
            export.run,
            export.add_arguments,
            "write the site as a tree that MkDocs, ProperDocs or Zensical builds",
        ),
    ):
        command = commands.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        _config_argument(command, argparse.SUPPRESS)  # after the command too; absent, the one before it holds
        adder(command)
        command.set_defaults(run=runner, command=name)
    return parser
