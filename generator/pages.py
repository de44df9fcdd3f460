"""Pages: from event files on disk to rendered pages, in one call.

The core both faces share (mkdocs-gen-files style): the MkDocs plugin adds the
pages as virtual files inside a build; ``python -m generator export DIR`` could
write the same pages to disk for any other builder.
"""

from __future__ import annotations

from pathlib import Path

from .problems import ProblemsFound
from .render import RenderedPage, Renderer, Site
from .timeline import Timeline
from .validate import find_event_files, validate_paths
from .vocabulary import Vocabulary


def load_timeline(events_dir: Path, vocabulary: Vocabulary) -> Timeline:
    """Validate every event file; raise ProblemsFound with all problems, or return the Timeline."""
    paths, problems = find_event_files(events_dir)
    events, found = validate_paths(paths, vocabulary)
    if problems or found:
        raise ProblemsFound(problems + found)
    return Timeline(events, vocabulary)


def render_site(timeline: Timeline, site: Site) -> list[RenderedPage]:
    return Renderer(timeline, site).pages()
