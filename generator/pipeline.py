"""The pipeline in order: read -> check -> model -> render -> write, in the calls the faces make.

The core both faces share (the mkdocs-gen-files shape): the MkDocs plugin and
the command line call these and nothing else of the steps, so that the site
can be built by MkDocs through the plugin, or written to disk (:func:`export`)
for any other builder.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path

from .check.batch import ValidationCache, validate_paths
from .check.pages import validate_pages
from .model.timeline import Timeline
from .model.vocabulary import Vocabulary
from .read.files import find_event_files
from .read.problems import ProblemsFound
from .render.product import Product, make_product
from .render.product import offline_files as _offline_files
from .render.site import PDF_NAME, Site
from .write.pdf import book_pdf
from .write.tree import write_tree

__all__ = ["PDF_NAME", "Product", "Site", "ValidationCache", "book", "export", "load_timeline", "product"]


def load_timeline(
    events_dir: Path,
    vocabulary: Vocabulary,
    cache: ValidationCache | None = None,
    pages_dir: Path | None = None,
    snapshots_dir: Path | None = None,
) -> Timeline:
    """Read and check every event file, and every free-form page in ``pages_dir``; raise
    ProblemsFound with all problems, or return the Timeline.

    ``cache``: results of earlier calls, kept by each file's bytes (see ``check/batch.py``);
    ``snapshots_dir``: the pages as read, which quotes are checked against (``check/snapshots.py``);
    by default ``snapshots`` beside the events folder, where the plugin's default puts it when the
    events are ``docs_dir`` beside ``mkdocs.yml``. A source that names a snapshot is always checked.
    """
    snapshots_dir = snapshots_dir or events_dir.parent / "snapshots"
    paths, problems = find_event_files(events_dir)
    events, found = validate_paths(paths, vocabulary, cache=cache, snapshots_dir=snapshots_dir)
    pages, page_problems = validate_pages(pages_dir) if pages_dir else ([], [])
    if problems or found or page_problems:
        raise ProblemsFound(problems + found + page_problems)
    return Timeline(events, vocabulary, pages)


def product(timeline: Timeline, site: Site, search: Mapping | None = None) -> Product:
    """Every page and data file of the site (and the search index, given Material's search options)."""
    return make_product(timeline, site, search)


def offline_files(timeline: Timeline, site: Site, site_product: Product) -> dict[str, bytes]:
    """The data and search files of the offline edition that differ from the site's."""
    return _offline_files(timeline, site, site_product)


def book(
    timeline: Timeline, site: Site, *, edition: datetime.date | None = None, progress: bool | None = None
) -> bytes:
    """The book as a PDF (raises write.pdf.PdfError with a message for the user)."""
    data, _pages = book_pdf(
        timeline, site_name=site.name, description=site.description, edition=edition, progress=progress
    )
    return data


def export(site_product: Product, folder: Path, config: Mapping, theme_dirs: list[Path]) -> Path:
    """Write the product as a tree any MkDocs-style builder can build (see ``write/tree.py``)."""
    return write_tree(site_product, folder, config, theme_dirs)
