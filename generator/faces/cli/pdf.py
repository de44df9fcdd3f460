"""``python -m generator pdf [-o PATH]``: validate the events and write the offline PDF (the CLI face).

It reads the site configuration, validates every event file (printing every problem, as ``check``
does), and writes the book (``write/pdf.py``). Bad input never produces a traceback.
"""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path

from ... import pipeline
from ...read.problems import display_path
from ...write.pdf import PdfError, write_pdf
from .report import timeline_or_report

DEFAULT_NAME = pipeline.PDF_NAME


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output",
        "-o",
        type=Path,
        default=None,
        help=f"where to write the PDF (default: {DEFAULT_NAME} in the site_dir of mkdocs.yml, site/{DEFAULT_NAME})",
    )
    parser.add_argument(
        "--edition",
        type=_day,
        default=None,
        metavar="YYYY-MM-DD",
        help="the edition date on the cover (default: SOURCE_DATE_EPOCH, else the latest date in the events)",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on stderr (default: when stderr is a terminal)",
    )


def run(args: argparse.Namespace) -> int:
    loaded = timeline_or_report(args.config, "no PDF written")
    if loaded is None:
        return 1
    settings, timeline = loaded
    out = args.output or settings.site_dir / DEFAULT_NAME
    try:
        result = write_pdf(
            timeline,
            out,
            site_name=settings.site.name,
            description=settings.site.description,
            edition=args.edition,
            progress=args.progress,
        )
    except PdfError as err:
        print(f"no PDF written: {err}")
        return 1
    except OSError as err:
        print(f"no PDF written: {display_path(Path(err.filename)) if err.filename else out}: {err.strerror or err}")
        return 1
    pages = f"{result.pages} page{'s' if result.pages != 1 else ''}"
    print(f"wrote {display_path(result.path)}: {pages} in {result.seconds:.1f} s")
    return 0


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None
