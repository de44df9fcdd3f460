"""Sanitized HTML -> the book's nodes: text as data the typesetter prints, never markup it reads.

Part of the "render" step, for the book. The bodies on the model are HTML the sanitizer made
(``model/sanitize.py``), and so are the citations the site's templates render
(``templates/citation.html``). The book's typesetter (Typst, ``write/pdf.py``) reads neither HTML
nor contributor text as markup: it is handed this tree as JSON and prints every string as text.
So no character of an event file, however written, can become a Typst command.

A node is a string (text), or a dict: ``{"t": tag, "c": [children]}`` plus ``href`` (links),
``cls`` (the citation's classes that change its look), or a footnote ``{"t": "fn", "n": 3,
"id": "fn-<event>-3", "c": [the citation]}``, a second call of it ``{"t": "ref", "n": 3, "id":
...}``, and the comma between two calls in a row ``{"t": "sep"}``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from ..model.event import CITATION_MARK, CITATION_RUN

Node = str | dict
#: Tags the sanitizer lets through (``model/sanitize.py``), and the book's own span for a citation's parts.
KNOWN = frozenset(
    {
        *("p", "br", "hr", "em", "strong", "b", "i", "code", "pre", "blockquote", "q", "ul", "ol", "li", "a"),
        *("sup", "sub", "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "abbr", "cite", "del"),
        *("ins", "s", "span"),
    }
)
VOID = frozenset({"br", "hr"})
#: Links the book keeps: a relative link leads nowhere in a PDF, and only these schemes ever pass the sanitizer.
LINK_SCHEMES = ("http://", "https://", "mailto:")
#: The citation's classes that change how it prints (``templates/citation.html``).
CLASSES = frozenset({"tl-ref__outlet", "tl-muted", "tl-ref__snapshot", "tl-checked", "tl-checked--not"})

_TOKEN = re.compile(r"<(/?)([a-z0-9]+)((?:\s+[a-z-]+(?:=\"[^\"]*\")?)*)\s*/?>|<!--.*?-->|([^<]+|<)", re.S)
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')

#: Turns one citation mark into its node (a footnote, or a call of one already placed).
Marker = Callable[[str], Node]


def nodes(markup: str, marker: Marker | None = None) -> list[Node]:
    """The tree of ``markup``; each citation mark in its text becomes ``marker(source id)``.

    >>> nodes('<p>A <em>b</em> &amp; <a href="https://x.example/">c</a></p>')
    [{'t': 'p', 'c': ['A ', {'t': 'em', 'c': ['b']}, ' & ', {'t': 'a', 'c': ['c'], 'href': 'https://x.example/'}]}]
    >>> nodes('<a href="../other/">x</a><script>y</script>')
    [{'t': 'a', 'c': ['x']}, 'y']
    """
    root: dict = {"t": "", "c": []}
    stack = [root]
    for closing, tag, attributes, text in _TOKEN.findall(markup):
        if text:
            _add_text(stack[-1]["c"], html.unescape(text), marker)
        elif tag not in KNOWN:
            continue  # no other tag passes the sanitizer; keep its text, never the tag
        elif closing:
            _close(stack, tag)
        else:
            node = _element(tag, dict(_ATTRIBUTE.findall(attributes)))
            stack[-1]["c"].append(node)
            if tag not in VOID:
                stack.append(node)
    return _tidy(root["c"])


def _element(tag: str, attributes: dict[str, str]) -> dict:
    node: dict = {"t": tag, "c": []}
    href = html.unescape(attributes.get("href", ""))
    if tag == "a" and href.lower().startswith(LINK_SCHEMES):
        node["href"] = href
    classes = CLASSES.intersection(attributes.get("class", "").split())
    if classes:
        node["cls"] = sorted(classes)
    return node


def _close(stack: list[dict], tag: str) -> None:
    """Close ``tag`` and whatever is still open inside it; a stray end tag closes nothing."""
    for depth in range(len(stack) - 1, 0, -1):
        if stack[depth]["t"] == tag:
            del stack[depth:]
            return


def _add_text(children: list[Node], text: str, marker: Marker | None) -> None:
    if marker is None or "\u2063" not in text:
        children.append(text)
        return
    at = 0
    for run in CITATION_RUN.finditer(text):
        children.append(text[at : run.start()])
        for n, source_id in enumerate(CITATION_MARK.findall(run[0])):
            if n:
                children.append({"t": "sep"})  # [^a][^b] -> calls 1,2 (not 12)
            children.append(marker(source_id))
        at = run.end()
    children.append(text[at:])


def _tidy(children: list[Node]) -> list[Node]:
    """Adjacent strings joined, empty ones dropped, recursively."""
    tidy: list[Node] = []
    for child in children:
        if isinstance(child, str):
            if not child:
                continue
            if tidy and isinstance(tidy[-1], str):
                tidy[-1] += child
                continue
        elif "c" in child:
            child["c"] = _tidy(child["c"])
        tidy.append(child)
    return tidy


def relevel(tree: list[Node], base: int) -> list[Node]:
    """The body's headings (``h2`` to ``h4``) as levels under ``base``, the level of what holds the
    body, never skipping one: tagged PDF (PDF/UA-1) refuses a heading of level 5 after one of 2.

    >>> [n["level"] for n in relevel([{"t": "h4", "c": []}, {"t": "h2", "c": []}, {"t": "h3", "c": []}], 2)]
    [3, 3, 4]
    """
    previous = base
    for node in tree:
        if isinstance(node, dict) and node["t"] in ("h2", "h3", "h4"):
            previous = min(base + int(node["t"][1]) - 1, previous + 1)
            node["t"], node["level"] = "h", previous
    return tree


def text_of(tree: list[Node]) -> str:
    """The text a reader sees in ``tree``, without footnotes (``'A b & c'``)."""
    parts: list[str] = []
    for node in tree:
        if isinstance(node, str):
            parts.append(node)
        elif node["t"] not in ("fn", "ref", "sep"):
            parts.append(text_of(node["c"]))
    return "".join(parts)
