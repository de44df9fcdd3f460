"""Settings outside a build: read ``mkdocs.yml`` the way MkDocs does (the MkDocs face).

The command line uses this to find the events folder (MkDocs' ``docs_dir``),
the timeline plugin's vocabularies and options, and the site's name and
address, without running a build.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs import exceptions
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from ...model.vocabulary import Vocabulary
from ...read.problems import Problem, display_path
from ...render.site import PDF_NAME, Site
from .config import TimelineConfig

PLUGIN = "timeline"


@dataclass(frozen=True)
class Settings:
    """What the pipeline needs from the site configuration."""

    config_file: Path
    events_dir: Path
    vocabulary: Vocabulary
    site: Site
    site_dir: Path
    theme_dir: Path | None  # the theme's custom_dir: overrides any builder of the site needs
    snapshots_dir: Path | None = None  # the pages as read, for checking quotes; never published


def load_settings(config_file: Path) -> tuple[Settings | None, list[Problem]]:
    """Settings from ``mkdocs.yml``, or a Problem naming the file."""
    shown = display_path(config_file)
    if not config_file.is_file():
        return None, [
            Problem(shown, 1, 1, "site configuration not found: run from the project folder or pass --config")
        ]
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
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
    custom_dir = config.theme.custom_dir
    return Settings(
        config_file,
        Path(config.docs_dir),
        vocabulary,
        site_of(config, plugin.config),
        Path(config.site_dir),
        Path(custom_dir) if custom_dir else None,
        snapshots_dir(config, plugin.config),
    ), []


def snapshots_dir(config: MkDocsConfig, options: TimelineConfig) -> Path:
    """The snapshots folder: the plugin's ``snapshots`` option, from the folder of ``mkdocs.yml``."""
    return Path(config.config_file_path).parent / options.snapshots


def site_of(config: MkDocsConfig, options: TimelineConfig) -> Site:
    """The site-wide values the pages show, from MkDocs' configuration and the plugin's options."""
    return Site(
        name=config.site_name,
        description=config.site_description or "",
        url=config.site_url or None,
        directory_urls=config.use_directory_urls,
        pdf=PDF_NAME if options.pdf else None,
        page_size=options.page_size,
    )
