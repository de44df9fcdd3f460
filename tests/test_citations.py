"""Citations are made before the sanitizer, never inside an attribute, on the site and in the book.

``[^id]`` becomes a citation only where Markdown reads text; in every attribute the sanitizer's
allowlist keeps (a link's ``href`` and ``title``, an ``abbr``'s ``title``, a ``th``'s ``scope``),
in a code span or in a raw HTML tag it stays as written. The site's and the book's bodies are the
sanitizer's own output: cleaning them again changes nothing.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import TODAY, VOCABULARY
from sitecheck import Tree
from test_pdf import _poppler, pages_text  # noqa: F401 (_poppler: the module's tools, or a loud failure in CI)

from generator.check.body import sanitized
from generator.check.validate import validate_file
from generator.model.event import CITATION_MARK
from generator.model.sanitize import clean
from generator.model.timeline import Timeline
from generator.render import book
from generator.render.bookparts import Citations
from generator.render.citations import SITE_MARKUP
from generator.render.site import Renderer, Site
from generator.render.templates import environment
from generator.write import pdf

#: Each attribute the allowlist keeps, with a citation written inside it: (tag, attribute, body).
IN_ATTRIBUTES = {
    "link-title": ("a", "title", '[the report](https://example.org/a "as reported [^s]")'),
    "link-href": ("a", "href", "[the report](https://example.org/a[^s])"),
    "raw-link-href": ("a", "href", '<a href="https://example.org/a[^s]">the report</a>'),
    "abbr-title": ("abbr", "title", '<abbr title="Korean People\'s Army [^s]">KPA</abbr>'),
    "th-scope": ("th", "scope", '<table><tr><th scope="[^s]">Figure</th></tr></table>'),
}
HEAD = (
    '---\ntitle: Citations in attributes\ndate: "2025-01-01"\nsummary: S\n'
    "sources:\n  - id: s\n    outlet: Outlet Ess\n    title: The cited article\n---\n"
)


def _attributes(markup: str, tag: str, name: str) -> list[str]:
    """The attribute on each such element the contributor wrote (not the site's links to its references)."""
    return [
        element.attrs.get(name, "")
        for element in Tree(markup).elements
        if element.tag == tag and not element.attrs.get("href", "").startswith("#")
    ]


@pytest.mark.parametrize("case", IN_ATTRIBUTES)
def test_a_citation_written_in_an_attribute_stays_text_there(case):
    tag, name, text = IN_ATTRIBUTES[case]
    markup = sanitized(f"Before {text} after.[^s]")
    values = _attributes(markup, tag, name)
    assert values and all("[^s]" in value and "\u2063" not in value for value in values), markup
    assert CITATION_MARK.findall(markup) == ["s"]  # only the citation written in the text


def test_a_citation_in_a_code_span_stays_as_written_and_one_in_link_text_is_a_citation():
    markup = sanitized("`[^s]` and [see [^s]](https://example.org/)")
    assert "<code>[^s]</code>" in markup
    assert CITATION_MARK.findall(markup) == ["s"]


def _event(tmp_path, case: str):
    path = tmp_path / f"{case}.md"
    path.write_text(HEAD + f"Before {IN_ATTRIBUTES[case][2]} after.[^s]\n", encoding="utf-8")
    event, problems = validate_file(path, VOCABULARY, TODAY)
    assert problems == [] and event is not None
    return event


@pytest.mark.parametrize("case", IN_ATTRIBUTES)
def test_the_site_links_the_citation_and_keeps_every_attribute_whole(tmp_path, case):
    tag, name, _text = IN_ATTRIBUTES[case]
    event = _event(tmp_path, case)
    page = Renderer(Timeline([event], VOCABULARY), Site()).event_page(event)
    body = page.html.split('<div class="tl-body">', 1)[1].split("</div>", 1)[0]
    assert clean(body, SITE_MARKUP).strip() == body.strip()  # the sanitizer's output, as it left it
    tree = Tree(body)
    links = [element for element in tree.elements if element.tag == "a"]
    assert [link.attrs["href"] for link in links if link.attrs.get("href", "").startswith("#")] == ["#ref-1"]
    assert all(
        link.attrs.get("rel") == "noopener noreferrer nofollow" for link in links if link.attrs["href"][0] != "#"
    )
    assert all("[^s]" in value for value in _attributes(body, tag, name))
    assert "tl-cite" not in "".join(_attributes(body, tag, name))
    text = " ".join(element.text for element in tree.elements)
    assert "rel=" not in text and "tl-cite" not in text  # no markup leaked onto the page as text


@pytest.mark.parametrize("case", IN_ATTRIBUTES)
def test_the_book_keeps_the_footnote_and_prints_no_markup(tmp_path, case):
    event = _event(tmp_path, case)
    timeline = Timeline([event], VOCABULARY)
    printed = book.print_event(event, Citations(environment(timeline)))
    footnotes = [node for node in _walk(printed.body) if node["t"] == "fn"]
    assert [node["id"] for node in footnotes] == [f"fn-{event.id}-1"]  # the one citation in text
    out = tmp_path / "book.pdf"
    pdf.write_pdf(timeline, out, site_name="T", description="", progress=False)
    pages = pages_text(out)
    page = next(text for text in pages if "Citations in attributes" in text and "Before" in text)
    assert "1. Outlet Ess" in page  # the footnote, on the page that calls it
    assert "rel=" not in page and "tl-cite" not in page and "fn-" not in page


def _walk(tree):
    for node in tree:
        if isinstance(node, dict):
            yield node
            yield from _walk(node.get("c", ()))


@pytest.fixture(autouse=True)
def _needs_poppler_for_the_book(request):
    if "book" in request.node.name and shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: run `make system-packages`")
