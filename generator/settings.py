"""Settings outside a build: read ``mkdocs.yml`` the way MkDocs does.

The command line uses this to find the events folder (MkDocs' ``docs_dir``)
and the timeline plugin's vocabularies without running a build.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, display_path
from .vocabulary import Vocabulary

PLUGIN = "timeline"


@dataclass(frozen=True)
class Settings:
    """What validation needs from the site configuration."""

    config_file: Path
    events_dir: Path
    vocabulary: Vocabulary


def load_settings(config_file: Path) -> tuple[Settings | None, list[Problem]]:
    """Settings from ``mkdocs.yml``, or a Problem naming the file."""
    from mkdocs import exceptions
    from mkdocs.config import load_config

    shown = display_path(config_file)
    if not config_file.is_file():
        return None, [Problem(shown, 1, 1, "site configuration not found: run from the project folder or pass --config")]
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        config = load_config(config_file=str(config_file))
    except (exceptions.ConfigurationError, OSError) as err:
        return None, [Problem(shown, 1, 1, f"invalid site configuration: {err}")]
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        return None, [Problem(shown, 1, 1, f"the '{PLUGIN}' plugin is not listed under 'plugins'")]
    try:
        vocabulary = plugin.config.vocabulary()
    except ValueError as err:
        return None, [Problem(shown, 1, 1, f"plugins: {PLUGIN}: {err}")]
    return Settings(config_file, Path(config.docs_dir), vocabulary), []
