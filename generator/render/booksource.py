"""The book as one Typst source: the template's definitions, then the book written out in calls of them.

Part of the "render" step, for the book: ``book.py`` makes the data, this module writes it after
``templates/print/book.typ`` (every value a string literal or a node tree, ``booktypst.py``), and
``write/pdf.py`` lays it out. The document's metadata (title, author, keywords, date) is set here,
from the same data as the cover.
"""

from __future__ import annotations

from .booktypst import content, label, literal, nodes, text

TEMPLATE_NAME = "print/book.typ"


def book_source(template: str, data: dict) -> str:
    """The whole book as Typst source: ``template`` (the definitions), then ``data`` written out."""
    out = [template, _document(data), _cover(data), _contents(data), f"#set page(header: header({_events(data)}))\n"]
    for page in data["front"]:
        out.append(_chapter(page["title"], "page-" + page["id"]))
        if page["summary"]:
            out.append(f"#summary({content(page['summary'])})\n")
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
    out += [f'#toc-part("page-{page["id"]}", {content(page["title"])})\n' for page in data["front"]]
    for number, part in enumerate(data["parts"], start=1):
        out.append(f'#toc-part("part-{number}", {content(part["label"])})\n')
        out += [
            f'#toc-event("ev-{event["id"]}", {content(event["date"])}, {content(event["title"])})\n'
            for event in part["events"]
        ]
    present = {"sources": True, "disputed": bool(data["disputed"]), "disagreements": bool(data["disputes"])}
    out += [f'#toc-part("{anchor}", {content(APPENDICES[anchor][0])})\n' for anchor in APPENDICES if present[anchor]]
    return "".join(out)


def _events(data: dict) -> str:
    """Each event's id and title, in order, for the running heads."""
    pairs = [f"({literal(e['id'])}, {literal(e['title'])})" for part in data["parts"] for e in part["events"]]
    return "(" + ", ".join(pairs) + ("," if len(pairs) == 1 else "") + ")"


def _chapter(title: str, anchor: str) -> str:
    label(anchor)  # checks the anchor
    return f'#chapter({content(title)}, "{anchor}")\n'


def _event(event: dict, first: bool) -> str:
    label("ev-" + event["id"])
    out = [f'#event-head("{event["id"]}", {literal(event["date"])}, {literal(event["title"])}, {str(first).lower()})\n']
    if event["facts"]:
        out.append(f"#facts({content(event['facts'])})\n")
    if event["date_note"]:
        out.append(f"#date-note({content(event['date_note'])})\n")
    out.append(f"#summary({content(event['summary'])})\n#event-body[{nodes(event['body'])}]\n")
    calls = '#", "'.join(text(s["name"]) + nodes([s["call"]]) for s in event["sources"])
    out.append(f"#sources-line[{calls}]\n")
    out.append(_evidence(event))
    return "".join(out)


def _side(side: dict, lead: str = "") -> str:
    """One source's words: its footnote's number, the page read, who said it, the words, checked or not."""
    claimant = text(", according to " + side["claimant"]) if side["claimant"] else ""
    remark = f" #note({content(side['note'])})" if side["note"] else ""
    return (
        f"[{lead}#footnote({label(side['ref']['id'])}) {text(side['source'])}{claimant}"
        f"{text(': “' + side['quote'] + '”')} #small[{nodes(side['checked'])}]{remark}]"
    )


def _evidence(event: dict) -> str:
    out = []
    if event["claims"]:
        rows = [_claim_row(claim) for claim in event["claims"]]
        out.append(f"#subhead[Figures reported]\n#figures-table(({', '.join(rows)},))\n")
    if event["dates"]:
        items = [_side(d, f"#strong({content(d['date'])})") for d in event["dates"]]
        out.append(f"#subhead[Dates reported]\n#evidence-list(({', '.join(items)},))\n")
    if event["disagreements"]:
        out.append("#subhead[Where the sources disagree]\n")
        for d in event["disagreements"]:
            sides = ", ".join(_side(side) for side in d["sides"])
            remark = f"note({content(d['note'])})" if d["note"] else "[]"
            out.append(f"#disagreement({content(d['kind'])}, {content(d['topic'])}, ({sides},), {remark})\n")
    return "".join(out)


def _claim_row(claim: dict) -> str:
    disputed = f'#disputed-link("{claim["disputed"]}")' if claim["disputed"] else ""
    note = f"#linebreak()#note[#strong[Note:] {text(claim['note'])}]" if claim["note"] else ""
    source = (
        f'[#cellref("{claim["ref"]["id"]}", {claim["ref"]["n"]}) {text(claim["source"])}'
        f"#quote-cell({literal(claim['quote'])})#linebreak()#small[{nodes(claim['checked'])}]{note}]"
    )
    figure = f"[{text(claim['figure'])}{disputed}]"
    return f"{figure}, strong({content(claim['value'])}), {content(claim['claimant'])}, {source}"


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
        out.append(f"#group({content(outlet['name'])})\n")
        for article in outlet["articles"]:
            parts = [nodes(article["citation"])]
            if article["note"]:
                parts.append(f"#linebreak()#note({content(article['note'])})")
            if article["left_out"]:
                parts.append(f"#linebreak()#note[#strong[Not recorded here:] {text(article['left_out'])}]")
            cited = '#"; "'.join(_pointer(event) for event in article["cited_by"])
            parts.append(f"#linebreak()#note[Cited by: {cited}]")
            out.append(f"#article[{''.join(parts)}]\n")
    return "".join(out)


def _pointer(event: dict) -> str:
    return f'#pointer("ev-{event["id"]}", {content(event["title"])})'


def _disputed(tables: list[dict]) -> str:
    if not tables:
        return ""
    out = _appendix("disputed")
    for table in tables:
        label(table["id"])
        out.append(f'#group-at({content(table["label"])}, "{table["id"]}")\n')
        out.append(f"#block(text(size: 8.5pt)[Values given: {text(table['spread'])}])\n")
        rows = [
            f"strong({content(r['value'])}), {content(r['claimant'])}, {content(r['source'])}, "
            f'[#pointer-dated("ev-{r["event"]["id"]}", {content(r["event"]["title"])}, {content(r["date"])})]'
            for r in table["rows"]
        ]
        out.append(f"#disputed-table(({', '.join(rows)},))\n")
    return "".join(out)


def _disputes(kinds: list[dict]) -> str:
    if not kinds:
        return ""
    out = _appendix("disagreements")
    for kind in kinds:
        out.append(f"#group({content(kind['kind'])})\n")
        for item in kind["items"]:
            sides = ", ".join(
                "[" + (f"#strong({content(s['date'])}), " if s["date"] else "") + text(s["text"]) + "]"
                for s in item["sides"]
            )
            out.append(f"#dispute[#strong({content(item['topic'])}), in {_pointer(item['event'])} #list({sides},)]\n")
    return "".join(out)
