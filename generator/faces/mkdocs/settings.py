"""Settings outside a build: read ``mkdocs.yml`` the way MkDocs does (the MkDocs face).

The command line uses this to find the events folder (MkDocs' ``docs_dir``),
the timeline plugin's vocabularies and options, and the site's name and
address, without running a build. What is wrong with ``mkdocs.yml`` comes back
as Problems at a line and column, in plain words: a YAML syntax error where it
is, each of MkDocs' complaints at the line of the key it names.
"""

from __future__ import annotations

import logging
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs import exceptions
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.yaml import get_yaml_loader

from ...model.vocabulary import Vocabulary
from ...read.problems import Problem, display_path, os_error_message
from ...read.yamlstrict import yaml_reason
from ...render.site import PDF_NAME, Site
from .config import TimelineConfig

PLUGIN = "timeline"
#: Said after MkDocs' own words, where they leave a newcomer guessing.
HINTS = {
    "custom_dir": "the timeline's theme comes with its plugin: remove 'custom_dir' from 'theme', "
    "or create that folder for this site's own overrides",
}


@dataclass(frozen=True)
class Settings:
    """What the pipeline needs from the site configuration."""

    config_file: Path
    events_dir: Path
    vocabulary: Vocabulary
    site: Site
    site_dir: Path
    theme_dir: Path | None  # the theme's custom_dir: overrides any builder of the site needs
    pages_dir: Path  # the free-form pages (the plugin's pages option)
    snapshots_dir: Path | None = None  # the pages as read, for checking quotes; never published


class ConfigError(Exception):
    """The site configuration cannot be read, or MkDocs refuses it: MkDocs' own words on why."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("invalid site configuration: " + "; ".join(messages))


def read_config(config_file: Path, strict: bool = True) -> MkDocsConfig:
    """``mkdocs.yml`` read and validated as a build reads it (``strict``: a warning is an error, as
    ``build`` has it by default), so that ``check`` accepts exactly what ``build`` accepts; an
    unknown plugin option, say, fails both. Raises ConfigError with what MkDocs found wrong."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with _errors_logged() as errors:
        try:
            return load_config(config_file=str(config_file), strict=strict)
        except (exceptions.ConfigurationError, exceptions.Abort) as err:
            raise ConfigError(errors or [str(err)]) from None
        except OSError as err:
            raise ConfigError([os_error_message(err)]) from None


def load_settings(config_file: Path) -> tuple[Settings | None, list[Problem]]:
    """Settings from ``mkdocs.yml``, or a Problem naming the file."""
    shown = display_path(config_file)
    if not config_file.is_file():
        return None, [
            Problem(
                shown,
                1,
                1,
                "site configuration not found: run from the project folder, pass --config, "
                "or start a timeline with 'timeline init FOLDER'",
            )
        ]
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    text = config_file.read_text(encoding="utf-8", errors="replace")
    syntax = _syntax(text, shown)
    if syntax:
        return None, syntax
    try:
        config = read_config(config_file)
    except ConfigError as err:
        return None, [_config_problem(text, shown, message) for message in err.messages]
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        return None, [Problem(shown, 1, 1, f"the '{PLUGIN}' plugin is not listed under 'plugins'")]
    try:
        vocabulary = plugin.config.vocabulary()
    except ValueError as err:
        return None, [Problem(shown, 1, 1, f"plugins: {PLUGIN}: {err}")]
    return Settings(
        config_file,
        Path(config.docs_dir),
        vocabulary,
        site_of(config, plugin.config),
        Path(config.site_dir),
        Path(config.theme.custom_dir) if config.theme.custom_dir else None,
        pages_dir(config, plugin.config),
        snapshots_dir(config, plugin.config),
    ), []


def pages_dir(config: MkDocsConfig, options: TimelineConfig) -> Path:
    """The folder of free-form pages, from the folder of mkdocs.yml."""
    return Path(config.config_file_path or ".").parent / options.pages


def snapshots_dir(config: MkDocsConfig, options: TimelineConfig) -> Path:
    """The snapshots folder: the plugin's ``snapshots`` option, from the folder of ``mkdocs.yml``."""
    return Path(config.config_file_path or ".").parent / options.snapshots


def _syntax(text: str, shown: str) -> list[Problem]:
    """A YAML syntax error where it is, in plain words (MkDocs would quote PyYAML's)."""
    try:
        yaml.load(text, Loader=get_yaml_loader())  # noqa: S506 -- MkDocs' own loader, as load_config reads it
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return [Problem(shown, line, col, f"not valid YAML: {yaml_reason(err)}")]
    except yaml.YAMLError as err:
        return [Problem(shown, 1, 1, f"not valid YAML: {err}")]
    return []


@contextmanager
def _errors_logged():
    """The errors and warnings MkDocs logs while it validates a configuration (it raises only
    'Aborted'; in strict mode a warning aborts too), kept instead of printed."""
    errors: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: errors.append(record.getMessage())
    logger = logging.getLogger("mkdocs.config")
    logger.addHandler(handler)
    saved = logger.propagate, logger.level
    logger.propagate, logger.level = False, logging.WARNING  # whatever the level of "mkdocs" above
    try:
        yield errors
    finally:
        logger.removeHandler(handler)
        logger.propagate, logger.level = saved


def _config_problem(text: str, shown: str, message: str) -> Problem:
    """One of MkDocs' complaints, at the line of the top-level key it names, with a hint."""
    named = re.match(r"Config value '([^'.]+)", message)
    found = re.search(rf"^{re.escape(named.group(1))}\s*:", text, re.M) if named else None
    line = text.count("\n", 0, found.start()) + 1 if found else 1
    hints = [hint for word, hint in HINTS.items() if word in message]
    return Problem(shown, line, 1, f"invalid site configuration: {message}" + (f" ({hints[0]})" if hints else ""))


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
