"""The book's pieces as Typst sources: the template's definitions, then the book written out in calls of them.

Part of the "render" step, for the book: ``book.py`` makes the data, ``bookpieces.py`` cuts it into
the pieces Typst lays out one at a time (the front matter, the events a few hundred at a time, the
appendices), and this module writes each piece after ``templates/print/book.typ`` (every value a
string literal or a node tree, ``booktypst.py``); ``write/pdf.py`` lays them out and joins them.
Every piece sets the document's metadata (title, author, keywords, date), from the same data as
the cover. A page number of a place in another piece comes in ``pages`` (anchor -> page).
"""

from __future__ import annotations

from .booktypst import content, grid_table, label, literal, nodes, text

#: Every page but the cover's: A4, the book's margins; the footers are laid over the joined book.
PAGE = '#set page(paper: "a4", margin: margin, header: none, footer: none)\n'


def front_source(template: str, data: dict, pages: dict[str, int]) -> str:
    """The cover, the contents, the timeline to scale and the free-form pages."""
    out = [template, document(data), _cover(data), _contents(data, pages), "#set page(header: header(()))\n"]
    if data["axis"]:
        out += [chapter(AXIS_TITLE, "axis"), f"#intro({content(AXIS_INTRO)})\n", chart(data["axis"])]
    for page in data["front"]:
        out.append(chapter(page["title"], "page-" + page["id"]))
        if page["summary"]:
            out.append(f"#block(emph({literal(page['summary'])}))\n")
        out.append(f"#block[{nodes(page['body'])}]\n")
    return "".join(out)


def events_source(template: str, data: dict, runs: list[tuple[int, int, int]]) -> str:
    """Events of the chapters: each run is (chapter number, first event, end), the events ``[first:end]``.

    A run that starts inside its chapter carries the chapter's running head, the event before it
    and the footnote numbers on from the piece before.
    """
    chosen = [(number, data["parts"][number - 1], first, end) for number, first, end in runs]
    events = [event for _, part, first, end in chosen for event in part["events"][first:end]]
    _, part, first, _ = chosen[0]
    # A piece that opens inside a chapter: its chapter heads its pages; no event runs on to its first page.
    carried = f", carried: {literal(part['label'])}" if first else ""
    out = [template, document(data), PAGE, f"#set page(header: header({_events(events)}{carried}))\n"]
    for number, part, first, end in chosen:
        if first == 0:
            out.append(chapter(part["label"], f"part-{number}"))
        else:
            previous, event = part["events"][first - 1], part["events"][first]
            out.append(f"#continued({literal(part['label'])}, {literal(previous['title'])})\n")
            out.append(f"#counter(footnote).update({event['first_note'] - 1})\n")
        out += [_event(event, first=i == 0) for i, event in enumerate(part["events"][first:end])]
    return "".join(out)


def document(data: dict) -> str:
    """The document's metadata, the same in every piece: the joined book keeps the first piece's."""
    date = "none"
    if data["date"]:
        year, month, day = data["date"]
        date = f"datetime(year: {year}, month: {month}, day: {day}, hour: 0, minute: 0, second: 0)"
    keywords = ", ".join(literal(k) for k in data["keywords"])
    return (
        f"#set document(title: {literal(data['title'])}, author: {literal(data['author'])}, "
        f"description: {literal(data['description']) if data['description'] else 'none'}, "
        f"keywords: ({keywords},), date: {date})\n"
    )


def _cover(data: dict) -> str:
    facts = ", ".join(f"({literal(name)}, {literal(value)})" for name, value in data["facts"])
    description = literal(data["description"]) if data["description"] else "none"
    return f"#cover({literal(data['title'])}, {description}, ({facts},))\n"


def furniture_source(template: str, data: dict, pages: int) -> str:
    """A page for each of the book's ``pages`` with nothing on it but its footer, to lay over it."""
    setup = '#set page(paper: "a4", margin: margin, header: none, footer: footer)\n'  # PAGE, with the footers
    return f"{template}{document(data)}{setup}#for _ in range({int(pages) - 1}) {{ pagebreak() }}\n"


def _contents(data: dict, pages: dict[str, int]) -> str:
    """The contents; the front matter's own pages are found by Typst (``none``), the rest given."""
    out = [PAGE, "#heading(level: 1)[Contents]\n"]
    if data["axis"]:
        out.append(f'#toc-part("axis", {literal(AXIS_TITLE)}, none)\n')
    out += [f'#toc-part("page-{page["id"]}", {literal(page["title"])}, none)\n' for page in data["front"]]
    for number, part in enumerate(data["parts"], start=1):
        out.append(f'#toc-part("part-{number}", {literal(part["label"])}, {page_number(pages, f"part-{number}")})\n')
        out += [
            f'#toc-event("ev-{e["id"]}", {literal(e["date"])}, {literal(e["title"])}, '
            f"{page_number(pages, 'ev-' + e['id'])})\n"
            for e in part["events"]
        ]
    out += [
        f'#toc-part("{anchor}", {literal(APPENDICES[anchor][0])}, {page_number(pages, anchor)})\n'
        for anchor in appendix_anchors(data)
    ]
    return "".join(out)


def page_number(pages: dict[str, int], anchor: str) -> str:
    """A page number as Typst content: ``[12]``."""
    return f"[{int(pages[anchor])}]"


#: The chapter of the timeline drawn to scale, after the contents.
AXIS_TITLE = "The timeline to scale"
AXIS_INTRO = (
    "Every event where its date lies, as long as its date may be: a dot for a day, a bar for a month, a year or "
    "an interval, pale when the date is approximate, hollow when it is uncertain."
)


def chart(figure: dict) -> str:
    """A chart (``bookparts.chart``): SVG text laid out from its bytes, with its text alternative."""
    return f"#svg-figure({literal(figure['svg'])}, {literal(figure['alt'])}, width: {figure['width']}mm)\n"


def _events(events: list[dict]) -> str:
    """Each event's id and title, in order, for the running heads."""
    pairs = [f"({literal(e['id'])}, {literal(e['title'])})" for e in events]
    return "(" + ", ".join(pairs) + ("," if len(pairs) == 1 else "") + ")"


def chapter(title: str, anchor: str) -> str:
    label(anchor)  # checks the anchor
    return f'#chapter({literal(title)}, "{anchor}")\n'


def _event(event: dict, first: bool) -> str:
    label("ev-" + event["id"])
    out = [f'#event-head("{event["id"]}", {literal(event["date"])}, {literal(event["title"])}, {str(first).lower()})\n']
    if event["facts"]:
        out.append(f"#block(sticky: true, facts-text({literal(event['facts'])}))\n")
    if event["date_note"]:
        out.append(f"#pad(left: 3mm, date-note-text[#strong[About this date:] {text(event['date_note'])}])\n")
    out.append(f"#block(emph({literal(event['summary'])}))\n")
    # Justified and hyphenated (soft hyphens in the PDF's text), set here rather than by a function of
    # the template, which Typst would memoize with the whole body as its argument.
    body = nodes(event["body"])
    out.append(f"#block(width: 100%)[#set par(justify: true)\n#set text(hyphenate: true)\n{body}]\n")
    calls = '#", "'.join(text(s["name"]) + nodes([s["call"]]) for s in event["sources"])
    out.append(f"#block(sources-text[#strong[Sources:] {calls}])\n")
    out.append(_evidence(event))
    return "".join(out)


def _side(side: dict, lead: str = "") -> str:
    """One source's words: its footnote's number, the page read, who said it, the words, checked or not."""
    claimant = text(", according to " + side["claimant"]) if side["claimant"] else ""
    remark = f" #note({literal(side['note'])})" if side["note"] else ""
    return (
        f"[{lead}#footnote({label(side['ref']['id'])}) {text(side['source'])}{claimant}"
        f"{text(': “' + side['quote'] + '”')} #small[{nodes(side['checked'])}]{remark}]"
    )


def _evidence(event: dict) -> str:
    out = []
    if event["claims"]:
        cells = [cell for claim in event["claims"] for cell in _claim_row(claim)]
        out.append(f"#subhead[Figures reported]\n{grid_table('figures-columns', 'figures-head', cells)}\n")
    if event["dates"]:
        items = [_side(d, f"#strong({literal(d['date'])})") for d in event["dates"]]
        out.append(f"#subhead[Dates reported]\n#evidence-text(list({', '.join(items)},))\n")
    if event["disagreements"]:
        out.append("#subhead[Where the sources disagree]\n")
        for d in event["disagreements"]:
            sides = ", ".join(_side(side) for side in d["sides"])
            remark = f"#note({literal(d['note'])})" if d["note"] else ""
            head = f"#strong({literal(d['kind'] + ':')}) {text(d['topic'])}"
            out.append(f"#block(breakable: false, evidence-text[{head} #list({sides},){remark}])\n")
    return "".join(out)


def _claim_row(claim: dict) -> list[str]:
    """The four cells of a claim in the event's table of figures, as Typst code."""
    disputed = f'#disputed-link("{claim["disputed"]}")' if claim["disputed"] else ""
    note = f"#linebreak()#note[#strong[Note:] {text(claim['note'])}]" if claim["note"] else ""
    source = (
        f'[#cellref("{claim["ref"]["id"]}", {claim["ref"]["n"]}) {text(claim["source"])}'
        f"#quote-cell({literal(claim['quote'])})#linebreak()#small[{nodes(claim['checked'])}]{note}]"
    )
    figure = f"[{text(claim['figure'])}{disputed}]"
    return [figure, f"strong({literal(claim['value'])})", content(claim["claimant"]), source]


#: Each appendix: its anchor, its title, and what it holds (``bookappendix.py`` writes them).
APPENDICES = {
    "sources": (
        "Sources cited",
        "Every article cited in this book, by the outlet that published the page read (or the page's own label "
        "when it names none), with where it says or seems to come from and the events that cite it.",
    ),
    "disputed": (
        "Disputed figures",
        "Figures that sources give different values for: every value, who claims it, and the page that reports it.",
    ),
    "disagreements": (
        "Other disagreements",
        "Where the sources disagree on a date, on who said something, on a cause or on a description: each side "
        "with the page it comes from and its words.",
    ),
}


def appendix_anchors(data: dict) -> list[str]:
    """The appendices the book has, in order (the sources always; the others when there is something to show)."""
    present = {"sources": True, "disputed": bool(data["disputed"]), "disagreements": bool(data["disputes"])}
    return [anchor for anchor in APPENDICES if present[anchor]]
