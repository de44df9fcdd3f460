/*
 * Search worker for Material for MkDocs over a prebuilt, sharded index
 * (written by generator/render/search/). It speaks Material's worker protocol
 * unchanged: SETUP (0) -> READY (1), QUERY (2) -> RESULT (3) with
 * { items: SearchItem[][] }, so Material's search box, result list,
 * highlighting and keyboard handling stay as they are.
 *
 * The index manifest arrives in SETUP's config.timeline. Shards (terms by their
 * first two characters) and document chunks are loaded only when a query needs
 * them: with fetch in a real worker, with script tags when Material runs the
 * worker in an iframe (iframe-worker shim, file:// offline edition).
 * The results shown first (SNIPPET_GROUPS pages, SNIPPET_DOCS documents) show
 * the passage of their text around the words that matched, which the text
 * chunks hold; the others show the start of their text, as the metadata has it.
 */
"use strict";
(function () {
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var TITLE = 16;
  var SNIPPET_GROUPS = 20, SNIPPET_DOCS = 60, AROUND = 180;
  var WORD = /[\p{L}\p{N}]+/gu;

  /* Inside the iframe-worker shim there is a document; the first script with a src is this one */
  var framed = typeof document !== "undefined" && typeof WorkerGlobalScope === "undefined";
  var here = framed ? document.querySelector("script[src]").src : self.location.href;

  var manifest = null, base = "", shardSet = null, stop = null;
  var shards = new Map();   /* key -> Promise<{term: postings}> */
  var chunks = new Map();   /* chunk number -> Promise<doc rows> */
  var texts = new Map();    /* text chunk number -> Promise<texts> */
  var waiting = new Map();  /* "kind:key" -> resolve, for script loading */
  var latest = 0;

  self.__tl = function (entry) {
    var id = entry[0] + ":" + entry[1], done = waiting.get(id);
    if (done) { waiting.delete(id); done(entry[2]); }
  };

  function load(kind, key, file) {
    var url = new URL(file, base).href;
    if (!framed)
      return fetch(url).then(function (res) {
        if (!res.ok) throw new Error(url + ": " + res.status);
        return res.text();
      }).then(function (text) {
        return JSON.parse(text.slice(5, text.lastIndexOf(")")))[2];
      });
    return new Promise(function (resolve, reject) {
      waiting.set(kind + ":" + key, resolve);
      var script = document.createElement("script");
      script.charset = "utf-8";  /* whatever the page declares: the index files are UTF-8 */
      script.src = url;
      script.onerror = function () { reject(new Error(url)); };
      document.body.appendChild(script);
    });
  }

  function shardFile(key) {
    var hex = [];
    for (var c of key) hex.push(c.codePointAt(0).toString(16));
    return "s-" + hex.join("-") + ".js";
  }

  /* A file that failed to load is forgotten, so the next query tries it again (a dropped connection) */
  function cached(map, key, make) {
    if (!map.has(key))
      map.set(key, make().catch(function (err) { map.delete(key); throw err; }));
    return map.get(key);
  }

  function shard(key) {
    if (!shardSet.has(key)) return Promise.resolve({});
    return cached(shards, key, function () { return load("s", key, shardFile(key)); });
  }

  function chunk(n) {
    return cached(chunks, n, function () { return load("d", n, "d-" + n + ".js"); });
  }

  function textChunk(n) {
    return cached(texts, n, function () { return load("t", n, "t-" + n + ".js"); });
  }

  function tokens(text) {
    return text.normalize("NFC").toLowerCase().match(WORD) || [];
  }

  /* The shard of a term, as the generator's shard_key gives it (render/search/index.py): its first
     two characters when both are ASCII letters or digits, else a bucket of their FNV-1a hash */
  function keyOf(term) {
    var first = Array.from(term).slice(0, 2);
    if (/^[a-z0-9]{1,2}$/.test(first.join(""))) return first.join("");
    var hash = 0x811c9dc5;
    first.forEach(function (c) { hash = Math.imul(hash ^ c.codePointAt(0), 0x01000193) >>> 0; });
    return "~" + (hash % manifest.buckets);
  }

  /* Scores of the documents holding any of the terms: tf, title, per document */
  function collect(terms, shardData, n) {
    var scores = new Map();
    for (var t = 0; t < terms.length; t++) {
      var row = shardData[terms[t]], doc = 0;
      for (var i = 0; i < row.length; i += 2) {
        doc += row[i];
        var w = row[i + 1];
        var s = (w & TITLE ? 10 : 0) + ((w & 15) ? 1 + Math.log(w & 15) : 0);
        var had = scores.get(doc);
        scores.set(doc, had === undefined ? s : Math.max(had, s));
      }
    }
    return scores;
  }

  function escape(text) {
    if (!/[&<>"]/.test(text)) return text;
    return text.replace(/[&<>"]/g, function (c) {
      return c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;";
    });
  }

  /* HTML of plain text with the words matching the query wrapped in <mark>;
     the index stores NFC text, so offsets of the lower-cased copy line up */
  function highlight(text, words, last) {
    var lower = text.toLowerCase(), hit = last.length > 1 && lower.indexOf(last) >= 0;
    if (!hit) for (var w0 of words) if (lower.indexOf(w0) >= 0) { hit = true; break; }
    if (!hit) return escape(text);
    var out = "", at = 0, m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      var w = m[0].toLowerCase();
      if (words.has(w) || (last.length > 1 && w.startsWith(last))) {
        out += escape(text.slice(at, m.index)) + "<mark>" + escape(m[0]) + "</mark>";
        at = m.index + m[0].length;
      }
    }
    return out + escape(text.slice(at));
  }

  /* The passage of a text around the words that matched (the window of AROUND characters holding
     the most of them, the first such), cut at spaces, the words marked; null when none is in it */
  function snippet(text, words, last) {
    var hits = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) && hits.length < 200) {
      var w = m[0].toLowerCase();
      if (words.has(w) || (last.length > 1 && w.startsWith(last))) hits.push([m.index, w]);
    }
    if (!hits.length) return null;
    var best = hits[0][0], most = 0;
    for (var i = 0; i < hits.length; i++) {
      var seen = new Set();
      for (var j = i; j < hits.length && hits[j][0] < hits[i][0] + AROUND - 60; j++) seen.add(hits[j][1]);
      if (seen.size > most) { most = seen.size; best = hits[i][0]; }
    }
    var start = Math.max(0, best - 60), end = Math.min(text.length, start + AROUND);
    if (start > 0) { var space = text.indexOf(" ", start); if (space >= 0 && space < best) start = space + 1; }
    if (end < text.length) { var before = text.lastIndexOf(" ", end); if (before > best) end = before; }
    return (start > 0 ? "…" : "") + highlight(text.slice(start, end), words, last) + (end < text.length ? "…" : "");
  }

  /* The first results' text: the passage around the words that matched them */
  async function addSnippets(items, ids, words, last) {
    var wanted = [];
    for (var g = 0; g < items.length && g < SNIPPET_GROUPS && wanted.length < SNIPPET_DOCS; g++)
      for (var i = 0; i < items[g].length; i++)
        if (items[g][i].score > 0) wanted.push([items[g][i], ids[g][i]]);
    var size = manifest.text, need = new Set(wanted.map(function (w) { return Math.floor(w[1] / size); }));
    var loaded = new Map();
    await Promise.all(Array.from(need, function (n) {
      return textChunk(n).then(function (chunk) { loaded.set(n, chunk); });
    }));
    wanted.forEach(function (w) {
      var passage = snippet(loaded.get(Math.floor(w[1] / size))[w[1] % size], words, last);
      if (passage) w[0].text = passage;
    });
  }

  /* Let queued messages in: a newer query makes this one stale */
  function pause() {
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function () { channel.port1.close(); resolve(); };
      channel.port2.postMessage(0);
    });
  }

  async function search(query, seq) {
    var all = tokens(query);
    if (!all.length) return { items: [] };
    var last = all[all.length - 1];
    var words = [];
    for (var i = 0; i < all.length - 1; i++)
      if (!stop.has(all[i]) && words.indexOf(all[i]) < 0) words.push(all[i]);
    var exact = words.slice();
    if (words.indexOf(last) < 0) words.push(last);
    var prefixed = last.length > 1;

    /* Postings of each word (the last one by prefix), intersected */
    var loaded = await Promise.all(words.map(function (w) { return shard(keyOf(w)); }));
    if (seq !== latest) return null;
    var perWord = words.map(function (w, k) {
      var data = loaded[k], terms = [];
      if (w === last && prefixed) {
        for (var term in data) if (term.startsWith(w)) terms.push(term);
      } else if (data[w]) terms.push(w);
      return collect(terms, data);
    });
    perWord.sort(function (a, b) { return a.size - b.size; });
    var hits = new Map(perWord[0]);
    for (var k = 1; k < perWord.length && hits.size; k++)
      for (var [doc, s] of hits) {
        var other = perWord[k].get(doc);
        if (other === undefined) hits.delete(doc); else hits.set(doc, s + other);
      }
    if (!hits.size) return { items: [] };

    /* Metadata of the hits, then of their articles */
    var size = manifest.chunk, need = new Set();
    for (var d of hits.keys()) need.add(Math.floor(d / size));
    await Promise.all(Array.from(need, chunk));
    if (seq !== latest) return null;
    var rows = new Map();
    for (var n of need) rows.set(n, await chunk(n));
    var row = function (id) { return rows.get(Math.floor(id / size))[id % size]; };
    var more = new Set();
    for (var d2 of hits.keys()) {
      var p = row(d2)[3];
      if (p >= 0 && !rows.has(Math.floor(p / size))) more.add(Math.floor(p / size));
    }
    for (var n2 of more) rows.set(n2, await chunk(n2));
    await pause();
    if (seq !== latest) return null;

    /* Documents as Material's SearchItem, grouped by article, best first */
    var terms = {};
    for (var w2 of all) if (!stop.has(w2) || w2 === last) terms[w2] = true;
    var marked = new Set(exact);
    var make = function (id, score) {
      var r = row(id), location = r[0];
      if (r[3] >= 0) location = row(r[3])[0].split("#")[0] + location;
      var item = {
        location: location,
        title: highlight(r[1], marked, last),
        text: highlight(r[2], marked, last),
        score: score,
        terms: terms  // also on an article only its sections match: its link then highlights the words too
      };
      if (r[4] !== 1) item.boost = r[4];
      return item;
    };
    var groups = new Map();
    for (var [id, score] of hits) {
      var r2 = row(id), parent = r2[3] >= 0 ? r2[3] : id;
      var boosted = score * (r2[4] || 1) * (r2[3] < 0 ? 5 : 2);
      var g = groups.get(parent);
      if (!g) groups.set(parent, g = { best: 0, items: [], article: false });
      g.items.push([id, boosted]);
      if (boosted > g.best) g.best = boosted;
      if (id === parent) g.article = true;
    }
    var ordered = Array.from(groups.entries()).sort(function (a, b) { return b[1].best - a[1].best; });
    var items = [], ids = [];
    for (var at = 0; at < ordered.length; at++) {
      if (at % 2000 === 1999) {
        await pause();
        if (seq !== latest) return null;
      }
      var g3 = ordered[at][1];
      var sorted = g3.items.sort(function (a, b) { return b[1] - a[1]; });
      if (!g3.article) sorted.push([ordered[at][0], 0]);
      items.push(sorted.map(function (x) { return make(x[0], x[1]); }));
      ids.push(sorted.map(function (x) { return x[0]; }));
    }
    if (manifest.text) {
      await addSnippets(items, ids, marked, last);
      if (seq !== latest) return null;
    }
    return { items: items };
  }

  addEventListener("message", async function (ev) {
    var message = ev.data;
    if (message.type === SETUP) {
      manifest = message.data.config.timeline;
      base = new URL(manifest.base, here).href;
      shardSet = new Set(manifest.shards);
      stop = new Set(manifest.stop);
      postMessage({ type: READY });
    } else if (message.type === QUERY) {
      var seq = ++latest;
      var data;
      try {
        data = await search(message.data, seq);
      } catch (err) {
        console.warn("Search failed: " + message.data, err);
        data = { items: [] };
      }
      if (data && seq === latest) postMessage({ type: RESULT, data: data });
    }
  });
})();
