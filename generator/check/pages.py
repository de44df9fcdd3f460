"""Free-form pages checked like event files: strict front-matter, a sanitized body (the "check" step).

A page is untrusted text as an event file is: it is read by the same strict
reader, its front-matter has its own small schema (``title``, an optional
``summary``), and its body is rendered once and sanitized as an event's body
is. Its file name is its URL at the site's root, so it must be a slug that no
page of the timeline uses; and as a page cites no source, footnote citations
``[^id]`` belong in events only.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ..model.event import CITATION
from ..model.page import FreePage
from ..model.vocabulary import SLUG
from ..read.files import find_event_files
from ..read.problems import Problem
from ..read.reader import read_event
from .body import body_html
from .errors import problems_from
from .schema import Line, Prose, _Strict

#: The timeline's own pages and folders at the site's root: a page cannot take their URL.
RESERVED = {"index", "timeline", "figures", "sources", "tags", "actors", "events", "search", "assets", "404"}


class PageMeta(_Strict):
    """The front-matter of a page."""

    title: Line
    summary: Prose | None = None


def validate_pages(folder: Path) -> tuple[list[FreePage], list[Problem]]:
    """Every page in ``folder`` and every problem; no folder, no pages."""
    if not folder.is_dir():
        return [], []
    paths, problems = find_event_files(folder)
    pages = []
    for path in paths:
        page, found = validate_page(path)
        problems += found
        if page is not None:
            pages.append(page)
    return pages, sorted(problems)


def validate_page(path: Path) -> tuple[FreePage | None, list[Problem]]:
    raw, problems = read_event(path)
    if raw.data is None:
        return None, problems
    meta = None
    try:
        meta = PageMeta.model_validate(raw.data)
    except ValidationError as err:
        problems += problems_from(err, raw, PageMeta)
    html, found = body_html(raw.body)
    problems += [Problem(raw.shown, raw.body_line + line, col, message) for line, col, message in found]
    problems += _name_and_citations(raw, html)
    if problems or meta is None or html is None:
        return None, problems
    page = FreePage(path.stem, path, raw.shown, meta.title, meta.summary, html, tuple(raw.placeholders))
    return page, []


def _name_and_citations(raw, html: str | None) -> list[Problem]:
    stem = raw.path.stem
    if not SLUG.fullmatch(stem):
        return [Problem(raw.shown, 1, 1, "a page's file name is its URL: lowercase letters, digits and hyphens")]
    if stem in RESERVED:
        return [Problem(raw.shown, 1, 1, f"'{stem}' is a page of the timeline itself: name this page otherwise")]
    marker = CITATION.split("{")[0]
    if html and marker in html:
        lines = [i for i, text in enumerate(raw.body.splitlines()) if "[^" in text] or [0]
        return [
            Problem(
                raw.shown,
                raw.body_line + lines[0],
                1,
                "a page cites no sources: link the article in the text ([title](https://...)), or make it an event",
            )
        ]
    return []
