"""The sharded search index written into a built site (the "write" step).

``render/search/index.py`` makes the files; this puts them in a folder and puts
the small index in place of Material's ``search/search_index.json``. Run it
after Material's search plugin wrote its index and before its ``offline``
plugin inlines that index into a script.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..render.search.index import index_files

INDEX_PATH = "search/timeline"


def build(docs: Iterable[Mapping], out: Path, **options) -> dict:
    """Write the index of ``docs`` into the folder ``out``; return the small index."""
    files, small = index_files(docs, **options)
    write_files(Path(out), files)
    return small


def write_files(out: Path, files: Mapping[str, str | bytes]) -> None:
    """Each file (a path under ``out`` -> its text or bytes), text as UTF-8."""
    for name, content in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def write_manifest(site: Path, small: dict) -> None:
    """The small index in place of Material's: ASCII, as the offline plugin inlines it in a script."""
    index_file = site / "search" / "search_index.json"
    index_file.parent.mkdir(parents=True, exist_ok=True)
    index_file.write_text(json.dumps(small, separators=(",", ":")), encoding="utf-8")


def write_site(site: Path, docs: Iterable[Mapping] | None = None, **options) -> dict:
    """Replace a built site's ``search/search_index.json`` by the sharded index; its stats.

    Reads Material's index from the site when ``docs`` is not given.
    """
    site = Path(site)
    config = None
    if docs is None:
        with open(site / "search" / "search_index.json", encoding="utf-8") as f:
            material = json.load(f)
        docs, config = material["docs"], material["config"]
    index_path = options.pop("index_path", INDEX_PATH)
    out = site / index_path
    files, small = index_files(docs, config=options.pop("config", config), index_path=index_path, **options)
    write_files(out, files)
    write_manifest(site, small)
    return {
        "files": len(files),
        "bytes": sum(len(text) for text in files.values()),
        "docs": small["config"]["timeline"]["docs"],
    }


if __name__ == "__main__":  # python -m generator.write.search SITE: convert a built site in place
    import sys
    import time

    start = time.perf_counter()
    stats = write_site(Path(sys.argv[1]))
    print(json.dumps({**stats, "seconds": round(time.perf_counter() - start, 2)}))
