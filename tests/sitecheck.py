"""Helpers that read a built site the way a browser would: parsed HTML, not string snapshots."""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.render.search.index import parse_script


class Element:
    def __init__(self, tag: str, attrs: dict[str, str]):
        self.tag, self.attrs, self.text, self.children = tag, attrs, "", []

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


class Tree(HTMLParser):
    """A tiny DOM: every element with its attributes and its text content."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.stack: list[Element] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        for element in self.stack:
            element.text += data

    def find(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        return [e for e in self.elements if (tag is None or e.tag == tag) and (cls is None or cls in e.classes())]


def page(site: Path, url_path: str) -> Tree:
    return Tree((site / url_path / "index.html").read_text(encoding="utf-8"))


def local_links(html_file: Path):
    """(attribute, value, resolved path) of every relative href/src in one page."""
    for element in Tree(html_file.read_text(encoding="utf-8")).elements:
        for attr in ("href", "src"):
            target = element.attrs.get(attr)
            if not target or target.startswith("#"):
                continue
            parts = urlsplit(target)
            if not (parts.scheme or parts.netloc):
                yield attr, target, (html_file.parent / unquote(parts.path)).resolve()


def broken_links(site: Path) -> list[str]:
    """Relative href/src values in every HTML page that point at nothing in the site."""
    broken = []
    for html_file in site.rglob("*.html"):
        if html_file.name == "404.html":
            continue  # served at any depth, so MkDocs links it from the site root
        for attr, target, resolved in local_links(html_file):
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.exists():
                broken.append(f"{html_file.relative_to(site)}: {attr}={target}")
    return broken


def digest(folder: Path) -> dict[str, str]:
    """Every file's content hash, by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _chunks(site: Path, kind: str) -> list:
    """The entries of every ``<kind>-<n>.js`` file of the search index, in order."""
    entries: list = []
    chunks = sorted((site / "search" / "timeline").glob(f"{kind}-*.js"), key=lambda p: int(p.stem[2:]))
    for chunk in chunks:
        found, _, payload = parse_script(chunk.read_text(encoding="ascii"))
        assert found == kind, chunk
        entries += payload
    return entries


def search_documents(site: Path) -> list[dict]:
    """Every document of the sharded search index (generator/render/search/), as the worker
    reads them: location (a section's anchor joined to its page), title, teaser and the whole text
    its snippets are cut from, plain text."""
    rows, texts = _chunks(site, "d"), _chunks(site, "t")
    assert len(rows) == len(texts)
    docs = []
    for (location, title, teaser, parent, _boost), text in zip(rows, texts, strict=True):
        if parent >= 0:
            location = rows[parent][0].split("#")[0] + location
        docs.append({"location": location, "title": title, "text": teaser, "full": text})
    return docs
