"""``python -m generator build``: validate, build into a temporary folder, then swap.

The "write" step's face. MkDocs empties ``site_dir`` before it builds, so a
failed ``mkdocs build`` would leave no site at all. Here the site is built
into a sibling temporary folder and replaces ``site/`` only when everything
succeeded: a failed build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import tempfile
from pathlib import Path

from .problems import ProblemsFound, display_path

TEMP_PREFIX = ".site-"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site-dir", "-d", type=Path, default=None, help="where to write the site (default: the site_dir of mkdocs.yml, site/)")
    parser.add_argument("--strict", action=argparse.BooleanOptionalAction, default=True, help="treat MkDocs warnings as errors (default: on)")


def run(args: argparse.Namespace) -> int:
    from .cli import report

    try:
        target = build_site(args.config, args.site_dir, strict=args.strict)
    except ProblemsFound as found:
        report(found.problems)
        print("build failed: the previous site was left as it was")
        return 1
    except BuildFailed as failed:
        print(f"build failed: {failed}\nthe previous site was left as it was")
        return 1
    print(f"site built in {display_path(target)}/")
    return 0


class BuildFailed(Exception):
    """MkDocs (or a later step) failed for a reason that is not an event file."""


def build_site(config_file: Path, site_dir: Path | None = None, *, strict: bool = True) -> Path:
    """Build the whole site and swap it into place; raise and keep the old one on failure."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(config_file=str(config_file), strict=strict)
    _validate_first(config)
    target = Path(site_dir or config.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(target)
    temp = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{target.name}-", dir=target.parent))
    try:
        config.site_dir = str(temp)
        _quiet_mkdocs()
        try:
            build(config)
        except exceptions.Abort as err:
            raise BuildFailed(str(err) or "MkDocs aborted") from None
        _swap(temp, target)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return target


def _validate_first(config) -> None:
    """Validate before MkDocs runs: MkDocs reports a plugin's error only as "Aborted"."""
    from .pages import load_timeline
    from .settings import PLUGIN

    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        raise BuildFailed(f"the '{PLUGIN}' plugin is not listed under 'plugins' in the site configuration")
    try:
        vocabulary = plugin.config.vocabulary()
    except ValueError as err:
        raise BuildFailed(f"plugins: {PLUGIN}: {err}") from None
    plugin.preloaded = load_timeline(Path(config.docs_dir), vocabulary)


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` at ``target``; the old site is removed only after the rename."""
    old = target.with_name(f"{TEMP_PREFIX}{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _remove_stale(target: Path) -> None:
    """Temporary folders left by a build that was killed mid-way."""
    for stale in target.parent.glob(f"{TEMP_PREFIX}{target.name}-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _quiet_mkdocs() -> None:
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.INFO)
    logging.getLogger("mkdocs.commands.build").setLevel(logging.WARNING)
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # one line per page otherwise
