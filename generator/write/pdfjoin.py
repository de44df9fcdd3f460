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

pikepdf (qpdf) copies objects between files and keeps each piece's references to its own pages.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary, Name, String

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


def join(pieces: list[bytes], runs_on: list[int], furniture: bytes) -> bytes:
    """One PDF of ``pieces``; ``runs_on[k]`` bookmarks of piece k belong under the last chapter
    before it; ``furniture`` has a page to lay over each page (the footers)."""
    out = pikepdf.Pdf.new()
    docs = [pikepdf.open(io.BytesIO(piece)) for piece in pieces]
    try:
        _catalogue(out, docs[0])
        tree = _Tree(out, docs[0])
        names: dict[str, Array] = {}
        items: list[Dictionary] = []
        for doc, runs in zip(docs, runs_on, strict=True):
            first = len(out.pages)
            with warnings.catch_warnings():  # its named destinations are joined below
                warnings.simplefilter("ignore", pikepdf.PageCopyWarning) if hasattr(pikepdf, "PageCopyWarning") else None
                out.pages.extend(doc.pages)
            tree.add(doc, out.pages[first:], piece=len(tree.offsets))
            names.update((name, _copy(out, dest)) for name, dest in _named(doc))
            _bookmarks(items, _outline(out, doc), runs)
        _links(out, names)
        out.Root.Names = Dictionary(Dests=Dictionary(Names=Array([x for n in sorted(names) for x in (n, names[n])])))
        out.Root.Outlines = _outline_root(out, items)
        _overlay(out, furniture)
        buffer = io.BytesIO()
        out.save(buffer, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return buffer.getvalue()
    finally:
        for doc in docs:
            doc.close()


def _catalogue(out: pikepdf.Pdf, first: pikepdf.Pdf) -> None:
    for key in ("/Lang", "/MarkInfo", "/ViewerPreferences", "/Metadata"):
        if key in first.Root:
            out.Root[key] = _copy(out, first.Root[key])
    if "/Info" in first.trailer:
        out.trailer.Info = _copy(out, first.trailer.Info)


def _copy(out: pikepdf.Pdf, obj):
    """``obj`` of another PDF, made part of ``out`` (qpdf copies only indirect objects itself)."""
    if not isinstance(obj, pikepdf.Object) or obj.is_indirect:
        return out.copy_foreign(obj) if isinstance(obj, pikepdf.Object) else obj
    if isinstance(obj, Dictionary):
        return Dictionary({key: _copy(out, value) for key, value in obj.items()})
    if isinstance(obj, Array):
        return Array([_copy(out, value) for value in obj])
    return obj


class _Tree:
    """The joined structure tree, grown piece by piece."""

    def __init__(self, out: pikepdf.Pdf, first: pikepdf.Pdf):
        root = first.Root.StructTreeRoot
        self.out = out
        self.document = out.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
        self.nums: list = []
        self.ids: dict[str, pikepdf.Object] = {}
        self.offsets: list[int] = []
        self.root = out.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array([self.document])))
        if "/RoleMap" in root:
            self.root.RoleMap = _copy(out, root.RoleMap)
        self.document.P = self.root
        out.Root.StructTreeRoot = self.root

    def add(self, doc: pikepdf.Pdf, pages, piece: int) -> None:
        """Take ``doc``'s tree under the one Document; ``pages`` are its pages, copied into the join."""
        offset = sum(self.offsets)
        root = _copy(self.out, doc.Root.StructTreeRoot)
        for document in _list(root.K):
            for kid in _list(document.get("/K")):
                if isinstance(kid, Dictionary):
                    kid.P = self.document
                self.document.K.append(kid)
        for key, value in _tree_items(root.ParentTree, "/Nums"):
            self.nums += [int(key) + offset, value]
        for page in pages:
            _shift(page.obj, "/StructParents", offset)
            for annot in page.obj.get("/Annots", ()):
                _shift(annot, "/StructParent", offset)
        if "/IDTree" in root:
            for name, element in _tree_items(root.IDTree, "/Names"):
                unique = f"{piece}-{name}" if piece else str(name)
                element.ID = String(unique)
                self.ids[unique] = element
        self.offsets.append(int(root.get("/ParentTreeNextKey", 0)))
        self.root.ParentTree = Dictionary(Nums=Array(self.nums))
        self.root.ParentTreeNextKey = sum(self.offsets)
        if self.ids:
            self.root.IDTree = Dictionary(Names=Array([x for n in sorted(self.ids) for x in (n, self.ids[n])]))


def _shift(obj: pikepdf.Object, key: str, offset: int) -> None:
    if key in obj:
        obj[key] = int(obj[key]) + offset


def _list(obj) -> list:
    if obj is None:
        return []
    return list(obj) if isinstance(obj, Array) else [obj]


def _tree_items(node: Dictionary, kind: str) -> Iterator[tuple]:
    """The (key, value) pairs of a number tree (``/Nums``) or a name tree (``/Names``), in order."""
    pairs = node.get(kind)
    if pairs is not None:
        for i in range(0, len(pairs), 2):
            yield pairs[i], pairs[i + 1]
    for kid in node.get("/Kids", ()):
        yield from _tree_items(kid, kind)


def _named(doc: pikepdf.Pdf) -> Iterator[tuple[str, Array]]:
    names = doc.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return
    for name, dest in _tree_items(names.Dests, "/Names"):
        yield str(name), (dest.D if isinstance(dest, Dictionary) else dest)


def _links(out: pikepdf.Pdf, names: dict[str, Array]) -> None:
    """Links to ``timeline-book:ANCHOR`` become links to the named destination ANCHOR."""
    index = {page.objgen: n for n, page in enumerate(out.pages, start=1)}
    for page in out.pages:
        for annot in page.obj.get("/Annots", ()):
            action = annot.get("/A")
            if action is None or action.get("/S") != Name.URI or not str(action.URI).startswith(LINK_PREFIX):
                continue
            anchor = str(action.URI)[len(LINK_PREFIX) :]
            if anchor not in names:
                raise ValueError(f"the book links to {anchor!r}, which no piece of it holds")
            del annot["/A"]
            annot.Dest = String(anchor)
            annot.Contents = String(f"Page {index[names[anchor][0].objgen]}")


def _outline(out: pikepdf.Pdf, doc: pikepdf.Pdf) -> list[Dictionary]:
    """The piece's top-level bookmarks, copied into the join."""
    outlines = doc.Root.get("/Outlines")
    items, item = [], (outlines.get("/First") if outlines is not None else None)
    while item is not None:
        items.append(_copy(out, item))
        item = item.get("/Next")
    return items


def _bookmarks(items: list[Dictionary], new: list[Dictionary], runs_on: int) -> None:
    """Add a piece's top-level bookmarks; its first ``runs_on`` go under the last chapter's."""
    if runs_on and items:
        chapter = items[-1]
        kids = _children(chapter) + new[:runs_on]
        _chain(chapter, kids)
        chapter.Count = -len(kids)  # closed, as Typst leaves a chapter's events
        new = new[runs_on:]
    items += new


def _children(item: Dictionary) -> list[Dictionary]:
    kids, kid = [], item.get("/First")
    while kid is not None:
        kids.append(kid)
        kid = kid.get("/Next")
    return kids


def _chain(parent: Dictionary, kids: list[Dictionary]) -> None:
    for i, kid in enumerate(kids):
        kid.Parent = parent
        for key, other in (("/Prev", i - 1), ("/Next", i + 1)):
            if 0 <= other < len(kids):
                kid[key] = kids[other]
            elif key in kid:
                del kid[key]
    if kids:
        parent.First, parent.Last = kids[0], kids[-1]


def _outline_root(out: pikepdf.Pdf, items: list[Dictionary]) -> Dictionary:
    root = out.make_indirect(Dictionary(Type=Name.Outlines))
    _chain(root, items)
    root.Count = len(items)
    return root


def _overlay(out: pikepdf.Pdf, furniture: bytes) -> None:
    """Lay page n of ``furniture`` over page n of the book (the footers: "Page n of N")."""
    with pikepdf.open(io.BytesIO(furniture)) as over:
        if len(over.pages) != len(out.pages):
            raise ValueError(f"{len(over.pages)} footers for {len(out.pages)} pages")
        for page, footer in zip(out.pages, over.pages, strict=True):
            # As pikepdf's add_overlay does, but under a fixed name: the same book, the same bytes.
            form = out.copy_foreign(footer.as_form_xobject())
            page.add_resource(form, Name.XObject, Name.Footer)
            page.contents_add(pikepdf.Stream(out, b"q\n"), prepend=True)
            page.contents_add(pikepdf.Stream(out, b"\nQ q /Footer Do Q\n"))
