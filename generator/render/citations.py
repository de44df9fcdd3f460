"""Citations in a body: the model's markers -> numbered links, then the body cleaned (the "render" step).

The body's sanitized HTML (``Event.body_html``) marks each citation ``[^id]``
with ``model.event.CITATION``, in its text only (never in an attribute: the
check step places them where Markdown reads text). The site makes each a
superscript link to the event's numbered reference, and the book a footnote
(``book.py``); either way the result is sanitized again with that markup
allowed (``model/sanitize.py``), so nothing edits a body after its sanitizer.
"""

from __future__ import annotations

from ..model.event import CITATION_MARK
from ..model.sanitize import clean

#: What the site adds to a body: ``<sup class="tl-cite"><a href="#ref-1">[1]</a></sup>``.
SITE_MARKUP = {"sup": {"class"}}


def link_citations(body_html: str, numbers: dict[str, int], anchor_prefix: str = "ref") -> str:
    """The body with each citation a superscript link to reference ``numbers[id]``, cleaned.

    >>> from generator.model.event import CITATION
    >>> link_citations("<p>Hi " + CITATION.format("s") + "</p>\\n", {"s": 1})
    '<p>Hi <sup class="tl-cite"><a href="#ref-1">[1]</a></sup></p>'
    """
    linked = CITATION_MARK.sub(lambda m: _cite_link(m.group(1), numbers, anchor_prefix), body_html)
    return clean(linked, SITE_MARKUP).strip()


def _cite_link(source_id: str, numbers: dict[str, int], prefix: str) -> str:
    n = numbers.get(source_id)
    if n is None:  # validation refuses unknown ids; keep the text visible if one slips through
        return f"[^{source_id}]"
    return f'<sup class="tl-cite"><a href="#{prefix}-{n}">[{n}]</a></sup>'
