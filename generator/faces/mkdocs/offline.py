"""The offline edition, made from the site just built (the MkDocs face).

The edition is the site to read from ``file://``: each page a file
(``events/x.html``, not ``events/x/``, which a browser opens as a folder
listing), the search index inlined as a script (``file://`` pages cannot fetch
JSON, as Material's ``offline`` plugin writes it) and the iframe-worker shim
loaded first, so that search runs from a disk. Building the site a second time
with ``use_directory_urls: false`` gave the same pages at the cost of a second
build; here each built page is moved to its file and its links are rebased
instead, and the data files that name pages are made again (``offline_files``).

What is Material's here: where its pages name other pages and files (``href``,
``src``, the base of ``__md_scope`` and ``__config``, the worker path), and where
its ``libs`` block puts polyfills. What is the theme's (``overrides/main.html``):
the feed link, left out of the edition (Material fetches ``sitemap.xml`` next to
every ``rel=alternate`` link, which ``file://`` refuses), and the home page's
link to the edition itself. Canonical links, ``og:url`` and the JSON-LD ``url``
stay: they name the published page, which is what the edition is a copy of.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from ...render.paths import relative, url_of
from ...render.product import Product

#: The iframe-worker shim the edition loads first; Material's offline plugin would load it from unpkg.com.
WORKER_SHIM = "assets/javascripts/iframe-worker-shim.js"
#: Files of a built site that only a web server uses, left out of the edition (the 404 page links
#: from the server's root), beside source maps (a third of Material's scripts; only a debugger reads them).
SERVER_ONLY = {"404.html", "sitemap.xml", "sitemap.xml.gz"}
#: Material's search index in a built site, and the script the edition reads it from.
SEARCH_INDEX = "search/search_index.json"
SEARCH_SCRIPT = "search/search_index.js"
#: Every link of a built page: by far the most of what is rebased, so matched alone (a pattern
#: that starts with a literal is searched for fast); a leading space keeps ``data-src`` out.
LINK = re.compile(r' (href|src)="([^"]*)"')
#: The script URLs of Material's ``__config`` and of the timeline's worker (``overrides/main.html``),
#: at the end of a page.
SCRIPT_URL = re.compile(r'("search": "|config\.search = ")([^"]*)"')
CONFIG = '<script id="__config"'
#: Material's scope of local storage and its __config base: the site root, as a folder.
ROOT = re.compile(r'(__md_scope=new URL\("|"base": ")([^"]*)"')
#: Where Material puts polyfills (its ``libs`` block comes before the script setting __md_scope).
LIBS = "<script>__md_scope="
#: What ``overrides/main.html`` writes that the edition leaves out.
FEED_LINK = re.compile(r'\n<link rel="alternate" type="application/atom\+xml"[^>]*>')
OFFER = re.compile(r'\n<p class="tl-offline">.*?</p>', re.S)


def edition_files(
    site: Path, product: Product, replaced: Mapping[str, bytes], *, directory_urls: bool, skip: str
) -> Iterator[tuple[str, bytes]]:
    """Each file of the edition, by its path in the edition, in the order of those paths, from the
    built ``site``: pages moved and rebased, ``replaced`` files (from ``offline_files``) in place
    of the site's, and the search index as a script. Source maps, ``skip`` (the zip itself) and
    what only a server uses stay out. Files are read one at a time, as the zip takes them.

    ``directory_urls`` is how the site was built (with ``false``, its pages are files already).
    """
    urls = {url_of(page.src_uri, directory_urls): url_of(page.src_uri, False) for page in product.pages}
    pages = Rebaser(urls)
    plan: dict[str, Callable[[], bytes]] = {}
    for folder, _dirs, names in os.walk(site):
        for file_name in names:
            path = Path(folder, file_name)
            name = path.relative_to(site).as_posix()
            if name.endswith(".map") or name in SERVER_ONLY or name == skip:
                continue
            if name in pages.moves:
                plan[pages.moves[name]] = functools.partial(pages.read, path, name)
            else:
                plan[name] = functools.partial(replaced.get, name) if name in replaced else path.read_bytes
            if name == SEARCH_INDEX:  # inlined in a script, as Material's offline plugin does
                plan[SEARCH_SCRIPT] = lambda: b"var __index = " + (site / SEARCH_INDEX).read_bytes()
    for name in sorted(plan):
        yield name, plan[name]()


class Rebaser:
    """Moves built pages to their files in the edition and rebases their links.

    ``urls`` maps each page's URL in the site to its file in the edition (``events/x/`` ->
    ``events/x.html``). The link a page holds names the same target from every page of the same
    folder, so each (link, folder) is worked out once: a listing page links thousands of events,
    and 10,000 event pages each link the same navigation.
    """

    def __init__(self, urls: Mapping[str, str]):
        self.moves = {_file_of(url): flat for url, flat in urls.items()}  # a page's file in the site -> in the edition
        self.folders = {url: flat for url, flat in urls.items() if url.endswith("/") or not url}
        self.done: dict[tuple[str, str, str], str] = {}

    def read(self, path: Path, old: str) -> bytes:
        """The page built at ``path``, ``old`` from the site root, as the edition holds it."""
        return self.page(path.read_text(encoding="utf-8"), old).encode("utf-8")

    def page(self, html: str, old: str) -> str:
        """A built page, the file ``old`` from the site root, moved to its file in the edition:
        every relative link names the file its target became, from the page's new place."""
        new = self.moves[old]
        old_dir, new_dir = posixpath.dirname(old), posixpath.dirname(new)
        html = LINK.sub(lambda m: f' {m[1]}="{self.link(m[2], old_dir, new_dir)}"', html)
        to_root = "/".join([".."] * new.count("/")) or "."
        shim = f'<script src="{relative(WORKER_SHIM, new)}"></script>\n    {LIBS}'

        def top(part: str) -> str:  # the head: Material's scope and polyfills, the feed link
            return FEED_LINK.sub("", ROOT.sub(lambda m: f'{m[1]}{to_root}"', part).replace(LIBS, shim, 1))

        def end(part: str) -> str:  # the end: Material's __config and the timeline's worker
            part = SCRIPT_URL.sub(lambda m: f'{m[1]}{self.link(m[2], old_dir, new_dir)}"', part)
            return ROOT.sub(lambda m: f'{m[1]}{to_root}"', part)

        head, tail = html.find("</head>"), html.rfind(CONFIG)
        html = top(html[:head]) + html[head:tail] + end(html[tail:]) if 0 <= head < tail else end(top(html))
        return OFFER.sub("", html, count=1) if new == "index.html" else html

    def link(self, url: str, old_dir: str, new_dir: str) -> str:
        """The link ``url`` of a page that was in the folder ``old_dir`` and is now in ``new_dir``."""
        if not url or url.startswith(("#", "/")) or ":" in url.split("/", 1)[0]:
            return url  # the page itself, an anchor, or another site
        up = url.startswith("../") and old_dir  # then the same target from any folder beside old_dir
        key = (url[3:], posixpath.dirname(old_dir), new_dir) if up else (url, old_dir, new_dir)
        if key not in self.done:
            self.done[key] = self._rebased(*key)
        return self.done[key]

    def _rebased(self, url: str, old_dir: str, new_dir: str) -> str:
        path, mark, rest = _split(url)
        target = posixpath.normpath(posixpath.join(old_dir, path)) if path else old_dir
        slash = "/" if path.endswith("/") or path in ("", ".", "..") or path.endswith("/..") else ""
        if target.startswith(".."):  # above the site: the same place, from the page's new folder
            return "../" * (new_dir.count("/") + 1 if new_dir else 0) + target + slash + mark + rest
        folder = "" if target in (".", "") else target + "/"
        if folder in self.folders:  # a page, linked by its directory URL
            target = self.folders[folder]
        elif slash:  # a folder that is no page: the same folder
            target = folder
        else:
            target = self.moves.get(target, target)
        return relative(target, new_dir + "/" if new_dir else "") + mark + rest


def _split(url: str) -> tuple[str, str, str]:
    """A URL's path, and what follows it (``#`` or ``?`` and the rest)."""
    at = min((i for i in (url.find("#"), url.find("?")) if i >= 0), default=len(url))
    return url[:at], url[at : at + 1], url[at + 1 :]


def _file_of(url: str) -> str:
    """The file a directory URL is served from."""
    return url + "index.html" if url.endswith("/") or not url else url
