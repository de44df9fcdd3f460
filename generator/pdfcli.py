"""``python -m generator pdf [-o PATH]``: validate the events and write the offline PDF.

A face over the core, like ``check`` and ``build``: it reads the site configuration, validates
every event file (printing every problem, as ``check`` does), and hands the Timeline to
``generator.pdf.write_pdf``. Bad input never produces a traceback.
"""

from __future__ import annotations

import argparse
import datetime
import os
from pathlib import Path

from .problems import ProblemsFound, display_path

DEFAULT_NAME = "timeline.pdf"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", "-o", type=Path, default=None,
                        help=f"where to write the PDF (default: {DEFAULT_NAME} in the site_dir of mkdocs.yml, site/{DEFAULT_NAME})")
    parser.add_argument("--edition", type=_day, default=None, metavar="YYYY-MM-DD",
                        help="the edition date on the cover (default: SOURCE_DATE_EPOCH, else the latest date in the events)")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="show a progress bar on stderr (default: when stderr is a terminal)")


def run(args: argparse.Namespace) -> int:
    from .cli import report
    from .pages import load_timeline
    from .pdf import PdfError, write_pdf
    from .settings import load_settings

    settings, problems = load_settings(args.config)
    if settings is None or problems:
        report(problems)
        return 1
    try:
        timeline = load_timeline(settings.events_dir, settings.vocabulary)
    except ProblemsFound as found:
        report(found.problems)
        print("no PDF written: fix the problems above first")
        return 1
    site_name, description, site_dir = _site(args.config)
    out = args.output or site_dir / DEFAULT_NAME
    try:
        result = write_pdf(timeline, out, site_name=site_name, description=description,
                           edition=args.edition, progress=args.progress)
    except PdfError as err:
        print(f"no PDF written: {err}")
        return 1
    except OSError as err:
        print(f"no PDF written: {display_path(Path(err.filename)) if err.filename else out}: {err.strerror or err}")
        return 1
    pages = f"{result.pages} page{'s' if result.pages != 1 else ''}"
    print(f"wrote {display_path(result.path)}: {pages} in {result.seconds:.1f} s")
    return 0


def _site(config_file: Path) -> tuple[str, str, Path]:
    """Site name, description and site_dir from mkdocs.yml (already validated by load_settings)."""
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(config_file=str(config_file))
    return config.site_name or "", config.site_description or "", Path(config.site_dir)


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None
