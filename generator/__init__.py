"""A static timeline site generator: sourced, searchable, printable timelines from event files.

Pipeline: read (``reader``) -> validate (``schema``, ``rules``) -> model
(``model``) -> render -> write. Faces: the MkDocs plugin (``plugin``) and the
command line (``cli``).
"""

__version__ = "0.1.0"
