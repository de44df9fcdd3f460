"""Faces: how the generator is used, by MkDocs (``mkdocs/``) and on the command line (``cli/``).

Only faces import MkDocs or Material; nothing in the core imports a face.
"""
