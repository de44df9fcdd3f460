"""The book's pieces -> one tagged PDF (the "write" step, for the book).

Each piece is a PDF/UA-1 file Typst wrote (``write/typeset.py``). Joining them keeps what makes
the book accessible and navigable:

- the pages, in order, each with the footer of its page in the whole book laid over it (drawn by
  Typst on a page of its own, marked as an artifact, as Typst marks every footer);
- one structure tree: the pieces' ``Document`` elements become one, each piece's keys into the
  ParentTree moved past the pieces before it, and the IDs of its elements made unique;
- the named destinations of every piece (one per label), and the links between pieces
  (``timeline-book:ANCHOR``, ``templates/print/book.typ``) made links to them;
- the bookmarks, with the events of a chapter that runs on from one piece to the next placed under
  that chapter's;
- the document's metadata and catalogue entries (language, title shown, tagged) from the first
  piece, which every piece shares.

The pieces are copied one at a time into the file (``write/pdfwriter.py``), so the memory the
join needs is that of its largest piece, not of the book.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .pdfoutline import add_bookmarks, outline_items, read_outline, write_outline
from .pdfwriter import Writer, renumber

#: Where a link names a place in another piece (``templates/print/book.typ``: ``goto``).
LINK_PREFIX = "timeline-book:"


def survey(pdf: bytes) -> tuple[int, dict[str, int]]:
    """A piece's number of pages, and each of its named destinations with its page (from 1)."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        index = {page.objgen: n for n, page in enumerate(doc.pages, start=1)}
        return len(doc.pages), {name: index[dest[0].objgen] for name, dest in _named(doc)}


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return len(doc.pages)


@dataclass
class _Book:
    """What the join gathers from the pieces, to write after them: each entry its PDF text."""

    writer: Writer
    pages: int = 0  # the number of the Pages object
    document: int = 0  # the one Document element
    tree: int = 0  # the StructTreeRoot
    kids: list[int] = field(default_factory=list)  # every page
    elements: list[int] = field(default_factory=list)  # the Document's children
    parents: list[int] = field(default_factory=list)  # one ParentTree node per piece
    next_key: int = 0
    ids: dict[bytes, int] = field(default_factory=dict)
    dests: dict[str, bytes] = field(default_factory=dict)
    outline: list[dict] = field(default_factory=list)
    catalogue: bytes = b""
    role_map: bytes = b""
    info: int | None = None


def join(pieces: list[bytes], runs_on: list[int], furniture: bytes, places: dict[str, int]) -> bytes:
    """One PDF of ``pieces``; ``runs_on[k]`` bookmarks of piece k belong under the last chapter
    before it; ``furniture`` has a page to lay over each page (the footers); ``places`` gives the
    page of each anchor, for the links' descriptions."""
    book = _Book(Writer())
    book.pages, book.document, book.tree = (book.writer.reserve() for _ in range(3))
    footers, marks = _footers(book.writer, furniture)
    for k, (piece, runs) in enumerate(zip(pieces, runs_on, strict=True)):
        with pikepdf.open(io.BytesIO(piece)) as doc:
            add_bookmarks(book.outline, _piece(book, doc, k, footers[len(book.kids) :], marks, places), runs)
    if len(book.kids) != len(footers):
        raise ValueError(f"{len(footers)} footers for {len(book.kids)} pages")
    return _finish(book)


def _footers(writer: Writer, furniture: bytes) -> tuple[list[int], tuple[int, int]]:
    """Write each furniture page as a form; their numbers, and the two bits of content that draw one."""
    with pikepdf.open(io.BytesIO(furniture)) as doc:
        forms = [page.as_form_xobject() for page in doc.pages]
        numbers: dict[tuple[int, int], int] = {}
        todo = list(forms)
        while todo:  # the forms and what they use (fonts, colour spaces), nothing else
            obj = todo.pop()
            if not isinstance(obj, pikepdf.Object):
                continue
            if obj.is_indirect and obj.objgen not in numbers:
                numbers[obj.objgen] = writer.reserve()
                todo += _references(obj)
            elif not obj.is_indirect:
                todo += _references(obj)
        for objgen in sorted(numbers):
            writer.copy(doc.get_object(objgen), numbers)
        result = [numbers[form.objgen] for form in forms]
    opening = writer.add(b"<< /Length 2 >>\nstream\nq\n\nendstream", stream=True)
    closing = b"\nQ q /Footer Do Q\n"
    drawing = writer.add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(closing), closing), stream=True)
    return result, (opening, drawing)


def _references(obj: pikepdf.Object) -> list[pikepdf.Object]:
    if isinstance(obj, pikepdf.Stream):
        obj = obj.stream_dict
    if isinstance(obj, Dictionary):
        return list(obj.values())
    if isinstance(obj, Array):
        return list(obj)
    return []


def _piece(book: _Book, doc: pikepdf.Pdf, k: int, footers: list[int], marks: tuple[int, int], places) -> list[dict]:
    """Copy one piece into the book: its pages (footers laid over), its structure, its destinations;
    its bookmarks, as data."""
    root = doc.Root.StructTreeRoot
    [document] = _list(root.K)
    skipped = {(0, 0), doc.Root.objgen, doc.Root.Pages.objgen, root.objgen, document.objgen}
    if "/Outlines" in doc.Root:
        skipped |= {item.objgen for item in outline_items(doc.Root.Outlines)}
    if k:  # the first piece's metadata is the book's
        skipped |= {obj.objgen for obj in (doc.Root.get("/Metadata"), doc.trailer.get("/Info")) if obj is not None}
    numbers = {doc.Root.Pages.objgen: book.pages, document.objgen: book.document, root.objgen: book.tree}
    numbers |= {obj.objgen: book.writer.reserve() for obj in doc.objects if obj.objgen not in skipped}
    offset = book.next_key
    for page, footer in zip(doc.pages, footers, strict=False):
        skipped |= _page(doc, page.obj, offset, numbers, footer, marks, places)
    _structure(book, k, root, document, numbers, offset)
    book.dests |= {name: renumber(_text(dest), numbers) for name, dest in _named(doc)}
    if k == 0:
        _catalogue(book, doc, numbers)
    book.kids += [numbers[page.objgen] for page in doc.pages]
    for obj in doc.objects:
        if obj.objgen not in skipped:
            book.writer.copy(obj, numbers)
    return read_outline(doc.Root.get("/Outlines"), lambda dest: renumber(_text(dest), numbers))


def _page(doc, page: Dictionary, offset: int, numbers: dict, footer: int, marks: tuple[int, int], places) -> set:
    """Move the page's keys into the ParentTree, make its links between pieces internal, and lay its
    footer over it; the stand-ins it made for the footer's objects (not to be copied)."""
    _shift(page, "/StructParents", offset)
    for annot in page.get("/Annots", ()):
        _shift(annot, "/StructParent", offset)
        action = annot.get("/A")
        if action is not None and action.get("/S") == Name.URI and str(action.URI).startswith(LINK_PREFIX):
            anchor = str(action.URI)[len(LINK_PREFIX) :]
            if anchor not in places:
                raise ValueError(f"the book links to {anchor!r}, which no piece of it holds")
            del annot["/A"]
            annot.Dest = String(anchor)
            annot.Contents = String(f"Page {places[anchor]}")
    stand_ins = [doc.make_indirect(Dictionary()) for _ in range(3)]  # numbered as the footer's objects
    for stand_in, number in zip(stand_ins, (footer, *marks), strict=True):
        numbers[stand_in.objgen] = number
    resources = Dictionary(dict(page.get("/Resources", Dictionary()).items()))  # its own: the footer differs
    xobjects = Dictionary(dict(resources.get("/XObject", Dictionary()).items()))
    xobjects.Footer = stand_ins[0]
    resources.XObject = xobjects
    page.Resources = resources
    page.Contents = Array([stand_ins[1], *_list(page.get("/Contents")), stand_ins[2]])
    return {stand_in.objgen for stand_in in stand_ins}


def _structure(book: _Book, k: int, root, document, numbers: dict, offset: int) -> None:
    """The piece's elements under the one Document; its ParentTree keys moved past the pieces before."""
    book.elements += [numbers[kid.objgen] for kid in _list(document.get("/K")) if isinstance(kid, Dictionary)]
    pairs = [(int(key) + offset, renumber(_text(value), numbers)) for key, value in _pairs(root.ParentTree, "/Nums")]
    if pairs:
        nums = b" ".join(b"%d %s" % pair for pair in pairs)
        limits = b"[ %d %d ]" % (pairs[0][0], pairs[-1][0])
        book.parents.append(book.writer.add(b"<< /Limits %s /Nums [ %s ] >>" % (limits, nums)))
    if "/IDTree" in root:
        for name, element in _pairs(root.IDTree, "/Names"):
            unique = String(f"{k}-{name}") if k else String(str(name))
            element.ID = unique
            book.ids[unique.unparse()] = numbers[element.objgen]
    book.next_key += int(root.get("/ParentTreeNextKey", 0))


def _catalogue(book: _Book, doc: pikepdf.Pdf, numbers: dict) -> None:
    entries = [
        b"%s %s" % (key.encode(), renumber(_text(doc.Root[key]), numbers)) for key in _CATALOGUE if key in doc.Root
    ]
    role_map = doc.Root.StructTreeRoot.get("/RoleMap")
    book.catalogue = b" ".join(entries)
    book.role_map = b" /RoleMap " + renumber(_text(role_map), numbers) if role_map is not None else b""
    info = doc.trailer.get("/Info")
    book.info = numbers[info.objgen] if info is not None and info.is_indirect else None


_CATALOGUE = ("/Lang", "/MarkInfo", "/ViewerPreferences", "/Metadata")


def _finish(book: _Book) -> bytes:
    w = book.writer
    kids = b" ".join(b"%d 0 R" % n for n in book.kids)
    w.put(book.pages, b"<< /Type /Pages /Count %d /Kids [ %s ] >>" % (len(book.kids), kids))
    elements = b" ".join(b"%d 0 R" % n for n in book.elements)
    w.put(book.document, b"<< /Type /StructElem /S /Document /P %d 0 R /K [ %s ] >>" % (book.tree, elements))
    parents = b" ".join(b"%d 0 R" % n for n in book.parents)
    ids = b" ".join(b"%s %d 0 R" % (name, n) for name, n in sorted(book.ids.items()))
    w.put(
        book.tree,
        b"<< /Type /StructTreeRoot /K [ %d 0 R ] /ParentTree << /Kids [ %s ] >> /ParentTreeNextKey %d "
        b"/IDTree << /Names [ %s ] >>%s >>" % (book.document, parents, book.next_key, ids, book.role_map),
    )
    dests = b" ".join(b"%s %s" % (String(name).unparse(), dest) for name, dest in sorted(book.dests.items()))
    outlines = write_outline(w, book.outline)
    root = w.add(
        b"<< /Type /Catalog /Pages %d 0 R /StructTreeRoot %d 0 R /Outlines %d 0 R "
        b"/Names << /Dests << /Names [ %s ] >> >> %s >>" % (book.pages, book.tree, outlines, dests, book.catalogue)
    )
    return w.finish(root, book.info)


def _shift(obj: pikepdf.Object, key: str, offset: int) -> None:
    if key in obj:
        obj[key] = int(obj[key]) + offset


def _list(obj) -> list:
    if obj is None:
        return []
    return list(obj) if isinstance(obj, Array) else [obj]


def _text(obj) -> bytes:
    """An object as PDF text (a reference, for an indirect one)."""
    if isinstance(obj, pikepdf.Object):
        return obj.unparse()
    if isinstance(obj, bool):  # pikepdf hands PDF's booleans and numbers over as Python's
        return b"true" if obj else b"false"
    return str(obj).encode()


def _pairs(node: Dictionary, kind: str) -> Iterator[tuple]:
    """The (key, value) pairs of a number tree (``/Nums``) or a name tree (``/Names``), in order."""
    pairs = node.get(kind)
    if pairs is not None:
        for i in range(0, len(pairs), 2):
            yield pairs[i], pairs[i + 1]
    for kid in node.get("/Kids", ()):
        yield from _pairs(kid, kind)


def _named(doc: pikepdf.Pdf) -> Iterator[tuple[str, pikepdf.Object]]:
    names = doc.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return
    for name, dest in _pairs(names.Dests, "/Names"):
        yield str(name), dest
