"""The sharded search index (generator/searchindex.py) and the worker that reads it.

The worker tests run generator/render/static/assets/javascripts/timeline-search-worker.js in Chromium
and talk to it with Material's message protocol (SETUP 0 -> READY 1, QUERY 2 ->
RESULT 3), served over HTTP (a real worker, fetch) and from file:// (the
iframe-worker shim, script tags), as the site and the offline edition run it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator.render.product import STATIC_DIR
from generator.render.search import index as searchindex
from generator.write import search as write_search

WORKER = STATIC_DIR / "assets" / "javascripts" / "timeline-search-worker.js"
SHIM = STATIC_DIR / "assets" / "javascripts" / "iframe-worker-shim.js"

DOCS = [
    {"location": "", "title": "Timeline", "text": "<p>Home of the timeline.</p>"},
    {
        "location": "events/a/",
        "title": "Frontline shelling near Kursk",
        "text": "<p>Artillery along the frontline.</p>",
        "boost": 2.0,
    },
    {
        "location": "events/a/#references",
        "title": "References",
        "text": "<ol><li>Frontier Post, “Shelling”</li></ol>",
        "boost": 2.0,
    },
    {
        "location": "events/b/",
        "title": "Talks in Київ",
        "text": "<p>Delegates met; the frontline was quiet. Frontlines elsewhere held.</p>",
        "boost": 2.0,
    },
    {
        "location": "events/c/",
        "title": "서울 summit",
        "text": "<p>Leaders met in 서울특별시 &amp; signed.</p>",
        "boost": 2.0,
    },
    {
        "location": "events/d/",
        "title": "&lt;img src=x onerror=alert(1)&gt; raid",
        "text": "<p>&lt;script&gt;alert(2)&lt;/script&gt; raid</p>",
    },
    {
        "location": "events/e/",
        "title": "A long report",
        "text": "<p>"
        + "Opening words of the report. " * 30
        + "The quokkalith was found near the river. "
        + "Closing words of the report. " * 30
        + "</p>",
    },
]
CONFIG = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"]}


def write(site: Path) -> dict:
    (site / "search").mkdir(parents=True)
    (site / "search" / "search_index.json").write_text(json.dumps({"config": CONFIG, "docs": DOCS}))
    stats = write_search.write_site(site)
    js = site / "assets" / "javascripts"
    js.mkdir(parents=True)
    shutil.copy(WORKER, js / WORKER.name)
    shutil.copy(SHIM, js / SHIM.name)
    return stats


def test_small_index_replaces_material_index(tmp_path):
    stats = write(tmp_path)
    small = json.loads((tmp_path / "search" / "search_index.json").read_text())
    assert small["docs"] == []
    manifest = small["config"]["timeline"]
    assert small["config"]["pipeline"] == ["stopWordFilter"]  # Material's config is kept
    assert manifest["docs"] == stats["docs"] == len(DOCS)
    assert manifest["base"] == "../../search/timeline/"
    for key in manifest["shards"]:
        assert (tmp_path / "search" / "timeline" / searchindex.shard_file(key)).is_file()
    assert "the" in manifest["stop"]
    assert "th" not in manifest["shards"]  # "the" is a stop word, as in Material's lunr pipeline


def _terms(site: Path, key: str) -> dict:
    text = (site / "search" / "timeline" / searchindex.shard_file(key)).read_text(encoding="ascii")
    kind, found, payload = searchindex.parse_script(text)
    assert (kind, found) == ("s", key)
    return payload


def test_postings_weights_and_scripts(tmp_path):
    write(tmp_path)
    fr = _terms(tmp_path, "fr")
    assert fr["frontline"] == [1, 17, 2, 1]  # doc 1: title + once in text; doc 3 (delta 2): once
    assert fr["frontier"] == [2, 1]
    assert "frontlines" in fr
    assert _terms(tmp_path, searchindex.shard_key("서울")) == {"서울": [4, 16], "서울특별시": [4, 1]}
    assert "київ" in _terms(tmp_path, searchindex.shard_key("ки"))
    meta = (tmp_path / "search" / "timeline" / "d-0.js").read_text(encoding="utf-8")
    rows = searchindex.parse_script(meta)[2]
    assert rows[2] == ["#references", "References", "Frontier Post, “Shelling”", 1, 2]
    assert rows[4][2] == "Leaders met in 서울특별시 & signed."


def test_chunks_and_term_cap(tmp_path):
    docs = [{"location": f"e/{i}/", "title": f"Event {i}", "text": "word " * 40} for i in range(7)]
    small = write_search.build(docs, tmp_path, chunk_size=3)
    assert sorted(p.name for p in tmp_path.glob("d-*.js")) == ["d-0.js", "d-1.js", "d-2.js"]
    assert small["config"]["timeline"]["chunk"] == 3
    text = (tmp_path / searchindex.shard_file("wo")).read_text()
    assert searchindex.parse_script(text)[2]["word"] == [0, 15, 1, 15, 1, 15, 1, 15, 1, 15, 1, 15, 1, 15]


QUERY_JS = """async ([queries]) => {
  const worker = new Worker(new URL("assets/javascripts/timeline-search-worker.js", location.href).href);
  const index = window.__index || await (await fetch("search/search_index.json")).json();
  const replies = [];
  let wake;
  worker.addEventListener("message", ev => { replies.push(ev.data); wake && wake(); });
  const next = () => new Promise(r => { wake = r; });
  worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
  while (!replies.length) await next();
  const out = {ready: replies[0].type, results: []};
  for (const q of queries) {
    replies.length = 0;
    worker.postMessage({type: 2, data: q});
    while (!replies.length) await next();
    out.results.push(replies[0]);
  }
  return out;
}"""

QUERIES = ["frontl", "frontline artillery", "київ", "서울", "nothingmatches", "the frontline", "", "raid", "quokkal"]


def _check(out):
    assert out["ready"] == 1
    results = [r["data"]["items"] for r in out["results"]]
    assert all(r["type"] == 3 for r in out["results"])
    prefix, both, kyiv, seoul, none, stop, empty, markup, deep = results
    assert [group[0]["location"] for group in prefix] == ["events/a/", "events/b/"]  # title match ranks first
    assert prefix[0][0]["title"] == "<mark>Frontline</mark> shelling near Kursk"
    assert prefix[0][0]["terms"] == {"frontl": True}
    assert "<mark>Frontlines</mark>" in prefix[1][0]["text"]
    assert [group[0]["location"] for group in both] == ["events/a/"]  # AND across words
    assert kyiv[0][0]["title"] == "Talks in <mark>Київ</mark>"
    assert seoul[0][0]["location"] == "events/c/"
    assert "<mark>서울특별시</mark> &amp; signed" in seoul[0][0]["text"]
    assert none == [] and empty == []
    assert [group[0]["location"] for group in stop] == ["events/a/", "events/b/"]
    # Material puts title and text in the page as HTML: markup a contributor wrote comes back as text
    assert markup[0][0]["title"] == "&lt;img src=x onerror=alert(1)&gt; <mark>raid</mark>"
    assert markup[0][0]["text"] == "&lt;script&gt;alert(2)&lt;/script&gt; <mark>raid</mark>"
    # A match deep in a long text shows the passage around it, not the text's start (the teaser)
    passage = deep[0][0]["text"]
    assert passage.startswith("…") and passage.endswith("…") and "Opening" not in passage[:20]
    assert "<mark>quokkalith</mark> was found near the river." in passage
    assert len(passage.replace("<mark>", "").replace("</mark>", "")) <= 182


def test_worker_served(tmp_path, browser):
    from browser import serve

    write(tmp_path)
    (tmp_path / "index.html").write_text("<!doctype html><title>t</title>")
    with serve(tmp_path) as base:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(base + "index.html")
            _check(page.evaluate(QUERY_JS, [QUERIES]))
        finally:
            context.close()


def test_worker_offline_file_url(tmp_path, browser):
    write(tmp_path)
    index = (tmp_path / "search" / "search_index.json").read_text()
    (tmp_path / "search" / "search_index.js").write_text(f"var __index = {index}")
    (tmp_path / "index.html").write_text(
        '<!doctype html><title>t</title><body><script src="assets/javascripts/iframe-worker-shim.js"></script>'
        '<script src="search/search_index.js"></script></body>'
    )
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((tmp_path / "index.html").as_uri())
        assert page.evaluate("window.Worker === window.IFrameWorker")
        _check(page.evaluate(QUERY_JS, [QUERIES]))
    finally:
        context.close()


def test_worker_tries_again_a_file_that_failed_to_load(tmp_path, browser):
    """A shard that fails to load (a dropped connection) gives an empty answer, not a stuck
    search, and a later query loads it again."""
    from browser import serve

    write(tmp_path)
    (tmp_path / "index.html").write_text("<!doctype html><title>t</title>")
    shard = tmp_path / "search" / "timeline" / searchindex.shard_file("fr")
    kept = shard.read_text()
    shard.unlink()
    with serve(tmp_path) as base:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(base + "index.html")
            page.evaluate(ONE_WORKER_JS)
            failed = page.evaluate("q => window.__ask(q)", "frontline")
            shard.write_text(kept)
            again = page.evaluate("q => window.__ask(q)", "frontline")
        finally:
            context.close()
    assert failed["type"] == 3 and failed["data"]["items"] == []
    assert [group[0]["location"] for group in again["data"]["items"]] == ["events/a/", "events/b/"]


#: One worker kept on the page, and __ask(query) -> its next reply.
ONE_WORKER_JS = """async () => {
  const worker = new Worker(new URL("assets/javascripts/timeline-search-worker.js", location.href).href);
  const index = await (await fetch("search/search_index.json")).json();
  let wake;
  worker.addEventListener("message", ev => wake && wake(ev.data));
  const reply = () => new Promise(r => { wake = r; });
  const ready = reply();
  worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
  await ready;
  window.__ask = q => { const next = reply(); worker.postMessage({type: 2, data: q}); return next; };
}"""
