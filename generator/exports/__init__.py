"""Exports: the timeline as data files, built with the site.

Part of the "render" step. Where ``render`` turns the Timeline into HTML pages,
this package turns the same Timeline into data other tools read, written into
the built site's root next to the pages:

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
Nothing here reads event files or validates them.
"""

from __future__ import annotations

from pathlib import Path

from ..timeline import Timeline
from . import atom, csl, csv_export, json_export, timelinejs

__all__ = ["write_exports"]


def write_exports(timeline: Timeline, out_dir: Path, *, site_name: str, site_url: str | None,
                  directory_urls: bool = True) -> list[Path]:
    """Write every export into ``out_dir`` (the built site's root); return the files written."""
    files = {
        json_export.FILENAME: json_export.render(timeline, site_name=site_name, directory_urls=directory_urls),
        timelinejs.FILENAME: timelinejs.render(timeline, site_name=site_name, site_url=site_url,
                                               directory_urls=directory_urls),
        csv_export.FILENAME: csv_export.render(timeline, directory_urls=directory_urls),
        csl.FILENAME: csl.render(timeline),
        atom.FILENAME: atom.render(timeline, site_name=site_name, site_url=site_url, directory_urls=directory_urls),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files.items():
        path = out_dir / name
        path.write_bytes(text.encode("utf-8"))  # bytes: no platform newline translation
        written.append(path)
    return written
