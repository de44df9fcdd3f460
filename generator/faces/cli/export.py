"""``python -m generator export DIR``: write the site as a tree any MkDocs-style builder builds (the CLI face).

The same pages and files the MkDocs plugin hands to MkDocs, written to disk
(``write/tree.py``) with a ``mkdocs.yml`` that needs no ``timeline`` plugin:
``mkdocs build``, ``properdocs build`` or ``zensical build`` in DIR builds it.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from ... import pipeline
from ...read.problems import display_path
from ...write.pdf import PdfError
from ...write.tree import TreeError
from ..mkdocs.theme import theme_dirs
from .report import timeline_or_report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "folder", type=Path, help="where to write the tree (a new or empty folder, or an earlier export)"
    )


def run(args: argparse.Namespace) -> int:
    loaded = timeline_or_report(args.config, "nothing exported")
    if loaded is None:
        return 1
    settings, timeline = loaded
    product = pipeline.product(timeline, settings.site)
    try:
        if settings.site.pdf:
            product = product.with_files({pipeline.PDF_NAME: pipeline.book(timeline, settings.site)})
        config = _raw_config(settings.config_file)
        folder = pipeline.export(product, args.folder, config, theme_dirs(settings.theme_dir))
    except (PdfError, TreeError) as err:
        print(f"nothing exported: {err}")
        return 1
    print(f"wrote {display_path(folder)}/: build it there with mkdocs build, properdocs build or zensical build")
    return 0


def _raw_config(config_file: Path) -> dict:
    """The site's configuration as written (environment variables filled in), not MkDocs' defaults."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with config_file.open("rb") as file:
        return yaml_load(file) or {}
