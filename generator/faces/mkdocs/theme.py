"""The timeline's theme, applied by the plugin itself (the MkDocs face).

Every timeline needs the same overrides of mkdocs-material: ``main.html`` (the
timeline's styles and scripts, Open Graph and JSON-LD, the search worker),
the partials, the sitemap dated from the content (``overrides/`` beside this
module), and the styles and scripts themselves, which are core data
(``render/static/``). They ship inside the package, so a project needs no
``custom_dir`` of its own; the plugin puts both folders among the theme's
folders, after the project's ``custom_dir``, which can still override any file
of them by giving its own at the same path.

Nothing is fetched from other hosts: unless the plugin's ``remote_fonts`` is
on, the theme's ``font`` is set to ``false`` (system fonts), whatever
``mkdocs.yml`` says, and the build says so.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from ...render.product import STATIC_DIR, STATIC_FILES

OVERRIDES_DIR = Path(__file__).resolve().parent / "overrides"
#: What a build cannot do without: a file missing here is a broken installation.
NEEDED = [OVERRIDES_DIR / "main.html", OVERRIDES_DIR / "sitemap.xml", *(STATIC_DIR / name for name in STATIC_FILES)]
SEARCH_PLUGINS = ("search", "material/search")
log = logging.getLogger("mkdocs.plugins.timeline")


def theme_dirs(custom_dir: Path | None) -> list[Path]:
    """The folders a builder's theme reads, lowest priority first: the timeline's static files,
    its overrides of Material, then the project's own ``custom_dir`` (``export`` copies them so)."""
    return [STATIC_DIR, OVERRIDES_DIR, *([custom_dir] if custom_dir else [])]


def missing(config) -> str | None:
    """What the site would lack, and how to fix it; None when it can be built whole."""
    absent = [path for path in NEEDED if not path.is_file()]
    if absent:
        return (
            f"the generator's theme files are missing from its installation ({absent[0]}): "
            "reinstall it (pip install --force-reinstall timeline-generator)"
        )
    if config.theme.name != "material":
        name = config.theme.name
        return f"the site needs the Material theme, not '{name}': set 'theme: {{name: material}}' in mkdocs.yml"
    if not any(name in config.plugins for name in SEARCH_PLUGINS):
        return "the site would have no search: list '- search' under 'plugins' in mkdocs.yml, before '- timeline'"
    return None


def apply_theme(config, remote_fonts: bool, said: bool = False) -> bool:
    """Check that the site can be built whole, and put the timeline's theme folders in place.

    Raises PluginError, saying what is missing and how to fix it, rather than build a site
    without its styles, filters or search. True when it turned the web fonts off (said once,
    unless ``said`` already)."""
    if message := missing(config):
        raise PluginError(f"timeline: {message}")
    dirs = config.theme.dirs
    ours = [str(OVERRIDES_DIR), str(STATIC_DIR)]
    if not all(folder in dirs for folder in ours):
        at = 1 if config.theme.custom_dir else 0  # after the project's own overrides, before Material's
        dirs[at:at] = ours
    if remote_fonts or config.theme.get("font") is False:
        return False
    config.theme["font"] = False
    if not said:
        log.info(
            "timeline: theme font set to false (system fonts), so that the site fetches nothing from "
            "other hosts; 'remote_fonts: true' under the timeline plugin keeps Material's web fonts"
        )
    return True
