#!/usr/bin/env python3
"""Performance benchmark of the timeline generator, against its peers, on synthetic timelines.

Run from the project folder:

    .venv/bin/python tests/benchmarks/bench.py                 # 100, 1,000 and 10,000 events
    .venv/bin/python tests/benchmarks/bench.py --quick         # 100 and 1,000 only (smoke run)
    .venv/bin/python tests/benchmarks/bench.py --sizes 500,2000 --keep

For each size it writes a synthetic timeline (seeded, so every run writes the same files) into a
temporary folder, then measures, each in a fresh subprocess with its own peak RSS (``os.wait4``):
the generator's build, ``check``, a rebuild after one edit, ``mkdocs serve``'s rebuild, the size of
the pages and of the search index, the same events built by plain mkdocs-material, by the
mkdocs-material blog plugin and by Hugo, first search results in headless Chromium, and the PDF
at 1,000 events. It prints one table with the targets and PASS/FAIL. See README.md beside it.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import functools
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent  # the project folder
VENV_BIN = Path(sys.executable).parent
PYTHON = sys.executable
MKDOCS = str(VENV_BIN / "mkdocs") if (VENV_BIN / "mkdocs").exists() else shutil.which("mkdocs") or "mkdocs"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

SEED = 20261121
RARE_WORD = "quokkalith"  # in the body of exactly one event
COMMON_WORD = "frontline"  # in the body of every event
WORDS_PER_BODY = 300
SEARCH_CAP_S = 30.0  # the longest wait for results after the last keystroke
READY_CAP_S = 300.0  # the longest wait for a page load, or for the search index to be ready
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")

# -- the small vocabularies every synthetic timeline declares ------------------------------------

TAGS = {
    "treaty": "Treaties and agreements",
    "deployment": "Deployments",
    "combat": "Fighting",
    "territory": "Territory",
    "prisoners": "Prisoners of war",
    "casualties": "Casualties",
    "assessment": "Assessments",
    "intelligence": "Intelligence reports",
    "withdrawal": "Withdrawals",
    "diplomacy": "Diplomacy",
    "sanctions": "Sanctions",
    "aid": "Aid and supplies",
}
ACTORS = [
    "North Korea",
    "Russia",
    "Ukraine",
    "United States",
    "South Korea",
    "China",
    "Japan",
    "European Union",
    "NATO",
    "United Nations",
    "Kim Jong Un",
    "Vladimir Putin",
    "Volodymyr Zelensky",
    "Centre for Defence Strategies",
]
FIGURES = {
    "troops-deployed": ("Troops deployed", "soldiers"),
    "killed": ("Soldiers killed", "soldiers"),
    "wounded": ("Soldiers wounded", "soldiers"),
    "captured": ("Soldiers captured", "soldiers"),
    "share-lost": ("Share of the contingent lost", "percent"),
    "territory": ("Territory taken", "square kilometres"),
    "shells": ("Artillery shells supplied", "shells"),
    "missiles": ("Missiles supplied", "missiles"),
}
OUTLETS = [
    "The Morning Ledger",
    "Harbour Times",
    "Northern Dispatch",
    "Eastern Observer",
    "Daily Courier",
    "The Meridian",
    "Capital Wire",
    "Coastal Herald",
    "The Standard Review",
    "Evening Post",
    "World Affairs Weekly",
    "The Frontier Journal",
    "Global Monitor",
    "The Chronicle",
    "Press Bureau",
    "The Analyst",
    "Policy Quarterly",
    "The Correspondent",
    "Metro News",
    "Signal Daily",
    "Atlas Report",
    "The Sentinel",
    "Bulletin International",
    "Open Record",
    "Field Notes",
]
VIAS = ["Aggregator One", "News Digest", "Wire Mirror", "Reader Hub"]
CLAIMANTS = [
    "Ukrainian officials",
    "Russian officials",
    "Western officials",
    "South Korean intelligence",
    "A defence ministry",
    "A think tank",
    "An unnamed official",
    "The general staff",
    "A military blogger",
    "A presidential adviser",
    "Intelligence services",
    "A local governor",
]
PLACES = [
    "Kursk region",
    "Belgorod region",
    "Donetsk region",
    "Pyongyang",
    "Moscow",
    "Kyiv",
    "Seoul",
    "Vladivostok",
    "Sumy region",
    "Kharkiv region",
    "Brussels",
    "Washington",
]
QUALIFIERS = ["exact", "about", "more-than", "at-least", "less-than", "up-to"]
STOPWORDS = (
    "the of and to in a that is was for on with as by at from it his an were are which this be "
    "or has had not but have their they its after been who one also more new other two first "
    "would than into over when where while during about against between under since before"
).split()
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


# -- synthetic content ----------------------------------------------------------------------------


def make_lexicon(rng: random.Random, size: int = 30000) -> list[str]:
    """Stop-words first, then pronounceable made-up words; sampled Zipf-like, like real text."""
    onsets = list("bcdfghjklmnprstvwz") + ["br", "cr", "dr", "gr", "kr", "pl", "st", "tr", "sh", "ch"]
    vowels = ["a", "e", "i", "o", "u", "ai", "ou", "ea"]
    codas = ["", "", "", "n", "r", "s", "l", "m", "nd", "rt", "sk"]
    words: dict[str, None] = dict.fromkeys(STOPWORDS)
    while len(words) < size:
        word = "".join(
            rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(rng.choice((1, 1, 2, 2, 2, 3)))
        )
        if 3 <= len(word) <= 14 and word not in (RARE_WORD, COMMON_WORD):
            words.setdefault(word, None)
    return list(words)


@dataclass
class SynthEvent:
    id: str
    title: str
    date: str  # EDTF
    start: datetime.date  # the first day it covers (the blog plugin and Hugo need a full date)
    summary: str
    tags: list[str]
    actors: list[str]
    location: str
    sources: list[dict]
    claims: list[dict]
    body: str  # Markdown with [^id] footnote references


class Writer:
    """Writes N events, deterministically from the seed."""

    def __init__(self, n: int, seed: int = SEED):
        self.rng = random.Random(f"{seed}-{n}")
        self.lexicon = make_lexicon(random.Random(seed))
        weights = [1.0 / (rank + 3) ** 1.05 for rank in range(len(self.lexicon))]
        self.cum = list(_accumulate(weights))
        self.n = n
        self.shared_articles: list[dict] = []

    def words(self, k: int, low_rank: int = 0) -> list[str]:
        if low_rank:
            return [self.lexicon[self.rng.randrange(low_rank, low_rank * 40)] for _ in range(k)]
        return self.rng.choices(self.lexicon, cum_weights=self.cum, k=k)

    def sentence(self, k: int) -> str:
        w = self.words(k)
        return w[0].capitalize() + " " + " ".join(w[1:]) + "."

    def date(self) -> tuple[str, datetime.date]:
        rng = self.rng
        year, month, day = rng.randint(2000, 2025), rng.randint(1, 12), rng.randint(1, 28)
        start = datetime.date(year, month, day)
        kind = rng.random()
        if kind < 0.45:
            return start.isoformat(), start
        if kind < 0.60:
            return f"{year}-{month:02d}", start.replace(day=1)
        if kind < 0.70:
            return f"{year}-{month:02d}~", start.replace(day=1)
        if kind < 0.75:
            return f"{start.isoformat()}?", start
        if kind < 0.80:
            return (f"{year}~" if rng.random() < 0.5 else f"{year}"), datetime.date(year, 1, 1)
        if kind < 0.92:
            end = start + datetime.timedelta(days=rng.randint(1, 40))
            return f"{start.isoformat()}/{end.isoformat()}", start
        end_month = month + rng.randint(1, 3)
        end_year, end_month = year + (end_month - 1) // 12, (end_month - 1) % 12 + 1
        return f"{year}-{month:02d}/{end_year}-{end_month:02d}", start.replace(day=1)

    def article(self, start: datetime.date) -> dict:
        rng = self.rng
        published = min(start + datetime.timedelta(days=rng.randint(0, 30)), datetime.date(2025, 12, 31))
        outlet = rng.choice(OUTLETS)
        article = {"title": " ".join(self.words(rng.randint(5, 10), 60)).capitalize(), "outlet": outlet}
        if rng.random() < 0.2:
            # read on a site that republishes it: the site is the outlet, the paper its origin
            article.update(outlet=rng.choice(VIAS), origin=outlet, origin_link="stated")
        if rng.random() < 0.7:
            article["published"] = published.isoformat() if rng.random() < 0.7 else published.strftime("%Y-%m")
        if rng.random() < 0.5:  # example.org: reserved for examples; a synthetic URL, not a real article
            article["url"] = f"https://example.org/{_slug(outlet)}/{rng.randrange(10**8)}"
        if rng.random() < 0.5:
            article["accessed"] = f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}"
        return article

    def event(self, i: int) -> SynthEvent:
        rng = self.rng
        date, start = self.date()
        title_words = self.words(rng.randint(4, 9), 50)
        title = " ".join(title_words).capitalize()
        event_id = f"{start.year}-{start.month:02d}-{'-'.join(title_words[:3])}-{i:05d}"
        sources = []
        for k in range(rng.choice((1, 1, 2, 2, 2, 3))):
            if self.shared_articles and rng.random() < 0.25:  # the same article cited by several events
                article = dict(rng.choice(self.shared_articles))
            else:
                article = self.article(start)
                if rng.random() < 0.3:
                    self.shared_articles.append(article)
            sources.append({"id": f"s{k + 1}", **article})
        claims = []
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
            figure = rng.choice(list(FIGURES))
            value = rng.choice((rng.randint(1, 100), rng.randint(100, 20000)))
            claim = {
                "figure": figure,
                "value": str(value),
                "qualifier": rng.choice(QUALIFIERS),
                "claimant": rng.choice(CLAIMANTS),
                "source": rng.choice(sources)["id"],
                "quote": self.sentence(rng.randint(6, 14))[:-1],
            }
            if claim["qualifier"] == "exact" and rng.random() < 0.3:
                claim["value_max"] = str(value + rng.randint(1, 500))
            claims.append(claim)
        body = self.body(i, [s["id"] for s in sources])
        return SynthEvent(
            id=event_id,
            title=title,
            date=date,
            start=start,
            summary=self.sentence(rng.randint(15, 30)),
            tags=rng.sample(list(TAGS), rng.randint(1, 3)),
            actors=rng.sample(ACTORS, rng.randint(1, 4)),
            location=rng.choice(PLACES),
            sources=sources,
            claims=claims,
            body=body,
        )

    def body(self, i: int, source_ids: list[str]) -> str:
        rng = self.rng
        total = rng.randint(WORDS_PER_BODY - 30, WORDS_PER_BODY + 30)
        words = self.words(total)
        words[rng.randrange(total)] = COMMON_WORD
        if i == self.n // 2:
            words[rng.randrange(total)] = RARE_WORD
        cuts = sorted(rng.sample(range(40, total - 20), rng.randint(2, 4)))
        paragraphs = []
        for a, b in zip([0, *cuts], [*cuts, total], strict=True):
            chunk = words[a:b]
            sentences, j = [], 0
            while j < len(chunk):
                k = rng.randint(8, 22)
                part = chunk[j : j + k]
                sentences.append(part[0].capitalize() + " " + " ".join(part[1:]) + ".")
                j += k
            paragraphs.append(" ".join(sentences).replace(" .", ".") + f"[^{rng.choice(source_ids)}]")
        return "\n\n".join(_wrap(p) for p in paragraphs) + "\n"

    def events(self) -> list[SynthEvent]:
        return [self.event(i) for i in range(self.n)]


def _accumulate(values):
    total = 0.0
    for v in values:
        total += v
        yield total


def _wrap(text: str, width: int = 100) -> str:
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join(lines + [line])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False)


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def event_file(e: SynthEvent) -> str:
    lines = [
        "---",
        f"title: {_q(e.title)}",
        f"date: {_q(e.date)}",
        f"summary: {_q(e.summary)}",
        f"tags: {_flow(e.tags)}",
        f"actors: {_flow(e.actors)}",
        f"location: {_q(e.location)}",
        "sources:",
    ]
    for s in e.sources:
        lines.append(f"  - id: {s['id']}")
        for key in ("title", "outlet", "origin", "origin_link", "published", "url", "accessed"):
            if key in s:
                lines.append(f"    {key}: {_q(s[key])}")
    if e.claims:
        lines.append("claims:")
        for c in e.claims:
            lines.append(f"  - figure: {c['figure']}")
            for key in ("value", "value_max", "qualifier", "claimant", "source", "quote"):
                if key in c:
                    lines.append(f"    {key}: {_q(c[key]) if key in ('claimant', 'quote') else c[key]}")
    lines += ["---", e.body]
    return "\n".join(lines)


THEME_BLOCK = """theme:
  name: material
{custom_dir}  font: false
  language: en
  features:
    - search.highlight
    - navigation.top
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle:
        icon: material/brightness-7
        name: Switch to dark mode
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle:
        icon: material/brightness-4
        name: Switch to light mode
"""


def write_generator_site(
    folder: Path, events: list[SynthEvent], pdf_off: bool = False, offline_too: bool = False
) -> None:
    """The generator's input: mkdocs.yml (like tests/fixtures/site) and events/*.md; with
    ``offline_too``, also mkdocs-offline.yml, the same site with the offline edition asked for."""
    (folder / "events").mkdir(parents=True)
    for e in events:
        (folder / "events" / f"{e.id}.md").write_text(event_file(e), encoding="utf-8")
    text = generator_config(events, pdf_off)
    (folder / "mkdocs.yml").write_text(text, encoding="utf-8")
    if offline_too:
        (folder / "mkdocs-offline.yml").write_text(
            text + "      offline: true  # a second site, zipped\n", encoding="utf-8"
        )


def generator_config(events: list[SynthEvent], pdf_off: bool) -> str:
    figures = "".join(
        f"        {key}:\n          label: {label}\n          unit: {unit}\n" for key, (label, unit) in FIGURES.items()
    )
    tags = "".join(f"        {key}: {label}\n" for key, label in TAGS.items())
    return (
        f"site_name: Benchmark timeline ({len(events)} events)\n"
        "site_description: Synthetic events for the performance benchmark.\n"
        "docs_dir: events\nsite_dir: site\nuse_directory_urls: true\n"
        + THEME_BLOCK.format(custom_dir="")  # the plugin applies the timeline's theme itself
        + "plugins:\n  - search\n  - timeline:\n      tags:\n"
        + tags
        + f"      actors: {_flow(ACTORS)}\n      figures:\n"
        + figures
        + ("      pdf: false  # the benchmark times the PDF on its own\n" if pdf_off else "")
    )


def _date_text(e: SynthEvent) -> str:
    return e.date  # the peers show the EDTF text as written


def _footnotes(e: SynthEvent) -> str:
    out = []
    for s in e.sources:
        parts = [s["outlet"], f"“{s['title']}”"]
        if "published" in s:
            parts.append(s["published"])
        if "origin" in s:
            parts.append(f"from {s['origin']}")
        line = ", ".join(parts)
        if "url" in s:
            line += f", <{s['url']}>"
        out.append(f"[^{s['id']}]: {line}.")
    return "\n".join(out)


def _claims_table(e: SynthEvent) -> str:
    if not e.claims:
        return ""
    rows = ["## Figures reported", "", "| Figure | Value | Claimed by | Source |", "| --- | --- | --- | --- |"]
    for c in e.claims:
        label, unit = FIGURES[c["figure"]]
        rows.append(f"| {label} | {c['qualifier']} {c['value']} {unit} | {c['claimant']} | [^{c['source']}] |")
    return "\n".join(rows) + "\n\n"


def plain_page(e: SynthEvent, blog: bool = False) -> str:
    """An event as a plain Markdown page, for the plain-material, blog and Hugo peers."""
    meta = f"**{_date_text(e)}** · {e.location} · {', '.join(e.actors)} · {', '.join(TAGS[t] for t in e.tags)}"
    more = "\n<!-- more -->\n" if blog else ""
    return f"# {e.title}\n\n{meta}\n\n{e.summary}\n{more}\n{e.body}\n{_claims_table(e)}{_footnotes(e)}\n"


def _by_month(events: list[SynthEvent]) -> list[tuple[int, list[tuple[int, list[SynthEvent]]]]]:
    ordered = sorted(events, key=lambda e: (e.start, e.id))
    years: dict[int, dict[int, list[SynthEvent]]] = {}
    for e in ordered:
        years.setdefault(e.start.year, {}).setdefault(e.start.month, []).append(e)
    return [(y, list(m.items())) for y, m in years.items()]


def write_plain_site(folder: Path, events: list[SynthEvent]) -> None:
    """Peer (a): the same pages as plain Markdown for stock mkdocs-material, with a timeline index page."""
    docs = folder / "docs"
    (docs / "events").mkdir(parents=True)
    for e in events:
        (docs / "events" / f"{e.id}.md").write_text(plain_page(e), encoding="utf-8")
    timeline = ["# Timeline", "", f"{len(events)} events.", ""]
    for year, months in _by_month(events):
        timeline += [f"## {year}", ""]
        for month, items in months:
            timeline += [f"### {MONTHS[month - 1]} {year}", ""]
            timeline += [
                f"- **{_date_text(e)}** [{e.title}](events/{e.id}.md): {e.summary} "
                f"_{', '.join(TAGS[t] for t in e.tags)}_"
                for e in items
            ]
            timeline.append("")
    (docs / "timeline.md").write_text("\n".join(timeline), encoding="utf-8")
    (docs / "index.md").write_text("# Benchmark timeline\n\nSee the [timeline](timeline.md).\n", encoding="utf-8")
    (docs / "about.md").write_text("# About\n\nSynthetic events for the benchmark.\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        f"site_name: Plain material ({len(events)} events)\ndocs_dir: docs\nuse_directory_urls: true\n"
        + THEME_BLOCK.format(custom_dir="")
        + "plugins:\n  - search\nmarkdown_extensions:\n  - footnotes\n  - tables\n"
        + "nav:\n  - Home: index.md\n  - Timeline: timeline.md\n  - About: about.md\n"
        + "validation:\n  nav:\n    omitted_files: ignore\n",
        encoding="utf-8",
    )


def write_blog_site(folder: Path, events: list[SynthEvent]) -> None:
    """Peer (b): mkdocs-material's blog plugin, one post per event (full dates: the start day)."""
    posts = folder / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    for e in events:
        front = f"---\ndate: {e.start.isoformat()}\ncategories:\n  - {TAGS[e.tags[0]]}\n---\n\n"
        (posts / f"{e.id}.md").write_text(front + plain_page(e, blog=True), encoding="utf-8")
    (folder / "docs" / "index.md").write_text(
        "# Benchmark timeline\n\nSee the [blog](blog/index.md).\n", encoding="utf-8"
    )
    (folder / "docs" / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        f"site_name: Blog plugin ({len(events)} events)\ndocs_dir: docs\nuse_directory_urls: true\n"
        + THEME_BLOCK.format(custom_dir="")
        + "plugins:\n  - search\n  - blog\nmarkdown_extensions:\n  - footnotes\n  - tables\n"
        + "nav:\n  - Home: index.md\n  - Blog:\n    - blog/index.md\n",
        encoding="utf-8",
    )


HUGO_LAYOUTS = {
    "_default/baseof.html": '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
    '<meta name="viewport" content="width=device-width,initial-scale=1"></head>'
    '<body><nav><a href="{{ "/" | relURL }}">Home</a> <a href="{{ "/events/" | relURL }}">Timeline</a></nav>'
    '<main>{{ block "main" . }}{{ end }}</main></body></html>\n',
    "_default/single.html": '{{ define "main" }}<article>{{ .Content }}</article>'
    '<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} '
    '{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>{{ end }}\n',
    "_default/list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ol>{{ range .Pages.ByDate }}<li>'
    '<strong>{{ .Params.edtf }}</strong> <a href="{{ .RelPermalink }}">{{ .Title }}</a>'
    "<p>{{ .Params.summary }}</p></li>{{ end }}</ol>{{ end }}\n",
    "index.html": '{{ define "main" }}<h1>{{ .Site.Title }}</h1><p><a href="{{ "/events/" | relURL }}">Timeline</a></p>{{ end }}\n',
}


def write_hugo_site(folder: Path, events: list[SynthEvent]) -> None:
    """Peer (c): Hugo with a minimal layout: a list page of every event and one page per event."""
    content = folder / "content" / "events"
    content.mkdir(parents=True)
    for e in events:
        front = (
            f"---\ntitle: {_q(e.title)}\ndate: {e.start.isoformat()}\nedtf: {_q(e.date)}\n"
            f"summary: {_q(e.summary)}\n---\n\n"
        )
        (content / f"{e.id}.md").write_text(front + plain_page(e), encoding="utf-8")
    (content / "_index.md").write_text("---\ntitle: Timeline\n---\n", encoding="utf-8")
    (folder / "content" / "_index.md").write_text("---\ntitle: Home\n---\n", encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        path = folder / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (folder / "config.toml").write_text(
        f'baseURL = "http://127.0.0.1/"\ntitle = "Hugo ({len(events)} events)"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n',
        encoding="utf-8",
    )


# -- measuring subprocesses -----------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak_rss: int  # bytes: the most the child and its own children held at once (the book lays out in children)
    returncode: int | None
    timed_out: bool
    log: Path
    cpu: float = 0.0  # user + system seconds of the child: less sensitive than wall time to other load
    others: float = 0.0  # cores kept busy by everything else on the machine during the run, on average
    capped: int = 0  # the memory cap (bytes) the child was stopped at; 0: it was not

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out and not self.capped

    def tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


#: Before each measurement, wait up to this many seconds for the machine to be quiet (set by --quiet-wait).
QUIET_WAIT = 60.0
QUIET_CORES = 0.5


def wait_for_quiet() -> None:
    """Wait until other processes use less than QUIET_CORES cores (over a 2-second sample), or give up
    after QUIET_WAIT seconds: wall times on a shared 2-core machine mean little while something else runs."""
    deadline = time.perf_counter() + QUIET_WAIT
    while True:
        before = _busy_seconds()
        time.sleep(2.0)
        busy = (_busy_seconds() - before) / 2.0
        if busy < QUIET_CORES or time.perf_counter() > deadline:
            if busy >= QUIET_CORES:
                log(f"machine still busy ({busy:.1f} cores used by others); measuring anyway")
            return


def run_measured(
    cmd: list[str], cwd: Path, log: Path, timeout: float = 3600.0, quiet: bool = True, memory_cap: int = 0
) -> Run:
    """Run ``cmd``; wall time, and its peak memory: the child's own peak RSS from ``os.wait4`` (not
    RUSAGE_CHILDREN, whose maximum would carry over from earlier children), or the most its process
    group held at once, sampled every 0.1 s, if higher (the book is laid out by child processes, two
    at a time, beside their parent). With ``memory_cap`` (bytes), the child is stopped once its
    group's resident memory passes it: on a shared machine a run may not take it all."""
    if quiet and QUIET_WAIT > 0:
        wait_for_quiet()
    busy_before = _busy_seconds()
    with open(log, "wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=ENV, start_new_session=True)
        timed_out = False
        capped = 0
        polls = 0
        group_peak = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if polls % 20 == 0:
                group_peak = max(group_peak, _group_resident(proc.pid))
            over_cap = memory_cap and polls % 50 == 0 and _group_resident(proc.pid) > memory_cap
            if time.perf_counter() - started > timeout or over_cap:
                timed_out, capped = not over_cap, memory_cap if over_cap else 0
                _kill_group(proc.pid)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            polls += 1
            time.sleep(0.005)
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    others = max(0.0, (_busy_seconds() - busy_before - cpu) / seconds) if seconds > 0 else 0.0
    peak = max(usage.ru_maxrss * 1024, group_peak)
    return Run(seconds, peak, proc.returncode, timed_out, log, cpu, others, capped)


def _resident(pid: int) -> int:
    """The resident memory of process ``pid`` now, in bytes (0 when it cannot be read)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            line = next(line for line in status if line.startswith("VmRSS:"))
        return int(line.split()[1]) * 1024
    except (OSError, StopIteration, ValueError):
        return 0


def _group_resident(group: int) -> int:
    """The resident memory of every process in process group ``group`` now, in bytes."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # after the name: state, ppid, pgrp
            total += _resident(int(entry))
    return total


def _busy_seconds() -> float:
    """CPU seconds all cores have spent busy since boot (from /proc/stat; 0 where there is none)."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(x) for x in stat.readline().split()[1:9]]
    except (OSError, ValueError):
        return 0.0
    idle = fields[3] + fields[4]
    return (sum(fields) - idle) / os.sysconf("SC_CLK_TCK")


def _kill_group(pid: int) -> None:
    """End the process group this script started (the child is its leader)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return
        time.sleep(1.0)


def best_of(runs: list[Run]) -> Run:
    """The median run by time (and the highest peak RSS of them all)."""
    ordered = sorted(runs, key=lambda r: r.seconds)
    mid = ordered[(len(ordered) - 1) // 2]
    return Run(
        mid.seconds,
        max(r.peak_rss for r in runs),
        mid.returncode,
        mid.timed_out,
        mid.log,
        mid.cpu,
        max(r.others for r in runs),
    )


def repeat(n: int, make: callable) -> Run:
    runs = []
    for _ in range(n):
        run = make()
        runs.append(run)
        if not run.ok:
            return run
    return best_of(runs)


# -- generator features that may or may not have landed -------------------------------------------


def cli_help(*args: str) -> str | None:
    done = subprocess.run(
        [PYTHON, "-m", "generator", *args, "--help"], cwd=ROOT, env=ENV, capture_output=True, text=True
    )
    return done.stdout if done.returncode == 0 else None


@dataclass
class Features:
    pdf_command: bool
    build_pdf_flag: str | None  # the build option that turns the PDF off, if any
    pdf_option: bool = False  # the plugin's ``pdf:`` option in mkdocs.yml (the build writes a PDF unless false)
    offline_option: bool = (
        False  # the plugin's ``offline:`` option (off by default: asked for, the build adds an offline edition)
    )
    check_cache: bool = False  # check keeps its verdicts between runs (``--no-cache`` checks cold)

    @classmethod
    def detect(cls) -> Features:
        build = cli_help("build") or ""
        flag = next((f for f in ("--no-pdf", "--skip-pdf") if f in build), None)
        try:
            from generator.faces.mkdocs.config import TimelineConfig

            options = dict(TimelineConfig._schema)
        except Exception:
            options = {}
        return cls(
            pdf_command=cli_help("pdf") is not None,
            build_pdf_flag=flag,
            pdf_option="pdf" in options,
            offline_option="offline" in options,
            check_cache="--no-cache" in (cli_help("check") or ""),
        )


# -- the static site on loopback, and Chromium ----------------------------------------------------


class Serve:
    """Serve a folder on 127.0.0.1 at a free port, in a thread."""

    def __init__(self, folder: Path):
        class Quiet(SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self) -> str:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self.url

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


#: Installed before any page script. It times the last keystroke, and the first result item on the
#: page whose link carries the whole word in its highlight parameter (``?h=word``: results for a
#: prefix typed on the way carry the prefix). Material's lunr worker answers every query in order;
#: the timeline's worker drops a query a newer one replaced, so results are not counted against
#: queries. It also times when Material's search leaves "Initializing search" (the worker is ready).
PROBE = """
(() => {
  const b = window.__bench = {word: null, lastKey: null, firstResult: null, ready: null};
  document.addEventListener('keydown', () => { b.lastKey = performance.now(); }, true);
  const forWord = () => Array.from(document.querySelectorAll('.md-search-result__item a[href*="h="]'))
    .some(a => new URL(a.href).searchParams.get('h').split(' ').includes(b.word));
  new MutationObserver(() => {
    if (b.ready === null) {
      const meta = document.querySelector('.md-search-result__meta');
      if (meta && meta.textContent.trim() && !/Initializing/i.test(meta.textContent)) b.ready = performance.now();
    }
    if (b.word !== null && b.firstResult === null && forWord()) b.firstResult = performance.now();
  }).observe(document, {subtree: true, childList: true, characterData: true});
})();
"""


@dataclass
class SearchTimes:
    ready: float | None = None  # seconds from navigation start until the index is built
    cold: dict = field(default_factory=dict)  # word -> seconds from last keystroke, typed at page load
    cold_total: dict = field(default_factory=dict)  # word -> seconds from navigation start to results
    warm: dict = field(default_factory=dict)  # word -> seconds from last keystroke, index ready
    timeline_load: float | None = None  # seconds to the load event of the timeline page
    error: str | None = None


def measure_search(site: Path, timeline_path: str = "timeline/", offline: bool = False) -> SearchTimes:
    """First search results in Chromium: each word typed at load and once the index is ready, each
    in a fresh browser context; a failure is recorded and the other measurements still run.
    ``offline``: the offline edition unzipped in ``site``, opened from file:// as a reader does."""
    result = SearchTimes()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as err:
        result.error = f"playwright missing: {err}"
        return result
    if not Path(CHROMIUM).exists():
        result.error = "chromium missing"
        return result
    errors = []
    opened = contextlib.nullcontext(site.as_uri() + "/") if offline else Serve(site)
    home = "index.html" if offline else ""
    with opened as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for word in (RARE_WORD, COMMON_WORD):
                for warm in (False, True):
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    try:
                        page = context.new_page()
                        page.add_init_script(PROBE)
                        page.goto(url + home, wait_until="load", timeout=READY_CAP_S * 1000)
                        box = page.locator("input.md-search__input")
                        if warm:  # the offline edition starts its search worker on the first click
                            box.click()
                            page.wait_for_function(
                                "window.__bench.ready !== null", timeout=READY_CAP_S * 1000, polling=50
                            )
                            result.ready = page.evaluate("window.__bench.ready") / 1000
                        box.click()
                        page.evaluate("w => { window.__bench.word = w; }", word)
                        box.press_sequentially(word)
                        try:
                            page.wait_for_function(
                                "window.__bench.firstResult !== null", timeout=SEARCH_CAP_S * 1000, polling=20
                            )
                            b = page.evaluate("window.__bench")
                            seconds, total = (b["firstResult"] - b["lastKey"]) / 1000, b["firstResult"] / 1000
                        except Exception:  # no result within the cap
                            seconds = total = float("inf")
                        (result.warm if warm else result.cold)[word] = seconds
                        if not warm:
                            result.cold_total[word] = total
                    except Exception as err:
                        errors.append(
                            f"{word} {'ready' if warm else 'at load'}: {type(err).__name__}: {str(err).splitlines()[0][:160]}"
                        )
                        if warm and result.ready is None:
                            result.ready = float("inf")
                    finally:
                        context.close()
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            try:
                page = context.new_page()
                page.goto(url + timeline_path, wait_until="load", timeout=READY_CAP_S * 1000)
                result.timeline_load = (
                    page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd") / 1000
                )
            except Exception as err:
                errors.append(f"timeline page: {type(err).__name__}: {str(err).splitlines()[0][:160]}")
            finally:
                context.close()
        finally:
            browser.close()
    result.error = "; ".join(errors) or None
    return result


# -- mkdocs serve ----------------------------------------------------------------------------------

BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure_serve_rebuild(
    folder: Path, edit: Path, log: Path, timeout: float, page: str = ""
) -> tuple[float | None, float | None, str | None]:
    """Start ``mkdocs serve --dirty`` as ``make serve`` does (live reload on: without it MkDocs 1.6
    does not watch at all), wait for the first build, add a word to one event file, and time until
    the page served at ``page`` (the event's own, from the site root) carries it.
    Returns (seconds from the edit to the changed page served, MkDocs' own build seconds, error)."""
    port = free_port()
    cmd = [MKDOCS, "serve", "--dirty", "-a", f"127.0.0.1:{port}", "-f", str(folder / "mkdocs.yml")]
    url = f"http://127.0.0.1:{port}/{page}"
    marker = "Editedwhileserving"

    def served() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8", errors="replace")
        except OSError:
            return ""

    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=folder, stdout=out, stderr=subprocess.STDOUT, env=ENV, start_new_session=True)
    try:

        def builds() -> list[str]:
            return BUILT.findall(log.read_text(errors="replace"))

        started = time.perf_counter()
        while not builds() or "Serving on" not in log.read_text(errors="replace"):
            if proc.poll() is not None:
                return None, None, "mkdocs serve exited: " + log.read_text(errors="replace")[-300:]
            if time.perf_counter() - started > timeout:
                return None, None, "first build timed out"
            time.sleep(0.1)
        time.sleep(2.0)  # let the file watcher settle
        if not served():
            return None, None, f"{url} is not served"
        text = edit.read_text(encoding="utf-8")
        edited_at = time.perf_counter()
        edit.write_text(text.rstrip("\n") + f" {marker}.\n", encoding="utf-8")
        while marker not in served():
            if proc.poll() is not None:
                return None, None, "mkdocs serve exited during the rebuild"
            if time.perf_counter() - edited_at > timeout:
                return None, None, "rebuild timed out"
            time.sleep(0.02)
        seconds = time.perf_counter() - edited_at
        time.sleep(0.5)  # MkDocs logs its own time once the build is over
        own = builds()[1:2]
        return seconds, float(own[0]) if own else None, None
    finally:
        if proc.poll() is None:
            _kill_group(proc.pid)
        proc.wait()


# -- one size --------------------------------------------------------------------------------------


@dataclass
class Result:
    n: int
    words: int = 0
    distinct_words: int = 0
    build: Run | None = None
    offline: Run | None = None  # the build with ``offline: true``: the site and its offline edition
    build_has_pdf: bool = False
    check: Run | None = None  # cold: every file checked
    check_warm: Run | None = None  # nothing changed since the last check (its verdicts kept)
    largest_page: tuple[int, str] = (0, "")
    timeline_bytes: int = 0
    timeline_pages: int = 0
    search_index: int = 0
    site_bytes: int = 0
    site_files: int = 0
    rebuild: Run | None = None
    serve: tuple | None = None
    plain: Run | None = None
    blog: Run | None = None
    blog_skipped: str | None = None
    hugo: Run | None = None
    hugo_missing: bool = False
    search: SearchTimes | None = None
    search_offline: SearchTimes | None = None  # the offline edition, unzipped, from file://
    pdf: Run | None = None
    pdf_note: str | None = None
    pdf_pages: int | None = None
    notes: list[str] = field(default_factory=list)


def site_stats(site: Path, r: Result) -> None:
    largest = (0, "")
    total = files = 0
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        files += 1
        if path.suffix == ".html" and size > largest[0]:
            largest = (size, path.relative_to(site).as_posix())
        if path.suffix == ".pdf":
            r.build_has_pdf = True
    r.largest_page, r.site_bytes, r.site_files = largest, total, files
    timeline = list((site / "timeline").rglob("*.html")) if (site / "timeline").is_dir() else []
    r.timeline_pages = len(timeline)
    r.timeline_bytes = sum(p.stat().st_size for p in timeline)
    index = site / "search"  # Material's search_index.json, or the sharded index beside it
    r.search_index = sum(p.stat().st_size for p in index.rglob("*") if p.is_file()) if index.is_dir() else 0


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def bench_size(n: int, work: Path, args, features: Features, blog_state: dict) -> Result:
    r = Result(n)
    base = work / f"n{n}"
    base.mkdir(parents=True)
    logs = base / "logs"
    logs.mkdir()
    log(f"{n} events: writing the synthetic timeline")
    events = Writer(n, args.seed).events()
    words = [w for e in events for w in e.body.split()]
    r.words, r.distinct_words = len(words), len({re.sub(r"[^a-z]", "", w.lower()) for w in words})
    gen = base / "generator"
    write_generator_site(
        gen, events, pdf_off=features.pdf_option and not features.build_pdf_flag, offline_too=features.offline_option
    )
    reps = args.repeat or (3 if n <= 1000 else 1)

    build_cmd = [PYTHON, "-m", "generator", "build", "--site-dir", str(gen / "site")]
    if features.build_pdf_flag:
        build_cmd.append(features.build_pdf_flag)
    log(f"{n} events: generator build x{reps}")
    r.build = repeat(reps, lambda: run_measured(build_cmd, gen, logs / "build.log", args.timeout))
    if not r.build.ok:
        r.notes.append(f"generator build failed ({n}):\n{r.build.tail()}")
        return r
    site_stats(gen / "site", r)
    if features.offline_option:
        log(f"{n} events: generator build with the offline edition x{reps}")
        offline_cmd = [
            PYTHON,
            "-m",
            "generator",
            "--config",
            "mkdocs-offline.yml",
            "build",
            "--site-dir",
            str(gen / "site-offline"),
        ]
        r.offline = repeat(reps, lambda: run_measured(offline_cmd, gen, logs / "build-offline.log", args.timeout))
        unzipped = gen / "offline-unzipped"
        if r.offline.ok and not args.no_browser:
            with zipfile.ZipFile(gen / "site-offline" / "timeline-offline.zip") as archive:
                archive.extractall(unzipped)
            log(f"{n} events: search in Chromium, offline edition from file://")
            if QUIET_WAIT > 0:
                wait_for_quiet()
            r.search_offline = measure_search(unzipped / "timeline-offline", "timeline.html", offline=True)
        shutil.rmtree(gen / "site-offline", ignore_errors=True)
        shutil.rmtree(unzipped, ignore_errors=True)

    check_cmd = [PYTHON, "-m", "generator", "check"]
    cold_cmd = check_cmd + (["--no-cache"] if features.check_cache else [])
    log(f"{n} events: generator check, cold x{reps}")
    r.check = repeat(reps, lambda: run_measured(cold_cmd, gen, logs / "check.log", args.timeout))
    if not r.check.ok:
        r.notes.append(f"check failed ({n}):\n{r.check.tail()}")
    if features.check_cache:
        log(f"{n} events: generator check, nothing changed since the last check x{reps}")
        run_measured(check_cmd, gen, logs / "check-fill.log", args.timeout)  # keeps the verdicts
        r.check_warm = repeat(reps, lambda: run_measured(check_cmd, gen, logs / "check-warm.log", args.timeout))

    edited = gen / "events" / f"{events[n // 3].id}.md"
    edited.write_text(
        edited.read_text(encoding="utf-8").rstrip("\n") + " Edited for the rebuild benchmark.\n", encoding="utf-8"
    )
    log(f"{n} events: rebuild after one edit (a full build)")
    r.rebuild = run_measured(build_cmd, gen, logs / "rebuild.log", args.timeout)

    if not args.no_browser:
        log(f"{n} events: search in Chromium")
        if QUIET_WAIT > 0:
            wait_for_quiet()
        r.search = measure_search(gen / "site")

    if not args.no_serve:
        log(f"{n} events: mkdocs serve rebuild")
        if QUIET_WAIT > 0:
            wait_for_quiet()
        r.serve = measure_serve_rebuild(gen, edited, logs / "serve.log", args.timeout, f"events/{events[n // 3].id}/")

    if n in args.pdf_sizes and not args.no_pdf:
        pdf_out = base / "timeline.pdf"
        if features.pdf_command:
            log(f"{n} events: python -m generator pdf (stopped past {args.pdf_memory_cap:g} GB)")
            r.pdf = run_measured(
                [PYTHON, "-m", "generator", "pdf", "-o", str(pdf_out)],
                gen,
                logs / "pdf.log",
                args.timeout,
                memory_cap=int(args.pdf_memory_cap * 2**30),
            )
            r.pdf_note = "python -m generator pdf"
        if r.pdf is not None:
            found = re.search(r"(\d+) pages|pages (\d+)", r.pdf.log.read_text(errors="replace"))
            r.pdf_pages = int(next(g for g in found.groups() if g)) if found else None
            if r.pdf.capped:
                r.notes.append(f"PDF ({n:,}): stopped after {r.pdf.seconds:.0f} s, its memory past the cap")
            elif not r.pdf.ok:
                r.notes.append(f"PDF failed ({n:,}):\n{r.pdf.tail()}")

    if not args.no_peers:
        plain = base / "plain"
        write_plain_site(plain, events)
        log(f"{n} events: plain mkdocs-material x{reps}")
        r.plain = repeat(
            reps,
            lambda: run_measured(
                [MKDOCS, "build", "-q", "-f", str(plain / "mkdocs.yml"), "-d", str(plain / "site")],
                plain,
                logs / "plain.log",
                args.timeout,
            ),
        )
        if not r.plain.ok:
            r.notes.append(f"plain mkdocs-material failed ({n}):\n{r.plain.tail()}")
        shutil.rmtree(plain / "site", ignore_errors=True)

        if blog_state.get("timed_out_at"):
            r.blog_skipped = f"timeout (skipped: timed out at {blog_state['timed_out_at']:,})"
        else:
            blog = base / "blog"
            write_blog_site(blog, events)
            log(f"{n} events: mkdocs-material blog plugin (timeout {args.blog_timeout:.0f} s)")
            r.blog = run_measured(
                [MKDOCS, "build", "-q", "-f", str(blog / "mkdocs.yml"), "-d", str(blog / "site")],
                blog,
                logs / "blog.log",
                args.blog_timeout,
            )
            if r.blog.timed_out:
                blog_state["timed_out_at"] = n
            elif not r.blog.ok:
                r.notes.append(f"blog plugin failed ({n}):\n{r.blog.tail()}")
            shutil.rmtree(blog, ignore_errors=True)

        hugo = shutil.which("hugo")
        if hugo is None:
            r.hugo_missing = True
        else:
            site = base / "hugo"
            write_hugo_site(site, events)
            log(f"{n} events: hugo x{reps}")
            r.hugo = repeat(
                reps,
                lambda: run_measured(
                    [hugo, "--quiet", "-s", str(site), "-d", str(site / "public")],
                    site,
                    logs / "hugo.log",
                    args.timeout,
                ),
            )
            if not r.hugo.ok:
                r.notes.append(f"hugo failed ({n}):\n{r.hugo.tail()}")
            shutil.rmtree(site, ignore_errors=True)

    if args.profile and n == max(args.sizes):
        profile(gen, base, r)
    return r


def profile(gen: Path, base: Path, r: Result) -> None:
    """pyinstrument over one more build (when installed): text and HTML reports beside the logs."""
    try:
        import pyinstrument  # noqa: F401
    except ImportError:
        r.notes.append("--profile: pyinstrument is not installed (.venv/bin/pip install pyinstrument)")
        return
    log(f"{r.n} events: profiling a build with pyinstrument")
    out = base / "profile.txt"
    run_measured(
        [
            PYTHON,
            "-m",
            "pyinstrument",
            "-r",
            "text",
            "--show-all",
            "-o",
            str(out),
            "-m",
            "generator",
            "build",
            "--site-dir",
            str(gen / "site-profile"),
        ],
        gen,
        base / "logs" / "profile.log",
        3600,
    )
    r.notes.append(f"profile ({r.n} events): {out}")


# -- the table ---------------------------------------------------------------------------------------


def secs(run: Run | None, with_cpu: bool = False) -> str:
    if run is None:
        return "-"
    if run.capped:
        return f"stopped past {run.capped / 2**30:.0f} GB after {run.seconds:.0f} s"
    if run.timed_out:
        return "timeout"
    if run.returncode != 0:
        return "failed"
    return f"{run.seconds:.2f} s" + (f" (cpu {run.cpu:.1f})" if with_cpu else "")


def cpu(run: Run | None) -> str:
    return f"{run.cpu:.2f} s" if run is not None and run.ok else "-"


def mem(run: Run | None) -> str:
    return f"{run.peak_rss / 2**20:,.0f} MB" if run is not None and run.ok else "-"


def size(n: int) -> str:
    if n >= 2**20:
        return f"{n / 2**20:.2f} MB"
    return f"{n / 1024:.0f} KB"


def fsecs(x: float | None, cap: float = SEARCH_CAP_S) -> str:
    if x is None:
        return "-"
    if x == float("inf"):
        return f">{cap:.0f} s"
    return f"{x:.2f} s"


def verdict(ok: bool | None) -> str:
    return "not run" if ok is None else ("PASS" if ok else "FAIL")


def build_table(results: list[Result], features: Features, args) -> str:
    by = {r.n: r for r in results}
    big, mid = by.get(10_000), by.get(1_000)
    rows: list[list[str]] = []

    def row(label: str, cell, target: str = "", ok: bool | None | str = "") -> None:
        rows.append([label, *[cell(r) for r in results], target, ok if isinstance(ok, str) else verdict(ok)])

    def ok_run(run: Run | None) -> bool:
        return run is not None and run.ok

    pdf_in_build = any(r.build_has_pdf for r in results)
    build_label = "generator build, wall" + (
        f" ({features.build_pdf_flag})"
        if features.build_pdf_flag
        else " (includes its PDF)"
        if pdf_in_build
        else " (pdf: false)"
        if features.pdf_option
        else ""
    )
    row(
        build_label,
        lambda r: secs(r.build),
        "10,000: <= 60 s",
        (big.build.seconds <= 60) if big and ok_run(big.build) else None if not big else False,
    )
    row("generator build, CPU (user+sys)", lambda r: cpu(r.build))
    row("other load during build (cores)", lambda r: f"{r.build.others:.2f}" if ok_run(r.build) else "-")
    row(
        "generator build, peak RSS",
        lambda r: mem(r.build),
        "10,000: < 1 GB",
        (big.build.peak_rss < 2**30) if big and ok_run(big.build) else None if not big else False,
    )

    def before(r: Result) -> Result | None:
        """The size measured just before ``r``'s."""
        smaller = [x for x in results if x.n < r.n]
        return smaller[-1] if smaller else None

    def scale(r: Result) -> str:
        prev = before(r)
        if prev and ok_run(prev.build) and ok_run(r.build):
            return f"x{r.build.seconds / prev.build.seconds:.1f} (x{r.n // prev.n} events)"
        return "-"

    huge = by.get(50_000)

    if huge:
        row(
            "generator build, peak RSS at 50,000",
            lambda r: mem(r.build) if r.n == 50_000 else "",
            "50,000: < 4 GB",
            huge.build.peak_rss < 4 * 2**30 if ok_run(huge.build) else False,
        )
    if any(r.offline for r in results):
        row("  same, offline: true (+ offline edition)", lambda r: secs(r.offline, True))
        row("  same, offline: true, peak RSS", lambda r: mem(r.offline))
        row(
            "  site + offline edition / site alone",
            lambda r: f"x{r.offline.seconds / r.build.seconds:.2f}" if ok_run(r.offline) and ok_run(r.build) else "-",
            "10,000: <= 1.3",
            (big.offline.seconds <= 1.3 * big.build.seconds)
            if big and ok_run(big.offline) and ok_run(big.build)
            else None,
        )
    row(
        "build time / time at the size before",
        scale,
        "10,000 / 1,000: <= 12",
        (big.build.seconds <= 12 * mid.build.seconds)
        if big and mid and ok_run(big.build) and ok_run(mid.build)
        else None,
    )
    if huge and big:
        row(
            "  50,000 / 10,000",
            lambda r: scale(r) if r.n == 50_000 else "",
            "50,000 / 10,000: <= 5.5",
            (huge.build.seconds <= 5.5 * big.build.seconds) if ok_run(huge.build) and ok_run(big.build) else False,
        )
        row(  # wall time carries whatever else the machine runs; CPU time much less so
            "  50,000 / 10,000, CPU",
            lambda r: (
                f"x{r.build.cpu / big.build.cpu:.1f}" if r.n == 50_000 and ok_run(r.build) and big.build.cpu else ""
            ),
        )

    def share_of_build(run_of) -> Callable[[Result], str]:
        def cell(r: Result) -> str:
            run = run_of(r)
            if not ok_run(run) or not ok_run(r.build):
                return secs(run, True)
            return f"{secs(run, True)} = {run.seconds / r.build.seconds:.0%} of build"

        return cell

    row(
        "generator check, cold (every file)",
        share_of_build(lambda r: r.check),
        "10,000: <= 10% of build",
        (big.check.seconds <= 0.10 * big.build.seconds) if big and ok_run(big.check) and ok_run(big.build) else None,
    )
    row(
        "generator check, nothing changed",
        lambda r: secs(r.check_warm, True) if r.check_warm else "n/a",
        "10,000: < 1 s",
        (big.check_warm.seconds < 1) if big and ok_run(big.check_warm) else None if not big else False,
    )
    row(
        "largest HTML page",
        lambda r: f"{size(r.largest_page[0])} {r.largest_page[1]}" if r.largest_page[0] else "-",
        "every size: <= 1 MB",
        all(r.largest_page[0] <= 2**20 for r in results if r.largest_page[0]) if results else None,
    )
    row("timeline page(s)", lambda r: f"{size(r.timeline_bytes)} in {r.timeline_pages}" if r.timeline_pages else "-")
    row("search index (search/, all files)", lambda r: size(r.search_index) if r.search_index else "-")
    row("whole site (files)", lambda r: f"{size(r.site_bytes)} ({r.site_files:,})" if r.site_files else "-")
    row("rebuild after 1 edit (full build)", lambda r: secs(r.rebuild, True))

    def serve(r: Result) -> str:
        if r.serve is None:
            return "skipped" if args.no_serve else "-"
        seconds, own, error = r.serve
        if error is not None:
            return "unreliable"
        return f"{seconds:.2f} s ({own:.1f})" if own is not None else f"{seconds:.2f} s"

    serve_ok = None
    if big and big.serve and big.serve[2] is None and ok_run(big.build):
        serve_ok = big.serve[0] <= 0.05 * big.build.seconds
    row("make serve: edit -> page served (own)", serve, "10,000: <= 5% of build", serve_ok)

    row("plain mkdocs-material build", lambda r: secs(r.plain, True))
    row("plain mkdocs-material peak RSS", lambda r: mem(r.plain))

    def one_site(r: Result) -> Run | None:
        """The build to compare with the peers, which build one site: the default build."""
        return r.build

    def overhead(r: Result) -> str:
        mine = one_site(r)
        if ok_run(mine) and ok_run(r.plain):
            return f"{(mine.seconds / r.plain.seconds - 1) * 100:+.0f}%"
        return "-"

    largest = results[-1] if results else None
    label = ""
    big_one = one_site(largest) if largest else None
    row(
        f"generator overhead vs plain{label}, CPU",
        lambda r: (
            f"{(one_site(r).cpu / r.plain.cpu - 1) * 100:+.0f}%"
            if ok_run(one_site(r)) and ok_run(r.plain) and r.plain.cpu
            else "-"
        ),
        f"{largest.n:,}: <= +15%" if largest else "",
        (big_one.cpu <= 1.15 * largest.plain.cpu) if largest and ok_run(big_one) and ok_run(largest.plain) else None,
    )
    row(
        "generator peak RSS / plain's",
        lambda r: f"x{r.build.peak_rss / r.plain.peak_rss:.1f}" if ok_run(r.build) and ok_run(r.plain) else "-",
    )
    row(
        f"generator overhead vs plain{label}",
        overhead,
        f"{largest.n:,}: <= +15%" if largest else "",
        (big_one.seconds <= 1.15 * largest.plain.seconds)
        if largest and ok_run(big_one) and ok_run(largest.plain)
        else None,
    )

    def blog_cell(r: Result) -> str:
        if r.blog_skipped:
            return "timeout"
        if r.blog and r.blog.timed_out:
            return f"timeout >{args.blog_timeout:.0f} s"
        return secs(r.blog, True)

    def vs_blog(r: Result) -> str:
        if ok_run(r.build) and ok_run(r.blog):
            ratio = r.blog.seconds / r.build.seconds
            return f"x{ratio:.1f} faster" if ratio >= 1 else f"x{1 / ratio:.1f} slower"
        if ok_run(r.build) and (r.blog_skipped or (r.blog and r.blog.timed_out)):
            return f">x{args.blog_timeout / r.build.seconds:.0f} faster"
        return "-"

    blog_ok = None
    compared = [
        r for r in results if ok_run(r.build) and (ok_run(r.blog) or r.blog_skipped or (r.blog and r.blog.timed_out))
    ]
    if compared:
        blog_ok = all(r.build.seconds < (r.blog.seconds if ok_run(r.blog) else args.blog_timeout) for r in compared)
    row("blog plugin build", blog_cell)
    row("blog plugin peak RSS", lambda r: mem(r.blog))
    row("generator vs blog plugin", vs_blog, "faster at every size", blog_ok)
    row("hugo build", lambda r: "not installed" if r.hugo_missing else secs(r.hugo, True))
    row("hugo peak RSS", lambda r: mem(r.hugo))
    row(
        "generator time / hugo time",
        lambda r: f"x{r.build.seconds / r.hugo.seconds:.1f}" if ok_run(r.build) and ok_run(r.hugo) else "-",
    )

    def s(getter, cap: float = SEARCH_CAP_S, edition: str = "search"):
        def cell(r: Result) -> str:
            times = getattr(r, edition)
            if times is None:
                return "skipped" if args.no_browser else "-"
            if getter(times) is None and times.ready == float("inf"):
                return "index not ready"
            if times.error and getter(times) is None:
                return "error"
            return fsecs(getter(times), cap)

        return cell

    def search_ok(getter, edition: str = "search") -> bool | None:
        times = getattr(big, edition) if big else None
        if times is None:
            return None
        value = getter(times)
        return value is not None and value < 1.0

    for edition, where in (("search", ""), ("search_offline", ", offline zip")):
        row(f"search index ready after load{where}", s(lambda t: t.ready, READY_CAP_S, edition))
        for when, times in (("typed at load", lambda t: t.cold), ("index ready", lambda t: t.warm)):
            for word, kind in ((RARE_WORD, "rare"), (COMMON_WORD, "common")):
                row(
                    f"search '{word}' ({kind}){where}, {when}",
                    s(lambda t, w=word, times=times: times(t).get(w), edition=edition),
                    "10,000: < 1 s",
                    search_ok(lambda t, w=word, times=times: times(t).get(w), edition),
                )
    row("timeline page load in Chromium", s(lambda t: t.timeline_load))

    pdf_rows(row, results, by, args)

    header = ["measure", *[f"{r.n:,} events" for r in results], "target", "result"]
    widths = [max(len(x[i]) for x in [header, *rows]) for i in range(len(header))]
    numeric = set(range(1, 1 + len(results)))

    def fmt(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in numeric else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=False))
        ).rstrip()

    line = "-" * len(fmt(header))
    return "\n".join([fmt(header), line, *[fmt(r) for r in rows]])


def pdf_rows(row, results: list[Result], by: dict[int, Result], args) -> None:
    """The book at each size it was made at, and its targets: 1,000 events in at most 3x the site's
    build of 1,000, 10,000 in at most 12x the book of 1,000, and under 1.5 GB at 10,000."""
    mid, big = by.get(1_000), by.get(10_000)

    def made(r: Result | None) -> bool:
        return r is not None and r.pdf is not None and r.pdf.ok

    def cell(r: Result) -> str:
        if r.n not in args.pdf_sizes:
            return ""
        if args.no_pdf:
            return "skipped"
        if r.pdf is None:
            return "n/a"
        pages = f", {r.pdf_pages:,} pages" if r.pdf_pages and r.pdf.ok else ""
        return f"{secs(r.pdf, True)}, {mem(r.pdf) if r.pdf.ok else ''}{pages}".rstrip(", ")

    row("PDF book (python -m generator pdf)", cell)
    row(
        "  PDF / site build, same size",
        lambda r: f"x{r.pdf.seconds / r.build.seconds:.1f}" if made(r) and r.build and r.build.ok else "",
        "1,000: <= 3",
        (mid.pdf.seconds <= 3 * mid.build.seconds) if made(mid) and mid.build and mid.build.ok else None,
    )
    row(
        "  PDF at 10,000 / PDF at 1,000",
        lambda r: f"x{r.pdf.seconds / mid.pdf.seconds:.1f}" if r.n == 10_000 and made(r) and made(mid) else "",
        "10,000: <= 12",
        (big.pdf.seconds <= 12 * mid.pdf.seconds) if made(big) and made(mid) else (False if big and big.pdf else None),
    )
    row(
        "  PDF peak RSS",
        lambda r: (mem(r.pdf) if made(r) else secs(r.pdf)) if r.pdf else "",
        "10,000: < 1.5 GB",
        (big.pdf.peak_rss < 1.5 * 2**30) if made(big) else (False if big and big.pdf else None),
    )


def _proc_line(path: str, start: str, value) -> str:
    """``value`` of the first line of a /proc file that starts with ``start``; "?" when there is none."""
    try:
        with open(path) as file:
            return value(next(line for line in file if line.startswith(start)))
    except (OSError, StopIteration, ValueError, IndexError):
        return "?"


def environment() -> str:
    def version(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
        except Exception:
            return "not installed"

    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as pkg

    def pv(name: str) -> str:
        try:
            return pkg(name)
        except PackageNotFoundError:
            return "-"

    cpu = _proc_line("/proc/cpuinfo", "model name", lambda line: line.split(":", 1)[1].strip())
    mem_total = _proc_line("/proc/meminfo", "MemTotal", lambda line: f"{int(line.split()[1]) / 2**20:.0f} GB")
    return (
        f"generator: {commit()} (the working tree as it was; uncommitted changes are not detected)\n"
        f"{datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}, {cpu}, {os.cpu_count()} cores, {mem_total} RAM, "
        f"{platform.system()} {platform.release()}\n"
        f"Python {platform.python_version()}, mkdocs {pv('mkdocs')}, mkdocs-material {pv('mkdocs-material')}, "
        f"Markdown {pv('Markdown')}, typst {pv('typst')}, playwright {pv('playwright')}; "
        f"{version(['hugo', 'version'])}; {version([CHROMIUM, '--version'])}"
    )


def commit() -> str:
    """The commit checked out, read from .git (no git command); a worktree's .git names its folder."""
    try:
        git = common = ROOT / ".git"
        if git.is_file():  # a worktree: "gitdir: PATH", and the refs in the repository's own folder
            git = Path(git.read_text().split(":", 1)[1].strip())
            common = (git / (git / "commondir").read_text().strip()).resolve()
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head[:12]
        ref = head[5:]
        path = common / ref
        if path.exists():
            return f"{ref.rsplit('/', 1)[-1]} {path.read_text().strip()[:12]}"
        for line in (common / "packed-refs").read_text().splitlines():
            if line.endswith(" " + ref):
                return f"{ref.rsplit('/', 1)[-1]} {line[:12]}"
    except OSError:
        pass
    return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="100,1000,10000", help="comma-separated event counts (default: 100,1000,10000)"
    )
    parser.add_argument("--quick", action="store_true", help="100 and 1,000 events only (a smoke run)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--repeat", type=int, default=0, help="runs per build, median kept (default: 3 up to 1,000 events, else 1)"
    )
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds any one command may take")
    parser.add_argument(
        "--blog-timeout", type=float, default=600.0, help="seconds the blog plugin may take (default 600)"
    )
    parser.add_argument("--no-peers", action="store_true", help="skip plain material, the blog plugin and Hugo")
    parser.add_argument("--no-browser", action="store_true", help="skip the search timings in Chromium")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve rebuild")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF")
    parser.add_argument(
        "--pdf-sizes", default="1000,10000", help="the sizes the PDF is made at (default: 1000,10000, of --sizes)"
    )
    parser.add_argument(
        "--pdf-memory-cap",
        type=float,
        default=8.0,
        help="GB of resident memory past which the PDF is stopped and reported so (default 8)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="also profile a build at the largest size (needs pyinstrument)"
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=60.0,
        help="before each measurement, wait up to this many seconds for other processes to go quiet (0: never wait)",
    )
    parser.add_argument("--workdir", type=Path, default=None, help="where to write (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites and logs")
    args = parser.parse_args(argv)
    global QUIET_WAIT
    QUIET_WAIT = args.quiet_wait
    args.sizes = [100, 1000] if args.quick else sorted(int(s.replace("_", "")) for s in args.sizes.split(","))
    args.pdf_sizes = {int(s.replace("_", "")) for s in args.pdf_sizes.split(",") if s.strip()}

    work = args.workdir or Path(tempfile.mkdtemp(prefix="timeline-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    features = Features.detect()
    log(
        f"working in {work}; sizes {args.sizes}; pdf command: {features.pdf_command}; "
        f"build PDF flag: {features.build_pdf_flag}; plugin pdf option: {features.pdf_option}"
    )
    results: list[Result] = []
    blog_state: dict = {}
    try:
        for n in args.sizes:
            results.append(bench_size(n, work, args, features, blog_state))
            if not args.keep:
                for sub in ("generator/site", "generator/site-profile", "plain", "blog", "hugo"):
                    shutil.rmtree(work / f"n{n}" / sub, ignore_errors=True)
    finally:
        if results:
            print()
            print(environment())
            print(
                f"Synthetic timelines (seed {args.seed}): "
                + "; ".join(f"{r.n:,} events, {r.words:,} body words, {r.distinct_words:,} distinct" for r in results)
            )
            print()
            print(build_table(results, features, args))
            for r in results:
                for note in r.notes:
                    print(f"\nnote: {note}")
                if r.serve and r.serve[2]:
                    print(f"\nnote: mkdocs serve at {r.n:,}: {r.serve[2]}")
                if r.search and r.search.error:
                    print(f"\nnote: search at {r.n:,}: {r.search.error}")
                if r.search_offline and r.search_offline.error:
                    print(f"\nnote: offline search at {r.n:,}: {r.search_offline.error}")
            print(
                "\nBuild times: median of the runs (3 up to 1,000 events, else 1); peak RSS: the highest of the runs."
            )
            print("Rebuild: a second full build after editing one event file (the CLI has no incremental build).")
            print(f"Work folder: {work}" + ("" if args.keep else " (sites removed; logs kept)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
