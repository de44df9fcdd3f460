"""Citations in a body: the model's markers -> numbered links (the "render" step).

The body's sanitized HTML (``Event.body_html``) marks each citation ``[^id]``
with ``model.event.CITATION``; the site makes each a superscript link to the
event's numbered reference, and the book a link the print renderer turns into
a footnote.
"""

from __future__ import annotations

from ..model.event import CITATION_MARK


def link_citations(body_html: str, numbers: dict[str, int], anchor_prefix: str = "ref") -> str:
    """The body with each citation a superscript link to reference ``numbers[id]``.

    >>> from generator.model.event import CITATION
    >>> link_citations("<p>Hi " + CITATION.format("s") + "</p>\\n", {"s": 1})
    '<p>Hi <sup class="tl-cite"><a href="#ref-1">[1]</a></sup></p>'
    """
    return CITATION_MARK.sub(lambda m: _cite_link(m.group(1), numbers, anchor_prefix), body_html).strip()


def _cite_link(source_id: str, numbers: dict[str, int], prefix: str) -> str:
    n = numbers.get(source_id)
    if n is None:  # validation refuses unknown ids; keep the text visible if one slips through
        return f"[^{source_id}]"
    return f'<sup class="tl-cite"><a href="#{prefix}-{n}">[{n}]</a></sup>'
