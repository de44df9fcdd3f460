"""YAML nodes -> plain data with the position of every key and value (the "read" step).

What every composer of ``yamlstrict`` hands over: nodes, never constructed
objects. Here they become plain data (every scalar the text written; plain
``null``, ``~`` and empty values mean "no value"), with a :class:`Mark` for each
key and value, and the limits on depth and entries checked on the way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Location = tuple[str | int, ...]

#: Plain (unquoted) scalars that mean "no value" (the YAML 1.2 core schema's nulls).
NULLS = frozenset({"", "~", "null", "Null", "NULL"})

#: Deeper nesting than this is never a valid event, and would let a hostile
#: file exhaust the composer's recursion.
MAX_DEPTH = 12

#: More entries than this in one list or mapping is never an event (it has ten
#: keys, and a few dozen sources or claims at most); refusing them early keeps
#: 25,000 unknown keys or 40,000 aliases from costing seconds and screens of problems.
MAX_ENTRIES = 1000


class Mark(NamedTuple):
    """A 0-based line and column inside the YAML text.

    Callers that want file lines compose the text with as many newlines in
    front as the file has lines before it; YAML skips them. A tuple: a front-matter
    has hundreds of them, and a frozen dataclass costs several times more to make.
    """

    line: int
    col: int


@dataclass
class Document:
    """Composed front-matter: plain data, the position of each part, and problems."""

    data: Any = None
    values: dict[Location, Mark] = field(default_factory=dict)
    keys: dict[Location, Mark] = field(default_factory=dict)
    quoted: set[Location] = field(default_factory=set)
    problems: list[tuple[Mark, str]] = field(default_factory=list)


class TooDeep(Exception):
    def __init__(self, mark: Mark):
        self.mark = mark


class TooMany(Exception):
    def __init__(self, mark: Mark, kind: str):
        self.mark = mark
        self.kind = kind


def mark_of(mark: yaml.Mark) -> Mark:
    return Mark(mark.line, mark.column)


def convert(node: Node, loc: Location, doc: Document, depth: int = 0) -> Any:
    """Nodes -> plain data and positions. The depth and entry limits are checked again here:
    the strict composer enforced them already, libyaml's composer (:func:`_c_nodes`) did not."""
    mark = node.start_mark
    doc.values[loc] = Mark(mark.line, mark.column)
    if isinstance(node, ScalarNode):
        if node.style in ("'", '"', "|", ">"):
            doc.quoted.add(loc)
            return node.value
        return None if node.value in NULLS else node.value
    if depth >= MAX_DEPTH:
        raise TooDeep(doc.values[loc])
    if len(node.value) > MAX_ENTRIES:
        raise TooMany(doc.values[loc], "list" if isinstance(node, SequenceNode) else "mapping")
    if isinstance(node, SequenceNode):
        return [convert(item, loc + (i,), doc, depth + 1) for i, item in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    return convert_mapping(node, loc, doc, depth + 1)


def convert_mapping(node: MappingNode, loc: Location, doc: Document, depth: int) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        mark = mark_of(key_node.start_mark)
        if not isinstance(key_node, ScalarNode):
            doc.problems.append((mark, "a key must be plain text, not a list or mapping"))
            continue
        key = key_node.value
        if key == "<<" and not key_node.style:  # plain: None from PyYAML, "" from libyaml
            doc.problems.append((mark, "YAML merge keys (<<) are not allowed: write each key out in full"))
            continue
        if key in result:
            first = doc.keys[loc + (key,)]
            doc.problems.append((mark, f"duplicate key '{key}' (first given on line {first.line + 1}): keep one"))
            continue
        doc.keys[loc + (key,)] = mark
        result[key] = convert(value_node, loc + (key,), doc, depth)
    return result
