"""The body of an event file: its limits, and its Markdown turned into safe HTML (the "check" step).

Contributor text is untrusted. The body is rendered with Python-Markdown and
a small set of extensions (no attribute lists, no raw-HTML-in-Markdown), then
sanitized with nh3 against an allowlist: scripts, styles, event-handler
attributes and any URL scheme but http, https and mailto are removed, whatever
the disguise (case, entities, whitespace), and so are links to another host
that hide their scheme (``//evil.example``, ``/\\evil.example``). Citations
``[^id]`` stay in the HTML as markers (``model.event.CITATION``) that the
renderer turns into numbered links or footnotes.

Python-Markdown recurses once per nested block quote or list and is slow on
some shapes of text, so a body is limited (:func:`body_html`, run when the file
is checked): at most :data:`MAX_BODY_CHARS` characters and
:data:`MAX_BODY_DEPTH` levels of nesting; the time budget of ``limits`` covers
the rest. Each body is rendered once, there; the model carries the HTML to
every page, the offline edition and the book.
"""

from __future__ import annotations

import html
import re
import threading

import markdown
import nh3

from ..model.event import CITATION

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "q",
    "ul",
    "ol",
    "li",
    "a",
    "sup",
    "sub",
    "h2",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "abbr",
    "cite",
    "del",
    "ins",
    "s",
}
# No "id": a body must not take the ids of the page's own anchors (ref-1) or clobber names scripts use.
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["tables", "sane_lists", "smarty"]

CITE = re.compile(r"\[\^([a-z0-9]+(?:-[a-z0-9]+)*)\]")

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
    if len(text) > MAX_BODY_CHARS:
        return None, [
            (
                0,
                1,
                f"the body is {len(text):,} characters long: at most {MAX_BODY_CHARS:,}, shorten it or split the event",
            )
        ]
    for found in _NESTABLE.finditer(text):
        if nesting(found.group()) > MAX_BODY_DEPTH:
            return None, [
                (
                    text.count("\n", 0, found.start()),
                    1,
                    f"the body nests block quotes, lists or indented "
                    f"blocks more than {MAX_BODY_DEPTH} levels deep: simplify it",
                )
            ]
    # nesting() counts only the nesting a line opens with, and some bodies crash or hang
    # Python-Markdown in ways no cheap scan foresees (tests/test_hostile.py: nested brackets,
    # 21,000 paragraphs, smart quotes). Rendered here, under the file's time budget, such a body is
    # a Problem naming the file; the HTML is kept on the model, so no body is rendered twice.
    try:
        return sanitized(text), []
    except RecursionError:  # a shape of nesting the count above does not see
        return None, [(0, 1, "the body is nested too deeply to render: simplify its block quotes and lists")]


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
    """The body as sanitized HTML, each citation ``[^id]`` a ``CITATION`` marker.

    >>> sanitized("Hi <script>x()</script> [a](javascript:x) [^s]")
    '<p>Hi  <a rel="noopener noreferrer nofollow">a</a> \u2063cite:s\u2063</p>'
    """
    marked = CITE.sub(lambda m: CITATION.format(m.group(1)), text.replace("\u2063", ""))
    return _clean(_markdown(marked))


def _markdown(text: str) -> str:
    """Python-Markdown with one instance per thread, reset for each body.

    ``markdown.markdown()`` builds a new instance and its extensions for every call. reset()
    clears what a body leaves behind (link references, stashed HTML); a conversion cut short
    (RecursionError, the time budget) may leave the block parser's state half-way, so the
    instance is dropped then and a new one made for the next body.
    """
    md = getattr(_local, "md", None) or markdown.Markdown(extensions=EXTENSIONS, output_format="html")
    _local.md = None
    result = md.reset().convert(text)
    _local.md = md
    return result


def clean_html(rendered: str) -> str:
    """HTML sanitized as a body is (``import`` cleans TimelineJS text with it).

    >>> clean_html('<p onclick="x()">Hi <span>there</span><script>x()</script></p>')
    '<p>Hi there</p>'
    """
    return _clean(rendered)


def _clean(rendered: str) -> str:
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        url_relative=_relative_url,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def _relative_url(url: str) -> str | None:
    """A link without a scheme stays (``#ref-1``, ``../other-event/``) unless it is one in disguise.

    ``//host``, ``/\\host`` and ``\\\\host`` reach another host; white space, control
    characters or a character reference left in the URL hide a scheme (``java script:``,
    ``&#106;avascript:``, which a second decoding would turn into ``javascript:``). Those
    lose their href.

    >>> _relative_url("#ref-1"), _relative_url("//evil.example"), _relative_url("java  script:x")
    ('#ref-1', None, None)
    >>> _relative_url("&#0000106avascript:x"), _relative_url("../other-event/?a=1&b=2")
    (None, '../other-event/?a=1&b=2')
    """
    if re.match(r"[\s\x00-\x1f]*[/\\]{2}", url) or re.search(r"[\s\x00-\x1f\x7f]", url):
        return None
    if "&" in url and html.unescape(url) != url:
        return None
    return url
