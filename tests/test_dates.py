"""The dates: parsing (check/edtf.py), values (model/dates.py), labels (render/dates.py), errors, sort order."""

from __future__ import annotations

import datetime
import random

import pytest

from generator.check.edtf import parse, sort_key
from generator.model.dates import DateError, EdtfDate, Point
from generator.render.dates import label as date_label

# text, expected label (edtf() must give the text back unchanged)
VALID: list[tuple[str, str]] = [
    ("2024", "2024"),
    ("2024-10", "October 2024"),
    ("2025-01-11", "11 January 2025"),
    ("0800-03-01", "1 March 800"),
    ("2024-02-29", "29 February 2024"),
    ("2000-02-29", "29 February 2000"),
    ("2024-11~", "about November 2024"),
    ("2024~", "about 2024"),
    ("2024?", "2024 (uncertain)"),
    ("2024-10?", "October 2024 (uncertain)"),
    ("2024-10%", "about October 2024 (uncertain)"),
    ("2024-10-15%", "about 15 October 2024 (uncertain)"),
    ("-0044", "45 BCE"),
    ("0000", "1 BCE"),
    ("-0001", "2 BCE"),
    ("-0044-03-15~", "about 15 March 45 BCE"),
    ("2025-01-24/2025-02-07", "24 January – 7 February 2025"),
    ("2025-01-24/2025-01-30", "24–30 January 2025"),
    ("2024-10/2024-11", "October – November 2024"),
    ("2024-12-30/2025-01-02", "30 December 2024 – 2 January 2025"),
    ("2024-11/2025-02", "November 2024 – February 2025"),
    ("2024/2025", "2024 – 2025"),
    ("2024/2024-05", "2024 – May 2024"),
    ("2024-10/2024-10", "October 2024"),
    ("2024-10~/2024-11", "about October 2024 – November 2024"),
    ("2024-10/2024-11?", "October 2024 – November 2024 (uncertain)"),
    ("2025-01-24~/2025-01-30~", "about 24 January 2025 – about 30 January 2025"),
    ("-0044/0010", "45 BCE – 10 CE"),
    ("-0100/-0044", "101 BCE – 45 BCE"),
    ("2024-10/..", "from October 2024"),
    ("2024-10/", "from October 2024 (end unknown)"),
    ("../2025-01", "until January 2025"),
    ("/2025-01", "until January 2025 (start unknown)"),
    ("2024~/..", "from about 2024"),
]

# text, substring of the message, column
INVALID: list[tuple[object, str, int]] = [
    ("", "the date is empty", 0),
    (" 2024", "remove the spaces", 0),
    ("2024 ", "remove the spaces", 4),
    ("2024-10 / 2024-11", "remove the spaces", 7),
    ("2024\t", "remove the spaces", 4),
    ("24", "the year must have exactly 4 digits", 0),
    ("-44", "the year must have exactly 4 digits", 1),
    ("20245", "the year must have exactly 4 digits", 0),
    ("2024-1", "the month must have exactly 2 digits", 5),
    ("2024-", "found nothing", 5),
    ("2024-10-1", "the day must have exactly 2 digits", 8),
    ("2024-13", "month 13 does not exist", 5),
    ("2024-00", "month 00 does not exist", 5),
    ("2024-21", "seasons", 5),
    ("2024-01-00", "day 00 does not exist", 8),
    ("2024-02-30", "'2024-02-30' is not a real date: February 2024 has 29 days", 8),
    ("2023-02-29", "February 2023 has 28 days", 8),
    ("2024-04-31", "April 2024 has 30 days", 8),
    ("1900-02-29", "February 1900 has 28 days", 8),
    ("-0044-02-30", "February 45 BCE has 29 days", 9),
    ("202X", "unspecified digits (X) are not supported", 3),
    ("2024-XX", "unspecified digits (X) are not supported", 5),
    ("2024/2025-1X", "unspecified digits (X) are not supported", 11),
    ("2024~?", "use a single qualifier", 5),
    ("2024~-10", "goes at the very end", 5),
    ("~2024", "a qualifier goes after the date", 0),
    ("2024-Oct", "expected YYYY, YYYY-MM or YYYY-MM-DD", 5),
    ("2024–2025", "or an interval A/B", 4),
    ("2024-10-15-01", "expected YYYY, YYYY-MM or YYYY-MM-DD", 10),
    ("October 2024", "remove the spaces", 7),
    ("..", "only allowed as one side of an interval", 0),
    ("../..", "no date on either side", 0),
    ("/", "no date on either side", 0),
    ("2024/...", "an open end is written exactly '..'", 5),
    ("2024/2025/2026", "only one '/'", 9),
    ("2025/2024", "ends before it starts", 5),
    ("2024-05-10/2024-05-09", "ends before it starts", 11),
    ("2024-10/2024-13", "month 13 does not exist", 13),
    ("-0000", "-0000 is not allowed", 0),
    (2024, "expected the date as text, got int", 0),
    (datetime.date(2024, 10, 15), "put quotes around it", 0),
    (None, "the date is missing", 0),
]


@pytest.mark.parametrize(("text", "label"), VALID)
def test_valid_label_and_edtf(text: str, label: str) -> None:
    date = parse(text)
    assert date_label(date) == label
    assert date.edtf() == text
    assert date.text == text


@pytest.mark.parametrize(("text", "message", "column"), INVALID)
def test_invalid(text: object, message: str, column: int) -> None:
    with pytest.raises(DateError) as caught:
        parse(text)  # type: ignore[arg-type]
    assert message in caught.value.message
    assert message in str(caught.value)
    assert caught.value.column == column
    assert isinstance(caught.value, ValueError)


def test_single_date_fields() -> None:
    date = parse("2024-10-15%")
    assert date.end is date.start
    assert not date.is_interval
    assert (date.year, date.month, date.approximate, date.uncertain) == (2024, 10, True, True)
    assert date.start == Point(2024, 10, 15, approximate=True, uncertain=True)


@pytest.mark.parametrize(
    ("text", "start_open", "end_open", "year", "month"),
    [
        ("2024-10/..", False, True, 2024, 10),
        ("2024-10/", False, False, 2024, 10),
        ("../2025-01", True, False, 2025, 1),
        ("/2025", False, False, 2025, None),
    ],
)
def test_open_and_unknown_sides(text: str, start_open: bool, end_open: bool, year: int, month: int | None) -> None:
    date = parse(text)
    assert date.is_interval
    assert (date.start_open, date.end_open) == (start_open, end_open)
    assert (date.year, date.month) == (year, month)
    assert (date.start is None) == text.startswith(("/", ".."))


def test_interval_qualifiers_are_any_side() -> None:
    date = parse("2024-10/2024-11?")
    assert date.uncertain and not date.approximate
    assert date.start is not None and not date.start.uncertain


@pytest.mark.parametrize(
    ("point", "precision", "earliest", "latest"),
    [
        (Point(2024, None, None), "year", datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
        (Point(2024, 2, None), "month", datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),
        (Point(2023, 2, None), "month", datetime.date(2023, 2, 1), datetime.date(2023, 2, 28)),
        (Point(2025, 1, 11), "day", datetime.date(2025, 1, 11), datetime.date(2025, 1, 11)),
        (Point(0, None, None), "year", None, None),
        (Point(-44, 3, 15), "day", None, None),
    ],
)
def test_point_range(
    point: Point,
    precision: str,
    earliest: datetime.date | None,
    latest: datetime.date | None,
) -> None:
    assert point.precision == precision
    assert point.earliest() == earliest
    assert point.latest() == latest


@pytest.mark.parametrize("fields", [(2024, 2, 30), (2024, 13, None), (2024, None, 5), (10000, None, None)])
def test_point_rejects_impossible_dates(fields: tuple[int, int | None, int | None]) -> None:
    with pytest.raises(DateError):
        Point(*fields)


def test_edtf_date_is_frozen() -> None:
    date = parse("2024")
    assert isinstance(date, EdtfDate)
    with pytest.raises(AttributeError):
        date.text = "2025"  # type: ignore[misc]


ORDERED = [
    "-0100",
    "-0044",
    "-0044-03-15",
    "0000",
    "0800-03-01",
    "2024",
    "2024~",
    "2024/2025",
    "2024/..",
    "2024-01",
    "2024-01-01",
    "2024-01-01/2024-01-05",
    "2024-10",
    "2024-10/2024-11",
    "2024-10/",
    "2024-10/..",
    "2024-10-15%",
    "2024-12-30/2025-01-02",
    "../2025-01",
    "/2025-01",
    "2025-01-24/2025-01-30",
    "2025-01-24/2025-02-07",
    "  2024",
    "2024-02-30",
    "abc",
    "next spring",
]


def test_sort_order_of_shuffled_mixed_list() -> None:
    rng = random.Random(20250124)
    for _ in range(20):
        shuffled = ORDERED[:]
        rng.shuffle(shuffled)
        assert sorted(shuffled, key=sort_key) == ORDERED


def test_invalid_text_sorts_last_by_text() -> None:
    assert sort_key("zzz") > sort_key("9999-12-31/..")
    assert sort_key("abc") < sort_key("abd")
    assert sort_key("2024") == parse("2024").sort_key()


JUNK: list[object] = [
    "",
    " ",
    "..",
    "/",
    "../..",
    "2024-02-30",
    "202X",
    "？",
    "２０２４",
    "\x00",
    "2024//",
    "-",
    "~",
    "9999-99-99",
    "Y12345",
    "2024-10/2023",
    "\u2028",
    None,
    2024,
]


def test_sorting_anything_never_raises() -> None:
    rng = random.Random(7)
    pool: list[object] = [text for text, _ in VALID] + JUNK
    for _ in range(300):
        sample = rng.sample(pool, rng.randint(0, len(pool)))
        keys = [sort_key(item) for item in sample]  # type: ignore[arg-type]
        ordered = sorted(sample, key=sort_key)  # type: ignore[arg-type]
        assert sorted(keys) == [sort_key(item) for item in ordered]  # type: ignore[arg-type]
        valid = [key[0] == 0 for key in sorted(keys)]
        assert valid == sorted(valid, reverse=True)  # valid dates come first
