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
"""

from __future__ import annotations

import os
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

    def product(self, timeline: Timeline, site: Site, search: Mapping | None) -> Product:
        """The product, its pages rendered again only where the edit reaches."""
        self.rendered = update_product(self.rendered, timeline, site, search)
        return self.rendered.product

    def prepare(self, env, files, product: Product) -> None:
        """Before MkDocs renders: the theme's templates compiled once for the whole preview, and
        each page its dirty build skips given what the sitemap reads of it (its date)."""
        env.bytecode_cache = COMPILED
        for page in product.pages:
            file = files.get_file_from_path(page.src_uri)
            if file is not None and file.page is not None and file.page.markdown is None:
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

    def failed(self) -> None:
        """A rebuild failed part way: what the folder holds is not known, so the next writes it all."""
        self.written = self.written_for = None

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
