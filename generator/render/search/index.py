"""A prebuilt, sharded search index for Material's search box (the "render" step).

Material's own search sends every page's full text to a web worker that builds
a lunr index on each page load; at 10,000 events that is tens of megabytes and
many seconds before the first result. This module writes, at build time, what
``theme/assets/javascripts/timeline-search-worker.js`` reads instead:

* ``<out>/s-<key>.js``: the postings of every term whose first two characters
  (code points, after lower-casing) are ``key``, when both are ASCII letters or
  digits; terms that start otherwise share one of :data:`BUCKETS` shards by a
  hash of their first two characters. A query loads only the shards of its own
  words, and however many scripts the events write in, the index has at most
  36 x 37 + :data:`BUCKETS` shards (a 64 KiB body of words from every script once
  made 21,632 files).
* ``<out>/d-<n>.js``: document metadata (location, title, short teaser, parent,
  boost) in chunks of ``chunk_size`` documents, loaded for the documents a
  query matches.
* ``<out>/t-<n>.js``: the documents' text (plain, at most :data:`TEXT_CHARS`
  characters each) in chunks of ``text_chunk`` documents, loaded only for the
  results shown first, so that each shows the passage around the words that
  matched it rather than the start of its text.
* a tiny replacement for ``search/search_index.json``: Material's main thread
  sends its ``config`` to the worker untouched, so the manifest rides in
  ``config["timeline"]`` and ``docs`` is empty.

Every file is a script, ``__tl([kind, key, payload]);``: a worker on a server
fetches it and parses the JSON between the first 4 and the last 2 characters;
the offline edition (file://, worker run in an iframe) loads it with a script
tag. The JSON is ASCII, so a page's charset cannot garble Cyrillic or Hangul. Pure Python; no MkDocs
import. ``write/search.py`` writes the files into a built site.

>>> tokens("Frontline-Offensive, Київ и 서울특별시 2024")
['frontline', 'offensive', 'київ', 'и', '서울특별시', '2024']
>>> shard_key("frontline"), shard_key("a"), shard_key("서울특별시"), shard_key("київ")
('fr', 'a', '~25', '~463')
>>> shard_file("fr"), shard_file("~25")
('s-66-72.js', 's-7e-32-35.js')
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from .files import BUCKETS, delta_coded, parse_script, script, shard_file, shard_key

__all__ = ["BUCKETS", "delta_coded", "index_files", "parse_script", "script", "shard_file", "shard_key"]

#: Letters and digits of any script; everything else separates words. The worker uses
#: ``/[\\p{L}\\p{N}]+/gu`` on NFC, lower-cased text, which matches the same characters.
WORD = re.compile(r"[^\W_]+")
TAG = re.compile(r"<[^>]*>")
#: Tags inside a line of text: they go without a space, so that "<a>Ukraine</a>, North Korea" reads
#: as the page shows it; any other tag ends a word.
INLINE = re.compile(r"</?(?:a|abbr|b|cite|code|em|i|mark|q|s|small|span|strong|sub|sup|time|u)\b[^>]*>")
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

VERSION = 3  #: 2: keys that are not ASCII are hashed into BUCKETS shards; 3: the documents' text
#: The most of a document's text kept for its snippet: a body may hold 65,536 characters, and a chunk
#: of text is loaded whole for any one of its documents.
TEXT_CHARS = 20_000
CHUNK = 500  #: documents per metadata file (``d-<n>.js``)
TEXT_CHUNK = 40  #: documents per text file (``t-<n>.js``)
TEASER_CHARS = 200  #: characters of a document's teaser
TITLE = 16  #: weight flag: the term is in the document's title (or tags)
TF_MAX = 15  #: weight bits 0-3: the term's count in the text, capped
DEFAULT_CONFIG = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"]}


def tokens(text: str) -> list[str]:
    """Lower-cased words of ``text``, any script.

    >>> tokens("Don't  STOP_me now—3.5")
    ['don', 't', 'stop', 'me', 'now', '3', '5']
    """
    return WORD.findall(unicodedata.normalize("NFC", text).lower())


def plain(markup: str) -> str:
    """Text of an HTML fragment, tags dropped, entities decoded, spaces collapsed.

    >>> plain("<p>Tom &amp; Jerry</p> <ul><li>x</li></ul>"), plain("<dd><a>Kyiv</a>, <a>Rome</a></dd><dt>Tags</dt>")
    ('Tom & Jerry x', 'Kyiv, Rome Tags')
    """
    text = TAG.sub(" ", INLINE.sub("", markup))
    return unicodedata.normalize("NFC", SPACE.sub(" ", html.unescape(text)).strip())


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


def index_files(
    docs: Iterable[Mapping],
    *,
    config: Mapping | None = None,
    worker_path: str = "assets/javascripts/timeline-search-worker.js",
    index_path: str = "search/timeline",
    chunk_size: int = CHUNK,
    teaser_chars: int = TEASER_CHARS,
    text_chunk: int = TEXT_CHUNK,
) -> tuple[dict[str, str], dict]:
    """The index of Material-style ``docs``: its files (name -> text) and the small index.

    ``docs`` are Material's search documents, in its order (an article before its
    sections): ``location``, ``title`` and ``text`` (HTML), optional ``tags`` and
    ``boost``. The files go into the folder ``index_path`` of the site. The small
    index is what goes into ``search/search_index.json`` in place of Material's
    (``config`` is Material's, kept, with the manifest added; ``docs`` is empty).

    >>> files, small = index_files([
    ...     {"location": "a/", "title": "Frontline report", "text": "<p>Shelling &amp; frontline</p>"},
    ...     {"location": "a/#more", "title": "More", "text": "the frontline moved"},
    ...     {"location": "b/", "title": "Київ", "text": "Frontline again, frontline"},
    ... ], config={"lang": ["en"], "pipeline": ["stopWordFilter"]})
    >>> sorted(files)
    ['d-0.js', 's-61-67.js', 's-66-72.js', 's-6d-6f.js', 's-72-65.js', 's-73-68.js', 's-7e-34-36-33.js', 't-0.js']
    >>> parse_script(files["t-0.js"])[2]
    ['Shelling & frontline', 'the frontline moved', 'Frontline again, frontline']
    >>> files[shard_file("fr")]
    '__tl(["s","fr",{"frontline":[0,17,1,1,1,2]}]);'
    >>> rows = parse_script(files["d-0.js"])[2]
    >>> rows[1], rows[2], files["d-0.js"].isascii()
    (['#more', 'More', 'the frontline moved', 0, 1], ['b/', 'Київ', 'Frontline again, frontline', -1, 1], True)
    >>> small["docs"], small["config"]["timeline"]["base"], small["config"]["timeline"]["docs"]
    ([], '../../search/timeline/', 3)
    """
    config = dict(config or DEFAULT_CONFIG)
    stop = stop_words(config)
    rows, postings, texts = _read(docs, stop, teaser_chars)
    files = {
        f"d-{n}.js": script("d", n, rows[at : at + chunk_size]) for n, at in enumerate(range(0, len(rows), chunk_size))
    }
    files.update(
        (f"t-{n}.js", script("t", n, texts[at : at + text_chunk]))
        for n, at in enumerate(range(0, len(texts), text_chunk))
    )
    shards: dict[str, dict[str, list[int]]] = {}
    for term in sorted(postings):
        shards.setdefault(shard_key(term), {})[term] = delta_coded(postings[term])
    files.update({shard_file(key): script("s", key, terms) for key, terms in shards.items()})
    return files, small_index(config, stop, worker_path, index_path, len(rows), (chunk_size, text_chunk), shards)


def stop_words(config: Mapping) -> frozenset:
    """The words left out of the index: lunr's English stop words when Material's pipeline filters them."""
    if "stopWordFilter" in config.get("pipeline", ()) and "en" in config.get("lang", ["en"]):
        return STOP_WORDS
    return frozenset()


def small_index(
    config: Mapping, stop: frozenset, worker_path: str, index_path: str, docs: int, chunks: tuple[int, int], shards
) -> dict:
    """What goes into ``search/search_index.json``: Material's config with the manifest added;
    ``chunks``: documents per metadata file and per text file."""
    chunk_size, text_chunk = chunks
    worker_dir = posixpath.dirname(worker_path)
    config = dict(config)
    config["timeline"] = {
        "version": VERSION,
        "base": posixpath.relpath(index_path, worker_dir or ".") + "/",
        "docs": docs,
        "chunk": chunk_size,
        "text": text_chunk,
        "shards": sorted(shards),
        "buckets": BUCKETS,
        "stop": sorted(stop),
    }
    return {"config": config, "docs": []}


def relocate(files: Mapping[str, str], locations: Mapping[str, str]) -> dict[str, str]:
    """The document files of an index (``d-*.js``) with each page's location replaced by
    ``locations[location]`` (a location not in it is kept); terms do not name locations, so the
    shards stay as they are. A section's location is its anchor alone, read from its page's.

    >>> docs = [{"location": "a/", "title": "A", "text": "x"}, {"location": "a/#b", "title": "B", "text": "y"}]
    >>> files, _ = index_files(docs)
    >>> parse_script(relocate(files, {"a/": "a.html"})["d-0.js"])[2]
    [['a.html', 'A', 'x', -1, 1], ['#b', 'B', 'y', 0, 1]]
    """
    moved = {}
    for name, text in files.items():
        if name.startswith("d-"):
            kind, key, rows = parse_script(text)
            for row in rows:
                row[0] = locations.get(row[0], row[0]) if row[3] < 0 else row[0]
            moved[name] = script(kind, key, rows)
    return moved


def _read(docs: Iterable[Mapping], stop: frozenset, teaser_chars: int) -> tuple[list[list], dict[str, array], list]:
    """Each document's metadata row (location, title, teaser, parent, boost), each term's
    postings (document ids and weights, in document order), and each document's text."""
    postings: defaultdict[str, array] = defaultdict(lambda: array("l"))
    rows: list[list] = []
    texts: list[str] = []
    docs = list(docs)
    for doc_id, (doc, parent) in enumerate(zip(docs, parents(docs), strict=True)):
        row, weights, text = analysed(doc, parent, stop, teaser_chars)
        rows.append(row)
        texts.append(text)
        for term, weight in weights.items():
            postings[term].extend((doc_id, weight))
    return rows, postings, texts


def parents(docs: Iterable[Mapping]) -> list[int]:
    """Each document's page: the id of the first document at its location's path, -1 for that one."""
    found, articles = [], {}
    for doc_id, doc in enumerate(docs):
        path = doc.get("location", "").partition("#")[0]
        parent = articles.get(path, -1)
        if parent < 0:
            articles[path] = doc_id
        found.append(parent)
    return found


def analysed(doc: Mapping, parent: int, stop: frozenset, teaser_chars: int) -> tuple[list, dict[str, int], str]:
    """One document's metadata row, the weight of each of its terms, and its text for snippets."""
    location = doc.get("location", "")
    title = plain(doc.get("title", ""))
    text = plain(doc.get("text", ""))
    boost = doc.get("boost", 1)
    row = [
        "#" + location.partition("#")[2] if parent >= 0 else location,
        title,
        teaser(text, teaser_chars),
        parent,
        int(boost) if float(boost).is_integer() else boost,
    ]
    return row, _weights(text, title, doc.get("tags") or (), stop), text[:TEXT_CHARS]


def _weights(text: str, title: str, tags: Iterable[str], stop: frozenset) -> dict[str, int]:
    """Each term's weight in a document: its count in the text (capped), and a flag for the title."""
    counts = Counter(tokens(text))  # counted in C: millions of words at 10,000 events
    weights = {term: n if n < TF_MAX else TF_MAX for term, n in counts.items() if term not in stop}
    for term in tokens(title + " " + " ".join(tags)):
        if term not in stop:
            weights[term] = weights.get(term, 0) | TITLE
    return weights
