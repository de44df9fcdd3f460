"""The book laid out in pieces and joined (``render/bookpieces.py``, ``write/pdfjoin.py``).

Every test of ``test_pdf.py`` runs on the fixture's book in one piece and in one-event pieces. These
test what only a join can break: page numbers given from one piece to another, links between
pieces, the structure tree's keys and IDs, the bookmarks of a chapter cut between pieces, and the
pieces Typst lays out, each in a process of its own.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from test_pdf import _event, _poppler, build, fixture_timeline, pages_text  # noqa: F401 (the poppler check)

from generator.render.bookpieces import runs_of
from generator.write import pdf, pdfjoin, typeset


@pytest.fixture(scope="module")
def pieces_book(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pieces") / "timeline.pdf"
    build(fixture_timeline(), out, piece_events=1)
    return out


def _destinations(doc: pikepdf.Pdf) -> dict[str, int]:
    index = {page.objgen: n for n, page in enumerate(doc.pages, start=1)}
    names = doc.Root.Names.Dests.Names
    return {str(names[i]): index[names[i + 1][0].objgen] for i in range(0, len(names), 2)}


def test_every_page_number_printed_is_the_page_its_link_reaches(pieces_book):
    """The contents and the appendices' "(p. N)" give pages in other pieces: each printed number
    is the page of the place its link goes to, and every link between pieces was made internal."""
    with pikepdf.open(pieces_book) as doc:
        places = _destinations(doc)
        links = [
            (n, str(annot.Dest), annot.Rect)
            for n, page in enumerate(doc.pages, start=1)
            for annot in page.obj.get("/Annots", ())
            if isinstance(annot.get("/Dest"), pikepdf.String)
        ]
        uris = [str(a.A.URI) for page in doc.pages for a in page.obj.get("/Annots", ()) if "/A" in a]
    assert not [uri for uri in uris if uri.startswith(pdfjoin.LINK_PREFIX)], "a link between pieces was left as a URI"
    assert {dest for _, dest, _ in links} <= set(places), "a link names a place the book does not hold"
    pages = pages_text(pieces_book)
    text = " ".join(pages)
    assert pages[1].startswith("Contents ")
    contents = [int(n) for n in re.findall(r"\. (\d+) ", pages[1])]
    order = ["axis", "part-1", *(f"ev-{e.id}" for e in fixture_timeline().events[:2]), "part-2"]
    order += [f"ev-{fixture_timeline().events[2].id}", "sources", "disputed", "disagreements"]
    assert contents == [places[anchor] for anchor in order]
    troops = fixture_timeline().events[1]
    assert f"in {troops.title} (p. {places['ev-' + troops.id]})" in text


def test_the_joined_structure_tree_is_one_document_whose_keys_all_resolve(pieces_book):
    """One Document element; each page's and each link's key into the ParentTree is there, and
    points back to that page's content or that link; the IDs of the notes are unique."""
    with pikepdf.open(pieces_book) as doc:
        root = doc.Root.StructTreeRoot
        [document] = list(root.K)
        assert pikepdf.Name.Document == document.S
        pairs = list(_tree(root.ParentTree, "/Nums"))
        keys = [int(key) for key, _ in pairs]
        assert keys == sorted(set(keys)), "the ParentTree's keys are unique and in order"
        tree = {int(key): value for key, value in pairs}
        assert max(tree) < int(root.ParentTreeNextKey)
        for page in doc.pages:
            elements = tree[int(page.obj.StructParents)]
            assert all(e.Pg.objgen == page.obj.objgen for e in elements if e is not None and "/Pg" in e)
            for annot in page.obj.get("/Annots", ()):
                element = tree[int(annot.StructParent)]
                assert any(isinstance(k, pikepdf.Dictionary) and k.get("/Obj") == annot for k in element.K)
        ids = [str(name) for name, _ in _tree(root.IDTree, "/Names")]
        assert ids and len(set(ids)) == len(ids)
    assert pdf_struct(pieces_book).startswith("Document")


def _tree(node, kind: str):
    """The (key, value) pairs of a number or name tree, through its kids, checking each kid's limits."""
    pairs = node.get(kind)
    if pairs is not None:
        found = [(pairs[i], pairs[i + 1]) for i in range(0, len(pairs), 2)]
        if "/Limits" in node:
            assert [found[0][0], found[-1][0]] == list(node.Limits)
        yield from found
    for kid in node.get("/Kids", ()):
        yield from _tree(kid, kind)


def pdf_struct(path: Path) -> str:
    return subprocess.run(["pdfinfo", "-struct", path], capture_output=True, text=True, check=True).stdout


def test_a_chapter_cut_between_pieces_keeps_its_events_under_it_in_the_bookmarks(pieces_book):
    with pikepdf.open(pieces_book) as doc:
        outline = doc.open_outline().root
        top = [item.title for item in outline]
        chapter = next(item for item in outline if item.title == "2024")
        events = [item.title for item in chapter.children]
    assert top.count("2024") == 1 and "2024, continued" not in top
    assert events == [event.title for event in fixture_timeline().events[:2]]


def test_the_pieces_are_cut_between_chapters_unless_one_is_longer_than_a_piece():
    assert runs_of([2, 1], size=1) == [[(1, 0, 1)], [(1, 1, 2)], [(2, 0, 1)]]
    assert runs_of([2, 1], size=3) == [[(1, 0, 2), (2, 0, 1)]]
    with pytest.raises(ValueError):
        runs_of([1], size=0)


def test_typst_s_refusal_in_a_piece_reaches_the_user_as_a_message():
    """A piece is laid out in a process of its own: what Typst says there comes back as PdfError."""
    with pytest.raises(pdf.PdfError, match="PDF/UA-1 error: missing document title"):
        typeset.typeset_apart("Hello")


def test_a_piece_that_opens_inside_a_chapter_is_headed_by_it(tmp_path):
    """One-event pieces: the second event of 2024 opens a piece of its own, under the chapter's
    title; a long event's later pages are headed by the chapter and the event."""
    long = _event("A long event", "2024-12-20", "word " * 1500 + "[^a]")
    timeline = fixture_timeline({"2024-12-20-long.md": long}, tmp_path)
    out = tmp_path / "pieces.pdf"
    build(timeline, out, piece_events=1)
    pages = pages_text(out)
    opening = [page for page in pages if page.startswith("2024 2024, continued ")]
    assert len(opening) == 2, "each piece that opens inside 2024 names it, as its running head and its first line"
    assert [page for page in pages if page.startswith("2024 A long event ")], "no page the long event runs on to"
