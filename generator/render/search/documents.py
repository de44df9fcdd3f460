"""Search documents from the generator's own rendered pages (the "render" step, before the index).

Material's search plugin finds a page's sections by parsing the HTML of every
built page with the standard library's HTMLParser: at 10,000 events that was
the largest single cost of the build. The pages it would parse are the
generator's own fragments, whose headings come from its templates, so the
sections are cut here from the fragment instead, in the shape Material's
plugin gives them (``location``, ``title``, ``text`` as HTML, ``boost``), and
``index.py`` turns them into the sharded index. Material's plugin is told to
skip every page (``search: exclude``).

A page's own document holds everything up to its first ``h2`` (on an event page:
its date, summary, facts and body), under the page's title, which it shows
once; each ``h2`` starts a section. Charts are drawings: their words repeat the
page's and are left out, as are the links to the previous and next pages.

Every page type is found, but a listing (the timeline, a tag's or an actor's
events, the figures, the sources, the disputes) repeats what the events' pages
hold: indexing it whole doubled the index at 10,000 events. A listing is
indexed by its title and description; the Figures page also by each figure's
name and spread, the sources by each outlet's name and its articles'
headlines. A listing's pages of one year are not indexed.

>>> from generator.render.pages import Page
>>> page = Page("events/a.md", "A & B", "", '<h1 id="a">A &amp; B</h1><p>May 2024</p><p>Body</p>'
...                     '<h2 id="figures">Figures</h2><svg><text>9</text></svg><p>9 killed</p>', search_boost=2.0)
>>> for doc in documents([page]): print(doc)
{'location': 'events/a/', 'title': 'A &amp; B', 'text': '<p>May 2024</p><p>Body</p>', 'boost': 2.0}
{'location': 'events/a/#figures', 'title': 'Figures', 'text': '<p>9 killed</p>', 'boost': 2.0}
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

from ..pages import Page
from ..paths import url_of

#: A section starts at each h2 with an id; the page's own document holds what comes before.
SECTION = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
#: What a page's text leaves out: its title (the document's title already), its charts, and the
#: links to the previous and next pages (a neighbour's title would make the page match its words).
TITLE = re.compile(r"<h1\b[^>]*>.*?</h1>", re.S)
CHART = re.compile(r'<svg\b.*?</svg>|<nav class="tl-pager".*?</nav>', re.S)
FIRST_PARAGRAPH = re.compile(r"\s*(<p\b[^>]*>.*?</p>)", re.S)
CITE = re.compile(r"<cite>.*?</cite>", re.S)


def documents(pages: Iterable[Page], directory_urls: bool = True) -> Iterator[dict]:
    """The search documents of every searchable page: the page, then each of its sections."""
    for page in pages:
        if not page.searchable:
            continue
        url = url_of(page.src_uri, directory_urls)
        yield from (_listing_documents if page.listing else _page_documents)(page, url)


def _page_documents(page: Page, url: str) -> Iterator[dict]:
    extra = {"boost": page.search_boost} if page.search_boost else {}
    parts = SECTION.split(CHART.sub("", page.html))  # text, id, heading, text, id, heading, text, ...
    yield {"location": url, "title": page.title_html, "text": TITLE.sub("", parts[0]), **extra}
    for at in range(1, len(parts), 3):
        anchor, heading, text = parts[at : at + 3]
        yield {"location": f"{url}#{anchor}", "title": heading.strip(), "text": text, **extra}


def _listing_documents(page: Page, url: str) -> Iterator[dict]:
    """A listing's title and description; the Figures page's figures with their spread, the
    sources' outlets with their articles' headlines (see the module's docstring)."""
    description = f"<p>{html.escape(page.description, quote=False)}</p>"
    figures, sources = page.src_uri == "figures.md", page.src_uri.startswith("sources")
    parts = SECTION.split(CHART.sub("", page.html)) if figures or sources else [page.html]
    yield {"location": url, "title": page.title_html, "text": description + (_cites(parts[0]) if sources else "")}
    for at in range(1, len(parts), 3):
        anchor, heading, text = parts[at : at + 3]
        found = FIRST_PARAGRAPH.match(text) if figures else None
        kept = found.group(1) if found else _cites(text) if sources else ""
        if kept:
            yield {"location": f"{url}#{anchor}", "title": heading.strip(), "text": kept}


def _cites(markup: str) -> str:
    """The headlines a part of the sources page names, one after the other."""
    return " ".join(CITE.findall(markup))
