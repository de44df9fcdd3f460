"""The timeline plugin's options in ``mkdocs.yml``: a typed MkDocs Config.

Read by the MkDocs plugin inside a build and by the command line outside one,
so that both validate events against the same vocabularies.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ...model.vocabulary import Vocabulary


class TimelineConfig(base.Config):
    """Options of the ``timeline`` plugin."""

    tags = c.Type(dict, default={})
    """Tags events may use: a mapping of tag id -> label shown to readers."""

    actors = c.Type(list, default=[])
    """Actors events may name: a list of names, as they are shown."""

    figures = c.Type(dict, default={})
    """Figures claims may give numbers for: id -> {label, unit}."""

    pdf = c.Type(bool, default=False)
    """Write the whole timeline as a book, ``timeline.pdf``, with every build (not while serving).
    Off unless asked for: the book takes minutes and gigabytes at a thousand events."""

    offline = c.Type(bool, default=False)
    """Also build the offline edition, ``timeline-offline.zip``: the whole site, search included,
    to read from ``file://`` with no network (``python -m generator build`` only, not ``mkdocs``).
    Off unless asked for: it is made from the built site (``offline.py``), and zipping it still
    costs a share of the build."""

    pages = c.Type(str, default="pages")
    """The folder of free-form pages (About, Methodology, Corrections), beside mkdocs.yml: each
    Markdown file there is a page, in the navigation, the search and the book's front matter."""

    snapshots = c.Type(str, default="snapshots")
    """The folder, from the one of ``mkdocs.yml``, of the plain-text snapshots of the articles as read,
    which quotes are checked against. Never published: keep it outside ``docs_dir``."""

    remote_fonts = c.Type(bool, default=False)
    """Keep the web fonts ``theme.font`` names, which Material loads from Google Fonts. Off unless
    asked for: the theme's font is set to ``false`` (system fonts) and the site fetches nothing
    from any other host."""

    page_size = c.Type(int, default=500)
    """A listing with more events than this is split: the timeline, a tag's or an actor's events and a
    figure's claims into one page per year (per month for a year longer than this), the sources into
    one page per outlet read and per outlet credited (split by year the same way) and the figures
    into one page per figure, each behind an index page."""

    def vocabulary(self) -> Vocabulary:
        """The vocabularies as the core uses them; ValueError names a bad entry."""
        return Vocabulary.from_options(self.tags, self.actors, self.figures)
