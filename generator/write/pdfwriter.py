"""A PDF written object by object, from several source files (the "write" step, for the book).

``write/pdfjoin.py`` joins the book's pieces by copying each piece's objects, renumbered, straight
into one file, a piece at a time: a library that builds the whole joined document in memory first
(qpdf's copy of a foreign object) needed about 5 KB an object, 6 GB for the 10,000-event book.
Here only one piece is open at a time.

pikepdf (qpdf) reads each source and prints each object (``unparse``); this module changes the
numbers of the references in that text. qpdf prints a string as ``(...)`` with every parenthesis
and backslash escaped, or as ``<hex>``, and a name with no white space in it, so a reference
``N G R`` is never confused with text:

>>> renumber(b"<< /T (a 1 0 R \\\\( ) /K [ 1 0 R 2 0 R ] /H <31203020> >>", {(1, 0): 7, (2, 0): 9})
b'<< /T (a 1 0 R \\\\( ) /K [ 7 0 R 9 0 R ] /H <31203020> >>'
"""

from __future__ import annotations

import hashlib
import io
import re

import pikepdf

#: A string (literal or hexadecimal) or an indirect reference, in qpdf's printing of an object.
_TOKEN = re.compile(rb"\((?:[^\\()]|\\.)*\)|<[0-9A-Fa-f\s]*>|(?<![\w.#/+-])(\d+) (\d+) R")


def renumber(text: bytes, numbers: dict[tuple[int, int], int]) -> bytes:
    """``text`` with each reference ``N G R`` made ``numbers[(N, G)] 0 R`` (strings left as they are)."""

    def swap(match: re.Match) -> bytes:
        if match.group(1) is None:
            return match.group(0)
        key = (int(match.group(1)), int(match.group(2)))
        if key not in numbers:
            raise KeyError(f"object {key[0]} {key[1]} R is not part of the joined PDF")
        return b"%d 0 R" % numbers[key]

    return _TOKEN.sub(swap, text)


class Writer:
    """Objects written in the order they come, numbered as they are reserved; then the cross-reference table."""

    def __init__(self, version: str = "1.7"):
        self.out = io.BytesIO()
        self.digest = hashlib.md5(usedforsecurity=False)
        self.offsets: list[int | None] = [None]  # object 0 is the head of the free list
        self._put(b"%%PDF-%s\n%%\xe2\xe3\xcf\xd3\n" % version.encode())

    def reserve(self) -> int:
        """A number for an object written later."""
        self.offsets.append(None)
        return len(self.offsets) - 1

    def put(self, number: int, body: bytes) -> None:
        """Write object ``number`` (reserved before) with ``body``: its text, or a stream's dictionary and data."""
        self.offsets[number] = self.out.tell()
        self._put(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    def add(self, body: bytes) -> int:
        """Write a new object; its number."""
        number = self.reserve()
        self.put(number, body)
        return number

    def copy(self, obj: pikepdf.Object, numbers: dict[tuple[int, int], int]) -> None:
        """Write an object of a source PDF under its new number, its references renumbered."""
        if isinstance(obj, pikepdf.Stream):
            data = obj.read_raw_bytes()
            entries = {key: value for key, value in obj.stream_dict.items() if key != "/Length"}
            head = renumber(pikepdf.Dictionary({**entries, "/Length": len(data)}).unparse(), numbers)
            body = b"%s\nstream\n%s\nendstream" % (head, data)
        else:
            body = renumber(obj.unparse(resolved=True), numbers)
        self.put(numbers[obj.objgen], body)

    def finish(self, root: int, info: int | None) -> bytes:
        """The cross-reference table and the trailer; the whole file."""
        missing = [n for n, offset in enumerate(self.offsets) if n and offset is None]
        if missing:
            raise ValueError(f"objects reserved and never written: {missing[:5]}")
        start = self.out.tell()
        lines = [b"xref\n0 %d\n0000000000 65535 f \n" % len(self.offsets)]
        lines += [b"%010d 00000 n \n" % offset for offset in self.offsets[1:]]
        self._put(b"".join(lines))
        ident = self.digest.hexdigest().encode()  # the same content, the same ID
        info_entry = b" /Info %d 0 R" % info if info else b""
        trailer = b"trailer\n<< /Size %d /Root %d 0 R%s /ID [ <%s> <%s> ] >>\n" % (
            len(self.offsets),
            root,
            info_entry,
            ident,
            ident,
        )
        self._put(trailer + b"startxref\n%d\n%%%%EOF\n" % start)
        return self.out.getvalue()

    def _put(self, data: bytes) -> None:
        self.digest.update(data)
        self.out.write(data)
