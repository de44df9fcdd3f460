"""What the HTML of an event's body may hold, and the sanitizer that makes any HTML hold only that.

Part of the model: the contract of ``Event.body_html``. Two steps use it, and
nothing edits a body's HTML after it:

* ``check`` renders the contributor's Markdown and cleans it (:func:`clean`):
  scripts, styles, event-handler attributes, ids, classes and any URL scheme
  but http, https and mailto go, whatever the disguise (case, entities, white
  space), and so do links to another host that hide their scheme
  (``//evil.example``, ``/\\evil.example``);
* ``render`` puts its own markup in place of the citation markers (numbered
  links on the site, footnotes in the book) and cleans the result again, with
  that markup allowed (``extra``): what a page or the book prints of a body is
  the sanitizer's output, never HTML edited after it.

The second pass cannot let a contributor's markup through: the first removed
every tag and attribute that only the second allows (``span``, ``id``,
``class``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

import nh3

ALLOWED_TAGS = frozenset(
    {
        *("p", "br", "hr", "em", "strong", "b", "i", "code", "pre", "blockquote", "q", "ul", "ol", "li", "a"),
        *("sup", "sub", "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "abbr", "cite", "del"),
        *("ins", "s"),
    }
)
# No "id": a body must not take the ids of the page's own anchors (ref-1) or clobber names scripts use.
ALLOWED_ATTRIBUTES: Mapping[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "abbr": frozenset({"title"}),
    "th": frozenset({"scope"}),
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow"


def clean(markup: str, extra: Mapping[str, set[str]] | None = None) -> str:
    """``markup`` with only the body's tags and attributes, plus ``extra`` (tag -> its attributes).

    Without ``extra`` (a contributor's HTML), every link gets ``rel="noopener noreferrer
    nofollow"``; with it (a body with the generator's own markup added), links keep the ``rel`` the
    first pass gave them and the generator's links get none.

    >>> clean('Hi <script>x()</script> <a href="javascript:x" onclick="y">a</a>')
    'Hi  <a rel="noopener noreferrer nofollow">a</a>'
    >>> clean('<sup class="tl-cite" id="x"><a href="#ref-1">1</a></sup>', {"sup": {"class"}})
    '<sup class="tl-cite"><a href="#ref-1">1</a></sup>'
    """
    attributes = {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}
    tags = set(ALLOWED_TAGS)
    if extra is not None:
        for tag, names in extra.items():
            tags.add(tag)
            attributes.setdefault(tag, set()).update(names)
        attributes["a"].add("rel")
    return nh3.clean(
        markup,
        tags=tags,
        attributes=attributes,
        url_schemes=set(URL_SCHEMES),
        url_relative=relative_url,
        link_rel=LINK_REL if extra is None else None,
        strip_comments=True,
    )


def relative_url(url: str) -> str | None:
    """A link without a scheme stays (``#ref-1``, ``../other-event/``) unless it is one in disguise.

    ``//host``, ``/\\host`` and ``\\\\host`` reach another host; white space, control
    characters or a character reference left in the URL hide a scheme (``java script:``,
    ``&#106;avascript:``, which a second decoding would turn into ``javascript:``). Those
    lose their href.

    >>> relative_url("#ref-1"), relative_url("//evil.example"), relative_url("java  script:x")
    ('#ref-1', None, None)
    >>> relative_url("&#0000106avascript:x"), relative_url("../other-event/?a=1&b=2")
    (None, '../other-event/?a=1&b=2')
    """
    if re.match(r"[\s\x00-\x1f]*[/\\]{2}", url) or re.search(r"[\s\x00-\x1f\x7f]", url):
        return None
    if "&" in url and html.unescape(url) != url:
        return None
    return url
