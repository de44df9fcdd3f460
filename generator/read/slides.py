"""A TimelineJS timeline as slides, as ``read/timelinejs.py`` and ``read/timelinejs_csv.py`` read it
(the "read" step): values as written, with where each slide starts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SlideDate:
    """A TimelineJS date as written: the year as TimelineJS counts it (-44 is 44 BCE, no year 0)."""

    year: int
    month: int | None = None
    day: int | None = None
    time: str | None = None
    display: str | None = None


@dataclass(frozen=True)
class Slide:
    line: int  # where its start date is, or the slide itself when it has none
    col: int
    headline: str = ""
    text: str = ""  # HTML, as TimelineJS takes it
    start: SlideDate | None = None
    end: SlideDate | None = None
    display_date: str | None = None
    group: str | None = None
    media: dict[str, str] = field(default_factory=dict)  # url, credit, caption


@dataclass
class Timeline:
    slides: list[Slide]
    title: Slide | None = None
    eras: int = 0


def integer(value) -> int | None | bool:
    """A number TimelineJS reads as one ("1,815" and " 7" too); None when empty; False when it is none."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or isinstance(value, float) and not value.is_integer():
        return False
    text = re.sub(r"[\s,]+", "", str(value))
    return int(float(text)) if re.fullmatch(r"[+-]?\d+(\.0*)?", text) else False


def string(value) -> str:
    return value.strip() if isinstance(value, str) else "" if value is None else str(value)
