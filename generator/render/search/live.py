"""The search index kept from one rebuild to the next, updated where documents changed (the "render" step).

``index.py`` reads every document and writes every shard: at 10,000 events,
seconds, most of a preview's rebuild after a one-word edit. A
:class:`LiveIndex` keeps each document's row and term weights, and each term's
postings; given the documents again, in the same places (the same locations in
the same order), it reads only the documents whose title, text, tags or boost
changed, moves their postings, and writes again only the shards of the terms
they gained or lost and the chunks of their rows. Anything else (a document
added, removed or moved, other options) is indexed in full. The files and the
small index are those ``index_files`` writes for the same documents
(``tests/test_incremental.py``). The documents themselves are cut again only
from the pages that are not the very ones given last time.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Mapping

from ..pages import Page
from .documents import documents
from .files import delta_coded, script, shard_file, shard_key
from .index import (
    CHUNK,
    DEFAULT_CONFIG,
    TEASER_CHARS,
    TEXT_CHUNK,
    analysed,
    parents,
    small_index,
    stop_words,
)


class LiveIndex:
    """A callable like ``index_files`` (documents -> files and small index) that remembers."""

    def __init__(self) -> None:
        self.options: tuple | None = None
        self.docs: list[Mapping] = []
        self.rows: list[list] = []
        self.texts: list[str] = []
        self.weights: list[dict[str, int]] = []
        self.postings: dict[str, array] = {}
        self.shards: dict[str, set[str]] = {}
        self.written: dict[str, str] = {}  # each term's postings as its shard's JSON writes them
        self.files: dict[str, str] = {}
        self.cut: dict[int, tuple[Page, bool, list[dict]]] = {}  # each page's documents, by the page's id

    def documents(self, pages: list[Page], directory_urls: bool) -> list[dict]:
        """``documents(pages)``, cutting again only the pages that are not the ones cut last time
        (a rebuild keeps most pages as they were: the same objects, and the same documents)."""
        found, cut = [], {}
        for page in pages:
            kept = self.cut.get(id(page))
            if kept is None or kept[0] is not page or kept[1] != directory_urls:
                kept = (page, directory_urls, list(documents([page], directory_urls)))
            cut[id(page)] = kept
            found += kept[2]
        self.cut = cut
        return found

    def __call__(
        self, docs: Iterable[Mapping], *, config: Mapping | None, worker_path: str, index_path: str
    ) -> tuple[dict[str, str], dict]:
        docs = list(docs)
        config = dict(config or DEFAULT_CONFIG)
        options = (repr(config), worker_path, index_path)
        stop = stop_words(config)
        same_places = [d.get("location") for d in docs] == [d.get("location") for d in self.docs]
        if options != self.options or not same_places:
            self.options = options
            self._all(docs, stop)
        else:
            self._changed(docs, stop)
        files = dict(self.files)
        return files, small_index(
            config, stop, worker_path, index_path, len(self.rows), (CHUNK, TEXT_CHUNK), self.shards
        )

    def _all(self, docs: list[Mapping], stop: frozenset) -> None:
        self.docs, self.rows, self.weights, self.postings, self.shards, self.written = docs, [], [], {}, {}, {}
        self.texts = []
        for doc_id, (doc, parent) in enumerate(zip(docs, parents(docs), strict=True)):
            row, weights, text = analysed(doc, parent, stop, TEASER_CHARS)
            self.rows.append(row)
            self.texts.append(text)
            self.weights.append(weights)
            for term, weight in weights.items():
                self.postings.setdefault(term, array("l")).extend((doc_id, weight))
        for term in self.postings:
            self.shards.setdefault(shard_key(term), set()).add(term)
        self.files = {}
        self._write(range(len(self.rows)), self.shards)

    def _changed(self, docs: list[Mapping], stop: frozenset) -> None:
        pairs = enumerate(zip(self.docs, docs, strict=True))
        changed = [i for i, (old, new) in pairs if old is not new and old != new]
        self.docs = docs
        touched: set[str] = set()
        for doc_id in changed:
            row, weights, self.texts[doc_id] = analysed(docs[doc_id], self.rows[doc_id][3], stop, TEASER_CHARS)
            self.rows[doc_id] = row
            for term in self.weights[doc_id].keys() | weights.keys():
                self._post(term, doc_id, weights.get(term))
                touched.add(shard_key(term))
            self.weights[doc_id] = weights
        self._write(changed, touched)

    def _post(self, term: str, doc_id: int, weight: int | None) -> None:
        """Put ``doc_id``'s weight in ``term``'s postings (kept in document order), or take it out."""
        row = self.postings.setdefault(term, array("l"))
        at = 2 * bisect_left(row[0::2], doc_id)
        if at < len(row) and row[at] == doc_id:
            del row[at : at + 2]
        if weight is not None:
            row[at:at] = array("l", (doc_id, weight))
        shard = self.shards.setdefault(shard_key(term), set())
        self.written.pop(term, None)
        if row:
            shard.add(term)
        else:
            del self.postings[term]
            shard.discard(term)

    def _shard(self, key: str, terms: list[str]) -> str:
        """A shard's script, joined from each term's JSON (written again only for terms that moved):
        what ``script("s", key, {term: postings, ...})`` writes."""
        head = script("s", key, {})[:-4]  # '__tl(["s","fr",{'
        for term in terms:
            if term not in self.written:
                self.written[term] = script("s", key, {term: delta_coded(self.postings[term])})[len(head) : -4]
        return head + ",".join(self.written[t] for t in terms) + "}]);"

    def _write(self, doc_ids: Iterable[int], shard_keys: Iterable[str]) -> None:
        """Write again the metadata and text chunks of ``doc_ids`` and the shards ``shard_keys``."""
        doc_ids = list(doc_ids)
        for n in sorted({doc_id // CHUNK for doc_id in doc_ids}):
            self.files[f"d-{n}.js"] = script("d", n, self.rows[n * CHUNK : (n + 1) * CHUNK])
        for n in sorted({doc_id // TEXT_CHUNK for doc_id in doc_ids}):
            self.files[f"t-{n}.js"] = script("t", n, self.texts[n * TEXT_CHUNK : (n + 1) * TEXT_CHUNK])
        for key in shard_keys:
            terms = self.shards.get(key)
            if terms:
                self.files[shard_file(key)] = self._shard(key, sorted(terms))
            else:
                self.shards.pop(key, None)
                self.files.pop(shard_file(key), None)
