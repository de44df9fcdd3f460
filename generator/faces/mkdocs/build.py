"""Build the site with MkDocs into a temporary folder, then swap it in (the MkDocs face).

What ``python -m generator build`` runs. The event files are checked first,
through the plugin, so that problems are reported as ``check`` reports them
rather than as MkDocs' "Aborted"; the build then finds them checked. The site
is built beside ``site/`` and replaces it only when everything succeeded
(``write/swap.py``): a failed build leaves the previous site exactly as it was.

The offline edition is made in the same step, before the swap, from the
site just built (``offline.py``): each page moved to a file of its own
(``events/x.html``: ``events/x/`` would open a folder listing from
``file://``) with its links rebased, the exports that name pages made again,
and the search index inlined as a script, as Material's ``offline`` plugin
writes it (``file://`` pages cannot fetch JSON). Material loads the worker
shim search needs from unpkg.com; the edition loads the site's own copy
instead (``assets/javascripts/iframe-worker-shim.js``), so it asks nothing of
any host. It is zipped into ``timeline-offline.zip`` with fixed file times, so
two builds of the same commit give the same zip.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from mkdocs import exceptions
from mkdocs.commands.build import build

from ... import pipeline
from ...read.problems import display_path, os_error_message
from ...write.archive import zip_files
from ...write.swap import TEMP_PREFIX, Stopped, build_lock, staged
from .offline import edition_files
from .settings import PLUGIN, ConfigError, read_config, site_of
from .theme import missing

__all__ = ["OFFLINE_ZIP", "TEMP_PREFIX", "BuildFailed", "Stopped", "build_site"]

OFFLINE_ZIP = "timeline-offline.zip"
#: zlib's fastest level: at 10,000 events the zip is 120 MB rather than 104 MB at the default
#: level, and deflating takes half the time (tests/benchmarks/README.md).
OFFLINE_ZIP_LEVEL = 1
log = logging.getLogger("mkdocs.plugins.timeline")


class BuildFailed(Exception):
    """MkDocs (or a later step) failed for a reason that is not an event file."""


def build_site(
    config_file: Path,
    site_dir: Path | None = None,
    *,
    strict: bool = True,
    waiting: Callable[[], None] | None = None,
) -> Path:
    """Build the whole site and swap it into place; raise and keep the old one on failure.

    One build of a site at a time: ``waiting()`` is called when another build holds the site's
    lock, and this one then waits for it to end (``write/swap.py``).

    Raises ProblemsFound when an event file is invalid, BuildFailed when the configuration is
    invalid, MkDocs fails or a file cannot be written (a plain message, never a traceback).
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = _load(config_file, strict)
    plugin = _plugin(config)
    target = Path(site_dir or config.site_dir).resolve()
    try:
        with build_lock(target, waiting):
            plugin.timeline(config)  # ProblemsFound, before MkDocs: it reports a plugin's error only as "Aborted"
            _build(config, plugin, target)
    except OSError as err:  # a read-only folder, a full disk: the previous site is still there
        raise BuildFailed(os_error_message(err)) from None
    return target


def _build(config, plugin, target: Path) -> None:
    offline = plugin.config.offline
    with staged(target) as temp:
        config.site_dir = str(temp)
        if offline:
            config.extra["timeline_offline_zip"] = OFFLINE_ZIP  # theme/main.html links it from the home page
        _quiet_mkdocs()
        try:
            build(config)
            if offline:
                _build_offline(config, plugin, temp)
        except exceptions.Abort as err:
            raise BuildFailed(str(err) or "MkDocs aborted") from None


def _load(config_file: Path, strict: bool):
    """The site configuration as MkDocs reads it; BuildFailed names what is wrong with it."""
    try:
        return read_config(config_file, strict)
    except ConfigError as err:
        raise BuildFailed(f"{display_path(config_file)}: {err}") from None


def _build_offline(config, plugin, site: Path) -> Path:
    """Make the offline edition of the site just built in ``site`` and zip it there; the zip's path."""
    replaced = pipeline.offline_files(plugin.built, site_of(config, plugin.config), plugin.product)
    files = edition_files(site, plugin.product, replaced, directory_urls=config.use_directory_urls, skip=OFFLINE_ZIP)
    out = zip_files(files, site / OFFLINE_ZIP, level=OFFLINE_ZIP_LEVEL)
    log.info("timeline: wrote %s (%.1f MB)", out.name, out.stat().st_size / 1e6)
    return out


def _plugin(config):
    """The timeline plugin of a loaded configuration, its options checked."""
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        raise BuildFailed(f"the '{PLUGIN}' plugin is not listed under 'plugins' in the site configuration")
    if message := missing(config):  # said here: MkDocs would report the plugin's error as "Aborted"
        raise BuildFailed(message)
    try:
        plugin.config.vocabulary()
    except ValueError as err:
        raise BuildFailed(f"plugins: {PLUGIN}: {err}") from None
    return plugin


def _quiet_mkdocs() -> None:
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.INFO)
    logging.getLogger("mkdocs.commands.build").setLevel(logging.WARNING)
