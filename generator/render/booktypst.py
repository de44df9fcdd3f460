"""The book's data -> Typst source, every value a string literal (the "render" step, for the book).

``book.py`` words the book as data; this module writes it as Typst markup after the template's
definitions (``templates/print/book.typ``), and ``write/pdf.py`` has Typst lay it out.

Contributor text is never markup here. Every string goes in as a Typst string literal
(:func:`literal`: a backslash, a quotation mark and control characters escaped, so it cannot end
early), printed as text wherever it stands; every structure (emphasis, links, footnotes) is a call
this module writes, never a character of the text. Labels are made only from ids the check allows
(lowercase letters, digits and hyphens). Markup is written out directly rather than built by Typst
functions over JSON: Typst memoizes every call of a function defined in Typst, and a book of a
thousand events built that way took five times as long and twice the memory.
"""

from __future__ import annotations

import re

from .printnodes import Node

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_ESCAPED = re.compile(r'[\\"\x00-\x1f\x7f\u2028\u2029]')
_SPACE = re.compile(r"\s+")
_LINKABLE = re.compile(r"(?:https?://|mailto:)[^\s]*\Z", re.I)

#: Tags printed as a Typst function around their children, and that function.
_WRAP = {
    **dict.fromkeys(("em", "i", "cite"), "emph"),
    **dict.fromkeys(("strong", "b"), "strong"),
    **dict.fromkeys(("del", "s"), "strike"),
    "ins": "underline",
    "sup": "super",
    "sub": "sub",
    "code": "code",
    "blockquote": "quoteblock",
}


def literal(text: str) -> str:
    r"""``text`` as a Typst string literal: printed as it is, whatever it holds.

    >>> literal('#import "@preview/x:1.0"\\ $x$ <l> *b*')
    '"#import \\"@preview/x:1.0\\"\\\\ $x$ <l> *b*"'
    """
    return '"' + _ESCAPED.sub(lambda m: _ESCAPES.get(m[0], f"\\u{{{ord(m[0]):x}}}"), text) + '"'


def text(value: str) -> str:
    """A string as content (``#"..."``), its white space one space, as HTML shows it."""
    value = _SPACE.sub(" ", value)
    return "#" + literal(value) if value else ""


def content(value: str) -> str:
    """A string as a content block, ``[#"..."]``, to pass to a function."""
    return "[" + text(value) + "]"


def label(anchor: str) -> str:
    """A label from an id (``ev-...``, ``fn-...``): only letters, digits and hyphens reach here."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", anchor):
        raise ValueError(f"not an anchor: {anchor!r}")
    return f'label("{anchor}")'


#: Tags that stand as blocks: the white space between two of them is no text (it would open the next
#: paragraph with a space).
BLOCKS = frozenset({"p", "ul", "ol", "li", "table", "thead", "tbody", "tr", "blockquote", "pre", "h", "hr"})


def nodes(tree: list[Node]) -> str:
    """Markup for a node tree (``printnodes.py``)."""
    return "".join(_node(node) for i, node in enumerate(tree) if not _between_blocks(tree, i))


def _between_blocks(tree: list[Node], i: int) -> bool:
    node = tree[i]
    if not isinstance(node, str) or node.strip():
        return False
    neighbours = [tree[j] for j in (i - 1, i + 1) if 0 <= j < len(tree)]
    return any(isinstance(n, dict) and n["t"] in BLOCKS for n in neighbours)


def _node(node: Node) -> str:
    if isinstance(node, str):
        return text(node)
    tag = node["t"]
    if tag == "fn":
        return f"#footnote[{nodes(node['c'])}]#{label(node['id'])}"
    if tag == "ref":
        return f"#footnote({label(node['id'])})"
    if tag == "sep":
        return "#fnsep"
    if tag == "pre":
        return f"#codeblock({literal(_plain(node))})"
    inner = nodes(node["c"])
    if tag in _WRAP:
        return f"#{_WRAP[tag]}[{inner}]"
    return _block(tag, node, inner)


def _block(tag: str, node: dict, inner: str) -> str:
    if tag == "p":
        return inner + "#parbreak()"
    if tag == "a":
        href = node.get("href", "")
        return f"#link({literal(href)})[{inner}]" if _LINKABLE.match(href) else inner
    if tag == "q":
        return f"#{literal('“')}{inner}#{literal('”')}"
    if tag == "br":
        return "#linebreak()"
    if tag == "hr":
        return "#rule"
    if tag == "h":  # levels set by printnodes.relevel: no level skipped
        return f"#heading(level: {int(node['level'])}, outlined: false, bookmarked: false)[{inner}]"
    if tag in ("h2", "h3", "h4"):  # a heading inside a list or a quote: its text, emphasised
        return f"#strong[{inner}]"
    if tag in ("ul", "ol"):
        items = ", ".join(f"[{nodes(item['c'])}]" for item in _children(node, "li"))
        return f"#{'list' if tag == 'ul' else 'enum'}({items})"
    if tag == "table":
        return _table(node)
    if tag == "span":
        return _span(node.get("cls", ()), inner)
    return inner  # abbr, li and the rest: their text


def _span(classes, inner: str) -> str:
    """The citation's parts: the page read in bold, what is missing muted, a checked quote in green."""
    if "tl-ref__outlet" in classes and "tl-muted" not in classes:
        return f"#strong[{inner}]"
    if "tl-muted" in classes or "tl-checked--not" in classes:
        return f"#muted[{inner}]"
    if "tl-ref__snapshot" in classes or "tl-checked" in classes:
        return f"#checked[{inner}]"
    return inner


def _children(node: dict, *tags: str) -> list[dict]:
    return [child for child in node["c"] if isinstance(child, dict) and child["t"] in tags]


def _table(node: dict) -> str:
    """A body's table: its head rows as the table's header, every row padded to the widest."""
    head = [row for section in _children(node, "thead") for row in _children(section, "tr")]
    body = [row for section in _children(node, "tbody") for row in _children(section, "tr")]
    body += _children(node, "tr")
    rows = [[nodes(cell["c"]) for cell in _children(row, "td", "th")] for row in head + body]
    if not rows:
        return ""
    columns = max(1, *(len(row) for row in rows))
    rows = [row + [""] * (columns - len(row)) for row in rows]
    header = ", ".join(f"head-cell[{cell}]" for row in rows[: len(head)] for cell in row)
    cells = [f"[{cell}]" for row in rows[len(head) :] for cell in row]
    return grid_table(str(columns), f"table.header({header})" if head else "", cells)


def grid_table(columns: str, header: str, cells: list[str]) -> str:
    """A table of the book's look (``grid-table``): ``columns`` and ``header`` as Typst code, then the cells."""
    items = ", ".join(item for item in [f"columns: {columns}", header, *cells] if item)
    return f"#table-text(grid-table({items}))"


def _plain(node: Node) -> str:
    if isinstance(node, str):
        return node
    return "".join(_plain(child) for child in node.get("c", ()))
