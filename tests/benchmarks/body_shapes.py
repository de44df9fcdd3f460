"""How long the slowest bodies the limits accept take to render, beside plain prose.

The body's limits (generator/check/bodyshape.py) count what makes Python-Markdown slow instead of
timing it. This packs each shape (a motif repeated) as far as the limits let it, first within one
block, then block after block up to the 65,536 characters a body may have, renders it as `check`
does, and prints the time next to that of 64 KiB of plain prose. Run it after changing a limit or
upgrading Markdown:

    .venv/bin/python tests/benchmarks/body_shapes.py            # the shapes below
    .venv/bin/python tests/benchmarks/body_shapes.py '<x ' '[['  # others

Times are the best of three runs, in seconds; a shared machine makes them noisy, so compare the
ratio to prose rather than the seconds.
"""

from __future__ import annotations

import sys
import time

from generator.check.body import MAX_BODY_CHARS, sanitized
from generator.check.bodyshape import shape_problems

#: Each repeated to the limits: what measurements found slow, and what prose is made of.
SHAPES = (
    *("'", '"', "*", "_", "[", "]", "[]", "[x]", "`", "<", "&", "\\", "![", "[x](", "|", "~", "--", "..."),
    *("<a>", "*a", "*a*", "**a**", "'x'", '"x"', "a_b_", "<x", "<x ", "<x y=", "<!--", "<![CDATA[", "&#1;"),
    *("[x](y)", "![x](y)", 'a [x](y "t") ', "[x][y]", "[[x]]", "[[", "![x", "[^a]", "<http://a>", "`a`"),
    *("- x\n", "* x\n", "1. x\n", "> x\n", "# x\n", "x\n", "-\n", "=\n", "---\n", "x  \n", "    x\n"),
    *("[x]: y\n[x]\n", "| a | b |\n|---|---|\n", "<tr><td>x</td></tr>", "\n", " ", "x", "a "),
)
PROSE = "The troops 'arrived' in *Kursk* after a long march, officials said \"about 1,000\" were killed.[^s] "


def packed(unit: str, accepted) -> str:
    """``unit`` repeated as often as ``accepted`` allows (doubling, then halving the step)."""
    text, step = "", 1
    while True:
        longer = text + unit * step
        if len(longer) <= MAX_BODY_CHARS and accepted(longer):
            text, step = longer, step * 2
        elif step > 1:
            step //= 2
        else:
            return text


def body_of(motif: str) -> str:
    """The largest body of blocks of ``motif`` that the limits accept."""
    block = packed(motif, lambda text: not shape_problems(text)).strip("\n") or "x"
    return packed(block + "\n\n", lambda text: not shape_problems(text)).rstrip("\n")


def seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        sanitized(text)
        best = min(best, time.perf_counter() - started)
    return best


def main(motifs: list[str]) -> None:
    sanitized("warm *up*")
    prose = "\n\n".join([PROSE * 8] * 100)[:MAX_BODY_CHARS]
    assert not shape_problems(prose)
    base = seconds(prose)
    print(f"{'shape':<24} {'chars':>6} {'lines':>6} {'seconds':>8} {'x prose':>8}")
    print(f"{'prose (100 paragraphs)':<24} {len(prose):>6} {prose.count(chr(10)) + 1:>6} {base:>8.3f} {1:>8.1f}")
    rows = []
    for motif in motifs:
        text = body_of(motif)
        rows.append((seconds(text), motif, text))
    for took, motif, text in sorted(rows, key=lambda row: row[0], reverse=True):
        print(f"{motif!r:<24} {len(text):>6} {text.count(chr(10)) + 1:>6} {took:>8.3f} {took / base:>8.1f}")


if __name__ == "__main__":
    main([arg.encode().decode("unicode_escape") for arg in sys.argv[1:]] or list(SHAPES))
