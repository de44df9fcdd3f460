"""The product as MkDocs sees it: virtual files, and each page's metadata (the MkDocs face).

The same pages and files ``export`` writes to disk, handed to MkDocs in memory,
the way mkdocs-gen-files hands over the files it generates.
"""

from __future__ import annotations

import functools
import html
import os
from pathlib import Path

from mkdocs.structure.files import File, Files

from ...render.product import Product

#: MkDocs stamps sitemap.xml.gz's header with the latest page's ``update_date`` (the build clock when
#: none is set). That header holds 32 bits of seconds from 1970 (0 says "no time", RFC 1952): a day
#: outside them would stop the build, so such a page says "no time".
NO_TIME = "1970-01-01"
LAST_TIME = "2106-02-06"


class KeptFile(File):
    """A generated file that is what the served folder already holds: MkDocs' dirty build skips it
    (``preview.py``)."""

    def is_modified(self) -> bool:
        return False


def add_product(files: Files, product: Product, config, written: Product | None = None) -> Files:
    """The event sources leave MkDocs' hands (the generator renders them); every page and data
    file of the product comes in as a generated file.

    With ``written``, the product already in the site folder (a preview's rebuild under ``mkdocs
    serve --dirty``, see ``preview.py``), what is the same there stays as it is: a page of the
    navigation as a KeptFile (the navigation needs its file), anything else is left out of MkDocs'
    hands, which spares MkDocs a page object, a URL and a sitemap entry for each of 10,000
    unchanged pages on every save (the preview's sitemap.xml lists only the pages it rendered)."""
    for file in list(files):
        if file.src_uri.endswith(".md") and not file.generated_by:
            files.remove(file)
    docs = Path(config.docs_dir).resolve()
    nav = set(nav_sources(config.nav or [])) if written is not None else set()
    for page in product.pages:
        same = written is not None and written.page(page.src_uri) == page
        if same and page.src_uri not in nav:
            continue
        file = (KeptFile if same else File).generated(config, page.src_uri, content="")  # HTML: on_page_content
        if page.source:  # "Edit this page" opens the event's own file (a free-form page's, beside docs_dir)
            file.edit_uri = _edit_uri(page.source, docs)
        files.append(file)
    for path, content in product.files.items():
        if written is None or written.files.get(path) != content:
            files.append(File.generated(config, path, content=content))
    return files


def nav_sources(nav: list) -> list[str]:
    """The source paths a navigation names, at any depth."""
    found = []
    for item in nav:
        for value in item.values() if isinstance(item, dict) else [item]:
            found += nav_sources(value) if isinstance(value, list) else [value]
    return found


@functools.cache  # each rebuild of `mkdocs serve` asks again for the same 10,000 files
def _edit_uri(source: Path, docs: Path) -> str:
    return Path(os.path.relpath(source.resolve(), docs)).as_posix()


def apply_page(page, product: Product | None) -> None:
    """A generated page's title, description, head and dates, as MkDocs' templates read them."""
    rendered = product.page(page.file.src_uri) if product else None
    if rendered is None:
        return
    if not page.is_homepage:  # Material's <title> is "title - site name": the home page is the site name alone
        page.meta["title"] = rendered.title_html  # Material prints titles as HTML, unescaped
    page.meta["description"] = html.escape(rendered.description, quote=True)
    page.meta["search"] = {"exclude": True}  # indexed from the generator's own fragments (render/search)
    page.meta["timeline_lastmod"] = rendered.lastmod
    lastmod = rendered.lastmod or NO_TIME
    page.update_date = lastmod if NO_TIME <= lastmod <= LAST_TIME else NO_TIME  # ISO days compare as text
    page.meta["timeline_head"] = rendered.head
