"""Schema: the typed shape of an event file's front-matter (the "check" step).

Pydantic models of an event, its sources (citations), the figures it reports
(claims) and the dates its sources give. Every value arrives as the text the
contributor wrote (see ``yamlstrict``); the types here convert it. Rules that
need more than one field, or the vocabularies, live in ``rules``.

The models are also the source of the JSON Schema editors validate against.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..model.dates import DateError, EdtfDate
from ..model.event import DISAGREEMENT_KINDS, ORIGIN_LINKS
from .edtf import parse

#: Characters no text value may hold, though YAML's escapes ("\x1b", "\u202e",
#: "\ud800") can write them where the reader's check of the raw file cannot see
#: them: controls other than tab and newline (terminal escapes, NUL), invisible
#: bidi controls (text that reads otherwise than it is) and lone surrogates
#: (no character at all: the exports could not be written as UTF-8).
NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _text_only(value: object) -> object:
    """Refuse characters that are not text, wherever a YAML escape put them."""
    if isinstance(value, str) and (found := NOT_TEXT.search(value)):
        char = found.group()
        what = (
            "an invisible bidirectional control character"
            if unicodedata.category(char) == "Cf"
            else "a lone surrogate, which is not a character"
            if unicodedata.category(char) == "Cs"
            else "a control character"
        )
        raise PydanticCustomError(
            "text",
            "contains {what} (U+{code}) at character {at}: remove it",
            {"what": what, "code": f"{ord(char):04X}", "at": found.start() + 1},
        )
    return value


TextOnly = BeforeValidator(_text_only)
#: One line of text: titles, names, outlets.
Line = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300, pattern=r"^[^\n]*$"), TextOnly
]
#: Prose that may wrap: summaries, quotes, notes.
Prose = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000), TextOnly]
Slug = Annotated[str, StringConstraints(min_length=1, max_length=80, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
#: A file of the snapshots folder: a slug and ``.txt``, so that it can name nothing outside the folder.
SnapshotName = Annotated[str, StringConstraints(min_length=5, max_length=84, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*\.txt$")]

QUALIFIERS = ("exact", "about", "nearly", "more-than", "at-least", "less-than", "up-to")
NUMBER = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")
#: More digits than this is no figure a source gives, and past 4,300 Python refuses to read it.
MAX_DIGITS = 15


def _number(value: object) -> object:
    """Text such as ``1000`` or ``2.5`` -> a number; anything else is refused with a hint.

    >>> _number("1000"), _number("2.5")
    (1000, 2.5)
    """
    if isinstance(value, str) and NUMBER.match(value):
        if sum(c.isdigit() for c in value) > MAX_DIGITS:
            raise PydanticCustomError(
                "number", "has more than {limit} digits: no source gives such a number", {"limit": MAX_DIGITS}
            )
        return float(value) if "." in value else int(value)
    raise PydanticCustomError(
        "number", "must be a number written like 1000 or 2.5 (digits only, no commas, units or words)"
    )


def _edtf(value: str) -> EdtfDate:
    """Checked as the text written; handed on parsed, so that nothing downstream parses it again."""
    try:
        return parse(value)
    except DateError as err:
        raise PydanticCustomError("edtf", "{message}", {"message": str(err.args[0]), "column": err.column}) from None


def _url(value: str) -> str:
    if value != value.strip() or any(c.isspace() or ord(c) < 32 for c in value):
        raise PydanticCustomError("url", "a URL must not contain spaces or control characters")
    parts = urllib.parse.urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PydanticCustomError(
            "url", "must be an absolute http:// or https:// URL copied from the article; leave 'url' out when unknown"
        )
    return value


Number = Annotated[float | int, BeforeValidator(_number)]
#: A date, described to editors as the text written (event.schema.json) and read as an EdtfDate.
EdtfText = Annotated[str, StringConstraints(min_length=1, max_length=60), AfterValidator(_edtf)]
Url = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_url)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)

    @model_validator(mode="before")
    @classmethod
    def _empty_means_absent(cls, data: object) -> object:
        """``claims:`` with nothing after it reads as no claims, for keys that may be left out."""
        if isinstance(data, dict):
            optional = {name for name, f in cls.model_fields.items() if not f.is_required()}
            return {k: v for k, v in data.items() if not (v is None and k in optional)}
        return data


class Source(_Strict):
    """An article the event cites: the page that was read, as it presents itself, and where it says
    (or seems) to come from."""

    id: Slug = Field(description="Short id, local to this file, used by claims and footnotes: [^id].")
    label: Line | None = Field(
        None,
        description="A short name for a page that names no outlet, shown in its place, so that readers can tell "
        "it from other such pages.",
    )
    title: Line | None = Field(None, description="The headline as printed; leave out when the page has none.")
    outlet: Line | None = Field(
        None,
        description="The outlet or website that published the page you read, as the page names it; "
        "leave out when it names none.",
    )
    author: Line | None = Field(None, description="The byline as printed.")
    published: EdtfText | None = Field(
        None, description="Publication date (EDTF) from what the page prints; mark what you inferred uncertain (?)."
    )
    date_printed: Line | None = Field(
        None, description="The date exactly as the page prints it, e.g. 'Friday, February 07'."
    )
    url: Url | None = Field(None, description="Only a URL printed in or known for the article. Never invent one.")
    accessed: EdtfText | None = Field(None, description="When the article was read (YYYY-MM-DD).")
    origin: Line | None = Field(
        None, description="The outlet the page reproduces or says it comes from, when it is not the page's own work."
    )
    origin_link: Literal[ORIGIN_LINKS] | None = Field(  # type: ignore[valid-type]
        None,
        description="How sure the link to 'origin' is: stated (the page says so), apparent (only signs of it) "
        "or unknown.",
    )
    origin_quote: Prose | None = Field(None, description="The page's words that show the link to 'origin', verbatim.")
    credits: list[Line] = Field(default_factory=list, description="Further outlets the page names as its sources.")
    snapshot: SnapshotName | None = Field(
        None,
        description="The file in the snapshots folder with the page's text as read; quotes are checked against it.",
    )
    note: Prose | None = Field(None, description="What a reader should know about this source.")
    left_out: Prose | None = Field(None, description="What the page reports that no event records, and why.")


class Claim(_Strict):
    """One figure as one source reports it, with who gives it."""

    figure: Slug = Field(description="A figure id declared in mkdocs.yml.")
    value: Number = Field(description="The number, e.g. 1000 (a range's low end when value_max is given).")
    value_max: Number | None = Field(None, description="The high end, when the source gives a range.")
    qualifier: Literal[QUALIFIERS] = Field("exact", description="How the source hedges the number.")  # type: ignore[valid-type]
    claimant: Line = Field(description="Who gives the figure, as the article attributes it.")
    source: Slug = Field(description="The id of the source (in this file) that reports the claim.")
    quote: Prose = Field(description="The words of the article the figure comes from, verbatim.")
    note: Prose | None = Field(None, description="An editorial note, e.g. where the article contradicts itself.")
    _written: dict[str, str] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_written(cls, data: object, handler):
        """Keep ``value`` and ``value_max`` as written ("2.125", "0.004", "33.30") beside the numbers
        they convert to: pages and the book print what the source printed, never a rounding."""
        claim = handler(data)
        if isinstance(data, dict):
            texts = {key: data.get(key) for key in ("value", "value_max")}
            claim._written = {key: text.strip() for key, text in texts.items() if isinstance(text, str)}
        return claim

    def written(self, key: str) -> str | None:
        """``value`` or ``value_max`` as the file writes it."""
        return self._written.get(key)


class ReportedDate(_Strict):
    """A date one source gives for the event, kept when sources disagree."""

    date: EdtfText
    source: Slug
    quote: Prose
    claimant: Line | None = None
    note: Prose | None = None


class Side(_Strict):
    """One side of a disagreement: what one source says, in its words."""

    source: Slug = Field(description="The id of the source (in this file) that says it.")
    quote: Prose = Field(description="The article's words, verbatim.")
    claimant: Line | None = Field(None, description="Who says it, as the article attributes it.")
    note: Prose | None = None


class Disagreement(_Strict):
    """Sources that disagree on a date, on who said something, on a cause or on a description."""

    kind: Literal[DISAGREEMENT_KINDS] = Field(  # type: ignore[valid-type]
        description="date, attribution (who said it), cause or description."
    )
    topic: Line = Field(description="What the sources disagree on, e.g. 'Why the troops were pulled back'.")
    sides: list[Side] = Field(min_length=2, description="Each source's version, with its words.")
    note: Prose | None = None


class EventMeta(_Strict):
    """The front-matter of one event file."""

    title: Line
    date: EdtfText = Field(description="EDTF: YYYY, YYYY-MM, YYYY-MM-DD; ~ approximate, ? uncertain; A/B interval.")
    date_note: Prose | None = Field(None, description="How the date was derived, when the sources do not print it.")
    summary: Prose
    tags: list[Slug] = Field(default_factory=list, description="Tags declared in mkdocs.yml.")
    actors: list[Line] = Field(default_factory=list, description="Actors declared in mkdocs.yml.")
    location: Line | None = None
    sources: list[Source] = Field(min_length=1, description="At least one article that reports the event.")
    claims: list[Claim] = Field(default_factory=list, description="Every figure the sources give.")
    reported_dates: list[ReportedDate] = Field(
        default_factory=list, description="Dates the sources give, when they disagree."
    )
    disagreements: list[Disagreement] = Field(
        default_factory=list, description="Where sources disagree on something other than a figure."
    )
