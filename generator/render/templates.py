"""The one Jinja2 environment every page, the head of each page and the book are rendered with.

Part of the "render" step. Autoescaping is on and undefined names fail loudly;
contributor text only ever reaches a template as a value, never as a template.
The filters and globals here are the formatting rules of ``format`` and
``dates``, so that the site and the book word everything alike.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..model.dates import year_text
from ..model.timeline import Timeline
from . import format as fmt
from .dates import label

#: The templates of the site's pages (``*.html``) and of the book (``print/``).
TEMPLATES = Path(__file__).resolve().parent / "templates"


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per process, by name and source: each Renderer makes an environment
    of its own (its globals are its timeline's), and ``mkdocs serve`` makes one per rebuild."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


#: One for the process: a template's bucket is keyed by its name and a checksum of its source.
COMPILED = CompiledTemplates()


def environment(timeline: Timeline, **extra: Any) -> jinja2.Environment:
    """An environment for ``timeline``'s pages or book, with ``extra`` globals of the caller's."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=COMPILED,
    )
    env.filters.update(date_label=label, one_line=one_line, year_label=year_text)
    env.globals.update(
        timeline=timeline,
        claim_value=fmt.claim_value,
        number=fmt.number,
        spread=fmt.spread,
        outlet_label=fmt.outlet_label,
        lineage=fmt.lineage,
        source_name=fmt.source_name,
        publication_name=fmt.publication_name,
        outlet_names=fmt.outlet_names,
        source_names=fmt.source_names,
        dispute_kinds=fmt.DISPUTE_KINDS,
        date_range=fmt.date_range(timeline),
        competing=fmt.CompetingValues(timeline),
        figures=timeline.vocabulary.figures,
        tag_labels=timeline.vocabulary.tags,
        **extra,
    )
    return env


def one_line(html: str) -> Markup:
    r"""Rendered (already escaped) HTML with every run of white space made one space.

    >>> one_line('<span>Outlet A</span>,\n  <cite>“T”</cite>')
    Markup('<span>Outlet A</span>, <cite>“T”</cite>')
    """
    return Markup(re.sub(r"\s+", " ", str(html)).strip())
