"""The book's appendices, written in pieces (the "render" step, for the book).

The sources cited, the disputed figures and the other disagreements grow with the timeline (at
10,000 events, some 2,000 pages): like the events (``bookpieces.py``), they are laid out a piece at
a time. They are written here as blocks (an appendix's title, a group's, an article, a table),
and packed into pieces of about the source text of ``piece_events`` events. A piece that opens
inside an appendix says so, as a piece of events opens inside a chapter.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .booksource import APPENDICES, PAGE, chapter, chart, document, page_number
from .booktypst import content, grid_table, label, literal, nodes, text

#: About the Typst source of one event, in characters: a piece of appendices holds as much text
#: as a piece of events.
EVENT_SOURCE = 5_000


@dataclass(frozen=True)
class Block:
    """A part of an appendix laid out whole: its source, and what it opens (an appendix's anchor, a group's title)."""

    source: str
    chapter: str | None = None
    group: str | None = None
    heading: bool = False  # a title alone: laid out with the block after it, never last in a piece


def back_sources(template: str, data: dict, pages: dict[str, int], piece_events: int) -> list[tuple[str, int]]:
    """The appendices' pieces: each one's source, and how many of its bookmarks belong under the
    chapter of the piece before (the groups it shows before its first chapter opens)."""
    budget = piece_events * EVENT_SOURCE
    pieces: list[tuple[list[str], int]] = []
    chapter_title = group_title = ""
    out: list[str] = []
    size = runs_on = 0
    opened = False
    for block in appendix_blocks(data, pages):
        if out and size + len(block.source) > budget:
            pieces.append((out, runs_on))
            out, size = [], 0
        if not out:
            runs_on_group = group_title if block.group is None else ""  # a group goes on only if no other opens
            out = _opening(template, data, None if block.chapter else (chapter_title, runs_on_group))
            runs_on, opened = 0, False
        opened = opened or block.chapter is not None
        runs_on += 1 if block.group is not None and not opened else 0
        chapter_title = APPENDICES[block.chapter][0] if block.chapter else chapter_title
        group_title = block.group if block.group is not None else ("" if block.chapter else group_title)
        out.append(block.source)
        size += len(block.source)
    if out:
        pieces.append((out, runs_on))
    return [("".join(source), runs) for source, runs in pieces]


def _opening(template: str, data: dict, inside: tuple[str, str] | None) -> list[str]:
    """A piece's first lines; ``inside``: the appendix and the group it opens in, if it opens inside one."""
    if inside is None:
        return [template, document(data), PAGE, "#set page(header: header(()))\n"]
    title, group = inside
    return [
        template,
        document(data),
        PAGE,
        f"#set page(header: header((), carried: {literal(title)}, carried-title: {literal(group)}))\n",
        f"#continued({literal(title)}, {literal(group)})\n",
    ]


def appendix_blocks(data: dict, pages: dict[str, int]) -> Iterator[Block]:
    """Every appendix the book has, block by block, each title joined to the block after it."""
    held: Block | None = None
    for block in (
        *_sources(data["outlets"], pages),
        *_disputed(data["disputed"], pages),
        *_disputes(data["disputes"], pages),
    ):
        if held is not None:
            block = Block(
                held.source + block.source,
                chapter=held.chapter or block.chapter,
                group=block.group if block.group is not None else held.group,
                heading=block.heading,
            )
        held = block if block.heading else None
        if held is None:
            yield block
    if held is not None:
        yield held


def _appendix(anchor: str) -> Block:
    title, intro = APPENDICES[anchor]
    return Block(chapter(title, anchor) + f"#intro({content(intro)})\n", chapter=anchor, heading=True)


def _sources(outlets: list[dict], pages: dict[str, int]) -> Iterator[Block]:
    yield _appendix("sources")
    for outlet in outlets:
        yield Block(f"#group({literal(outlet['name'])})\n", group=outlet["name"], heading=True)
        for article in outlet["articles"]:
            parts = [nodes(article["citation"])]
            if article["note"]:
                parts.append(f"#linebreak()#note({content(article['note'])})")
            if article["left_out"]:
                parts.append(f"#linebreak()#note[#strong[Not recorded here:] {text(article['left_out'])}]")
            cited = '#"; "'.join(_pointer(event, pages) for event in article["cited_by"])
            parts.append(f"#linebreak()#note[Cited by: {cited}]")
            yield Block(f"#block(breakable: false, pad(left: 4mm, evidence-text[{''.join(parts)}]))\n")


def _pointer(event: dict, pages: dict[str, int]) -> str:
    anchor = "ev-" + event["id"]
    return f'#pointer("{anchor}", {literal(event["title"])}, {page_number(pages, anchor)})'


def _disputed(tables: list[dict], pages: dict[str, int]) -> Iterator[Block]:
    if not tables:
        return
    yield _appendix("disputed")
    for table in tables:
        label(table["id"])
        out = [f'#group-at({literal(table["label"])}, "{table["id"]}")\n']
        out.append(f"#block(text(size: 8.5pt)[Values given: {text(table['spread'])}])\n")
        out.append(chart(table["chart"]))
        cells = []
        for r in table["rows"]:
            event = r["event"]
            anchor = "ev-" + event["id"]
            where = f"{literal(r['date'])}, {page_number(pages, anchor)}"
            pointer = f'pointer-dated("{anchor}", {literal(event["title"])}, {where})'
            cells += [f"strong({literal(r['value'])})", content(r["claimant"]), content(r["source"]), pointer]
        out.append(grid_table("disputed-columns", "disputed-head", cells) + "\n")
        yield Block("".join(out), group=table["label"])


def _disputes(kinds: list[dict], pages: dict[str, int]) -> Iterator[Block]:
    if not kinds:
        return
    yield _appendix("disagreements")
    for kind in kinds:
        yield Block(f"#group({literal(kind['kind'])})\n", group=kind["kind"], heading=True)
        for item in kind["items"]:
            sides = ", ".join(
                "[" + (f"#strong({content(s['date'])}), " if s["date"] else "") + text(s["text"]) + "]"
                for s in item["sides"]
            )
            topic = f"#strong({literal(item['topic'])}), in {_pointer(item['event'], pages)}"
            yield Block(f"#block(breakable: false, evidence-text[{topic} #list({sides},)])\n")
