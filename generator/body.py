"""Render an event's Markdown body to safe HTML (the "render" step).

Contributor text is untrusted. The body is rendered with Python-Markdown and
a small set of extensions (no attribute lists, no raw-HTML-in-Markdown), then
sanitized with nh3 against an allowlist: scripts, styles, event-handler
attributes and any URL scheme but http, https and mailto are removed, whatever
the disguise (case, entities, whitespace), and so are links to another host
that hide their scheme (``//evil.example``, ``/\\evil.example``). Footnote
references ``[^id]`` become numbered links to the event's references.

Python-Markdown recurses once per nested block quote or list and is slow on
some shapes of text, so a body is limited (:func:`check_body`, run when the
file is validated): at most :data:`MAX_BODY_CHARS` characters and
:data:`MAX_BODY_DEPTH` levels of nesting; the time budget of ``limits`` covers
the rest. Validation renders each body once under that budget; the result is
kept (:func:`cached`, :func:`remember`, :func:`keep_only`), so the pages, the
offline edition and the PDF do not render it again.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Iterable

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "b", "i", "code", "pre", "blockquote", "q",
    "ul", "ol", "li", "a", "sup", "sub", "h2", "h3", "h4", "table", "thead",
    "tbody", "tr", "th", "td", "abbr", "cite", "del", "ins", "s",
}
# No "id": a body must not take the ids of the page's own anchors (ref-1) or clobber names scripts use.
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["tables", "sane_lists", "smarty"]

CITE = re.compile(r"\[\^([a-z0-9]+(?:-[a-z0-9]+)*)\]")
MARKER = "\u2063cite:{}\u2063"  # an invisible separator rarely typed by hand
MARKED = re.compile("\u2063cite:([a-z0-9-]+)\u2063")

#: A long article is some 20,000 characters; a body is a summary of one event.
MAX_BODY_CHARS = 65_536
#: Block quotes, list items and indented blocks inside one another; prose needs three or four.
MAX_BODY_DEPTH = 16
_LIST_MARKER = re.compile(r"(?:[-*+]|[0-9]{1,9}[.)])(?=[ \t]|$)")
_RULE = re.compile(r" {0,3}([-*_])(?: *\1){2,} *$")
# Where nesting() can count more than 0: a line opening with white space, ">" or a list marker.
_NESTABLE = re.compile(r"^[ \t>*+0-9-].*", re.MULTILINE)


def check_body(text: str) -> list[tuple[int, int, str]]:
    r"""What keeps a body from rendering safely and quickly: (line in the body from 0, column, message).

    >>> check_body("> " * 40 + "x")
    [(0, 1, 'the body nests block quotes, lists or indented blocks more than 16 levels deep: simplify it')]
    >>> check_body("A paragraph.\n\n> A quote.")
    []
    """
    if len(text) > MAX_BODY_CHARS:
        return [(0, 1, f"the body is {len(text):,} characters long: at most {MAX_BODY_CHARS:,}, shorten it or split the event")]
    for found in _NESTABLE.finditer(text):
        if nesting(found.group()) > MAX_BODY_DEPTH:
            return [(text.count("\n", 0, found.start()), 1, f"the body nests block quotes, lists or indented "
                                                              f"blocks more than {MAX_BODY_DEPTH} levels deep: simplify it")]
    # The trial render stays (fix 5 of tests/benchmarks/README.md, not taken): nesting() counts
    # only the nesting a line opens with, and some bodies crash or hang Python-Markdown in ways
    # no cheap scan foresees (tests/test_hostile.py: nested brackets, 21,000 paragraphs, smart
    # quotes). Rendered here, under the file's time budget, such a body is a Problem naming the
    # file; the HTML is kept, so the build renders no body twice and this costs `check` only.
    try:
        _sanitized(text)
    except RecursionError:  # a shape of nesting the count above does not see
        return [(0, 1, "the body is nested too deeply to render: simplify its block quotes and lists")]
    return []


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


def render_body(text: str, numbers: dict[str, int], anchor_prefix: str = "ref") -> str:
    """Markdown -> sanitized HTML; ``[^id]`` -> a superscript link to reference ``numbers[id]``.

    >>> render_body("Hi <script>x()</script> [a](javascript:x) [^s]", {"s": 1})
    '<p>Hi  <a rel="noopener noreferrer nofollow">a</a> <sup class="tl-cite"><a href="#ref-1">[1]</a></sup></p>'
    """
    return MARKED.sub(lambda m: _cite_link(m.group(1), numbers, anchor_prefix), _sanitized(text)).strip()


# Body text -> sanitized HTML, citations still marked. Not an LRU of a few thousand: validation
# fills it in file order and the pages read it in date order, so any bound under the number of
# events misses every time. keep_only() drops the bodies no longer in the timeline (serve).
_HTML: dict[str, str] = {}
_local = threading.local()


def cached(text: str) -> str | None:
    """The body's sanitized HTML when it was rendered in this process (or given to :func:`remember`)."""
    return _HTML.get(text)


def remember(text: str, sanitized: str) -> None:
    """Keep HTML another process rendered from ``text`` (validation in worker processes)."""
    _HTML[text] = sanitized


def keep_only(texts: Iterable[str]) -> None:
    """Forget every body but these: under ``mkdocs serve`` each edit would otherwise add one."""
    keep = set(texts)
    for text in list(_HTML):
        if text not in keep:
            _HTML.pop(text, None)


def _sanitized(text: str) -> str:
    """The body as sanitized HTML, citations still marked: the costly part, the same for every use."""
    found = _HTML.get(text)
    if found is None:
        marked = CITE.sub(lambda m: MARKER.format(m.group(1)), text.replace("\u2063", ""))
        found = _HTML[text] = _clean(_markdown(marked))
    return found


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


def _cite_link(source_id: str, numbers: dict[str, int], prefix: str) -> str:
    n = numbers.get(source_id)
    if n is None:  # validation refuses unknown ids; keep the text visible if one slips through
        return f"[^{source_id}]"
    return f'<sup class="tl-cite"><a href="#{prefix}-{n}">[{n}]</a></sup>'
