"""Find the event files: every Markdown file under the events folder (the "read" step).

Anything else found there is a Problem, never silently skipped: a file that
looks like an event but would not be built must be named.
"""

from __future__ import annotations

import os
from pathlib import Path

from .problems import Problem
from .reader import shown_path, shown_text


def find_event_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The Markdown files under ``folder``; anything else there is a problem, not silently skipped.

    Hidden folders (``.git``) and hidden files are skipped, except a hidden
    ``.md`` file, which is reported: it looks like an event and would not be
    built. Emacs' lock files (``.#x.md``) are skipped. File names are checked
    by the validation that follows (lowercase letters, digits, hyphens), so two
    files can never share an id or a URL by case or Unicode normalisation alone.
    """
    if not folder.is_dir():
        return [], [Problem(shown_path(folder), 1, 1, "events folder not found")]
    paths, problems = [], []

    def problem(path: Path, message: str) -> None:
        problems.append(Problem(shown_path(path), 1, 1, message))

    for parts, entry in _everything_under(folder, problem):
        path = Path(entry.path)
        if any(part.startswith(".") for part in parts[:-1]) or path.name.startswith(".#"):
            continue
        looks_like_event = path.suffix.lower() in (".md", ".markdown")
        if path.name.startswith("."):
            if looks_like_event:
                problem(
                    path,
                    "hidden file (its name starts with '.'): it would not be built; "
                    "rename it without the '.' or move it out of the events folder",
                )
        elif entry.is_symlink():
            problem(path, "symbolic links are not allowed in the events folder: commit the file itself")
        elif entry.is_dir():
            continue
        elif not entry.is_file():
            problem(path, "not a regular file: only Markdown event files (.md) belong in the events folder")
        elif path.suffix == ".md":
            paths.append(path)
        elif looks_like_event:
            problem(path, f"event files end in '.md', in lowercase: rename it to '{shown_text(path.stem)}.md'")
        else:
            problem(path, "only Markdown event files (.md) belong in the events folder")
    return paths, problems


def _everything_under(folder: Path, problem) -> list[tuple[tuple[str, ...], os.DirEntry]]:
    """Every file and folder under ``folder``, by its parts below it and in their order (a Path's),
    hidden folders not entered and links not followed; a folder that cannot be read is a problem,
    never skipped in silence (``rglob`` would). Read with ``scandir``, whose entries know their
    kind without a ``stat`` each: a preview lists the 10,000 files again after every save."""
    found: list[tuple[tuple[str, ...], os.DirEntry]] = []

    def walk(directory: str, parts: tuple[str, ...]) -> None:
        try:
            with os.scandir(directory) as listing:
                entries = list(listing)
        except OSError as error:
            message = f"cannot read this folder ({error.strerror}): its event files would be missed"
            problem(Path(error.filename), message)
            return
        for entry in entries:
            if entry.name.startswith(".") and entry.is_dir():  # .git: not events
                continue
            found.append(((*parts, entry.name), entry))
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path, (*parts, entry.name))

    walk(str(folder), ())
    return sorted(found, key=lambda item: item[0])
