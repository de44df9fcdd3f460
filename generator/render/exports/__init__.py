"""Exports: the timeline as data files, built with the site.

Part of the "render" step. Where ``site.py`` turns the Timeline into HTML pages,
this package turns the same Timeline into data other tools read, for the
built site's root next to the pages:

=====================  =====================  ==================================
file                   module                 for
=====================  =====================  ==================================
``timeline.json``      ``json_export``        everything, as data
``timelinejs.json``    ``timelinejs``         a TimelineJS3 embed
``events.csv``         ``csv_export``         spreadsheets
``sources.csl.json``   ``csl``                reference managers (CSL-JSON)
``feed.xml``           ``atom``               feed readers (Atom 1.0)
=====================  =====================  ==================================

Every file is a pure function of the Timeline and the site settings: no build
clock, no randomness, so two builds of the same event files are identical.
Nothing here reads event files, validates them or writes files.
"""

from __future__ import annotations

from ...model.timeline import Timeline
from . import atom, csl, csv_export, json_export, timelinejs
from .kept import Kept

__all__ = ["data_files"]


def data_files(
    timeline: Timeline, *, site_name: str, site_url: str | None, directory_urls: bool = True, kept: Kept | None = None
) -> dict[str, bytes]:
    """Every export, by its path from the site root, as the bytes to write. ``kept``: each event's
    piece of each export from the render before (``kept.py``)."""
    site = {"site_name": site_name, "site_url": site_url, "directory_urls": directory_urls, "kept": kept}
    files = {
        timelinejs.FILENAME: timelinejs.render(timeline, **site),
        csv_export.FILENAME: csv_export.render(timeline, directory_urls=directory_urls, kept=kept),
        csl.FILENAME: csl.render(timeline, kept),
        atom.FILENAME: atom.render(timeline, **site),
    }
    whole = json_export.render_bytes(timeline, site_name=site_name, directory_urls=directory_urls, kept=kept)
    # bytes: no platform newline translation
    return {json_export.FILENAME: whole} | {name: text.encode("utf-8") for name, text in files.items()}
