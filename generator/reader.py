"""Read: one event file on disk -> front-matter data with positions, and its body.

The first step of the pipeline (read -> validate -> model -> render -> write).
It checks what no YAML parser checks: the bytes are UTF-8 without NUL or
invisible bidi controls, the file starts with a ``---`` line and closes its
front-matter with another, and the front-matter is a mapping. A BOM and CRLF
line endings are accepted. It never raises for bad input: it returns Problems.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlstrict
from .problems import Problem, display_path
from .yamlstrict import Location, Mark

#: Larger files are not events; refusing them early keeps a hostile file from
#: costing the build minutes. 256 KiB is a long article many times over.
MAX_BYTES = 256 * 1024

#: Invisible characters that reorder text on screen (CVE-2021-42574, "Trojan
#: Source"): a reviewer would not see what the file really says.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass
class RawEvent:
    """An event file as read: front-matter data with positions, body text."""

    path: Path
    shown: str  # the path as printed in messages
    data: dict | None = None  # None when the front-matter could not be read as a mapping
    doc: yamlstrict.Document = field(default_factory=yamlstrict.Document)
    body: str = ""
    body_line: int = 1  # physical line of the body's first line

    def problem(self, loc: Location, message: str, *, key: bool = False, offset: int = 0) -> Problem:
        """A Problem at the key (or value) found at ``loc``, else at its nearest parent."""
        mark = self.mark(loc, key=key)
        return Problem(self.shown, mark.line + 1, mark.col + 1 + offset, message)

    def mark(self, loc: Location, *, key: bool = False) -> Mark:
        table = self.doc.keys if key else self.doc.values
        while loc:
            if loc in table:
                return table[loc]
            if loc in self.doc.values:
                return self.doc.values[loc]
            loc = loc[:-1]
        return Mark(0, 0)  # the opening '---'


def read_event(path: Path) -> tuple[RawEvent, list[Problem]]:
    """Read one event file.

    The RawEvent's data may be validated further when it is a mapping, even with
    problems: YAML features refused here (anchors, tags, duplicate keys) are
    reported and dropped, so the rest of the file is still checked.
    """
    raw = RawEvent(path=path, shown=display_path(path))
    problems: list[Problem] = []

    def at(line: int, col: int, message: str) -> None:
        problems.append(Problem(raw.shown, line, col, message))

    try:
        data = path.read_bytes()
    except OSError as err:
        at(1, 1, f"cannot read the file: {err.strerror or err}")
        return raw, problems
    if len(data) > MAX_BYTES:
        at(1, 1, f"file is {len(data):,} bytes; an event file may be at most {MAX_BYTES:,} bytes")
        return raw, problems
    text = _decode(data, at)
    if text is None:
        return raw, problems
    _check_characters(text, at)
    if problems:
        return raw, problems
    _split(text, raw, at)
    if problems:
        return raw, problems
    for mark, message in raw.doc.problems:
        at(mark.line + 1, mark.col + 1, message)
    if not isinstance(raw.data, dict):
        if not problems:
            at(2, 1, _not_a_mapping(raw.data))
        raw.data = None
    return raw, problems


def _decode(data: bytes, at) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line = before.count(b"\n") + 1
        col = err.start - (before.rfind(b"\n") + 1) + 1
        at(line, col, f"not UTF-8 (byte 0x{data[err.start]:02x}): save the file as UTF-8")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_characters(text: str, at) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        if "\x00" in line:
            at(number, line.index("\x00") + 1, "NUL byte in the file: it is not a text file")
        for found in BIDI_CONTROLS.finditer(line):
            name = unicodedata.name(found.group(), f"U+{ord(found.group()):04X}")
            at(number, found.start() + 1, f"invisible bidirectional control character {name}: remove it")


def _split(text: str, raw: RawEvent, at) -> None:
    lines = text.split("\n")
    first = lines[0].rstrip(" \t")
    if first != "---":
        at(1, 1, _bad_opening(first))
        return
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].rstrip(" \t") == "---")
    except StopIteration:
        at(1, 1, "front-matter is not closed: add a line '---' after the last key")
        return
    front = "\n".join(lines[1:close])
    if not front.strip():
        at(1, 1, "front-matter is empty: it needs at least title, date, summary and sources")
        return
    # Newlines in front of the YAML make its line numbers the file's own.
    raw.doc = yamlstrict.compose("\n" + front)
    raw.data = raw.doc.data
    raw.body = "\n".join(lines[close + 1 :])
    raw.body_line = close + 2


def _bad_opening(first: str) -> str:
    if first == "+++":
        return "TOML front-matter (+++) is not supported: use YAML between two '---' lines"
    if first.startswith("{"):
        return "JSON front-matter is not supported: use YAML between two '---' lines"
    if first == "":
        return "the file must start with a line '---' (found an empty first line)"
    return "the file must start with a line '---' that opens the YAML front-matter"


def _not_a_mapping(data: object) -> str:
    kind = "a list" if isinstance(data, list) else "a single value" if data is not None else "nothing"
    return f"front-matter must be a mapping of keys (title: ..., date: ...), found {kind}"
