"""Where each page goes and how pages link to each other (the "render" step).

Pages are named by their source path as a builder knows it (``events/x.md``,
``tags/index.md``); :func:`url_of` gives the URL a MkDocs-style builder makes
of it, and :func:`relative` the link from one page to another, so that the site
works from any folder of a web server and from ``file://``.
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
from collections import Counter

from ..model.event import Event
from ..model.vocabulary import actor_slug, reserved, slugify

__all__ = ["actor_src", "event_src", "figure_src", "relative", "slugify", "unique_slugs", "url_of"]


def url_of(src_uri: str, directory_urls: bool = True) -> str:
    """The URL path (from the site root) that MkDocs gives a page.

    >>> url_of("events/a.md"), url_of("index.md"), url_of("tags/index.md", False)
    ('events/a/', '', 'tags/index.html')
    """
    stem = src_uri[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(target: str, from_url: str) -> str:
    """A relative link from one page's URL to a path from the site root.

    >>> relative("events/b/", "events/a/"), relative("", "events/a/"), relative("timeline/", "")
    ('../b/', '../../', 'timeline/')
    >>> relative("timeline.html", "index.html"), relative("index.html", "events/a.html")
    ('timeline.html', '../index.html')
    >>> relative("tags/a/2024/", "tags/a/2023/"), relative("tags/a/", "tags/a/"), relative("x/", "x/y/")
    ('../2024/', './', '../')
    """
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    return _relative(target, base.strip("/"))


@functools.lru_cache(maxsize=65536)
def _relative(target: str, base: str) -> str:
    """Both are paths from the site root: string work only (posixpath.relpath asks the OS for the
    working directory twice per call, and listings make hundreds of thousands of links)."""
    up = base.split("/") if base else []
    down = target.rstrip("/").split("/") if target.strip("/") else []
    common = 0
    while common < min(len(up), len(down)) and up[common] == down[common]:
        common += 1
    rel = "/".join([".."] * (len(up) - common) + down[common:])
    if target.endswith("/") or not target:
        return rel + "/" if rel else "./"
    return rel or "."


def event_src(event: Event) -> str:
    return f"events/{event.id}.md"


def actor_src(actor: str) -> str:
    return f"actors/{actor_slug(actor)}.md"  # unique per actor: model/vocabulary.py checks them


def figure_src(figure_id: str) -> str:
    return f"figures/{figure_id}.md"  # figure ids are slugs already (model/vocabulary.py checks them)


def unique_slugs(names: list[str], taken: frozenset[str] | set[str] = frozenset()) -> dict[str, str]:
    """A URL slug per name, the same whatever the order of the names.

    Names that slugify alike each get a short hash of the name as well, rather than a number that
    would change with the names around them; so does a name whose slug the site's own pages use
    (an outlet "Index" would otherwise take the place of the sources page), or one in ``taken``.

    >>> unique_slugs(["Le Monde", "Le monde!", "Outlet <i>A</i>", "???"])
    {'Le Monde': 'le-monde-eb1dff', 'Le monde!': 'le-monde-1e8b61', 'Outlet <i>A</i>': 'outlet-i-a-i', '???': 'outlet'}
    >>> unique_slugs(["Index"]), unique_slugs(["Credited"], taken={"credited"})
    ({'Index': 'index-39c3be'}, {'Credited': 'credited-0a2921'})
    """
    plain = {name: slugify(name, limit=50, fallback="outlet") for name in names}
    counts = Counter(plain.values())
    return {
        name: f"{slug}-{hashlib.sha256(name.encode()).hexdigest()[:6]}"
        if counts[slug] > 1 or reserved(slug) or slug in taken
        else slug
        for name, slug in plain.items()
    }
