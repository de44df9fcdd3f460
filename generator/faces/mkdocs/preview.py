"""``mkdocs serve`` after a saved edit: only what changed is rendered and written (the MkDocs face).

The generator's half: each rebuild renders again only the pages the edit
reaches (``render/incremental.py``). MkDocs' half: under ``mkdocs serve
--dirty`` (what ``make serve`` runs) MkDocs renders through the theme and
writes only the files whose ``is_modified()`` is true, and keeps the rest of
the served folder from the build before. Every page and file of the product
that is the same as the one written before is handed over as a ``KeptFile``,
which says it is not modified; everything else, and everything after the theme,
the navigation or the configuration changed, is written again. A page that is
gone is deleted from the served folder.

A rebuild whose event files do not validate raises before any of this, so the
folder being served keeps the last good site (MkDocs logs the error and keeps
serving).

MkDocs lists ``docs_dir`` before every build (``get_files``), making a File of
each of the 10,000 event files that the plugin then takes out of its hands:
half a second of each rebuild. The events folder holds nothing else that
builds (any other file there is a problem, ``read/files.py``), and the plugin
reads the events itself, so on a rebuild MkDocs is pointed at an empty folder
for its listing, and given the events folder back as the plugin's ``on_files``
starts (``unlisted`` and ``listed``). MkDocs' file watcher keeps watching the
events folder: it watches the folder of the first build's configuration.
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

import material
import mkdocs
from mkdocs.structure.files import File

from ...model.timeline import Timeline
from ...render.incremental import Rendered, update_product
from ...render.product import Product
from ...render.site import Site
from ...render.templates import COMPILED
from .files import apply_page


class Preview:
    """What one ``mkdocs serve`` keeps from one rebuild to the next."""

    def __init__(self, dirty: bool) -> None:
        self.dirty = dirty  # MkDocs writes only modified files: the folder keeps what it served
        self.rendered: Rendered | None = None
        self.written: Product | None = None  # the product in the served folder
        self.written_for: tuple | None = None  # what else its pages were rendered with
        self.pending: tuple = (None, None)  # the product of the rebuild under way, and its context
        self.listing: tuple[str, str] | None = None  # the events folder and the empty one MkDocs lists
        self.frozen = False  # the first build's objects are out of the collector's way (``built``)

    def unlisted(self, config) -> None:
        """Before MkDocs lists ``docs_dir`` for a rebuild: it lists an empty folder instead, made
        for the moment (a preview stopped by a signal leaves nothing behind)."""
        if self.rendered is None:  # the first build: MkDocs' listing stays as it is
            return
        self.listing = (config.docs_dir, tempfile.mkdtemp(prefix="timeline-preview-"))
        config.docs_dir = self.listing[1]

    def listed(self, config=None) -> None:
        """MkDocs has listed (or the build failed): ``docs_dir`` is the events folder again, for
        everything after, and the empty folder is gone."""
        if self.listing is not None:
            if config is not None:
                config.docs_dir = self.listing[0]
            shutil.rmtree(self.listing[1], ignore_errors=True)  # empty: nothing of the user's
            self.listing = None

    def close(self) -> None:
        """The preview ends (MkDocs' process may go on: a build, a test)."""
        self.listed()
        if self.frozen:
            gc.unfreeze()
            self.frozen = False

    def product(self, timeline: Timeline, site: Site, search: Mapping | None) -> Product:
        """The product, its pages rendered again only where the edit reaches."""
        self.rendered = update_product(self.rendered, timeline, site, search)
        return self.rendered.product

    def prepare(self, env, files, product: Product) -> None:
        """Before MkDocs renders: the theme's templates compiled once for the whole preview, and
        each page its dirty build skips given what the sitemap reads of it (its date)."""
        env.bytecode_cache = COMPILED
        for file in files:  # the pages MkDocs was handed (unchanged ones mostly were not)
            if file.page is not None and file.page.markdown is None:
                apply_page(file.page, product)

    def same_as_written(self, product: Product, config) -> Product | None:
        """The product in the served folder, when what it was rendered with did not change: then
        its pages and files that are the same need not be written again."""
        self.pending = (product, _context(config, product))
        if self.dirty and self.written is not None and self.pending[1] == self.written_for:
            return self.written
        return None

    def built(self, config) -> None:
        """The rebuild succeeded: the served folder now holds its product."""
        before, (self.written, self.written_for) = self.written, self.pending
        self.remove_gone(before, self.written, config)

    def settle(self) -> None:
        """After the first build, before the server starts: what that build leaves (the timeline,
        its pages, the search index) lives as long as the preview, and Python's full collections
        walked those millions of objects again and again, half a second now and then of a
        rebuild. Its garbage collected, the rest is frozen out of the collector's way; each
        rebuild's own objects are still collected."""
        if not self.frozen:
            gc.collect()
            gc.freeze()
            self.frozen = True

    def failed(self) -> None:
        """A rebuild failed part way: what the folder holds is not known, so the next writes it all.
        (A configuration MkDocs was listing with is not used again: each rebuild loads its own.)"""
        self.written = self.written_for = None
        self.listed()

    def remove_gone(self, before: Product | None, product: Product, config) -> None:
        """Pages and files of the product before that are no longer in it leave the served folder."""
        if before is None:
            return
        now = {page.src_uri for page in product.pages} | set(product.files)
        for src_uri in ({page.src_uri for page in before.pages} | set(before.files)) - now:
            path = Path(File(src_uri, None, config.site_dir, config.use_directory_urls).abs_dest_path)
            path.unlink(missing_ok=True)


def _context(config, product: Product) -> tuple:
    """What MkDocs renders a page with besides the page: the theme, the navigation, the configuration."""
    config_file = Path(config.config_file_path) if config.config_file_path else None
    return (_theme_key(config), product.nav, config_file.read_bytes() if config_file else None)


#: Installed themes do not change while a preview runs: their thousand files are not walked each time.
INSTALLED = tuple(str(Path(package.__file__).resolve().parent) + os.sep for package in (mkdocs, material))


def _theme_key(config) -> tuple:
    """Every file of the theme's overrides, with its size and time: a changed override renders
    every page again."""
    found = []
    for folder in config.theme.dirs:
        if (str(Path(folder).resolve()) + os.sep).startswith(INSTALLED):
            continue
        for root, _dirs, names in os.walk(folder):
            for name in names:
                stat = os.stat(os.path.join(root, name))
                found.append((root, name, stat.st_mtime_ns, stat.st_size))
    return tuple(found)
