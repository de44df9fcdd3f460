"""How the offline edition is made from a built site: pages moved to files, links rebased, the zip.

The edition as a reader opens it (from file://, in Chromium, with the network cut) is in
test_browser_offline.py; here are the rules it is made by, one case each.
"""

from __future__ import annotations

import zipfile

import pytest

from generator.faces.mkdocs.offline import Rebaser
from generator.write.archive import zip_files

URLS = {
    "": "index.html",
    "timeline/": "timeline.html",
    "timeline/2024/": "timeline/2024.html",
    "events/a/": "events/a.html",
    "events/b/": "events/b.html",
    "tags/": "tags/index.html",
    "tags/treaty/": "tags/treaty.html",
}


@pytest.mark.parametrize(
    ("old", "url", "expected"),
    [
        ("events/a/index.html", "../b/", "b.html"),  # a sibling page
        ("events/a/index.html", "../../timeline/", "../timeline.html"),
        ("events/a/index.html", "../../timeline/2024/#may", "../timeline/2024.html#may"),
        ("events/a/index.html", "../../tags/treaty/?x=1", "../tags/treaty.html?x=1"),
        ("events/a/index.html", "../..", "../index.html"),  # Material's link to the home page
        ("events/a/index.html", "./", "a.html"),  # the page itself
        ("events/a/index.html", "../../assets/x.css", "../assets/x.css"),  # a file keeps its path
        ("events/a/index.html", "../../timeline.json", "../timeline.json"),
        ("events/a/index.html", "#figures", "#figures"),
        ("events/a/index.html", "https://example.org/a/", "https://example.org/a/"),
        ("events/a/index.html", "mailto:a@example.org", "mailto:a@example.org"),
        ("events/a/index.html", "../../../outside/", "../../outside/"),  # above the site: the same place
        ("events/a/index.html", "../../nowhere/", "../nowhere/"),  # a folder that is no page: the same folder
        ("events/a/index.html", "../../assets/", "../assets/"),
        ("tags/index.html", "treaty/", "treaty.html"),  # an index page stays where it was
        ("tags/index.html", "..", "../index.html"),
        ("index.html", "timeline/", "timeline.html"),
        ("index.html", "events/a/", "events/a.html"),
    ],
)
def test_each_link_names_the_file_its_target_became(old, url, expected):
    rebaser = Rebaser(URLS)
    new = rebaser.moves[old]
    page = rebaser.page(f'<a href="{url}">x</a><img src="{url}">', old)
    assert page == f'<a href="{expected}">x</a><img src="{expected}">', new


def test_material_base_worker_and_polyfill_follow_the_page():
    html = (
        '<head><script>__md_scope=new URL("../..",location)</script>\n'
        '<link rel="alternate" type="application/atom+xml" title="T" href="../../feed.xml"></head>'
        '<body><a href="../b/">b</a><p class="tl-offline">not here</p>'
        '<script id="__config" type="application/json">{"base": "../..", "search": "../../assets/w.js"}</script>'
        '<script>config.search = "../../assets/t.js";</script></body>'
    )
    page = Rebaser(URLS).page(html, "events/a/index.html")
    assert page == (
        '<head><script src="../assets/javascripts/iframe-worker-shim.js"></script>\n'
        '    <script>__md_scope=new URL("..",location)</script></head>'
        '<body><a href="b.html">b</a><p class="tl-offline">not here</p>'  # offered on the home page only
        '<script id="__config" type="application/json">{"base": "..", "search": "../assets/w.js"}</script>'
        '<script>config.search = "../assets/t.js";</script></body>'
    )
    home = Rebaser(URLS).page(
        '<head><script>__md_scope=new URL(".",location)</script></head><div>\n<p class="tl-offline">zip</p></div>',
        "index.html",
    )
    assert 'src="assets/javascripts/iframe-worker-shim.js"' in home and "tl-offline" not in home


def test_zip_keeps_the_order_and_raises_what_making_a_file_raised(tmp_path):
    out = zip_files(iter([("b.html", b"b"), ("a/c.html", b"c")]), tmp_path / "e.zip")
    with zipfile.ZipFile(out) as archive:
        assert archive.namelist() == ["e/b.html", "e/a/c.html"]
        assert archive.read("e/a/c.html") == b"c"

    def broken():
        yield "a.html", b"a"
        raise OSError("disk gone")

    with pytest.raises(OSError, match="disk gone"):
        zip_files(broken(), tmp_path / "f.zip")
