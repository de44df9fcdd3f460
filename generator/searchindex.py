"""A prebuilt, sharded search index for Material's search box.

Material's own search sends every page's full text to a web worker that builds
a lunr index on each page load; at 10,000 events that is tens of megabytes and
many seconds before the first result. This module writes, at build time, what
``theme/assets/javascripts/timeline-search-worker.js`` reads instead:

* ``<out>/s-<key>.js``: the postings of every term whose first two characters
  (code points, after lower-casing) are ``key``; a query loads only the shards
  of its own words.
* ``<out>/d-<n>.js``: document metadata (location, title, short teaser, parent,
  boost) in chunks of ``chunk_size`` documents, loaded for the documents a
  query matches.
* a tiny replacement for ``search/search_index.json``: Material's main thread
  sends its ``config`` to the worker untouched, so the manifest rides in
  ``config["timeline"]`` and ``docs`` is empty.

Every file is a script, ``__tl([kind, key, payload]);``: a worker on a server
fetches it and parses the JSON between the first 4 and the last 2 characters;
the offline edition (file://, worker run in an iframe) loads it with a script
tag. The JSON is ASCII, so a page's charset cannot garble Cyrillic or Hangul. Pure Python; no MkDocs import.

>>> tokens("Frontline-Offensive, Київ и 서울특별시 2024")
['frontline', 'offensive', 'київ', 'и', '서울특별시', '2024']
>>> shard_key("서울특별시"), shard_key("a")
('서울', 'a')
>>> shard_file("fr"), shard_file("서울")
('s-66-72.js', 's-c11c-c6b8.js')
"""

from __future__ import annotations

import html
import json
import math
import os
import posixpath
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, Mapping

#: Letters and digits of any script; everything else separates words. The worker uses
#: ``/[\\p{L}\\p{N}]+/gu`` on NFC, lower-cased text, which matches the same characters.
WORD = re.compile(r"[^\W_]+")
TAG = re.compile(r"<[^>]*>")
SPACE = re.compile(r"\s+")

#: lunr's English stop words: Material leaves them out of its index when its config
#: keeps ``stopWordFilter`` in the pipeline; so does this index.
STOP_WORDS = frozenset(
    "a able about across after all almost also am among an and any are as at be because been "
    "but by can cannot could dear did do does either else ever every for from get got had has "
    "have he her hers him his how however i if in into is it its just least let like likely may "
    "me might most must my neither no nor not of off often on only or other our own rather said "
    "say says she should since so some than that the their them then there these they this tis "
    "to too twas us wants was we were what when where which while who whom why will with would "
    "yet you your".split()
)

VERSION = 1
TITLE = 16  #: weight flag: the term is in the document's title (or tags)
TF_MAX = 15  #: weight bits 0-3: the term's count in the text, capped


def tokens(text: str) -> list[str]:
    """Lower-cased words of ``text``, any script.

    >>> tokens("Don't  STOP_me now—3.5")
    ['don', 't', 'stop', 'me', 'now', '3', '5']
    """
    return WORD.findall(unicodedata.normalize("NFC", text).lower())


def plain(markup: str) -> str:
    """Text of an HTML fragment, tags dropped, entities decoded, spaces collapsed.

    >>> plain("<p>Tom &amp; Jerry</p> <ul><li>x</li></ul>")
    'Tom & Jerry x'
    """
    return unicodedata.normalize("NFC", SPACE.sub(" ", html.unescape(TAG.sub(" ", markup))).strip())


def teaser(text: str, limit: int) -> str:
    """At most ``limit`` characters of ``text``, cut at a space, with an ellipsis.

    >>> teaser("one two three four", 9)
    'one two…'
    >>> teaser("short", 9)
    'short'
    """
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip() + "…"


def shard_key(term: str) -> str:
    """The shard a term lives in: its first two characters."""
    return term[:2]


def shard_file(key: str) -> str:
    """A file name for a shard key, ASCII whatever the script (hex code points)."""
    return "s-" + "-".join(f"{ord(c):x}" for c in key) + ".js"


def _script(kind: str, key, payload) -> str:
    # ASCII (\\u escapes): a script tag decodes it right whatever charset the page declares
    return "__tl(" + json.dumps([kind, key, payload], separators=(",", ":")) + ");"


def parse_script(text: str) -> list:
    """``[kind, key, payload]`` of an index file's text: what the worker reads, for tools and tests.

    >>> parse_script(_script("s", "fr", {"frontline": [0, 17]}))
    ['s', 'fr', {'frontline': [0, 17]}]
    """
    return json.loads(text[text.index("(") + 1: text.rindex(")")])


def build(
    docs: Iterable[Mapping],
    out: Path,
    *,
    config: Mapping | None = None,
    worker_path: str = "assets/javascripts/timeline-search-worker.js",
    index_path: str = "search/timeline",
    chunk_size: int = 500,
    teaser_chars: int = 200,
) -> dict:
    """Write the index of Material-style ``docs`` into ``out``; return the small index.

    ``docs`` are Material's search documents, in its order (an article before its
    sections): ``location``, ``title`` and ``text`` (HTML), optional ``tags`` and
    ``boost``. ``out`` is the folder ``index_path`` of the site. The returned
    mapping is what goes into ``search/search_index.json`` in place of Material's
    (``config`` is Material's, kept, with the manifest added; ``docs`` is empty).

    >>> import tempfile, json
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     small = build([
    ...         {"location": "a/", "title": "Frontline report", "text": "<p>Shelling &amp; frontline</p>"},
    ...         {"location": "a/#more", "title": "More", "text": "the frontline moved"},
    ...         {"location": "b/", "title": "Київ", "text": "Frontline again, frontline"},
    ...     ], Path(tmp), config={"lang": ["en"], "pipeline": ["stopWordFilter"]})
    ...     names = sorted(p.name for p in Path(tmp).iterdir())
    ...     fr = (Path(tmp) / shard_file("fr")).read_text()
    ...     meta = (Path(tmp) / "d-0.js").read_text()
    >>> names
    ['d-0.js', 's-43a-438.js', 's-61-67.js', 's-66-72.js', 's-6d-6f.js', 's-72-65.js', 's-73-68.js']
    >>> fr
    '__tl(["s","fr",{"frontline":[0,17,1,1,1,2]}]);'
    >>> meta
    '__tl(["d",0,[["a/","Frontline report","Shelling & frontline",-1,1],["#more","More","the frontline moved",0,1],["b/","\\\\u041a\\\\u0438\\\\u0457\\\\u0432","Frontline again, frontline",-1,1]]]);'
    >>> small["docs"], small["config"]["timeline"]["base"], small["config"]["timeline"]["docs"]
    ([], '../../search/timeline/', 3)
    """
    config = dict(config or {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"]})
    stop = STOP_WORDS if "stopWordFilter" in config.get("pipeline", ()) and "en" in config.get("lang", ["en"]) else frozenset()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)

    postings: defaultdict[str, array] = defaultdict(lambda: array("l"))
    meta: list[list] = []
    articles: dict[str, int] = {}
    chunk = 0

    def flush(final: bool = False) -> None:
        nonlocal chunk, meta
        if meta and (final or len(meta) >= chunk_size):
            (out / f"d-{chunk}.js").write_text(_script("d", chunk, meta), encoding="utf-8")
            chunk += 1
            meta = []

    count = 0
    for doc_id, doc in enumerate(docs):
        count += 1
        location = doc.get("location", "")
        title = plain(doc.get("title", ""))
        text = plain(doc.get("text", ""))
        path, _, anchor = location.partition("#")
        parent = articles.get(path, -1)
        if parent < 0:
            articles[path] = doc_id
        boost = doc.get("boost", 1)
        meta.append([
            "#" + anchor if parent >= 0 else location,
            title,
            teaser(text, teaser_chars),
            parent,
            int(boost) if float(boost).is_integer() else boost,
        ])
        flush()

        counts = Counter(tokens(text))  # counted in C: millions of words at 10,000 events
        weights = {term: n if n < TF_MAX else TF_MAX for term, n in counts.items() if term not in stop}
        for term in tokens(title + " " + " ".join(doc.get("tags") or ())):
            if term not in stop:
                weights[term] = weights.get(term, 0) | TITLE
        for term, weight in weights.items():
            postings[term].extend((doc_id, weight))
    flush(final=True)

    shards: dict[str, dict[str, list[int]]] = {}
    for term in sorted(postings):
        shards.setdefault(shard_key(term), {})[term] = _delta_coded(postings[term])
    for key, terms in shards.items():
        (out / shard_file(key)).write_text(_script("s", key, terms), encoding="utf-8")

    worker_dir = posixpath.dirname(worker_path)
    base = posixpath.relpath(index_path, worker_dir or ".") + "/"
    config["timeline"] = {
        "version": VERSION,
        "base": base,
        "docs": count,
        "chunk": chunk_size,
        "shards": sorted(shards),
        "stop": sorted(stop),
    }
    return {"config": config, "docs": []}


def _delta_coded(row: array) -> list[int]:
    """[id, weight, id, weight, ...] with each id but the first as the gap from the one before.

    >>> _delta_coded(array("l", [3, 1, 7, 17, 8, 2]))
    [3, 1, 4, 17, 1, 2]
    """
    coded = row.tolist()
    for at in range(len(coded) - 2, 0, -2):
        coded[at] -= coded[at - 2]
    return coded


def write_site(site: Path, docs: Iterable[Mapping] | None = None, **options) -> dict:
    """Replace a built site's ``search/search_index.json`` by the sharded index; its stats.

    Reads Material's index from the site when ``docs`` is not given. Run it before
    Material's ``offline`` plugin inlines the index (its ``on_post_build`` runs last).
    """
    site = Path(site)
    index_file = site / "search" / "search_index.json"
    config = None
    if docs is None:
        with open(index_file, encoding="utf-8") as f:
            material = json.load(f)
        docs, config = material["docs"], material["config"]
    index_path = options.pop("index_path", "search/timeline")
    out = site / index_path
    small = build(docs, out, config=options.pop("config", config), index_path=index_path, **options)
    index_file.write_text(json.dumps(small, separators=(",", ":")), encoding="utf-8")  # ASCII, as the offline plugin inlines it in a script
    size = sum(p.stat().st_size for p in out.iterdir())
    return {"files": len(os.listdir(out)), "bytes": size, "docs": small["config"]["timeline"]["docs"]}


if __name__ == "__main__":  # python -m generator.searchindex SITE: convert a built site in place
    import sys
    import time

    start = time.perf_counter()
    stats = write_site(Path(sys.argv[1]))
    print(json.dumps({**stats, "seconds": round(time.perf_counter() - start, 2)}))
