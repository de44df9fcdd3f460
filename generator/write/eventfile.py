"""Event files as ``new``, ``init`` and ``import`` write them (the "write" step).

The front-matter is written through python-frontmatter with PyYAML's safe
dumper, so any text comes out as YAML that means exactly that text (a title
``NO``, ``0755`` or ``2025-01-11`` is quoted), which the strict reader
(``read/``) reads back the same: keys in the order given, text of several lines
as a block (``|``), no anchors, aliases or tags (the reader refuses them).
Before the keys comes a ``yaml-language-server`` modeline when the project has
the schema for editors; a comment can follow a top-level key's line, to say
what a placeholder asks for. A file is created, never written over.

The same dumper writes the front-matter of the tree ``export`` writes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

import frontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler

#: Where a project keeps the schema of event files, for editors: this repository's own copy inside
#: the package first, then the one ``init`` writes at the project's root.
SCHEMA_PLACES = ("generator/event.schema.json", "event.schema.json")


class Dumper(yaml.SafeDumper):
    """YAML a person would write: a list of words on one line (``[a, b]``), list items indented
    under their key, text of several lines as a block (``|``), a date in double quotes (as
    CONTRIBUTING.md asks: ``"2025-01-11"``, ``"-0043"``), and never an alias."""

    def ignore_aliases(self, data) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _style(text: str) -> str | None:
    if "\n" in text:
        return "|"
    return '"' if re.match(r"-?[0-9]", text) else None


Dumper.add_representer(
    str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style=_style(text))
)
Dumper.add_representer(
    list,
    lambda dumper, items: dumper.represent_sequence(
        "tag:yaml.org,2002:seq", items, flow_style=all(isinstance(item, str) for item in items)
    ),
)


class _Handler(YAMLHandler):
    """python-frontmatter's YAML handler, with the modeline first and a comment after some keys."""

    def __init__(self, modeline: str | None, notes: Mapping[str, str]):
        super().__init__()
        self.modeline, self.notes = modeline, notes

    def export(self, metadata: dict, **kwargs) -> str:
        lines = super().export(metadata, Dumper=Dumper, sort_keys=False, width=1000, **kwargs).splitlines()
        for i, line in enumerate(lines):
            key = line.split(":", 1)[0]
            if not line.startswith((" ", "-", "#")) and key in self.notes:
                lines[i] = f"{line}  # {self.notes[key]}"
        return "\n".join(([self.modeline] if self.modeline else []) + lines)


def event_text(meta: Mapping, body: str, *, modeline: str | None = None, notes: Mapping[str, str] = {}) -> str:  # noqa: B006
    """The whole file: front-matter (``meta`` in its order), then the body."""
    handler = _Handler(modeline, notes)
    return frontmatter.dumps(frontmatter.Post(body.strip("\n"), handler=handler, **meta), handler=handler) + "\n"


def modeline(project: Path, folder: Path) -> str | None:
    """The editors' modeline for an event file written in ``folder``: the schema's path from there,
    or None when the project keeps no schema (``timeline schema`` writes one)."""
    for place in SCHEMA_PLACES:
        schema = project / place
        if schema.is_file():
            path = Path(os.path.relpath(schema.resolve(), folder.resolve())).as_posix()
            return f"# yaml-language-server: $schema={path}"
    return None


def create(path: Path, text: str) -> None:
    """Write a new file; FileExistsError if one is there (nothing is ever written over)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:
        out.write(text)
