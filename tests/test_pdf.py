"""The offline PDF, checked in the real file with poppler-utils, as an offline reader gets it.

Every test builds a PDF from the fixture timeline (or a copy of it with one more event) into a
temporary folder and reads it back with pdftotext, pdfinfo, pdffonts, pdfdetach and pdftohtml.
Without poppler-utils the tests are skipped, and fail when CI is set.
"""

from __future__ import annotations

import datetime
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest
from browser import SCREENSHOTS
from conftest import FIXTURES

from generator.faces.mkdocs.settings import load_settings
from generator.model.timeline import Timeline
from generator.pipeline import load_timeline
from generator.render import book as print_book
from generator.render import booktypst, charts
from generator.render.bookparts import Citations
from generator.render.bookpieces import PIECE_EVENTS
from generator.render.format import claim_value, date_range, outlet_label
from generator.render.printnodes import text_of
from generator.render.templates import environment
from generator.write import pdf

SITE = FIXTURES / "site"
TOOLS = ("pdftotext", "pdfinfo", "pdffonts", "pdfdetach", "pdftohtml")
EPOCH_2026 = "1767225600"  # 2026-01-01T00:00:00Z


def _missing(what: str) -> None:
    message = f"{what}: run `make system-packages` (Debian: see .ci/system-packages)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        _missing(f"poppler-utils is not installed ({', '.join(missing)} not found)")


def _vocabulary():
    settings, problems = load_settings(SITE / "mkdocs.yml")
    assert settings is not None, problems
    return settings


def fixture_timeline(extra: dict[str, str] | None = None, tmp: Path | None = None) -> Timeline:
    """The fixture timeline; with ``extra`` (file name -> text), a copy of it with more events."""
    settings = _vocabulary()
    events_dir = settings.events_dir
    if extra:
        assert tmp is not None
        events_dir = tmp / "events"
        shutil.copytree(settings.events_dir, events_dir)
        for name, text in extra.items():
            (events_dir / name).write_text(text, encoding="utf-8")
    return load_timeline(events_dir, settings.vocabulary, snapshots_dir=settings.snapshots_dir)


def build(timeline: Timeline, out: Path, **kwargs) -> pdf.PdfResult:
    kwargs.setdefault("site_name", "Fixture timeline")
    kwargs.setdefault("description", "A small timeline the tests build.")
    kwargs.setdefault("progress", False)
    return pdf.write_pdf(timeline, out, **kwargs)


def tool(*args: str | Path) -> str:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"{args[0]} failed: {result.stderr}"
    return result.stdout


def pages_text(path: Path) -> list[str]:
    """The text of each page, white space collapsed."""
    return [" ".join(page.split()) for page in tool("pdftotext", path, "-").split("\f")[:-1]]


def info(path: Path, *flags: str) -> dict[str, str]:
    found = {}
    for line in tool("pdfinfo", *flags, path).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            found[key.strip()] = value.strip()
    return found


@pytest.fixture(scope="module", params=[PIECE_EVENTS, 1], ids=["whole", "one-event-pieces"])
def book(request, tmp_path_factory) -> tuple[Timeline, Path, pdf.PdfResult]:
    """The fixture timeline's PDF, with no SOURCE_DATE_EPOCH: its edition date comes from the content.

    Built twice: its events in one piece, as a small book is, and each event in a piece of its own,
    so that every test of the book also holds for a book joined from pieces, its chapters cut
    between them.
    """
    saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        timeline = fixture_timeline()
        out = tmp_path_factory.mktemp("pdf") / "timeline.pdf"
        result = build(timeline, out, piece_events=request.param)
    finally:
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    return timeline, out, result


# -- the book ------------------------------------------------------------------------------------


def test_every_event_title_is_printed_in_chronological_order(book):
    timeline, path, _ = book
    pages = pages_text(path)
    titles = [event.title for event in timeline.events]
    assert titles == ["Treaty renewed", "Troops arrive", timeline.events[2].title]
    first = next(i for i, page in enumerate(pages) if timeline.events[0].summary in page)
    appendix = next(i for i, page in enumerate(pages) if "Every article cited in this book" in page)
    assert 1 < first < appendix, "the events come after the cover and the contents, before the appendices"
    events_text = " ".join(pages[first:appendix])
    positions = [events_text.find(title) for title in titles]
    assert -1 not in positions, f"missing titles: {[t for t, p in zip(titles, positions, strict=True) if p < 0]}"
    assert positions == sorted(positions), "events are not in chronological order"
    contents = pages[1]
    assert "Contents" in contents
    in_contents = [contents.find(title) for title in titles]
    assert -1 not in in_contents and in_contents == sorted(in_contents)


def test_citations_are_footnotes_on_the_page_of_their_call(book):
    _, path, _ = book
    pages = pages_text(path)
    page = next(p for p in pages if "The treaty was renewed." in p)
    assert "1. Outlet A, “Article A”, no date printed." in page
    page = next(p for p in pages if "Troops arrived." in p)
    # Numbers run on through the chapter: the second event's sources are 2 and 3, each printed once.
    assert "2. Outlet A, “Article A”, no date printed." in page
    # Each names the page read first, then where it says it comes from, and whether it was checked.
    assert (
        "3. Aggregator B, “Article B”, no date printed; says it comes from Outlet C (“Credited from: OUTLET C”), "
        "credits Outlet D. Quotes checked word for word against the page as read on 1 December 2025."
    ) in page
    assert page.count("says it comes from Outlet C (“Credited from") == 1
    assert "4. Untitled page C (publisher not named), no headline, no date printed; origin unknown." in page


def test_each_source_is_one_footnote_per_event_and_adjacent_calls_are_separated(tmp_path):
    text = _event("Numbering", "2024-12-01", "One[^b][^a] two[^b] three.").replace(
        "    outlet: Outlet Z\n",
        "    outlet: Outlet Z\n  - id: b\n    title: Second\n    outlet: Outlet Y\n"
        "  - id: c\n    title: Third\n    outlet: Outlet X\n",
    )
    timeline = fixture_timeline({"2024-12-numbering.md": text}, tmp_path)
    event = timeline.by_id["2024-12-numbering"]
    item = print_book.print_event(event, Citations(environment(timeline)), first_number=5)
    assert item.numbers == {"b": 5, "a": 6, "c": 7}, "numbered by first citation, then the uncited source"
    calls = [node for node in item.body[0]["c"] if isinstance(node, dict)]
    assert [(node["t"], node.get("n")) for node in calls] == [("fn", 5), ("sep", None), ("fn", 6), ("ref", 5)]
    assert calls[0]["id"] == "fn-2024-12-numbering-5" and calls[3]["id"] == calls[0]["id"]
    assert text_of(calls[0]["c"]).startswith("Outlet Y, “Second”")
    assert [(source.id, n, first) for source, n, first in item.source_marks] == [
        ("b", 5, False),
        ("a", 6, False),
        ("c", 7, True),
    ]


def test_every_footnote_lands_on_the_page_of_its_call(tmp_path):
    """Each of nine events calls its footnote at the end of a page's worth of text: the note is
    printed on the page that shows the call, never pushed to the next."""
    timeline = fixture_timeline(
        {
            f"2024-0{m}-extra-{m}.md": _event(f"Extra event {m}", f"2024-0{m}-15", "word " * 250 + f"callword{m}[^a]")
            for m in range(1, 10)
        },
        tmp_path,
    )
    out = tmp_path / "footnotes.pdf"
    build(timeline, out)
    pages = pages_text(out)
    pages = pages[: next(i for i, page in enumerate(pages) if "Every article cited in this book" in page)]
    for m in range(1, 10):
        [called] = [n for n, page in enumerate(pages) if f"callword{m}" in page]
        noted = [n for n, page in enumerate(pages) if f"“Article for Extra event {m}”, no date printed." in page]
        assert noted == [called], f"the footnote of event {m} is not on the page of its call"


def test_page_x_of_y_on_every_page_but_the_cover(book):
    _, path, result = book
    pages = pages_text(path)
    total = int(info(path)["Pages"])
    assert total == result.pages == len(pages)
    assert "Page 1 of" not in pages[0], "the cover has no footer"
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} of {total}" in page


def test_running_heads_name_the_chapter_and_event_but_leave_a_chapter_s_first_page_bare(book, request):
    """A page that opens a chapter starts with the chapter's title: the event or source the page
    before ended on is not carried over it. A page an event runs on to is headed by the chapter
    and that event (in one-event pieces no event of the fixture runs on to another page: there,
    ``test_pdf_pieces.py`` gives one that does)."""
    timeline, path, _ = book
    pages = pages_text(path)
    chapters = ["The timeline to scale", "Sources cited", "Disputed figures", "Other disagreements"]
    chapters += sorted({str(event.when.year) for event in timeline.events})
    for chapter in chapters:
        opening = [n for n, page in enumerate(pages, 1) if page.startswith(chapter + " ")]
        assert opening, f"no page opens with the chapter {chapter!r}: {[p[:60] for p in pages]}"
    if request.node.callspec.params["book"] == PIECE_EVENTS:
        continued = [page for page in pages if re.match(r"20\d\d Troops arrive ", page)]
        assert continued, "no page is headed by its chapter and the event that runs on to it"


def test_document_metadata_and_tags(book):
    _, path, _ = book
    meta = info(path)
    assert meta["Title"] == "Fixture timeline"
    assert meta["Author"] == "Fixture timeline"
    assert "timeline" in meta["Keywords"] and "Casualties" in meta["Keywords"]
    assert meta["Tagged"] == "yes"
    structure = tool("pdfinfo", "-struct", path)
    assert structure.startswith("Document")
    assert "H1" in structure and "H2" in structure and "Table" in structure
    assert re.search(rb"/Lang\s*\(en\)", b"".join(_streams(path.read_bytes()))), "the document language is not set"


def _streams(data: bytes):
    """The PDF's objects as text, with any compressed stream inflated."""
    yield data
    for match in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", match.end())
        try:
            yield zlib.decompress(data[match.end() : end].rstrip(b"\r\n"))
        except zlib.error:
            continue


def test_author_defaults_to_the_contributors(tmp_path):
    out = tmp_path / "t.pdf"
    build(fixture_timeline(), out, site_name="")
    assert info(out)["Author"] == "Timeline contributors"


def test_bookmarks_outline_the_book(book):
    timeline, path, _ = book
    xml = tool("pdftohtml", "-xml", "-i", "-stdout", "-q", path)
    outline = ET.fromstring(xml).find("outline")
    assert outline is not None, "the PDF has no bookmarks"
    top = [item.text for item in outline.findall("item")]
    assert top == [
        "Cover",
        "Contents",
        "The timeline to scale",
        "2024",
        "2025",
        "Sources cited",
        "Disputed figures",
        "Other disagreements",
    ]
    events = [item.text for nested in outline.findall("outline") for item in nested.findall("item")]
    for event in timeline.events:
        assert event.title in events


def test_every_font_is_embedded(book):
    _, path, _ = book
    rows = tool("pdffonts", path).splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        # name type encoding emb sub uni object-id gen; the type may have a space ("CID TrueType")
        emb = row.split()[-5]
        assert emb == "yes", f"font not embedded: {row}"


def test_cover_gives_the_counts_the_range_and_the_edition_from_the_content(book):
    timeline, path, _ = book
    cover = pages_text(path)[0]
    assert "Fixture timeline" in cover and "A small timeline the tests build." in cover
    assert date_range(timeline) in cover
    assert "Events 3" in cover and f"Sources {timeline.source_count} articles" in cover
    assert "Edition 11 January 2025" in cover  # the latest date in the fixture's events


def test_disputed_figures_appendix_lists_every_value(book):
    _, path, _ = book
    text = " ".join(pages_text(path))
    appendix = text[text.index("Figures that sources give different values for") :]  # the appendix's intro
    assert "Values given: 11,000 – 12,000 soldiers" in appendix
    for value in ("about 11,000 soldiers", "12,000 soldiers", "more than 300 soldiers", "about 1,000 soldiers"):
        assert value in appendix
    for claimant in ("Officials", "A president", "An intelligence service"):
        assert claimant in appendix
    assert "Aggregator B (says it comes from Outlet C, credits Outlet D)" in appendix


def test_other_disagreements_appendix_gives_each_kind_with_its_sides(book):
    _, path, _ = book
    text = " ".join(pages_text(path))
    appendix = text[text.index("Where the sources disagree on a date") :]  # the appendix's intro
    kinds = [appendix.find(kind) for kind in ("Dates", "Who said it", "Causes", "Descriptions")]
    assert -1 not in kinds and kinds == sorted(kinds)
    assert "When it happened, in Troops arrive (p. " in appendix
    assert "Who counted the troops, in Troops arrive" in appendix
    assert "Untitled page C (origin unknown): “they came to fight”" in appendix
    events = text[text.index("Troops arrived.") : text.index("Every article cited in this book")]
    assert "Where the sources disagree Who said it: Who counted the troops" in events
    assert "Causes: Why the troops came" in events and "Descriptions: What the troops were" in events


# -- the charts ----------------------------------------------------------------------------------------


def _alt_texts(path: Path) -> list[str]:
    """Each image's text alternative in the tagged PDF (``/Alt``), in the order of the file, once."""
    found: list[str] = []
    for chunk in _streams(path.read_bytes()):
        for match in re.finditer(rb"/Alt\s*([<(])", chunk):
            raw = _pdf_string(chunk, match.start(1))
            text = raw[2:].decode("utf-16-be") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1")
            if text not in found:
                found.append(text)
    return found


def _pdf_string(data: bytes, at: int) -> bytes:
    """The PDF string that starts at ``at``: ``<hex>``, or ``(literal)`` with its balanced parentheses
    and backslash escapes."""
    if data[at : at + 1] == b"<":
        return bytes.fromhex(data[at + 1 : data.index(b">", at)].decode())
    out, depth, i = bytearray(), 0, at
    while True:
        c = data[i : i + 1]
        if c == b"\\":
            out += data[i + 1 : i + 2]
            i += 2
            continue
        depth += {b"(": 1, b")": -1}.get(c, 0)
        if depth == 0:
            return bytes(out[1:])
        out += c
        i += 1


def _figure_boxes(path: Path) -> list[tuple[float, float, float, float]]:
    """Where each tagged figure stands on its page, in points from the bottom left (``pdfinfo -struct``)."""
    structure = tool("pdfinfo", "-struct", path)
    # A figure's attributes, in either order (the joined book writes a dictionary's keys sorted).
    attributes = r"Figure:\n(?:\s*/Placement /Block\n)?\s*/BBox \[([^\]]*)\]\n(?:\s*/Placement /Block\n)?"
    return [tuple(map(float, box)) for box in re.findall(attributes, structure) for box in [box.split()]]


def _ink(path: Path, page: int, box: tuple[float, float, float, float], name: str) -> float:
    """The share of dark pixels inside ``box`` on ``page``, rendered by pdftoppm (kept as a PNG in
    test-output/screenshots/ to look at)."""
    out = SCREENSHOTS / name
    tool("pdftoppm", "-r", "72", "-f", page, "-l", page, "-singlefile", "-png", path, out)
    grey = subprocess.run(
        ["pdftoppm", "-r", "72", "-f", str(page), "-l", str(page), "-singlefile", "-gray", str(path)],
        capture_output=True,
        check=True,
    ).stdout
    magic, width, height, _, pixels = grey.split(maxsplit=4)
    assert magic == b"P5"
    width, height = int(width), int(height)
    left, bottom, right, top = box
    rows = range(height - int(top), height - int(bottom))
    dark = sum(1 for y in rows for x in range(int(left), int(right)) if pixels[y * width + x] < 128)
    return dark / (len(rows) * (int(right) - int(left)))


def test_the_timeline_to_scale_comes_after_the_contents_drawn_with_its_words(book):
    """A chapter of its own, in the contents: the chart's axis as text, its text alternative the one
    the site gives, and ink where the figure stands."""
    timeline, path, _ = book
    pages = pages_text(path)
    assert "The timeline to scale" in pages[1]  # the contents
    at = next(i for i, page in enumerate(pages) if page.startswith("The timeline to scale"))
    first_event = next(i for i, page in enumerate(pages) if timeline.events[0].summary in page)
    assert 1 < at < first_event
    axis = pages[at]
    months = ["Jun 2024", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan 2025"]
    assert [axis.find(m) for m in months] == sorted(axis.find(m) for m in months) and -1 not in [
        axis.find(m) for m in months
    ]
    _, alt, _ = charts.for_book(charts.time_axis(timeline.events, lambda e: None, "axis"), "x")
    assert alt.startswith("The timeline to scale: 3 events, about June 2024 to 11 January 2025.")
    assert _alt_texts(path)[0] == alt
    assert _ink(path, at + 1, _figure_boxes(path)[0], "book-timeline-to-scale") > 0.005


def test_each_disputed_figure_is_drawn_above_its_table_labelled_by_claimant(book):
    """The appendix draws each disputed figure as the Figures page does: a row per claim, lowest
    first, labelled by who claims it and the page read, with its value; its words are the alt text."""
    timeline, path, _ = book
    text = " ".join(pages_text(path))
    appendix = text[text.index("Figures that sources give different values for") :]  # the appendix's intro
    tables = [table for table in timeline.figures if table.disputed]
    assert len(tables) == 2
    alts = _alt_texts(path)[1:]
    for table in tables:
        drawn = appendix[appendix.index(table.figure.label) :]
        drawn = drawn[: drawn.index("Value Claimed by")]  # the chart stands between the heading and the table
        claims = sorted(table.citations, key=lambda c: (c.claim.value, c.claim.value_max or c.claim.value))
        labels = [f"{c.claim.claimant} · {outlet_label(c.source)} {claim_value(c.claim)}" for c in claims]
        assert [drawn.find(label) for label in labels] == sorted(drawn.find(label) for label in labels)
        assert -1 not in [drawn.find(label) for label in labels], (labels, drawn)
        _, alt, _ = charts.for_book(charts.figure_chart(table, lambda c: None, "x"), "x")
        assert alt in alts
    boxes = _figure_boxes(path)[1:]
    page = next(i for i, p in enumerate(pages_text(path), start=1) if "Figures that sources give different values" in p)
    assert _ink(path, page, boxes[0], "book-disputed-figure") > 0.005


# -- nothing fetched, nothing attached ------------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802
        self.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    do_POST = do_HEAD = do_GET  # noqa: N815

    def log_message(self, *args):
        pass


@pytest.fixture
def listener():
    """A local HTTP server that records every request it receives."""
    handler = type("Recorder", (_Recorder,), {"requests": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler.requests
    finally:
        server.shutdown()
        server.server_close()


def _event(title: str, date: str, body: str, url: str | None = None) -> str:
    url_line = f'\n    url: "{url}"' if url else ""
    return f"""---
title: "{title}"
date: "{date}"
summary: "A summary for {title}."
tags: [casualties]
actors: [Ukraine]
sources:
  - id: a
    title: "Article for {title}"
    outlet: Outlet Z{url_line}
---
{body}
"""


def test_hostile_event_fetches_nothing_and_attaches_nothing(tmp_path, listener):
    base, requests = listener
    body = (
        f'Look ![x]({base}/img.png) and <img src="file:///etc/passwd"> and [f](file:///etc/hostname)\n'
        f'and <a rel="attachment" href="file:///etc/hostname">a</a> and <link rel=attachment href="file:///etc/hostname">\n'
        f'and <link rel="stylesheet" href="{base}/style.css"> and <img src="{base}/raw.png">.[^a]\n'
    )
    timeline = fixture_timeline(
        {"2025-02-hostile-fetch.md": _event("Hostile fetch", "2025-02", body, url=f"{base}/article")}, tmp_path
    )
    out = tmp_path / "hostile.pdf"
    build(timeline, out)
    assert requests == [], f"the PDF build fetched {requests}"
    assert tool("pdfdetach", "-list", out).strip() == "0 embedded files"
    text = " ".join(pages_text(out))
    assert "Hostile fetch" in text
    assert f"{base}/article" in text, "a source URL is printed (as a link, never fetched)"


HOSTILE_TEXT = [
    '#read("/etc/passwd")',
    '#import "@preview/cetz:0.3.0": *',
    '#image("/etc/hostname") ] [ #} { <label> @ref $x^2$ *bold* _em_ `raw` \\ \\" " // /* = heading',
    "line\nbreak\ttab \x1b[31m esc",  # (bidi controls are refused where an event file is read)
]


def test_nodes_the_sanitizer_never_saw_still_link_nothing_dangerous_and_print_as_text(tmp_path, listener):
    """The second lock: node trees made by hand, past the sanitizer, with links of every scheme and
    text that is Typst code. Only http(s) and mailto links are made; every text prints as written."""
    base, requests = listener
    links = ["javascript:alert(1)", "file:///etc/hostname", "data:text/html,x", "//evil.example/", f"{base}/page"]
    tree = [{"t": "p", "c": [text, " "]} for text in HOSTILE_TEXT]
    tree += [{"t": "a", "href": href, "c": [f"link {n}"]} for n, href in enumerate(links)]
    source = print_book.TEMPLATE.read_text() + '#set document(title: "Raw")\n' + booktypst.nodes(tree)
    out = tmp_path / "raw.pdf"
    pdf.write_bytes(out, pdf.typeset(source))
    assert requests == [], f"the PDF build fetched {requests}"
    assert tool("pdfdetach", "-list", out).strip() == "0 embedded files"
    printed = "".join(c for c in tool("pdftotext", out, "-") if c.isprintable() and not c.isspace())
    for text in HOSTILE_TEXT:
        visible = "".join(c for c in text if c.isprintable())
        assert "".join(visible.split()) in printed, text
    assert "root:" not in printed
    hrefs = re.findall(r'href="([^"]*)"', tool("pdftohtml", "-xml", "-stdout", "-i", out))
    assert [h for h in hrefs if not h.startswith("#")] == [f"{base}/page"]


def test_typst_reads_no_file_and_the_book_asks_for_none():
    """Typst's project root is an empty folder: a path finds nothing there. And the template, which
    every book starts with, reads, includes and imports nothing."""
    for asked in ('#read("/etc/hostname")', '#image("/etc/passwd")', '#include "/etc/hostname"'):
        with pytest.raises(pdf.PdfError, match="not found|failed to load|file"):
            pdf.typeset('#set document(title: "T")\n' + asked)
    template = print_book.TEMPLATE.read_text()
    code = re.sub(r"//.*", "", template)
    for call in ("import", "include", "read(", "json(", "csv(", "yaml(", "toml(", "xml(", "cbor(", "plugin("):
        assert call not in code, call
    assert re.findall(r"image\(([^,]*)", code) == ["bytes(svg)"]


@pytest.mark.parametrize("text", [*HOSTILE_TEXT, "", '"', "\\", "\u2028\u2029\x00\x7f", "a\\"])
def test_a_string_literal_is_the_string_whatever_it_holds(text):
    import typst

    source = f"#metadata({booktypst.literal(text)}) <value>".encode()
    assert json.loads(typst.query(source, "<value>", field="value", one=True)) == text


def test_an_svg_given_as_text_is_placed_in_the_book_and_fetches_nothing(tmp_path, listener):
    """Where a chart goes: ``svg-figure`` lays out SVG text from its bytes. An SVG that links an
    outside image is refused whole: the image is neither fetched nor read."""
    base, requests = listener
    chart = '<rect width="200" height="50" fill="#8b1a1a"/><text x="10" y="30" fill="white">Chart text</text>'

    def book_with(svg_body: str) -> str:
        svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50">{svg_body}</svg>'
        return (
            print_book.TEMPLATE.read_text()
            + '#set document(title: "Chart")\n'
            + f"#svg-figure({booktypst.literal(svg)}, {booktypst.literal('A chart')})"
        )

    out = tmp_path / "chart.pdf"
    pdf.write_bytes(out, pdf.typeset(book_with(chart)))
    assert int(info(out)["Pages"]) == 1 and "Chart text" in tool("pdftotext", out, "-")
    for outside in (f"{base}/x.png", "/etc/passwd", "file:///etc/passwd"):
        with pytest.raises(pdf.PdfError, match="image"):
            pdf.typeset(book_with(chart + f'<image href="{outside}" width="10" height="10"/>'))
    assert requests == []


# -- scripts and fonts ------------------------------------------------------------------------------


def test_hangul_and_cyrillic_render_with_fonts_that_have_the_glyphs(tmp_path):
    if not subprocess.run(["fc-list", ":lang=ko"], capture_output=True, text=True).stdout.strip():
        _missing("no Korean font installed (Debian: fonts-nanum)")
    title = "북한군 포로 — Северокорейские солдаты"
    timeline = fixture_timeline(
        {"2024-12-scripts.md": _event(title, "2024-12-02", "Hangul 북한군 and Cyrillic войска.[^a]")}, tmp_path
    )
    out = tmp_path / "scripts.pdf"
    build(timeline, out)
    text = " ".join(pages_text(out))
    assert title in text and "Hangul 북한군 and Cyrillic войска." in text
    fonts = tool("pdffonts", out)
    assert "Nanum" in fonts, f"no Korean-capable font in the PDF:\n{fonts}"
    assert "DejaVu" in fonts


# -- edition date -------------------------------------------------------------------------------------


def test_source_date_epoch_gives_the_same_cover_date_and_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026)
    timeline = fixture_timeline()
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    build(timeline, first)
    build(timeline, second)
    covers = [pages_text(path)[0] for path in (first, second)]
    assert "Edition 1 January 2026" in covers[0]
    assert covers[0] == covers[1]
    assert first.read_bytes() == second.read_bytes(), "same content and SOURCE_DATE_EPOCH: same PDF"
    assert info(first)["CreationDate"].startswith("Thu Jan  1 00:00:00 2026")


def test_edition_date_order_of_precedence(monkeypatch):
    timeline = fixture_timeline()
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert print_book.edition_date(timeline) == datetime.date(2025, 1, 11)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026)
    assert print_book.edition_date(timeline) == datetime.date(2026, 1, 1)
    assert print_book.edition_date(timeline, datetime.date(2030, 5, 1)) == datetime.date(2030, 5, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(print_book.BookError, match="SOURCE_DATE_EPOCH"):
        print_book.edition_date(timeline)


# -- progress and warnings -------------------------------------------------------------------------------


def test_progress_bar_reports_each_stage_and_typst_warns_of_nothing(tmp_path, capsys):
    build(fixture_timeline(), tmp_path / "p.pdf", progress=True)
    err = capsys.readouterr().err
    for stage in (
        "1/3 render: 3 events",
        "2/3 layout: 3 events",
        "3/3 write: 9 pages",
    ):  # cover, contents, the timeline to scale, ...
        assert stage in err
    assert "warning" not in err.lower(), "the book's Typst source has something Typst warns about"


def test_no_progress_bar_when_turned_off(tmp_path, capsys):
    build(fixture_timeline(), tmp_path / "q.pdf", progress=False)
    assert capsys.readouterr().err == ""


# -- the command line ---------------------------------------------------------------------------------


def _main(*argv: str) -> int:
    """``python -m generator [--config FILE] pdf ...`` in this process."""
    from generator.faces.cli.main import main

    return main(list(argv))


def test_cli_writes_the_pdf_and_says_so(tmp_path, capsys):
    out = tmp_path / "out" / "book.pdf"
    assert _main("--config", str(SITE / "mkdocs.yml"), "pdf", "-o", str(out), "--no-progress") == 0
    printed = capsys.readouterr().out
    assert re.fullmatch(rf"wrote {re.escape(str(out))}: \d+ pages in \d+\.\d s\n", printed)
    assert info(out)["Title"] == "Fixture timeline"
    assert not list(out.parent.glob(".*.tmp")), "no temporary file left behind"


def test_cli_reports_invalid_events_and_writes_nothing(tmp_path, capsys):
    (tmp_path / "events").mkdir()
    shutil.copy(FIXTURES / "bad" / "bad-date-grammar.md", tmp_path / "events")
    config = (SITE / "mkdocs.yml").read_text()
    (tmp_path / "mkdocs.yml").write_text(config)
    out = tmp_path / "book.pdf"
    assert _main("--config", str(tmp_path / "mkdocs.yml"), "pdf", "-o", str(out)) == 1
    captured = capsys.readouterr()
    assert "bad-date-grammar.md:3:11:" in captured.out
    assert "1 problem in 1 file" in captured.err
    assert not out.exists()


def test_a_word_broken_at_a_line_end_copies_as_the_word(tmp_path):
    """Bodies are justified and hyphenated; the text layer carries a soft hyphen (U+00AD) where a
    line breaks a word, never a hard one, so that copying the word gives the word."""
    words = ["incomprehensibilities", "internationalization", "characteristically", "counterrevolutionaries"]
    body = " ".join(words * 40) + "[^a]"
    timeline = fixture_timeline({"2024-12-long-words.md": _event("Long words", "2024-12-03", body)}, tmp_path)
    out = tmp_path / "words.pdf"
    build(timeline, out)
    raw = tool("pdftotext", out, "-")
    start = raw.index("A summary for Long words.")
    text = raw[start : raw.index("Sources:", start)]
    assert "\u00ad\n" in text, "no word was broken at a line end: the test shows nothing"
    assert not re.search(r"[a-z][-\u2010\u2011]\n", text), "a hard hyphen ends a line"
    joined = text.replace("\u00ad\n", "").split()
    assert {word for word in joined if word.isalpha() and len(word) > 12} == set(words)
