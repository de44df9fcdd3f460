"""The search index's files as the worker reads them: shard keys, file names, scripts (the "render" step).

What ``index.py`` (a whole index) and ``live.py`` (an index kept between a
preview's rebuilds) both write, and ``write/search.py`` and the tests read:
every file is a script, ``__tl([kind, key, payload]);``, and a term lives in
the shard of its first two characters (see ``index.py``).
"""

from __future__ import annotations

import json
import re
from array import array

#: Shards for the terms that do not start with two ASCII letters or digits.
BUCKETS = 512
ASCII_KEY = re.compile(r"[a-z0-9]{1,2}")


def shard_key(term: str) -> str:
    """The shard a term lives in: its first two characters when they are ASCII letters or digits,
    else ``~`` and a bucket of :data:`BUCKETS` chosen by their 32-bit FNV-1a hash (the worker's
    ``keyOf`` computes the same)."""
    key = term[:2]
    if ASCII_KEY.fullmatch(key):
        return key
    hashed = 0x811C9DC5
    for char in key:
        hashed = ((hashed ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return f"~{hashed % BUCKETS}"


def shard_file(key: str) -> str:
    """A file name for a shard key, ASCII whatever the script (hex code points)."""
    return "s-" + "-".join(f"{ord(c):x}" for c in key) + ".js"


def script(kind: str, key, payload) -> str:
    # ASCII (\\u escapes): a script tag decodes it right whatever charset the page declares
    return "__tl(" + json.dumps([kind, key, payload], separators=(",", ":")) + ");"


def parse_script(text: str) -> list:
    """``[kind, key, payload]`` of an index file's text: what the worker reads, for tools and tests.

    >>> parse_script(script("s", "fr", {"frontline": [0, 17]}))
    ['s', 'fr', {'frontline': [0, 17]}]
    """
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def delta_coded(row: array) -> list[int]:
    """[id, weight, id, weight, ...] with each id but the first as the gap from the one before.

    >>> delta_coded(array("l", [3, 1, 7, 17, 8, 2]))
    [3, 1, 4, 17, 1, 2]
    """
    coded = row.tolist()
    for at in range(len(coded) - 2, 0, -2):
        coded[at] -= coded[at - 2]
    return coded
