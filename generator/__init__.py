"""A static timeline site generator: sourced, searchable, printable timelines from event files.

The pipeline, one folder per step: ``read`` (files -> front-matter data and
bodies) -> ``check`` (schema, rules, limits -> model Events) -> ``model``
(events, dates, the Timeline) -> ``render`` (pages, data files, search index,
book HTML) -> ``write`` (a tree on disk, the PDF, an archive, a swap).
``pipeline.py`` runs them in order for the faces: the MkDocs plugin and the
command line (``faces/``). The README's code map says what each folder may
import.
"""

__version__ = "0.1.0"
