"""The body of an event file: its limits, and its Markdown turned into safe HTML (the "check" step).

Contributor text is untrusted. The body is rendered with Python-Markdown and
a small set of extensions (no attribute lists, no raw-HTML-in-Markdown), then
sanitized against the model's allowlist (``model/sanitize.py``). Citations
``[^id]`` become markers (``model.event.CITATION``) while Markdown renders,
where Markdown reads text: never inside a link's title or URL, a code span or
a raw HTML tag, which keep ``[^id]`` as written. The renderer turns the
markers into numbered links or footnotes, then sanitizes again.

Python-Markdown recurses once per nested block quote or list and is slow on
some shapes of text, so a body is limited (:func:`body_problems`): at most
:data:`MAX_BODY_CHARS` characters and :data:`MAX_BODY_DEPTH` levels of
nesting, and the lines, blocks, markup and tables that ``bodyshape`` counts.
Each body is rendered once, when the build validates it (:func:`body_html`); the
model carries the HTML to every page, the offline edition and the book.
``check`` counts and does not render: rendering was two thirds of its time, and
within the limits the render refuses nothing.
"""

from __future__ import annotations

import re
import threading

import markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from ..model.event import CITATION
from ..model.sanitize import clean
from .bodyshape import shape_problems

EXTENSIONS = ["tables", "sane_lists", "smarty"]

#: A citation ``[^id]``, read by Markdown after code spans, links, images and raw HTML tags: their
#: text, titles, URLs and attributes keep it as written (Python-Markdown's inline priorities:
#: backticks 190 ... raw HTML 90; entities 80 and emphasis after).
CITE = r"\[\^([a-z0-9]+(?:-[a-z0-9]+)*)\]"
CITE_PRIORITY = 85
#: Python-Markdown's link reference definitions, but for ``[^id]``: ``[^a]: text`` stays text,
#: with its citation, rather than vanishing as the definition of a link ``[^a]``.
REFERENCE = re.compile(
    r'^[ ]{0,3}\[(?!\^)([^\[\]]*)\]:[ ]*(?:\n[ ]*)?([^\s]+)[ ]*(?:\n[ ]*)?((["\'])(.*)\4[ ]*|\((.*)\)[ ]*)?$',
    re.MULTILINE,
)

#: A long article is some 20,000 characters; a body is a summary of one event.
MAX_BODY_CHARS = 65_536
#: Block quotes, list items and indented blocks inside one another; prose needs three or four.
MAX_BODY_DEPTH = 16
_LIST_MARKER = re.compile(r"(?:[-*+]|[0-9]{1,9}[.)])(?=[ \t]|$)")
_RULE = re.compile(r" {0,3}([-*_])(?: *\1){2,} *$")
# Where nesting() can count more than 0: a line opening with white space, ">" or a list marker.
_NESTABLE = re.compile(r"^[ \t>*+0-9-].*", re.MULTILINE)


def body_html(text: str) -> tuple[str | None, list[tuple[int, int, str]]]:
    r"""The body as sanitized HTML, or what keeps it from rendering safely and quickly.

    Problems are (line in the body from 0, column, message).

    >>> body_html("> " * 40 + "x")
    (None, [(0, 1, 'the body nests block quotes, lists or indented blocks more than 16 levels deep: simplify it')])
    >>> body_html("A paragraph.\n\n> A quote.")
    ('<p>A paragraph.</p>\n<blockquote>\n<p>A quote.</p>\n</blockquote>', [])
    """
    found = body_problems(text)
    if found:
        return None, found
    # Rendered here, once: the HTML is kept on the model, so no body is rendered twice.
    try:
        return sanitized(text), []
    except RecursionError:  # a shape of nesting the count above does not see
        return None, [(0, 1, "the body is nested too deeply to render: simplify its block quotes and lists")]


def body_problems(text: str) -> list[tuple[int, int, str]]:
    """What keeps the body from rendering safely and quickly, counted without rendering it.

    ``check`` gives its verdict on a body from this alone. Within these limits the render has
    nothing left to refuse: its one refusal is a RecursionError, and the deepest bodies the limits
    let through render in a fifth of Python's default recursion limit
    (``tests/test_check_without_render.py`` holds it to that).

    >>> body_problems("Plain prose [^s].")
    []
    """
    if len(text) > MAX_BODY_CHARS:
        return [
            (
                0,
                1,
                f"the body is {len(text):,} characters long: at most {MAX_BODY_CHARS:,}, shorten it or split the event",
            )
        ]
    for found in _NESTABLE.finditer(text):
        if nesting(found.group()) > MAX_BODY_DEPTH:
            return [
                (
                    text.count("\n", 0, found.start()),
                    1,
                    f"the body nests block quotes, lists or indented "
                    f"blocks more than {MAX_BODY_DEPTH} levels deep: simplify it",
                )
            ]
    # What makes Python-Markdown slow, counted (bodyshape.py): the same verdict on any machine.
    return shape_problems(text)


def nesting(line: str, stop: int = MAX_BODY_DEPTH) -> int:
    """How many block quotes, list items and 4-column indents open the line (counted up to ``stop + 1``).

    >>> nesting("> - > 1. x"), nesting("        - x"), nesting("Plain text - not a list"), nesting("- " * 20)
    (4, 3, 0, 0)
    """
    line = line.expandtabs(4)
    if _RULE.match(line):  # "- - - - -" is a horizontal rule, not lists
        return 0
    depth = pos = 0
    while depth <= stop:
        spaces = len(line) - pos - len(line[pos:].lstrip(" "))
        depth += spaces // 4
        pos += spaces
        if line.startswith(">", pos):
            pos += 1
        elif found := _LIST_MARKER.match(line, pos):
            pos = found.end()
        else:
            break
        depth += 1
    return depth


_local = threading.local()


def sanitized(text: str) -> str:
    """The body as sanitized HTML, each citation ``[^id]`` in its text a ``CITATION`` marker.

    >>> sanitized("Hi <script>x()</script> [a](javascript:x) [^s]")
    '<p>Hi  <a rel="noopener noreferrer nofollow">a</a> \u2063cite:s\u2063</p>'
    >>> sanitized('[a](http://x.example/ "see [^s]") `[^s]`')
    '<p><a href="http://x.example/" title="see [^s]" rel="noopener noreferrer nofollow">a</a> <code>[^s]</code></p>'
    """
    return clean(_markdown(text.replace("\u2063", "")))  # no marker but the ones Markdown places


class _Citation(InlineProcessor):
    """``[^id]`` -> the marker, as text no other pattern reads again."""

    def handleMatch(self, m, data):  # noqa: N802 (Python-Markdown's name)
        return AtomicString(CITATION.format(m.group(1))), m.start(0), m.end(0)


def _markdown(text: str) -> str:
    """Python-Markdown with one instance per thread, reset for each body.

    ``markdown.markdown()`` builds a new instance and its extensions for every call. reset()
    clears what a body leaves behind (link references, stashed HTML); a conversion cut short
    (RecursionError) may leave the block parser's state half-way, so the
    instance is dropped then and a new one made for the next body.
    """
    md = getattr(_local, "md", None) or _new_markdown()
    _local.md = None
    result = md.reset().convert(text)
    _local.md = md
    return result


def _new_markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
    md.inlinePatterns.register(_Citation(CITE, md), "timeline-citation", CITE_PRIORITY)
    md.parser.blockprocessors["reference"].RE = REFERENCE
    for name in ("reference", "short_reference"):  # "[^a] [r]" is a citation, then a link [r]
        _not_at_a_citation(md.inlinePatterns[name])
    return md


def clean_html(rendered: str) -> str:
    """HTML sanitized as a body is (``import`` cleans TimelineJS text with it).

    >>> clean_html('<p onclick="x()">Hi <span>there</span><script>x()</script></p>')
    '<p>Hi there</p>'
    """
    return clean(rendered)


def _not_at_a_citation(processor: InlineProcessor) -> None:
    """Make a reference-link pattern decline a match that starts with a citation ``[^id]``."""
    handle = processor.handleMatch
    citation = re.compile(CITE)

    def handle_match(m, data):
        if citation.match(data, m.start(0)):
            return None, None, None
        return handle(m, data)

    processor.handleMatch = handle_match
