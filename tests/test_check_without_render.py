"""``check`` counts a body and does not render it: it never passes a file the build then refuses.

The build renders every body (``body.body_html``); ``check`` holds it to the same counted limits
(``body.body_problems``) and stops there. The render's one refusal of its own is a RecursionError,
so these tests show that no body within the limits comes near one: the deepest nestings of blocks
and of inline markup the limits let through render, to the same HTML, with a fifth of Python's
default recursion limit, and every fixture file and a few hundred random bodies get the same
problems either way.
"""

from __future__ import annotations

import dataclasses
import inspect
import random
import sys

import pytest
from conftest import FIXTURES, TODAY, VOCABULARY

from generator.check import batch, body, bodyshape, verdicts
from generator.check.validate import validate_file

#: Frames the render may use above the caller's: a fifth of CPython's default limit of 1,000.
FRAMES = 200
OPENERS = ("> ", "- ", "1. ", "* ", "+ ", "2) ")
#: Inline markup that nests: (opening, closing).
INLINE = (("*", "*"), ("**", "**"), ("_", "_"), ("[", "](u)"), ("![", "](u)"), ("<b>", "</b>"), ('"', '"'))


def _render_within(text: str, frames: int = FRAMES) -> str | None:
    """The body rendered with at most ``frames`` frames of Python's stack above this one."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + frames)
    try:
        html, _problems = body.body_html(text)
    finally:
        sys.setrecursionlimit(limit)
    return html


def _blocks(openers: list[str], last: str) -> str:
    """Blocks nested one inside another, each line opening one more level, ``last`` innermost."""
    prefix, lines = "", []
    for opener in openers:
        prefix += opener
        lines.append(prefix + "a")
    return "\n".join([*lines, prefix + last])


def _inline(pairs: list[tuple[str, str]]) -> str:
    """Inline markup nested as deep as it goes: each pair inside the one before."""
    return "".join(o + "w " for o, _ in pairs) + "x" + "".join(" w" + c for _, c in reversed(pairs))


def _packed(openers: list[str], pairs: list[tuple[str, str]]) -> str:
    """Blocks nested as ``openers`` say, around as much of the nested ``pairs`` as the limits allow."""
    low, high = 0, len(pairs)
    while low < high:  # the most pairs within every limit
        middle = (low + high + 1) // 2
        if body.body_problems(_blocks(openers, _inline(pairs[:middle]))):
            high = middle - 1
        else:
            low = middle
    return _blocks(openers, _inline(pairs[:low]))


def _deepest() -> dict[str, str]:
    """Bodies packed to the limits: 16 levels of blocks around up to 500 marks of nested inline markup."""
    emphasis = [("**", "**") if i % 2 else ("*", "*") for i in range(250)]
    links = [("[", "](u)") if i % 2 else ("_", "_") for i in range(250)]
    cases = {f"16 x {opener.strip()}": _packed([opener] * 16, emphasis) for opener in OPENERS}
    cases["16 indents"] = _packed(["    "] * 16, emphasis)
    cases["16 mixed, links"] = _packed([OPENERS[i % len(OPENERS)] for i in range(16)], links)
    cases["no blocks, links"] = _packed([], links)
    return cases


@pytest.mark.parametrize("name", list(_deepest()))
def test_the_deepest_bodies_the_limits_allow_render_in_a_fifth_of_the_recursion_limit(name):
    text = _deepest()[name]
    assert body.body_problems(text) == []  # within every limit ...
    assert max(map(body.nesting, text.split("\n"))) >= body.MAX_BODY_DEPTH or "blocks" in name  # the deepest
    assert len(bodyshape.MARK.findall(text)) > 0.9 * bodyshape.MAX_BLOCK_MARKS or "indents" in name
    html = body.body_html(text)[0]
    assert html is not None and _render_within(text) == html


def test_the_recursion_margin_is_real():
    """The same render, given too few frames, fails or comes out otherwise (Python-Markdown stops
    reading block quotes near the recursion limit): the test above measures something."""
    text = _deepest()["16 x >"]
    assert _render_within(text, frames=20) != body.body_html(text)[0]


def _random_body(rng: random.Random) -> str:
    depth = rng.randint(0, body.MAX_BODY_DEPTH + 2)
    openers = [rng.choice((*OPENERS, "    ")) for _ in range(depth)]
    pairs = [rng.choice(INLINE) for _ in range(rng.randint(0, 180))]
    text = _blocks(openers, _inline(pairs))
    return text * rng.choice((1, 1, 2, 40))  # sometimes past the counts of the whole body


def test_random_bodies_get_the_same_problems_counted_or_rendered():
    rng = random.Random(20261130)
    passed = refused = 0
    for _ in range(300):
        text = _random_body(rng)
        counted = body.body_problems(text)
        html, rendered = body.body_html(text)
        assert counted == rendered, text[:200]
        if counted:
            refused += 1
        else:
            assert html is not None and _render_within(text) == html
            passed += 1
    assert passed >= 100 and refused >= 30  # both sides of the limits were tried


EVENT_FILES = sorted(
    path
    for folder in ("bad", "good", "hostile", "site/events", "eras", "paginated")
    for path in (FIXTURES / folder).rglob("*.md")
    if path.name != "README.md"
)


def test_every_fixture_gets_the_same_verdict_from_check_and_from_the_build():
    assert len(EVENT_FILES) >= 80
    for path in EVENT_FILES:
        checked, problems = validate_file(path, VOCABULARY, TODAY, render=False)
        built, built_problems = validate_file(path, VOCABULARY, TODAY)
        assert problems == built_problems, path
        assert (checked is None) == (built is None), path
        if built is not None:  # the same Event but for the HTML check does not make
            assert dataclasses.replace(checked, body_html=built.body_html) == built
            assert checked.body_html == ""


def test_bodies_the_shape_counts_refuse_are_refused_by_check_too():
    """Each limit of ``bodyshape``, crossed, is reported by the count alone."""
    for text in ("x\n" * (bodyshape.MAX_LINES + 1), "*a*" * 300, "[" * (bodyshape.MAX_BRACKETS + 1), "x" * 70_000):
        assert body.body_problems(text) != []
        assert body.body_problems(text) == body.body_html(text)[1]


def test_check_and_the_build_report_the_same_problems_for_a_folder_of_bad_and_hostile_files(monkeypatch):
    """What ``check`` runs (verdicts made in worker processes) against what the build runs."""
    monkeypatch.setattr(batch, "PARALLEL_FROM", 10)  # both through worker processes, as at scale
    monkeypatch.setattr(batch, "CHUNK", 16)
    paths = [path for path in EVENT_FILES if "site" not in path.parts]
    _verdicts, checked = verdicts.check_files(paths, VOCABULARY, snapshots_dir=None)
    _events, built = batch.validate_paths(paths, VOCABULARY)
    assert checked == built
    assert len({p.path for p in built}) >= 60  # most of the files have something to report
