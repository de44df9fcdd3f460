"""Figures print as the source wrote them, in every output: never rounded, never reformatted.

A value is parsed once (``check/schema.py``) into a number, for sorting and comparing, and kept as
written, for printing: ``0.004`` is not "0 soldiers" and ``2.125`` is not "2.12", on the event page,
the figures page, the book and the data.
"""

from __future__ import annotations

import json
import re

from conftest import TODAY, VOCABULARY
from sitecheck import Tree
from test_pdf import _poppler, pages_text  # noqa: F401 (_poppler: the module's tools, or a loud failure in CI)

from generator.check.validate import validate_file
from generator.model.timeline import Timeline
from generator.render.exports import json_export
from generator.render.site import Renderer, Site
from generator.write import pdf

EVENT = """---
title: Figures as written
date: "2025-01-01"
summary: S
sources:
  - id: a
    outlet: Outlet A
claims:
  - figure: killed
    value: 0.004
    claimant: A
    source: a
    quote: "0.004"
  - figure: killed
    value: 2.125
    value_max: 33.30
    qualifier: about
    claimant: B
    source: a
    quote: "about 2.125 to 33.30"
  - figure: killed
    value: 11000
    claimant: C
    source: a
    quote: "11,000"
---
Body.[^a]
"""
WRITTEN = ["0.004 soldiers", "about 2.125–33.30 soldiers", "11,000 soldiers"]


def _timeline(tmp_path) -> Timeline:
    path = tmp_path / "figures-as-written.md"
    path.write_text(EVENT, encoding="utf-8")
    event, problems = validate_file(path, VOCABULARY, TODAY)
    assert problems == [] and event is not None
    return Timeline([event], VOCABULARY)


def _cells(markup: str) -> list[str]:
    return [" ".join(e.text.split()) for e in Tree(markup).elements if "tl-value" in e.classes()]


def test_pages_print_each_value_as_written(tmp_path):
    timeline = _timeline(tmp_path)
    renderer = Renderer(timeline, Site())
    event_page = renderer.event_page(timeline.events[0])
    assert _cells(event_page.html) == WRITTEN
    figures = next(page for page in renderer.pages() if page.src_uri == "figures.md")
    assert _cells(figures.html) == WRITTEN
    assert "spread 0.004 – 11,000 soldiers" in " ".join(figures.html.split())


def test_the_data_keeps_the_number_and_shows_it_as_written(tmp_path):
    data = json.loads(json_export.render(_timeline(tmp_path), site_name="T"))
    claims = data["events"][0]["claims"]
    assert [claim["display"] for claim in claims] == WRITTEN
    assert [(claim["value"], claim["value_text"]) for claim in claims] == [
        (0.004, "0.004"),
        (2.125, "2.125"),
        (11000, "11000"),
    ]
    assert data["figures"][0]["spread"] == "0.004 – 11,000 soldiers"


def test_the_book_prints_each_value_as_written(tmp_path):
    out = tmp_path / "book.pdf"
    pdf.write_pdf(_timeline(tmp_path), out, site_name="T", description="", progress=False)
    printed = " ".join(pages_text(out))
    for value in ("0.004 soldiers", "about 2.125–33.30 soldiers", "11,000 soldiers", "0.004 – 11,000 soldiers"):
        assert value in printed
    assert not re.search(r"(?<![\d.,])0 soldiers|2\.12(?!5)|33\.3(?!0)", printed)  # nothing rounded
