"""Render an event's Markdown body to safe HTML (the "render" step).

Contributor text is untrusted. The body is rendered with Python-Markdown and
a small set of extensions (no attribute lists, no raw-HTML-in-Markdown), then
sanitized with nh3 against an allowlist: scripts, styles, event-handler
attributes and any URL scheme but http, https and mailto are removed, whatever
the disguise (case, entities, whitespace). Footnote references ``[^id]``
become numbered links to the event's references.
"""

from __future__ import annotations

import re

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "b", "i", "code", "pre", "blockquote", "q",
    "ul", "ol", "li", "a", "sup", "sub", "h2", "h3", "h4", "table", "thead",
    "tbody", "tr", "th", "td", "abbr", "cite", "del", "ins", "s",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "sup": {"id"}}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["tables", "sane_lists", "smarty"]

CITE = re.compile(r"\[\^([a-z0-9]+(?:-[a-z0-9]+)*)\]")
MARKER = "\u2063cite:{}\u2063"  # an invisible separator rarely typed by hand
MARKED = re.compile("\u2063cite:([a-z0-9-]+)\u2063")


def render_body(text: str, numbers: dict[str, int], anchor_prefix: str = "ref") -> str:
    """Markdown -> sanitized HTML; ``[^id]`` -> a superscript link to reference ``numbers[id]``.

    >>> render_body("Hi <script>x()</script> [a](javascript:x) [^s]", {"s": 1})
    '<p>Hi  <a rel="noopener noreferrer nofollow">a</a> <sup class="tl-cite"><a href="#ref-1">[1]</a></sup></p>'
    """
    text = text.replace("\u2063", "")
    marked = CITE.sub(lambda m: MARKER.format(m.group(1)), text)
    html = markdown.markdown(marked, extensions=EXTENSIONS, output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return MARKED.sub(lambda m: _cite_link(m.group(1), numbers, anchor_prefix), clean).strip()


def _cite_link(source_id: str, numbers: dict[str, int], prefix: str) -> str:
    n = numbers.get(source_id)
    if n is None:  # validation refuses unknown ids; keep the text visible if one slips through
        return f"[^{source_id}]"
    return f'<sup class="tl-cite"><a href="#{prefix}-{n}">[{n}]</a></sup>'
