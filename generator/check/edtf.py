"""Parse the dates contributors write: EDTF text -> the model's date values (the "check" step).

Contributors write a date in each event's front-matter; this module turns that
text into an :class:`~generator.model.dates.EdtfDate`, or rejects it with a
:class:`~generator.model.dates.DateError` that says what to fix and at which
column. It runs once per date, when a file is checked; every later step reads
the parsed value from the model.

Grammar (ISO 8601-2 / EDTF level 0 plus the useful parts of level 1)::

    point     = YYYY | YYYY-MM | YYYY-MM-DD, optionally prefixed by "-" (BCE)
    qualified = point, optionally followed by "~" (approximate),
                "?" (uncertain) or "%" (approximate and uncertain)
    date      = qualified | side "/" side
    side      = qualified | ".." (open end) | "" (unknown end)

Unspecified digits (``X``), seasons, ``Y``-prefixed long years, sets and lists
are not supported. An interval is rejected only when no reading of it can
start before it ends, so ``2024-05/2024`` ("from May, ending some time in
2024") is accepted.

>>> d = parse("2024-10~/2024-11")
>>> d.year, d.month, d.approximate, d.uncertain, d.edtf()
(2024, 10, True, False, '2024-10~/2024-11')
>>> parse("/2025-01").edtf(), parse("-0044").start
('/2025-01', Point(year=-44, month=None, day=None, approximate=False, uncertain=False))
"""

from __future__ import annotations

import functools
import re

from ..model.dates import QUALIFIERS, DateError, EdtfDate, Point, SortKey, date_problem

__all__ = ["DateError", "parse", "sort_key"]

_FIELDS = (("year", 4, "e.g. 2024, 0800 or -0044"), ("month", 2, "01 to 12"), ("day", 2, "01 to 31"))
_DIGITS = "0123456789"
_GRAMMAR = "expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~ ? or %, or an interval A/B"
_SPACE = re.compile(r"\s")  # the same characters as str.isspace()


def _bad_char(s: str, pos: int, off: int) -> DateError:
    """Explain the unexpected character at ``s[pos]``."""
    ch, prev = s[pos], s[pos - 1] if pos else ""
    after_qualifier = prev != "" and prev in "~?%"
    if after_qualifier and ch in "~?%":
        why = "use a single qualifier: % means approximate and uncertain"
    elif after_qualifier:
        why = f"the qualifier {prev!r} goes at the very end, e.g. 2024-10~"
    elif ch in "~?%":
        why = "a qualifier goes after the date, e.g. 2024-10~"
    elif ch == ".":
        why = "an open end is written exactly '..', e.g. 2024-10/.."
    else:
        why = _GRAMMAR
    return DateError(f"unexpected {ch!r} in {s!r}: {why}", off + pos)


def _read_numbers(s: str, off: int) -> tuple[list[int], int]:
    """Read the dash-separated digit groups; return them and where they end."""
    pos, numbers = (1 if s.startswith("-") else 0), list[int]()
    for name, width, hint in _FIELDS:
        end = pos
        while end < len(s) and s[end] in _DIGITS:
            end += 1
        if end == pos and pos < len(s):
            raise _bad_char(s, pos, off)
        if end - pos != width:
            found = repr(s[pos:end]) if end > pos else "nothing"
            raise DateError(f"the {name} must have exactly {width} digits ({hint}), found {found}", off + pos)
        numbers.append(int(s[pos:end]))
        pos = end
        if name == "day" or not s.startswith("-", pos):
            return numbers, pos
        pos += 1
    raise AssertionError("unreachable")


def _parse_point(s: str, off: int) -> Point:
    """Parse one qualified date that starts at column ``off`` of the text."""
    x = s.find("X")
    if x >= 0:
        raise DateError(
            "unspecified digits (X) are not supported: write only "
            "what you know, e.g. 2024 instead of 2024-XX, or "
            "2020/2029 instead of 202X",
            off + x,
        )
    numbers, pos = _read_numbers(s, off)
    rest = s[pos:]
    if rest not in QUALIFIERS:
        raise _bad_char(s, pos + 1 if rest[0] in "~?%" else pos, off)
    sign = 1 if s.startswith("-") else 0
    if sign and numbers[0] == 0:
        raise DateError("-0000 is not allowed: year zero (1 BCE) is 0000", off)
    year = -numbers[0] if sign else numbers[0]
    month, day = (numbers[1:] + [None, None])[:2]  # type: ignore[operator]
    problem = date_problem(year, month, day)
    if problem:
        raise DateError(problem[0], off + sign + (0, 5, 8)[problem[1]])
    return Point(year, month, day, *QUALIFIERS[rest])


def _check_text(text: object) -> str:
    if text is None:
        raise DateError(f"the date is missing: {_GRAMMAR}")
    if not isinstance(text, str):
        raise DateError(
            f'expected the date as text, got {type(text).__name__} {text!r}: put quotes around it, e.g. date: "2024"'
        )
    if not text:
        raise DateError(f"the date is empty: {_GRAMMAR}")
    found = _SPACE.search(text)
    if found:
        space = found.start()
        inside = 0 < space < len(text.rstrip())
        where = "inside" if inside else "around"
        raise DateError(f"{text!r} has spaces {where} it: remove the spaces (an interval is written A/B)", space)
    return text


def parse(text: str) -> EdtfDate:
    """Parse an EDTF date or interval, or raise :class:`DateError`.

    >>> parse("2025-01-24/2025-02-07").end
    Point(year=2025, month=2, day=7, approximate=False, uncertain=False)
    >>> try:
    ...     parse("2024-13")
    ... except DateError as error:
    ...     print(error.column, error)
    5 month 13 does not exist: months run from 01 to 12
    >>> try:
    ...     parse("2024-02-30")
    ... except DateError as error:
    ...     print(error.column, error)
    8 '2024-02-30' is not a real date: February 2024 has 29 days
    """
    if not isinstance(text, str):  # None, a number, a list: not a cache key, and refused
        _check_text(text)
    return _parse_text(text)


# Many events share a date, and an EdtfDate is frozen all the way down: one object serves them all.
@functools.lru_cache(maxsize=65_536)
def _parse_text(text: str) -> EdtfDate:
    text = _check_text(text)
    if "/" not in text:
        if text == "..":
            raise DateError("'..' (open end) is only allowed as one side of an interval, e.g. 2024-10/..")
        point = _parse_point(text, 0)
        return EdtfDate(point, point, False, False, False, text)
    slash = text.index("/")
    if "/" in text[slash + 1 :]:
        raise DateError("only one '/' is allowed: an interval is written A/B", text.index("/", slash + 1))
    left, right = text[:slash], text[slash + 1 :]
    start = None if left in ("", "..") else _parse_point(left, 0)
    end = None if right in ("", "..") else _parse_point(right, slash + 1)
    if start is None and end is None:
        raise DateError(f"{text!r} has no date on either side: give at least one, e.g. 2024-10/.. or ../2025-01")
    if start and end and start.first() > end.last():
        raise DateError(f"{text!r} ends before it starts: swap the two sides", slash + 1)
    return EdtfDate(start, end, True, left == "..", right == "..", text)


def sort_key(text: str) -> SortKey:
    """Total-order key for a date string; never raises.

    Order: earliest possible day of the start (an open or unknown start uses
    the end), then coarser before finer precision, then single dates before
    intervals, then the end (open ends last), then the text.  Text that does
    not parse sorts after every valid date, by its text.

    >>> sorted(["2024-01-01", "junk", "2024/..", "2024", "-0044", "2024-01"],
    ...        key=sort_key)
    ['-0044', '2024', '2024/..', '2024-01', '2024-01-01', 'junk']
    """
    try:
        return parse(text).sort_key()
    except DateError:
        return (1, 0, 0, 0, 0, 0, str(text))
