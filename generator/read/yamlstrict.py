"""Strict YAML for event front-matter: the "read" step's parser.

PyYAML's loaders guess types (``NO`` -> False, ``0755`` -> 493, unquoted dates
-> ``datetime.date``), expand aliases (a few hundred bytes can become a
gigabyte) and run tags. Here YAML is only composed into nodes, never
constructed: every scalar arrives as the text the contributor wrote (plain
``null``, ``~`` and empty values are the only exception: they mean "no value"),
and anchors, aliases, explicit tags, merge keys, duplicate keys and complex keys
are reported as problems with their position. The schema alone converts text
to numbers and dates. Nesting deeper than :data:`MAX_DEPTH` and collections of
more than :data:`MAX_ENTRIES` entries stop the composition with one problem.

Positions are kept for every key and value, addressed by a *location*: the
tuple of keys and list indexes leading to it, e.g. ``("sources", 0, "url")``.

Three composers give the same Document: libyaml's own, in C, for text with none
of the characters the refused features need (almost every event file); the strict
composer over libyaml's events; the strict composer over PyYAML's pure-Python
parser, whose messages and positions are the ones reported for any problem.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, CollectionStartEvent, MappingStartEvent, ScalarEvent
from yaml.nodes import Node, ScalarNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

try:
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml: the pure-Python parser does it all
    CParser = None

from .yamlnodes import MAX_DEPTH, MAX_ENTRIES, Document, Location, Mark, TooDeep, TooMany, convert, mark_of

__all__ = ["CParser", "Document", "Location", "Mark", "compose"]

DIRECTIVE = re.compile(r"%[A-Za-z]+(?:[ \t]|$)")

#: What the strict composer has to see to report: anchors, aliases, tags, merge keys. Text
#: without any of these is composed by libyaml in C (see :func:`_c_nodes`).
SPECIAL = ("&", "*", "!", "<<")

#: libyaml's C composer recurses once per nesting level with no limit of its own: 100,000
#: levels crash the process (a segmentation fault, not an exception). Text that could nest
#: deeper than this never reaches it; 10,000 levels were measured safe.
C_SAFE_DEPTH = 1000

# A line opening with this many spaces, tabs and "-", "?", ":" indicators could start block
# collections that deep: 2 x 240 block levels plus 500 flow brackets stay under C_SAFE_DEPTH.
_DEEP_PREFIX = re.compile(r"^[ \t?:-]{240}", re.MULTILINE)
_MAX_FLOW_BRACKETS = 500


class _StrictComposer(Composer):
    """Composes nodes only; reports anchors, aliases and tags instead of honouring them.

    A mixin over any event source: PyYAML's pure-Python parser, or libyaml's.
    """

    def _start(self, doc: Document) -> None:
        Composer.__init__(self)
        BaseResolver.__init__(self)
        self.doc = doc
        self.depth = 0
        self.entries: list[list] = []  # [kind, nodes composed] of each open collection

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        mark = mark_of(event.start_mark)
        if self.entries:
            self._count(mark)
        if isinstance(event, AliasEvent):
            return self._alias(event, mark)
        self._refuse_anchor_and_tag(event, mark)
        if isinstance(event, CollectionStartEvent):
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise TooDeep(mark)
            self.entries.append(["mapping" if isinstance(event, MappingStartEvent) else "list", 0])
        try:
            return super().compose_node(parent, index)
        finally:
            if isinstance(event, CollectionStartEvent):
                self.depth -= 1
                self.entries.pop()

    def _alias(self, event: AliasEvent, mark: Mark) -> Node:
        """An alias is reported and stands as an empty text value: nothing is expanded."""
        self.get_event()
        self.doc.problems.append((mark, f"YAML aliases (*{event.anchor}) are not allowed: write the value out in full"))
        return ScalarNode(
            yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG, "", event.start_mark, event.end_mark, style="'"
        )

    def _refuse_anchor_and_tag(self, event: Any, mark: Mark) -> None:
        """Report an anchor or a tag, and drop it: the value is composed as plain text or nodes."""
        if event.anchor is not None:
            problem = f"YAML anchors (&{event.anchor}) are not allowed: write each value out in full"
            self.doc.problems.append((mark, problem))
            event.anchor = None
        if not isinstance(event, (ScalarEvent, CollectionStartEvent)) or event.tag is None:
            return
        if event.tag == "!":
            self.doc.problems.append((mark, "YAML tags (!) are not allowed: remove the tag"))
        else:
            problem = (
                f"YAML tags ({_short_tag(event.tag)}) are not allowed: remove the tag, quote the value if it is text"
            )
            self.doc.problems.append((mark, problem))
        event.tag = None

    def _count(self, mark: Mark) -> None:
        """One more node in the open collection: a list item, or a mapping's key or value."""
        kind, nodes = self.entries[-1]
        self.entries[-1][1] = nodes = nodes + 1
        if nodes > MAX_ENTRIES * (2 if kind == "mapping" else 1):
            raise TooMany(mark, kind)


class _StrictLoader(_StrictComposer, Reader, Scanner, Parser, BaseResolver):
    """Pure-Python events: slow, but its error messages are the ones contributors see."""

    def __init__(self, text: str, doc: Document):
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        self._start(doc)


if CParser is not None:

    class _FastLoader(_StrictComposer, CParser, BaseResolver):
        """libyaml's events (about ten times faster) under the same strict composer."""

        def __init__(self, text: str, doc: Document):
            CParser.__init__(self, text)
            self._start(doc)

    class _CNodes(CParser, BaseResolver):
        """libyaml's own composer: nodes made in C (only for text :func:`_c_nodes` lets through)."""

        def __init__(self, text: str):
            CParser.__init__(self, text)
            BaseResolver.__init__(self)

        def resolve(self, kind, value, implicit):
            """No tags: nothing is constructed, and the nodes' tags are never read."""
            return None


def _short_tag(tag: str) -> str:
    """The tag as it is usually written: ``!!python/object`` rather than its long form."""
    return tag.replace("tag:yaml.org,2002:", "!!", 1)


def compose(text: str) -> Document:
    """Compose YAML text into plain data with positions and problems.

    >>> doc = compose("a: NO\\nb: [0755, 1.10]\\nc:\\n")
    >>> doc.data
    {'a': 'NO', 'b': ['0755', '1.10'], 'c': None}
    >>> doc.values[("b", 1)]
    Mark(line=1, col=10)
    >>> compose("a: &x 1\\nb: *x\\n").problems[0][1]
    'YAML anchors (&x) are not allowed: write each value out in full'
    """
    doc = Document()
    for number, line in enumerate(text.split("\n")):
        if DIRECTIVE.match(line):  # %YAML, %TAG (which redefines what tags mean) or a reserved one
            doc.problems.append((Mark(number, 0), "YAML directives (%YAML, %TAG) are not allowed: remove the line"))
            return doc
    fast = _c_nodes(text) or _fast(text)
    if fast is not None:
        return fast
    loader = _StrictLoader(text, doc)
    try:
        node = loader.get_single_node()
    except TooDeep as deep:
        doc.problems.append((deep.mark, f"nested more than {MAX_DEPTH} levels deep: an event is never this deep"))
        return doc
    except TooMany as many:
        what = "keys in one mapping" if many.kind == "mapping" else "entries in one list"
        doc.problems.append((many.mark, f"more than {MAX_ENTRIES:,} {what}: an event never has this many"))
        return doc
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = mark_of(mark) if mark else Mark(0, 0)
        doc.problems.append((where, f"not valid YAML: {yaml_reason(err)}"))
        return doc
    finally:
        loader.dispose()
    if node is not None:
        doc.data = convert(node, (), doc)
    return doc


def _c_nodes(text: str) -> Document | None:
    """Let libyaml compose the nodes in C when the text has nothing the strict composer reports.

    With no ``&``, ``*``, ``!`` or ``<<`` in the text there is no anchor, alias, tag or merge
    key to refuse; duplicate and complex keys, depth and entry counts are checked by the walk
    (:func:`_convert`). None means: anything else, or any problem (the other composers report
    it with the positions and messages the fixtures pin down).
    """
    if CParser is None or any(special in text for special in SPECIAL) or not _shallow(text):
        return None
    parser = _CNodes(text)
    try:
        node = parser.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    doc = Document()
    try:
        doc.data = None if node is None else convert(node, (), doc)
    except (TooDeep, TooMany):
        return None
    return None if doc.problems else doc


def _shallow(text: str) -> bool:
    """Whether the text surely nests fewer than :data:`C_SAFE_DEPTH` collections, without parsing it.

    Every ``[`` and ``{`` may open a flow collection. A block collection starts at a column
    within its line's indentation and indicators (``- ``, ``? ``, ``: ``); one nested in it starts
    further right, but for a list written at its key's column: at most two levels per column.
    """
    brackets = text.count("[") + text.count("{")
    return brackets <= _MAX_FLOW_BRACKETS and _DEEP_PREFIX.search(text) is None


def _fast(text: str) -> Document | None:
    """Compose with libyaml when it is there and the text is clean YAML; None means: use the
    pure-Python parser, whose messages and positions for problems the fixtures pin down."""
    if CParser is None:
        return None
    doc = Document()
    loader = _FastLoader(text, doc)
    try:
        node = loader.get_single_node()
    except (yaml.YAMLError, TooDeep, TooMany):
        return None
    finally:
        loader.dispose()
    if doc.problems:
        return None
    if node is not None:
        doc.data = convert(node, (), doc)
    return None if doc.problems else doc


#: PyYAML's words for common mistakes -> what they mean to someone who writes YAML by hand.
PLAIN_WORDS = (
    ("mapping values are not allowed", "a ':' inside a value needs the value in quotes"),
    ("that cannot start any token", "YAML indents with spaces, never tabs"),
    ("expected <block end>", "this line is indented differently from the lines above it at its level"),
    ("did not find expected key", "this line is indented differently from the lines above it at its level"),
    ("did not find expected '-'", "a list item that does not line up with the items above it"),
    ("could not find expected ':'", "a line with no ':' where a 'key: value' line was expected"),
    ("while scanning a quoted scalar", "a quoted value is never closed: add its closing quote"),
    ("expected ',' or ']'", "a list in brackets is not closed, or a value in it needs quotes"),
    ("expected ',' or '}'", "a mapping in braces is not closed, or a value in it needs quotes"),
)


def yaml_reason(err: yaml.MarkedYAMLError) -> str:
    r"""PyYAML's reason for a syntax error, and what it means in plain words where it is a common one.

    >>> try:
    ...     yaml.safe_load("a:\n\tb: 1")
    ... except yaml.MarkedYAMLError as err:
    ...     print(yaml_reason(err).split(", ", 1)[1])
    found character '\t' that cannot start any token (YAML indents with spaces, never tabs)
    """
    reason = err.problem or "could not parse"
    if err.context:
        reason = f"{err.context}, {reason}"
    plain = next((words for found, words in PLAIN_WORDS if found in reason), None)
    return f"{reason} ({plain})" if plain else reason
