"""The book as one Typst source: the template's definitions, then the book written out in calls of them.

Part of the "render" step, for the book: ``book.py`` makes the data, this module writes it after
``templates/print/book.typ`` (every value a string literal or a node tree, ``booktypst.py``), and
``write/pdf.py`` lays it out. The document's metadata (title, author, keywords, date) is set here,
from the same data as the cover.
"""

from __future__ import annotations

from .booktypst import content, grid_table, label, literal, nodes, text


def book_source(template: str, data: dict) -> str:
    """The whole book as Typst source: ``template`` (the definitions), then ``data`` written out."""
    out = [template, _document(data), _cover(data), _contents(data), f"#set page(header: header({_events(data)}))\n"]
    if data["axis"]:
        out += [_chapter(AXIS_TITLE, "axis"), f"#intro({content(AXIS_INTRO)})\n", _chart(data["axis"])]
    for page in data["front"]:
        out.append(_chapter(page["title"], "page-" + page["id"]))
        if page["summary"]:
            out.append(f"#block(emph({literal(page['summary'])}))\n")
        out.append(f"#block[{nodes(page['body'])}]\n")
    for number, part in enumerate(data["parts"], start=1):
        out.append(_chapter(part["label"], f"part-{number}"))
        out += [_event(event, first=i == 0) for i, event in enumerate(part["events"])]
    out += [_sources(data["outlets"]), _disputed(data["disputed"]), _disputes(data["disputes"])]
    return "".join(out)


def _document(data: dict) -> str:
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


def _contents(data: dict) -> str:
    out = ['#set page(paper: "a4", margin: margin, header: none, footer: footer)\n#heading(level: 1)[Contents]\n']
    if data["axis"]:
        out.append(f'#toc-part("axis", {literal(AXIS_TITLE)})\n')
    out += [f'#toc-part("page-{page["id"]}", {literal(page["title"])})\n' for page in data["front"]]
    for number, part in enumerate(data["parts"], start=1):
        out.append(f'#toc-part("part-{number}", {literal(part["label"])})\n')
        out += [
            f'#toc-event("ev-{event["id"]}", {literal(event["date"])}, {literal(event["title"])})\n'
            for event in part["events"]
        ]
    present = {"sources": True, "disputed": bool(data["disputed"]), "disagreements": bool(data["disputes"])}
    out += [f'#toc-part("{anchor}", {literal(APPENDICES[anchor][0])})\n' for anchor in APPENDICES if present[anchor]]
    return "".join(out)


#: The chapter of the timeline drawn to scale, after the contents.
AXIS_TITLE = "The timeline to scale"
AXIS_INTRO = (
    "Every event where its date lies, as long as its date may be: a dot for a day, a bar for a month, a year or "
    "an interval, pale when the date is approximate, hollow when it is uncertain."
)


def _chart(chart: dict) -> str:
    """A chart (``bookparts.chart``): SVG text laid out from its bytes, with its text alternative."""
    return f"#svg-figure({literal(chart['svg'])}, {literal(chart['alt'])}, width: {chart['width']}mm)\n"


def _events(data: dict) -> str:
    """Each event's id and title, in order, for the running heads."""
    pairs = [f"({literal(e['id'])}, {literal(e['title'])})" for part in data["parts"] for e in part["events"]]
    return "(" + ", ".join(pairs) + ("," if len(pairs) == 1 else "") + ")"


def _chapter(title: str, anchor: str) -> str:
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


#: Each appendix: its title, its anchor, and what it holds.
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


def _appendix(anchor: str) -> list[str]:
    title, intro = APPENDICES[anchor]
    return [_chapter(title, anchor), f"#intro({content(intro)})\n"]


def _sources(outlets: list[dict]) -> str:
    out = _appendix("sources")
    for outlet in outlets:
        out.append(f"#group({literal(outlet['name'])})\n")
        for article in outlet["articles"]:
            parts = [nodes(article["citation"])]
            if article["note"]:
                parts.append(f"#linebreak()#note({content(article['note'])})")
            if article["left_out"]:
                parts.append(f"#linebreak()#note[#strong[Not recorded here:] {text(article['left_out'])}]")
            cited = '#"; "'.join(_pointer(event) for event in article["cited_by"])
            parts.append(f"#linebreak()#note[Cited by: {cited}]")
            out.append(f"#block(breakable: false, pad(left: 4mm, evidence-text[{''.join(parts)}]))\n")
    return "".join(out)


def _pointer(event: dict) -> str:
    return f'#pointer("ev-{event["id"]}", {literal(event["title"])})'


def _disputed(tables: list[dict]) -> str:
    if not tables:
        return ""
    out = _appendix("disputed")
    for table in tables:
        label(table["id"])
        out.append(f'#group-at({literal(table["label"])}, "{table["id"]}")\n')
        out.append(f"#block(text(size: 8.5pt)[Values given: {text(table['spread'])}])\n")
        out.append(_chart(table["chart"]))
        cells = []
        for r in table["rows"]:
            event = r["event"]
            pointer = f'pointer-dated("ev-{event["id"]}", {literal(event["title"])}, {literal(r["date"])})'
            cells += [f"strong({literal(r['value'])})", content(r["claimant"]), content(r["source"]), pointer]
        out.append(grid_table("disputed-columns", "disputed-head", cells) + "\n")
    return "".join(out)


def _disputes(kinds: list[dict]) -> str:
    if not kinds:
        return ""
    out = _appendix("disagreements")
    for kind in kinds:
        out.append(f"#group({literal(kind['kind'])})\n")
        for item in kind["items"]:
            sides = ", ".join(
                "[" + (f"#strong({content(s['date'])}), " if s["date"] else "") + text(s["text"]) + "]"
                for s in item["sides"]
            )
            topic = f"#strong({literal(item['topic'])}), in {_pointer(item['event'])}"
            out.append(f"#block(breakable: false, evidence-text[{topic} #list({sides},)])\n")
    return "".join(out)
