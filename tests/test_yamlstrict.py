"""libyaml and the pure-Python parser compose every front-matter identically."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, ROOT

from generator.read import yamlstrict

FILES = sorted(
    [
        *(FIXTURES / "good").glob("*.md"),
        *(FIXTURES / "bad").glob("*.md"),
        *(FIXTURES / "hostile").glob("*.md"),
        *(ROOT / "events").glob("*.md"),
    ]
)
UNICODE = 'title: "Кім Чен Ин 김정은 — “quoted”"\nsummary: é\nsources:\n  - id: a\n    note: 日本語 text\n'


def _front(path) -> str | None:
    text = path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")
    parts = text.split("\n---\n", 1)
    return "\n" + parts[0][4:] if text.startswith("---\n") and len(parts) == 2 else None


@pytest.mark.skipif(yamlstrict.CParser is None, reason="PyYAML without libyaml: only one parser to compare")
# NUL never reaches compose: the reader refuses the file first.
@pytest.mark.parametrize(
    "text", [UNICODE] + [t for t in map(_front, FILES) if t and "\x00" not in t], ids=lambda t: t[:30]
)
def test_fast_and_pure_python_parsers_agree(text, monkeypatch):
    fast = yamlstrict.compose(text)
    monkeypatch.setattr(yamlstrict, "CParser", None)
    slow = yamlstrict.compose(text)
    assert (fast.data, fast.values, fast.keys, fast.quoted, fast.problems) == (
        slow.data,
        slow.values,
        slow.keys,
        slow.quoted,
        slow.problems,
    )


def test_libyaml_is_used_when_present():
    assert yamlstrict.CParser is not None, "PyYAML's wheels ship libyaml; without it reading is ~6x slower"
