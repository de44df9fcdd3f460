"""The joined book's bookmarks (the "write" step, for the book; used by ``write/pdfjoin.py``).

Each piece's bookmarks are read as plain data (a title, a destination, whether closed, the
bookmarks under it), the events of a chapter that runs on from the piece before are moved under
that chapter's bookmark, and the whole outline is written once, after the pieces.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pikepdf

from .pdfwriter import Writer


def outline_items(outlines: pikepdf.Object) -> Iterator[pikepdf.Object]:
    """The outline's root and every bookmark under it."""
    yield outlines
    item = outlines.get("/First")
    while item is not None:
        yield from outline_items(item)
        item = item.get("/Next")


def read_outline(outlines: pikepdf.Object | None, text: Callable[[pikepdf.Object], bytes]) -> list[dict]:
    """The bookmarks under ``outlines`` as data; ``text`` prints a destination for the joined file."""
    items, item = [], (outlines.get("/First") if outlines is not None else None)
    while item is not None:
        dest = item.get("/Dest")
        items.append(
            {
                "title": item.Title.unparse(),
                "dest": text(dest) if dest is not None else None,
                "closed": int(item.get("/Count", 0)) < 0,
                "kids": read_outline(item, text),
            }
        )
        item = item.get("/Next")
    return items


def add_bookmarks(items: list[dict], new: list[dict], runs_on: int) -> None:
    """Add a piece's top-level bookmarks; its first ``runs_on`` go under the last chapter's.

    >>> book = [{"title": b"(2024)", "kids": [1], "closed": True}]
    >>> add_bookmarks(book, [{"title": b"(e)"}, {"title": b"(2025)"}], 1)
    >>> [item["title"] for item in book], len(book[0]["kids"])
    ([b'(2024)', b'(2025)'], 2)
    """
    if runs_on and items:
        items[-1]["kids"] = items[-1]["kids"] + new[:runs_on]
        new = new[runs_on:]
    items += new


def write_outline(writer: Writer, items: list[dict]) -> int:
    """Write the outline; the number of its root."""
    root = writer.reserve()
    first, last = _write_level(writer, items, root)
    entries = b" /First %d 0 R /Last %d 0 R" % (first, last) if items else b""
    writer.put(root, b"<< /Type /Outlines /Count %d%s >>" % (_visible(items), entries))
    return root


def _write_level(writer: Writer, items: list[dict], parent: int) -> tuple[int, int]:
    numbers = [writer.reserve() for _ in items]
    for i, (item, number) in enumerate(zip(items, numbers, strict=True)):
        parts = [b"/Title %s /Parent %d 0 R" % (item["title"], parent)]
        if i:
            parts.append(b"/Prev %d 0 R" % numbers[i - 1])
        if i + 1 < len(numbers):
            parts.append(b"/Next %d 0 R" % numbers[i + 1])
        if item["dest"] is not None:
            parts.append(b"/Dest %s" % item["dest"])
        if item["kids"]:
            first, last = _write_level(writer, item["kids"], number)
            count = -_visible(item["kids"]) if item["closed"] else _visible(item["kids"])
            parts.append(b"/First %d 0 R /Last %d 0 R /Count %d" % (first, last, count))
        writer.put(number, b"<< %s >>" % b" ".join(parts))
    return (numbers[0], numbers[-1]) if numbers else (0, 0)


def _visible(items: list[dict]) -> int:
    """Bookmarks shown when the outline opens: each item, and the items under an open one."""
    return sum(1 + (0 if item["closed"] else _visible(item["kids"])) for item in items)
