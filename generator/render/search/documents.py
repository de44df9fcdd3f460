"""Search documents from the generator's own rendered pages (the "render" step, before the index).

Material's search plugin finds a page's sections by parsing the HTML of every
built page with the standard library's HTMLParser: at 10,000 events that was
the largest single cost of the build. The pages it would parse are the
generator's own fragments, whose headings come from its templates, so the
sections are cut here from the fragment instead, in the shape Material's
plugin gives them (``location``, ``title``, ``text`` as HTML, ``boost``), and
``index.py`` turns them into the sharded index. Material's
plugin is told to skip every page (``search: exclude``).

>>> from generator.render.pages import Page
>>> page = Page("events/a.md", "A & B", "", '<p hidden>May 2024 · Summary</p><h1 id="a">A &amp; B</h1>'
...                     '<p>Body</p><h2 id="figures">Figures</h2><p>9 killed</p>', search_boost=2.0)
>>> for doc in documents([page]): print(doc)
{'location': 'events/a/', 'title': 'A &amp; B', 'text': '<p hidden>May 2024 · Summary</p>', 'boost': 2.0}
{'location': 'events/a/#a', 'title': 'A &amp; B', 'text': '<p>Body</p>', 'boost': 2.0}
{'location': 'events/a/#figures', 'title': 'Figures', 'text': '<p>9 killed</p>', 'boost': 2.0}
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..pages import Page
from ..paths import url_of

#: A section starts at each h1 or h2 with an id, as Material cuts them: the page's own document
#: holds what comes before (on an event page, the hidden line of date and summary a result shows).
SECTION = re.compile(r'<h[12] id="([^"]+)"[^>]*>(.*?)</h[12]>', re.S)


def documents(pages: Iterable[Page], directory_urls: bool = True) -> Iterator[dict]:
    """The search documents of every searchable page: the page, then each of its sections."""
    for page in pages:
        if page.searchable:
            yield from _page_documents(page, url_of(page.src_uri, directory_urls))


def _page_documents(page: Page, url: str) -> Iterator[dict]:
    extra = {"boost": page.search_boost} if page.search_boost else {}
    parts = SECTION.split(page.html)  # text, id, heading, text, id, heading, text, ...
    yield {"location": url, "title": page.title_html, "text": parts[0], **extra}
    for at in range(1, len(parts), 3):
        anchor, heading, text = parts[at : at + 3]
        yield {"location": f"{url}#{anchor}", "title": heading.strip(), "text": text, **extra}
