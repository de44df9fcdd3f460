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
#: Every place a built page names another page or file by a relative URL.
LINK = re.compile(r'((?:href|src)="|"search": "|config\.search = ")([^"]*)"')
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
    moves = {_file_of(url): flat for url, flat in urls.items()}
    folders = {url: flat for url, flat in urls.items() if url.endswith("/") or not url}
    plan: dict[str, Callable[[], bytes]] = {}
    for path in site.rglob("*"):
        name = path.relative_to(site).as_posix()
        if not path.is_file() or name.endswith(".map") or name in SERVER_ONLY or name == skip:
            continue
        if name in moves:
            plan[moves[name]] = functools.partial(_page, path, name, moves[name], folders, moves)
        elif name in replaced:
            plan[name] = functools.partial(replaced.get, name)
        else:
            plan[name] = path.read_bytes
        if name == SEARCH_INDEX:  # inlined in a script, as Material's offline plugin does
            plan[SEARCH_SCRIPT] = lambda: b"var __index = " + (site / SEARCH_INDEX).read_bytes()
    for name in sorted(plan):
        yield name, plan[name]()


def _page(path: Path, old: str, new: str, folders: Mapping[str, str], moves: Mapping[str, str]) -> bytes:
    return rebase_page(path.read_text(encoding="utf-8"), old, new, folders, moves).encode("utf-8")


def rebase_page(html: str, old: str, new: str, folders: Mapping[str, str], moves: Mapping[str, str]) -> str:
    """A built page moved from the file ``old`` to the file ``new`` (paths from the site root):
    every relative link names the file its target became, from the page's new place.

    ``folders`` maps each page's directory URL to its file in the edition, ``moves`` each page's
    file in the site to its file in the edition.
    """
    old_dir = posixpath.dirname(old)
    to_root = "/".join([".."] * new.count("/")) or "."
    html = LINK.sub(lambda m: f'{m[1]}{_rebased(m[2], old_dir, new, folders, moves)}"', html)
    html = ROOT.sub(lambda m: f'{m[1]}{to_root}"', html)
    html = html.replace(LIBS, f'<script src="{relative(WORKER_SHIM, new)}"></script>\n    {LIBS}', 1)
    html = FEED_LINK.sub("", html)
    return OFFER.sub("", html, count=1) if new == "index.html" else html


def _rebased(url: str, old_dir: str, new: str, folders: Mapping[str, str], moves: Mapping[str, str]) -> str:
    """The link ``url`` of a page that was in the folder ``old_dir`` and is now the file ``new``."""
    if not url or url.startswith(("#", "/")) or ":" in url.split("/", 1)[0]:
        return url  # the page itself, an anchor, or another site
    path, mark, rest = _split(url)
    target = posixpath.normpath(posixpath.join(old_dir, path)) if path else old_dir
    if target.startswith(".."):
        return url  # above the site: not the site's to move
    folder = "" if target == "." else target + "/"
    if folder in folders:  # a page, linked by its directory URL
        target = folders[folder]
    elif path.endswith("/"):
        return url  # a folder that is no page: nothing to move it to
    else:
        target = moves.get(target, target)
    return relative(target, new) + mark + rest


def _split(url: str) -> tuple[str, str, str]:
    """A URL's path, and what follows it (``#`` or ``?`` and the rest)."""
    at = min((i for i in (url.find("#"), url.find("?")) if i >= 0), default=len(url))
    return url[:at], url[at : at + 1], url[at + 1 :]


def _file_of(url: str) -> str:
    """The file a directory URL is served from."""
    return url + "index.html" if url.endswith("/") or not url else url
