"""Problems: what every stage of the pipeline reports instead of raising.

A Problem names a file, a physical line and column (1-based, the opening
``---`` is line 1) and a message that says what is wrong and what a correct
value looks like. Stages collect Problems so that one run reports every
mistake in every file at once.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake at one place.

    >>> str(Problem("events/a.md", 3, 7, "unknown key 'titel'"))
    "events/a.md:3:7: unknown key 'titel'"
    """

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class ProblemsFound(Exception):
    """Raised by a face (CLI, plugin) when validation found problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(summary(self.problems))


def display_path(path: Path) -> str:
    """The path as a contributor wrote it: relative to the working directory when inside it."""
    cwd = os.getcwd()
    try:
        return _resolved(path, cwd).relative_to(_resolved_folder(cwd)).as_posix()
    except ValueError:
        return path.as_posix()


def os_error_message(err: OSError) -> str:
    """What the file system refused, for a message: the file as the contributor names it, and why.

    >>> os_error_message(OSError(28, "No space left on device", "/nowhere/site/a.html"))
    '/nowhere/site/a.html: No space left on device'
    """
    where = display_path(Path(os.fsdecode(err.filename))) if err.filename else ""
    return f"{where}: {err.strerror or err}" if where else str(err.strerror or err)


def _resolved(path: Path, cwd: str) -> Path:
    """``path.resolve()`` but for its last part, resolving its folder once for all its files: a
    check of 10,000 events spent seconds in ``realpath``, which looks up every component of every
    path. A symbolic link keeps its own name, not its target's, which may be outside the project."""
    if path.name in ("", ".", ".."):
        return path.resolve()
    return _resolved_folder(os.path.join(cwd, path.parent)) / path.name


@functools.lru_cache(maxsize=256)
def _resolved_folder(folder: str) -> Path:
    return Path(folder).resolve()


def summary(problems: list[Problem]) -> str:
    """One closing line for a list of problems.

    >>> summary([Problem("a.md", 1, 1, "x"), Problem("a.md", 2, 1, "y"), Problem("b.md", 1, 1, "z")])
    '3 problems in 2 files'
    >>> summary([Problem("a.md", 1, 1, "x")])
    '1 problem in 1 file'
    """
    files = len({p.path for p in problems})
    return f"{_plural(len(problems), 'problem')} in {_plural(files, 'file')}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
