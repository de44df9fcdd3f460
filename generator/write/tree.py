"""The site as a tree on disk that any MkDocs-style builder builds (the "write" step, second sink).

``python -m generator export DIR`` writes what the MkDocs plugin hands to
MkDocs in memory: every page as a Markdown file (front-matter: the title and
description, search options, the page's ``<head>`` additions and its date for
the sitemap; content: the
page's HTML), the data files and the book beside them in ``docs/``, the theme
in ``overrides/`` (the timeline's styles, scripts and overrides of Material,
which the plugin applies from inside the package, with the project's own
``custom_dir`` over them), and a ``mkdocs.yml`` without the ``timeline``
plugin. Plain MkDocs with mkdocs-material, ProperDocs and Zensical build it as
it is (README: what each builder gives).

A page goes to ``<path>/index.md`` rather than ``<path>.md`` when URLs are
folders: its links are relative to its URL, and Zensical resolves links in
raw HTML from the Markdown file's folder, which is then the same folder.
"""

from __future__ import annotations

import html
import shutil
from collections.abc import Mapping
from pathlib import Path

import frontmatter
import yaml

from ..render.pages import Page
from ..render.product import Product
from ..render.site import NAV
from .eventfile import Dumper
from .swap import staged

#: The first line of a written mkdocs.yml: a folder with it may be written over, any other is refused.
MARKER = "# Written by `python -m generator export`: the timeline's pages for any MkDocs-style builder."
DOCS = "docs"
OVERRIDES = "overrides"
HOME = "index.md"


class TreeError(Exception):
    """The tree cannot be written there (a message for the user)."""


def write_tree(product: Product, folder: Path, config: Mapping, theme_dirs: list[Path]) -> Path:
    """Write the tree into ``folder`` whole, or leave what was there; ``config`` is the site's
    configuration as read from its mkdocs.yml, ``theme_dirs`` the folders of its theme, lowest
    priority first (a file of a later one replaces the same file of an earlier one)."""
    folder = folder.resolve()
    _refuse_foreign(folder)
    directory_urls = config.get("use_directory_urls", True) is not False
    with staged(folder) as temp:
        for page in product.pages:
            _write(temp / DOCS / page_path(page.src_uri, directory_urls), markdown(page).encode("utf-8"))
        for name, content in product.files.items():
            _write(temp / DOCS / name, content)
        for theme in theme_dirs:
            shutil.copytree(theme, temp / OVERRIDES, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
        text = yaml.safe_dump(
            builder_config(config, bool(theme_dirs), directory_urls, product.nav), sort_keys=False, allow_unicode=True
        )
        _write(temp / "mkdocs.yml", f"{MARKER}\n{text}".encode())
    return folder


def page_path(src_uri: str, directory_urls: bool = True) -> str:
    """Where a page's Markdown goes in ``docs/``.

    >>> page_path("events/a.md"), page_path("index.md"), page_path("tags/index.md"), page_path("events/a.md", False)
    ('events/a/index.md', 'index.md', 'tags/index.md', 'events/a.md')
    """
    if not directory_urls or src_uri == "index.md" or src_uri.endswith("/index.md"):
        return src_uri
    return src_uri.removesuffix(".md") + "/index.md"


def markdown(page: Page) -> str:
    """The page as Markdown: front-matter, then its HTML, which every builder passes through as it is.

    Builders print the title and description into HTML unescaped, so they are escaped here, as the
    plugin escapes them."""
    meta: dict = {"title": page.title_html, "description": html.escape(page.description, quote=True)}
    if page.src_uri == HOME:  # builders title a page "title - site name"; the home page is the site name alone
        del meta["title"]
    if not page.searchable or page.listing:  # a builder's own search would index a listing whole
        meta["search"] = {"exclude": True}
    elif page.search_boost:
        meta["search"] = {"boost": page.search_boost}
    if page.head:
        meta["timeline_head"] = page.head
    if page.lastmod:
        meta["timeline_lastmod"] = page.lastmod  # the theme's sitemap.xml dates the page from it
    return frontmatter.dumps(frontmatter.Post(page.html, **meta), Dumper=Dumper, sort_keys=False) + "\n"


def builder_config(config: Mapping, overrides: bool, directory_urls: bool = True, nav: list = NAV) -> dict:
    """The site's configuration for the tree: the pages in ``docs/``, the theme's overrides in
    ``overrides/``, the navigation given, and no ``timeline`` plugin (the pages are made). The
    theme's font is ``false`` unless the plugin's ``remote_fonts`` is on, as the plugin sets it."""
    dropped = ("docs_dir", "site_dir", "edit_uri")
    out = {key: value for key, value in config.items() if key not in dropped and value is not None}
    out["docs_dir"] = DOCS
    given = config.get("theme") or "material"
    theme = {"name": given} if isinstance(given, str) else dict(given)
    theme.pop("custom_dir", None)
    if overrides:
        theme["custom_dir"] = OVERRIDES
    plugins = config.get("plugins") or ["search"]
    options = next((p["timeline"] for p in plugins if isinstance(p, dict) and "timeline" in p), None) or {}
    if not options.get("remote_fonts"):
        theme["font"] = False
    out["theme"] = theme
    out["nav"] = _nav(config.get("nav") or nav, directory_urls)
    out["plugins"] = [p for p in plugins if _plugin_name(p) != "timeline"]
    if config.get("repo_url"):
        out["edit_uri"] = ""  # an edit link would open the generated page, not the event file
    return out


def _nav(entries, directory_urls: bool):
    """The navigation with each page where :func:`page_path` puts it.

    >>> _nav([{"Home": "index.md"}, {"More": [{"Timeline": "timeline.md"}, "https://example.org/"]}], True)
    [{'Home': 'index.md'}, {'More': [{'Timeline': 'timeline/index.md'}, 'https://example.org/']}]
    """
    if isinstance(entries, list):
        return [_nav(entry, directory_urls) for entry in entries]
    if isinstance(entries, dict):
        return {title: _nav(target, directory_urls) for title, target in entries.items()}
    if isinstance(entries, str) and entries.endswith(".md") and "://" not in entries:
        return page_path(entries, directory_urls)
    return entries


def _plugin_name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry), "")


def _refuse_foreign(folder: Path) -> None:
    """Never replace a folder that is not an earlier export: ``export .`` must not wipe a project."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise TreeError(f"{folder} is a file: name a folder to write the tree into")
    config = folder / "mkdocs.yml"
    earlier = config.is_file() and config.read_text(encoding="utf-8", errors="replace").startswith(MARKER)
    if any(folder.iterdir()) and not earlier:
        raise TreeError(f"{folder} is not empty and holds no earlier export: name a new or empty folder")


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
