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

#: Characters YAML reads as line breaks that editors show on one line (NEL, LINE and PARAGRAPH
#: SEPARATOR): in front-matter they would split a value or a key where no one sees a break, and
#: shift the line numbers of every message after them.
YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")

#: Characters a file name must not put on a terminal or into a CI annotation as
#: they are: controls (an escape sequence, a newline that starts a new
#: ``::command``), bidi and other format characters, line separators, and the
#: surrogates that stand for bytes that are not UTF-8.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ud800-\udfff]")


def shown_path(path: Path) -> str:
    r"""The path as messages print it: as the contributor wrote it, unprintable characters escaped.

    >>> shown_path(Path("/x/a\nb\x1b[31m.md"))
    '/x/a\\nb\\x1b[31m.md'
    """
    return shown_text(display_path(path))


def shown_text(text: str) -> str:
    """Text with the characters :func:`shown_path` escapes escaped."""
    return _UNSHOWABLE.sub(_escape, text)


def _escape(found: re.Match) -> str:
    char = found.group()
    if 0xDC80 <= ord(char) <= 0xDCFF:  # a byte that is not UTF-8 (surrogateescape)
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("unicode_escape").decode("ascii") if ord(char) < 0x100 else f"\\u{ord(char):04x}"


@dataclass
class RawEvent:
    """An event file as read: front-matter data with positions, body text."""

    path: Path
    shown: str  # the path as printed in messages
    data: dict | None = None  # None when the front-matter could not be read as a mapping
    doc: yamlstrict.Document = field(default_factory=yamlstrict.Document)
    body: str = ""
    body_line: int = 1  # physical line of the body's first line
    placeholders: list[tuple[int, int]] = field(default_factory=list)  # (line, col) of each "TODO:"

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


def read_bytes(path: Path) -> bytes:
    """The file's bytes, at most ``MAX_BYTES + 1`` of them: a huge file is never read into memory."""
    with path.open("rb") as file:
        return file.read(MAX_BYTES + 1)


def read_event(path: Path, data: bytes | None = None) -> tuple[RawEvent, list[Problem]]:
    """Read one event file (``data``: its bytes as :func:`read_bytes` gave them, when already read).

    The RawEvent's data may be validated further when it is a mapping, even with
    problems: YAML features refused here (anchors, tags, duplicate keys) are
    reported and dropped, so the rest of the file is still checked.
    """
    raw = RawEvent(path=path, shown=shown_path(path))
    problems: list[Problem] = []

    def at(line: int, col: int, message: str) -> None:
        problems.append(Problem(raw.shown, line, col, message))

    try:
        data = read_bytes(path) if data is None else data
    except OSError as err:
        at(1, 1, f"cannot read the file: {err.strerror or err}")
        return raw, problems
    if len(data) > MAX_BYTES:
        at(1, 1, f"file is {_size(path, len(data)):,} bytes; an event file may be at most {MAX_BYTES:,} bytes")
        return raw, problems
    text = _decode(data, at)
    if text is None:
        return raw, problems
    _check_characters(text, at)
    raw.placeholders = _placeholders(text)
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


def _size(path: Path, read: int) -> int:
    try:
        return max(path.stat().st_size, read)
    except OSError:
        return read


def _placeholders(text: str) -> list[tuple[int, int]]:
    r"""Where ``TODO:`` placeholders that ``new`` writes were left in the file.

    >>> _placeholders("---\ntitle: TODO: a title\n---\nTODO: the body")
    [(2, 8), (4, 1)]
    """
    return [
        (number, line.find("TODO:") + 1) for number, line in enumerate(text.split("\n"), start=1) if "TODO:" in line
    ]


def _decode(data: bytes, at) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        at(1, 1, "the file is UTF-16 (it starts with a UTF-16 byte order mark): save it as UTF-8")
        return None
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
    hidden_breaks = [
        (number, found)
        for number, line in enumerate(lines[1:close], start=2)
        for found in YAML_ONLY_BREAKS.finditer(line)
    ]
    for number, found in hidden_breaks:
        name = unicodedata.name(found.group(), "NEXT LINE")
        at(
            number,
            found.start() + 1,
            f"{name} (U+{ord(found.group()):04X}) in the front-matter: YAML reads it as a line break "
            "that editors do not show; start a new line or remove it",
        )
    if hidden_breaks:
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
