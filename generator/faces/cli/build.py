"""``python -m generator build``: validate, build the site with MkDocs, swap it in (the CLI face).

See ``faces/mkdocs/build.py``: a failed build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ...read.problems import ProblemsFound, display_path
from ..mkdocs.build import BuildFailed, Stopped, build_site
from .report import report, settings_or_report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--site-dir",
        "-d",
        type=Path,
        default=None,
        help="where to write the site (default: the site_dir of mkdocs.yml, site/)",
    )
    parser.add_argument(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="treat MkDocs warnings as errors (default: on)",
    )


def run(args: argparse.Namespace) -> int:
    if settings_or_report(args.config) is None:  # the clean message check gives, not MkDocs' traceback
        print("build failed: the previous site was left as it was")
        return 1
    try:
        target = build_site(args.config, args.site_dir, strict=args.strict, waiting=_waiting)
    except ProblemsFound as found:
        report(found.problems)
        print("build failed: the previous site was left as it was")
        return 1
    except BuildFailed as failed:
        print(f"build failed: {failed}\nthe previous site was left as it was")
        return 1
    except Stopped as stopped:
        print(f"build stopped by {stopped}: the previous site was left as it was")
        return 128 + stopped.signum
    print(f"site built in {display_path(target)}/")
    return 0


def _waiting() -> None:
    print("another build of this site is running: waiting for it to finish", flush=True)
