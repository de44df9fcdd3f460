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
import struct
import zlib

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


#: Objects gathered into one compressed object stream: the structure tree's many small dictionaries
#: take a quarter of the room (264 MB for the 10,000-event book written one by one, 80 MB so).
OBJECTS_PER_STREAM = 200


class Writer:
    """Objects written in the order they come, numbered as they are reserved (the small ones gathered
    into compressed object streams), then a cross-reference stream."""

    def __init__(self, version: str = "1.7"):
        self.out = io.BytesIO()
        self.digest = hashlib.md5(usedforsecurity=False)
        # Where each object is: (1, offset, 0) written whole; (2, object stream, index) inside one.
        self.where: list[tuple[int, int, int] | None] = [(0, 0, 65535)]  # object 0 heads the free list
        self.pending: list[tuple[int, bytes]] = []
        self._put(b"%%PDF-%s\n%%\xe2\xe3\xcf\xd3\n" % version.encode())

    def reserve(self) -> int:
        """A number for an object written later."""
        self.where.append(None)
        return len(self.where) - 1

    def put(self, number: int, body: bytes, stream: bool = False) -> None:
        """Write object ``number`` (reserved before): ``body`` is its text, or with ``stream`` a
        stream's dictionary and data (written whole; any other object goes into an object stream)."""
        if not stream:
            self.pending.append((number, body))
            if len(self.pending) >= OBJECTS_PER_STREAM:
                self._flush()
            return
        self.where[number] = (1, self.out.tell(), 0)
        self._put(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    def add(self, body: bytes, stream: bool = False) -> int:
        """Write a new object; its number."""
        number = self.reserve()
        self.put(number, body, stream)
        return number

    def _flush(self) -> None:
        """Write the objects gathered so far as one compressed object stream."""
        if not self.pending:
            return
        container = self.reserve()
        offsets, position = [], 0
        for number, body in self.pending:
            offsets.append(b"%d %d" % (number, position))
            position += len(body) + 1
        head = b" ".join(offsets) + b"\n"
        data = zlib.compress(head + b"".join(body + b"\n" for _, body in self.pending))
        for index, (number, _) in enumerate(self.pending):
            self.where[number] = (2, container, index)
        self.pending = []
        entries = b"/Type /ObjStm /N %d /First %d" % (len(offsets), len(head))
        entries += b" /Filter /FlateDecode /Length %d" % len(data)
        self.put(container, b"<< %s >>\nstream\n%s\nendstream" % (entries, data), stream=True)

    def copy(self, obj: pikepdf.Object, numbers: dict[tuple[int, int], int]) -> None:
        """Write an object of a source PDF under its new number, its references renumbered."""
        if isinstance(obj, pikepdf.Stream):
            data = obj.read_raw_bytes()
            entries = {key: value for key, value in obj.stream_dict.items() if key != "/Length"}
            head = renumber(pikepdf.Dictionary({**entries, "/Length": len(data)}).unparse(), numbers)
            self.put(numbers[obj.objgen], b"%s\nstream\n%s\nendstream" % (head, data), stream=True)
        else:
            self.put(numbers[obj.objgen], renumber(obj.unparse(resolved=True), numbers))

    def finish(self, root: int, info: int | None) -> bytes:
        """The cross-reference stream, which is also the trailer; the whole file."""
        self._flush()
        number = self.reserve()
        self.where[number] = (1, self.out.tell(), 0)
        missing = [n for n, place in enumerate(self.where) if place is None]
        if missing:
            raise ValueError(f"objects reserved and never written: {missing[:5]}")
        table = zlib.compress(b"".join(struct.pack(">BIH", *place) for place in self.where))
        ident = self.digest.hexdigest().encode()  # the same content, the same ID
        info_entry = b" /Info %d 0 R" % info if info else b""
        entries = b"/Type /XRef /Size %d /W [ 1 4 2 ] /Root %d 0 R" % (len(self.where), root)
        entries += b"%s /ID [ <%s> <%s> ] /Filter /FlateDecode /Length %d" % (info_entry, ident, ident, len(table))
        start = self.where[number][1]
        self._put(b"%d 0 obj\n<< %s >>\nstream\n%s\nendstream\nendobj\n" % (number, entries, table))
        self._put(b"startxref\n%d\n%%%%EOF\n" % start)
        return self.out.getvalue()

    def _put(self, data: bytes) -> None:
        self.digest.update(data)
        self.out.write(data)
