"""The site as one product: every page, data file and search index file, made once (the "render" step).

Both faces take it from here: the MkDocs plugin hands it to MkDocs as virtual
files, and ``python -m generator export`` writes it as a tree on disk
(``write/tree.py``) for any other builder. Nothing here knows of a builder.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..model.timeline import Timeline
from .exports import data_files
from .exports.kept import Kept
from .pages import Page
from .paths import url_of
from .search.documents import documents
from .search.index import index_files, relocate
from .site import NAV, Renderer, Site

#: Where the sharded search index lives, from the site root, and the worker that reads it.
SEARCH_INDEX = "search/timeline"
SEARCH_WORKER = "assets/javascripts/timeline-search-worker.js"
#: The timeline's own styles and scripts, laid out as they go in the built site: data the core
#: hands over as files (the MkDocs plugin adds the folder to the theme's, ``export`` copies it).
STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_FILES = (
    "assets/stylesheets/timeline.css",
    "assets/javascripts/timeline-filters.js",
    SEARCH_WORKER,
    "assets/javascripts/iframe-worker-shim.js",  # the offline edition's search, from file://
)


@dataclass(frozen=True)
class Product:
    """What the generator makes of a timeline for one site."""

    pages: list[Page]
    #: Path from the site root -> content: the data exports, the search index files, the book.
    files: dict[str, bytes] = field(default_factory=dict)
    #: What goes into ``search/search_index.json`` in place of Material's own index; None without search.
    search_manifest: dict | None = None
    #: The navigation: the timeline's own pages, then the free-form pages (About, Methodology).
    nav: list = field(default_factory=lambda: list(NAV))

    def with_files(self, more: Mapping[str, bytes]) -> Product:
        return Product(self.pages, {**self.files, **more}, self.search_manifest, self.nav)

    def page(self, src_uri: str) -> Page | None:
        """The generated page at that source path, if any."""
        return self._by_src.get(src_uri)

    @cached_property
    def _by_src(self) -> dict[str, Page]:
        return {page.src_uri: page for page in self.pages}


def make_product(
    timeline: Timeline,
    site: Site,
    search: Mapping | None = None,
    pages: list[Page] | None = None,
    indexer: Callable[..., tuple[dict[str, str], dict]] = index_files,
    kept: Kept | None = None,
    documents_of: Callable[[list[Page], bool], Iterable[dict]] = documents,
) -> Product:
    """Every page and data file; with ``search`` (Material's search options: ``lang``,
    ``separator``, ``pipeline``, ``fields``), the sharded search index too. ``pages``: the
    pages already rendered, else every page is rendered here; ``indexer``: what makes the index
    of their search documents (``incremental.py`` passes one that remembers the last); ``kept``:
    each event's piece of each data file from the render before (``exports/kept.py``);
    ``documents_of``: what cuts the pages into search documents (``incremental.py`` passes one
    that keeps each page's)."""
    pages = Renderer(timeline, site).pages() if pages is None else pages
    files = data_files(timeline, site_name=site.name, site_url=site.url, directory_urls=site.directory_urls, kept=kept)
    nav = navigation(timeline)
    if search is None:
        return Product(pages, files, None, nav)
    docs = documents_of(pages, site.directory_urls)
    index, manifest = indexer(docs, config=dict(search), worker_path=SEARCH_WORKER, index_path=SEARCH_INDEX)
    files.update({f"{SEARCH_INDEX}/{name}": text.encode("utf-8") for name, text in index.items()})
    return Product(pages, files, manifest, nav)


def offline_files(timeline: Timeline, site: Site, product: Product) -> dict[str, bytes]:
    """The data and search files of the offline edition that differ from the site's ``product``.

    The offline edition is the site with a file for each page (``events/x.html``, not
    ``events/x/``: ``file://`` opens a folder as a listing) and no site URL (its pages are read
    from a disk). The exports that name pages are made again for it; the search index is the
    site's with each page's location moved (its terms do not change).
    """
    flat = dataclasses.replace(site, url=None, directory_urls=False)
    files = data_files(timeline, site_name=flat.name, site_url=flat.url, directory_urls=flat.directory_urls)
    if product.search_manifest is not None:
        prefix = f"{SEARCH_INDEX}/"
        index = {
            path[len(prefix) :]: text.decode("utf-8") for path, text in product.files.items() if path.startswith(prefix)
        }
        locations = {url_of(page.src_uri, site.directory_urls): url_of(page.src_uri, False) for page in product.pages}
        files.update({prefix + name: text.encode("utf-8") for name, text in relocate(index, locations).items()})
    return files


def navigation(timeline: Timeline) -> list[dict]:
    """The timeline's pages, then each free-form page by its title (escaped: Material prints
    navigation titles as HTML)."""
    return [*NAV, *({html.escape(page.title, quote=False): f"{page.id}.md"} for page in timeline.pages)]
